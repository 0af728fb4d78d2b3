/**
 * Retry policies as plain data, and the delay they give for an attempt. Pure: the random number
 * is an argument, so machines stay deterministic under test (they take `random` from input).
 *
 * This is the one place the backoff is computed: the operation machine's message retries, and
 * the client machine's recovery and reconnect attempts, all call {@link retryDelayInMs} or
 * {@link attemptDelayInMs}. The defaults live in `src/runtime/options.ts`.
 *
 * The random share comes from {@link jitterDraw}: a hash of a seed the machine got as input and the
 * attempt's number, so a transition computed twice gives the same delay (machines stay pure),
 * while clients seeded differently still spread out.
 */
import type { RetryMode } from "../../src/types.js";

/** A fully resolved retry policy (every option of `WebPubSubRetryOptions` present). */
export interface RetryPolicy {
  /** Attempts after the first; `Infinity` for no limit. */
  readonly maxRetries: number;
  readonly retryDelayInMs: number;
  readonly maxRetryDelayInMs: number;
  readonly mode: RetryMode;
  /** Fraction of each delay that is randomised: 0 = none, 0.5 = equal jitter, 1 = full jitter. */
  readonly jitter: number;
}

/** The delay before retry number `retry` (1 for the first retry), before jitter. */
function ceilingInMs(policy: RetryPolicy, retry: number): number {
  return policy.mode === "Fixed"
    ? policy.retryDelayInMs
    : Math.min(policy.retryDelayInMs * 2 ** Math.max(0, retry - 1), policy.maxRetryDelayInMs);
}

function jitterOf(policy: RetryPolicy): number {
  return Math.min(1, Math.max(0, policy.jitter));
}

/**
 * The delay before retry number `retry` (1 for the first retry).
 * `Fixed` keeps the base delay; `Exponential` doubles it per retry up to the cap. Jitter then
 * replaces a fraction `jitter` of the delay with a uniformly random share of it, so clients that
 * fail together do not come back together.
 */
export function retryDelayInMs(policy: RetryPolicy, retry: number, random: number): number {
  const ceiling = ceilingInMs(policy, retry);
  const jitter = jitterOf(policy);
  return Math.max(0, Math.round(ceiling * (1 - jitter) + ceiling * jitter * random));
}

/**
 * The delay before connection attempt `retry` (1 for the first retry; 0 for an attempt that is
 * otherwise immediate), given what the service said of the last refusal.
 *
 * Without `retryAfterMs` it is {@link retryDelayInMs} (0 for retry 0). With it (a `Retry-After`
 * of a refused upgrade), the service has said when to come back: the attempt waits that long,
 * plus this retry's random share, so that a crowd of clients told the same moment does not
 * arrive as one — but never less than the backoff alone would wait.
 */
export function attemptDelayInMs(
  policy: RetryPolicy,
  retry: number,
  random: number,
  retryAfterMs: number | undefined,
): number {
  const backoff = retry === 0 ? 0 : retryDelayInMs(policy, retry, random);
  if (retryAfterMs === undefined || retryAfterMs <= 0) return backoff;
  const spread = ceilingInMs(policy, Math.max(1, retry)) * jitterOf(policy) * random;
  return Math.max(backoff, Math.round(retryAfterMs + spread));
}

/** Whether a policy allows retry number `retry` (1 for the first retry). */
export function canRetry(policy: RetryPolicy, retry: number): boolean {
  return retry <= policy.maxRetries;
}

/**
 * A number in [0, 1) for draw `n` of a machine seeded with `seed`: the same inputs, the same
 * number; neighbouring seeds and draws give unrelated numbers (a 32-bit integer hash).
 */
export function jitterDraw(seed: number, n: number): number {
  let x = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(n | 0, 0x85ebca77)) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  x ^= x >>> 16;
  return (x >>> 0) / 4294967296;
}
