/**
 * The JSON codec, client → service: {@link encodeUpstream} (the client's side) and
 * {@link decodeUpstream} (the emulator's side).
 */
import type { Decoded, Rejected } from "../decoded.js";
import { isSafeUint } from "../ids.js";
import type {
  InvokeMessage,
  InvokeResponseError,
  SendEventMessage,
  SendToGroupMessage,
  SetGroupStateMessage,
  StreamDataMessage,
  UpstreamMessage,
} from "../messages.js";
import { decodeInvokeResponse } from "./downstream.js";
import {
  bool,
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
  type Payload,
  type Wire,
} from "./fields.js";
import {
  readCancelInvocation,
  readStartStream,
  readState,
  readStreamEndError,
  startStream,
  stateObject,
  streamEndError,
} from "./parts.js";

/**
 * Encodes a client → service message as a JSON text frame, byte-compatible with what
 * `@azure/web-pubsub-client` 1.1's JSON protocols write: the same field order, absent fields left
 * out (a `sendToGroup` without `noEcho` has none; our client always sets it), `sendEvent` as
 * `"type":"event"`, binary as base64, a stream descriptor's `idleTimeoutInMs` as `idleTimeoutMs`.
 * Where the official writer would silently write something broken (a payload without its
 * `dataType`, a `streamData` with only some of its fragment fields, a mistyped field), this one
 * throws instead.
 *
 * @param msg - The message in application form.
 * @returns The JSON text.
 * @throws TypeError when the payload does not match its `dataType`, an id is not a non-negative
 *   safe integer, a name is not a string, or the kind is not an upstream kind.
 */
export function encodeUpstream(msg: UpstreamMessage): string {
  switch (msg.kind) {
    case "sendToGroup": {
      const noEcho = msg.noEcho === undefined ? "" : `,"noEcho":${bool(msg.noEcho, "noEcho")}`;
      const stream = msg.stream === undefined ? "" : startStream(msg.stream);
      return `{"type":"sendToGroup","group":${quote(msg.group, "group")}${optionalAckId(msg.ackId)}${noEcho}${optionalPayload(msg.dataType, msg.data, "sendToGroup")}${stream}}`;
    }
    case "sendEvent":
      return `{"type":"event","event":${quote(msg.event, "event")}${optionalAckId(msg.ackId)}${payload(msg.dataType, msg.data)}}`;
    case "joinGroup":
    case "leaveGroup":
    case "subscribeGroupState":
    case "unsubscribeGroupState":
      return `{"type":"${msg.kind}","group":${quote(msg.group, "group")}${optionalAckId(msg.ackId)}}`;
    case "setGroupState": {
      const state = msg.state === undefined ? "" : `,"state":${stateObject(msg.state)}`;
      return `{"type":"setGroupState","group":${quote(msg.group, "group")}${optionalAckId(msg.ackId)}${state}}`;
    }
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
    case "invokeResponse": {
      const success = msg.success === undefined ? "" : `,"success":${bool(msg.success, "success")}`;
      const error = msg.error === undefined ? "" : `,"error":${responseError(msg.error)}`;
      return `{"type":"invokeResponse","invocationId":${quote(msg.invocationId, "invocationId")}${success}${error}${optionalPayload(msg.dataType, msg.data, "invokeResponse")}}`;
    }
    case "cancelInvocation":
      return `{"type":"cancelInvocation","invocationId":${quote(msg.invocationId, "invocationId")}}`;
    case "streamData":
      return `{"type":"streamData","streamId":${quote(msg.streamId, "streamId")}${fragment(msg)}}`;
    case "streamEnd": {
      const error = msg.error === undefined ? "" : `,"error":${streamEndError(msg.error)}`;
      return `{"type":"streamEnd","streamId":${quote(msg.streamId, "streamId")}${error}}`;
    }
    default:
      return unsupported((msg satisfies never as { kind?: unknown }).kind, "upstream");
  }
}

/** A `streamData`'s fragment: all three fields (a fragment) or none (a keep-alive). */
function fragment(msg: StreamDataMessage): string {
  const { streamSequenceId, dataType, data } = msg;
  if (streamSequenceId === undefined && dataType === undefined && data === undefined) return "";
  if (streamSequenceId === undefined || dataType === undefined || data === undefined) {
    throw new TypeError(
      "streamData needs streamSequenceId, dataType and data (a fragment), or none (a keep-alive).",
    );
  }
  return `,"streamSequenceId":${uint(streamSequenceId, "streamSequenceId")}${payload(dataType, data)}`;
}

