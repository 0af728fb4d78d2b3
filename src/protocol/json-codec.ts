/**
 * The JSON wire form of the Web PubSub client protocol (`json.webpubsub.azure.v1` and its
 * reliable twin, which share one message syntax): typed messages ⇄ text frames, both directions.
 *
 * The client uses {@link encodeUpstream} / {@link decodeDownstream}; the emulator uses the mirror
 * pair {@link decodeUpstream} / {@link encodeDownstream}. Everything here is pure and free of Node
 * built-ins so it runs in browsers too.
 *
 * Decoding never throws: a frame is `ok`, `ignored` (a well-formed object of a kind we do not know,
 * skipped for forward compatibility as the official client does) or `invalid` (with a reason).
 * Encoding throws `TypeError` only for programmer errors (a payload that does not match its
 * `dataType`, a non-integer id, a non-string name), which the client rules out beforehand with
 * {@link validatePayload}.
 *
 * Leniency rules, chosen so that what the real service and the official emulator are known to
 * send decodes, and what the official client sends is accepted:
 * - an optional field that is `null` counts as absent (the real service sends `"userId": null`);
 * - `userId`, `fromUserId`, `reconnectionToken` and `disconnected.message` default to `""`;
 * - a missing `dataType` means `json` (per the docs);
 * - `noEcho` defaults to `false`;
 * - unknown extra fields (`metadata`, `ttlSeconds`, `stream`, …) are dropped, not rejected.
 *
 * Strictness rules: ids (`ackId`, `sequenceId`) must be non-negative safe integers; `data` is
 * required on data messages and may not be `null`; `text` data must be a string; `binary` and
 * `protobuf` data must be valid base64. Names (group, event) are only type-checked here: their
 * length and character rules are the service's business, not the codec's.
 */

import { decodeBase64, encodeBase64 } from "./base64.js";
import type {
  AckMessageError,
  DownstreamMessage,
  InvokeResponseError,
  JSONTypes,
  UpstreamMessage,
  WebPubSubDataType,
} from "./messages.js";

/**
 * The outcome of decoding one frame.
 *
 * - `ok`: a valid message.
 * - `ignored`: a well-formed JSON object whose `type`, system `event` or `dataType` is unknown;
 *   skip it (forward compatibility).
 * - `invalid`: not JSON, not an object, a missing or mistyped field, bad base64, a bad id, …
 *   `ackId` is set on upstream frames whose ackId could be read, so the service can answer with a
 *   `BadRequest` ack instead of staying silent; and on a malformed downstream `ack` whose ackId
 *   is readable, so the client can still settle that operation.
 */
export type Decoded<T> =
  | { readonly status: "ok"; readonly message: T }
  | { readonly status: "ignored"; readonly reason: string }
  | { readonly status: "invalid"; readonly reason: string; readonly ackId?: number };

/** The two failure shapes of {@link Decoded}; they do not depend on the message type. */
export type Rejected = Exclude<Decoded<never>, { readonly status: "ok" }>;

/** A parsed JSON object, before validation. */
type Wire = { readonly [field: string]: unknown };

/** Returned by field readers for "present, but of the wrong type". A symbol, so no allocation. */
const WRONG: unique symbol = Symbol("wrong");
type Wrong = typeof WRONG;

/** Returned by the dataType reader for a string we do not know. */
const UNKNOWN: unique symbol = Symbol("unknown");
type Unknown = typeof UNKNOWN;

// ---------------------------------------------------------------------------------------------
// Payload validation (application form)
// ---------------------------------------------------------------------------------------------

const objectToString = Object.prototype.toString;

/** `instanceof` fails across realms (iframes, `vm`, workers' transferred buffers); the tag does not. */
function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return (
    value instanceof ArrayBuffer ||
    (typeof value === "object" && value !== null && objectToString.call(value) === "[object ArrayBuffer]")
  );
}

/**
 * Checks that `data` is a valid application-form payload for `dataType`: a string for `text`, an
 * `ArrayBuffer` for `binary` and `protobuf`, and for `json` any JSON-serialisable value except
 * `null`/`undefined` (the service rejects a `null` payload) and except binary data (which would
 * silently serialise as `{}`).
 *
 * @param dataType - The declared payload type; anything else is reported.
 * @param data - The payload as the application supplies it.
 * @returns A human-readable error message, or `undefined` when the payload is valid.
 */
