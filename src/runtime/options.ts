/**
 * Option defaults and validation: the official client's defaults for its options, ours for the
 * rest. Invalid values that the official client refuses are refused the same way (`RangeError`);
 * retry options it silently corrects are corrected the same way.
 */
import type { ClientMachineConfig } from "../../machines/client.machine.js";
import type { RetryPolicy } from "../../machines/retry.js";
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

/** The official client replaces missing or negative retry numbers by their defaults. */
function retryPolicy(options: WebPubSubRetryOptions | undefined, maxRetries: number): RetryPolicy {
  const pick = (value: number | undefined, fallback: number) =>
    typeof value === "number" && value >= 0 && !Number.isNaN(value) ? value : fallback;
  const jitter = options?.jitter;
  if (jitter !== undefined && !(jitter >= 0 && jitter <= 1)) {
    throw new RangeError("jitter must be between 0 and 1.");
  }
  const mode = options?.mode ?? "Fixed";
  if (mode !== "Fixed" && mode !== "Exponential")
    throw new RangeError(`Unknown retry mode "${String(mode)}".`);
  return {
    maxRetries: pick(options?.maxRetries, maxRetries),
    retryDelayInMs: pick(options?.retryDelayInMs, 1000),
    maxRetryDelayInMs: pick(options?.maxRetryDelayInMs, 30000),
    mode,
    jitter: jitter ?? DEFAULT_JITTER,
  };
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
  const recovery = o.recoveryRetryOptions;
  const inDoubt = o.inDoubtOperations ?? "fail";
  if (inDoubt !== "fail" && inDoubt !== "retry") {
    throw new RangeError(`inDoubtOperations must be "fail" or "retry".`);
  }
  const gap = nonNegative("sequenceAckGapThreshold", o.sequenceAckGapThreshold, 300);
  return {
    protocol,
    messageRetry: retryPolicy(o.messageRetryOptions, 3),
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
      // Recovery resumes the same session with its reconnection token (no new URL, no rejoin),
      // and the outage it most often meets is short (a network blip, a service restart of a few
      // hundred ms): the first attempt is immediate, then 50 ms, then every 100 ms at most (less
      // with jitter), so the client is back within about outage + 100 ms (+ one round trip to
      // confirm), i.e. within twice any outage of ~150 ms or more, for at most ~10 attempts (each
      // a refused upgrade while the service is down) per second in the recovery window.
      // (The official client waits a fixed 1 s between attempts.)
      recoveryRetry: {
        maxRetries: Number.POSITIVE_INFINITY,
        retryDelayInMs: nonNegative("recoveryRetryOptions.retryDelayInMs", recovery?.retryDelayInMs, 50),
        maxRetryDelayInMs: nonNegative(
          "recoveryRetryOptions.maxRetryDelayInMs",
          recovery?.maxRetryDelayInMs,
          100,
        ),
        mode: recovery?.mode ?? "Exponential",
        jitter: recovery?.jitter ?? DEFAULT_JITTER,
      },
      reconnectRetry: retryPolicy(o.reconnectRetryOptions, Number.POSITIVE_INFINITY),
      connectTimeoutInMs: 30000,
      closeTimeoutInMs: 3000,
    },
  };
}
