/**
 * Paths through a machine, for model-based tests: `xstate/graph` walks an abstraction of the
 * machine (`key`), every edge becomes a candidate (the shortest path to its source, then the edge),
 * and a greedy pass keeps the candidates that take a transition no earlier one took.
 */
import { initialTransition, type AnyEventObject, type AnyStateMachine, type SnapshotFrom } from "xstate";
import { getAdjacencyMap, getShortestPaths } from "xstate/graph";
import { transitionsOf } from "./coverage.js";

export interface MachinePath {
  readonly events: readonly AnyEventObject[];
  /** The state value after each event (the first is the initial state's). */
  readonly values: readonly unknown[];
  /** The transitions the last event takes. */
  readonly keys: readonly string[];
}

export interface PathOptions<M extends AnyStateMachine> {
  readonly input: unknown;
  /** The events worth exploring in a snapshot. */
  readonly events: (snapshot: SnapshotFrom<M>) => AnyEventObject[];
  /** A finite abstraction of a snapshot. */
  readonly key: (snapshot: SnapshotFrom<M>) => string;
}

type Snapshot = { value: unknown };

/** The chosen paths of `machine`; `covered` collects the transition keys taken so far. */
export function machinePaths<M extends AnyStateMachine>(
  machine: M,
  options: PathOptions<M>,
  covered: Set<string>,
): MachinePath[] {
  const [initial] = initialTransition(machine, options.input as never) as unknown as [Snapshot];
  const graphOptions = {
    fromState: initial,
    events: options.events,
    serializeState: options.key,
    limit: 5000,
  };
  const adjacency = getAdjacencyMap(machine, graphOptions as never) as unknown as Record<
    string,
    { state: Snapshot; transitions: Record<string, { event: AnyEventObject; state: Snapshot }> }
  >;
  const shortest = getShortestPaths(machine, graphOptions as never) as unknown as Array<{
    state: Snapshot;
    steps: Array<{ event: AnyEventObject; state: Snapshot }>;
  }>;
  const pathTo = new Map(shortest.map((p) => [options.key(p.state as SnapshotFrom<M>), p]));
  const candidates: MachinePath[] = [];
  for (const [key, entry] of Object.entries(adjacency)) {
    const prefix = pathTo.get(key);
    if (prefix === undefined) continue;
    const steps = prefix.steps.filter((s) => s.event.type !== "xstate.init");
    for (const t of Object.values(entry.transitions)) {
      candidates.push({
        events: [...steps.map((s) => s.event), t.event],
        values: [initial.value, ...steps.map((s) => s.state.value), t.state.value],
        keys: transitionsOf(machine, entry.state as never, t.event),
      });
    }
  }
  candidates.sort((a, b) => a.events.length - b.events.length);
  const chosen: MachinePath[] = [];
  for (const candidate of candidates) {
    if (!candidate.keys.some((k) => !covered.has(k)) && chosen.length > 0) continue;
    for (const k of candidate.keys) covered.add(k);
    chosen.push(candidate);
  }
  return chosen;
}

/** `a.b.c` for a state value. */
export function stateLabel(value: unknown): string {
  if (typeof value === "string") return value;
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}.${stateLabel(v)}`)
    .join("+");
}
