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

// ---------------------------------------------------------------------------------------------
// Client → service
// ---------------------------------------------------------------------------------------------

export interface JoinGroupMessage {
  readonly kind: "joinGroup";
  group: string;
  ackId?: number;
}

export interface LeaveGroupMessage {
  readonly kind: "leaveGroup";
  group: string;
  ackId?: number;
}

export interface SendToGroupMessage {
  readonly kind: "sendToGroup";
  group: string;
  ackId?: number;
  dataType: WebPubSubDataType;
  data: JSONTypes | ArrayBuffer;
  noEcho: boolean;
}

/** `sendEvent` in the SDK; the wire type is `event`. */
export interface SendEventMessage {
  readonly kind: "sendEvent";
  event: string;
  ackId?: number;
  dataType: WebPubSubDataType;
  data: JSONTypes | ArrayBuffer;
}

export interface SequenceAckMessage {
  readonly kind: "sequenceAck";
  sequenceId: number;
}

export interface PingMessage {
  readonly kind: "ping";
}

export interface InvokeMessage {
  readonly kind: "invoke";
  invocationId: string;
  target?: "event";
  event?: string;
  dataType?: WebPubSubDataType;
  data?: JSONTypes | ArrayBuffer;
}

export interface CancelInvocationMessage {
  readonly kind: "cancelInvocation";
  invocationId: string;
}

export type UpstreamMessage =
  | JoinGroupMessage
  | LeaveGroupMessage
  | SendToGroupMessage
  | SendEventMessage
  | SequenceAckMessage
  | PingMessage
  | InvokeMessage
  | CancelInvocationMessage;

// ---------------------------------------------------------------------------------------------
// Service → client
// ---------------------------------------------------------------------------------------------

export interface AckMessage {
  readonly kind: "ack";
  ackId: number;
  success: boolean;
  error?: AckMessageError;
}

export interface GroupDataMessage {
  readonly kind: "groupData";
  dataType: WebPubSubDataType;
  data: JSONTypes | ArrayBuffer;
  /** Present on reliable subprotocols only. */
  sequenceId?: number;
  group: string;
  /** Empty when the sender is anonymous or the server. */
  fromUserId: string;
}

export interface ServerDataMessage {
  readonly kind: "serverData";
  dataType: WebPubSubDataType;
  data: JSONTypes | ArrayBuffer;
  /** Present on reliable subprotocols only. */
  sequenceId?: number;
}

export interface ConnectedMessage {
  readonly kind: "connected";
  connectionId: string;
  /** Empty for anonymous connections. */
  userId: string;
  /** Empty on non-reliable subprotocols. */
  reconnectionToken: string;
}

export interface DisconnectedMessage {
  readonly kind: "disconnected";
  message: string;
}

export interface PongMessage {
  readonly kind: "pong";
}

export interface InvokeResponseMessage {
  readonly kind: "invokeResponse";
  invocationId: string;
  success?: boolean;
  dataType?: WebPubSubDataType;
  data?: JSONTypes | ArrayBuffer;
  error?: InvokeResponseError;
}

export type DownstreamMessage =
  | AckMessage
  | GroupDataMessage
  | ServerDataMessage
  | ConnectedMessage
  | DisconnectedMessage
  | PongMessage
  | InvokeResponseMessage;

/** Every message either side may send. */
export type WebPubSubMessage = UpstreamMessage | DownstreamMessage;

/** The kinds a client sends (the one list of them). */
export const UPSTREAM_KINDS: ReadonlySet<string> = new Set<UpstreamMessage["kind"]>([
  "joinGroup",
  "leaveGroup",
  "sendToGroup",
  "sendEvent",
  "sequenceAck",
  "ping",
  "invoke",
  "cancelInvocation",
]);

/** Whether a message is one a client sends. */
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
