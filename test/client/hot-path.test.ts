/**
 * The hot paths keep the statechart's contract:
 * - data messages are delivered directly (machines/rules/inbound.ts) only while `connected`, with exactly
 *   the machine's rule (replays dropped, immediate `sequenceAck` past the gap, timer acks, and no
 *   timer while everything is acknowledged), and
 *   the sequence state survives a recovery in both directions of the hand-over;
 * - an inspected client shows every data message as `MESSAGE.RECEIVED` and every acked
 *   operation as an operation actor (no actorless operations).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AnyActorRef, InspectionEvent } from "xstate";
import type { WebPubSubClient } from "../../src/client.js";
import { settle, startedFakeClient } from "./fake-socket.js";

const started = startedFakeClient;

function groupFrame(sequenceId: number, data = `m${sequenceId}`) {
  return { type: "message", from: "group", group: "g", dataType: "text", data, sequenceId };
}

function sequenceAcks(sent: ReadonlyArray<Record<string, unknown>>): unknown[] {
  return sent.filter((f) => f.type === "sequenceAck").map((f) => f.sequenceId);
}

describe("direct delivery of data messages", () => {
  it("delivers in order, drops replays, acks at the gap at once and on the timer", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    try {
      const { client, fake } = await started({ sequenceAckGapThreshold: 3, sequenceAckIntervalInMs: 1000 });
      expect(client.actor.getSnapshot().context.delegated).toBe(true);
      const got: unknown[] = [];
      client.on("group-message", (e) => got.push(e.message.data));
      const sequenceAckState = () =>
        (client.actor.getSnapshot().value as { running: { connected: { sequenceAck: string } } }).running
          .connected.sequenceAck;
      // Nothing to acknowledge (and no keep-alive or watchdog here): not a single timer.
      expect(sequenceAckState()).toBe("idle");
      expect(vi.getTimerCount()).toBe(0);
      const events: string[] = [];
      client.actor.subscribe((s) => events.push(JSON.stringify(s.value)));
      for (const id of [1, 2, 2, 1, 3, 4, 5]) fake.last.receive(groupFrame(id));
      expect(got).toEqual(["m1", "m2", "m3", "m4", "m5"]);
      // 4 - 0 > 3: acked at once at 4. The machine heard only that an ack became due (the
      // SEQUENCE.UNACKED of 1, and of 5 after the ack of 4, which finds the timer running):
      // two events for seven messages.
      expect(sequenceAcks(fake.last.sent)).toEqual([4]);
      const scheduled = JSON.stringify({
        running: { connected: { keepAlive: "disabled", liveness: "assumed", sequenceAck: "scheduled" } },
      });
      expect(events).toEqual([scheduled, scheduled]);
      vi.advanceTimersByTime(1000);
      expect(sequenceAcks(fake.last.sent)).toEqual([4, 5]);
      expect(sequenceAckState()).toBe("idle");
      expect(vi.getTimerCount()).toBe(0);
      vi.advanceTimersByTime(1000);
      expect(sequenceAcks(fake.last.sent)).toEqual([4, 5]);
      fake.last.receive(groupFrame(6));
      expect(sequenceAckState()).toBe("scheduled");
      vi.advanceTimersByTime(1000);
      expect(sequenceAcks(fake.last.sent)).toEqual([4, 5, 6]);
      client.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it("hands the sequence back on a drop and takes it again after recovery", async () => {
    const { client, fake } = await started({ recoveryRetryOptions: { retryDelayInMs: 0, jitter: 0 } });
    const got: unknown[] = [];
    client.on("group-message", (e) => got.push(e.message.data));
    for (const id of [1, 2, 3]) fake.last.receive(groupFrame(id));
    fake.last.drop(1006);
    await settle();
    const context = client.actor.getSnapshot().context;
    expect(context.delegated).toBe(false);
    expect(context.lastSequenceId).toBe(3);
    // Recovery: the replay of 2 and 3 confirms it through the machine and is dropped; 4 is new.
    expect(fake.last.url).toContain("awps_connection_id=conn-1");
    fake.last.open();
    await settle();
    fake.last.receive(groupFrame(2));
    await settle();
    expect(client.state).toBe("connected");
    expect(client.actor.getSnapshot().context.delegated).toBe(true);
    for (const id of [3, 4]) fake.last.receive(groupFrame(id));
    expect(got).toEqual(["m1", "m2", "m3", "m4"]);
    client.stop();
  });

  it("is off under inspection: every message is a MESSAGE.RECEIVED event", async () => {
    const seen: string[] = [];
    const inspect = (event: InspectionEvent) => {
      if (event.type === "@xstate.event" && event.event.type === "MESSAGE.RECEIVED") seen.push("message");
    };
    const { client, fake } = await started({ inspect });
    expect(client.actor.getSnapshot().context.delegated).toBe(false);
    const got: unknown[] = [];
    client.on("group-message", (e) => got.push(e.message.data));
    for (const id of [1, 1, 2]) fake.last.receive(groupFrame(id));
    expect(got).toEqual(["m1", "m2"]);
    expect(seen).toEqual(["message", "message", "message"]);
    client.stop();
  });
});

describe("operations under inspection", () => {
  it("every acked operation is an operation actor", async () => {
    const operations = new Set<string>();
    const inspect = (event: InspectionEvent) => {
      // Operation actors are named `operation:<kind>:<ackId or invocationId>`.
      if (
        event.type === "@xstate.actor" &&
        (event.actorRef as AnyActorRef).id.startsWith("operation:sendToGroup:")
      ) {
        operations.add(event.actorRef.sessionId);
      }
    };
    const { client, fake } = await started({ inspect });
    const sends = [1, 2, 3].map(() => client.sendToGroup("g", "x", "text"));
    await settle();
    for (const frame of fake.last.sent.filter((f) => f.type === "sendToGroup")) {
      fake.last.receive({ type: "ack", ackId: frame.ackId, success: true });
    }
    await Promise.all(sends);
    expect(operations.size).toBe(3);
    client.stop();
  });
});

describe("data messages under inspection (through the machine)", () => {
  it("each is a MESSAGE.RECEIVED event; the first left unacknowledged schedules the ack", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    try {
      const events: string[] = [];
      const inspect = (event: InspectionEvent) => {
        // A raised event shows as a microstep, not as an @xstate.event.
        if (event.type === "@xstate.event") events.push(event.event.type);
        if (event.type === "@xstate.microstep") events.push(`microstep ${event.event.type}`);
      };
      const { client, fake } = await started({ inspect, sequenceAckIntervalInMs: 1000 });
      expect(client.actor.getSnapshot().context.delegated).toBe(false);
      events.length = 0;
      for (const id of [1, 2, 3]) fake.last.receive(groupFrame(id));
      expect(events.filter((type) => type === "MESSAGE.RECEIVED")).toHaveLength(3);
      expect(events.filter((type) => type === "microstep SEQUENCE.UNACKED")).toHaveLength(1);
      expect(client.actor.getSnapshot().value).toMatchObject({
        running: { connected: { sequenceAck: "scheduled" } },
      });
      vi.advanceTimersByTime(1000);
      expect(sequenceAcks(fake.last.sent)).toEqual([3]);
      expect(client.actor.getSnapshot().value).toMatchObject({
        running: { connected: { sequenceAck: "idle" } },
      });
      client.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("ack timeouts (one deadline clock per client)", () => {
  const FAKED = ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] as const;
  const sendFrames = (sent: ReadonlyArray<Record<string, unknown>>) =>
    sent.filter((f) => f.type === "sendToGroup");
  /** Sends one text message; the returned function reads its outcome once settled ("ok" or the failure kind). */
  const send = (client: WebPubSubClient) => {
    let outcome: string | undefined;
    void client.sendToGroupResult("g", "x", "text").then((r) => (outcome = r.isOk() ? "ok" : r.error.kind));
    return () => outcome;
  };
  beforeEach(() => {
    vi.useFakeTimers({ toFake: [...FAKED] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("any number of pending operations hold one timer, and none once they are acked", async () => {
    const { client, fake } = await started({ ackTimeoutInMs: 1000 });
    const before = vi.getTimerCount();
    const sends = Array.from({ length: 100 }, (_, i) => client.sendToGroup("g", `m${i}`, "text"));
    expect(sendFrames(fake.last.sent)).toHaveLength(100);
    expect(vi.getTimerCount()).toBe(before + 1);
    for (const frame of sendFrames(fake.last.sent)) {
      fake.last.receive({ type: "ack", ackId: frame.ackId, success: true });
    }
    await Promise.all(sends);
    expect(vi.getTimerCount()).toBe(before);
    client.stop();
  });

  it("no ack within the timeout: re-sent at once with the same ackId, then fails with timeout", async () => {
    const { client, fake } = await started({
      ackTimeoutInMs: 1000,
      messageRetryOptions: { maxRetries: 1, retryDelayInMs: 10 },
    });
    const outcome = send(client);
    vi.advanceTimersByTime(999);
    expect(sendFrames(fake.last.sent)).toHaveLength(1);
    vi.advanceTimersByTime(1);
    const frames = sendFrames(fake.last.sent);
    expect(frames).toHaveLength(2);
    expect(frames[1]!.ackId).toBe(frames[0]!.ackId);
    vi.advanceTimersByTime(999);
    await settle();
    expect(outcome()).toBeUndefined();
    vi.advanceTimersByTime(1);
    await settle();
    expect(outcome()).toBe("timeout");
    client.stop();
  });

  it("the timeout runs from each write: an operation re-sent after a recovery is not timed out by its first deadline", async () => {
    const { client, fake } = await started({
      ackTimeoutInMs: 1000,
      messageRetryOptions: { maxRetries: 0 },
      recoveryRetryOptions: { retryDelayInMs: 0, jitter: 0 },
    });
    const outcome = send(client);
    vi.advanceTimersByTime(600);
    fake.last.drop(1006);
    await settle();
    fake.last.open();
    fake.last.receive({ type: "pong" });
    await settle();
    expect(client.state).toBe("connected");
    expect(sendFrames(fake.last.sent)).toHaveLength(1);
    vi.advanceTimersByTime(400);
    await settle();
    expect(outcome()).toBeUndefined();
    vi.advanceTimersByTime(600);
    await settle();
    expect(outcome()).toBe("timeout");
    client.stop();
  });
});
