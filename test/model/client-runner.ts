/**
 * Runs one generated path against the real facade (`WebPubSubClient` + socket actor + operation
 * operations + watchdog) with scripted sockets and fake timers, in lock-step with a model actor of
 * the same machine. After every step it checks what an application can observe: the lifecycle
 * events emitted, the frames written, sockets opened/closed/terminated, and how `start()` settled,
 * against what the machine's actions say must happen; and that the real client took exactly the
 * transitions the model took.
 */
import type { AnyEventObject, InspectionEvent } from "xstate";
import { expect, vi } from "vitest";
import type { ClientEmitted, EnvironmentEvent, SocketCommand } from "../../machines/client.machine.js";
import type { DownstreamMessage } from "../../src/protocol/messages.js";
import type { WebPubSubClientEventName } from "../../src/types.js";
import {
  createScriptedClient,
  createScriptedSockets,
  flushMicrotasks,
  type ScriptedSocket,
  type WrittenFrame,
  modelGroupMessage,
} from "../../src/testing/index.js";
import type { CoverageRecorder } from "./coverage.js";
import { transitionKey } from "./coverage.js";
import { fireDelayedEvent } from "./timers.js";
import { createModelActor, machineConfig, MODEL_URL, type ClientPath } from "./client-model.js";

interface Deferred {
  resolve: (url: string) => void;
  reject: (error: Error) => void;
}

type StartOutcome = "none" | "pending" | "ok" | `err:${string}`;

const PUBLIC_EVENTS: readonly WebPubSubClientEventName[] = [
  "connected",
  "disconnected",
  "stopped",
  "recovering",
  "recovered",
  "group-message",
  "server-message",
  "rejoin-group-failed",
];

function describeEmitted(event: ClientEmitted): string | undefined {
  switch (event.type) {
    case "connected":
      return `connected:${event.connectionId}`;
    case "disconnected":
      return `disconnected:${event.code}${event.message ? ":message" : ""}`;
    case "recovering":
      return `recovering:${event.code}`;
    case "recovered":
      return `recovered:${event.connectionId}`;
    case "group-message":
      return `group-message:${String(event.message.data)}`;
    case "server-message":
      return `server-message:${String(event.message.data)}`;
    case "rejoin-group-failed":
      return `rejoin-group-failed:${event.group}:${event.error.name}`;
    case "stopped":
      return "stopped";
    default:
      return undefined;
  }
}

function describeFrame(frame: WrittenFrame): string {
  switch (frame.type) {
    case "sequenceAck":
      return `sequenceAck:${String(frame.sequenceId)}`;
    case "joinGroup":
    case "leaveGroup":
      return `${frame.type}:${String(frame.group)}`;
    default:
      return String(frame.type);
  }
}

function describeCommand(command: SocketCommand): string {
  switch (command.type) {
    case "OPEN":
      return command.url.includes("awps_connection_id") ? "open:recovery" : "open:new";
    case "CLOSE":
      return `close:${command.code}`;
    case "TERMINATE":
      return "terminate";
    case "WATCH":
      return `watch:${command.timeoutInMs}`;
    case "UNWATCH":
      return "unwatch";
    case "REJOIN":
      return `rejoin:${command.groups.join(",")}`;
    case "DELEGATE":
      return "delegate";
    case "RECLAIM":
      return "reclaim";
    case "ACKNOWLEDGE":
      return "acknowledge";
    case "WRITE": {
      const m = command.message;
      if (m.kind === "sequenceAck") return `sequenceAck:${m.sequenceId}`;
      if (m.kind === "joinGroup") return `joinGroup:${m.group}`;
      return m.kind;
    }
  }
}

