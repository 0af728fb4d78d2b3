/**
 * Graphviz DOT for a machine: compound and parallel states become clusters (parallel regions are
 * dashed clusters inside), transitions to or from a compound state end at its border.
 *
 * Graphviz can only draw an edge to a cluster's border by aiming at a node inside it and clipping
 * there (`lhead`/`ltail` with `compound=true`), so every cluster holds an invisible anchor node.
 * Clipping is only valid when the other end is outside the cluster; edges that would cross their
 * own cluster's border from inside are avoided by the model's "any state" nodes, and an edge that
 * re-enters an ancestor aims at that ancestor's initial dot instead.
 */
import {
  allNodes,
  details,
  edgeLabel,
  toChartModel,
  type ChartEdge,
  type ChartNode,
  type MachineLike,
  type ModelOptions,
} from "./model.js";

const FONT = "Helvetica";

export function toDot(machine: MachineLike, options: ModelOptions = {}): string {
  const model = toChartModel(machine, options);
  const nodes = new Map(allNodes(model.root).map((node) => [node.id, node]));
  const parentOf = new Map<string, string>();
  for (const node of nodes.values()) for (const child of node.children) parentOf.set(child.id, node.id);
  for (const any of model.anyNodes) parentOf.set(any.id, any.owner ?? model.root.id);

  const isCluster = (node: ChartNode | undefined): boolean =>
    node !== undefined && node !== model.root && (node.children.length > 0 || node.type === "parallel");
  const isInside = (id: string, ancestor: string): boolean => {
    for (let current = parentOf.get(id); current !== undefined; current = parentOf.get(current)) {
      if (current === ancestor) return true;
    }
    return false;
  };

  const lines: string[] = [
    `digraph ${quote(model.name)} {`,
    `  // ${model.name}: generated from machines/ by npm run visualize. Do not edit.`,
    `  graph [compound=true, fontname=${quote(FONT)}, fontsize=12, nodesep=0.3, ranksep=0.4, labelloc=t, label=<<b>${html(model.name)}</b>>];`,
    `  node [fontname=${quote(FONT)}, fontsize=10, shape=box, style=rounded, margin="0.12,0.04", height=0.3];`,
    `  edge [fontname=${quote(FONT)}, fontsize=8, arrowsize=0.6];`,
  ];
  const anyByOwner = new Map<string, string>();
  for (const any of model.anyNodes) anyByOwner.set(any.owner ?? model.root.id, any.id);

  const writeContents = (parent: ChartNode, depth: number): void => {
    const pad = "  ".repeat(depth);
    if (isCluster(parent))
      lines.push(
        `${pad}${quote(anchor(parent.id))} [shape=point, style=invis, width=0.01, height=0.01, label=""];`,
      );
    if (parent.initial.length > 0) {
      lines.push(
        `${pad}${quote(start(parent.id))} [shape=circle, style=filled, fillcolor=black, width=0.12, height=0.12, fixedsize=true, label=""];`,
      );
      for (const initial of parent.initial) {
        const clipped = isCluster(nodes.get(initial));
        const head = clipped
          ? `${quote(anchor(initial))} [lhead=${quote(`cluster_${initial}`)}]`
          : quote(initial);
        lines.push(`${pad}${quote(start(parent.id))} -> ${head};`);
      }
    }
    const anyId = anyByOwner.get(parent.id);
    if (anyId !== undefined)
      lines.push(`${pad}${quote(anyId)} [label=<<i>any state</i>>, style="rounded,dashed"];`);
    for (const child of parent.children) writeNode(child, parent, depth);
  };

  const writeNode = (node: ChartNode, parent: ChartNode, depth: number): void => {
    const pad = "  ".repeat(depth);
    if (isCluster(node)) {
      const region = parent.type === "parallel";
      const kind = node.type === "parallel" ? "&#160;<i>(parallel)</i>" : "";
      const extra = details(node)
        .map((line) => `<br/><font point-size="8">${html(line)}</font>`)
        .join("");
      lines.push(`${pad}subgraph ${quote(`cluster_${node.id}`)} {`);
      lines.push(
        `${pad}  label=<<b>${html(node.key)}</b>${kind}${extra}>; style=${region ? '"rounded,dashed"' : "rounded"}; margin=10;`,
      );
      writeContents(node, depth + 1);
      lines.push(`${pad}}`);
      return;
    }
    const attributes: string[] = [];
    if (node.type === "history") {
      attributes.push(
        `label=${quote(node.history === "deep" ? "H*" : "H")}`,
        "shape=circle",
        "width=0.3",
        "fixedsize=true",
      );
    } else {
      const extra = details(node)
        .map((line) => `<br/><font point-size="8">${html(line)}</font>`)
        .join("");
      attributes.push(`label=<${html(node.key)}${extra}>`);
    }
    if (node.type === "final") attributes.push("peripheries=2");
    lines.push(`${pad}${quote(node.id)} [${attributes.join(", ")}];`);
  };

  writeContents(model.root, 1);

  // Transitions between the same two states share one arrow with one label line each: Graphviz
  // stacks separate self-loops' labels on top of each other.
  const merged = new Map<string, { edge: ChartEdge; labels: string[] }>();
  for (const edge of model.edges) {
    const key = `${edge.source}\u0000${edge.target}\u0000${edge.internal}`;
    const existing = merged.get(key);
    if (existing) existing.labels.push(edgeLabel(edge));
    else merged.set(key, { edge, labels: [edgeLabel(edge)] });
  }
  for (const { edge, labels } of merged.values()) {
    const attributes = [`label=${quote(labels.map((text) => ` ${text} `).join("\n"))}`];
    let tail = edge.source;
    let head = edge.target;
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (isCluster(source) && !isInside(edge.target, edge.source)) {
      tail = anchor(edge.source);
      attributes.push(`ltail=${quote(`cluster_${edge.source}`)}`);
    }
    if (target !== undefined && isCluster(target)) {
      if (isInside(edge.source, edge.target)) {
        head = target.initial.length > 0 ? start(target.id) : anchor(target.id);
      } else {
        head = anchor(edge.target);
        attributes.push(`lhead=${quote(`cluster_${edge.target}`)}`);
      }
    }
    if (edge.internal) attributes.push("style=dashed");
    lines.push(`  ${quote(tail)} -> ${quote(head)} [${attributes.join(", ")}];`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

const anchor = (id: string): string => `${id}__anchor`;
const start = (id: string): string => `${id}__start`;

/** A DOT double-quoted string. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n")}"`;
}

/** Text inside a DOT HTML-like label. */
function html(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
