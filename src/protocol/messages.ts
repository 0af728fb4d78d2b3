/**
 * Typed messages of the Azure Web PubSub client protocols. This file is the contract between
 * the client, the codecs in `src/protocol/` and the emulator: types and constants only.
 *
 * The shapes deliberately match `@azure/web-pubsub-client` 1.1's public message model (a `kind`
 * discriminant, application-form payloads) so that its event payloads and its pluggable
 * `WebPubSubClientProtocol` interface carry over unchanged. The wire form (`type`, base64, …)
 * exists only inside the codecs.
 */

/** Subprotocol names as they appear in the `Sec-WebSocket-Protocol` header. */
export const JSON_SUBPROTOCOL = "json.webpubsub.azure.v1";
export const JSON_RELIABLE_SUBPROTOCOL = "json.reliable.webpubsub.azure.v1";
export type JsonSubprotocolName = typeof JSON_SUBPROTOCOL | typeof JSON_RELIABLE_SUBPROTOCOL;
export const PROTOBUF_SUBPROTOCOL = "protobuf.webpubsub.azure.v1";
export const PROTOBUF_RELIABLE_SUBPROTOCOL = "protobuf.reliable.webpubsub.azure.v1";
export type ProtobufSubprotocolName = typeof PROTOBUF_SUBPROTOCOL | typeof PROTOBUF_RELIABLE_SUBPROTOCOL;

/** A JSON-serialisable value (the official client's definition). */
export type JSONTypes = string | number | boolean | object;

/** How `data` is to be interpreted: `binary` and `protobuf` carry an `ArrayBuffer` in the app. */
export type WebPubSubDataType = "binary" | "json" | "text" | "protobuf";

/** The error carried by a failed ack. */
export interface AckMessageError {
  /** `Forbidden`, `Duplicate`, `BadRequest`, `InternalServerError`, `NotFound`, `Timeout`, … */
  name: string;
  message: string;
}

/** The error carried by a failed invoke response. */
export interface InvokeResponseError {
  name: string;
  message: string;
}

/**
 * The `kind` of every message the official model classifies as service → client. `invokeResponse`
 * is here (an answer to the client's `invoke`); the JSON protocols also write it, for a service
 * that invokes the client.
 */
export type DownstreamMessageType =
  | "ack"
  | "pong"
  | "connected"
  | "disconnected"
  | "groupData"
  | "serverData"
  | "invokeResponse"
  | "streamAck"
  | "streamNack"
  | "streamClosed"
  | "groupStateSnapshot"
  | "groupStateUpdate";

/**
 * The `kind` of every message the official model classifies as client → service. `cancelInvocation`
 * is here; the JSON protocols also read it, for a service that cancels its invocation of the client.
 */
export type UpstreamMessageType =
  | "joinGroup"
  | "leaveGroup"
  | "sendToGroup"
  | "sendEvent"
  | "sequenceAck"
  | "ping"
  | "invoke"
  | "cancelInvocation"
  | "streamData"
  | "streamEnd"
  | "setGroupState"
  | "subscribeGroupState"
  | "unsubscribeGroupState";

/** What every message has: its `kind`. */
export interface WebPubSubMessageBase {
  kind: DownstreamMessageType | UpstreamMessageType;
}

// ---------------------------------------------------------------------------------------------
// Streams (preview) and group state (preview): the parts of messages that describe them
// ---------------------------------------------------------------------------------------------

/**
 * The `stream` descriptor of a `sendToGroup` that opens a stream. Written on the wire as
 * `{"streamId":…,"idleTimeoutMs":…}`.
 */
export interface StartStreamOptions {
  /** The stream's id, unique among the connection's open streams. */
  streamId: string;
  /** How long the service keeps the stream open without traffic (its default: 300,000 ms). */
  idleTimeoutInMs?: number;
}

/**
 * The error an outbound stream ends with (`streamEnd`). The service names the error; the client
 * gives only a message and an application code.
 */
