/**
 * The application-form payload rules every codec shares: what `data` must be for each
 * `dataType`. Pure and free of Node built-ins.
 */
import type { WebPubSubDataType } from "./messages.js";

const objectToString = Object.prototype.toString;

/** `instanceof` fails across realms (iframes, `vm`, workers' transferred buffers); the tag does not. */
export function isArrayBuffer(value: unknown): value is ArrayBuffer {
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
