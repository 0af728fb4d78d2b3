/**
 * The browser environment reporter on a fake page (an `EventTarget` window and document, fake
 * timers and clock), and its wiring into the facade: `pagehide` stops the client with 1000.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createActor, createMachine, fromCallback } from "xstate";
import type { EnvironmentEvent } from "../../machines/client.machine.js";
import { WebPubSubClient, type InternalClientOptions } from "../../src/client.js";
import {
  createBrowserEnvironment,
  type BrowserEnvironmentOptions,
  type EnvironmentDocument,
} from "../../src/runtime/environment.browser.js";
import { createFakeSockets } from "../client/fake-socket.js";

class FakeDocument extends EventTarget implements EnvironmentDocument {
  visibilityState: "visible" | "hidden" = "visible";
  set(state: "visible" | "hidden"): void {
    this.visibilityState = state;
    this.dispatchEvent(new Event("visibilitychange"));
  }
}

function pageTransition(type: "pageshow" | "pagehide", persisted: boolean): Event {
  const event = new Event(type);
  Object.defineProperty(event, "persisted", { value: persisted });
  return event;
}

/** Runs the environment reporter as a machine's child and records what it sends its parent. */
function runEnvironment(options: BrowserEnvironmentOptions) {
  const received: EnvironmentEvent[] = [];
  const parent = createMachine({
    invoke: { src: fromCallback(createBrowserEnvironment(options)) },
    on: { "*": { actions: ({ event }) => received.push(event as EnvironmentEvent) } },
  });
  const actor = createActor(parent).start();
  return { received, stop: () => actor.stop() };
}

let clock = 0;
beforeEach(() => {
  vi.useFakeTimers();
  clock = 1_000_000;
});
afterEach(() => {
  vi.useRealTimers();
});

