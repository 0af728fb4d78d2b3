/**
 * Mermaid `stateDiagram-v2` text for a machine, written for the renderer GitHub uses.
 *
 * Layout of the output, and why:
 * - All states (with their nesting) are declared first; all transitions come after them at the
 *   top level. Mermaid files a state under the composite block it is first mentioned in, so a
 *   transition written inside one composite that names a state of another would move that state.
 * - Only `[*]` arrows live inside composite blocks, because `[*]` means "this block's" start/end.
 * - Ids are diagram-safe aliases (`state "key" as id`); labels are cleaned of the characters
 *   Mermaid's lexer treats as syntax (see `label`).
 */
import {
  allNodes,
  details,
  edgeLabel,
  toChartModel,
  type ChartModel,
  type ChartNode,
  type MachineLike,
  type ModelOptions,
} from "./model.js";

const INDENT = "  ";

export function toMermaid(machine: MachineLike, options: ModelOptions = {}): string {
  return modelToMermaid(toChartModel(machine, options));
}

/** Mermaid for a chart model, e.g. a view of one (`view.ts`): folded states and stubs are plain states. */
export function modelToMermaid(model: ChartModel): string {
  const lines: string[] = [
    "stateDiagram-v2",
    `${INDENT}%% ${label(model.title ?? model.name)}: generated from machines/ by npm run visualize. Do not edit.`,
  ];
  const anyByOwner = new Map<string, string>();
  for (const any of model.anyNodes) anyByOwner.set(any.owner ?? model.root.id, any.id);

  const writeChildren = (parent: ChartNode, depth: number): void => {
    const pad = INDENT.repeat(depth);
    const anyId = anyByOwner.get(parent.id);
    // Everything before a parallel state's first `--` belongs to its first region, so a parallel
    // state's any node goes beside it instead (see below), named after it.
    if (anyId !== undefined && parent.type !== "parallel") lines.push(`${pad}state "any state" as ${anyId}`);
    for (const initial of parent.initial) lines.push(`${pad}[*] --> ${initial}`);
    parent.children.forEach((child, index) => {
      if (parent.type === "parallel" && index > 0) lines.push(`${pad}--`);
      writeState(child, depth);
      const childAny = child.type === "parallel" ? anyByOwner.get(child.id) : undefined;
      if (childAny !== undefined) lines.push(`${pad}state "any state in ${label(child.key)}" as ${childAny}`);
    });
    for (const child of parent.children) {
      if (child.type === "final") lines.push(`${pad}${child.id} --> [*]`);
    }
  };

  const writeState = (node: ChartNode, depth: number): void => {
    const pad = INDENT.repeat(depth);
    if (node.children.length > 0 || (node.type === "parallel" && node.collapsedStates === undefined)) {
      const shown = node.invokes.length > 0 ? `${node.key} (invoke ${node.invokes.join(", ")})` : node.key;
      const head = shown === node.id ? `state ${node.id}` : `state "${label(shown)}" as ${node.id}`;
      lines.push(`${pad}${head} {`);
      writeChildren(node, depth + 1);
      lines.push(`${pad}}`);
      return;
    }
    const shown = node.type === "history" ? (node.history === "deep" ? "H*" : "H") : node.key;
    lines.push(shown === node.id ? `${pad}${node.id}` : `${pad}state "${label(shown)}" as ${node.id}`);
    const extra = node.external === true ? [] : details(node);
    if (node.collapsedStates !== undefined) extra.push(`+ ${node.collapsedStates} states inside`);
    // Mermaid replaces a state's name with its first description line when the name is just its
    // id; repeating the name as the first line keeps it as the box's title.
    if (extra.length > 0 && shown === node.id) lines.push(`${pad}${node.id} : ${label(shown)}`);
    for (const detail of extra) lines.push(`${pad}${node.id} : ${label(detail)}`);
  };

  writeChildren(model.root, 1);
  // Re-entering a sheet's own state enters its initial state (`[*]` would mean a final state).
  const entered = model.root.initial[0];
  for (const edge of model.edges) {
    const target = edge.target === model.root.id && entered !== undefined ? entered : edge.target;
    lines.push(`${INDENT}${edge.source} --> ${target} : ${label(edgeLabel(edge))}`);
  }
  if (model.anyNodes.length > 0) {
    lines.push(`${INDENT}classDef anyState font-style:italic,stroke-dasharray:4 2`);
    lines.push(`${INDENT}class ${model.anyNodes.map((any) => any.id).join(",")} anyState`);
  }
  const folded = allNodes(model.root).filter((node) => node.collapsedStates !== undefined);
  if (folded.length > 0) {
    lines.push(`${INDENT}classDef folded font-weight:bold,stroke-width:2px`);
    lines.push(`${INDENT}class ${folded.map((node) => node.id).join(",")} folded`);
  }
  const stubs = model.root.children.filter((node) => node.external === true);
  if (stubs.length > 0) {
    lines.push(`${INDENT}classDef outside color:#555,stroke-dasharray:4 2`);
    lines.push(`${INDENT}class ${stubs.map((node) => node.id).join(",")} outside`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Text that Mermaid's state-diagram lexer reads literally. A label runs from `:` to the end of
 * the line and stops at `:` or `;`; `"` ends a state's quoted name; `{`/`}` open and close blocks;
 * `<`/`>` are stripped as HTML; `%%` starts a comment. Lookalike characters keep the meaning.
 */
export function label(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/:/g, "∶")
    .replace(/;/g, ",")
    .replace(/"/g, "'")
    .replace(/\{/g, "(")
    .replace(/\}/g, ")")
    .replace(/</g, "‹")
    .replace(/>/g, "›")
    .replace(/%%/g, "% %");
}