/** Equal up to ackIds (the model and the runtime number rejoins independently) and error objects. */
function normalize(event: AnyEventObject): string {
  const {
    ackId: _ackId,
    error,
    output: _output,
    actorId: _actorId,
    ...rest
  } = event as AnyEventObject & {
    ackId?: unknown;
    error?: unknown;
    output?: unknown;
    actorId?: unknown;
  };
  const errorName =
    error instanceof Error
      ? "Error"
      : typeof error === "object" && error !== null && "name" in error
        ? error.name
        : error;
  return stableJson({ ...rest, error: errorName });
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

export interface RunOptions {
  readonly recorder: CoverageRecorder;
}

/** Runs a path; throws (an `expect` failure) at the first step where the client and the model disagree. */
export async function runClientPath(path: ClientPath, { recorder }: RunOptions): Promise<void> {
  const config = machineConfig(path.variant);
  const sockets = createScriptedSockets({
    autoCompleteClose: false,
    ...(path.variant.service === undefined ? {} : { service: path.variant.service }),
  });
  const urlRequests: Deferred[] = [];
  const received: AnyEventObject[] = [];
  const microsteps: Array<{ keys: string[]; states: string[] }> = [];
  const root: { actor?: unknown } = {};
  const inspect = (event: InspectionEvent) => {
    if (root.actor === undefined || event.actorRef !== root.actor) return;
    if (event.type === "@xstate.event") received.push(event.event);
    else if (event.type === "@xstate.microstep") {
      const snapshot = event.snapshot as unknown as { _nodes: Array<{ id: string }> };
      microsteps.push({
        keys: event._transitions.map((t) => transitionKey(t)),
        states: snapshot._nodes.map((n) => n.id),
      });
    }
  };
  let environment: ((event: EnvironmentEvent) => void) | undefined;
  const client = createScriptedClient(
    sockets,
    {
      ...path.variant.options,
      seed: 1,
      directDelivery: config.directDelivery,
      inspect,
      environment: ({ sendBack }) => {
        environment = sendBack;
        return () => {
          environment = undefined;
        };
      },
    },
    {
      getClientAccessUrl: () =>
        new Promise<string>((resolve, reject) => urlRequests.push({ resolve, reject })),
    },
  );
  root.actor = client.actor;
  const observed: string[] = [];
  for (const name of PUBLIC_EVENTS) {
    client.on(name, (args: unknown) => {
      const event = { type: name, ...(args as object) } as ClientEmitted;
      observed.push(describeEmitted(event) ?? name);
    });
  }
  const model = createModelActor(config);
  const pending: Array<{ kind: "state" | "transition"; key: string }> = model
    .take()
    .states.map((key) => ({ kind: "state" as const, key }));
  const startState: { value: StartOutcome } = { value: "none" };
  const appAckIds = new Set<number>();
  /** The socket session's sequence ids while it delivers directly (from the model's DELEGATE on). */
  let direct = { last: 0, acked: 0 };
  const sentCount = new Map<ScriptedSocket, number>();
  let socketCount = 0;

  const newFrames = (): string[] => {
    const out: string[] = [];
    for (const socket of sockets.sockets) {
      const from = sentCount.get(socket) ?? 0;
      for (const frame of socket.sent.slice(from)) {
        const ackId = frame.ackId;
        if (typeof ackId === "number" && appAckIds.has(ackId)) continue;
        out.push(describeFrame(frame));
      }
      sentCount.set(socket, socket.sent.length);
    }
    return out;
  };
  const liveSocket = (): ScriptedSocket | undefined => {
    const last = sockets.sockets.at(-1);
    return last !== undefined && !last.ended ? last : undefined;
  };

  const lastRejoinAckId = (group: string): number => {
    const frames = sockets.last.sent.filter((f) => f.type === "joinGroup" && f.group === group);
    const frame = frames.at(-1);
    if (frame === undefined || typeof frame.ackId !== "number")
      throw new Error(`no rejoin of ${group} written`);
    return frame.ackId;
  };

  async function operation(kind: "join" | "leave"): Promise<void> {
    const socket = sockets.last;
    const before = socket.sent.length;
    const result = kind === "join" ? client.joinGroupResult("g") : client.leaveGroupResult("g");
    const frame = socket.sent[before];
    if (frame === undefined || typeof frame.ackId !== "number") throw new Error(`${kind} was not written`);
    appAckIds.add(frame.ackId);
    socket.receive({ kind: "ack", ackId: frame.ackId, success: true });
    const settled = await result;
    expect(settled.isOk(), `${kind}Group succeeds`).toBe(true);
  }

  async function stimulate(event: AnyEventObject): Promise<void> {
    const type = event.type;
    if (type.startsWith("xstate.after.")) {
      fireDelayedEvent(client.actor, type);
      return;
    }
    if (type.startsWith("xstate.done.actor.")) return urlRequests.at(-1)!.resolve(MODEL_URL);
    if (type.startsWith("xstate.error.actor.")) return urlRequests.at(-1)!.reject(new Error("no URL today"));
    const e = event as AnyEventObject & {
      code?: number;
      reason?: string;
      message?: object;
      ackId?: number;
      success?: boolean;
      error?: { name: string; message: string };
      group?: string;
    };
    switch (type) {
      case "START": {
        startState.value = "pending";
        void client.startResult().then((r) => {
          startState.value = r.isOk() ? "ok" : `err:${r.error.kind}`;
        });
        return;
      }
      case "STOP":
        return client.stop();
      case "SOCKET.OPENED":
        return sockets.last.open();
      case "SOCKET.CLOSED":
        if (sockets.last.closeRequested !== undefined) return sockets.last.completeClose();
        return sockets.last.drop(e.code, e.reason);
      case "FRAME.CONNECTED":
      case "FRAME.DISCONNECTED":
      case "MESSAGE.RECEIVED":
        return sockets.last.receive(e.message!);
      case "SEQUENCE.UNACKED":
        // Delivered directly, the next message reaches the machine only as this event.
        direct = { ...direct, last: direct.last + 1 };
        return sockets.last.receive(modelGroupMessage(direct.last));
      case "PONG.RECEIVED":
        return sockets.last.receive({ kind: "pong" });
      case "REJOIN.ACKED": {
        const group = e.group!;
        if (!model.snapshot().context.rejoins.includes(group))
          throw new Error(`the model is not rejoining ${group}`);
        const ackId = lastRejoinAckId(group);
        return sockets.last.receive(
          e.error === undefined
            ? { kind: "ack", ackId, success: true }
            : { kind: "ack", ackId, success: false, error: e.error },
        );
      }
      case "GROUP.JOINED":
        return operation("join");
      case "GROUP.LEFT":
        return operation("leave");
      case "NETWORK.ONLINE":
      case "NETWORK.OFFLINE":
      case "CLOCK.JUMPED":
      case "PAGE.SHOWN":
      case "PAGE.HIDDEN":
        if (environment === undefined)
          throw new Error("the socket actor (which reports the environment) is not running");
        return environment(event as EnvironmentEvent);
      case "LINK.SILENT": {
        const step = Math.max(1, Math.floor(config.keepAliveTimeoutInMs / 10));
        for (let i = 0; i < 20 && !received.some((r) => r.type === "LINK.SILENT"); i++) {
          vi.advanceTimersByTime(step);
        }
        return;
      }
      default:
        throw new Error(`no stimulus for ${type}`);
    }
  }

  try {
    for (const [index, event] of path.events.entries()) {
      const where = `step ${index + 1} (${event.type})`;
      const before = { live: liveSocket(), terminated: liveSocket()?.terminated ?? false };
      received.length = 0;
      microsteps.length = 0;
      await stimulate(event);
      await flushMicrotasks(4);

      // 1. The stimulus reached the machine as the intended event; other events may only be timers.
      const carried = path.variant.carried;
      const message = (event as { message?: DownstreamMessage }).message;
      const intended = normalize(
        carried === undefined || message === undefined ? event : { ...event, message: carried(message) },
      );
      const modelEvent = event;
      let matched = false;
      for (const got of received) {
        if (!matched && normalize(got) === intended) {
          matched = true;
          model.send(modelEvent);
        } else if (got.type.startsWith("xstate.after.") || got.type === "SEQUENCE.RECLAIMED") {
          // Timers, and the socket session handing back the sequence state when leaving `connected`.
          model.send(got);
        } else {
          expect.fail(`${where}: the client received an unexpected ${JSON.stringify(got)} (${intended})`);
        }
      }
      expect(matched, `${where}: the stimulus did not produce ${intended}`).toBe(true);
      const step = model.take();

      // 2. Same transitions, same state.
      const realKeys = microsteps.flatMap((m) => m.keys);
      expect(realKeys, `${where}: transitions taken`).toEqual(step.transitions);
      expect(client.actor.getSnapshot().value, `${where}: state`).toEqual(model.snapshot().value);
      if (received.length === 1) {
        expect(model.snapshot().value, `${where}: state predicted by the graph`).toEqual(
          path.expected[index],
        );
      }

      // 3. What the application sees.
      const expectedEvents = step.emitted.flatMap((e) => describeEmitted(e) ?? []);
      expect(observed.splice(0), `${where}: events emitted`).toEqual(expectedEvents);
      // Writes put frames on the wire, a rejoin one `joinGroup` per group, and an ACKNOWLEDGE the
      // directly delivered sequence's ack (WATCH/UNWATCH run the socket actor's watchdog).
      const expectedIo = step.commands.flatMap((c): string[] => {
        if (c.type === "DELEGATE") direct = { last: c.lastSequenceId, acked: c.ackedSequenceId };
        if (c.type === "WRITE") return [describeCommand(c)];
        if (c.type === "REJOIN") return c.groups.map((g) => `joinGroup:${g}`);
        if (c.type === "ACKNOWLEDGE" && direct.last !== direct.acked) {
          direct = { ...direct, acked: direct.last };
          return [`sequenceAck:${direct.last}`];
        }
        return [];
      });
      expect(newFrames(), `${where}: frames written`).toEqual(expectedIo);
      const opens = step.commands.filter((c) => c.type === "OPEN").map(describeCommand);
      const openedNow = sockets.sockets
        .slice(socketCount)
        .map((s) => (s.url.includes("awps_connection_id") ? "open:recovery" : "open:new"));
      socketCount = sockets.sockets.length;
      expect(openedNow, `${where}: sockets opened`).toEqual(opens);
      const closes = step.commands.filter((c) => c.type === "CLOSE");
      if (closes.length > 0)
        expect(sockets.last.closeRequested?.code, `${where}: close handshake`).toBe(1000);
      if (before.live !== undefined && !before.terminated && event.type !== "SOCKET.CLOSED") {
        // TERMINATE, a new OPEN, or leaving `running` (the socket actor's cleanup) drop a live socket.
        const terminated =
          step.commands.some((c) => c.type === "TERMINATE") ||
          opens.length > 0 ||
          model.snapshot().value === "stopped";
        expect(before.live.terminated, `${where}: socket terminated`).toBe(terminated);
      }
      const emittedTypes = step.emitted.map((e) => e.type);
      const start = startState.value;
      if (emittedTypes.includes("start.failed"))
        expect(start, `${where}: start()`).toBe("err:connection-failed");
      else if (emittedTypes.includes("connected") && start !== "none")
        expect(start, `${where}: start()`).toBe("ok");
      else if (emittedTypes.includes("stopped") && start === "pending")
        expect.fail(`${where}: start() still pending`);
      if (start !== "pending") startState.value = "none";

      for (const m of microsteps) {
        for (const key of m.keys) pending.push({ kind: "transition", key });
        for (const key of m.states) pending.push({ kind: "state", key });
      }
    }
    // Only a path that passed counts.
    for (const { kind, key } of pending) {
      if (kind === "state") recorder.recordState("client", key);
      else recorder.recordTransition("client", key, path.name);
    }
  } finally {
    model.stop();
    client.stop();
    for (const socket of sockets.sockets) socket.completeClose();
    await flushMicrotasks(2);
    vi.clearAllTimers();
  }
}
