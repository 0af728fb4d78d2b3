/**
 * State and transition coverage of a statechart, measured from what the real client did.
 *
 * A transition is identified as `source --event--> targets #index`: the source state node, the event
 * type (`always` for eventless ones, `xstate.after.<delay>.<state>` for delays), the targets (or
 * `(internal)`), and its index among the source's candidates for that event, so each guard branch
 * is its own transition.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  createEmptyActor,
  type AnyEventObject,
  type AnyStateMachine,
  type AnyStateNode,
  type AnyTransitionDefinition,
} from "xstate";

export interface TransitionInfo {
  readonly key: string;
  readonly source: string;
  readonly event: string;
  readonly guard: string | undefined;
}

export interface MachineInventory {
  readonly machineId: string;
  readonly states: readonly string[];
  readonly transitions: readonly TransitionInfo[];
}

function allNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allNodes(child as AnyStateNode))];
}

function guardName(transition: AnyTransitionDefinition): string | undefined {
  const guard: unknown = transition.guard;
  if (guard === undefined) return undefined;
  if (typeof guard === "string") return guard;
  if (typeof guard === "object" && guard !== null && "type" in guard) return String(guard.type);
  return "inline";
}

function eventLabel(eventType: string): string {
  return eventType === "" ? "always" : eventType;
}

/** The key of a transition definition, as found on its source node. */
export function transitionKey(transition: AnyTransitionDefinition): string {
  const source = transition.source;
  const eventType = transition.eventType;
  const candidates: readonly AnyTransitionDefinition[] =
    eventType === "" ? (source.always ?? []) : (source.transitions.get(eventType) ?? []);
  const index = candidates.indexOf(transition);
  const targets = transition.target?.map((t) => t.id).join(",") ?? "(internal)";
  const guard = guardName(transition);
  return `${source.id} --${eventLabel(eventType)}${guard === undefined ? "" : ` [${guard}]`}--> ${targets || "(internal)"} #${index}`;
}

/** Every state node id and every transition of a machine. */
export function inventory(machine: AnyStateMachine): MachineInventory {
  const nodes = allNodes(machine.root);
  const transitions: TransitionInfo[] = [];
  for (const node of nodes) {
    for (const [eventType, list] of node.transitions) {
      for (const t of list as AnyTransitionDefinition[]) {
        transitions.push({ key: transitionKey(t), source: node.id, event: eventType, guard: guardName(t) });
      }
    }
    for (const t of (node.always ?? []) as AnyTransitionDefinition[]) {
      transitions.push({ key: transitionKey(t), source: node.id, event: "always", guard: guardName(t) });
    }
  }
  return { machineId: machine.id, states: nodes.map((n) => n.id), transitions };
}

/** What the passing paths exercised, per machine. */
export class CoverageRecorder {
  private readonly states = new Map<string, Set<string>>();
  private readonly transitions = new Map<string, Map<string, string>>();

  recordState(machineId: string, stateId: string): void {
    let set = this.states.get(machineId);
    if (set === undefined) this.states.set(machineId, (set = new Set()));
    set.add(stateId);
  }

  /** Records a transition and the first path that took it. */
  recordTransition(machineId: string, key: string, pathName: string): void {
    let map = this.transitions.get(machineId);
    if (map === undefined) this.transitions.set(machineId, (map = new Map()));
    if (!map.has(key)) map.set(key, pathName);
  }

  coveredStates(machineId: string): ReadonlySet<string> {
    return this.states.get(machineId) ?? new Set();
  }

  coveredTransitions(machineId: string): ReadonlyMap<string, string> {
    return this.transitions.get(machineId) ?? new Map();
  }
}

/** A transition (or state) the facade cannot reach, with the reason. */
export interface AllowListEntry {
  readonly key: string;
  readonly reason: string;
}

export interface MachineReport {
  readonly machine: string;
  readonly states: { readonly total: number; readonly covered: number; readonly missing: string[] };
  readonly transitions: {
    readonly total: number;
    readonly covered: number;
    readonly allowListed: ReadonlyArray<AllowListEntry>;
    readonly missing: string[];
    readonly coveredBy: Readonly<Record<string, string>>;
  };
  /** Allow-list entries that were covered after all (the allow-list is stale). */
  readonly staleAllowList: string[];
}

