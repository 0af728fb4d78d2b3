/**
 * Paths through the real client machine (`xstate/graph` on `clientMachine` itself), chosen so that
 * together they take every transition, and named after what they do.
 *
 * The graph walks an abstraction of the context (counters capped, ids reduced to flags) so that it
 * is finite; each edge of the adjacency map becomes a candidate path (the shortest path to its
 * source, then the edge); a replay on a model actor tells which transitions each candidate takes,
 * and a greedy pass keeps the candidates that take something new.
 */
import {
  createActor,
  fromCallback,
  fromPromise,
  initialTransition,
  type AnyActorLogic,
  type AnyEventObject,
  type InspectionEvent,
  type SnapshotFrom,
} from "xstate";
import { getAdjacencyMap, getShortestPaths } from "xstate/graph";
import {
  clientMachine,
  type ClientEmitted,
  type ClientEvent,
  type ClientMachineConfig,
  type SocketCommand,
} from "../../machines/client.machine.js";
import { resolveOptions } from "../../src/runtime/options.js";
import type { WebPubSubClientOptions } from "../../src/types.js";
import { WebPubSubJsonProtocol } from "../../src/protocol/json-protocol.js";
import type { DownstreamMessage } from "../../src/protocol/messages.js";
import type { ScriptedService } from "../../src/testing/index.js";
import { transitionKey, transitionsOf as transitionsOfMachine } from "./coverage.js";
import {
  clientModelEvents as eventsFor,
  clientModelKey as abstractKey,
  MODEL_URL,
} from "../../src/testing/model.js";

export { MODEL_URL };

export type ClientSnapshot = SnapshotFrom<typeof clientMachine>;

/** A client configuration to explore: facade options, and the machine config they resolve to. */
export interface ClientVariant {
  readonly name: string;
  readonly options: WebPubSubClientOptions;
  /**
   * Data messages are delivered directly by the socket session while connected (the default of an
   * uninspected client). Model runs observe the client with an inspector, which turns direct
   * delivery off unless a variant asks for it.
   */
  readonly directDelivery?: boolean;
  /** The subprotocol the scripted service speaks, when it is not JSON (`protobuf.ts`). */
  readonly service?: ScriptedService;
  /**
   * A service message as that subprotocol carries it to the client (protobuf has no sender user
   * id), to compare what the client received with what the path sent.
   */
  readonly carried?: (message: DownstreamMessage) => DownstreamMessage;
}

const RETRY = { retryDelayInMs: 1000, maxRetryDelayInMs: 1000, mode: "Fixed", jitter: 0 } as const;

export const CLIENT_VARIANTS: readonly ClientVariant[] = [
  {
    name: "reliable, ping+pong",
    options: {
      keepAliveIntervalInMs: 2000,
      pongTimeoutInMs: 500,
      keepAliveTimeoutInMs: 0,
      sequenceAckIntervalInMs: 1000,
      recoveryWindowInMs: 30_000,
      recoveryRetryOptions: RETRY,
      reconnectRetryOptions: RETRY,
    },
  },
  {
    name: "reliable, watchdog",
    options: {
      keepAliveIntervalInMs: 0,
      keepAliveTimeoutInMs: 5000,
      sequenceAckIntervalInMs: 1000,
      recoveryWindowInMs: 30_000,
      recoveryRetryOptions: RETRY,
      reconnectRetryOptions: RETRY,
    },
  },
  {
    name: "json, ping only, one reconnect",
    options: {
      protocol: WebPubSubJsonProtocol(),
      keepAliveIntervalInMs: 2000,
      pongTimeoutInMs: 0,
      keepAliveTimeoutInMs: 0,
      reconnectRetryOptions: { ...RETRY, maxRetries: 1 },
    },
  },
  {
    // As an application without an inspector runs: data messages delivered directly while connected.
    name: "reliable, direct delivery",
    directDelivery: true,
    options: {
      keepAliveIntervalInMs: 0,
      keepAliveTimeoutInMs: 0,
      pongTimeoutInMs: 0,
      sequenceAckIntervalInMs: 1000,
      recoveryWindowInMs: 30_000,
      recoveryRetryOptions: RETRY,
      reconnectRetryOptions: RETRY,
    },
  },
  {
    name: "reliable, no auto-reconnect",
    options: {
      autoReconnect: false,
      keepAliveIntervalInMs: 0,
      keepAliveTimeoutInMs: 0,
      pongTimeoutInMs: 0,
      recoveryWindowInMs: 30_000,
      recoveryRetryOptions: RETRY,
    },
  },
];

