import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { buildRecoveryUrl } from "../../machines/client.machine.js";
import {
  BASE_URL,
  connect,
  connectedFrame,
  createHarness,
  flush,
  groupMessage,
  testConfig,
} from "./harness.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("client.machine: connecting", () => {
  it("goes stopped → connecting (resolvingUrl → opening → handshaking) → connected on system/connected", async () => {
    const h = createHarness();
    expect(h.value()).toBe("stopped");
    h.actor.send({ type: "START" });
    expect(h.matches("running.connecting.resolvingUrl")).toBe(true);
    await flush();
    expect(h.matches("running.connecting.opening")).toBe(true);
    expect(h.opens()).toEqual([{ type: "OPEN", url: BASE_URL }]);
    h.socket({ type: "SOCKET.OPENED" });
    // Not connected at socket open: the service's connected message decides.
    expect(h.matches("running.connecting.handshaking")).toBe(true);
    expect(h.types()).not.toContain("connected");
    h.socket({ type: "FRAME.CONNECTED", message: connectedFrame() });
    expect(h.actor.getSnapshot().hasTag("connected")).toBe(true);
    expect(h.types()).toEqual(["link.ready", "connected"]);
    expect(h.emitted[1]).toEqual({ type: "connected", connectionId: "c1", userId: "alice" });
    expect(h.actor.getSnapshot().context.connection).toEqual({
      connectionId: "c1",
      userId: "alice",
      reconnectionToken: "tok1",
    });
  });

  it("a first connection refused before open ends start: start.failed with the close code, stopped, no retry", async () => {
    const h = createHarness();
    h.actor.send({ type: "START" });
    await flush();
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "Unexpected server response: 401" });
    expect(h.value()).toBe("stopped");
    const failed = h.emitted.find((e) => e.type === "start.failed");
    expect(failed).toMatchObject({ code: 1006 });
    expect(failed && "message" in failed ? failed.message : "").toContain("401");
    expect(h.types()).not.toContain("stopped");
    await flush(60_000);
    expect(h.opens()).toHaveLength(1);
  });

  it("a URL source that throws ends start with its message", async () => {
    const h = createHarness(testConfig(), [new Error("token service down")]);
    h.actor.send({ type: "START" });
    await flush();
    expect(h.value()).toBe("stopped");
    const failed = h.emitted.find((e) => e.type === "start.failed");
    expect(failed && "message" in failed ? failed.message : "").toContain("token service down");
  });

  it("a connection not ready within connectTimeout fails", async () => {
    const h = createHarness(testConfig({ connectTimeoutInMs: 5000 }));
    h.actor.send({ type: "START" });
    await flush();
    h.socket({ type: "SOCKET.OPENED" });
    await flush(4999);
    expect(h.actor.getSnapshot().hasTag("connecting")).toBe(true);
    await flush(1);
    expect(h.value()).toBe("stopped");
    expect(h.commands).toContainEqual({ type: "TERMINATE" });
    expect(h.types()).toContain("start.failed");
  });

  it("can be started again after it stopped", async () => {
    const h = createHarness();
    await connect(h);
    h.actor.send({ type: "STOP" });
    h.socket({ type: "SOCKET.CLOSED", code: 1000, reason: "" });
    expect(h.value()).toBe("stopped");
    await connect(h, "c2", "tok2");
    expect(h.actor.getSnapshot().hasTag("connected")).toBe(true);
    expect(h.emitted.filter((e) => e.type === "connected")).toHaveLength(2);
  });
});

