/**
 * Payloads in the form every protocol and hook shares (the typed messages' form): a JSON value, a
 * string, or bytes as an `ArrayBuffer` for `binary` and `protobuf`. Each protocol turns its wire
 * form into this one and back; hooks get bytes as a `Uint8Array`.
 */
import { validatePayload } from "../protocol/json-codec.js";
import type { JSONTypes, WebPubSubDataType } from "../protocol/messages.js";
import { anyProblem } from "./protocols/protobuf-any.js";

/** A message payload: what a data message, an event or an invocation carries. */
export interface Payload {
  readonly dataType: WebPubSubDataType;
  readonly data: JSONTypes | ArrayBuffer;
}

/** The data types the service knows. */
export const DATA_TYPES: ReadonlySet<string> = new Set(["json", "text", "binary", "protobuf"]);

/** The bytes of a `Buffer` (or any view) as an `ArrayBuffer` of their own. */
export function toArrayBuffer(bytes: ArrayBufferView): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return copy.buffer;
}

/** Typed-message form → hook form: bytes become a `Uint8Array`, everything else is already its value. */
export function toAppData(payload: Payload): unknown {
  return payload.dataType === "binary" || payload.dataType === "protobuf"
    ? new Uint8Array(payload.data as ArrayBuffer)
    : payload.data;
}

/**
 * Hook form → typed-message form, for an `onInvoke` result. Returns an error message when the pair
 * does not fit (or could not be written by every protocol).
 */
export function fromAppData(dataType: WebPubSubDataType, data: unknown): Payload | string {
  if (typeof dataType !== "string" || !DATA_TYPES.has(dataType)) {
    return "'dataType' must be one of json, text, binary, protobuf";
  }
  if (dataType === "binary" || dataType === "protobuf") {
    const bytes =
      data instanceof ArrayBuffer ? data : ArrayBuffer.isView(data) ? toArrayBuffer(data) : undefined;
    if (bytes === undefined)
      return `data must be an ArrayBuffer or a typed array when dataType is ${dataType}`;
    const problem = dataType === "protobuf" ? anyProblem(new Uint8Array(bytes)) : undefined;
    return problem ?? { dataType, data: bytes };
  }
  if (data === undefined || data === null) return "'data' is required";
  if (dataType === "text" && typeof data !== "string") return "'data' must be a string when dataType is text";
  const problem = validatePayload(dataType, data);
  return problem === undefined ? { dataType, data: data as JSONTypes } : problem;
}
