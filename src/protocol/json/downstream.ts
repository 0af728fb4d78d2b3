/**
 * The JSON codec, service → client: {@link encodeDownstream} (the emulator's side) and
 * {@link decodeDownstream} (the client's side).
 */
import type { Decoded, Rejected } from "../decoded.js";
import { isSafeUint } from "../ids.js";
import type { DownstreamMessage, InvokeResponseMessage } from "../messages.js";
import {
  bool,
  dataProblem,
  errorObject,
  ignored,
  invalid,
  isRejected,
  knownDataType,
  optionalBoolean,
  optionalPayload,
  optionalString,
  optionalUint,
  parseObject,
  payload,
  quote,
  readData,
  readError,
  uint,
  unsupported,
  untypedIsIgnored,
  WRONG,
  type Payload,
  type Wire,
} from "./fields.js";
import {
  closedError,
  connectedMessage,
  disconnectedMessage,
  readPartsMessage,
  readStreamInfo,
  stateItems,
  streamInfo,
} from "./parts.js";

/**
 * Encodes a service → client message as a JSON text frame, in the shape the service documents
 * (e.g. `{"sequenceId":1,"type":"message","from":"group",…}`). Optional fields are written when
 * present and left out when absent — `fromUserId`, `userId`, `reconnectionToken` and the
 * `disconnected` reason included (the official emulator omits an empty `fromUserId` and token by
 * leaving them out of the message).
 *
 * @param msg - The message in application form.
 * @returns The JSON text.
 * @throws TypeError on the same programmer errors as {@link encodeUpstream}.
 */
export function encodeDownstream(msg: DownstreamMessage): string {
  switch (msg.kind) {
    case "groupData": {
      const seq = msg.sequenceId === undefined ? "" : `"sequenceId":${uint(msg.sequenceId, "sequenceId")},`;
      const from = msg.fromUserId === undefined ? "" : `,"fromUserId":${quote(msg.fromUserId, "fromUserId")}`;
      const stream = msg.stream === undefined ? "" : streamInfo(msg.stream);
      return `{${seq}"type":"message","from":"group","group":${quote(msg.group, "group")}${from}${payload(msg.dataType, msg.data)}${stream}}`;
    }
    case "serverData": {
      const seq = msg.sequenceId === undefined ? "" : `"sequenceId":${uint(msg.sequenceId, "sequenceId")},`;
      return `{${seq}"type":"message","from":"server"${payload(msg.dataType, msg.data)}}`;
    }
    case "ack": {
      const error = msg.error === undefined ? "" : `,"error":${errorObject(msg.error, "ack")}`;
      return `{"type":"ack","ackId":${uint(msg.ackId, "ackId")},"success":${bool(msg.success, "success")}${error}}`;
    }
    case "connected": {
      const user = msg.userId === undefined ? "" : `,"userId":${quote(msg.userId, "userId")}`;
      const token =
        msg.reconnectionToken === undefined
          ? ""
          : `,"reconnectionToken":${quote(msg.reconnectionToken, "reconnectionToken")}`;
      return `{"type":"system","event":"connected"${user},"connectionId":${quote(msg.connectionId, "connectionId")}${token}}`;
    }
    case "disconnected": {
      const reason = msg.message === undefined ? "" : `,"message":${quote(msg.message, "message")}`;
      return `{"type":"system","event":"disconnected"${reason}}`;
    }
    case "pong":
      return `{"type":"pong"}`;
    case "invokeResponse": {
      const success = msg.success === undefined ? "" : `,"success":${bool(msg.success, "success")}`;
      const error = msg.error === undefined ? "" : `,"error":${errorObject(msg.error, "invokeResponse")}`;
      return `{"type":"invokeResponse","invocationId":${quote(msg.invocationId, "invocationId")}${success}${optionalPayload(msg.dataType, msg.data, "invokeResponse")}${error}}`;
    }
    case "cancelInvocation":
      return `{"type":"cancelInvocation","invocationId":${quote(msg.invocationId, "invocationId")}}`;
    case "streamAck":
      return `{"type":"streamAck","streamId":${quote(msg.streamId, "streamId")},"expectedSequenceId":${uint(msg.expectedSequenceId, "expectedSequenceId")}}`;
    case "streamNack": {
      const reason = msg.message === undefined ? "" : `,"message":${quote(msg.message, "message")}`;
      return `{"type":"streamNack","streamId":${quote(msg.streamId, "streamId")},"expectedSequenceId":${uint(msg.expectedSequenceId, "expectedSequenceId")},"name":${quote(msg.name, "name")}${reason}}`;
    }
    case "streamClosed": {
      const error = msg.error === undefined ? "" : `,"error":${closedError(msg.error)}`;
      return `{"type":"streamClosed","streamId":${quote(msg.streamId, "streamId")}${error}}`;
    }
    case "groupStateSnapshot":
    case "groupStateUpdate":
      return `{"type":"${msg.kind}","group":${quote(msg.group, "group")},"items":${stateItems(msg.items)}}`;
    default:
      return unsupported((msg satisfies never as { kind?: unknown }).kind, "downstream");
  }
}

