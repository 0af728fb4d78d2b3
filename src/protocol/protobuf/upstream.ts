/**
 * The protobuf codec, client → service: {@link encodeUpstream} (the client's side) and
 * {@link decodeUpstream} (the emulator's side).
 */
import type { Decoded, Rejected } from "../decoded.js";
import type { UpstreamMessage } from "../messages.js";
import {
  dataProblem,
  frameBytes,
  ignored,
  invalid,
  messageData,
  optionalMessageData,
  optionalSafeUint,
  parse,
  readPayload,
  safeUint,
  schema,
  text,
  uint,
  unsupported,
  WRONG,
} from "./fields.js";
import type { azure } from "./webpubsub.v1.js";

type Upstream = azure.webpubsub.UpstreamMessage.$Properties;
type UpstreamDecoded = azure.webpubsub.UpstreamMessage;

/** Sets `ack_id` when there is one: a fire-and-forget send carries none at all (not 0). No spread: hot path. */
function withAck<T extends object>(message: T, ackId: number | undefined): T {
  if (ackId !== undefined) (message as { ackId?: number }).ackId = uint(ackId, "ackId");
  return message;
}

/** The generated message for one upstream message. */
function toWire(msg: UpstreamMessage): Upstream {
  switch (msg.kind) {
    case "sendToGroup": {
      if (msg.dataType === undefined || msg.data === undefined) {
        // A stream start: the stream previews are not in our protobuf schema yet.
        throw new TypeError("A sendToGroup without data (a stream start) cannot be encoded as protobuf yet.");
      }
      const send: Upstream["sendToGroupMessage"] & object = {
        group: text(msg.group, "group"),
        data: messageData(msg.dataType, msg.data),
      };
      // `false` is the default: written only when set, as the official clients do.
      if (msg.noEcho === true) send.noEcho = true;
      return { sendToGroupMessage: withAck(send, msg.ackId) };
    }
    case "sendEvent":
      return {
        eventMessage: withAck(
          { event: text(msg.event, "event"), data: messageData(msg.dataType, msg.data) },
          msg.ackId,
        ),
      };
    case "joinGroup":
      return { joinGroupMessage: withAck({ group: text(msg.group, "group") }, msg.ackId) };
    case "leaveGroup":
      return { leaveGroupMessage: withAck({ group: text(msg.group, "group") }, msg.ackId) };
    case "sequenceAck":
      return { sequenceAckMessage: { sequenceId: uint(msg.sequenceId, "sequenceId") } };
    case "ping":
      return { pingMessage: {} };
    case "invoke": {
      if (msg.target !== undefined && msg.target !== "event") {
        throw new TypeError(`invoke target must be "event".`);
      }
      const data = optionalMessageData(msg.dataType, msg.data, "invoke");
      return {
        invokeEventMessage: {
          event: msg.event === undefined ? "" : text(msg.event, "event"),
          invocationId: text(msg.invocationId, "invocationId"),
          ...(data === undefined ? {} : { data }),
        },
      };
    }
    case "cancelInvocation":
      return { cancelInvocationMessage: { invocationId: text(msg.invocationId, "invocationId") } };
    default:
      // Stream, group-state and invoke-response frames: previews our protobuf schema does not carry.
      return unsupported(msg.kind, "protobuf upstream");
  }
}

/**
 * Encodes a client → service message as the bytes of one binary frame.
 *
 * Optional fields are absent when unset: no `ack_id` on a fire-and-forget send, no `no_echo`
 * unless it is `true`. An `invoke` becomes `InvokeEventMessage` (its only target is the event
 * handler; an absent event name is written as the empty string, the field's default).
 *
 * @param msg - The message in application form.
 * @returns The frame's bytes (in Node, a `Buffer`).
 * @throws TypeError when the payload does not match its `dataType`, an id is not a non-negative
 *   safe integer, a name is not a string, or the kind is not an upstream kind.
 */
