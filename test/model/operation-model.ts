/**
 * Paths through the real operation machine, each run against the facade: one operation
 * (`sendToGroup` with an ackId, or `invokeEvent`) submitted in a chosen link condition, then link
 * facts (produced by dropping, recovering or reconnecting the scripted socket), acks, responses,
 * aborts, `stop()` and timers. Each step checks the operation actor's state (through the inspector),
 * the frames written for it, and at the end how its promise settled.
 */
import {
  createActor,
  initialTransition,
  type AnyActorRef,
  type AnyEventObject,
  type InspectionEvent,
  type SnapshotFrom,
} from "xstate";
import { expect, vi } from "vitest";
import { getAdjacencyMap, getShortestPaths } from "xstate/graph";
import {
  operationMachine,
  type OperationEvent,
  type OperationMachineInput,
  type OperationOutcome,
} from "../../machines/operation.machine.js";
import type { WebPubSubClient } from "../../src/client.js";
import { WebPubSubJsonReliableProtocol } from "../../src/protocol/json-protocol.js";
import { createScriptedClient, createScriptedSockets, flushMicrotasks } from "../../src/testing/index.js";
import type { WebPubSubClientOptions } from "../../src/types.js";
import type { Adjacency, GraphPath } from "./client-model.js";
import { fireDelayedEvent } from "./timers.js";
import { transitionKey, transitionsOf as transitionsOfMachine, type CoverageRecorder } from "./coverage.js";
import { PROTOBUF_SERVICE, protobufTwin } from "./protobuf.js";

type OperationSnapshot = SnapshotFrom<typeof operationMachine>;

export interface OperationVariant {
  readonly name: string;
  readonly kind: "ack" | "invoke";
  readonly phase: "waiting" | "sending" | "awaitingAck";
  readonly ackTimeoutInMs: number;
  readonly inDoubt: "fail" | "retry";
  /** The facade runs with an inspector, so the operation actor's transitions are observed directly. */
  readonly observed: boolean;
}

export const OPERATION_VARIANTS: readonly OperationVariant[] = [
  {
    name: "ack, queued while connecting",
    kind: "ack",
    phase: "waiting",
    ackTimeoutInMs: 0,
    inDoubt: "fail",
    observed: true,
  },
  {
    name: "ack, ack timeout, in-doubt retry",
    kind: "ack",
    phase: "sending",
    ackTimeoutInMs: 1000,
    inDoubt: "retry",
    observed: true,
  },
  {
    name: "invoke, timeout",
    kind: "invoke",
    phase: "sending",
    ackTimeoutInMs: 1000,
    inDoubt: "fail",
    observed: true,
  },
  {
    name: "invoke, queued while connecting",
    kind: "invoke",
    phase: "waiting",
    ackTimeoutInMs: 0,
    inDoubt: "fail",
    observed: true,
  },
  {
    name: "ack, actorless",
    kind: "ack",
    phase: "awaitingAck",
    ackTimeoutInMs: 0,
    inDoubt: "fail",
    observed: false,
  },
  {
    name: "ack, actorless, ack timeout",
    kind: "ack",
    phase: "awaitingAck",
    ackTimeoutInMs: 1000,
    inDoubt: "fail",
    observed: false,
  },
];

const RETRY = {
  maxRetries: 1,
  retryDelayInMs: 100,
  maxRetryDelayInMs: 100,
  mode: "Fixed",
  jitter: 0,
} as const;
const ACK_ID = 1;
const INVOCATION_ID = "1";

function input(variant: OperationVariant): OperationMachineInput {
  return {
    correlation:
      variant.kind === "ack"
        ? { kind: "ack", ackId: ACK_ID }
        : { kind: "invoke", invocationId: INVOCATION_ID },
    retry: variant.kind === "ack" ? RETRY : { ...RETRY, maxRetries: 0 },
    ackTimeoutInMs: variant.ackTimeoutInMs,
    inDoubt: variant.inDoubt,
    phase: variant.phase,
    seed: 1,
  };
}