/**
 * The core of {@link decodeDownstream}, returning the bare message on success so callers that
 * re-wrap it (e.g. into an array) allocate nothing twice.
 *
 * @internal
 */
export function decodeDownstreamMessage(frame: string): DownstreamMessage | Rejected {
  const wire = parseObject(frame);
  if (isRejected(wire)) return untypedIsIgnored(wire);
  const type = wire.type;
  switch (type) {
    case "message":
      return decodeData(wire);
    case "ack": {
      const ackId = wire.ackId;
      if (!isSafeUint(ackId)) return invalid("ackId must be a non-negative safe integer.");
      const success = wire.success;
      if (typeof success !== "boolean") return invalid("success is missing or not a boolean.", ackId);
      const error = readError(wire.error);
      if (error === WRONG) return invalid("error must be an object with a string name.", ackId);
      return error === undefined ? { kind: "ack", ackId, success } : { kind: "ack", ackId, success, error };
    }
    case "system": {
      const event = wire.event;
      if (event === "connected") {
        const connectionId = wire.connectionId;
        if (typeof connectionId !== "string") return invalid("connectionId is missing or not a string.");
        const userId = optionalString(wire.userId, undefined);
        if (userId === WRONG) return invalid("userId must be a string or null.");
        const reconnectionToken = optionalString(wire.reconnectionToken, undefined);
        if (reconnectionToken === WRONG) return invalid("reconnectionToken must be a string.");
        return connectedMessage(connectionId, userId, reconnectionToken);
      }
      if (event === "disconnected") {
        const message = optionalString(wire.message, undefined);
        if (message === WRONG) return invalid("message must be a string.");
        return disconnectedMessage(message);
      }
      return ignored(`Unknown system event ${JSON.stringify(String(event))}.`);
    }
    case "pong":
      return { kind: "pong" };
    case "invokeResponse":
      return decodeInvokeResponse(wire, readResponsePayload);
    default:
      return (
        readPartsMessage(type, wire) ??
        ignored(
          typeof type === "string" ? `Unknown message type "${type}".` : "The frame has no string type.",
        )
      );
  }
}

/** The official reader takes a `null` payload for "nothing it can read" and skips the frame. */
const NULL_JSON: Rejected = Object.freeze({ status: "ignored", reason: "A json payload that is null." });

function isNullJson(dataType: string, data: unknown): boolean {
  return dataType === "json" && data === null;
}

/**
 * A `message` frame. Its source and `dataType` are looked at first: an unknown one (or none), or a
 * `json` payload that is `null`, makes the frame `ignored` whatever else is wrong with it, as in
 * the official reader.
 */