export function encodeUpstream(msg: UpstreamMessage): Uint8Array {
  return schema.UpstreamMessage.encode(toWire(msg)).finish();
}

/**
 * Decodes a client → service binary frame, the emulator's side. Never throws.
 *
 * Like the JSON codec's `decodeUpstream`: inside a known message, a payload of an unknown kind,
 * a missing payload or an id past 2^53 - 1 is `invalid` with the ackId when it could be read, so the
 * service can answer with a `BadRequest` ack; a message kind this schema does not know (e.g. the
 * preview stream and group-state requests) is `ignored`. `no_echo` absent means `false`; an
 * `InvokeEventMessage` decodes with `target: "event"`.
 *
 * @param frame - The binary frame as received (a text frame is `invalid`).
 * @returns The message, or why it was ignored or rejected (with its ackId when readable).
 */
export function decodeUpstream(frame: ArrayBuffer | Uint8Array): Decoded<UpstreamMessage> {
  const bytes = frameBytes(frame);
  if (!(bytes instanceof Uint8Array)) return bytes;
  const wire = parse(schema.UpstreamMessage.decode, bytes);
  if ("status" in wire) return wire;
  const result = fromWire(wire);
  return "kind" in result ? { status: "ok", message: result } : result;
}

function fromWire(wire: UpstreamDecoded): UpstreamMessage | Rejected {
  switch (wire.message) {
    case "sendToGroupMessage":
    case "eventMessage": {
      const m = wire.message === "sendToGroupMessage" ? wire.sendToGroupMessage! : wire.eventMessage!;
      const ackId = optionalSafeUint(m.ackId);
      if (ackId === WRONG) return invalid("ack_id must be at most 2^53 - 1.");
      if (m.data === null || m.data === undefined) return invalid("data is required.", ackId);
      const payload = readPayload(m.data);
      if (payload === undefined) return invalid("data has no known member.", ackId);
      if (payload === WRONG) return invalid(dataProblem(m.data), ackId);
      const acked = ackId === undefined ? {} : { ackId };
      if (wire.message === "eventMessage") {
        return { kind: "sendEvent", event: wire.eventMessage!.event, ...acked, ...payload };
      }
      const send = wire.sendToGroupMessage!;
      return { kind: "sendToGroup", group: send.group, ...acked, ...payload, noEcho: send.noEcho === true };
    }
    case "joinGroupMessage":
    case "leaveGroupMessage": {
      const m = wire.message === "joinGroupMessage" ? wire.joinGroupMessage! : wire.leaveGroupMessage!;
      const kind = wire.message === "joinGroupMessage" ? "joinGroup" : "leaveGroup";
      const ackId = optionalSafeUint(m.ackId);
      if (ackId === WRONG) return invalid("ack_id must be at most 2^53 - 1.");
      return ackId === undefined ? { kind, group: m.group } : { kind, group: m.group, ackId };
    }
    case "sequenceAckMessage": {
      const sequenceId = safeUint(wire.sequenceAckMessage!.sequenceId);
      if (sequenceId === WRONG) return invalid("sequence_id must be at most 2^53 - 1.");
      return { kind: "sequenceAck", sequenceId };
    }
    case "pingMessage":
      return { kind: "ping" };
    case "invokeEventMessage": {
      const m = wire.invokeEventMessage!;
      if (m.data === null || m.data === undefined) {
        return { kind: "invoke", invocationId: m.invocationId, target: "event", event: m.event };
      }
      const payload = readPayload(m.data);
      if (payload === undefined) return invalid("data has no known member.");
      if (payload === WRONG) return invalid(dataProblem(m.data));
      return { kind: "invoke", invocationId: m.invocationId, target: "event", event: m.event, ...payload };
    }
    case "cancelInvocationMessage":
      return { kind: "cancelInvocation", invocationId: wire.cancelInvocationMessage!.invocationId };
    default:
      return ignored("Unknown upstream message kind.");
  }
}
