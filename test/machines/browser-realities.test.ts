/**
 * What the client machine does with the environment's facts (browsers; the socket actor reports
 * them): `NETWORK.ONLINE`, `NETWORK.OFFLINE`, `CLOCK.JUMPED`, `PAGE.SHOWN`, `PAGE.HIDDEN`. Each new
 * transition is driven through a fake socket actor, as the browser one would send it, under fake
 * timers.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { buildRecoveryUrl, type EnvironmentEvent } from "../../machines/client.machine.js";
import type { RetryPolicy } from "../../machines/rules/retry.js";
import {
  BASE_URL,
  connect,
  connectedFrame,
  createHarness,
  flush,
  testConfig,
  type Harness,
} from "./harness.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const slow = (delay: number): RetryPolicy => ({
  maxRetries: Number.POSITIVE_INFINITY,
  retryDelayInMs: delay,
  maxRetryDelayInMs: delay,
  mode: "Fixed",
  jitter: 0,
});

/** A connection lost for good, a first reconnect attempt that failed: waiting out `reconnectDelay`. */
async function reconnectingAfterAFailedAttempt(h: Harness): Promise<void> {
  await connect(h);
  h.socket({ type: "SOCKET.CLOSED", code: 1008, reason: "session gone" });
  await flush();
  expect(h.matches("running.connecting.opening")).toBe(true);
  h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "offline" });
  expect(h.matches("running.reconnecting")).toBe(true);
}

/** A dropped reliable connection whose first recovery attempt failed: waiting out `recoveryDelay`. */
function recoveryWaiting(h: Harness): void {
  h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "gone" });
  h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "offline" });
  expect(h.matches("running.recovering.waiting")).toBe(true);
}

const WAKE_UPS: EnvironmentEvent[] = [
  { type: "NETWORK.ONLINE" },
  { type: "PAGE.SHOWN" },
  { type: "CLOCK.JUMPED", driftInMs: 600_000 },
];

const LIVENESS_HINTS: EnvironmentEvent[] = [
  { type: "CLOCK.JUMPED", driftInMs: 600_000 },
  { type: "PAGE.SHOWN" },
  { type: "NETWORK.OFFLINE" },
];

describe("client.machine: the environment actor", () => {
  it("runs while the client runs, and only then", async () => {
    const h = createHarness();
    expect(h.environmentRunning).toBe(false);
    await connect(h);
    expect(h.environmentRunning).toBe(true);
    h.actor.send({ type: "STOP" });
    h.socket({ type: "SOCKET.CLOSED", code: 1000, reason: "" });
    expect(h.value()).toBe("stopped");
    expect(h.environmentRunning).toBe(false);
  });
});

describe("client.machine: reconnecting when the world changes", () => {
  it("without a hint it waits out the whole reconnect delay", async () => {
    const h = createHarness(testConfig({ reconnectRetry: slow(60_000) }));
    await reconnectingAfterAFailedAttempt(h);
    await flush(59_999);
    expect(h.matches("running.reconnecting")).toBe(true);
    expect(h.urlCalls).toBe(2);
    await flush(1);
    expect(h.urlCalls).toBe(3);
  });

  it.each(WAKE_UPS)("$type in reconnecting → connecting at once, with a fresh URL", async (event) => {
    const h = createHarness(testConfig({ reconnectRetry: slow(60_000) }));
    await reconnectingAfterAFailedAttempt(h);
    h.environment(event);
    expect(h.matches("running.connecting.resolvingUrl")).toBe(true);
    await flush();
    expect(h.urlCalls).toBe(3);
    expect(h.opens().at(-1)).toEqual({ type: "OPEN", url: BASE_URL });
    h.socket({ type: "SOCKET.OPENED" });
    h.socket({ type: "FRAME.CONNECTED", message: connectedFrame("c2", "tok2") });
    expect(h.actor.getSnapshot().hasTag("connected")).toBe(true);
    expect(h.actor.getSnapshot().context.reconnectAttempt).toBe(0);
  });

  it("an early attempt that fails counts like any other and the backoff goes on from there", async () => {
    const h = createHarness(testConfig({ reconnectRetry: slow(60_000) }));
    await reconnectingAfterAFailedAttempt(h);
    expect(h.actor.getSnapshot().context.reconnectAttempt).toBe(1);
    h.environment({ type: "NETWORK.ONLINE" });
    await flush();
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "still offline" });
    expect(h.matches("running.reconnecting")).toBe(true);
    expect(h.actor.getSnapshot().context.reconnectAttempt).toBe(2);
  });
});