export interface StreamEndError {
  message?: string;
  userErrorCode?: string;
}

/** The error a stream failed with, as readers see it. */
export interface StreamDataError {
  /** `UserError`, `Cancelled`, `IdleTimeout`, `Forbidden`, `InternalServerError`, … */
  name: string;
  message?: string;
  /** The writer's application code, with `UserError`. */
  userErrorCode?: string;
}

/**
 * The `stream` part of a group message that belongs to a stream.
 *
 * As in the official reader, a parsed descriptor always has all four fields: `endOfStream` and
 * `error` hold `undefined` when the frame has none.
 */
export interface StreamInfo {
  streamId: string;
  /** The fragment's place in its stream, from 1. */
  streamSequenceId: number;
  /** `true` on the stream's last message. */
  endOfStream?: boolean;
  /** Why the stream failed, on its last message. */
  error?: StreamDataError;
}

/** One connection's state in a group (group state, preview). */
export interface GroupStateItem {
  connectionId: string;
  /** Absent for anonymous connections. */
  userId?: string;
  /** Absent when the connection cleared its state. */
  state?: Record<string, string>;
  /** When the state last changed, in Unix epoch milliseconds. */
  updatedAt: number;
}

// ---------------------------------------------------------------------------------------------
// Client → service
// ---------------------------------------------------------------------------------------------

export interface JoinGroupMessage extends WebPubSubMessageBase {
  readonly kind: "joinGroup";
  group: string;
  ackId?: number;
}

export interface LeaveGroupMessage extends WebPubSubMessageBase {
  readonly kind: "leaveGroup";
  group: string;
  ackId?: number;
}

/**
 * A group message, or (with `stream` and no payload) the start of a stream. Our client always sets
 * `noEcho`; a message written without it has no `noEcho` on the wire (the service's default is
 * `false`).
 */
export interface SendToGroupMessage extends WebPubSubMessageBase {
  readonly kind: "sendToGroup";
  group: string;
  ackId?: number;
  /** Absent on a stream start. */
  dataType?: WebPubSubDataType;
  /** Absent on a stream start. */
  data?: JSONTypes | ArrayBuffer;
  noEcho: boolean;
  /** Present when the message opens a stream. */
  stream?: StartStreamOptions;
}

/** `sendEvent` in the SDK; the wire type is `event`. */
export interface SendEventMessage extends WebPubSubMessageBase {
  readonly kind: "sendEvent";
  event: string;
  ackId?: number;
  dataType: WebPubSubDataType;
  data: JSONTypes | ArrayBuffer;
}

export interface SequenceAckMessage extends WebPubSubMessageBase {
  readonly kind: "sequenceAck";
  sequenceId: number;
}

export interface PingMessage extends WebPubSubMessageBase {
  readonly kind: "ping";
}

export interface InvokeMessage extends WebPubSubMessageBase {
  readonly kind: "invoke";
  invocationId: string;
  target?: "event";
  event?: string;
  dataType?: WebPubSubDataType;
  data?: JSONTypes | ArrayBuffer;
}

/** Client → service (cancel the client's invocation) and service → client (cancel the service's). */
export interface CancelInvocationMessage extends WebPubSubMessageBase {
  readonly kind: "cancelInvocation";
  invocationId: string;
}

/**
 * One fragment of an outbound stream, or, with only `streamId`, a keep-alive that resets the
 * stream's idle timer. A fragment has all of `streamSequenceId`, `dataType` and `data`.
 */
export interface StreamDataMessage extends WebPubSubMessageBase {
  readonly kind: "streamData";
  streamId: string;
  /** From 1, rising by exactly 1 per fragment. */
  streamSequenceId?: number;
  dataType?: WebPubSubDataType;
  data?: JSONTypes | ArrayBuffer;
}

/** Ends an outbound stream, successfully or (with `error`) not. */
export interface StreamEndMessage extends WebPubSubMessageBase {
  readonly kind: "streamEnd";
  streamId: string;
  error?: StreamEndError;
}

