/**
 * Retry policies as plain data, and the delay they give for an attempt. Pure: the random number
 * is an argument, so machines stay deterministic under test (they take `random` from input).
 */
import type { RetryMode } from "../src/types.js";

/** A fully resolved retry policy (every option of `WebPubSubRetryOptions` present). */
export interface RetryPolicy {
  /** Attempts after the first; `Infinity` for no limit. */
  readonly maxRetries: number;
  readonly retryDelayInMs: number;
  readonly maxRetryDelayInMs: number;
  readonly mode: RetryMode;
  /** Fraction of each delay that is randomised: 0 = none, 1 = full jitter. */
  readonly jitter: number;
}

/**
 * The delay before retry number `retry` (1 for the first retry).
 * `Fixed` keeps the base delay; `Exponential` doubles it per retry up to the cap. Jitter then
 * replaces a fraction `jitter` of the delay with a uniformly random share of it, so clients that
 * fail together do not come back together.
 */
export function retryDelayInMs(policy: RetryPolicy, retry: number, random: number): number {
  const base =
    policy.mode === "Fixed"
      ? policy.retryDelayInMs
      : Math.min(policy.retryDelayInMs * 2 ** Math.max(0, retry - 1), policy.maxRetryDelayInMs);
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.max(0, Math.round(base * (1 - jitter) + base * jitter * random));
}

/** Whether a policy allows retry number `retry` (1 for the first retry). */
export function canRetry(policy: RetryPolicy, retry: number): boolean {
  return retry <= policy.maxRetries;
}
