/**
 * The protobuf codec's field writers and readers, shared by both directions (`upstream.ts`,
 * `downstream.ts`): payloads (`MessageData`) ⇄ application form, 64-bit ids ⇄ safe integers,
 * frames ⇄ bytes. Writers throw `TypeError` for programmer errors; readers never throw.
 */
import type { Rejected } from "../decoded.js";
import { isSafeUint } from "../ids.js";
import type { JSONTypes, WebPubSubDataType } from "../messages.js";
import { validatePayload } from "../payload.js";
import { hasPayload, invalid, WRONG, type Wrong } from "../checks.js";
import { azure, google } from "./webpubsub.v1.js";

export const schema = azure.webpubsub;
type MessageDataProperties = azure.webpubsub.MessageData.$Properties;
type MessageDataDecoded = azure.webpubsub.MessageData;

export { bool, ignored, invalid, uint, unsupported, WRONG, type Wrong } from "../checks.js";

// -- writing -----------------------------------------------------------------------------------

export function text(value: unknown, field: string): string {
  if (typeof value !== "string") throw new TypeError(`${field} must be a string.`);
  return value;
}

/**
 * A validated application-form payload as `MessageData`: the data type is which member is set.
 * JSON goes in `json_data` (the current schema; older docs put it in `text_data`). A `protobuf`
 * payload is the serialized `google.protobuf.Any`, written verbatim as the body of `protobuf_data`
 * (an `Any` whose whole body is carried as preserved unknown fields is written byte for byte): the
 * codec does not re-serialize what the application built, and leaves judging it to the receiver,
 * as the JSON subprotocol does with its base64.
 */
export function messageData(dataType: WebPubSubDataType, data: unknown): MessageDataProperties {
  const problem = validatePayload(dataType, data);
  if (problem !== undefined) throw new TypeError(problem);
  switch (dataType) {
    case "text":
      return { textData: data as string };
    case "json": {
      const json = JSON.stringify(data);
      // A `toJSON` returning undefined, or an object of functions only at the top, lands here.
      if (json === undefined) throw new TypeError(`Payload of dataType "json" is not serialisable.`);
      return { jsonData: json };
    }
    case "binary":
      return { binaryData: new Uint8Array(data as ArrayBuffer) };
    case "protobuf":
      return { protobufData: { $unknowns: [new Uint8Array(data as ArrayBuffer)] } };
  }
}

/** For invoke / invokeResponse, where the payload is optional but comes as a pair. */
export function optionalMessageData(
  dataType: WebPubSubDataType | undefined,
  data: unknown,
  kind: string,
): MessageDataProperties | undefined {
  return hasPayload(dataType, data, kind) ? messageData(dataType, data) : undefined;
}

export function errorMessage(error: unknown, kind: string): { name: string; message: string } {
  if (typeof error !== "object" || error === null) throw new TypeError(`${kind} error must be an object.`);
  const { name, message } = error as { name?: unknown; message?: unknown };
  return { name: text(name, `${kind} error.name`), message: text(message, `${kind} error.message`) };
}

// -- reading -----------------------------------------------------------------------------------

const NOT_BINARY: Rejected = Object.freeze({
  status: "invalid",
  reason: "Protobuf subprotocol frames must be binary.",
});

/** A binary frame as bytes to decode, or the rejection of a text frame (or of anything else). */
export function frameBytes(frame: unknown): Uint8Array | Rejected {
  if (frame instanceof Uint8Array) return frame;
  if (frame instanceof ArrayBuffer) return new Uint8Array(frame);
  return NOT_BINARY;
}

/** Decodes with a generated `decode`, which throws on malformed bytes: the throw becomes `invalid`. */
export function parse<T>(decode: (bytes: Uint8Array) => T, bytes: Uint8Array): T | Rejected {
  try {
    return decode(bytes);
  } catch (error) {
    return invalid(
      `Frame is not a valid protobuf message: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** A 64-bit unsigned value as protobufjs gives it: a number, or a `Long` when long.js is loaded. */
type Uint64 = number | { readonly low: number; readonly high: number };

/**
 * A `uint64` as a safe integer, or `WRONG` past 2^53 - 1 (a JavaScript number would not be exact).
 * protobufjs reads a `Long` when long.js is present (it is its dependency) and a number otherwise;
 * a number past 2^53 is already rounded, and then not a safe integer either.
 */
export function safeUint(value: Uint64 | null | undefined): number | Wrong {
  if (typeof value === "number") return isSafeUint(value) ? value : WRONG;
  if (value === null || value === undefined) return 0;
  const high = value.high >>> 0;
  // 2^53 is high word 2^21: anything below fits.
  return high < 0x200000 ? high * 0x1_0000_0000 + (value.low >>> 0) : WRONG;
}

/** An optional `uint64`: absent (`null` on the decoded message) → `undefined`. */
export function optionalSafeUint(value: Uint64 | null | undefined): number | undefined | Wrong {
  return value === null || value === undefined ? undefined : safeUint(value);
}

/** A payload in application form. */
export interface Payload {
  readonly dataType: WebPubSubDataType;
  readonly data: JSONTypes | ArrayBuffer;
}

/** An exact `ArrayBuffer` of the bytes (the decoded field is a view into the frame). */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/**
 * `MessageData` in application form. `undefined` when no member we know is set: a data kind newer
 * than this codec (the caller decides whether that is `ignored` or `invalid`).
 *
 * - `text_data` → `text`. JSON that an older sender put here (as older docs describe) stays
 *   `text`: a string that happens to parse as JSON is not thereby JSON.
 * - `json_data` → `json`, parsed; not JSON, or `null`, is `WRONG` (a JSON payload is required).
 * - `binary_data` → `binary`, an `ArrayBuffer` of its own.
 * - `protobuf_data` → `protobuf`: the `Any` serialized again, an `ArrayBuffer` — the same bytes the
 *   JSON subprotocol carries as base64, so a payload crosses between the two unchanged.
 */
export function readPayload(data: MessageDataDecoded): Payload | Wrong | undefined {
  switch (data.data) {
    case "textData":
      return { dataType: "text", data: data.textData! };
    case "jsonData": {
      let value: unknown;
      try {
        value = JSON.parse(data.jsonData!);
      } catch {
        return WRONG;
      }
      return value === null ? WRONG : { dataType: "json", data: value as JSONTypes };
    }
    case "binaryData":
      return { dataType: "binary", data: ownBuffer(data.binaryData!) };
    case "protobufData":
      return {
        dataType: "protobuf",
        data: ownBuffer(google.protobuf.Any.encode(data.protobufData!).finish()),
      };
    default:
      return undefined;
  }
}

export function dataProblem(data: MessageDataDecoded): string {
  return data.data === "jsonData" ? "json_data is not a JSON value (or is null)." : "data is malformed.";
}

/** The error of an ack or invoke response, `undefined` when absent. */
export function readError(
  error: { readonly name: string; readonly message: string } | null | undefined,
): { name: string; message: string } | undefined {
  return error === null || error === undefined ? undefined : { name: error.name, message: error.message };
}
