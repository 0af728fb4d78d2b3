/**
 * Views of a chart model: the same states and transitions, with some compound states folded
 * into one box and, optionally, only one compound state's inside shown (a "sheet"). A large
 * machine drawn whole is unreadable at a page's width; an overview plus one sheet per compound
 * state, or a live view that unfolds only the active path, keeps every label legible.
 *
 * Transitions follow their states: one whose end is inside a folded state is drawn to or from
 * that state's box; one between two states inside the same folded box belongs to that box's own
 * sheet and is left out; on a sheet, states outside it appear as dashed stubs where transitions
 * leave or enter.
 */
import { allNodes, edgeLabel, type ChartEdge, type ChartModel, type ChartNode } from "./model.js";

/** What a view shows. Ids are chart node ids (`ChartNode.id`). */
export interface ViewOptions {
  /** The compound state whose inside the view shows; default: the whole machine. */
  readonly focus?: string;
  /** Compound and parallel states drawn as one box (ids of other states are ignored). */
  readonly collapsed?: Iterable<string>;
}

/** How many states a default view shows before it folds the next level. */
export const DEFAULT_STATE_BUDGET = 12;

/** Whether a node has states inside it (compound or parallel). */
export function isCompound(node: ChartNode): boolean {
  return node.children.length > 0 || node.type === "parallel";
}

/**
 * The compound states a default view of `focus` folds: levels below it are unfolded one whole
 * level at a time while the states shown stay within `budget`; the compound states of the first
 * level that does not fit are folded, and so is every compound state below them (unfolding one
 * later shows its inside one level at a time, too).
 */
export function defaultCollapsed(
  model: ChartModel,
  focus: string = model.root.id,
  budget: number = DEFAULT_STATE_BUDGET,
): string[] {
  const focusNode = findNode(model, focus);
  const collapsed: string[] = [];
  let level: readonly ChartNode[] = focusNode.children;
  let shown = level.length;
  for (;;) {
    const compounds = level.filter(isCompound);
    if (compounds.length === 0) return collapsed;
    const next = compounds.flatMap((node) => node.children);
    const wouldShow = shown - compounds.length + next.length;
    if (wouldShow > budget) break;
    shown = wouldShow;
    level = next;
  }
  for (const top of level.filter(isCompound)) {
    for (const node of allNodes(top)) if (isCompound(node)) collapsed.push(node.id);
  }
  return collapsed;
}

