import { defineConfig, type Options } from "tsup";
import { browserModules } from "./scripts/browser-build.js";

// No source maps in the package: the output is not minified (names, structure and line breaks are
// the sources'), so stack traces read as they are, while maps with their sources inside were
// 3.5 MB of the 6.1 MB unpacked. The Graphviz renderer stays in a chunk of its own that only the
// CLI's diagram rendering imports (`import()` in src/visualize/svg.ts).

const libraryEntries = {
  index: "src/index.ts",
  // The protobuf subprotocols: an entry of their own, so JSON users never load protobufjs.
  protobuf: "src/protobuf.ts",
  emulator: "src/emulator/index.ts",
  testing: "src/testing/index.ts",
};

// Types for the library entries only: the CLI has no types to publish.
const node: Options = { sourcemap: false, target: "node20", dts: { entry: libraryEntries } };

export default defineConfig([
  {
    // ESM: the entries and the CLI share chunks (the client is in the package once, not once per
    // entry), so an app that imports both `.` and `./emulator` loads one client, whose classes
    // are the same objects in both. The CLI's shebang is the first line of src/cli/main.ts, which
    // esbuild keeps on that entry alone (a banner would put it on every chunk).
    ...node,
    entry: { ...libraryEntries, cli: "src/cli/main.ts" },
    format: ["esm"],
    clean: true,
    splitting: true,
  },
  {
    // CJS: one self-contained file per entry (esbuild does not split CommonJS).
    ...node,
    entry: libraryEntries,
    format: ["cjs"],
    splitting: false,
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