export function validatePayload(dataType: WebPubSubDataType, data: unknown): string | undefined {
  switch (dataType) {
    case "text":
      return typeof data === "string" ? undefined : `Payload of dataType "text" must be a string.`;
    case "binary":
    case "protobuf":
      return isArrayBuffer(data) ? undefined : `Payload of dataType "${dataType}" must be an ArrayBuffer.`;
    case "json":
      switch (typeof data) {
        case "string":
        case "boolean":
          return undefined;
        case "number":
          return Number.isFinite(data) ? undefined : `Payload of dataType "json" must be a finite number.`;
        case "object":
          if (data === null) return `Payload of dataType "json" must not be null.`;
          if (isArrayBuffer(data) || ArrayBuffer.isView(data)) {
            return `Binary payloads need dataType "binary" or "protobuf", not "json".`;
          }
          return undefined;
        default:
          return `Payload of dataType "json" must be a JSON value, not ${data === undefined ? "undefined" : `a ${typeof data}`}.`;
      }
    default:
      return `Unknown dataType ${JSON.stringify(String(dataType satisfies never))}; expected "json", "text", "binary" or "protobuf".`;
  }
}

// ---------------------------------------------------------------------------------------------
// Encoding helpers: hand-built JSON, `JSON.stringify` only for strings and JSON payloads
// ---------------------------------------------------------------------------------------------

function quote(value: unknown, field: string): string {
  if (typeof value !== "string") throw new TypeError(`${field} must be a string.`);
  return JSON.stringify(value);
}

/** Ids are written with `+`, which would emit `NaN` or `1e+21` (not JSON, or not exact) unchecked. */
function uint(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`${field} must be a non-negative safe integer.`);
  }
  return value;
}

function bool(value: unknown, field: string): boolean {
  if (typeof value !== "boolean") throw new TypeError(`${field} must be a boolean.`);
  return value;
}

/** `,"dataType":"…","data":…` for a validated payload. */
function payload(dataType: WebPubSubDataType, data: unknown): string {
  const problem = validatePayload(dataType, data);
  if (problem !== undefined) throw new TypeError(problem);
  let text: string | undefined;
  if (dataType === "binary" || dataType === "protobuf") {
    // The base64 alphabet needs no JSON escaping.
    text = `"${encodeBase64(data as ArrayBuffer)}"`;
  } else {
    text = JSON.stringify(data);
    // A `toJSON` returning undefined, or an object of functions only at the top, lands here.
    if (text === undefined) throw new TypeError(`Payload of dataType "${dataType}" is not serialisable.`);
  }
  return `,"dataType":"${dataType}","data":${text}`;
}

/** For invoke / invokeResponse, where the payload is optional but comes as a pair. */
function optionalPayload(dataType: WebPubSubDataType | undefined, data: unknown, kind: string): string {
  if (dataType === undefined && data === undefined) return "";
  if (dataType === undefined || data === undefined) {
    throw new TypeError(`${kind} needs both dataType and data, or neither.`);
  }
  return payload(dataType, data);
}

function optionalAckId(ackId: number | undefined): string {
  return ackId === undefined ? "" : `,"ackId":${uint(ackId, "ackId")}`;
}

function errorObject(error: AckMessageError | InvokeResponseError, kind: string): string {
  if (typeof error !== "object" || error === null) throw new TypeError(`${kind} error must be an object.`);
  return `{"name":${quote(error.name, `${kind} error.name`)},"message":${quote(error.message, `${kind} error.message`)}}`;
}

function unsupported(kind: unknown, side: string): never {
  throw new TypeError(`Cannot encode message kind ${JSON.stringify(String(kind))} as ${side}.`);
}

// ---------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Decoding helpers
// ---------------------------------------------------------------------------------------------

function invalid(reason: string, ackId?: number): Rejected {
  return ackId === undefined ? { status: "invalid", reason } : { status: "invalid", reason, ackId };
}

function ignored(reason: string): Rejected {
  return { status: "ignored", reason };
}

// Shared, frozen rejections for the three ways a frame can fail before it is an object: the
// common failures of a fuzzed or hostile peer then cost no allocation, and `isRejected` can tell
// them from a parsed object by identity (a parsed object may well carry a "status" field).
const NOT_A_STRING: Rejected = Object.freeze({ status: "invalid", reason: "Frame is not a string." });
const NOT_JSON: Rejected = Object.freeze({ status: "invalid", reason: "Frame is not valid JSON." });
const NOT_AN_OBJECT: Rejected = Object.freeze({ status: "invalid", reason: "Frame is not a JSON object." });

