/**
 * The backoff of connection attempts (`machines/rules/retry.ts` with the defaults of
 * `src/runtime/options.ts`): pinned with a seeded random, bounded for any random, and honoured by
 * the client machine together with a refusal's `Retry-After`.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { attemptDelayInMs, jitterDraw, type RetryPolicy } from "../../machines/rules/retry.js";
import { resolveOptions } from "../../src/runtime/options.js";
import { parseRetryAfter } from "../../src/transport/retry-after.js";
import { connect, createHarness, flush, testConfig } from "./harness.js";

/** A small seeded generator (mulberry32): the same seed, the same delays. */
function seeded(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const { recoveryRetry, reconnectRetry } = resolveOptions(undefined).machine;

/** The times of the attempts a policy makes in an outage of `outageMs` (the first at 0). */
function attemptTimes(policy: RetryPolicy, random: () => number, outageMs: number): number[] {
  const times = [0];
  let at = 0;
  for (let retry = 1; ; retry++) {
    at += attemptDelayInMs(policy, retry, random(), undefined);
    times.push(at);
    if (at >= outageMs) return times;
  }
}

describe("default backoff of connection attempts", () => {
  it("recovery: at once, then exponential from 180 ms to 2.5 s, 40% of each delay at random", () => {
    expect(recoveryRetry).toEqual({
      maxRetries: Number.POSITIVE_INFINITY,
      retryDelayInMs: 180,
      maxRetryDelayInMs: 2500,
      mode: "Exponential",
      jitter: 0.4,
    });
    const random = seeded(20261130);
    const delays = Array.from({ length: 10 }, (_, i) =>
      attemptDelayInMs(recoveryRetry, i + 1, random(), undefined),
    );
    expect(delays).toEqual([145, 281, 575, 1037, 1900, 2041, 1660, 1960, 1898, 2130]);
  });

  it("reconnect: the first attempt at once, then exponential from 180 ms to 5 s", () => {
    expect(reconnectRetry).toMatchObject({
      retryDelayInMs: 180,
      maxRetryDelayInMs: 5000,
      mode: "Exponential",
    });
    const random = seeded(20261130);
    const delays = Array.from({ length: 10 }, (_, i) =>
      attemptDelayInMs(reconnectRetry, i, random(), undefined),
    );
    expect(delays).toEqual([0, 141, 288, 519, 1094, 2352, 3320, 3919, 3795, 4260]);
  });

  it("for any random draws: a 300 ms outage is over by 540 ms, a 10 s one costs ≤ 10 attempts and is over within 2.5 s", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const short = attemptTimes(recoveryRetry, seeded(seed), 300);
        // The second retry always lands after the outage: 324–540 ms.
        expect(short.at(-1)).toBeGreaterThanOrEqual(324);
        expect(short.at(-1)).toBeLessThanOrEqual(540);
        const long = attemptTimes(recoveryRetry, seeded(seed), 10_000);
        const during = long.filter((t) => t < 10_000);
        expect(during.length).toBeLessThanOrEqual(10);
        expect(long.at(-1)! - 10_000).toBeLessThanOrEqual(2500);
      }),
      { numRuns: 500 },
    );
  });

  it("a Retry-After sets the earliest next attempt, spread over the step's jitter; never earlier than the backoff", () => {
    for (const r of [0, 0.3, 0.999]) {
      const delay = attemptDelayInMs(recoveryRetry, 1, r, 5000);
      expect(delay).toBeGreaterThanOrEqual(5000);
      expect(delay).toBeLessThanOrEqual(5000 + 100);
    }
    // A Retry-After shorter than the backoff does not make the client hurry.
    expect(attemptDelayInMs(recoveryRetry, 5, 0.5, 1)).toBe(
      attemptDelayInMs(recoveryRetry, 5, 0.5, undefined),
    );
    // An attempt that would be immediate waits for it.
    expect(attemptDelayInMs(reconnectRetry, 0, 0, 3000)).toBe(3000);
  });
});

describe("Retry-After", () => {
  const now = Date.UTC(2026, 10, 30, 12, 0, 0);
  it("reads whole seconds and HTTP dates, and ignores what it cannot read", () => {
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter(new Date(now + 7000).toUTCString(), now)).toBe(7000);
    expect(parseRetryAfter(new Date(now - 7000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-1", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("99999999", now)).toBe(3_600_000);
  });
});

describe("the client machine honours a refusal's Retry-After", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const refused = (retryAfterMs: number) => ({
    type: "SOCKET.CLOSED" as const,
    code: 1006,
    reason: "HTTP 503",
    refusal: { status: 503, reason: "restarting", retryAfterMs },
  });

  it("recovery: the next attempt waits for it (within the recovery window), then backs off as usual", async () => {
    const h = createHarness(testConfig({ recoveryRetry: recoveryRetry, recoveryWindowInMs: 30_000 }));
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "network" });
    expect(h.matches("running.recovering")).toBe(true);
    expect(h.opens()).toHaveLength(2); // the first recovery attempt is immediate
    h.socket(refused(5000));
    // The harness seeds the jitter with 1: the machine draws jitterDraw(1, attempt).
    const first = attemptDelayInMs(recoveryRetry, 1, jitterDraw(1, 1), 5000);
    expect(first).toBeGreaterThanOrEqual(5000);
    expect(first).toBeLessThanOrEqual(5100);
    await flush(first - 1);
    expect(h.opens()).toHaveLength(2);
    await flush(1);
    expect(h.opens()).toHaveLength(3);
    // Refused without a Retry-After: the backoff alone (second step, 200–400 ms).
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "refused" });
    const second = attemptDelayInMs(recoveryRetry, 2, jitterDraw(1, 2), undefined);
    expect(second).toBeGreaterThanOrEqual(200);
    expect(second).toBeLessThanOrEqual(400);
    await flush(second - 1);
    expect(h.opens()).toHaveLength(3);
    await flush(1);
    expect(h.opens()).toHaveLength(4);
  });

  it("recovery: a Retry-After beyond the window does not extend it", async () => {
    const h = createHarness(testConfig({ recoveryRetry: recoveryRetry, recoveryWindowInMs: 10_000 }));
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "network" });
    h.socket(refused(60_000));
    await flush(10_000);
    expect(h.matches("running.recovering")).toBe(false);
    expect(h.types()).toContain("disconnected");
  });

  it("reconnect: a refused new connection waits for it before the next one", async () => {
    const h = createHarness(testConfig({ reliable: false, reconnectRetry: reconnectRetry }));
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "network" });
    await flush();
    expect(h.opens()).toHaveLength(2); // the first reconnect attempt is immediate
    h.socket(refused(4000));
    await flush(3999);
    expect(h.opens()).toHaveLength(2);
    await flush(1 + 100); // at most the first step's 100 ms of jitter later
    expect(h.opens()).toHaveLength(3);
  });
});
