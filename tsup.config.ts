import { defineConfig } from "tsup";
import { browserModules } from "./scripts/browser-build.js";

// No source maps in the package: the output is not minified (names, structure and line breaks are
// the sources'), so stack traces read as they are, while maps with their sources inside were
// 3.5 MB of the 6.1 MB unpacked. The Graphviz renderer stays in a chunk of its own that only the
// CLI's diagram rendering imports (`import()` in src/visualize/svg.ts).

export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      // The protobuf subprotocols: an entry of their own, so JSON users never load protobufjs.
      protobuf: "src/protobuf.ts",
      emulator: "src/emulator/index.ts",
      testing: "src/testing/index.ts",
    },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: false,
    clean: true,
    target: "node20",
    splitting: false,
  },
  {
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    sourcemap: false,
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
  },
  {
    // The `browser` export condition: the same entry with the `*.browser.ts` twins (global
    // WebSocket, page environment). Types are the Node entry's (the API is the same).
    entry: { index: "src/index.browser.ts", protobuf: "src/protobuf.ts" },
    outDir: "dist/browser",
    format: ["esm"],
    platform: "browser",
    target: "es2022",
    sourcemap: false,
    splitting: false,
    esbuildPlugins: [browserModules()],
  },
]);