/** Parses a frame into a plain JSON object, or explains why it is not one. */
function parseObject(frame: string): Wire | Rejected {
  // Callers in plain JavaScript can pass anything; the "never throws" promise covers them too.
  if (typeof frame !== "string") return NOT_A_STRING;
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    return NOT_JSON;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return NOT_AN_OBJECT;
  return value as Wire;
}

function isRejected(value: Wire | Rejected): value is Rejected {
  return value === NOT_JSON || value === NOT_AN_OBJECT || value === NOT_A_STRING;
}

function optionalUint(value: unknown): number | undefined | Wrong {
  if (value === undefined || value === null) return undefined;
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : WRONG;
}

function isUint(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/** `null`/absent → `fallback`. */
function optionalString<F extends string | undefined>(value: unknown, fallback: F): string | F | Wrong {
  if (value === undefined || value === null) return fallback;
  return typeof value === "string" ? value : WRONG;
}

function optionalBoolean(value: unknown): boolean | undefined | Wrong {
  if (value === undefined || value === null) return undefined;
  return typeof value === "boolean" ? value : WRONG;
}

/** `null`/absent → `json`, per the docs. */
function readDataType(value: unknown): WebPubSubDataType | Wrong | Unknown {
  if (value === undefined || value === null) return "json";
  if (typeof value !== "string") return WRONG;
  return value === "json" || value === "text" || value === "binary" || value === "protobuf" ? value : UNKNOWN;
}

/** Converts a wire payload to application form, or `WRONG` (then `dataProblem` says why). */
function readData(dataType: WebPubSubDataType, value: unknown): JSONTypes | ArrayBuffer | Wrong {
  switch (dataType) {
    case "json":
      return value === undefined || value === null ? WRONG : (value as JSONTypes);
    case "text":
      return typeof value === "string" ? value : WRONG;
    default: {
      if (typeof value !== "string") return WRONG;
      return decodeBase64(value) ?? WRONG;
    }
  }
}

function dataProblem(dataType: WebPubSubDataType, value: unknown): string {
  if (value === undefined || value === null) return "data is required.";
  return dataType === "text"
    ? `data must be a string when dataType is "text".`
    : dataType === "json"
      ? "data is not a JSON value."
      : `data must be a base64 string when dataType is "${dataType}".`;
}

function readError(value: unknown): AckMessageError | undefined | Wrong {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) return WRONG;
  const wire = value as Wire;
  if (typeof wire.name !== "string") return WRONG;
  const message = optionalString(wire.message, "");
  if (message === WRONG) return WRONG;
  return { name: wire.name, message };
}

// ---------------------------------------------------------------------------------------------
// Decoding: service → client
// ---------------------------------------------------------------------------------------------

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
      if (!isUint(ackId)) return invalid("ackId must be a non-negative safe integer.");
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
  // No payload at all is normal (a failed or void invocation); a payload without dataType is json.
  if (wire.data !== undefined && wire.data !== null) {
    const dataType = readDataType(wire.dataType);
    if (dataType === WRONG) return invalid("dataType must be a string.");
    if (dataType === UNKNOWN) return ignored(`Unknown dataType "${wire.dataType as string}".`);
    const data = readData(dataType, wire.data);
    if (data === WRONG) return invalid(dataProblem(dataType, wire.data));
    message.dataType = dataType;
    message.data = data;
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

// ---------------------------------------------------------------------------------------------
// Decoding: client → service
// ---------------------------------------------------------------------------------------------

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
      if (!isUint(sequenceId)) return invalid("sequenceId must be a non-negative safe integer.");
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
  if (wire.data !== undefined && wire.data !== null) {
    const dataType = readDataType(wire.dataType);
    if (dataType === WRONG) return invalid("dataType must be a string.");
    if (dataType === UNKNOWN) return invalid(`Unknown dataType "${wire.dataType as string}".`);
    const data = readData(dataType, wire.data);
    if (data === WRONG) return invalid(dataProblem(dataType, wire.data));
    message.dataType = dataType;
    message.data = data;
  }
  return { status: "ok", message };
}