/** Sets (or, without `state`, clears) the connection's state in a group. */
export interface SetGroupStateMessage extends WebPubSubMessageBase {
  readonly kind: "setGroupState";
  group: string;
  state?: Record<string, string>;
  ackId?: number;
}

export interface SubscribeGroupStateMessage extends WebPubSubMessageBase {
  readonly kind: "subscribeGroupState";
  group: string;
  ackId?: number;
}

export interface UnsubscribeGroupStateMessage extends WebPubSubMessageBase {
  readonly kind: "unsubscribeGroupState";
  group: string;
  ackId?: number;
}

/** Every message a client writes (the official JSON protocol's `writeMessage` kinds). */
export type UpstreamMessage =
  | JoinGroupMessage
  | LeaveGroupMessage
  | SendToGroupMessage
  | SendEventMessage
  | SequenceAckMessage
  | PingMessage
  | InvokeMessage
  | CancelInvocationMessage
  | InvokeResponseMessage
  | StreamDataMessage
  | StreamEndMessage
  | SetGroupStateMessage
  | SubscribeGroupStateMessage
  | UnsubscribeGroupStateMessage;

// ---------------------------------------------------------------------------------------------
// Service → client
// ---------------------------------------------------------------------------------------------

export interface AckMessage extends WebPubSubMessageBase {
  readonly kind: "ack";
  ackId: number;
  success: boolean;
  error?: AckMessageError;
}

export interface GroupDataMessage extends WebPubSubMessageBase {
  readonly kind: "groupData";
  dataType: WebPubSubDataType;
  data: JSONTypes | ArrayBuffer;
  /** Present on reliable subprotocols only. */
  sequenceId?: number;
  group: string;
  /**
   * The sender's user id. Absent when the frame has none (a message from the server or an
   * anonymous connection), as in the official reader, although the type declares it.
   */
  fromUserId: string;
  /** Present when the message is a fragment (or the end) of a stream. */
  stream?: StreamInfo;
}

export interface ServerDataMessage extends WebPubSubMessageBase {
  readonly kind: "serverData";
  dataType: WebPubSubDataType;
  data: JSONTypes | ArrayBuffer;
  /** Present on reliable subprotocols only. */
  sequenceId?: number;
}

export interface ConnectedMessage extends WebPubSubMessageBase {
  readonly kind: "connected";
  connectionId: string;
  /**
   * The connection's user id. Absent when the frame has none (anonymous connections), as in the
   * official reader, although the type declares it.
   */
  userId: string;
  /**
   * Only on reliable subprotocols: absent when the frame has none, as in the official reader,
   * although the type declares it.
   */
  reconnectionToken: string;
}

export interface DisconnectedMessage extends WebPubSubMessageBase {
  readonly kind: "disconnected";
  /** The reason; absent when the frame has none, as in the official reader. */
  message: string;
}

export interface PongMessage extends WebPubSubMessageBase {
  readonly kind: "pong";
}

/** Service → client (the answer to `invoke`) and client → service (the answer to the service's). */
export interface InvokeResponseMessage extends WebPubSubMessageBase {
  readonly kind: "invokeResponse";
  invocationId: string;
  success?: boolean;
  dataType?: WebPubSubDataType;
  data?: JSONTypes | ArrayBuffer;
  error?: InvokeResponseError;
}

/** The service accepted stream traffic up to `expectedSequenceId - 1` (a start is acked with 1). */
export interface StreamAckMessage extends WebPubSubMessageBase {
  readonly kind: "streamAck";
  streamId: string;
  /** The next `streamSequenceId` the service expects. */
  expectedSequenceId: number;
}

/** A retriable stream error (`InvalidSequenceId`, `TransientError`): resend from `expectedSequenceId`. */
export interface StreamNackMessage extends WebPubSubMessageBase {
  readonly kind: "streamNack";
  streamId: string;
  name: string;
  message?: string;
  expectedSequenceId: number;
}