describe("client.machine: reliable messages", () => {
  it("drops messages whose sequence id is not above the last one", async () => {
    const h = createHarness();
    await connect(h);
    for (const id of [1, 2, 2, 1, 3]) h.socket({ type: "MESSAGE.RECEIVED", message: groupMessage(id) });
    const delivered = h.emitted.flatMap((e) => (e.type === "group-message" ? [e.message.sequenceId] : []));
    expect(delivered).toEqual([1, 2, 3]);
  });

  it("sends sequenceAck on the interval only when the id changed", async () => {
    const h = createHarness();
    await connect(h);
    h.socket({ type: "MESSAGE.RECEIVED", message: groupMessage(1) });
    h.socket({ type: "MESSAGE.RECEIVED", message: groupMessage(2) });
    expect(h.writes()).toEqual([]);
    await flush(1000);
    expect(h.writes()).toEqual([{ kind: "sequenceAck", sequenceId: 2 }]);
    await flush(3000);
    expect(h.writes()).toHaveLength(1);
    h.socket({ type: "MESSAGE.RECEIVED", message: groupMessage(3) });
    await flush(1000);
    expect(h.writes()).toEqual([
      { kind: "sequenceAck", sequenceId: 2 },
      { kind: "sequenceAck", sequenceId: 3 },
    ]);
  });

  it("keeps no sequenceAck timer while everything received is acknowledged", async () => {
    const h = createHarness();
    await connect(h);
    const region = () =>
      (h.value() as { running: { connected: { sequenceAck: string } } }).running.connected.sequenceAck;
    expect(region()).toBe("idle");
    expect(vi.getTimerCount()).toBe(0);
    h.socket({ type: "MESSAGE.RECEIVED", message: groupMessage(1) });
    expect(region()).toBe("scheduled");
    expect(vi.getTimerCount()).toBe(1);
    h.socket({ type: "MESSAGE.RECEIVED", message: groupMessage(2) });
    expect(vi.getTimerCount()).toBe(1);
    await flush(1000);
    expect(h.writes()).toEqual([{ kind: "sequenceAck", sequenceId: 2 }]);
    expect(region()).toBe("idle");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a connection that begins with messages unacknowledged (a recovery) acks them at once", async () => {
    const h = createHarness();
    await connect(h);
    h.socket({ type: "MESSAGE.RECEIVED", message: groupMessage(1) });
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "" });
    await flush();
    expect(h.matches("running")).toBe(true);
    h.socket({ type: "SOCKET.OPENED" });
    // The replayed message confirms the recovery; the new connection acks what it has at once,
    // before the interval (which restarts with every connection) could ever pass.
    h.socket({ type: "MESSAGE.RECEIVED", message: groupMessage(2) });
    expect(h.value()).toMatchObject({ running: { connected: { sequenceAck: "idle" } } });
    expect(h.writes().filter((m) => m.kind === "sequenceAck")).toEqual([
      { kind: "sequenceAck", sequenceId: 2 },
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a link that drops more often than the interval still acknowledges what it received", async () => {
    const h = createHarness();
    await connect(h);
    for (let round = 1; round <= 3; round++) {
      h.socket({ type: "MESSAGE.RECEIVED", message: groupMessage(2 * round - 1) });
      await flush(500);
      h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "" });
      await flush();
      h.socket({ type: "SOCKET.OPENED" });
      h.socket({ type: "MESSAGE.RECEIVED", message: groupMessage(2 * round) });
    }
    expect(h.writes().flatMap((m) => (m.kind === "sequenceAck" ? [m.sequenceId] : []))).toEqual([2, 4, 6]);
  });

  it("acks at once past the gap threshold", async () => {
    const h = createHarness(testConfig({ sequenceAckGapThreshold: 5 }));
    await connect(h);
    for (let id = 1; id <= 5; id++) h.socket({ type: "MESSAGE.RECEIVED", message: groupMessage(id) });
    expect(h.writes()).toEqual([]);
    h.socket({ type: "MESSAGE.RECEIVED", message: groupMessage(6) });
    expect(h.writes()).toEqual([{ kind: "sequenceAck", sequenceId: 6 }]);
  });

  it("sends no sequenceAck on the plain protocol", async () => {
    const h = createHarness(testConfig({ reliable: false }));
    await connect(h);
    h.socket({
      type: "MESSAGE.RECEIVED",
      message: { kind: "serverData", dataType: "text", data: "hi" },
    });
    await flush(5000);
    expect(h.writes()).toEqual([]);
    expect(h.types()).toContain("server-message");
  });
});

