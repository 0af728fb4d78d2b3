/**
 * The JSON codec, client → service: {@link encodeUpstream} (the client's side) and
 * {@link decodeUpstream} (the emulator's side).
 */
import type { Decoded, Rejected } from "../decoded.js";
import { isSafeUint } from "../ids.js";
import type { JSONTypes, UpstreamMessage, WebPubSubDataType } from "../messages.js";
import {
  dataProblem,
  ignored,
  invalid,
  isRejected,
  optionalAckId,
  optionalBoolean,
  optionalPayload,
  optionalString,
  optionalUint,
  parseObject,
  payload,
  quote,
  readData,
  readDataType,
  readOptionalPayload,
  uint,
  UNKNOWN,
  unsupported,
  WRONG,
  type Wire,
} from "./fields.js";

/**
 * Encodes a client → service message as a JSON text frame, byte-compatible with what
 * `@azure/web-pubsub-client` 1.1 sends (same field order; undefined fields omitted; `sendToGroup`
 * always carries `noEcho`; `sendEvent` goes out as `"type":"event"`; binary → base64).
 *
 * @param msg - The message in application form.
 * @returns The JSON text.
 * @throws TypeError when the payload does not match its `dataType`, an id is not a non-negative
 *   safe integer, a name is not a string, or the kind is not an upstream kind.
 */
export function encodeUpstream(msg: UpstreamMessage): string {
  switch (msg.kind) {
    case "sendToGroup":
      return `{"type":"sendToGroup","group":${quote(msg.group, "group")}${optionalAckId(msg.ackId)},"noEcho":${msg.noEcho === true}${payload(msg.dataType, msg.data)}}`;
    case "sendEvent":
      return `{"type":"event","event":${quote(msg.event, "event")}${optionalAckId(msg.ackId)}${payload(msg.dataType, msg.data)}}`;
    case "joinGroup":
      return `{"type":"joinGroup","group":${quote(msg.group, "group")}${optionalAckId(msg.ackId)}}`;
    case "leaveGroup":
      return `{"type":"leaveGroup","group":${quote(msg.group, "group")}${optionalAckId(msg.ackId)}}`;
    case "sequenceAck":
      return `{"type":"sequenceAck","sequenceId":${uint(msg.sequenceId, "sequenceId")}}`;
    case "ping":
      return `{"type":"ping"}`;
    case "invoke": {
      if (msg.target !== undefined && msg.target !== "event") {
        throw new TypeError(`invoke target must be "event".`);
      }
      const target = msg.target === undefined ? "" : `,"target":"event"`;
      const event = msg.event === undefined ? "" : `,"event":${quote(msg.event, "event")}`;
      return `{"type":"invoke","invocationId":${quote(msg.invocationId, "invocationId")}${target}${event}${optionalPayload(msg.dataType, msg.data, "invoke")}}`;
    }
    case "cancelInvocation":
      return `{"type":"cancelInvocation","invocationId":${quote(msg.invocationId, "invocationId")}}`;
    default:
      return unsupported((msg satisfies never as { kind?: unknown }).kind, "upstream");
  }
}

/**
 * Decodes a client → service JSON frame, the emulator's side. Never throws.
 *
 * Mirrors {@link decodeDownstream}, with one deliberate difference: inside a known message type,
 * an unknown `dataType` or `invoke` target is `invalid` (with the ackId), not `ignored`, because
 * the service is the authority on what it supports and the sender deserves a `BadRequest` ack.
 * An unknown `type` is still `ignored`; whether to tolerate it or close the connection is the
 * service's policy, not the codec's.
 *
 * @param frame - The text frame as received.
 * @returns The message, or why it was ignored or rejected (with its ackId when readable).
 */
