/**
 * The browser build reaches nothing of Node: the browser entry bundled as tsup builds it
 * (dependencies external) names no `ws`, `node:` module, `Buffer` or `process`, and bundled whole
 * for `platform: "browser"` (xstate and neverthrow included) it pulls in no Node built-in. The
 * package's `browser` condition points at that build, before `import`/`require`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { BROWSER_ENTRY, browserModules, NODE_ONLY } from "../../scripts/browser-build.js";
import { requirement } from "../support/requirements.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** What a browser bundle must not contain. `ArrayBuffer` is fine; a bare `Buffer` is not. */
const FORBIDDEN: ReadonlyArray<readonly [string, RegExp]> = [
  ['require("ws")', /require\(\s*["']ws["']\s*\)/],
  ['import from "ws"', /from\s*["']ws["']/],
  ["node: modules", /["']node:[a-z_/]+["']/],
  ["Buffer", /(?<![A-Za-z0-9_$])Buffer(?![A-Za-z0-9_$])/],
  ["process", /(?<![A-Za-z0-9_$.])process\s*\.\s*(?:env|versions|nextTick|platform)/],
];

function offences(code: string): string[] {
  return FORBIDDEN.filter(([, pattern]) => pattern.test(code)).map(([name]) => name);
}

/** `web-pubsub-machine/protobuf`'s source entry. */
const PROTOBUF_ENTRY = path.join(root, "src", "protobuf.ts");

async function bundle(external: string[], entry = BROWSER_ENTRY) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    metafile: true,
    logLevel: "silent",
    external,
    plugins: [browserModules()],
  });
  const code = result.outputFiles[0]?.text ?? "";
  return { code, inputs: Object.keys(result.metafile.inputs) };
}

const distBuild = requirement("build");

describe("the browser build", () => {
  it("uses the browser twins and names nothing of Node (dependencies external, as tsup builds it)", async () => {
    const { code, inputs } = await bundle(["xstate", "neverthrow"]);
    expect(inputs).toContain("src/transport/default-socket.browser.ts");
    expect(inputs).toContain("src/runtime/environment.browser.ts");
    expect(inputs).not.toContain("src/transport/node-socket.ts");
    expect(inputs.filter((input) => input.includes("src/emulator/"))).toEqual([]);
    expect(code).toContain("globalThis.WebSocket");
    expect(offences(code)).toEqual([]);
  });

  it("bundles for the browser platform with xstate and neverthrow inside and no Node built-in", async () => {
    const { code, inputs } = await bundle([]);
    expect(inputs.some((input) => input.includes("node_modules/xstate/"))).toBe(true);
    expect(inputs.filter((input) => NODE_ONLY.test(input) || input.includes("node_modules/ws/"))).toEqual([]);
    expect(offences(code)).toEqual([]);
  });

  it("the protobuf entry names nothing of Node, and bundled whole pulls in no Node built-in", async () => {
    const own = await bundle(["protobufjs"], PROTOBUF_ENTRY);
    expect(
      own.inputs.filter((input) => input.includes("src/emulator/") || input.includes("src/runtime/")),
    ).toEqual([]);
    expect(offences(own.code)).toEqual([]);
    // protobufjs itself looks for a global `Buffer` at run time (and uses it in Node only).
    const whole = await bundle([], PROTOBUF_ENTRY);
    expect(whole.inputs.some((input) => input.includes("node_modules/protobufjs/"))).toBe(true);
    expect(whole.inputs.filter((input) => NODE_ONLY.test(input))).toEqual([]);
  });

  it("fails the build, rather than the page, when Node-only code is imported", async () => {
    const failure = await build({
      stdin: { contents: 'import "ws"; import "node:fs";', resolveDir: path.join(root, "src") },
      bundle: true,
      write: false,
      platform: "browser",
      logLevel: "silent",
      plugins: [browserModules()],
    }).then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    expect(failure).toMatch(/"ws" is Node-only/);
    expect(failure).toMatch(/"node:fs" is Node-only/);
  });

  it("dist/browser/index.js, when built, is clean too and bundles for the browser", async (context) => {
    const built = path.join(root, "dist", "browser", "index.js");
    if (!distBuild.run) context.skip("dist/ is not built (npm run build)");
    distBuild.assertPresent();
    expect(offences(readFileSync(built, "utf8"))).toEqual([]);
    const result = await build({
      entryPoints: [built],
      bundle: true,
      write: false,
      platform: "browser",
      format: "esm",
      logLevel: "silent",
      metafile: true,
      plugins: [browserModules()],
    });
    expect(Object.keys(result.metafile.inputs).filter((input) => NODE_ONLY.test(input))).toEqual([]);
  });

  it("a bundler resolves the package to the browser build for browsers and the Node build for Node", async (context) => {
    if (!distBuild.run) context.skip("dist/ is not built (npm run build)");
    distBuild.assertPresent();
    const resolved = async (platform: "browser" | "node", specifier = "web-pubsub-machine") => {
      // The package refers to itself by name, so resolution goes through its own `exports`.
      const result = await build({
        stdin: { contents: `export * from ${JSON.stringify(specifier)};`, resolveDir: root },
        bundle: true,
        write: false,
        format: "esm",
        platform,
        metafile: true,
        logLevel: "silent",
        external: ["xstate", "neverthrow", "ws", "jose", "protobufjs/*"],
      });
      return Object.keys(result.metafile.inputs).filter((input) => input.startsWith("dist/"));
    };
    // The browser build is one file per entry; the Node ESM entries share chunks (dist/chunk-*.js).
    const node = async (specifier?: string) => {
      const inputs = await resolved("node", specifier);
      expect(inputs.filter((input) => !/^dist\/chunk-[\w-]+\.js$/.test(input))).toEqual([
        specifier === undefined ? "dist/index.js" : "dist/protobuf.js",
      ]);
      return inputs;
    };
    expect(await resolved("browser")).toEqual(["dist/browser/index.js"]);
    await node();
    expect(await resolved("browser", "web-pubsub-machine/protobuf")).toEqual(["dist/browser/protobuf.js"]);
    await node("web-pubsub-machine/protobuf");
  });

  it("package.json resolves the browser condition to the browser build, Node's unchanged", () => {
    const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
      exports: Record<string, Record<string, unknown>>;
      browser: Record<string, string>;
    };
    const dot = manifest.exports["."] ?? {};
    expect(Object.keys(dot).slice(0, 3)).toEqual(["browser", "import", "require"]);
    expect(dot["browser"]).toEqual({ types: "./dist/index.d.ts", default: "./dist/browser/index.js" });
    expect(dot["import"]).toEqual({ types: "./dist/index.d.ts", default: "./dist/index.js" });
    expect(manifest.browser).toEqual({ "./dist/index.js": "./dist/browser/index.js" });
  });
});
