/**
 * The protobuf codec, service → client: {@link encodeDownstream} (the emulator's side) and
 * {@link decodeDownstream} (the client's side).
 */
import type { Decoded, Rejected } from "../decoded.js";
import type { DownstreamMessage, GroupDataMessage, InvokeResponseMessage } from "../messages.js";
import {
  bool,
  dataProblem,
  errorMessage,
  frameBytes,
  ignored,
  invalid,
  messageData,
  optionalMessageData,
  optionalSafeUint,
  parse,
  readError,
  readPayload,
  safeUint,
  schema,
  text,
  uint,
  unsupported,
  WRONG,
} from "./fields.js";
import type { azure } from "./webpubsub.v1.js";

type Downstream = azure.webpubsub.DownstreamMessage.$Properties;
type DownstreamDecoded = azure.webpubsub.DownstreamMessage;
type DataMessage = NonNullable<Downstream["dataMessage"]>;

function toWire(msg: DownstreamMessage): Downstream {
  switch (msg.kind) {
    case "groupData": {
      // No sender user id on this subprotocol: `fromUserId` is not written.
      const data: DataMessage = {
        from: "group",
        group: text(msg.group, "group"),
        data: messageData(msg.dataType, msg.data),
      };
      if (msg.sequenceId !== undefined) data.sequenceId = uint(msg.sequenceId, "sequenceId");
      return { dataMessage: data };
    }
    case "serverData": {
      const data: DataMessage = { from: "server", data: messageData(msg.dataType, msg.data) };
      if (msg.sequenceId !== undefined) data.sequenceId = uint(msg.sequenceId, "sequenceId");
      return { dataMessage: data };
    }
    case "ack":
      return {
        ackMessage: {
          ackId: uint(msg.ackId, "ackId"),
          success: bool(msg.success, "success"),
          ...(msg.error === undefined ? {} : { error: errorMessage(msg.error, "ack") }),
        },
      };
    case "connected":
      return {
        systemMessage: {
          connectedMessage: {
            connectionId: text(msg.connectionId, "connectionId"),
            userId: text(msg.userId, "userId"),
            // Absent on the non-reliable subprotocol (and whenever there is none), as in the JSON codec.
            ...(msg.reconnectionToken === undefined || msg.reconnectionToken === ""
              ? {}
              : { reconnectionToken: text(msg.reconnectionToken, "reconnectionToken") }),
          },
        },
      };
    case "disconnected":
      return { systemMessage: { disconnectedMessage: { reason: text(msg.message, "message") } } };
    case "pong":
      return { pongMessage: {} };
    case "invokeResponse": {
      const data = optionalMessageData(msg.dataType, msg.data, "invokeResponse");
      return {
        invokeResponseMessage: {
          invocationId: text(msg.invocationId, "invocationId"),
          // A plain bool on the wire: absent reads as false.
          success: msg.success === undefined ? false : bool(msg.success, "success"),
          ...(data === undefined ? {} : { data }),
          ...(msg.error === undefined ? {} : { error: errorMessage(msg.error, "invokeResponse") }),
        },
      };
    }
    default:
      // Stream and group-state frames (previews our protobuf schema does not carry), cancelInvocation.
      return unsupported(msg.kind, "protobuf downstream");
  }
}

/**
 * Encodes a service → client message as the bytes of one binary frame, in the shape Microsoft's
 * emulator writes: no `fromUserId` (the schema has none), no `group` on server messages, no
 * `sequence_id` unless the message has one, no `reconnection_token` when it is empty.
 *
 * @param msg - The message in application form.
 * @returns The frame's bytes (in Node, a `Buffer`).
 * @throws TypeError on the same programmer errors as `encodeUpstream`.
 */
export function encodeDownstream(msg: DownstreamMessage): Uint8Array {
  return schema.DownstreamMessage.encode(toWire(msg)).finish();
}

/**
 * The core of {@link decodeDownstream}, returning the bare message on success so callers that
 * re-wrap it allocate nothing twice.
 *
 * @internal
 */
export function decodeDownstreamMessage(frame: ArrayBuffer | Uint8Array): DownstreamMessage | Rejected {
  const bytes = frameBytes(frame);
  if (!(bytes instanceof Uint8Array)) return bytes;
  const wire = parse(schema.DownstreamMessage.decode, bytes);
  if ("status" in wire) return wire;
  return fromWire(wire);
}