describe("client.machine: recovering when the world changes", () => {
  it("without a hint it waits out the recovery delay", async () => {
    const h = createHarness(testConfig({ recoveryRetry: slow(20_000) }));
    await connect(h);
    recoveryWaiting(h);
    // The first connection and the first (immediate) recovery attempt.
    expect(h.opens()).toHaveLength(2);
    await flush(19_999);
    expect(h.opens()).toHaveLength(2);
    await flush(1);
    expect(h.opens()).toHaveLength(3);
  });

  it.each(WAKE_UPS)("$type in recovering.waiting → the next recovery attempt at once", async (event) => {
    const h = createHarness(testConfig({ recoveryRetry: slow(20_000) }));
    await connect(h);
    recoveryWaiting(h);
    const before = h.opens().length;
    h.environment(event);
    expect(h.matches("running.recovering.attempting")).toBe(true);
    expect(h.actor.getSnapshot().context.recoveryAttempt).toBe(1);
    expect(h.opens()).toHaveLength(before + 1);
    expect(h.opens().at(-1)).toEqual({
      type: "OPEN",
      url: buildRecoveryUrl(BASE_URL, { connectionId: "c1", userId: "alice", reconnectionToken: "tok1" }),
    });
    h.socket({ type: "SOCKET.OPENED" });
    h.socket({ type: "PONG.RECEIVED" });
    expect(h.actor.getSnapshot().hasTag("connected")).toBe(true);
    expect(h.types()).toContain("recovered");
  });

  it("a hint while an attempt is in flight changes nothing (no second socket)", async () => {
    const h = createHarness();
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "gone" });
    expect(h.matches("running.recovering.attempting")).toBe(true);
    const before = h.commands.length;
    h.environment({ type: "NETWORK.ONLINE" });
    expect(h.matches("running.recovering.attempting")).toBe(true);
    expect(h.commands).toHaveLength(before);
  });
});

describe("client.machine: a liveness check on a hint that the link may be dead", () => {
  it.each(LIVENESS_HINTS)(
    "$type while connected writes a ping at once and a pong settles it",
    async (event) => {
      const h = createHarness(testConfig({ keepAliveIntervalInMs: 20_000, pongTimeoutInMs: 5000 }));
      await connect(h);
      expect(h.matches("running.connected.liveness.assumed")).toBe(true);
      h.environment(event);
      expect(h.writes()).toEqual([{ kind: "ping" }]);
      expect(h.matches("running.connected.liveness.probing")).toBe(true);
      h.socket({ type: "PONG.RECEIVED" });
      expect(h.matches("running.connected.liveness.assumed")).toBe(true);
      await flush(5000);
      expect(h.actor.getSnapshot().hasTag("connected")).toBe(true);
      expect(h.commands).not.toContainEqual({ type: "TERMINATE" });
    },
  );

  it("no pong within the pong timeout: the link is dead, dropped and recovered", async () => {
    const h = createHarness(testConfig({ pongTimeoutInMs: 5000 }));
    await connect(h);
    h.environment({ type: "CLOCK.JUMPED", driftInMs: 600_000 });
    await flush(4999);
    expect(h.actor.getSnapshot().hasTag("connected")).toBe(true);
    await flush(1);
    expect(h.commands).toContainEqual({ type: "TERMINATE" });
    expect(h.actor.getSnapshot().hasTag("recovering")).toBe(true);
    expect(h.emitted.find((e) => e.type === "recovering")).toMatchObject({
      connectionId: "c1",
      code: 1006,
      reason: "No pong received 5000 ms after a liveness probe",
    });
  });

  it("with pongTimeout 0 the probe still ends, after 10 s", async () => {
    const h = createHarness(testConfig({ pongTimeoutInMs: 0 }));
    await connect(h);
    h.environment({ type: "PAGE.SHOWN" });
    await flush(9999);
    expect(h.actor.getSnapshot().hasTag("connected")).toBe(true);
    await flush(1);
    expect(h.actor.getSnapshot().hasTag("recovering")).toBe(true);
  });

  it("works with keep-alive pings off (a sleeping page never reaches the next keep-alive anyway)", async () => {
    const h = createHarness(testConfig({ keepAliveIntervalInMs: 0, pongTimeoutInMs: 3000 }));
    await connect(h);
    expect(h.matches("running.connected.keepAlive.disabled")).toBe(true);
    h.environment({ type: "NETWORK.OFFLINE" });
    expect(h.writes()).toEqual([{ kind: "ping" }]);
    await flush(3000);
    expect(h.actor.getSnapshot().hasTag("recovering")).toBe(true);
  });

  it("more hints while a probe is out send no more pings and do not extend its deadline", async () => {
    const h = createHarness(testConfig({ pongTimeoutInMs: 5000 }));
    await connect(h);
    h.environment({ type: "CLOCK.JUMPED", driftInMs: 60_000 });
    await flush(3000);
    h.environment({ type: "PAGE.SHOWN" });
    h.environment({ type: "CLOCK.JUMPED", driftInMs: 60_000 });
    expect(h.writes()).toEqual([{ kind: "ping" }]);
    await flush(2000);
    expect(h.actor.getSnapshot().hasTag("recovering")).toBe(true);
  });

  it("the keep-alive's own pong also answers a probe sent while it was awaited", async () => {
    const h = createHarness(testConfig({ keepAliveIntervalInMs: 1000, pongTimeoutInMs: 5000 }));
    await connect(h);
    await flush(1000);
    expect(h.matches("running.connected.keepAlive.awaitingPong")).toBe(true);
    h.environment({ type: "CLOCK.JUMPED", driftInMs: 60_000 });
    expect(h.writes()).toEqual([{ kind: "ping" }, { kind: "ping" }]);
    h.socket({ type: "PONG.RECEIVED" });
    expect(h.matches("running.connected.keepAlive.idle")).toBe(true);
    expect(h.matches("running.connected.liveness.assumed")).toBe(true);
  });

  it("NETWORK.ONLINE while connected is no hint of a dead link: nothing happens", async () => {
    const h = createHarness(testConfig({ pongTimeoutInMs: 5000 }));
    await connect(h);
    const before = h.commands.length;
    h.environment({ type: "NETWORK.ONLINE" });
    expect(h.commands).toHaveLength(before);
    expect(h.matches("running.connected.liveness.assumed")).toBe(true);
  });
});

