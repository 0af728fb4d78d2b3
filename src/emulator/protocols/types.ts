/**
 * The seam between the emulator and a client subprotocol. A connection's protocol is chosen at
 * upgrade from the subprotocol the client offered; from then on every frame of that connection,
 * in and out, goes through it. Everything else in the emulator (hub, fan-out, sessions, REST,
 * faults) handles typed messages and never sees a frame's syntax.
 */
import { CloseCode } from "../../protocol/messages.js";
import type {
  AckMessage,
  ConnectedMessage,
  DisconnectedMessage,
  GroupDataMessage,
  InvokeResponseMessage,
  JsonSubprotocolName,
  PongMessage,
  ProtobufSubprotocolName,
  ServerDataMessage,
  StreamAckMessage,
  StreamClosedMessage,
  StreamNackMessage,
  UpstreamMessage,
} from "../../protocol/messages.js";
import type { Metadata } from "../metadata.js";

/** A frame as written to the socket (text protocols may give a string or its UTF-8 bytes). */
export type Frame = string | Buffer;

/** What the service carries beside a message's payload (the typed messages have no field for it). */
export interface MessageExtras {
  /** Message metadata (client `sendToGroup`/`event`, REST `X-WebPubSub-Metadata-*`), passed on to receivers. */
  readonly metadata?: Metadata;
  /** A client `sendToGroup`'s `ttlSeconds` (0–300), validated; delivery is immediate. */
  readonly ttlSeconds?: number;
}

/** A data message as the service fans it out; each receiver's `sequenceId` is added per frame. */
export type DataMessage = (Omit<GroupDataMessage, "sequenceId"> | Omit<ServerDataMessage, "sequenceId">) & {
  readonly metadata?: Metadata;
};

/** The names a connection's protocol reports (`raw` for clients with no service subprotocol). */
export type ServiceProtocolName = JsonSubprotocolName | ProtobufSubprotocolName | "raw";

/** Every other service → client message (the stream answers only to protocols that carry streams). */
export type ControlMessage =
  | AckMessage
  | ConnectedMessage
  | DisconnectedMessage
  | PongMessage
  | InvokeResponseMessage
  | StreamAckMessage
  | StreamNackMessage
  | StreamClosedMessage;

/**
 * The outcome of decoding one upstream frame.
 *
 * - `ok`: a message to handle.
 * - `fatal`: the connection cannot be trusted any more and is closed with `closeCode` and
 *   `closeReason` (e.g. 1003 for a frame type the protocol does not use, 1007 for a frame that is
 *   not a message at all).
 * - otherwise the message is refused with `reason`: acked `BadRequest` when it carried a usable
 *   `ackId`, answered with an error `invokeResponse` when it carried an `invocationId`, answered
 *   `streamClosed` (`BadRequest`, ending the stream if it is open) when it was a stream frame with
 *   a readable `streamId`, else ignored.
 */
export type Decoded =
  | { readonly ok: true; readonly message: UpstreamMessage & MessageExtras }
  | {
      readonly ok: false;
      readonly fatal: true;
      readonly reason: string;
      readonly closeCode: number;
      readonly closeReason: string;
    }
  | {
      readonly ok: false;
      readonly fatal: false;
      readonly reason: string;
      readonly ackId?: number;
      readonly invocationId?: string;
      readonly streamId?: string;
    };

/** A frame that is no message of its protocol at all: fatal, closed with 1007 and the reason. */
export function invalidMessage(reason: string): Decoded {
  return {
    ok: false,
    fatal: true,
    reason,
    closeCode: CloseCode.InvalidPayload,
    closeReason: `Invalid message: ${reason}`,
  };
}

/**
 * How a data message is serialised, once per fan-out for all its receivers. Protocols whose data
 * frames differ only by the receiver's sequence id share one encoding (JSON and reliable JSON), so
 * a group with members on both still serialises the message once.
 */
export interface DataEncoding<E> {
  /** For logs and errors. */
  readonly name: string;
  encode(message: DataMessage): E;
}

/** One client subprotocol, as the service speaks it. */
export interface ServiceProtocol<E = unknown> {
  /** The name negotiated in `Sec-WebSocket-Protocol`, or `raw` (widen the union when adding one). */
  readonly name: ServiceProtocolName;
  /**
   * A "simple" WebSocket client's protocol: frames carry payloads only, no envelope, so nothing
   * but data messages is ever written (no `system` frames, acks or pongs) and a user event no
   * handler can answer closes the connection.
   */
  readonly simple?: true;
  /** Whether data messages are numbered, kept until `sequenceAck` and replayed on recovery. */
  readonly reliable: boolean;
  /**
   * Whether this protocol's frames travel as text or as binary WebSocket frames, or `mixed`: a
   * string as a text frame, bytes as a binary frame (raw clients).
   */
  readonly frames: "text" | "binary" | "mixed";
  /** How a data message is serialised once per fan-out. */
  readonly dataEncoding: DataEncoding<E>;
  /**
   * One receiver's frame of an encoded data message: numbered with `sequenceId` on reliable
   * protocols; on the others `sequenceId` is ignored and the frame may be shared by every receiver.
   */
  dataFrame(encoded: E, sequenceId: number): Frame;
  /** Any other service → client message; `undefined` when the protocol has no frame for it. */
  encode(message: ControlMessage): Frame | undefined;
  /** Decodes one upstream frame. Never throws. */
  decode(data: Buffer, isBinary: boolean): Decoded;
}
