/**
 * Model-based paths through the two stream machines, each run against the real runtime
 * (`src/runtime/streams/`): the outbound one through `OutboundStreams` and a writer, the service's
 * answers routed as the socket session routes them; the inbound one through `InboundStreams` and
 * group messages. After every step the real actor must have taken exactly the model's transitions,
 * and stand where the model stands.
 */
import { expect, vi } from "vitest";
import {
  initialTransition,
  transition,
  type AnyActorRef,
  type AnyEventObject,
  type AnyStateMachine,
  type InspectionEvent,
  type SnapshotFrom,
} from "xstate";
import { inboundStreamMachine } from "../../machines/inbound-stream.machine.js";
import { outboundStreamMachine } from "../../machines/outbound-stream.machine.js";
import { silentLogger } from "../../src/logging.js";
import type { GroupDataMessage, StreamDataError, UpstreamMessage } from "../../src/protocol/messages.js";
import { InboundStreams } from "../../src/runtime/streams/inbound.js";
import { OutboundStreams } from "../../src/runtime/streams/outbound.js";
import type { GroupStreamWriter } from "../../src/stream-types.js";
import { transitionKey, transitionsOf, type CoverageRecorder } from "./coverage.js";
import { fireDelayedEvent } from "./timers.js";
import { machinePaths, stateLabel, type MachinePath } from "./paths.js";

export interface StreamPath extends MachinePath {
  readonly machine: "outboundStream" | "inboundStream";
  readonly variant: string;
  readonly name: string;
}

const ERROR: StreamDataError = { name: "UserError", message: "no", userErrorCode: "E" };

function label(event: AnyEventObject): string {
  if (event.type.startsWith("xstate.after.")) return `${event.type.split(".")[2]} elapses`;
  const e = event as AnyEventObject & { expectedSequenceId?: number; sequenceId?: number; error?: unknown };
  const facts = event as AnyEventObject & {
    streamSequenceId?: number;
    endOfStream?: boolean;
    hasPayload?: boolean;
  };
  switch (event.type) {
    case "FRAGMENT.QUEUED":
      return `write #${e.sequenceId}`;
    case "STREAM.ACKED":
      return `ack (expects ${e.expectedSequenceId})`;
    case "STREAM.NACKED":
      return `nack (from ${e.expectedSequenceId})`;
    case "STREAM.CLOSED":
      return e.error === undefined ? "closed" : "closed with an error";
    case "FRAGMENT":
      return `fragment #${facts.streamSequenceId}${facts.endOfStream ? " (last" + (e.error ? ", error" : "") + (facts.hasPayload ? ", data)" : ")") : ""}`;
    case "CLOSE":
      return e.error === undefined ? "subscription closed" : "connection lost";
    default:
      return event.type;
  }
}

