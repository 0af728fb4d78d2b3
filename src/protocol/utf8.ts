/**
 * Strict UTF-8 decoding of binary frames, without Node's `Buffer`.
 */

// `fatal` because a lenient decoder would turn bad bytes into U+FFFD and let a corrupted frame
// parse as a different, valid message. One shared instance: `decode` without `stream` is stateless.
const strictDecoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes UTF-8 bytes to a string; a leading byte-order mark is dropped.
 *
 * @param bytes - The frame's bytes; a `Uint8Array` view is decoded over its own window only.
 * @returns The text, or `undefined` when the bytes are not well-formed UTF-8.
 */
export function decodeUtf8(bytes: ArrayBuffer | Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}