export function machineConfig(variant: ClientVariant): ClientMachineConfig {
  return { ...resolveOptions(variant.options).machine, directDelivery: variant.directDelivery ?? false };
}

// ---------------------------------------------------------------------------------------------
// The model actor: the machine with recording actors and a clock that never fires on its own
// ---------------------------------------------------------------------------------------------

export interface ModelActor {
  readonly send: (event: AnyEventObject) => void;
  readonly snapshot: () => ClientSnapshot;
  /** Everything recorded since the last `take()`. */
  take(): { commands: SocketCommand[]; emitted: ClientEmitted[]; transitions: string[]; states: string[] };
  stop(): void;
}

const NO_CLOCK = { setTimeout: () => 0, clearTimeout: () => undefined };

export function createModelActor(config: ClientMachineConfig): ModelActor {
  let commands: SocketCommand[] = [];
  let emitted: ClientEmitted[] = [];
  let transitions: string[] = [];
  let states: string[] = [];
  const machine = clientMachine.provide({
    actors: {
      socket: fromCallback<SocketCommand>(({ receive }) => {
        receive((command) => commands.push(command));
      }),
      resolveUrl: fromPromise<string>(() => new Promise<string>(() => undefined)),
    },
  });
  const inspect = (event: InspectionEvent) => {
    if (event.type !== "@xstate.microstep") return;
    // The model's system holds the model actor only.
    for (const t of event._transitions) transitions.push(transitionKey(t));
    const snap = event.snapshot as ClientSnapshot;
    for (const node of snap._nodes) states.push(node.id);
  };
  const actor = createActor(machine, {
    input: { config, seed: 1 },
    clock: NO_CLOCK,
    inspect,
  });
  actor.on("*", (event) => emitted.push(event as ClientEmitted));
  actor.start();
  for (const node of actor.getSnapshot()._nodes) states.push(node.id);
  return {
    send: (event) => actor.send(event as ClientEvent),
    snapshot: () => actor.getSnapshot(),
    take() {
      const taken = { commands, emitted, transitions, states };
      commands = [];
      emitted = [];
      transitions = [];
      states = [];
      return taken;
    },
    stop: () => actor.stop(),
  };
}

// ---------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------

/** What `getAdjacencyMap` returns, typed for a machine snapshot. */
export type Adjacency<S> = Record<
  string,
  { state: S; transitions: Record<string, { event: AnyEventObject; state: S }> }
>;
/** What `getShortestPaths` returns, typed for a machine snapshot. */
export interface GraphPath<S> {
  state: S;
  steps: Array<{ event: AnyEventObject; state: S }>;
}

export interface ClientPath {
  readonly variant: ClientVariant;
  readonly name: string;
  readonly events: readonly AnyEventObject[];
  /** The state value the graph predicts after each event. */
  readonly expected: readonly unknown[];
  /** Transition keys the model takes (for selection only; coverage is measured on the real client). */
  readonly transitions: ReadonlySet<string>;
}

function label(event: AnyEventObject): string {
  const e = event as AnyEventObject & {
    code?: number;
    success?: boolean;
    error?: { name: string };
    message?: { sequenceId?: number; connectionId?: string; reconnectionToken?: string };
    group?: string;
  };
  if (e.type.startsWith("xstate.after.")) return `${e.type.split(".")[2]} elapses`;
  if (e.type.startsWith("xstate.done.actor.")) return "URL resolves";
  if (e.type.startsWith("xstate.error.actor.")) return "URL fails";
  switch (e.type) {
    case "START":
      return "start()";
    case "STOP":
      return "stop()";
    case "SOCKET.OPENED":
      return "socket opens";
    case "SOCKET.CLOSED":
      return `socket closes ${e.code}`;
    case "FRAME.CONNECTED":
      return e.message?.reconnectionToken === "token-refreshed" ? "token refresh" : "system/connected";
    case "FRAME.DISCONNECTED":
      return "system/disconnected";
    case "MESSAGE.RECEIVED":
      return e.message?.sequenceId === undefined ? "message" : `message #${e.message.sequenceId}`;
    case "PONG.RECEIVED":
      return "pong";
    case "ACK.RECEIVED":
      return `rejoin ack ${e.success ? "ok" : (e.error?.name ?? "error")}`;
    case "GROUP.JOINED":
      return `joinGroup(${e.group})`;
    case "GROUP.LEFT":
      return `leaveGroup(${e.group})`;
    case "LINK.SILENT":
      return "link silent";
    case "NETWORK.ONLINE":
      return "network online";
    case "NETWORK.OFFLINE":
      return "network offline";
    case "CLOCK.JUMPED":
      return "clock jumps";
    case "PAGE.SHOWN":
      return "page shown";
    case "PAGE.HIDDEN":
      return "page hidden";
    default:
      return e.type;
  }
}

