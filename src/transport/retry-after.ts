/**
 * Reading an HTTP `Retry-After` header (RFC 9110 §10.2.3): either whole seconds or an HTTP date.
 * Pure (the current time is an argument), so it runs in any build and tests pin it.
 */

/** Longer than any recovery window or sane reconnect pause: a larger value is treated as this. */
const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/**
 * The wait a `Retry-After` value asks for, in milliseconds, or `undefined` when there is none or
 * it cannot be read (then the client's own backoff applies, as if the header were absent).
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  // An HTTP date names its weekday and month ("Sun, 06 Nov 1994 08:49:37 GMT"); `Date.parse`
  // alone would also take "-1" or "2026" for dates.
  const at = /^[A-Za-z]{3},/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - nowMs), MAX_RETRY_AFTER_MS);
}
