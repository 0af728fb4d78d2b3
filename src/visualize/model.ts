/**
 * Walks an XState v5 machine's resolved state-node tree (`machine.root`) into a plain chart model
 * that the Mermaid and DOT writers share, so both diagrams always agree on what they show.
 *
 * The walker reads only what XState has already resolved (targets, guards, delays, invocations),
 * never the raw config, so `#id` targets, `.child` targets and `after` events come out exactly as
 * the interpreter sees them. Order follows the machine definition, which keeps output stable.
 */

/** The structural part of an XState `StateMachine` the walker relies on. */
export interface MachineLike {
  readonly id: string;
  readonly root: unknown;
  readonly config: unknown;
  readonly provide: (...args: never[]) => unknown;
}

/** Whether a value is an XState machine: structural, so two copies of xstate both count. */
export function isMachine(value: unknown): value is MachineLike {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate["id"] === "string" &&
    typeof candidate["root"] === "object" &&
    candidate["root"] !== null &&
    typeof candidate["config"] === "object" &&
    typeof candidate["provide"] === "function"
  );
}

export type ChartNodeType = "atomic" | "compound" | "parallel" | "final" | "history";

export interface ChartNode {
  /** Unique, diagram-safe identifier (letters, digits, `_`). */
  readonly id: string;
  /** The state's key in its parent, shown as its label. */
  readonly key: string;
  /** XState's own id (`machine.a.b`), kept for tests and error messages. */
  readonly xstateId: string;
  /** The keys from the machine's top level down: `running.connected` is `["running", "connected"]`. */
  readonly path: readonly string[];
  readonly type: ChartNodeType;
  readonly history: "shallow" | "deep" | undefined;
  /** Ids of the children entered first; empty for parallel, atomic and final states. */
  readonly initial: readonly string[];
  readonly children: readonly ChartNode[];
  /** Actor logic names of `invoke`s. */
  readonly invokes: readonly string[];
  readonly entry: readonly string[];
  readonly exit: readonly string[];
  /** In a view (`view.ts`): a compound state drawn as one box hiding this many states. */
  readonly collapsedStates?: number;
  /** In a view of one compound state: a state outside it, drawn where transitions leave or enter. */
  readonly external?: boolean;
}

export type ChartEdgeKind = "event" | "after" | "always" | "done" | "error" | "snapshot";

export interface ChartEdge {
  /** A node id, or the id of an "any state" pseudo node (see `ChartModel.anyNodes`). */
  readonly source: string;
  readonly target: string;
  readonly kind: ChartEdgeKind;
  /** What triggers it: the event type, `after keepAliveInterval`, `always`, `onDone fetchCode`. */
  readonly trigger: string;
  /** Printable guard, e.g. `canRetry`, `and(canRetry, not(isNight))`; absent when unguarded. */
  readonly guard: string | undefined;
  readonly actions: readonly string[];
  /** No target: the event is handled without leaving the state. */
  readonly internal: boolean;
}

/**
 * A transition declared on a compound state (or the machine itself) applies in every state below
 * it. Drawing it from the compound's border to its own descendant breaks Mermaid's layout, so such
 * transitions start from a small "any state" pseudo node inside that compound instead.
 */
export interface AnyNode {
  readonly id: string;
  /** Id of the compound node it lives in, or `undefined` for the machine's top level. */
  readonly owner: string | undefined;
}

export interface ChartModel {
  /** The machine's id: the diagram's name. */
  readonly name: string;
  /** The diagram's heading when it is not just the name (a view of one compound state). */
  readonly title?: string;
  /** The machine itself, as a compound node whose children are the top-level states. */
  readonly root: ChartNode;
  readonly edges: readonly ChartEdge[];
  readonly anyNodes: readonly AnyNode[];
}

export interface ModelOptions {
  /** Include transition actions in edges (`event [guard] / action`). Entry/exit always are. */
  readonly actions?: boolean;
}

// The subset of XState's StateNode / TransitionDefinition read here. Declared locally so the
// walker works on any machine value without XState's deep generics (and without `any`).
interface RawStateNode {
  readonly key: string;
  readonly id: string;
  readonly type: string;
  readonly history: false | "shallow" | "deep";
  readonly path: readonly string[];
  readonly parent?: RawStateNode;
  readonly states: Readonly<Record<string, RawStateNode>>;
  readonly initial: { readonly target: readonly RawStateNode[] } | undefined;
  readonly transitions: ReadonlyMap<string, readonly RawTransition[]>;
  readonly always?: readonly RawTransition[];
  readonly invoke: readonly { readonly id: string; readonly src: unknown }[];
  readonly entry: readonly unknown[];
  readonly exit: readonly unknown[];
}

interface RawTransition {
  readonly target: readonly RawStateNode[] | undefined;
  readonly guard?: unknown;
  readonly actions: readonly unknown[];
  readonly reenter: boolean;
  readonly eventType: string;
  readonly delay?: unknown;
}

const NODE_TYPES: ReadonlySet<string> = new Set(["atomic", "compound", "parallel", "final", "history"]);

