/**
 * Option defaults and validation: the official client's defaults for its options, ours for the
 * rest. Invalid values that the official client refuses are refused the same way (`RangeError`);
 * retry options it silently corrects are corrected the same way.
 */
import type { ClientMachineConfig } from "../../machines/client.machine.js";
import type { RetryPolicy } from "../../machines/rules/retry.js";
import type { WebPubSubClientProtocol } from "../protocol/messages.js";
import { WebPubSubJsonReliableProtocol } from "../protocol/json-protocol.js";
import type { InDoubtPolicy, WebPubSubClientOptions, WebPubSubRetryOptions } from "../types.js";

export interface ResolvedOptions {
  readonly protocol: WebPubSubClientProtocol;
  readonly machine: ClientMachineConfig;
  readonly messageRetry: RetryPolicy;
  readonly ackTimeoutInMs: number;
  readonly inDoubt: InDoubtPolicy;
}

const DEFAULT_JITTER = 0.2;

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || Number.isNaN(value)) throw new TypeError(`${name} must be a number.`);
  if (value < 0) throw new RangeError(`${name} must be greater than or equal to 0.`);
  return value;
}

/** Defaults of a retry policy, field by field (what the caller leaves out). */
type RetryDefaults = Omit<RetryPolicy, "maxRetries"> & { readonly maxRetries: number };

/** Message retries: the official client's policy (a fixed second, three times), with a little jitter. */
const MESSAGE_RETRY: RetryDefaults = {
  maxRetries: 3,
  retryDelayInMs: 1000,
  maxRetryDelayInMs: 30000,
  mode: "Fixed",
  jitter: DEFAULT_JITTER,
};

/**
 * Connection attempts (recovery and reconnect). The first attempt is immediate; then exponential
 * backoff from 180 ms, 40% of each delay drawn at random (`jitter` 0.4: a delay of the 180 ms step
 * is 108–180 ms), capped at 2.5 s for recovery and 5 s for new connections. Why these, in numbers
 * (a simulation of 20,000 clients; the storm benchmark measures the same with 1,000 real ones):
 * - a 300 ms outage: back by 540 ms at the latest, whatever the draws: the first retry is at
 *   108–180 ms and the second at 324–540 ms, so the second always falls after the outage (with
 *   200 ms and `jitter` 0.5 it fell at 300–600 ms, leaving the 600 ms target no room for the
 *   handshake);
 * - a 10 s outage: 8.4 attempts a client on average, never more than 10 (≤ 1/s), and every client
 *   back within 2.5 s of the service;
 * - full jitter (`jitter: 1`) spreads a crowd more, but its short draws let some clients double
 *   their delay early and make others try 20 times in 10 s: set `jitter: 1` to choose it anyway.
 * The official client waits a fixed second between attempts; our earlier default (50 ms, capped
 * at 100 ms) made ~10 attempts a second per client against a service that was down.
 */
const RECOVERY_RETRY: RetryDefaults = {
  maxRetries: Number.POSITIVE_INFINITY,
  retryDelayInMs: 180,
  maxRetryDelayInMs: 2500,
  mode: "Exponential",
  jitter: 0.4,
};
const RECONNECT_RETRY: RetryDefaults = { ...RECOVERY_RETRY, maxRetryDelayInMs: 5000 };

/** Fills a retry policy from the caller's options; missing or negative numbers take the defaults (as the official client does). */
function retryPolicy(options: WebPubSubRetryOptions | undefined, defaults: RetryDefaults): RetryPolicy {
  const pick = (value: number | undefined, fallback: number) =>
    typeof value === "number" && value >= 0 && !Number.isNaN(value) ? value : fallback;
  const jitter = options?.jitter;
  if (jitter !== undefined && !(jitter >= 0 && jitter <= 1)) {
    throw new RangeError("jitter must be between 0 and 1.");
  }
  const mode = options?.mode ?? defaults.mode;
  if (mode !== "Fixed" && mode !== "Exponential")
    throw new RangeError(`Unknown retry mode "${String(mode)}".`);
  return {
    maxRetries: pick(options?.maxRetries, defaults.maxRetries),
    retryDelayInMs: pick(options?.retryDelayInMs, defaults.retryDelayInMs),
    maxRetryDelayInMs: pick(options?.maxRetryDelayInMs, defaults.maxRetryDelayInMs),
    mode,
    jitter: jitter ?? defaults.jitter,
  };
}

