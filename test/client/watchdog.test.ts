/** The process-wide silence watchdog (src/runtime/watchdog.ts), under fake timers. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { silenceWatchdog, type SilenceWatch } from "../../src/runtime/watchdog.js";
import { WebPubSubJsonReliableProtocol } from "../../src/protocol/json-protocol.js";
import { Link } from "../../src/runtime/link.js";
import { codecOf } from "../../src/protocol/codec.js";

function watchOf(silenceTimeoutInMs: number): SilenceWatch & { silentAt: number[] } {
  const silentAt: number[] = [];
  return {
    link: new Link(codecOf(WebPubSubJsonReliableProtocol())),
    silenceTimeoutInMs,
    silentAt,
    linkSilent() {
      silentAt.push(Date.now());
    },
  };
}

describe("silence watchdog", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reports a silent link once, between 1.0 and 1.1 of its timeout, and then stops its timer", () => {
    const watch = watchOf(1000);
    silenceWatchdog.watch(watch);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(999);
    expect(watch.silentAt).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(watch.silentAt).toHaveLength(1);
    expect(watch.silentAt[0]).toBeGreaterThanOrEqual(1000);
    expect(watch.silentAt[0]).toBeLessThanOrEqual(1100);
    vi.advanceTimersByTime(10_000);
    expect(watch.silentAt).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("counts silence from the last inbound frame", () => {
    const watch = watchOf(1000);
    silenceWatchdog.watch(watch);
    vi.advanceTimersByTime(800);
    watch.link.lastInboundAt = Date.now();
    vi.advanceTimersByTime(900);
    expect(watch.silentAt).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(watch.silentAt).toHaveLength(1);
    expect(watch.silentAt[0]).toBeGreaterThanOrEqual(1800);
  });

  it("serves many links with one timer, sampled for the shortest timeout", () => {
    const slow = watchOf(10_000);
    const fast = watchOf(1000);
    const links = Array.from({ length: 50 }, () => watchOf(10_000));
    silenceWatchdog.watch(slow);
    for (const watch of links) silenceWatchdog.watch(watch);
    silenceWatchdog.watch(fast);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1100);
    expect(fast.silentAt).toHaveLength(1);
    expect(slow.silentAt).toEqual([]);
    vi.advanceTimersByTime(9000);
    expect(slow.silentAt).toHaveLength(1);
    expect(slow.silentAt[0]).toBeLessThanOrEqual(10_100);
    expect(links.every((watch) => watch.silentAt.length === 1)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stops sampling an unwatched link, and its timer when nothing is watched", () => {
    const watch = watchOf(1000);
    silenceWatchdog.watch(watch);
    silenceWatchdog.unwatch(watch);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(watch.silentAt).toEqual([]);
  });

  it("a link watched again is counted from the new watch", () => {
    const watch = watchOf(1000);
    silenceWatchdog.watch(watch);
    vi.advanceTimersByTime(900);
    silenceWatchdog.unwatch(watch);
    silenceWatchdog.watch(watch);
    vi.advanceTimersByTime(900);
    expect(watch.silentAt).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(watch.silentAt).toHaveLength(1);
  });
});