describe("client.machine: PAGE.HIDDEN (pagehide) stops the client cleanly", () => {
  it("connected → closing with 1000, pending operations stopped, then stopped", async () => {
    const h = createHarness();
    await connect(h);
    h.environment({ type: "PAGE.HIDDEN" });
    expect(h.actor.getSnapshot().hasTag("stopping")).toBe(true);
    expect(h.commands.at(-1)).toEqual({ type: "CLOSE", code: 1000, reason: "The client was stopped" });
    expect(h.types()).toContain("link.stopped");
    h.socket({ type: "SOCKET.CLOSED", code: 1000, reason: "The client was stopped" });
    expect(h.value()).toBe("stopped");
    expect(h.types().slice(-3)).toEqual(["link.lost", "disconnected", "stopped"]);
    // Stopped by the page, not by a fault: nothing is left to recover or reconnect.
    await flush(120_000);
    expect(h.opens()).toHaveLength(1);
  });

  it("reconnecting → stopped at once", async () => {
    const h = createHarness(testConfig({ reconnectRetry: slow(60_000) }));
    await reconnectingAfterAFailedAttempt(h);
    h.environment({ type: "PAGE.HIDDEN" });
    expect(h.value()).toBe("stopped");
    expect(h.types().slice(-2)).toEqual(["link.stopped", "stopped"]);
  });

  it("recovering.waiting → stopped, the connection reported gone", async () => {
    const h = createHarness();
    await connect(h);
    recoveryWaiting(h);
    h.environment({ type: "PAGE.HIDDEN" });
    expect(h.value()).toBe("stopped");
    expect(h.emitted.find((e) => e.type === "disconnected")).toMatchObject({ connectionId: "c1" });
    expect(h.types().at(-1)).toBe("stopped");
  });

  it("while the socket is opening → closing, as stop() would", async () => {
    const h = createHarness();
    h.actor.send({ type: "START" });
    await flush();
    expect(h.matches("running.connecting.opening")).toBe(true);
    h.environment({ type: "PAGE.HIDDEN" });
    expect(h.actor.getSnapshot().hasTag("stopping")).toBe(true);
    h.socket({ type: "SOCKET.CLOSED", code: 1000, reason: "" });
    expect(h.value()).toBe("stopped");
  });
});
