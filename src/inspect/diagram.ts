/**
 * A machine definition received from a producer, drawn for the page: the machine is rebuilt with
 * `createMachine(JSON.parse(definition))` (named actions, guards and delays survive as names,
 * which is all a diagram needs), drawn by the same DOT generator as `visualizations/`, and
 * rendered to SVG here, on the server, so the page needs neither Graphviz nor the network.
 *
 * The page asks for views of it (some compound states folded into boxes, see
 * `src/visualize/view.ts`) as the active state moves and as the user folds and unfolds states;
 * each distinct view is rendered once and kept, up to a bound.
 */
import { createMachine, type AnyStateMachine } from "xstate";
import { modelToDot } from "../visualize/dot.js";
import { allNodes, toChartModel, type ChartModel, type ChartNode } from "../visualize/model.js";
import { renderSvg } from "../visualize/svg.js";
import { defaultCollapsed, viewModel } from "../visualize/view.js";
import type { PageStateNode } from "./protocol.js";

/** Views kept per machine; the least recently used is forgotten first. */
const MAX_VIEWS = 32;

/** A machine definition ready to be drawn in any view. */
export interface MachineDiagrams {
  readonly machineId: string;
  /** State path (`running.connected`) → diagram node id; see `PageDefinition.states`. */
  readonly states: Record<string, string>;
  /** Every state, parents first. */
  readonly tree: readonly PageStateNode[];
  /** The compound states (paths) a default view folds. */
  readonly folded: readonly string[];
  /** The whole chart, nothing folded. */
  whole(): Promise<string>;
  /** The chart with the compound states at `folded` (paths; unknown ones are ignored) folded. */
  view(folded: readonly string[]): Promise<string>;
}

/**
 * Reads a definition (the machine config as JSON).
 * @throws Error when it is not JSON, not a config object, or XState refuses it.
 */
export function loadDefinition(definition: string): MachineDiagrams {
  const config: unknown = JSON.parse(definition);
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new Error("the definition is not a machine config object");
  }
  const machine: AnyStateMachine = createMachine(config as Parameters<typeof createMachine>[0]);
  const model = toChartModel(machine);
  const paths = new Map<string, string>(); // node id → path
  for (const node of allNodes(model.root)) if (node !== model.root) paths.set(node.id, node.path.join("."));
  const ids = new Map([...paths].map(([id, path]) => [path, id]));
  const views = new Map<string, Promise<string>>();

  const render = (folded: readonly string[]): Promise<string> => {
    const key = folded.join("\n");
    const known = views.get(key);
    if (known !== undefined) {
      views.delete(key);
      views.set(key, known);
      return known;
    }
    const collapsed = folded.flatMap((path) => {
      const id = ids.get(path);
      return id === undefined ? [] : [id];
    });
    const svg = renderSvg(modelToDot(collapsed.length === 0 ? model : viewModel(model, { collapsed })));
    views.set(key, svg);
    if (views.size > MAX_VIEWS) views.delete(views.keys().next().value!);
    return svg;
  };

  return {
    machineId: machine.id,
    states: Object.fromEntries(ids),
    tree: stateTree(model),
    folded: defaultCollapsed(model).map((id) => paths.get(id)!),
    whole: () => render([]),
    view: (folded) => render([...new Set(folded)].filter((path) => ids.has(path)).sort()),
  };
}

function stateTree(model: ChartModel): PageStateNode[] {
  const out: PageStateNode[] = [];
  const visit = (node: ChartNode): void => {
    if (node !== model.root) {
      const state = { path: node.path.join("."), id: node.id, kind: node.type };
      out.push(node.invokes.length > 0 ? { ...state, invokes: node.invokes } : state);
    }
    node.children.forEach(visit);
  };
  visit(model.root);
  return out;
}
