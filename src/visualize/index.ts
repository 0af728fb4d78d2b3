/**
 * Diagram generation for `machines/` (dev tooling: `npm run visualize` and its tests, and the
 * live inspector's relay). Not part of the published library, so nothing here is exported from
 * `src/index.ts`.
 */
export { discoverMachines, fileSafe, type FoundMachine } from "./discover.js";
export { modelToDot, toDot, type DotOptions } from "./dot.js";
export { generateDiagrams, orphanedFiles, type GenerateOptions } from "./generate.js";
export { label as mermaidLabel, modelToMermaid, toMermaid } from "./mermaid.js";
export {
  allNodes,
  edgeLabel,
  guardName,
  isMachine,
  toChartModel,
  type ChartEdge,
  type ChartModel,
  type ChartNode,
  type MachineLike,
  type ModelOptions,
} from "./model.js";
export { README_BEGIN, README_END, spliceReadme } from "./readme.js";
export { renderSvg } from "./svg.js";
export {
  DEFAULT_STATE_BUDGET,
  defaultCollapsed,
  isCompound,
  sheetsOf,
  viewModel,
  type Sheet,
  type ViewOptions,
} from "./view.js";