/** An invokeResponse's error, written whole as the official writer writes it. */
function responseError(error: InvokeResponseError): string {
  if (typeof error !== "object" || error === null)
    throw new TypeError("invokeResponse error must be an object.");
  quote(error.name, "invokeResponse error.name");
  if (error.message !== undefined) quote(error.message, "invokeResponse error.message");
  return JSON.stringify(error);
}

/**
 * Decodes a client → service JSON frame, the emulator's side. Never throws.
 *
 * Mirrors {@link decodeDownstream}, with deliberate differences: a missing `dataType` means
 * `json` (the service's documented default), and inside a known message type an unknown
 * `dataType` or `invoke` target is `invalid` (with the ackId), not `ignored`, because the service
 * is the authority on what it supports and the sender deserves a `BadRequest` ack. An unknown
 * `type` is still `ignored`; whether to tolerate it or close the connection is the service's
 * policy, not the codec's — as are the stream rules (a non-empty `streamId`, ids from 1, a
 * positive idle timeout, no ackId on a stream start).
 *
 * @param frame - The text frame as received.
 * @returns The message, or why it was ignored or rejected (with its ackId when readable).
 */
export function decodeUpstream(frame: string): Decoded<UpstreamMessage> {
  const result = decodeUpstreamMessage(frame);
  return "kind" in result ? { status: "ok", message: result } : result;
}

function decodeUpstreamMessage(frame: string): UpstreamMessage | Rejected {
  const wire = parseObject(frame);
  if (isRejected(wire)) return wire;
  const type = wire.type;
  if (typeof type !== "string") return invalid("type is missing or not a string.");
  switch (type) {
    case "sendToGroup":
    case "event":
    case "joinGroup":
    case "leaveGroup":
    case "setGroupState":
    case "subscribeGroupState":
    case "unsubscribeGroupState": {
      const ackId = optionalUint(wire.ackId);
      if (ackId === WRONG) return invalid("ackId must be a non-negative safe integer.");
      return decodeAcked(type, wire, ackId);
    }
    case "sequenceAck": {
      const sequenceId = wire.sequenceId;
      if (!isSafeUint(sequenceId)) return invalid("sequenceId must be a non-negative safe integer.");
      return { kind: "sequenceAck", sequenceId };
    }
    case "ping":
      return { kind: "ping" };
    case "invoke":
      return decodeInvoke(wire);
    case "invokeResponse":
      return decodeInvokeResponse(wire, readRequestPayload);
    case "cancelInvocation":
      return readCancelInvocation(wire);
    case "streamData":
      return decodeStreamData(wire);
    case "streamEnd": {
      if (typeof wire.streamId !== "string") return invalid("streamId is missing or not a string.");
      const error = readStreamEndError(wire.error);
      if (error === WRONG)
        return invalid("error must be an object of optional strings message and userErrorCode.");
      return error === undefined
        ? { kind: "streamEnd", streamId: wire.streamId }
        : { kind: "streamEnd", streamId: wire.streamId, error };
    }
    default:
      return ignored(`Unknown message type "${type}".`);
  }
}

/** A payload whose `dataType` defaults to `json` and must be known. */
function readRequestPayload(wire: Wire): Payload | Rejected | undefined {
  return readOptionalPayload(wire, (reason) => invalid(reason));
}

/** A required payload (`dataType` defaulting to `json`), or the rejection with the ackId. */
function requiredPayload(wire: Wire, ackId: number | undefined): Payload | Rejected {
  const dataType = readDataType(wire.dataType);
  if (dataType === WRONG) return invalid("dataType must be a string.", ackId);
  if (dataType === UNKNOWN) return invalid(`Unknown dataType "${wire.dataType as string}".`, ackId);
  const data = readData(dataType, wire.data);
  if (data === WRONG) return invalid(dataProblem(dataType, wire.data), ackId);
  return { dataType, data };
}

