import { defineConfig } from "tsup";
import { browserModules } from "./scripts/browser-build.js";

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
    sourcemap: true,
    clean: true,
    target: "node20",
    splitting: false,
  },
  {
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    sourcemap: true,
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
    sourcemap: true,
    splitting: false,
    esbuildPlugins: [browserModules()],
  },
]);
