/**
 * Transitions compute; they do not act. Along a walk through every top-level state of the client
 * machine (and the operation machine's), each transition is computed twice on the same frozen
 * snapshot with XState's pure `transition()`: the results must be identical, and nothing outside
 * them may change (the snapshot is deep-frozen, so a mutation throws). The context holds data only.
 */
import { describe, expect, it } from "vitest";
import { initialTransition, transition, type AnyEventObject } from "xstate";
import { clientMachine } from "../../machines/client.machine.js";
import { inboundStreamMachine } from "../../machines/inbound-stream.machine.js";
import { operationMachine } from "../../machines/operation.machine.js";
import { outboundStreamMachine } from "../../machines/outbound-stream.machine.js";
import { resolveOptions } from "../../src/runtime/options.js";

function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (typeof value !== "object" || value === null || seen.has(value)) return value;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key], seen);
  return Object.freeze(value);
}

/**
 * Everything a transition returns that an observer could see: state, context, and the effects
 * (each action's type and parameters; its `info` is XState's own bookkeeping, which names the
 * throwaway actor each `transition()` call makes).
 */
function observable(
  result: readonly [{ value: unknown; context: unknown; status: string }, readonly unknown[]],
): string {
  const [snapshot, actions] = result;
  const effects = actions.map((a) => {
    const { type, params } = a as { type: string; params?: unknown };
    return { type, params };
  });
  return JSON.stringify(
    { value: snapshot.value, context: snapshot.context, status: snapshot.status, effects },
    (_k, v: unknown) => (typeof v === "function" ? `[function ${(v as { name?: string }).name ?? ""}]` : v),
  );
}

function isPlainData(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "function") return false;
  if (typeof value !== "object") return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== Array.prototype) return false;
  return Object.values(value).every(isPlainData);
}

const CONNECTED = { kind: "connected", connectionId: "c1", userId: "u", reconnectionToken: "t1" } as const;
const message = (sequenceId: number) => ({
  kind: "groupData",
  group: "g",
  fromUserId: "p",
  dataType: "text",
  data: `m${sequenceId}`,
  sequenceId,
});