describe("client.machine: keep-alive", () => {
  it("pings every interval while pongs come back", async () => {
    const h = createHarness(testConfig({ keepAliveIntervalInMs: 20_000, pongTimeoutInMs: 5000 }));
    await connect(h);
    await flush(19_999);
    expect(h.writes()).toEqual([]);
    await flush(1);
    expect(h.writes()).toEqual([{ kind: "ping" }]);
    h.socket({ type: "PONG.RECEIVED" });
    await flush(20_000);
    expect(h.writes()).toEqual([{ kind: "ping" }, { kind: "ping" }]);
  });

  it("a ping with no pong within pongTimeout means a dead link: terminated and recovered", async () => {
    const h = createHarness(testConfig({ keepAliveIntervalInMs: 20_000, pongTimeoutInMs: 5000 }));
    await connect(h);
    await flush(24_999);
    expect(h.actor.getSnapshot().hasTag("connected")).toBe(true);
    await flush(1);
    expect(h.commands).toContainEqual({ type: "TERMINATE" });
    expect(h.actor.getSnapshot().hasTag("recovering")).toBe(true);
    expect(h.emitted.find((e) => e.type === "recovering")).toMatchObject({ connectionId: "c1", code: 1006 });
  });

  it("with pongTimeout 0 it keeps pinging without waiting for pongs", async () => {
    const h = createHarness(testConfig({ keepAliveIntervalInMs: 1000, pongTimeoutInMs: 0 }));
    await connect(h);
    await flush(3000);
    expect(h.writes()).toEqual([{ kind: "ping" }, { kind: "ping" }, { kind: "ping" }]);
    expect(h.actor.getSnapshot().hasTag("connected")).toBe(true);
  });

  it("runs the silence watchdog with keepAliveTimeoutInMs while connected; LINK.SILENT drops the link", async () => {
    const h = createHarness(testConfig({ keepAliveTimeoutInMs: 120_000 }));
    expect(h.watchdog).toBeUndefined();
    await connect(h);
    expect(h.watchdog?.input).toEqual({ timeoutInMs: 120_000 });
    h.watchdog!.fire();
    expect(h.commands).toContainEqual({ type: "TERMINATE" });
    expect(h.actor.getSnapshot().hasTag("recovering")).toBe(true);
    expect(h.watchdog).toBeUndefined();
  });
});