/** Recovery options are validated strictly (they are ours): a negative delay is an error. */
function recoveryPolicy(options: WebPubSubClientOptions["recoveryRetryOptions"]): RetryPolicy {
  return retryPolicy(
    {
      retryDelayInMs: nonNegative(
        "recoveryRetryOptions.retryDelayInMs",
        options?.retryDelayInMs,
        RECOVERY_RETRY.retryDelayInMs,
      ),
      maxRetryDelayInMs: nonNegative(
        "recoveryRetryOptions.maxRetryDelayInMs",
        options?.maxRetryDelayInMs,
        RECOVERY_RETRY.maxRetryDelayInMs,
      ),
      ...(options?.mode !== undefined ? { mode: options.mode } : {}),
      ...(options?.jitter !== undefined ? { jitter: options.jitter } : {}),
    },
    RECOVERY_RETRY,
  );
}

function isProtocol(value: unknown): value is WebPubSubClientProtocol {
  if (typeof value !== "object" || value === null) return false;
  const p = value as Partial<WebPubSubClientProtocol>;
  return (
    typeof p.name === "string" &&
    typeof p.writeMessage === "function" &&
    typeof p.parseMessages === "function"
  );
}

let defaults: ResolvedOptions | undefined;

/**
 * The options a client runs with. Clients with default options share one (frozen) resolution: a
 * client keeps its options for life, and a copy each costs ~0.4 KiB of heap per client.
 */
export function resolveOptions(options: WebPubSubClientOptions | undefined): ResolvedOptions {
  if (options === undefined || Object.keys(options).length === 0) {
    return (defaults ??= freezeResolved(resolve({})));
  }
  return resolve(options);
}

function freezeResolved(resolved: ResolvedOptions): ResolvedOptions {
  Object.freeze(resolved.messageRetry);
  Object.freeze(resolved.machine.recoveryRetry);
  Object.freeze(resolved.machine.reconnectRetry);
  Object.freeze(resolved.machine);
  return Object.freeze(resolved);
}

function resolve(o: WebPubSubClientOptions): ResolvedOptions {
  const protocol = o.protocol ?? WebPubSubJsonReliableProtocol();
  if (!isProtocol(protocol)) {
    throw new TypeError("protocol must be a WebPubSubClientProtocol, e.g. WebPubSubJsonReliableProtocol().");
  }
  const inDoubt = o.inDoubtOperations ?? "fail";
  if (inDoubt !== "fail" && inDoubt !== "retry") {
    throw new RangeError(`inDoubtOperations must be "fail" or "retry".`);
  }
  const gap = nonNegative("sequenceAckGapThreshold", o.sequenceAckGapThreshold, 300);
  return {
    protocol,
    messageRetry: retryPolicy(o.messageRetryOptions, MESSAGE_RETRY),
    ackTimeoutInMs: nonNegative("ackTimeoutInMs", o.ackTimeoutInMs, 0),
    inDoubt,
    machine: {
      reliable: protocol.isReliableSubProtocol === true,
      autoReconnect: o.autoReconnect ?? true,
      autoRejoinGroups: o.autoRejoinGroups ?? true,
      keepAliveIntervalInMs: nonNegative("keepAliveIntervalInMs", o.keepAliveIntervalInMs, 20000),
      keepAliveTimeoutInMs: nonNegative("keepAliveTimeoutInMs", o.keepAliveTimeoutInMs, 120000),
      pongTimeoutInMs: nonNegative("pongTimeoutInMs", o.pongTimeoutInMs, 10000),
      sequenceAckIntervalInMs: Math.max(
        1,
        nonNegative("sequenceAckIntervalInMs", o.sequenceAckIntervalInMs, 1000),
      ),
      sequenceAckGapThreshold: gap,
      recoveryWindowInMs: nonNegative("recoveryWindowInMs", o.recoveryWindowInMs, 30000),
      // Recovery resumes the same session (no new URL, no rejoin), so it is tried at once;
      // then it backs off (see RECOVERY_RETRY) so that a service that is down is not hammered.
      recoveryRetry: recoveryPolicy(o.recoveryRetryOptions),
      reconnectRetry: retryPolicy(o.reconnectRetryOptions, RECONNECT_RETRY),
      connectTimeoutInMs: 30000,
      closeTimeoutInMs: 3000,
      directDelivery: true,
    },
  };
}
