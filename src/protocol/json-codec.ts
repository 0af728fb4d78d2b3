/**
 * The JSON wire form of the Web PubSub client protocol (`json.webpubsub.azure.v1` and its
 * reliable twin, which share one message syntax): typed messages ⇄ text frames, both directions.
 *
 * The client uses {@link encodeUpstream} / {@link decodeDownstream}; the emulator uses the mirror
 * pair {@link decodeUpstream} / {@link encodeDownstream}. This file is the entry; each direction
 * lives in `json/upstream.ts` and `json/downstream.ts`, their field writers and readers in
 * `json/fields.ts`, the stream and group-state parts in `json/parts.ts`. Everything here is pure and free of Node built-ins so it runs in browsers too.
 *
 * Decoding never throws: a frame is `ok`, `ignored` (skipped for forward compatibility) or `invalid`
 * (with a reason). Encoding throws `TypeError` only for programmer errors (a payload that does not
 * match its `dataType`, a non-integer id, a non-string name, half a payload), which the client
 * rules out beforehand with {@link validatePayload}.
 *
 * The client's side follows `@azure/web-pubsub-client` 1.1's JSON protocols, checked side by side
 * in `test/protocol/official-parity.test.ts`. `encodeUpstream` writes the frames its
 * `writeMessage` writes, or throws where that would write a broken frame. `decodeDownstream`
 * ignores exactly the frames its `parseMessages` returns `null` for (a JSON value that is not an
 * object or has no known `type`; a `system` frame of another event; a `message` frame of another
 * source, without a known `dataType` or with a `null` json payload; an invokeResponse whose
 * `dataType` is unknown or whose json payload is `null`), is invalid wherever that throws (not
 * JSON, JSON `null`, text data that is not a string, …), and otherwise gives the same message, or
 * `invalid` where the official reader would pass a mistyped field through. Optional fields are
 * left out when the frame has none, as the official reader leaves them out, including some the
 * official type declares: `userId`, `reconnectionToken`, `fromUserId`, the `disconnected` reason
 * and an error's `message`. A `null` counts as absent (the real service sends `"userId": null`).
 *
 * The service's side (`decodeUpstream`, `encodeDownstream`) follows the service docs: a missing
 * `dataType` means `json`, `noEcho` defaults to `false`, fields the model does not carry
 * (`metadata`, `ttlSeconds`, …) are dropped, not rejected.
 *
 * Strictness rules, both sides: ids (`ackId`, `sequenceId`, `streamSequenceId`, …) must be
 * non-negative safe integers; `data` is required on data messages (`null` is refused by the
 * service's side, skipped by the client's); `text` data must be a string; `binary` and `protobuf`
 * data must be valid base64. Names (group, event, stream id) are only type-checked here: their
 * length and character rules are the service's business, not the codec's.
 */
export type { Decoded, Rejected } from "./decoded.js";
export { validatePayload } from "./payload.js";
export { decodeUpstream, encodeUpstream } from "./json/upstream.js";
export { decodeDownstream, decodeDownstreamMessage, encodeDownstream } from "./json/downstream.js";
