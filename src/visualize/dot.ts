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
  type ChartModel,
  type ChartNode,
  type MachineLike,
  type ModelOptions,
} from "./model.js";

const FONT = "Helvetica";

export function toDot(machine: MachineLike, options: ModelOptions = {}): string {
  return modelToDot(toChartModel(machine, options));
}

/** How a chart model is laid out. */
export interface DotOptions {
  /**
   * Draw the regions of a parallel state one below the other instead of side by side: a narrow
   * drawing for a page's width. Default true.
   */
  readonly stackRegions?: boolean;
}

/** DOT for a chart model, e.g. a view of one (see `view.ts`): folded states are boxes, stubs dashed. */
export function modelToDot(model: ChartModel, options: DotOptions = {}): string {
  const nodes = new Map(allNodes(model.root).map((node) => [node.id, node]));
  const parentOf = new Map<string, string>();
  for (const node of nodes.values()) for (const child of node.children) parentOf.set(child.id, node.id);
  for (const any of model.anyNodes) parentOf.set(any.id, any.owner ?? model.root.id);

  const isCluster = (node: ChartNode | undefined): boolean =>
    node !== undefined &&
    node !== model.root &&
    node.collapsedStates === undefined &&
    node.external !== true &&
    (node.children.length > 0 || node.type === "parallel");
  const isInside = (id: string, ancestor: string): boolean => {
    for (let current = parentOf.get(id); current !== undefined; current = parentOf.get(current)) {
      if (current === ancestor) return true;
    }
    return false;
  };

  const lines: string[] = [
    `digraph ${quote(model.name)} {`,
    `  // ${model.name}: generated from machines/ by npm run visualize. Do not edit.`,
    `  graph [compound=true, fontname=${quote(FONT)}, fontsize=12, nodesep=0.15, ranksep=0.4, labelloc=t, label=<<b>${html(model.title ?? model.name)}</b>>];`,
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
    if (anyId !== undefined && parent.initial.length > 0)
      lines.push(`${pad}{ rank=same; ${quote(start(parent.id))}; ${quote(anyId)}; }`);
    for (const child of parent.children) writeNode(child, parent, depth);
    if (parent.type === "parallel" && options.stackRegions !== false) stackRegions(parent, pad);
  };

  /** Invisible edges from every state of one region to the start of the next rank them below. */
  const stackRegions = (parallel: ChartNode, pad: string): void => {
    // Folded regions are single boxes, narrow enough side by side; only drawn-out ones stack.
    const regions = parallel.children.filter((child) => isCluster(child));
    const top = (region: ChartNode): string =>
      region.initial.length > 0 ? start(region.id) : anchor(region.id);
    for (let i = 1; i < regions.length; i++) {
      const next = regions[i]!;
      // Every state of the region above ranks the next region's anchor below it (nothing else
      // pulls the anchor sideways), and the anchor ranks the region's start.
      for (const node of allNodes(regions[i - 1]!).filter((node) => !isCluster(node)))
        lines.push(`${pad}${quote(node.id)} -> ${quote(anchor(next.id))} [style=invis, minlen=2];`);
      if (anchor(next.id) !== top(next))
        lines.push(`${pad}${quote(anchor(next.id))} -> ${quote(top(next))} [style=invis];`);
    }
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
    if (node.external === true) {
      attributes.push(
        `label=${quote(node.key)}`,
        'style="rounded,dashed"',
        "color=gray45",
        "fontcolor=gray35",
      );
      attributes.push('class="external"');
    } else if (node.collapsedStates !== undefined) {
      const kind = node.type === "parallel" ? " <i>(parallel)</i>" : "";
      const extra = [...details(node), `+ ${node.collapsedStates} states inside`]
        .map((line) => `<br/><font point-size="8">${html(line)}</font>`)
        .join("");
      attributes.push(
        `label=<<b>${html(node.key)}</b>${kind}${extra}>`,
        'style="rounded,filled"',
        'fillcolor="#eef2f7"',
        "penwidth=1.6",
        'class="collapsed"',
      );
    } else if (node.type === "history") {
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
  const order = readingOrder(model);
  for (const { edge, labels } of merged.values()) {
    const attributes = [`label=${quote(edgeText(edge, labels))}`];
    let tail = edge.source;
    let head = edge.target;
    let tailCluster: string | undefined;
    let headCluster: string | undefined;
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (isCluster(source) && !isInside(edge.target, edge.source)) {
      tail = anchor(edge.source);
      tailCluster = `cluster_${edge.source}`;
    }
    if (edge.target === model.root.id && model.root.initial.length > 0) {
      // Re-entering the whole view (a sheet's own state) starts again at its initial dot.
      head = start(model.root.id);
    } else if (target !== undefined && isCluster(target)) {
      if (isInside(edge.source, edge.target)) {
        head = target.initial.length > 0 ? start(target.id) : anchor(target.id);
      } else {
        head = anchor(edge.target);
        headCluster = `cluster_${edge.target}`;
      }
    }
    if (edge.internal) attributes.push("style=dashed");
    // The machine's author declared its states in reading order (`stopped` before `running`,
    // `sending` before `awaitingAck`): an arrow back to an earlier state is written the other
    // way round with `dir=back`, so Graphviz ranks the states top-down in that order and the
    // arrow still points where the transition goes.
    const back = (order.get(edge.target) ?? 0) < (order.get(edge.source) ?? 0);
    if (back) {
      [tail, head] = [head, tail];
      [tailCluster, headCluster] = [headCluster, tailCluster];
      attributes.push("dir=back");
    }
    if (tailCluster !== undefined) attributes.push(`ltail=${quote(tailCluster)}`);
    if (headCluster !== undefined) attributes.push(`lhead=${quote(headCluster)}`);
    lines.push(`  ${quote(tail)} -> ${quote(head)} [${attributes.join(", ")}];`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/**
 * An arrow's label: one line per transition. A lone long `EVENT [guard]` breaks before the guard,
 * which keeps the drawing narrow (several are not broken: a guard alone on a line would be
 * ambiguous).
 */
function edgeText(edge: ChartEdge, labels: readonly string[]): string {
  if (labels.length === 1 && edge.guard !== undefined && labels[0]!.length > WRAP_AT) {
    return ` ${labels[0]!.slice(0, edge.trigger.length)} \n ${labels[0]!.slice(edge.trigger.length + 1)} `;
  }
  return labels.map((text) => ` ${text} `).join("\n");
}

const WRAP_AT = 16;

/**
 * Each node's place in the machine's declaration order (parents before children; an "any state"
 * node takes its owner's place, a stub of an outside state comes last).
 */
function readingOrder(model: ChartModel): Map<string, number> {
  // A stub that only sends transitions into the view is drawn above it, any other below.
  const entering = new Set(model.edges.map((edge) => edge.source));
  for (const edge of model.edges) entering.delete(edge.target);
  const order = new Map<string, number>();
  for (const node of allNodes(model.root)) {
    const place = node.external !== true ? order.size : entering.has(node.id) ? -1 : Infinity;
    order.set(node.id, place);
  }
  for (const any of model.anyNodes) order.set(any.id, order.get(any.owner ?? model.root.id) ?? 0);
  return order;
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
