/**
 * The JSON wire form of the Web PubSub client protocol (`json.webpubsub.azure.v1` and its
 * reliable twin, which share one message syntax): typed messages ⇄ text frames, both directions.
 *
 * The client uses {@link encodeUpstream} / {@link decodeDownstream}; the emulator uses the mirror
 * pair {@link decodeUpstream} / {@link encodeDownstream}. This file is the entry; each direction
 * lives in `json/upstream.ts` and `json/downstream.ts`, their field writers and readers in
 * `json/fields.ts`. Everything here is pure and free of Node built-ins so it runs in browsers too.
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
export type { Decoded, Rejected } from "./decoded.js";
export { validatePayload } from "./payload.js";
export { decodeUpstream, encodeUpstream } from "./json/upstream.js";
export { decodeDownstream, decodeDownstreamMessage, encodeDownstream } from "./json/downstream.js";