function stateLabel(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [k, v] = entries[0]!;
      const inner = stateLabel(v);
      return k === "running" ? inner : `${k}.${inner}`;
    }
    return entries.map(([k, v]) => `${k}:${stateLabel(v)}`).join("+");
  }
  return String(value);
}

function describe(
  variant: ClientVariant,
  events: readonly AnyEventObject[],
  values: readonly unknown[],
): string {
  const last = events.at(-1)!;
  const from = values.length >= 2 ? stateLabel(values.at(-2)) : "stopped";
  const to = stateLabel(values.at(-1));
  const via = events.slice(0, -1).map(label).join(" → ");
  return `[${variant.name}] in ${from}, ${label(last)} → ${to}${via ? ` (after ${via})` : ""}`;
}

/** The transitions one event takes from a snapshot, without running anything (a pure macrostep). */
function transitionsOf(snapshot: ClientSnapshot, event: AnyEventObject): string[] {
  return transitionsOfMachine(clientMachine, snapshot, event);
}

/**
 * What the real client does by itself after a step, beyond the step's own transitions: leaving
 * `connected` while delivering directly, the socket session hands the sequence state back
 * (`SEQUENCE.RECLAIMED`), which the runner forwards to the model.
 */
function automaticFollowUp(before: ClientSnapshot, after: ClientSnapshot): string[] {
  const connection = before.context.connection;
  if (!before.context.delegated || after.context.delegated || connection === undefined) return [];
  const { lastSequenceId, ackedSequenceId } = before.context;
  const reclaimed = {
    type: "SEQUENCE.RECLAIMED",
    connectionId: connection.connectionId,
    lastSequenceId,
    ackedSequenceId,
  };
  return transitionsOf(after, reclaimed);
}

/** Candidate paths for one variant, greedily reduced to those that take a new transition. */
export function clientPaths(variant: ClientVariant, alreadyCovered: Set<string>): ClientPath[] {
  const config = machineConfig(variant);
  const input = { config, seed: 1 };
  const [initial] = initialTransition(clientMachine, input);
  const options = {
    fromState: initial,
    events: (s: ClientSnapshot) => eventsFor(s) as ClientEvent[],
    serializeState: (s: ClientSnapshot) => abstractKey(s),
    limit: 20_000,
  };
  const adjacency = getAdjacencyMap(
    clientMachine as unknown as AnyActorLogic,
    options as never,
  ) as unknown as Adjacency<ClientSnapshot>;
  const shortest = getShortestPaths(
    clientMachine,
    options as never,
  ) as unknown as GraphPath<ClientSnapshot>[];
  const pathTo = new Map(shortest.map((p) => [abstractKey(p.state), p]));
  const candidates: Array<{ events: AnyEventObject[]; expected: unknown[]; keys: string[] }> = [];
  for (const [key, entry] of Object.entries(adjacency)) {
    const prefix = pathTo.get(key);
    if (prefix === undefined) continue;
    const prefixEvents = prefix.steps.map((s) => s.event).filter((e) => e.type !== "xstate.init");
    const prefixValues = prefix.steps.filter((s) => s.event.type !== "xstate.init").map((s) => s.state.value);
    for (const transition of Object.values(entry.transitions)) {
      candidates.push({
        events: [...prefixEvents, transition.event],
        expected: [...prefixValues, transition.state.value],
        keys: [
          ...transitionsOf(entry.state, transition.event),
          ...automaticFollowUp(entry.state, transition.state),
        ],
      });
    }
  }
  candidates.sort((a, b) => a.events.length - b.events.length);
  const chosen: ClientPath[] = [];
  for (const candidate of candidates) {
    const keys = new Set(candidate.keys);
    const fresh = candidate.keys.some((k) => !alreadyCovered.has(k));
    if (!fresh) continue;
    for (const k of keys) alreadyCovered.add(k);
    chosen.push({
      variant,
      name: describe(variant, candidate.events, candidate.expected),
      events: candidate.events,
      expected: candidate.expected,
      transitions: keys,
    });
  }
  return chosen;
}