function decodeAcked(
  type:
    | "sendToGroup"
    | "event"
    | "joinGroup"
    | "leaveGroup"
    | "setGroupState"
    | "subscribeGroupState"
    | "unsubscribeGroupState",
  wire: Wire,
  ackId: number | undefined,
): UpstreamMessage | Rejected {
  if (type === "event") {
    const event = wire.event;
    if (typeof event !== "string") return invalid("event is missing or not a string.", ackId);
    const body = requiredPayload(wire, ackId);
    if ("status" in body) return body;
    const message: SendEventMessage = { kind: "sendEvent", event, dataType: body.dataType, data: body.data };
    if (ackId !== undefined) message.ackId = ackId;
    return message;
  }
  const group = wire.group;
  if (typeof group !== "string") return invalid("group is missing or not a string.", ackId);
  switch (type) {
    case "joinGroup":
    case "leaveGroup":
    case "subscribeGroupState":
    case "unsubscribeGroupState":
      return ackId === undefined ? { kind: type, group } : { kind: type, group, ackId };
    case "setGroupState": {
      const state = readState(wire.state);
      if (state === WRONG) return invalid("state must be an object whose values are strings.", ackId);
      const message: SetGroupStateMessage = { kind: "setGroupState", group };
      if (ackId !== undefined) message.ackId = ackId;
      if (state !== undefined) message.state = state;
      return message;
    }
    case "sendToGroup":
      return decodeSendToGroup(wire, group, ackId);
  }
}

/** A group message, or a stream start (a `stream` descriptor and no payload). */
function decodeSendToGroup(wire: Wire, group: string, ackId: number | undefined): UpstreamMessage | Rejected {
  const noEcho = optionalBoolean(wire.noEcho);
  if (noEcho === WRONG) return invalid("noEcho must be a boolean.", ackId);
  const stream = readStartStream(wire.stream);
  if (stream === WRONG) {
    return invalid(
      "stream must be {streamId, idleTimeoutMs?} with a string id and an integer timeout.",
      ackId,
    );
  }
  const message: SendToGroupMessage = { kind: "sendToGroup", group, noEcho: noEcho === true };
  if (ackId !== undefined) message.ackId = ackId;
  const bare =
    (wire.data === undefined || wire.data === null) &&
    (wire.dataType === undefined || wire.dataType === null);
  if (stream === undefined || !bare) {
    const body = requiredPayload(wire, ackId);
    if ("status" in body) return body;
    message.dataType = body.dataType;
    message.data = body.data;
  }
  if (stream !== undefined) message.stream = stream;
  return message;
}

/** A fragment (`streamSequenceId`, `dataType`, `data`), or a keep-alive (only `streamId`). */
function decodeStreamData(wire: Wire): UpstreamMessage | Rejected {
  const streamId = wire.streamId;
  if (typeof streamId !== "string") return invalid("streamId is missing or not a string.");
  const sequenceId = optionalUint(wire.streamSequenceId);
  if (sequenceId === WRONG) return invalid("streamSequenceId must be a non-negative safe integer.");
  const bare =
    (wire.data === undefined || wire.data === null) &&
    (wire.dataType === undefined || wire.dataType === null);
  if (sequenceId === undefined && bare) return { kind: "streamData", streamId };
  if (sequenceId === undefined) return invalid("streamSequenceId is missing from a stream fragment.");
  const body = requiredPayload(wire, undefined);
  if ("status" in body) return body;
  return {
    kind: "streamData",
    streamId,
    streamSequenceId: sequenceId,
    dataType: body.dataType,
    data: body.data,
  };
}

function decodeInvoke(wire: Wire): UpstreamMessage | Rejected {
  const invocationId = wire.invocationId;
  if (typeof invocationId !== "string") return invalid("invocationId is missing or not a string.");
  const message: InvokeMessage = { kind: "invoke", invocationId };
  const target = optionalString(wire.target, undefined);
  if (target === WRONG) return invalid("target must be a string.");
  if (target !== undefined) {
    if (target !== "event") return invalid(`Unknown invoke target "${target}".`);
    message.target = target;
  }
  const event = optionalString(wire.event, undefined);
  if (event === WRONG) return invalid("event must be a string.");
  if (event !== undefined) message.event = event;
  const payload = readRequestPayload(wire);
  if (payload !== undefined && "status" in payload) return payload;
  if (payload !== undefined) {
    message.dataType = payload.dataType;
    message.data = payload.data;
  }
  return message;
}