function decodeData(wire: Wire): DownstreamMessage | Rejected {
  const from = wire.from;
  if (from !== "group" && from !== "server") {
    return ignored(`Unknown message source ${JSON.stringify(String(from))}.`);
  }
  const dataType = knownDataType(wire.dataType);
  if (dataType === undefined) return ignored(`Unknown dataType ${JSON.stringify(String(wire.dataType))}.`);
  if (isNullJson(dataType, wire.data)) return NULL_JSON;
  const sequenceId = optionalUint(wire.sequenceId);
  if (sequenceId === WRONG) return invalid("sequenceId must be a non-negative safe integer.");
  const data = readData(dataType, wire.data);
  if (data === WRONG) return invalid(dataProblem(dataType, wire.data));
  if (from === "server") {
    // A server message has no stream: a `stream` field is dropped, as the official reader does.
    return sequenceId === undefined
      ? { kind: "serverData", dataType, data }
      : { kind: "serverData", dataType, data, sequenceId };
  }
  const group = wire.group;
  if (typeof group !== "string") return invalid("group is missing or not a string.");
  const fromUserId = optionalString(wire.fromUserId, undefined);
  if (fromUserId === WRONG) return invalid("fromUserId must be a string.");
  const stream = readStreamInfo(wire.stream);
  if (stream === WRONG) {
    return invalid("stream must be {streamId, streamSequenceId, endOfStream?, error?} with valid fields.");
  }
  // `fromUserId` only when the frame has one: the official type declares it, its reader does not fill it.
  const message = { kind: "groupData", dataType, data, group } as Extract<
    DownstreamMessage,
    { kind: "groupData" }
  >;
  if (sequenceId !== undefined) message.sequenceId = sequenceId;
  if (fromUserId !== undefined) message.fromUserId = fromUserId;
  if (stream !== undefined) message.stream = stream;
  return message;
}

/**
 * The client's reading of an invokeResponse payload, as the official reader has it: a payload
 * only when `dataType` is given (data without it is dropped); an unknown `dataType` makes the
 * frame `ignored`.
 */
function readResponsePayload(wire: Wire): Payload | Rejected | undefined {
  if (wire.dataType === undefined || wire.dataType === null) return undefined;
  const dataType = knownDataType(wire.dataType);
  if (dataType === undefined) return ignored(`Unknown dataType ${JSON.stringify(String(wire.dataType))}.`);
  if (isNullJson(dataType, wire.data)) return NULL_JSON;
  const data = readData(dataType, wire.data);
  return data === WRONG ? invalid(dataProblem(dataType, wire.data)) : { dataType, data };
}

/**
 * An `invokeResponse` frame, either direction. The payload is read first, so that an `ignored`
 * verdict on it wins over anything else.
 *
 * @param readPayload - The direction's payload rule.
 * @internal
 */
export function decodeInvokeResponse(
  wire: Wire,
  readPayload: (wire: Wire) => Payload | Rejected | undefined,
): InvokeResponseMessage | Rejected {
  const payload = readPayload(wire);
  if (payload !== undefined && "status" in payload) return payload;
  const invocationId = wire.invocationId;
  if (typeof invocationId !== "string") return invalid("invocationId is missing or not a string.");
  const success = optionalBoolean(wire.success);
  if (success === WRONG) return invalid("success must be a boolean.");
  const error = readError(wire.error);
  if (error === WRONG) return invalid("error must be an object with a string name.");
  const message: InvokeResponseMessage = { kind: "invokeResponse", invocationId };
  if (success !== undefined) message.success = success;
  // No payload at all is normal (a failed or void invocation).
  if (payload !== undefined) {
    message.dataType = payload.dataType;
    message.data = payload.data;
  }
  if (error !== undefined) message.error = error;
  return message;
}

/**
 * Decodes a service → client JSON frame. Never throws. It reads what the official reader reads,
 * ignores what it ignores, and rejects what it throws on; where the official reader passes a
 * mistyped field through, this one rejects the frame (see the module comment of `json-codec.ts`).
 *
 * @param frame - The text frame as received.
 * @returns The message, or why it was ignored or rejected.
 */
export function decodeDownstream(frame: string): Decoded<DownstreamMessage> {
  const result = decodeDownstreamMessage(frame);
  return "kind" in result ? { status: "ok", message: result } : result;
}
