/**
 * The outcome of decoding one frame, whatever the subprotocol. Decoders never throw: a frame is
 * `ok`, `ignored` (well-formed, of a kind we do not know: skipped for forward compatibility, as
 * the official client does) or `invalid` (with a reason).
 */

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
