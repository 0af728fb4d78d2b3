/**
 * DOT to SVG with Graphviz compiled to WebAssembly (`@hpcc-js/wasm-graphviz`, pinned): no system
 * binary, no network, and the same bytes on every machine, so the SVGs can be checked into git.
 */
import type { Graphviz } from "@hpcc-js/wasm-graphviz";

let graphviz: Promise<Graphviz> | undefined;

export async function renderSvg(dot: string): Promise<string> {
  // Loading instantiates the ~800 KB WASM module; do it once per process.
  graphviz ??= import("@hpcc-js/wasm-graphviz").then((module) => module.Graphviz.load());
  const svg = (await graphviz).dot(dot, "svg");
  return svg.endsWith("\n") ? svg : `${svg}\n`;
}