describe("client.machine: recovery", () => {
  it("a drop of a reliable connection → recovering: first attempt at once with the recovery URL", async () => {
    const h = createHarness();
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "gone" });
    expect(h.matches("running.recovering.attempting")).toBe(true);
    expect(h.types().slice(-2)).toEqual(["link.suspended", "recovering"]);
    const url = new URL(h.opens()[1]!.url);
    expect(url.searchParams.get("awps_connection_id")).toBe("c1");
    expect(url.searchParams.get("awps_reconnection_token")).toBe("tok1");
    expect(url.searchParams.get("access_token")).toBe("secret");
    h.socket({ type: "SOCKET.OPENED" });
    // An open socket is not yet a recovery: the service may still close it with 1008.
    expect(h.matches("running.recovering.confirming")).toBe(true);
    expect(h.writes().at(-1)).toEqual({ kind: "ping" });
    expect(h.types()).not.toContain("recovered");
    h.socket({ type: "PONG.RECEIVED" });
    expect(h.actor.getSnapshot().hasTag("connected")).toBe(true);
    expect(h.types().slice(-2)).toEqual(["link.ready", "recovered"]);
    expect(h.emitted.find((e) => e.type === "link.ready" && e.resumed)).toBeDefined();
    // `connected` fires once per connection id, never after a recovery.
    expect(h.emitted.filter((e) => e.type === "connected")).toHaveLength(1);
    expect(h.types()).not.toContain("disconnected");
  });

  it("a replayed message confirms a recovery and is delivered after `recovered`", async () => {
    const h = createHarness();
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "gone" });
    h.socket({ type: "SOCKET.OPENED" });
    h.socket({
      type: "MESSAGE.RECEIVED",
      message: { kind: "serverData", dataType: "text", data: "missed", sequenceId: 1 },
    });
    expect(h.actor.getSnapshot().hasTag("connected")).toBe(true);
    expect(h.types().slice(-3)).toEqual(["link.ready", "recovered", "server-message"]);
  });

  it("a recovery socket the service closes with 1008 right after opening is no recovery: disconnected, never `recovered`", async () => {
    const h = createHarness();
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "gone" });
    h.socket({ type: "SOCKET.OPENED" });
    h.socket({ type: "SOCKET.CLOSED", code: 1008, reason: "session gone" });
    expect(h.types()).not.toContain("recovered");
    expect(h.emitted.some((e) => e.type === "link.ready" && e.resumed)).toBe(false);
    expect(h.emitted.find((e) => e.type === "disconnected")).toMatchObject({
      connectionId: "c1",
      code: 1008,
    });
    expect(h.matches("running.reconnecting")).toBe(true);
  });

  it("a recovery socket that stays silent after the ping is dropped and the next attempt follows", async () => {
    const h = createHarness(testConfig({ pongTimeoutInMs: 2000 }));
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "gone" });
    h.socket({ type: "SOCKET.OPENED" });
    await flush(1999);
    expect(h.matches("running.recovering.confirming")).toBe(true);
    await flush(1);
    expect(h.commands.at(-1)).toEqual({ type: "TERMINATE" });
    expect(h.matches("running.recovering.waiting")).toBe(true);
    expect(h.types()).not.toContain("recovered");
  });

  it("retries recovery with backoff and gives up when the window expires: disconnected, then reconnect with a fresh URL", async () => {
    const h = createHarness(testConfig({ recoveryWindowInMs: 5000 }));
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "gone" });
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "refused" });
    expect(h.matches("running.recovering.waiting")).toBe(true);
    await flush(999);
    expect(h.opens()).toHaveLength(2);
    await flush(1);
    expect(h.opens()).toHaveLength(3);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "refused" });
    await flush(1000);
    // The fourth attempt is in flight (neither opened nor closed) when the window ends.
    expect(h.opens()).toHaveLength(4);
    await flush(2000);
    expect(h.opens()).toHaveLength(4);
    expect(h.urlCalls).toBe(1);
    await flush(1000);
    // Window expired: the attempt in flight is dropped, the connection is gone for good.
    expect(h.commands).toContainEqual({ type: "TERMINATE" });
    const disconnected = h.emitted.find((e) => e.type === "disconnected");
    expect(disconnected).toMatchObject({ connectionId: "c1", code: 1006, reason: "gone" });
    expect(h.types()).toContain("link.lost");
    expect(h.actor.getSnapshot().hasTag("reconnecting")).toBe(true);
    await flush(1);
    expect(h.urlCalls).toBe(2);
    expect(h.matches("running.connecting.opening")).toBe(true);
  });

  it("close code 1008 on a recovery attempt ends recovery at once", async () => {
    const h = createHarness();
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "gone" });
    h.socket({ type: "SOCKET.CLOSED", code: 1008, reason: "session gone" });
    expect(h.emitted.find((e) => e.type === "disconnected")).toMatchObject({ code: 1008 });
    expect(h.actor.getSnapshot().hasTag("reconnecting")).toBe(true);
  });

  it("a connection closed with 1008 is not recovered", async () => {
    const h = createHarness();
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1008, reason: "policy" });
    expect(h.types()).not.toContain("recovering");
    expect(h.types()).toContain("disconnected");
  });

  it("a connection the service closed normally (1000) is not recovered", async () => {
    const h = createHarness();
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1000, reason: "closed by the app server" });
    expect(h.types()).not.toContain("recovering");
    expect(h.emitted.find((e) => e.type === "disconnected")).toMatchObject({ code: 1000 });
  });

  it("the plain protocol is not recovered: disconnected → reconnecting", async () => {
    const h = createHarness(testConfig({ reliable: false }));
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "gone" });
    expect(h.types()).not.toContain("recovering");
    expect(h.emitted.find((e) => e.type === "disconnected")).toMatchObject({
      connectionId: "c1",
      code: 1006,
      reason: "gone",
    });
    expect(h.actor.getSnapshot().hasTag("reconnecting")).toBe(true);
  });

  it("a connected frame after recovery only updates the reconnection token", async () => {
    const h = createHarness();
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "" });
    h.socket({ type: "SOCKET.OPENED" });
    h.socket({ type: "FRAME.CONNECTED", message: connectedFrame("c1", "tok2") });
    expect(h.emitted.filter((e) => e.type === "connected")).toHaveLength(1);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "" });
    expect(new URL(h.opens()[2]!.url).searchParams.get("awps_reconnection_token")).toBe("tok2");
  });

  it("disconnected carries the service's disconnected message", async () => {
    const h = createHarness(testConfig({ reliable: false, autoReconnect: false }));
    await connect(h);
    h.socket({ type: "FRAME.DISCONNECTED", message: { kind: "disconnected", message: "bye" } });
    h.socket({ type: "SOCKET.CLOSED", code: 1000, reason: "closed by server" });
    expect(h.emitted.find((e) => e.type === "disconnected")).toEqual({
      type: "disconnected",
      connectionId: "c1",
      message: { kind: "disconnected", message: "bye" },
      code: 1000,
      reason: "closed by server",
    });
    expect(h.types().at(-1)).toBe("stopped");
  });

  it("buildRecoveryUrl URL-encodes the id and token", () => {
    const url = buildRecoveryUrl("wss://h/client/hubs/x?access_token=a", {
      connectionId: "c 1",
      userId: "",
      reconnectionToken: "t+/=",
    });
    expect(url).toContain("awps_reconnection_token=t%2B%2F%3D");
    expect(url).toContain("awps_connection_id=c+1");
  });
});

