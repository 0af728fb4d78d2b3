/**
 * Message metadata: string pairs that travel with a message, from a client's `sendToGroup` or
 * `event`, from `X-WebPubSub-Metadata-*` headers on REST sends and event handler responses, to
 * JSON receivers (`"metadata":{…}`) and to event handlers (`x-webpubsub-metadata-*` headers).
 * One set of rules for every way in, so a pair accepted on one path is accepted on all of them.
 */

/** Metadata as the service carries it: keys and values are ASCII strings. */
export type Metadata = Readonly<Record<string, string>>;

/** The HTTP header prefix that carries one metadata pair (REST sends, handler requests and responses). */
export const METADATA_HEADER_PREFIX = "x-webpubsub-metadata-";

/** Longest key, in bytes (ASCII: characters). */
export const MAX_METADATA_KEY_BYTES = 256;
/** Longest value, in bytes (ASCII: characters). */
export const MAX_METADATA_VALUE_BYTES = 1024;
/** Most bytes of keys and values together. */
export const MAX_METADATA_BYTES = 8 * 1024;

/** An HTTP token: what a header name may contain, so every key can also travel as a header. */
const KEY = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Printable ASCII and tab: what a header value may hold without being mangled on the way.
const VALUE = /^[\t\x20-\x7e]*$/;

/**
 * Checks metadata from any source. Returns the metadata as a plain object of its own (so later
 * changes to the input cannot reach a message already sent), or a reason a client can be told.
 */
export function checkMetadata(
  input: unknown,
): { readonly metadata: Metadata } | { readonly problem: string } {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { problem: "'metadata' must be an object of string values" };
  }
  const metadata: Record<string, string> = {};
  let total = 0;
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (typeof value !== "string") return { problem: `metadata '${key.slice(0, 64)}' must be a string` };
    if (!KEY.test(key)) {
      return {
        problem: `metadata key '${key.slice(0, 64)}' must be an ASCII token (letters, digits, !#$%&'*+-.^_\`|~)`,
      };
    }
    if (!VALUE.test(value)) return { problem: `metadata '${key}' must be printable ASCII` };
    if (key.length > MAX_METADATA_KEY_BYTES) {
      return {
        problem: `metadata key '${key.slice(0, 64)}…' is longer than ${MAX_METADATA_KEY_BYTES} bytes`,
      };
    }
    if (value.length > MAX_METADATA_VALUE_BYTES) {
      return { problem: `metadata '${key}' is longer than ${MAX_METADATA_VALUE_BYTES} bytes` };
    }
    total += key.length + value.length;
    if (total > MAX_METADATA_BYTES) return { problem: `metadata is larger than ${MAX_METADATA_BYTES} bytes` };
    metadata[key] = value;
  }
  return { metadata };
}

/**
 * Metadata from HTTP headers (`X-WebPubSub-Metadata-<key>: <value>`), keys lower-cased (header
 * names have no case). A repeated header keeps its last value. `undefined` when there is none.
 */
export function metadataFromHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): { readonly metadata: Metadata | undefined } | { readonly problem: string } {
  const pairs: Record<string, string> = {};
  let found = false;
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!lower.startsWith(METADATA_HEADER_PREFIX) || value === undefined) continue;
    const key = lower.slice(METADATA_HEADER_PREFIX.length);
    if (key.length === 0) continue;
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (last === undefined) continue;
    // Node joins repeated custom headers with ", ": the last of them is the last value.
    pairs[key] = (last.split(",").at(-1) ?? "").trim();
    found = true;
  }
  if (!found) return { metadata: undefined };
  const checked = checkMetadata(pairs);
  return "problem" in checked ? checked : { metadata: checked.metadata };
}

/** Metadata as HTTP headers, keys lower-cased. */
export function metadataHeaders(metadata: Metadata | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (metadata === undefined) return headers;
  for (const [key, value] of Object.entries(metadata))
    headers[`${METADATA_HEADER_PREFIX}${key.toLowerCase()}`] = value;
  return headers;
}
