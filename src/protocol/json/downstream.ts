/**
 * The JSON codec, service → client: {@link encodeDownstream} (the emulator's side) and
 * {@link decodeDownstream} (the client's side).
 */
import type { Decoded, Rejected } from "../decoded.js";
import { isSafeUint } from "../ids.js";
import type { DownstreamMessage, InvokeResponseError, JSONTypes, WebPubSubDataType } from "../messages.js";
import {
  bool,
  dataProblem,
  errorObject,
  ignored,
  invalid,
  isRejected,
  optionalBoolean,
  optionalPayload,
  optionalString,
  optionalUint,
  parseObject,
  payload,
  quote,
  readData,
  readDataType,
  readError,
  readOptionalPayload,
  uint,
  UNKNOWN,
  unsupported,
  WRONG,
  type Wire,
} from "./fields.js";

/**
 * Encodes a service → client message as a JSON text frame, in the shape the service documents
 * (e.g. `{"sequenceId":1,"type":"message","from":"group",…}`). Empty `fromUserId` and
 * `reconnectionToken` are omitted, as the official emulator does; an empty `userId` is written
 * as `""` (the official emulator's choice; the real service was seen sending `null`, which
 * {@link decodeDownstream} also accepts).
 *
 * @param msg - The message in application form.
 * @returns The JSON text.
 * @throws TypeError on the same programmer errors as {@link encodeUpstream}.
 */
export function encodeDownstream(msg: DownstreamMessage): string {
  switch (msg.kind) {
    case "groupData": {
      const seq = msg.sequenceId === undefined ? "" : `"sequenceId":${uint(msg.sequenceId, "sequenceId")},`;
      const from = msg.fromUserId === "" ? "" : `,"fromUserId":${quote(msg.fromUserId, "fromUserId")}`;
      return `{${seq}"type":"message","from":"group","group":${quote(msg.group, "group")}${from}${payload(msg.dataType, msg.data)}}`;
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
      const token =
        msg.reconnectionToken === ""
          ? ""
          : `,"reconnectionToken":${quote(msg.reconnectionToken, "reconnectionToken")}`;
      return `{"type":"system","event":"connected","userId":${quote(msg.userId, "userId")},"connectionId":${quote(msg.connectionId, "connectionId")}${token}}`;
    }
    case "disconnected":
      return `{"type":"system","event":"disconnected","message":${quote(msg.message, "message")}}`;
    case "pong":
      return `{"type":"pong"}`;
    case "invokeResponse": {
      const success = msg.success === undefined ? "" : `,"success":${bool(msg.success, "success")}`;
      const error = msg.error === undefined ? "" : `,"error":${errorObject(msg.error, "invokeResponse")}`;
      return `{"type":"invokeResponse","invocationId":${quote(msg.invocationId, "invocationId")}${success}${optionalPayload(msg.dataType, msg.data, "invokeResponse")}${error}}`;
    }
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
  if (isRejected(wire)) return wire;
  const type = wire.type;
  if (typeof type !== "string") return invalid("type is missing or not a string.");
  switch (type) {
    case "message": {
      const from = wire.from;
      if (from !== "group" && from !== "server") {
        return typeof from === "string"
          ? ignored(`Unknown message source "${from}".`)
          : invalid("from is missing or not a string.");
      }
      const sequenceId = optionalUint(wire.sequenceId);
      if (sequenceId === WRONG) return invalid("sequenceId must be a non-negative safe integer.");
      const dataType = readDataType(wire.dataType);
      if (dataType === WRONG) return invalid("dataType must be a string.");
      if (dataType === UNKNOWN) return ignored(`Unknown dataType "${wire.dataType as string}".`);
      const data = readData(dataType, wire.data);
      if (data === WRONG) return invalid(dataProblem(dataType, wire.data));
      if (from === "server") {
        return sequenceId === undefined
          ? { kind: "serverData", dataType, data }
          : { kind: "serverData", dataType, data, sequenceId };
      }
      const group = wire.group;
      if (typeof group !== "string") return invalid("group is missing or not a string.");
      const fromUserId = optionalString(wire.fromUserId, "");
      if (fromUserId === WRONG) return invalid("fromUserId must be a string.");
      return sequenceId === undefined
        ? { kind: "groupData", dataType, data, group, fromUserId }
        : { kind: "groupData", dataType, data, sequenceId, group, fromUserId };
    }
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
        const userId = optionalString(wire.userId, "");
        if (userId === WRONG) return invalid("userId must be a string or null.");
        const reconnectionToken = optionalString(wire.reconnectionToken, "");
        if (reconnectionToken === WRONG) return invalid("reconnectionToken must be a string.");
        return { kind: "connected", connectionId, userId, reconnectionToken };
      }
      if (event === "disconnected") {
        const message = optionalString(wire.message, "");
        if (message === WRONG) return invalid("message must be a string.");
        return { kind: "disconnected", message };
      }
      return typeof event === "string"
        ? ignored(`Unknown system event "${event}".`)
        : invalid("event is missing or not a string.");
    }
    case "pong":
      return { kind: "pong" };
    case "invokeResponse":
      return decodeInvokeResponse(wire);
    default:
      return ignored(`Unknown message type "${type}".`);
  }
}

function decodeInvokeResponse(wire: Wire): DownstreamMessage | Rejected {
  const invocationId = wire.invocationId;
  if (typeof invocationId !== "string") return invalid("invocationId is missing or not a string.");
  const success = optionalBoolean(wire.success);
  if (success === WRONG) return invalid("success must be a boolean.");
  const error = readError(wire.error);
  if (error === WRONG) return invalid("error must be an object with a string name.");
  const message: {
    kind: "invokeResponse";
    invocationId: string;
    success?: boolean;
    dataType?: WebPubSubDataType;
    data?: JSONTypes | ArrayBuffer;
    error?: InvokeResponseError;
  } = { kind: "invokeResponse", invocationId };
  if (success !== undefined) message.success = success;
  // No payload at all is normal (a failed or void invocation).
  const payload = readOptionalPayload(wire, ignored);
  if (payload !== undefined && "status" in payload) return payload;
  if (payload !== undefined) {
    message.dataType = payload.dataType;
    message.data = payload.data;
  }
  if (error !== undefined) message.error = error;
  return message;
}

/**
 * Decodes a service → client JSON frame, validating it strictly (see the module comment).
 * Never throws.
 *
 * @param frame - The text frame as received.
 * @returns The message, or why it was ignored or rejected.
 */
export function decodeDownstream(frame: string): Decoded<DownstreamMessage> {
  const result = decodeDownstreamMessage(frame);
  return "kind" in result ? { status: "ok", message: result } : result;
}