describe("client.machine: reconnect and rejoin", () => {
  it("reconnects with backoff, asking for a fresh URL each time, and resets the backoff once connected", async () => {
    const h = createHarness(testConfig({ reliable: false }));
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "" });
    await flush(0);
    expect(h.urlCalls).toBe(2);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "" });
    expect(h.actor.getSnapshot().hasTag("reconnecting")).toBe(true);
    await flush(1999);
    expect(h.urlCalls).toBe(2);
    await flush(1);
    expect(h.urlCalls).toBe(3);
    h.socket({ type: "SOCKET.OPENED" });
    h.socket({ type: "FRAME.CONNECTED", message: connectedFrame("c2") });
    expect(h.emitted.filter((e) => e.type === "connected").at(-1)).toMatchObject({ connectionId: "c2" });
    expect(h.actor.getSnapshot().context.reconnectAttempt).toBe(0);
  });

  it("stops after reconnectRetry.maxRetries failed attempts", async () => {
    const h = createHarness(
      testConfig({
        reliable: false,
        reconnectRetry: {
          maxRetries: 2,
          retryDelayInMs: 100,
          maxRetryDelayInMs: 100,
          mode: "Fixed",
          jitter: 0,
        },
      }),
    );
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "" });
    for (let i = 0; i < 3; i++) {
      await flush(100);
      h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "" });
    }
    expect(h.value()).toBe("stopped");
    expect(h.urlCalls).toBe(4);
    expect(h.types().at(-1)).toBe("stopped");
  });

  it("with autoReconnect off, a lost connection stops the client", async () => {
    const h = createHarness(testConfig({ reliable: false, autoReconnect: false }));
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "" });
    expect(h.value()).toBe("stopped");
    expect(h.types().slice(-3)).toEqual(["link.lost", "disconnected", "stopped"]);
  });

  it("rejoins joined groups on a new connection before announcing it; a failure emits rejoin-group-failed", async () => {
    const h = createHarness(testConfig({ reliable: false }));
    await connect(h);
    h.actor.send({ type: "GROUP.JOINED", group: "a" });
    h.actor.send({ type: "GROUP.JOINED", group: "b" });
    h.actor.send({ type: "GROUP.JOINED", group: "c" });
    h.actor.send({ type: "GROUP.LEFT", group: "c" });
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "" });
    await flush(0);
    h.socket({ type: "SOCKET.OPENED" });
    h.socket({ type: "FRAME.CONNECTED", message: connectedFrame("c2") });
    expect(h.commands.filter((c) => c.type === "REJOIN")).toEqual([{ type: "REJOIN", groups: ["a", "b"] }]);
    expect(h.matches("running.connecting.rejoining")).toBe(true);
    h.socket({ type: "REJOIN.ACKED", group: "a", success: true });
    // An ack for a group not being rejoined changes nothing.
    h.socket({ type: "REJOIN.ACKED", group: "z", success: true });
    expect(h.matches("running.connecting.rejoining")).toBe(true);
    h.socket({
      type: "REJOIN.ACKED",
      group: "b",
      success: false,
      error: { name: "Forbidden", message: "no" },
    });
    expect(h.actor.getSnapshot().hasTag("connected")).toBe(true);
    expect(h.emitted.find((e) => e.type === "rejoin-group-failed")).toEqual({
      type: "rejoin-group-failed",
      group: "b",
      error: { name: "Forbidden", message: "no" },
    });
    expect(h.actor.getSnapshot().context.groups).toEqual(["a"]);
    const tail = h.types().slice(-3);
    expect(tail).toEqual(["rejoin-group-failed", "link.ready", "connected"]);
  });

  it("does not rejoin with autoRejoinGroups off", async () => {
    const h = createHarness(testConfig({ reliable: false, autoRejoinGroups: false }));
    await connect(h);
    h.actor.send({ type: "GROUP.JOINED", group: "a" });
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "" });
    await flush(0);
    h.socket({ type: "SOCKET.OPENED" });
    h.socket({ type: "FRAME.CONNECTED", message: connectedFrame("c2") });
    expect(h.commands.filter((c) => c.type === "REJOIN")).toEqual([]);
    expect(h.actor.getSnapshot().hasTag("connected")).toBe(true);
  });
});