describe("createBrowserEnvironment", () => {
  it("reports online and offline", () => {
    const target = new EventTarget();
    const env = runEnvironment({ target, clockCheckIntervalInMs: 0 });
    target.dispatchEvent(new Event("offline"));
    target.dispatchEvent(new Event("online"));
    expect(env.received).toEqual([{ type: "NETWORK.OFFLINE" }, { type: "NETWORK.ONLINE" }]);
  });

  it("reports the page shown again only after it was hidden, and a back/forward-cache restore", () => {
    const target = new EventTarget();
    const document = new FakeDocument();
    const env = runEnvironment({ target, document, clockCheckIntervalInMs: 0 });
    document.set("visible");
    target.dispatchEvent(pageTransition("pageshow", false));
    expect(env.received).toEqual([]);
    document.set("hidden");
    document.set("visible");
    target.dispatchEvent(pageTransition("pageshow", true));
    document.dispatchEvent(new Event("resume"));
    expect(env.received).toEqual([{ type: "PAGE.SHOWN" }, { type: "PAGE.SHOWN" }, { type: "PAGE.SHOWN" }]);
  });

  it("a page that starts hidden is shown when it becomes visible", () => {
    const document = new FakeDocument();
    document.visibilityState = "hidden";
    const env = runEnvironment({ target: new EventTarget(), document, clockCheckIntervalInMs: 0 });
    document.set("visible");
    expect(env.received).toEqual([{ type: "PAGE.SHOWN" }]);
  });

  it("reports pagehide, unless told not to", () => {
    const target = new EventTarget();
    const env = runEnvironment({ target, clockCheckIntervalInMs: 0 });
    target.dispatchEvent(pageTransition("pagehide", true));
    expect(env.received).toEqual([{ type: "PAGE.HIDDEN" }]);
    const quiet = new EventTarget();
    const off = runEnvironment({ target: quiet, clockCheckIntervalInMs: 0, stopOnPageHide: false });
    quiet.dispatchEvent(pageTransition("pagehide", false));
    expect(off.received).toEqual([]);
  });

  it("a wall clock that runs far ahead of the timers is a jump; slow timers and a clock set back are not", async () => {
    const env = runEnvironment({
      target: new EventTarget(),
      now: () => clock,
      clockCheckIntervalInMs: 2000,
      clockJumpThresholdInMs: 10_000,
    });
    clock += 2000;
    await vi.advanceTimersByTimeAsync(2000);
    // A busy main thread: the tick came 9.9 s late.
    clock += 2000 + 9_999;
    await vi.advanceTimersByTimeAsync(2000);
    // NTP set the clock back an hour.
    clock += 2000 - 3_600_000;
    await vi.advanceTimersByTimeAsync(2000);
    expect(env.received).toEqual([]);
    // The laptop slept ten minutes: timers did not count them, the clock did.
    clock += 2000 + 600_000;
    await vi.advanceTimersByTimeAsync(2000);
    expect(env.received).toEqual([{ type: "CLOCK.JUMPED", driftInMs: 600_000 }]);
    // One jump is reported once.
    clock += 2000;
    await vi.advanceTimersByTimeAsync(2000);
    expect(env.received).toHaveLength(1);
  });

  it("removes every listener and its timer when stopped", async () => {
    const target = new EventTarget();
    const document = new FakeDocument();
    document.visibilityState = "hidden";
    const env = runEnvironment({ target, document, now: () => clock });
    env.stop();
    target.dispatchEvent(new Event("online"));
    target.dispatchEvent(pageTransition("pagehide", false));
    document.set("visible");
    clock += 3_600_000;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(env.received).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("without a window or document (a worker, Node) it listens to nothing and does not throw", async () => {
    const env = runEnvironment({ now: () => clock, clockCheckIntervalInMs: 1000 });
    clock += 1000 + 60_000;
    await vi.advanceTimersByTimeAsync(1000);
    expect(env.received).toEqual([{ type: "CLOCK.JUMPED", driftInMs: 60_000 }]);
    env.stop();
  });
});

describe("WebPubSubClient with the browser environment", () => {
  const URL = "wss://example.test/client/hubs/chat?access_token=x";

  async function connectedClient(target: EventTarget, options: Partial<InternalClientOptions> = {}) {
    const sockets = createFakeSockets();
    const internal: InternalClientOptions = {
      socketFactory: sockets.factory,
      environment: createBrowserEnvironment({ target, clockCheckIntervalInMs: 0 }),
      keepAliveIntervalInMs: 0,
      keepAliveTimeoutInMs: 0,
      ...options,
    };
    const client = new WebPubSubClient(URL, internal);
    const started = client.start();
    await vi.advanceTimersByTimeAsync(0);
    sockets.sockets[0]!.accept("conn-1");
    await started;
    return { client, sockets };
  }

  it("pagehide: stop() with 1000, pending operations fail with `stopped`, `stopped` is emitted", async () => {
    const target = new EventTarget();
    const { client, sockets } = await connectedClient(target);
    const stopped = vi.fn();
    client.on("stopped", stopped);
    const pending = client.joinGroupResult("g");
    target.dispatchEvent(pageTransition("pagehide", false));
    expect(sockets.sockets[0]!.closedWith).toEqual({ code: 1000, reason: "The client was stopped" });
    const result = await pending;
    expect(result.isErr() && result.error.kind).toBe("stopped");
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toHaveBeenCalledTimes(1);
    expect(client.state).toBe("stopped");
  });

  it("online while reconnecting: the next attempt starts at once, not after the backoff", async () => {
    const target = new EventTarget();
    const { client, sockets } = await connectedClient(target, {
      reconnectRetryOptions: { retryDelayInMs: 60_000, maxRetryDelayInMs: 60_000, jitter: 0 },
    });
    // The service closes the session for good; the first reconnect attempt fails (offline).
    sockets.sockets[0]!.drop(1008, "session gone");
    await vi.advanceTimersByTimeAsync(0);
    sockets.sockets[1]!.drop(1006, "offline");
    await vi.advanceTimersByTimeAsync(1000);
    expect(client.state).toBe("reconnecting");
    expect(sockets.sockets).toHaveLength(2);
    target.dispatchEvent(new Event("online"));
    await vi.advanceTimersByTimeAsync(0);
    expect(sockets.sockets).toHaveLength(3);
    sockets.sockets[2]!.accept("conn-2");
    expect(client.state).toBe("connected");
    expect(client.connectionId).toBe("conn-2");
    client.stop();
    await vi.advanceTimersByTimeAsync(0);
  });
});