describe("pure transitions", () => {
  it("client machine: every step computed twice on one frozen snapshot gives the same result", () => {
    const config = { ...resolveOptions({ keepAliveIntervalInMs: 1000 }).machine, directDelivery: true };
    const walk: AnyEventObject[] = [
      { type: "GROUP.JOINED", group: "g" },
      { type: "START" },
      {
        type: "xstate.done.actor.0.client.running.connecting.resolvingUrl",
        output: "wss://h/client/hubs/x?access_token=a",
      },
      { type: "SOCKET.OPENED" },
      { type: "FRAME.CONNECTED", message: CONNECTED },
      { type: "REJOIN.ACKED", group: "g", success: true },
      { type: "SEQUENCE.UNACKED" },
      { type: "xstate.after.sequenceAckInterval.client.running.connected.sequenceAck.scheduled" },
      { type: "xstate.after.keepAliveInterval.client.running.connected.keepAlive.idle" },
      { type: "PONG.RECEIVED" },
      { type: "SOCKET.CLOSED", code: 1006, reason: "network" },
      { type: "SEQUENCE.RECLAIMED", connectionId: "c1", lastSequenceId: 3, ackedSequenceId: 2 },
      {
        type: "SOCKET.CLOSED",
        code: 1006,
        reason: "HTTP 503",
        refusal: { status: 503, reason: "r", retryAfterMs: 1000 },
      },
      { type: "xstate.after.recoveryDelay.client.running.recovering.waiting" },
      { type: "SOCKET.OPENED" },
      { type: "MESSAGE.RECEIVED", message: message(4) },
      { type: "SOCKET.CLOSED", code: 1008, reason: "gone" },
      { type: "xstate.after.reconnectDelay.client.running.reconnecting" },
      {
        type: "xstate.done.actor.0.client.running.connecting.resolvingUrl",
        output: "wss://h/client/hubs/x?access_token=b",
      },
      { type: "SOCKET.OPENED" },
      { type: "FRAME.CONNECTED", message: { ...CONNECTED, connectionId: "c2" } },
      { type: "REJOIN.ACKED", group: "g", success: false, error: { name: "Forbidden", message: "no" } },
      { type: "STOP" },
      { type: "SOCKET.CLOSED", code: 1000, reason: "bye" },
    ];
    let [snapshot] = initialTransition(clientMachine, { config, seed: 7 });
    const visited = new Set<string>();
    for (const event of walk) {
      deepFreeze(snapshot.context);
      expect(isPlainData(snapshot.context), "the context is plain data").toBe(true);
      const first = transition(clientMachine, snapshot, event as never);
      const second = transition(clientMachine, snapshot, event as never);
      expect(observable(second), event.type).toBe(observable(first));
      snapshot = first[0];
      visited.add(JSON.stringify(snapshot.value).split('"')[3] ?? String(snapshot.value));
    }
    // The walk went where it was meant to (so the comparisons covered those states).
    expect([...visited]).toEqual(
      expect.arrayContaining(["connecting", "connected", "recovering", "reconnecting", "closing"]),
    );
    expect(snapshot.value).toBe("stopped");
  });

  it("operation machine: the same", () => {
    let [snapshot] = initialTransition(operationMachine, {
      correlation: { kind: "ack", ackId: 1 },
      retry: { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 100, mode: "Fixed", jitter: 1 },
      ackTimeoutInMs: 1000,
      inDoubt: "fail",
      phase: "waiting",
      seed: 3,
    });
    const walk: AnyEventObject[] = [
      { type: "LINK.READY", resumed: false },
      { type: "ACK.RECEIVED", success: false, error: { name: "InternalServerError", message: "busy" } },
      { type: "xstate.after.retryDelay.operation.retryWaiting" },
      { type: "LINK.SUSPENDED" },
      { type: "LINK.READY", resumed: true },
      { type: "ACK.TIMEOUT" },
      { type: "ACK.RECEIVED", success: false, error: { name: "Duplicate", message: "dup" } },
    ];
    for (const event of walk) {
      deepFreeze(snapshot.context);
      expect(isPlainData(snapshot.context)).toBe(true);
      const first = transition(operationMachine, snapshot, event as never);
      expect(observable(transition(operationMachine, snapshot, event as never)), event.type).toBe(
        observable(first),
      );
      snapshot = first[0];
    }
    expect(snapshot.status).toBe("done");
  });

  it("stream machines: the same", () => {
    const walks: Array<
      [typeof outboundStreamMachine | typeof inboundStreamMachine, unknown, AnyEventObject[]]
    > = [
      [
        outboundStreamMachine,
        { streamId: "s", keepAliveIntervalInMs: 1000, endTimeoutInMs: 5000 },
        [
          { type: "STREAM.ACKED", expectedSequenceId: 1 },
          { type: "FRAGMENT.QUEUED", sequenceId: 1 },
          { type: "LINK.SUSPENDED" },
          { type: "FRAGMENT.QUEUED", sequenceId: 2 },
          { type: "LINK.READY", resumed: true },
          { type: "STREAM.ACKED", expectedSequenceId: 3 },
          { type: "END" },
          { type: "STREAM.CLOSED" },
        ],
      ],
      [
        inboundStreamMachine,
        { idleTimeoutInMs: 1000, handleFromStart: false },
        [
          { type: "FRAGMENT", streamSequenceId: 3, endOfStream: false, hasPayload: true },
          { type: "FRAGMENT", streamSequenceId: 3, endOfStream: false, hasPayload: true },
          { type: "FRAGMENT", streamSequenceId: 4, endOfStream: true, hasPayload: false },
        ],
      ],
    ];
    for (const [machine, input, walk] of walks) {
      let [snapshot] = initialTransition(machine as typeof outboundStreamMachine, input as never);
      for (const event of walk) {
        deepFreeze(snapshot.context);
        expect(isPlainData(snapshot.context)).toBe(true);
        const first = transition(machine as typeof outboundStreamMachine, snapshot, event as never);
        const second = transition(machine as typeof outboundStreamMachine, snapshot, event as never);
        expect(observable(second), event.type).toBe(observable(first));
        snapshot = first[0];
      }
      expect(snapshot.status, machine.id).toBe("done");
    }
  });
});
