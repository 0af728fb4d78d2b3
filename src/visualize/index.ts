/**
 * Diagram generation for `machines/` (dev tooling: `npm run visualize` and its tests). Not part
 * of the published library, so nothing here is exported from `src/index.ts`.
 */
export { discoverMachines, type FoundMachine } from "./discover.js";
export { toDot } from "./dot.js";
export { generateDiagrams, orphanedFiles, type GenerateOptions } from "./generate.js";
export { label as mermaidLabel, toMermaid } from "./mermaid.js";
export {
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