export function decodeUpstream(frame: string): Decoded<UpstreamMessage> {
  const wire = parseObject(frame);
  if (isRejected(wire)) return wire;
  const type = wire.type;
  if (typeof type !== "string") return invalid("type is missing or not a string.");
  switch (type) {
    case "sendToGroup":
    case "event":
    case "joinGroup":
    case "leaveGroup": {
      const ackId = optionalUint(wire.ackId);
      if (ackId === WRONG) return invalid("ackId must be a non-negative safe integer.");
      const result = decodeAcked(type, wire, ackId);
      return "kind" in result ? { status: "ok", message: result } : result;
    }
    case "sequenceAck": {
      const sequenceId = wire.sequenceId;
      if (!isSafeUint(sequenceId)) return invalid("sequenceId must be a non-negative safe integer.");
      return { status: "ok", message: { kind: "sequenceAck", sequenceId } };
    }
    case "ping":
      return { status: "ok", message: { kind: "ping" } };
    case "invoke":
      return decodeInvoke(wire);
    case "cancelInvocation": {
      const invocationId = wire.invocationId;
      if (typeof invocationId !== "string") return invalid("invocationId is missing or not a string.");
      return { status: "ok", message: { kind: "cancelInvocation", invocationId } };
    }
    default:
      return ignored(`Unknown message type "${type}".`);
  }
}

function decodeAcked(
  type: "sendToGroup" | "event" | "joinGroup" | "leaveGroup",
  wire: Wire,
  ackId: number | undefined,
): UpstreamMessage | Rejected {
  let target: unknown;
  if (type === "event") {
    target = wire.event;
    if (typeof target !== "string") return invalid("event is missing or not a string.", ackId);
  } else {
    target = wire.group;
    if (typeof target !== "string") return invalid("group is missing or not a string.", ackId);
  }
  if (type === "joinGroup" || type === "leaveGroup") {
    return ackId === undefined ? { kind: type, group: target } : { kind: type, group: target, ackId };
  }
  const dataType = readDataType(wire.dataType);
  if (dataType === WRONG) return invalid("dataType must be a string.", ackId);
  if (dataType === UNKNOWN) return invalid(`Unknown dataType "${wire.dataType as string}".`, ackId);
  const data = readData(dataType, wire.data);
  if (data === WRONG) return invalid(dataProblem(dataType, wire.data), ackId);
  if (type === "event") {
    return ackId === undefined
      ? { kind: "sendEvent", event: target, dataType, data }
      : { kind: "sendEvent", event: target, ackId, dataType, data };
  }
  const noEcho = optionalBoolean(wire.noEcho);
  if (noEcho === WRONG) return invalid("noEcho must be a boolean.", ackId);
  return ackId === undefined
    ? { kind: "sendToGroup", group: target, dataType, data, noEcho: noEcho === true }
    : { kind: "sendToGroup", group: target, ackId, dataType, data, noEcho: noEcho === true };
}

function decodeInvoke(wire: Wire): Decoded<UpstreamMessage> {
  const invocationId = wire.invocationId;
  if (typeof invocationId !== "string") return invalid("invocationId is missing or not a string.");
  const message: {
    kind: "invoke";
    invocationId: string;
    target?: "event";
    event?: string;
    dataType?: WebPubSubDataType;
    data?: JSONTypes | ArrayBuffer;
  } = { kind: "invoke", invocationId };
  const target = optionalString(wire.target, undefined);
  if (target === WRONG) return invalid("target must be a string.");
  if (target !== undefined) {
    if (target !== "event") return invalid(`Unknown invoke target "${target}".`);
    message.target = target;
  }
  const event = optionalString(wire.event, undefined);
  if (event === WRONG) return invalid("event must be a string.");
  if (event !== undefined) message.event = event;
  const payload = readOptionalPayload(wire, (reason) => invalid(reason));
  if (payload !== undefined && "status" in payload) return payload;
  if (payload !== undefined) {
    message.dataType = payload.dataType;
    message.data = payload.data;
  }
  return { status: "ok", message };
}
