/**
 * The JSON codec's field writers and readers, shared by both directions (`upstream.ts`,
 * `downstream.ts`). Writers build JSON by hand (`JSON.stringify` only for strings and JSON
 * payloads) and throw `TypeError` for programmer errors; readers never throw.
 */
import { decodeBase64, encodeBase64 } from "../base64.js";
import type { Rejected } from "../decoded.js";
import { isSafeUint } from "../ids.js";
import type { AckMessageError, InvokeResponseError, JSONTypes, WebPubSubDataType } from "../messages.js";
import { validatePayload } from "../payload.js";
import { hasPayload, invalid, uint, WRONG, type Wrong } from "../checks.js";

/** A parsed JSON object, before validation. */
export type Wire = { readonly [field: string]: unknown };

export { bool, ignored, invalid, uint, unsupported, WRONG, type Wrong } from "../checks.js";

/** Returned by the dataType reader for a string we do not know. */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

// -- writing -----------------------------------------------------------------------------------

export function quote(value: unknown, field: string): string {
  if (typeof value !== "string") throw new TypeError(`${field} must be a string.`);
  return JSON.stringify(value);
}

/** `,"dataType":"…","data":…` for a validated payload. */
export function payload(dataType: WebPubSubDataType, data: unknown): string {
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
export function optionalPayload(
  dataType: WebPubSubDataType | undefined,
  data: unknown,
  kind: string,
): string {
  return hasPayload(dataType, data, kind) ? payload(dataType, data) : "";
}

export function optionalAckId(ackId: number | undefined): string {
  return ackId === undefined ? "" : `,"ackId":${uint(ackId, "ackId")}`;
}

/** `{"name":…,"message":…}`; the message is left out when the error has none. */
export function errorObject(error: AckMessageError | InvokeResponseError, kind: string): string {
  if (typeof error !== "object" || error === null) throw new TypeError(`${kind} error must be an object.`);
  const message =
    error.message === undefined ? "" : `,"message":${quote(error.message, `${kind} error.message`)}`;
  return `{"name":${quote(error.name, `${kind} error.name`)}${message}}`;
}

// -- reading -----------------------------------------------------------------------------------

// Shared, frozen rejections for the three ways a frame can fail before it is an object: the
// common failures of a fuzzed or hostile peer then cost no allocation, and `isRejected` can tell
// them from a parsed object by identity (a parsed object may well carry a "status" field).
const NOT_A_STRING: Rejected = Object.freeze({ status: "invalid", reason: "Frame is not a string." });
const NOT_JSON: Rejected = Object.freeze({ status: "invalid", reason: "Frame is not valid JSON." });
const NOT_AN_OBJECT: Rejected = Object.freeze({ status: "invalid", reason: "Frame is not a JSON object." });
const JSON_NULL: Rejected = Object.freeze({ status: "invalid", reason: "Frame is JSON null." });
const UNTYPED: Rejected = Object.freeze({
  status: "ignored",
  reason: "Frame is a JSON value without a type.",
});

/** Parses a frame into a plain JSON object, or explains why it is not one. */
export function parseObject(frame: string): Wire | Rejected {
  // Callers in plain JavaScript can pass anything; the "never throws" promise covers them too.
  if (typeof frame !== "string") return NOT_A_STRING;
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    return NOT_JSON;
  }
  if (value === null) return JSON_NULL;
  if (typeof value !== "object" || Array.isArray(value)) return NOT_AN_OBJECT;
  return value as Wire;
}

export function isRejected(value: Wire | Rejected): value is Rejected {
  return value === NOT_JSON || value === NOT_AN_OBJECT || value === JSON_NULL || value === NOT_A_STRING;
}

/**
 * The client's reading of a frame that is JSON but not an object (a number, a string, an array):
 * a value without a `type`, ignored as the official reader ignores it. (JSON `null` stays invalid:
 * the official reader throws on it.)
 */
export function untypedIsIgnored(rejected: Rejected): Rejected {
  return rejected === NOT_AN_OBJECT ? UNTYPED : rejected;
}

export function optionalUint(value: unknown): number | undefined | Wrong {
  if (value === undefined || value === null) return undefined;
  return isSafeUint(value) ? value : WRONG;
}

/** `null`/absent → `fallback`. */
export function optionalString<F extends string | undefined>(
  value: unknown,
  fallback: F,
): string | F | Wrong {
  if (value === undefined || value === null) return fallback;
  return typeof value === "string" ? value : WRONG;
}

export function optionalBoolean(value: unknown): boolean | undefined | Wrong {
  if (value === undefined || value === null) return undefined;
  return typeof value === "boolean" ? value : WRONG;
}

/** One of the four known `dataType`s, or `undefined` (absent, `null`, not a string, or unknown). */
export function knownDataType(value: unknown): WebPubSubDataType | undefined {
  return value === "json" || value === "text" || value === "binary" || value === "protobuf"
    ? value
    : undefined;
}

/** `null`/absent → `json`, per the docs. */
export function readDataType(value: unknown): WebPubSubDataType | Wrong | Unknown {
  if (value === undefined || value === null) return "json";
  if (typeof value !== "string") return WRONG;
  return value === "json" || value === "text" || value === "binary" || value === "protobuf" ? value : UNKNOWN;
}

/** Converts a wire payload to application form, or `WRONG` (then `dataProblem` says why). */
export function readData(dataType: WebPubSubDataType, value: unknown): JSONTypes | ArrayBuffer | Wrong {
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

export function dataProblem(dataType: WebPubSubDataType, value: unknown): string {
  if (value === undefined || value === null) return "data is required.";
  return dataType === "text"
    ? `data must be a string when dataType is "text".`
    : dataType === "json"
      ? "data is not a JSON value."
      : `data must be a base64 string when dataType is "${dataType}".`;
}

/**
 * An ack's or invoke response's error. Its `message` is left out when the frame has none, as the
 * official reader leaves it (the official type declares it).
 */
export function readError(value: unknown): AckMessageError | undefined | Wrong {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) return WRONG;
  const wire = value as Wire;
  if (typeof wire.name !== "string") return WRONG;
  const message = optionalString(wire.message, undefined);
  if (message === WRONG) return WRONG;
  return (message === undefined ? { name: wire.name } : { name: wire.name, message }) as AckMessageError;
}

/** A payload in application form. */
export interface Payload {
  readonly dataType: WebPubSubDataType;
  readonly data: JSONTypes | ArrayBuffer;
}

/**
 * An optional payload (invoke, invokeResponse): `undefined` when there is none (a payload without
 * `dataType` is json); a present one must be valid. `onUnknown` says what an unknown `dataType`
 * makes the frame (ignored by the client, invalid to the service).
 */
export function readOptionalPayload(
  wire: Wire,
  onUnknown: (reason: string) => Rejected,
): Payload | Rejected | undefined {
  if (wire.data === undefined || wire.data === null) return undefined;
  const dataType = readDataType(wire.dataType);
  if (dataType === WRONG) return invalid("dataType must be a string.");
  if (dataType === UNKNOWN) return onUnknown(`Unknown dataType "${wire.dataType as string}".`);
  const data = readData(dataType, wire.data);
  if (data === WRONG) return invalid(dataProblem(dataType, wire.data));
  return { dataType, data };
}