/** Builds the chart model of a machine. Pure: the same machine always gives the same model. */
export function toChartModel(machine: MachineLike, options: ModelOptions = {}): ChartModel {
  const rootRaw = machine.root as RawStateNode;
  const ids = assignIds(rootRaw);
  const idOf = (node: RawStateNode): string => {
    const id = ids.get(node);
    if (id === undefined) throw new Error(`State ${node.id} is not part of machine ${machine.id}`);
    return id;
  };

  const edges: ChartEdge[] = [];
  const anyNodes = new Map<string, AnyNode>();
  const takenIds = new Set(ids.values());
  const anyIdOf = new Map<RawStateNode, string>();
  const anyNodeOf = (node: RawStateNode): string => {
    const known = anyIdOf.get(node);
    if (known !== undefined) return known;
    let id = `${idOf(node)}_any`;
    for (let n = 2; takenIds.has(id); n++) id = `${idOf(node)}_any_${n}`;
    takenIds.add(id);
    anyIdOf.set(node, id);
    anyNodes.set(id, { id, owner: node === rootRaw ? undefined : idOf(node) });
    return id;
  };

  const build = (node: RawStateNode): ChartNode => {
    const invokes = node.invoke.map((definition) => invokeName(definition));
    for (const [eventType, transitions] of node.transitions) {
      for (const transition of transitions) {
        addEdges(node, transition, describeTrigger(node, eventType, transition));
      }
    }
    for (const transition of node.always ?? []) {
      addEdges(node, transition, { kind: "always", trigger: "always" });
    }
    // Children after the node's own edges, so a state's transitions are listed before its children's.
    const children = Object.values(node.states).map(build);
    const type = NODE_TYPES.has(node.type) ? (node.type as ChartNodeType) : "atomic";
    return {
      id: idOf(node),
      key: node === rootRaw ? machine.id : node.key,
      xstateId: node.id,
      path: node.path,
      type,
      history: node.history === false ? undefined : node.history,
      initial: type === "compound" && node.initial ? node.initial.target.map(idOf) : [],
      children,
      invokes,
      entry: actionNames(node.entry),
      exit: actionNames(node.exit),
    };
  };

  const addEdges = (
    source: RawStateNode,
    transition: RawTransition,
    trigger: { readonly kind: ChartEdgeKind; readonly trigger: string },
  ): void => {
    const common = {
      kind: trigger.kind,
      trigger: trigger.trigger,
      guard: transition.guard === undefined ? undefined : guardName(transition.guard),
      actions: options.actions === true ? actionNames(transition.actions) : [],
    };
    const compoundSource = source === rootRaw || Object.keys(source.states).length > 0;
    const targets = transition.target ?? [];
    if (targets.length === 0) {
      const at = compoundSource ? anyNodeOf(source) : idOf(source);
      edges.push({ ...common, source: at, target: at, internal: true });
      return;
    }
    for (const target of targets) {
      // A compound re-entering itself has no border-to-border edge to draw: loop on its any node.
      if (target === source && compoundSource) {
        const at = anyNodeOf(source);
        edges.push({ ...common, source: at, target: at, internal: false });
      } else if (isDescendant(target, source)) {
        edges.push({ ...common, source: anyNodeOf(source), target: idOf(target), internal: false });
      } else {
        edges.push({ ...common, source: idOf(source), target: idOf(target), internal: false });
      }
    }
  };

  const root = build(rootRaw);
  return { name: machine.id, root, edges, anyNodes: [...anyNodes.values()] };
}

/** Every node in document order (parents before children), the machine's own node first. */
export function allNodes(root: ChartNode): ChartNode[] {
  const out: ChartNode[] = [];
  const visit = (node: ChartNode): void => {
    out.push(node);
    node.children.forEach(visit);
  };
  visit(root);
  return out;
}

/** What is shown inside an atomic state's box: invoked actors and entry/exit actions. */
export function details(node: ChartNode): string[] {
  const out = node.invokes.map((src) => `invoke ${src}`);
  if (node.entry.length > 0) out.push(`entry / ${node.entry.join(", ")}`);
  if (node.exit.length > 0) out.push(`exit / ${node.exit.join(", ")}`);
  return out;
}

/** The edge's label in UML style: `EVENT [guard] / action`. */
export function edgeLabel(edge: ChartEdge): string {
  let label = edge.trigger;
  if (edge.guard !== undefined) label += ` [${edge.guard}]`;
  if (edge.actions.length > 0) label += ` / ${edge.actions.join(", ")}`;
  return label;
}

/**
 * Node ids: the state key where it is unique in the machine (readable diagrams), else the path
 * joined with `_`. Characters outside `[A-Za-z0-9_]` become `_` because Mermaid ids cannot hold
 * `-`, `:`, spaces or `{`; a numeric suffix settles any collision that sanitising creates.
 */