/** The view of `model` that `options` describe, as a chart model the DOT and Mermaid writers take. */
export function viewModel(model: ChartModel, options: ViewOptions = {}): ChartModel {
  const nodes = nodeById(model);
  const focus = findNode(model, options.focus ?? model.root.id);
  const folded = new Set<string>();
  for (const id of options.collapsed ?? []) {
    const node = nodes.get(id);
    if (node !== undefined && node !== focus && isCompound(node)) folded.add(id);
  }

  // Where each state of the machine is drawn in this view: itself, the box of the outermost
  // folded state around it, or (outside the focus) a stub of its own.
  const drawnAs = new Map<string, string>();
  const inside = new Set<string>();
  const place = (node: ChartNode, box: string | undefined): void => {
    drawnAs.set(node.id, box ?? node.id);
    inside.add(node.id);
    const childBox = box ?? (folded.has(node.id) ? node.id : undefined);
    for (const child of node.children) place(child, childBox);
  };
  place(focus, undefined);

  const anyNodes = [...model.anyNodes];
  const anyOwner = new Map(anyNodes.map((any) => [any.id, any.owner ?? model.root.id]));
  const keptAny = new Set<string>();
  /** The sheet's own "any state" node, made when the machine has none there. */
  const focusAny = (): string => {
    const known = anyNodes.find((any) => (any.owner ?? model.root.id) === focus.id);
    if (known !== undefined) return known.id;
    const taken = new Set([...nodes.keys(), ...anyOwner.keys()]);
    let id = `${focus.id}_any`;
    for (let n = 2; taken.has(id); n++) id = `${focus.id}_any_${n}`;
    anyNodes.push({ id, owner: focus.id });
    anyOwner.set(id, focus.id);
    return id;
  };
  const stubs = new Map<string, ChartNode>();

  /** Where an edge end is drawn, or `undefined` when the edge does not belong to this view. */
  const end = (id: string, role: "source" | "target"): { id: string; outside: boolean } | undefined => {
    const owner = anyOwner.get(id);
    if (owner !== undefined) {
      if (!inside.has(owner)) return undefined; // declared above the sheet: the parent's sheet shows it
      const box = drawnAs.get(owner)!;
      if (box !== owner || folded.has(owner)) return { id: box, outside: false };
      keptAny.add(id);
      return { id, outside: false };
    }
    if (id === focus.id && focus !== model.root) {
      // A transition declared on the sheet's own state leaves from its "any state" node; one
      // re-entering it from inside ends at the sheet's initial dot (the DOT writer's root start).
      // (A parallel state has no initial dot: its parent's sheet shows how it is entered.)
      if (role === "target") return focus.initial.length > 0 ? { id, outside: false } : undefined;
      const any = focusAny();
      keptAny.add(any);
      return { id: any, outside: false };
    }
    const box = drawnAs.get(id);
    if (box !== undefined) return { id: box, outside: false };
    const node = nodes.get(id);
    if (node === undefined) return undefined;
    if (!stubs.has(id)) stubs.set(id, { ...node, type: "atomic", children: [], initial: [], external: true });
    return { id, outside: true };
  };

  const edges: ChartEdge[] = [];
  const seen = new Set<string>();
  for (const edge of model.edges) {
    const source = end(edge.source, "source");
    const target = end(edge.target, "target");
    if (source === undefined || target === undefined) continue;
    if (source.outside && target.outside) continue;
    // Between two states folded into the same box: that box's own sheet shows it.
    if (source.id === target.id && folded.has(source.id)) continue;
    const key = `${source.id}\u0000${target.id}\u0000${edge.internal}\u0000${edgeLabel(edge)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ ...edge, source: source.id, target: target.id });
  }
  // Stubs only for states an edge reaches; an `any` node only where an edge starts from it.
  for (const id of [...stubs.keys()]) {
    if (!edges.some((edge) => edge.source === id || edge.target === id)) stubs.delete(id);
  }

  const fold = (node: ChartNode): ChartNode => {
    if (folded.has(node.id)) {
      const hidden = allNodes(node).length - 1;
      return { ...node, children: [], initial: [], collapsedStates: hidden };
    }
    return node.children.length === 0 ? node : { ...node, children: node.children.map(fold) };
  };
  const root = fold(focus);
  const viewRoot: ChartNode =
    stubs.size === 0 ? root : { ...root, children: [...root.children, ...stubs.values()] };
  const title = focus === model.root ? model.title : `${model.name} › ${focus.path.join(" › ")}`;
  return {
    name: model.name,
    ...(title === undefined ? {} : { title }),
    root: viewRoot,
    edges,
    anyNodes: anyNodes.filter((any) => keptAny.has(any.id)),
  };
}

function nodeById(model: ChartModel): Map<string, ChartNode> {
  return new Map(allNodes(model.root).map((node) => [node.id, node]));
}

function findNode(model: ChartModel, id: string): ChartNode {
  const node = nodeById(model).get(id);
  if (node === undefined) throw new Error(`No state with diagram id '${id}' in machine ${model.name}`);
  return node;
}

/** One drawing of a machine in parts: the overview (`path` empty) or one compound state's inside. */
export interface Sheet {
  /** The compound state the sheet shows; empty for the overview. */
  readonly path: readonly string[];
  readonly model: ChartModel;
}

/**
 * A machine in parts, for when it is too large to read whole: the overview with the default
 * folding, then one sheet per folded state (itself folded by the same rule), parents first.
 * Empty when the default view folds nothing (the whole chart is the one drawing).
 */
export function sheetsOf(model: ChartModel, budget: number = DEFAULT_STATE_BUDGET): Sheet[] {
  const sheets: Sheet[] = [];
  const queue: { focus: ChartNode; collapsed: readonly string[] }[] = [
    { focus: model.root, collapsed: defaultCollapsed(model, model.root.id, budget) },
  ];
  if (queue[0]!.collapsed.length === 0) return sheets;
  for (let at = 0; at < queue.length; at++) {
    const { focus, collapsed } = queue[at]!;
    sheets.push({ path: focus.path, model: viewModel(model, { focus: focus.id, collapsed }) });
    const folded = new Set(collapsed);
    // The outermost folded states of this sheet each get a sheet of their own.
    const visit = (node: ChartNode): void => {
      for (const child of node.children) {
        if (folded.has(child.id))
          queue.push({ focus: child, collapsed: defaultCollapsed(model, child.id, budget) });
        else visit(child);
      }
    };
    visit(focus);
  }
  return sheets;
}