function eventsFor(variant: OperationVariant, snapshot: OperationSnapshot): AnyEventObject[] {
  const value = snapshot.value;
  const top = typeof value === "string" ? value : Object.keys(value)[0]!;
  const events: AnyEventObject[] = [];
  const answers: AnyEventObject[] =
    variant.kind === "ack"
      ? [
          { type: "ACK.RECEIVED", success: true },
          { type: "ACK.RECEIVED", success: false, error: { name: "Duplicate", message: "dup" } },
          { type: "ACK.RECEIVED", success: false, error: { name: "Forbidden", message: "no" } },
        ]
      : [
          {
            type: "INVOKE.RESPONDED",
            message: {
              kind: "invokeResponse",
              invocationId: INVOCATION_ID,
              success: true,
              dataType: "text",
              data: "ok",
            },
          },
          {
            type: "INVOKE.RESPONDED",
            message: {
              kind: "invokeResponse",
              invocationId: INVOCATION_ID,
              success: false,
              error: { name: "BadRequest", message: "no" },
            },
          },
        ];
  switch (top) {
    case "waitingForConnection":
      events.push({ type: "LINK.READY", resumed: false });
      break;
    case "awaitingAck":
      events.push(...answers, { type: "LINK.SUSPENDED" }, { type: "LINK.LOST" });
      if (snapshot.matches({ awaitingAck: "timed" })) events.push({ type: "ACK.TIMEOUT" });
      break;
    case "suspended":
      events.push({ type: "LINK.READY", resumed: true }, { type: "LINK.LOST" });
      break;
    case "retryWaiting":
      if (snapshot.context.linkReady) events.push({ type: "LINK.SUSPENDED" }, { type: "LINK.LOST" });
      else events.push({ type: "LINK.READY", resumed: false });
      events.push({ type: "xstate.after.retryDelay.operation.retryWaiting" });
      break;
    default:
      return [];
  }
  events.push({ type: "ABORT", reason: "bye" }, { type: "STOP" });
  return events;
}

function abstractKey(snapshot: OperationSnapshot): string {
  const c = snapshot.context;
  return JSON.stringify([snapshot.value, c.retries, c.linkReady, c.outcome?.status ?? "-"]);
}

function transitionsOf(snapshot: OperationSnapshot, event: AnyEventObject): string[] {
  return transitionsOfMachine(operationMachine, snapshot, event);
}

function label(event: AnyEventObject): string {
  const e = event as AnyEventObject & {
    success?: boolean;
    error?: { name: string };
    message?: { success?: boolean };
  };
  if (e.type.startsWith("xstate.after.")) return `${e.type.split(".")[2]} elapses`;
  switch (e.type) {
    case "LINK.READY":
      return "link ready";
    case "LINK.SUSPENDED":
      return "link drops (recoverable)";
    case "LINK.LOST":
      return "connection lost";
    case "ACK.RECEIVED":
      return `ack ${e.success ? "ok" : (e.error?.name ?? "error")}`;
    case "INVOKE.RESPONDED":
      return `response ${e.message?.success ? "ok" : "error"}`;
    case "ABORT":
      return "abort";
    case "STOP":
      return "stop()";
    default:
      return e.type;
  }
}

function stateLabel(value: unknown): string {
  if (typeof value === "string") return value;
  const [k, v] = Object.entries(value as Record<string, unknown>)[0]!;
  return `${k}.${stateLabel(v)}`;
}

export interface OperationPath {
  readonly variant: OperationVariant;
  readonly name: string;
  readonly events: readonly AnyEventObject[];
}

export function operationPaths(variant: OperationVariant, covered: Set<string>): OperationPath[] {
  const [initial] = initialTransition(operationMachine, input(variant));
  const options = {
    fromState: initial,
    events: (s: OperationSnapshot) => eventsFor(variant, s) as OperationEvent[],
    serializeState: (s: OperationSnapshot) => abstractKey(s),
    limit: 5000,
  };
  const adjacency = getAdjacencyMap(
    operationMachine,
    options as never,
  ) as unknown as Adjacency<OperationSnapshot>;
  const shortest = getShortestPaths(
    operationMachine,
    options as never,
  ) as unknown as GraphPath<OperationSnapshot>[];
  const pathTo = new Map(shortest.map((p) => [abstractKey(p.state), p]));
  const candidates: Array<{ events: AnyEventObject[]; values: unknown[]; keys: string[] }> = [];
  for (const [key, entry] of Object.entries(adjacency)) {
    const prefix = pathTo.get(key);
    if (prefix === undefined) continue;
    const steps = prefix.steps.filter((s) => s.event.type !== "xstate.init");
    for (const t of Object.values(entry.transitions)) {
      candidates.push({
        events: [...steps.map((s) => s.event), t.event],
        values: [initial.value, ...steps.map((s) => s.state.value), t.state.value],
        keys: transitionsOf(entry.state, t.event),
      });
    }
  }
  candidates.sort((a, b) => a.events.length - b.events.length);
  const initialKeys = transitionsOf(initial, { type: "xstate.init" });
  const chosen: OperationPath[] = [];
  for (const c of candidates) {
    if (!c.keys.some((k) => !covered.has(k)) && chosen.length > 0) continue;
    for (const k of [...c.keys, ...initialKeys]) covered.add(k);
    const via = c.events.slice(0, -1).map(label).join(" → ");
    chosen.push({
      variant,
      name: `[${variant.name}] in ${stateLabel(c.values.at(-2))}, ${label(c.events.at(-1)!)} → ${stateLabel(c.values.at(-1))}${via ? ` (after ${via})` : ""}`,
      events: c.events,
    });
  }
  return chosen;
}

