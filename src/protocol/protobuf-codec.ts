/**
 * The protobuf wire form of the Web PubSub client protocol (`protobuf.webpubsub.azure.v1` and its
 * reliable twin, which share one schema): typed messages ⇄ binary frames, both directions, with
 * the same pairs as the JSON codec (`json-codec.ts`).
 *
 * The client uses {@link encodeUpstream} / {@link decodeDownstream}; the emulator uses the mirror
 * pair {@link decodeUpstream} / {@link encodeDownstream}. Each direction lives in
 * `protobuf/upstream.ts` and `protobuf/downstream.ts`, their field writers and readers in
 * `protobuf/fields.ts`; the schema is `protobuf/webpubsub.v1.proto` and the code protobufjs
 * generates from it (`protobuf/webpubsub.v1.js`, `npm run generate:protobuf`). Pure, and free of
 * Node built-ins, so it runs in browsers too.
 *
 * Decoding never throws (`ok`, `ignored` or `invalid`, as in `decoded.ts`); encoding throws
 * `TypeError` only for programmer errors, which the client rules out beforehand with
 * `validatePayload`. What the two codecs share, so that messages cross between JSON and protobuf
 * clients unchanged: the application form (a `protobuf` payload is an `ArrayBuffer` holding the
 * serialized `google.protobuf.Any`, which JSON carries as base64), the id rule (non-negative safe
 * integers; the wire's uint64 values past 2^53 - 1 are refused, never rounded), and the leniency of
 * skipping what is unknown. What differs: data messages carry no `fromUserId` (always `""`), and
 * optional fields are absent on the wire rather than `null`. See docs/protobuf.md.
 */
export type { Decoded, Rejected } from "./decoded.js";
export { validatePayload } from "./payload.js";
export { decodeUpstream, encodeUpstream } from "./protobuf/upstream.js";
export { decodeDownstream, decodeDownstreamMessage, encodeDownstream } from "./protobuf/downstream.js";