function fromWire(wire: DownstreamDecoded): DownstreamMessage | Rejected {
  switch (wire.message) {
    case "dataMessage": {
      const m = wire.dataMessage!;
      if (m.from !== "group" && m.from !== "server") return ignored(`Unknown message source "${m.from}".`);
      const sequenceId = optionalSafeUint(m.sequenceId);
      if (sequenceId === WRONG) return invalid("sequence_id must be at most 2^53 - 1.");
      if (m.data === null || m.data === undefined) return invalid("data is required.");
      const payload = readPayload(m.data);
      // A data kind newer than this codec: skipped, as an unknown JSON dataType is.
      if (payload === undefined) return ignored("Unknown data kind.");
      if (payload === WRONG) return invalid(dataProblem(m.data));
      if (m.from === "server") {
        return sequenceId === undefined
          ? { kind: "serverData", dataType: payload.dataType, data: payload.data }
          : { kind: "serverData", dataType: payload.dataType, data: payload.data, sequenceId };
      }
      if (m.group === null || m.group === undefined) return invalid("group is required on a group message.");
      // No sender user id on this subprotocol: `fromUserId` is absent, as in a JSON message without one
      // (the official model declares it; its reader leaves it out too).
      return (
        sequenceId === undefined
          ? { kind: "groupData", dataType: payload.dataType, data: payload.data, group: m.group }
          : { kind: "groupData", dataType: payload.dataType, data: payload.data, sequenceId, group: m.group }
      ) as GroupDataMessage;
    }
    case "ackMessage": {
      const m = wire.ackMessage!;
      const ackId = safeUint(m.ackId);
      if (ackId === WRONG) return invalid("ack_id must be at most 2^53 - 1.");
      const error = readError(m.error);
      return error === undefined
        ? { kind: "ack", ackId, success: m.success }
        : { kind: "ack", ackId, success: m.success, error };
    }
    case "systemMessage": {
      const m = wire.systemMessage!;
      if (m.message === "connectedMessage") {
        const c = m.connectedMessage!;
        return {
          kind: "connected",
          connectionId: c.connectionId,
          userId: c.userId,
          reconnectionToken: c.reconnectionToken ?? "",
        };
      }
      if (m.message === "disconnectedMessage")
        return { kind: "disconnected", message: m.disconnectedMessage!.reason };
      return ignored("Unknown system message.");
    }
    case "pongMessage":
      return { kind: "pong" };
    case "invokeResponseMessage":
      return decodeInvokeResponse(wire.invokeResponseMessage!);
    default:
      // Preview kinds (stream acks, group state) and kinds newer than this schema.
      return ignored("Unknown downstream message kind.");
  }
}

function decodeInvokeResponse(
  m: azure.webpubsub.DownstreamMessage.InvokeResponseMessage,
): DownstreamMessage | Rejected {
  const message: InvokeResponseMessage = {
    kind: "invokeResponse",
    invocationId: m.invocationId,
    success: m.success,
  };
  if (m.data !== null && m.data !== undefined) {
    const payload = readPayload(m.data);
    if (payload === undefined) return ignored("Unknown data kind.");
    if (payload === WRONG) return invalid(dataProblem(m.data));
    message.dataType = payload.dataType;
    message.data = payload.data;
  }
  const error = readError(m.error);
  if (error !== undefined) message.error = error;
  return message;
}

/**
 * Decodes a service → client binary frame. Never throws: malformed bytes (a truncated field, a bad
 * length, invalid UTF-8 in a string), a text frame, an id past 2^53 - 1 or unparsable `json_data`
 * are `invalid`; a message, system message or data kind this schema does not know is `ignored`;
 * unknown fields are skipped. `fromUserId` is absent (the schema has no such field).
 *
 * @param frame - The binary frame as received.
 * @returns The message, or why it was ignored or rejected.
 */
export function decodeDownstream(frame: ArrayBuffer | Uint8Array): Decoded<DownstreamMessage> {
  const result = decodeDownstreamMessage(frame);
  return "kind" in result ? { status: "ok", message: result } : result;
}