/** The service closed the writer's stream: normally (no `error`) or not. */
export interface StreamClosedMessage extends WebPubSubMessageBase {
  readonly kind: "streamClosed";
  streamId: string;
  error?: {
    name: string;
    message?: string;
  };
}

/** Every connection's state in a group, after a successful `subscribeGroupState`. */
export interface GroupStateSnapshotMessage extends WebPubSubMessageBase {
  readonly kind: "groupStateSnapshot";
  group: string;
  items: GroupStateItem[];
}

/** The states that changed in a subscribed group. */
export interface GroupStateUpdateMessage extends WebPubSubMessageBase {
  readonly kind: "groupStateUpdate";
  group: string;
  items: GroupStateItem[];
}

/** Every message a client reads (the official JSON protocol's `parseMessages` kinds). */
export type DownstreamMessage =
  | AckMessage
  | GroupDataMessage
  | ServerDataMessage
  | ConnectedMessage
  | DisconnectedMessage
  | PongMessage
  | InvokeResponseMessage
  | CancelInvocationMessage
  | StreamAckMessage
  | StreamNackMessage
  | StreamClosedMessage
  | GroupStateSnapshotMessage
  | GroupStateUpdateMessage;

/** Every message either side may send (the official model's union). */
export type WebPubSubMessage = UpstreamMessage | DownstreamMessage;

/**
 * The kinds a client writes: the one list of them. `invokeResponse` and `cancelInvocation` are in
 * both this list and the {@link DownstreamMessage} union (invocations run both ways).
 */
export const UPSTREAM_KINDS: ReadonlySet<string> = new Set<UpstreamMessage["kind"]>([
  "joinGroup",
  "leaveGroup",
  "sendToGroup",
  "sendEvent",
  "sequenceAck",
  "ping",
  "invoke",
  "cancelInvocation",
  "invokeResponse",
  "streamData",
  "streamEnd",
  "setGroupState",
  "subscribeGroupState",
  "unsubscribeGroupState",
]);

/** Whether a message is one a client writes. */
export function isUpstreamMessage(message: WebPubSubMessage): message is UpstreamMessage {
  return UPSTREAM_KINDS.has(message.kind);
}

/**
 * A client subprotocol: how messages become frames and back. The same interface as the official
 * client's, so a protocol object written for it plugs in here.
 */
export interface WebPubSubClientProtocol {
  /** The subprotocol name offered in the WebSocket handshake. */
  readonly name: string;
  /** Whether the service numbers data messages and supports recovery on this subprotocol. */
  readonly isReliableSubProtocol: boolean;
  /** Decodes one incoming frame. Unknown messages decode to `null` (forward compatibility). */
  parseMessages(input: string | ArrayBuffer | Uint8Array): WebPubSubMessage[] | WebPubSubMessage | null;
  /** Encodes one outgoing message as a text (JSON) or binary frame. */
  writeMessage(message: WebPubSubMessage): string | ArrayBuffer;
}

// ---------------------------------------------------------------------------------------------
// Close codes with a meaning in this protocol
// ---------------------------------------------------------------------------------------------

export const CloseCode = {
  /** A deliberate close by either side: not recoverable. */
  Normal: 1000,
  /** Wrong frame type (e.g. binary on a JSON subprotocol). */
  UnsupportedData: 1003,
  /** `ws.close()` with no code, as the official client's `stop()` sends. */
  NoStatus: 1005,
  /** TCP loss with no close frame. */
  Abnormal: 1006,
  /** Invalid or unknown message. */
  InvalidPayload: 1007,
  /** Session gone (recovery impossible) or policy violation (buffer overflow, slow client). */
  PolicyViolation: 1008,
  /** Frame larger than the service accepts. */
  MessageTooBig: 1009,
  /** Service error or restart. */
  InternalError: 1011,
} as const;
