/**
 * A machine definition received from a producer, drawn for the page: the machine is rebuilt with
 * `createMachine(JSON.parse(definition))` (named actions, guards and delays survive as names,
 * which is all a diagram needs), drawn by the same DOT generator as `visualizations/`, and
 * rendered to SVG here, on the server, so the page needs neither Graphviz nor the network.
 */
import { createMachine, type AnyStateMachine } from "xstate";
import { toDot } from "../visualize/dot.js";
import { allNodes, toChartModel } from "../visualize/model.js";
import { renderSvg } from "../visualize/svg.js";

/** A rendered definition. */
export interface RenderedDiagram {
  readonly machineId: string;
  readonly svg: string;
  /** State path (`running.connected`) → diagram node id; see `PageDefinition.states`. */
  readonly states: Record<string, string>;
}

/** The page's view of a machine's diagram, or why it could not be drawn. */
export async function renderDefinition(definition: string): Promise<RenderedDiagram> {
  const config: unknown = JSON.parse(definition);
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new Error("the definition is not a machine config object");
  }
  const machine: AnyStateMachine = createMachine(config as Parameters<typeof createMachine>[0]);
  return { machineId: machine.id, svg: await renderSvg(toDot(machine)), states: stateNodeIds(machine) };
}

/**
 * Maps each state's path (the keys of `snapshot.value`, joined with `.`) to the id the DOT
 * generator gave its node. The generator names nodes after XState's state ids (`xstateId`), and
 * a state with a custom `id` has an XState id unrelated to its path, so the path is read from the
 * machine's own state nodes rather than guessed from the id.
 */
export function stateNodeIds(machine: AnyStateMachine): Record<string, string> {
  const pathById = new Map<string, string>();
  interface StateNodeLike {
    readonly id: string;
    readonly path: readonly string[];
    readonly states: Readonly<Record<string, StateNodeLike>>;
  }
  const visit = (node: StateNodeLike): void => {
    pathById.set(node.id, node.path.join("."));
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(machine.root as unknown as StateNodeLike);
  const states: Record<string, string> = {};
  const model = toChartModel(machine);
  for (const node of allNodes(model.root)) {
    if (node === model.root) continue;
    const path = pathById.get(node.xstateId);
    if (path !== undefined && path !== "") states[path] = node.id;
  }
  return states;
}