// ---------------------------------------------------------------------------------------------
// Running a path against the facade
// ---------------------------------------------------------------------------------------------

const NO_CLOCK = { setTimeout: () => 0, clearTimeout: () => undefined };

function failureKind(outcome: OperationOutcome): string {
  return outcome.status === "succeeded" ? "ok" : outcome.failure.kind;
}

/**
 * Runs one operation path against the facade; with `wire: "protobuf"` the client speaks reliable
 * protobuf to a scripted service that does too (`protobuf.ts`).
 */
export async function runOperationPath(
  path: OperationPath,
  recorder: CoverageRecorder,
  wire: "json" | "protobuf" = "json",
): Promise<void> {
  const { variant } = path;
  // The model: the same machine, a clock that never fires, recorded writes.
  let modelWrites: string[] = [];
  const modelKeys: string[] = [];
  const modelStates: string[] = [];
  const model = createActor(
    operationMachine.provide({
      actions: {
        writeFrame: () => void modelWrites.push("frame"),
        // The runtime writes `cancelInvocation` for invocations only.
        cancelInvocation: () => {
          if (variant.kind === "invoke") modelWrites.push("cancelInvocation");
        },
      },
    }),
    {
      input: input(variant),
      clock: NO_CLOCK,
      inspect: (e: InspectionEvent) => {
        // The model's system holds the model actor only (its initial microsteps run inside createActor).
        if (e.type !== "@xstate.microstep") return;
        for (const t of e._transitions) {
          modelKeys.push(transitionKey(t));
          modelStates.push(t.source.id);
        }
        for (const n of (e.snapshot as OperationSnapshot)._nodes) modelStates.push(n.id);
      },
    },
  );
  model.start();

  // The facade.
  const sockets = createScriptedSockets({
    autoCompleteClose: true,
    ...(wire === "protobuf" ? { service: PROTOBUF_SERVICE } : {}),
  });
  let operationActor: AnyActorRef | undefined;
  const realKeys: string[] = [];
  const realStates: string[] = [];
  const options: WebPubSubClientOptions = {
    protocol: wire === "protobuf" ? protobufTwin(true) : WebPubSubJsonReliableProtocol(),
    keepAliveIntervalInMs: 0,
    keepAliveTimeoutInMs: 0,
    ackTimeoutInMs: variant.ackTimeoutInMs,
    inDoubtOperations: variant.inDoubt,
    messageRetryOptions: RETRY,
    reconnectRetryOptions: { retryDelayInMs: 50, jitter: 0 },
    recoveryRetryOptions: { retryDelayInMs: 50, maxRetryDelayInMs: 50, jitter: 0 },
    ...(variant.observed
      ? {
          inspect: (e: InspectionEvent) => {
            if (e.type !== "@xstate.microstep") return;
            const machine = (e.snapshot as unknown as { machine?: { id: string } }).machine?.id;
            if (machine !== "operation") return;
            operationActor = e.actorRef as AnyActorRef;
            for (const t of e._transitions) {
              realKeys.push(transitionKey(t));
              realStates.push(t.source.id);
            }
            for (const n of (e.snapshot as OperationSnapshot)._nodes) realStates.push(n.id);
          },
        }
      : {}),
  };
  const client: WebPubSubClient = createScriptedClient(sockets, { ...options, seed: 1 });
  let connection = 0;
  const accept = () => sockets.last.accept(`conn-${++connection}`, `token-${connection}`);
  const started = client.startResult();
  await flushMicrotasks(2);
  if (variant.phase !== "waiting") {
    accept();
    await started;
  }
  const controller = new AbortController();
  let settled: string | undefined;
  const frameKinds = () =>
    sockets.sockets.flatMap((s) =>
      s.sent
        .filter((f) => f.ackId === ACK_ID || f.invocationId === INVOCATION_ID)
        .map((f) => (f.type === "cancelInvocation" ? "cancelInvocation" : "frame")),
    );
  const promise =
    variant.kind === "ack"
      ? client.sendToGroupResult("g", "payload", "text", { ackId: ACK_ID, abortSignal: controller.signal })
      : client.invokeEventResult("e", "payload", "text", {
          invocationId: INVOCATION_ID,
          abortSignal: controller.signal,
        });
  void promise.then((r) => (settled = r.isOk() ? "ok" : r.error.kind));
  await flushMicrotasks(2);
  let written = frameKinds().length;
  // An actorless operation's frame was written before any actor existed.
  expect(written, "initial writes").toBe(modelWrites.length + (variant.phase === "awaitingAck" ? 1 : 0));
  modelWrites = [];

  const linkUp = async () => {
    if (client.state === "reconnecting") {
      vi.advanceTimersByTime(60);
      await flushMicrotasks(2);
    }
    if (client.state === "recovering") {
      sockets.last.open();
      sockets.last.receive({ kind: "pong" });
      return;
    }
    accept();
  };

  try {
    for (const [index, event] of path.events.entries()) {
      const where = `step ${index + 1} (${label(event)})`;
      const e = event as AnyEventObject & {
        error?: { name: string; message: string };
        success?: boolean;
        message?: object;
        reason?: unknown;
      };
      switch (e.type) {
        case "LINK.READY":
          await linkUp();
          break;
        case "LINK.SUSPENDED":
          sockets.last.drop(1006, "network");
          break;
        case "LINK.LOST":
          sockets.last.drop(1008, "session gone");
          break;
        case "ACK.RECEIVED":
          sockets.last.receive(
            e.error === undefined
              ? { kind: "ack", ackId: ACK_ID, success: true }
              : { kind: "ack", ackId: ACK_ID, success: false, error: e.error },
          );
          break;
        case "INVOKE.RESPONDED":
          sockets.last.receive(e.message!);
          break;
        case "ABORT":
          controller.abort(e.reason);
          break;
        case "ACK.TIMEOUT":
          // The runtime's deadline clock: the attempt in flight was written at most this long ago.
          vi.advanceTimersByTime(variant.ackTimeoutInMs);
          break;
        case "STOP":
          client.stop();
          break;
        default: {
          if (!variant.observed || operationActor === undefined)
            throw new Error(`cannot fire ${e.type} unobserved`);
          fireDelayedEvent(operationActor, e.type);
        }
      }
      await flushMicrotasks(3);
      model.send(event as OperationEvent);
      if (variant.observed && operationActor !== undefined && model.getSnapshot().status === "active") {
        expect(operationActor.getSnapshot().value, `${where}: operation state`).toEqual(
          model.getSnapshot().value,
        );
      }
      const now = frameKinds();
      expect(now.slice(written), `${where}: frames written for the operation`).toEqual(modelWrites);
      written = now.length;
      modelWrites = [];
    }
    const snapshot = model.getSnapshot();
    if (snapshot.status === "done") {
      expect(settled, "the operation settled as the machine's output says").toBe(
        failureKind(snapshot.output!),
      );
    } else {
      expect(settled, "the operation is still pending").toBeUndefined();
    }
    if (variant.observed) {
      expect(realKeys, "transitions taken by the operation actor").toEqual(modelKeys);
    }
    // Only a passing path counts; unobserved variants count the model's transitions, verified by outcome.
    for (const k of variant.observed ? realKeys : modelKeys)
      recorder.recordTransition("operation", k, path.name);
    for (const s of variant.observed ? realStates : modelStates) recorder.recordState("operation", s);
    recorder.recordState("operation", "operation");
  } finally {
    model.stop();
    client.stop();
    await flushMicrotasks(2);
    vi.clearAllTimers();
  }
}