describe("client.machine: stop", () => {
  it("stop while connected closes with 1000, then disconnected and stopped", async () => {
    const h = createHarness();
    await connect(h);
    h.actor.send({ type: "STOP" });
    expect(h.actor.getSnapshot().hasTag("stopping")).toBe(true);
    expect(h.commands.at(-1)).toEqual({ type: "CLOSE", code: 1000, reason: "The client was stopped" });
    expect(h.types().at(-1)).toBe("link.stopped");
    h.socket({ type: "SOCKET.CLOSED", code: 1000, reason: "" });
    expect(h.value()).toBe("stopped");
    expect(h.types().slice(-3)).toEqual(["link.lost", "disconnected", "stopped"]);
    expect(h.socketStops).toBe(1);
  });

  it("stop while closing takes at most closeTimeout", async () => {
    const h = createHarness();
    await connect(h);
    h.actor.send({ type: "STOP" });
    await flush(3000);
    expect(h.value()).toBe("stopped");
    expect(h.types().filter((t) => t === "stopped")).toHaveLength(1);
  });

  it("stop during recovery backoff: no more attempts, stopped once", async () => {
    const h = createHarness();
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "" });
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "" });
    expect(h.matches("running.recovering.waiting")).toBe(true);
    h.actor.send({ type: "STOP" });
    expect(h.value()).toBe("stopped");
    const opens = h.opens().length;
    await flush(60_000);
    expect(h.opens()).toHaveLength(opens);
    expect(h.types().filter((t) => t === "stopped")).toHaveLength(1);
    expect(h.types().slice(-3)).toEqual(["link.lost", "disconnected", "stopped"]);
  });

  it("stop during a recovery attempt closes that socket and stops", async () => {
    const h = createHarness();
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "" });
    h.actor.send({ type: "STOP" });
    expect(h.commands.at(-1)).toMatchObject({ type: "CLOSE", code: 1000 });
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "aborted" });
    expect(h.value()).toBe("stopped");
    await flush(60_000);
    expect(h.opens()).toHaveLength(2);
    expect(h.types().filter((t) => t === "stopped")).toHaveLength(1);
  });

  it("stop during reconnect backoff: no new URL is asked for", async () => {
    const h = createHarness(testConfig({ reliable: false }));
    await connect(h);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "" });
    await flush(0);
    h.socket({ type: "SOCKET.CLOSED", code: 1006, reason: "" });
    expect(h.actor.getSnapshot().hasTag("reconnecting")).toBe(true);
    h.actor.send({ type: "STOP" });
    await flush(60_000);
    expect(h.urlCalls).toBe(2);
    expect(h.value()).toBe("stopped");
    expect(h.types().filter((t) => t === "stopped")).toHaveLength(1);
  });

  it("stop while the URL is being resolved stops at once", async () => {
    const h = createHarness();
    h.actor.send({ type: "START" });
    h.actor.send({ type: "STOP" });
    expect(h.value()).toBe("stopped");
    await flush(0);
    expect(h.opens()).toHaveLength(0);
    expect(h.types()).toEqual(["link.stopped", "stopped"]);
  });

  it("stop during the handshake closes the socket; no disconnected for a connection never announced", async () => {
    const h = createHarness();
    h.actor.send({ type: "START" });
    await flush(0);
    h.socket({ type: "SOCKET.OPENED" });
    h.actor.send({ type: "STOP" });
    h.socket({ type: "SOCKET.CLOSED", code: 1000, reason: "" });
    expect(h.value()).toBe("stopped");
    expect(h.types()).not.toContain("disconnected");
    expect(h.types().at(-1)).toBe("stopped");
  });
});