function assignIds(root: RawStateNode): Map<RawStateNode, string> {
  const nodes: RawStateNode[] = [];
  const visit = (node: RawStateNode): void => {
    nodes.push(node);
    Object.values(node.states).forEach(visit);
  };
  visit(root);

  const keyCount = new Map<string, number>();
  for (const node of nodes) keyCount.set(node.key, (keyCount.get(node.key) ?? 0) + 1);

  const used = new Set<string>();
  const ids = new Map<RawStateNode, string>();
  for (const node of nodes) {
    const wanted =
      node === root ? `${node.key}_root` : keyCount.get(node.key) === 1 ? node.key : node.path.join("_");
    let id = safeId(wanted);
    for (let n = 2; used.has(id); n++) id = `${safeId(wanted)}_${n}`;
    used.add(id);
    ids.set(node, id);
  }
  return ids;
}

function safeId(raw: string): string {
  const id = raw.replace(/[^A-Za-z0-9_]/g, "_");
  // Mermaid's lexer reads a leading `default` (any case) as a keyword, and ids must not start
  // with a digit in DOT's unquoted form; a prefix avoids both.
  return /^(default|[0-9])/i.test(id) || id === "" ? `s_${id}` : id;
}

function isDescendant(node: RawStateNode, ancestor: RawStateNode): boolean {
  for (let current = node.parent; current !== undefined; current = current.parent) {
    if (current === ancestor) return true;
  }
  return false;
}

function describeTrigger(
  node: RawStateNode,
  eventType: string,
  transition: RawTransition,
): { readonly kind: ChartEdgeKind; readonly trigger: string } {
  if (eventType.startsWith("xstate.after.")) {
    const delay = transition.delay;
    const shown = typeof delay === "number" ? `${delay}ms` : typeof delay === "string" ? delay : "delay";
    return { kind: "after", trigger: `after ${shown}` };
  }
  if (eventType === `xstate.done.state.${node.id}`) return { kind: "done", trigger: "onDone" };
  const actorEvents = [
    ["xstate.done.actor.", "done", "onDone"],
    ["xstate.error.actor.", "error", "onError"],
    ["xstate.snapshot.", "snapshot", "onSnapshot"],
  ] as const;
  for (const [prefix, kind, word] of actorEvents) {
    if (!eventType.startsWith(prefix)) continue;
    const invokeId = eventType.slice(prefix.length);
    const definition = node.invoke.find((candidate) => candidate.id === invokeId);
    return { kind, trigger: definition ? `${word} ${invokeName(definition)}` : `${word} ${invokeId}` };
  }
  return { kind: "event", trigger: eventType };
}

function invokeName(definition: { readonly id: string; readonly src: unknown }): string {
  // Inline logic has no name of its own (XState files it as `xstate.invoke.<n>.<state>`); a
  // user-given invoke id is the next best thing.
  const src = definition.src;
  if (typeof src === "string" && !src.startsWith("xstate.invoke.")) return src;
  return /^\d+\./.test(definition.id) ? "inline actor" : definition.id;
}

/** Named guards by name, parameterised ones by type, `and`/`or`/`not`/`stateIn` spelled out. */
export function guardName(guard: unknown): string {
  if (typeof guard === "string") return guard;
  if (typeof guard === "function") {
    const fn = guard as { readonly name: string; readonly guards?: unknown; readonly stateValue?: unknown };
    const nested = Array.isArray(fn.guards) ? (fn.guards as readonly unknown[]) : undefined;
    if (nested && (fn.name === "and" || fn.name === "or" || fn.name === "not")) {
      return `${fn.name}(${nested.map(guardName).join(", ")})`;
    }
    if (fn.name === "stateIn" && fn.stateValue !== undefined) {
      return `in(${typeof fn.stateValue === "string" ? fn.stateValue : JSON.stringify(fn.stateValue)})`;
    }
    return fn.name !== "" && fn.name !== "guard" ? fn.name : "inline guard";
  }
  if (typeof guard === "object" && guard !== null && typeof (guard as { type?: unknown }).type === "string") {
    return (guard as { type: string }).type;
  }
  return "guard";
}

/**
 * Printable action names. XState adds its own raise/cancel actions to entry/exit for every
 * `after` delay; those are the delay itself, already drawn as an edge, so they are left out.
 */
function actionNames(actions: readonly unknown[]): string[] {
  const names: string[] = [];
  for (const action of actions) {
    if (typeof action === "string") {
      names.push(action);
    } else if (typeof action === "function") {
      const fn = action as {
        readonly name: string;
        readonly type?: unknown;
        readonly id?: unknown;
        readonly sendId?: unknown;
      };
      const scheduled = typeof fn.id === "string" ? fn.id : typeof fn.sendId === "string" ? fn.sendId : "";
      if (scheduled.startsWith("xstate.after.")) continue;
      if (typeof fn.type === "string" && fn.type.startsWith("xstate.")) {
        names.push(fn.type.slice("xstate.".length));
      } else {
        names.push(fn.name !== "" ? fn.name : "inline action");
      }
    } else if (typeof action === "object" && action !== null) {
      const type = (action as { type?: unknown }).type;
      names.push(typeof type === "string" ? type : "action");
    }
  }
  return names;
}