export function buildReport(
  machine: MachineInventory,
  recorder: CoverageRecorder,
  allowList: readonly AllowListEntry[],
): MachineReport {
  const coveredStates = recorder.coveredStates(machine.machineId);
  const covered = recorder.coveredTransitions(machine.machineId);
  const allowed = new Map(allowList.map((entry) => [entry.key, entry]));
  const missingStates = machine.states.filter((s) => !coveredStates.has(s) && !allowed.has(s));
  const missing = machine.transitions
    .filter((t) => !covered.has(t.key) && !allowed.has(t.key))
    .map((t) => t.key);
  const known = new Set([...machine.states, ...machine.transitions.map((t) => t.key)]);
  const stale = allowList
    .filter((e) => !known.has(e.key) || covered.has(e.key) || coveredStates.has(e.key))
    .map((e) => e.key);
  const coveredBy: Record<string, string> = {};
  for (const t of machine.transitions) {
    const path = covered.get(t.key);
    if (path !== undefined) coveredBy[t.key] = path;
  }
  return {
    machine: machine.machineId,
    states: {
      total: machine.states.length,
      covered: machine.states.filter((s) => coveredStates.has(s)).length,
      missing: missingStates,
    },
    transitions: {
      total: machine.transitions.length,
      covered: Object.keys(coveredBy).length,
      allowListed: allowList.filter((e) => known.has(e.key) && !covered.has(e.key)),
      missing,
      coveredBy,
    },
    staleAllowList: stale,
  };
}

export function summaryTable(reports: readonly MachineReport[]): string {
  const rows = reports.map(
    (r) =>
      `| ${r.machine} | ${r.states.covered}/${r.states.total} | ${r.transitions.covered}/${r.transitions.total} | ${r.transitions.allowListed.length} | ${r.states.missing.length + r.transitions.missing.length} |`,
  );
  return [
    "| machine | states covered | transitions covered | allow-listed | missing |",
    "|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

function markdown(reports: readonly MachineReport[], pathCount: number): string {
  const lines = [
    "# Model-based test coverage",
    "",
    `${pathCount} generated paths ran against the real facade.`,
    "",
    summaryTable(reports),
    "",
  ];
  for (const r of reports) {
    lines.push(`## ${r.machine}`, "");
    if (r.states.missing.length > 0)
      lines.push("Missing states:", ...r.states.missing.map((s) => `- ${s}`), "");
    if (r.transitions.missing.length > 0)
      lines.push("Missing transitions:", ...r.transitions.missing.map((s) => `- \`${s}\``), "");
    if (r.transitions.allowListed.length > 0)
      lines.push(
        "Allow-listed (unreachable through the facade):",
        ...r.transitions.allowListed.map((e) => `- \`${e.key}\`: ${e.reason}`),
        "",
      );
    lines.push("| transition | first covered by |", "|---|---|");
    for (const [key, path] of Object.entries(r.transitions.coveredBy))
      lines.push(`| \`${key}\` | ${path.replace(/\|/g, "\\|")} |`);
    lines.push("");
  }
  return lines.join("\n");
}

/** Writes `coverage/model-coverage.{json,md}` (git-ignored) and returns the directory. */
export function writeReport(reports: readonly MachineReport[], pathCount: number, root: string): string {
  const dir = join(root, "coverage");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "model-coverage.json"), `${JSON.stringify({ pathCount, reports }, null, 2)}\n`);
  writeFileSync(join(dir, "model-coverage.md"), markdown(reports, pathCount));
  return dir;
}

/**
 * The keys of the transitions `machine` takes from `snapshot` on `event`, computed purely (a
 * `transition()` on a throwaway scope whose inspector records the microsteps; nothing executes).
 */
export function transitionsOf<M extends AnyStateMachine>(
  machine: M,
  snapshot: Parameters<M["transition"]>[0],
  event: AnyEventObject,
): string[] {
  const keys: string[] = [];
  const empty = createEmptyActor();
  const subscription = empty.system.inspect((inspected) => {
    if (inspected.type === "@xstate.microstep")
      for (const t of inspected._transitions) keys.push(transitionKey(t));
  });
  const scope = {
    self: empty,
    logger: () => undefined,
    id: "",
    sessionId: "graph",
    defer: () => undefined,
    system: empty.system,
    stopChild: () => undefined,
    emit: () => undefined,
    actionExecutor: () => undefined,
  };
  machine.transition(snapshot, event, scope as unknown as Parameters<M["transition"]>[2]);
  subscription.unsubscribe();
  return keys;
}