function named(machine: StreamPath["machine"], variant: string, paths: MachinePath[]): StreamPath[] {
  return paths.map((p) => {
    const via = p.events.slice(0, -1).map(label).join(" → ");
    return {
      ...p,
      machine,
      variant,
      name: `[${machine}, ${variant}] in ${stateLabel(p.values.at(-2))}, ${label(p.events.at(-1)!)} → ${stateLabel(p.values.at(-1))}${via ? ` (after ${via})` : ""}`,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Outbound
// ---------------------------------------------------------------------------------------------

const OUTBOUND_INPUT = { streamId: "s", keepAliveIntervalInMs: 1000, endTimeoutInMs: 10_000 };
type OutboundSnapshot = SnapshotFrom<typeof outboundStreamMachine>;

function outboundEvents(s: OutboundSnapshot): AnyEventObject[] {
  const { queued, acked } = s.context;
  const closes = [{ type: "STREAM.CLOSED" }, { type: "STREAM.CLOSED", error: ERROR }];
  if (s.matches("opening")) {
    return [
      { type: "STREAM.ACKED", expectedSequenceId: 1 },
      ...closes,
      { type: "LINK.SUSPENDED" },
      { type: "LINK.LOST" },
      { type: "STOP" },
    ];
  }
  if (!s.matches("streaming")) return [];
  const events: AnyEventObject[] = [...closes, { type: "LINK.LOST" }, { type: "STOP" }];
  if (acked < queued) events.push({ type: "STREAM.ACKED", expectedSequenceId: queued + 1 });
  if (s.matches({ streaming: { phase: "writing" } })) {
    if (queued < 2) events.push({ type: "FRAGMENT.QUEUED", sequenceId: queued + 1 });
    events.push({ type: "END" }, { type: "ABORT" });
  } else {
    events.push({ type: "xstate.after.endTimeout.outboundStream.streaming.phase.ending" });
  }
  if (s.matches({ streaming: { link: "flowing" } })) {
    events.push(
      { type: "LINK.SUSPENDED" },
      { type: "xstate.after.keepAliveInterval.outboundStream.streaming.link.flowing" },
    );
    if (acked < queued) events.push({ type: "STREAM.NACKED", expectedSequenceId: acked + 1 });
  } else {
    events.push({ type: "LINK.READY", resumed: true });
  }
  return events;
}

export function outboundStreamPaths(covered: Set<string>): StreamPath[] {
  const paths = machinePaths(
    outboundStreamMachine,
    {
      input: OUTBOUND_INPUT,
      events: outboundEvents,
      key: (s) =>
        JSON.stringify([
          s.value,
          s.context.queued,
          s.context.acked >= s.context.queued,
          s.context.outcome?.status ?? "-",
        ]),
    },
    covered,
  );
  return named("outboundStream", "keep-alive 1 s", paths);
}

// ---------------------------------------------------------------------------------------------
// Inbound
// ---------------------------------------------------------------------------------------------

type InboundSnapshot = SnapshotFrom<typeof inboundStreamMachine>;

function fragment(n: number, last = false, error = false, payload = true): AnyEventObject {
  return {
    type: "FRAGMENT",
    streamSequenceId: n,
    endOfStream: last,
    hasPayload: payload,
    ...(error ? { error: ERROR } : {}),
  };
}

function inboundEvents(s: InboundSnapshot): AnyEventObject[] {
  const last = s.context.last;
  if (s.matches("starting")) return [fragment(1), fragment(3), fragment(1, true)];
  if (s.matches("ignoring")) return [fragment(4), fragment(5, true), { type: "CLOSE", error: ERROR }];
  if (!s.matches("receiving")) return [];
  return [
    fragment(last + 1),
    fragment(last),
    fragment(last + 2),
    fragment(last + 1, true, false, true),
    fragment(last + 1, true, false, false),
    fragment(last + 1, true, true, true),
    fragment(last + 1, true, true, false),
    { type: "xstate.after.idleTimeout.inboundStream.receiving" },
    { type: "CLOSE" },
    { type: "CLOSE", error: ERROR },
  ];
}

const INBOUND_VARIANTS = [
  { name: "from any fragment", handleFromStart: false },
  { name: "handleFromStart", handleFromStart: true },
] as const;

export function inboundStreamPaths(covered: Set<string>): StreamPath[] {
  return INBOUND_VARIANTS.flatMap((variant) =>
    named(
      "inboundStream",
      variant.name,
      machinePaths(
        inboundStreamMachine,
        {
          input: { idleTimeoutInMs: 1000, handleFromStart: variant.handleFromStart },
          events: inboundEvents,
          key: (s) =>
            JSON.stringify([s.value, Math.min(s.context.last, 3), s.context.outcome?.status ?? "-"]),
        },
        covered,
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Running a path against the runtime
// ---------------------------------------------------------------------------------------------

/** Records the real actor (the inspector names it) and its microsteps. */
function microstepRecorder(prefix: string) {
  const recorder = {
    keys: [] as string[],
    states: new Set<string>(),
    actor: undefined as AnyActorRef | undefined,
    inspect: (event: InspectionEvent) => {
      const ref = event.actorRef as AnyActorRef;
      if (!ref.id.startsWith(prefix)) return;
      if (event.type === "@xstate.actor") recorder.actor = ref;
      // Every state the actor stood in, the initial one included.
      if (event.type === "@xstate.snapshot" || event.type === "@xstate.microstep")
        for (const node of (event.snapshot as unknown as { _nodes?: Array<{ id: string }> })._nodes ?? [])
          recorder.states.add(node.id);
      if (event.type !== "@xstate.microstep") return;
      for (const t of event._transitions) recorder.keys.push(transitionKey(t));
    },
  };
  return recorder;
}

/** Steps a pure model of `machine` alongside, returning the keys each event takes. */
function modelOf<M extends AnyStateMachine>(machine: M, input: unknown) {
  let [snapshot] = initialTransition(machine, input as never) as unknown as [{ value: unknown }];
  return {
    get value() {
      return snapshot.value;
    },
    step(event: AnyEventObject): string[] {
      const keys = transitionsOf(machine, snapshot as never, event);
      [snapshot] = transition(machine, snapshot as never, event as never) as unknown as [{ value: unknown }];
      return keys;
    },
  };
}

export async function runStreamPath(path: StreamPath, recorder: CoverageRecorder): Promise<void> {
  const recorded = path.machine === "outboundStream" ? await runOutbound(path) : await runInbound(path);
  for (const key of recorded.keys) recorder.recordTransition(path.machine, key, path.name);
  for (const state of recorded.states) recorder.recordState(path.machine, state);
}

const settle = () => vi.advanceTimersByTimeAsync(0);

async function runOutbound(path: StreamPath) {
  const written: UpstreamMessage[] = [];
  const real = microstepRecorder("stream:out:");
  const streams = new OutboundStreams({
    write: (m) => (written.push(m), true),
    logger: silentLogger,
    inspect: real.inspect,
  });
  const model = modelOf(outboundStreamMachine, OUTBOUND_INPUT);
  const ignore = () => undefined;
  let writer: GroupStreamWriter | undefined;
  const opening = streams.open("g", "s", { idleTimeoutInMs: 3000 }).then((w) => (writer = w), ignore);
  const allKeys = [...real.keys];
  for (const [index, event] of path.events.entries()) {
    real.keys.length = 0;
    const expected = model.step(event);
    const e = event as AnyEventObject & {
      expectedSequenceId?: number;
      error?: StreamDataError;
      resumed?: boolean;
    };
    switch (event.type) {
      case "STREAM.ACKED":
        streams.route({ kind: "streamAck", streamId: "s", expectedSequenceId: e.expectedSequenceId! });
        break;
      case "STREAM.NACKED":
        streams.route({
          kind: "streamNack",
          streamId: "s",
          name: "InvalidSequenceId",
          expectedSequenceId: e.expectedSequenceId!,
        });
        break;
      case "STREAM.CLOSED":
        streams.route(
          e.error === undefined
            ? { kind: "streamClosed", streamId: "s" }
            : { kind: "streamClosed", streamId: "s", error: e.error },
        );
        break;
      case "FRAGMENT.QUEUED":
        void writer!.write(`#${index}`, "text").catch(ignore);
        break;
      case "END":
        void writer!.end().catch(ignore);
        break;
      case "ABORT":
        void writer!.abort({ message: "stop" }).catch(ignore);
        break;
      case "LINK.SUSPENDED":
      case "LINK.LOST":
      case "STOP":
        streams.broadcast(event as never);
        break;
      case "LINK.READY":
        streams.broadcast({ type: "LINK.READY", resumed: e.resumed ?? true });
        break;
      default:
        fireDelayedEvent(real.actor!, event.type);
    }
    await settle();
    if (event.type === "STREAM.ACKED" && index === 0) await opening;
    expect(real.keys, `step ${index + 1} (${label(event)}): transitions`).toEqual(expected);
    allKeys.push(...real.keys);
  }
  void opening;
  return { keys: allKeys, states: real.states };
}

async function runInbound(path: StreamPath) {
  const real = microstepRecorder("stream:in:");
  const streams = new InboundStreams({ logger: silentLogger, inspect: real.inspect });
  const handleFromStart = path.variant === "handleFromStart";
  const subscription = streams.subscribe(
    async (stream) => {
      try {
        for await (const _fragment of stream) void _fragment;
      } catch {
        // A failed stream: the path checks the machine, not the reader.
      }
    },
    { idleTimeoutInMs: 1000, handleFromStart },
  );
  const model = modelOf(inboundStreamMachine, { idleTimeoutInMs: 1000, handleFromStart });
  const allKeys: string[] = [];
  for (const [index, event] of path.events.entries()) {
    real.keys.length = 0;
    const expected = model.step(event);
    const e = event as AnyEventObject & {
      streamSequenceId: number;
      endOfStream: boolean;
      hasPayload: boolean;
      error?: StreamDataError;
    };
    if (event.type === "FRAGMENT") {
      const message: GroupDataMessage = {
        kind: "groupData",
        group: "g",
        fromUserId: "u",
        dataType: "text",
        data: e.hasPayload ? `#${e.streamSequenceId}` : "",
        stream: {
          streamId: "s",
          streamSequenceId: e.streamSequenceId,
          endOfStream: e.endOfStream,
          ...(e.error === undefined ? {} : { error: e.error }),
        },
      };
      streams.handle(message);
    } else if (event.type === "CLOSE") {
      if (e.error === undefined) await subscription.close();
      else streams.closeAll(e.error);
    } else {
      fireDelayedEvent(real.actor!, event.type);
    }
    await settle();
    expect(real.keys, `step ${index + 1} (${label(event)}): transitions`).toEqual(expected);
    allKeys.push(...real.keys);
  }
  return { keys: allKeys, states: real.states };
}
