/**
 * `npm run bench:bundle`: what the client costs a browser app. The same tiny app (start, join a
 * group, send to it, listen for group messages) is bundled by esbuild for the browser (minified,
 * ESM) against
 *
 * - web-pubsub-machine's browser entry with every dependency inside;
 * - the same with xstate left external (an app that already ships xstate pays only the rest);
 * - `@azure/web-pubsub-client` 1.1 (its `browser` build, every dependency inside);
 * - ours again with the protobuf subprotocol (`web-pubsub-machine/protobuf`, protobufjs inside),
 *   to show what choosing it costs and that the JSON rows above do not pay for it;
 *
 * and the sizes are measured with node:zlib (gzip level 9, and brotli). Writes
 * bench/bundle/RESULTS.md and prints the README's bundle-size section (paste it into README.md).
 *
 * Ours is bundled from `src/index.browser.ts` with the browser build's plugin, exactly as tsup
 * builds `dist/browser/index.js`, so no build has to run first.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "esbuild";
import { measureBundle, packageOf } from "../lib/bundle.js";
import { BROWSER_ENTRY, browserModules } from "../../scripts/browser-build.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
/** `web-pubsub-machine/protobuf`, as tsup builds `dist/browser/protobuf.js`. */
const PROTOBUF_ENTRY = path.join(root, "src", "protobuf.ts");

/**
 * The app: what a chat page does with the client. Both clients share this API. With `protobuf`,
 * the same app on our protobuf subprotocol.
 */
function app(specifier: string, protobuf = false): string {
  const protocol = protobuf
    ? `import { WebPubSubProtobufReliableProtocol } from ${JSON.stringify(`${specifier}/protobuf`)};\n`
    : "";
  const options = protobuf ? ", { protocol: WebPubSubProtobufReliableProtocol() }" : "";
  return `
import { WebPubSubClient } from ${JSON.stringify(specifier)};
${protocol}const client = new WebPubSubClient(location.hash.slice(1)${options});
client.on("group-message", (event) => document.body.append(String(event.message.data)));
await client.start();
await client.joinGroup("chat");
await client.sendToGroup("chat", "hello", "text");
`;
}

/** `web-pubsub-machine` → the browser entry in this checkout. */
const ours: Plugin = {
  name: "this-package",
  setup(b) {
    b.onResolve({ filter: /^web-pubsub-machine$/ }, () => ({ path: BROWSER_ENTRY }));
    b.onResolve({ filter: /^web-pubsub-machine\/protobuf$/ }, () => ({ path: PROTOBUF_ENTRY }));
  },
};

interface Measured {
  readonly name: string;
  readonly note: string;
  readonly minified: number;
  readonly gzip: number;
  readonly brotli: number;
  /** Minified bytes per part of the bundle (esbuild's metafile). */
  readonly parts: ReadonlyMap<string, number>;
}

/** Which part of a bundle an input belongs to: a package, or our machines/ and src/. */
function partOf(input: string): string {
  const pkg = packageOf(input);
  if (pkg !== undefined) return pkg;
  if (input.startsWith("machines/")) return "machines/ (the statecharts)";
  if (input.startsWith("src/protocol/protobuf"))
    return "src/protocol/protobuf* (the protobuf codec and its generated code)";
  if (input.startsWith("src/")) return "src/ (facade, codecs, socket, runtime)";
  return "the app";
}

async function measure(
  name: string,
  note: string,
  specifier: string,
  plugins: Plugin[],
  external: string[] = [],
  protobuf = false,
): Promise<Measured> {
  const size = await measureBundle({
    contents: app(specifier, protobuf),
    resolveDir: root,
    partOf,
    plugins,
    external,
  });
  return { name, note, ...size };
}

function version(pkg: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, "node_modules", pkg, "package.json"), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

const rows = [
  await measure(
    "web-pubsub-machine",
    `xstate ${version("xstate")} and neverthrow inside`,
    "web-pubsub-machine",
    [ours, browserModules()],
  ),
  await measure(
    "web-pubsub-machine, xstate external",
    "for apps that already ship xstate",
    "web-pubsub-machine",
    [ours, browserModules()],
    ["xstate"],
  ),
  await measure(
    `@azure/web-pubsub-client ${version("@azure/web-pubsub-client")}`,
    "its browser build, every dependency inside",
    "@azure/web-pubsub-client",
    [],
  ),
  await measure(
    "web-pubsub-machine + /protobuf",
    `the same app on WebPubSubProtobufReliableProtocol(), protobufjs ${version("protobufjs")} inside`,
    "web-pubsub-machine",
    [ours, browserModules()],
    [],
    true,
  ),
];

const table = [
  "| bundle (same app, esbuild, minified ESM) | minified | gzip -9 | brotli |",
  "|---|---:|---:|---:|",
  ...rows.map((r) => `| ${r.name} (${r.note}) | ${kb(r.minified)} | **${kb(r.gzip)}** | ${kb(r.brotli)} |`),
].join("\n");

const [full, lean, official, protobuf] = rows as [Measured, Measured, Measured, Measured];
const ratio = (a: Measured, b: Measured) => `${Math.round((a.gzip / b.gzip) * 100)}%`;
const part = (m: Measured, name: string) => kb(m.parts.get(name) ?? 0);
const verdict =
  lean.gzip <= official.gzip
    ? `Ours is ${ratio(full, official)} of the official client's gzip size with xstate inside and ${ratio(lean, official)} with xstate external.`
    : [
        `Ours is larger: ${ratio(full, official)} of the official client's gzip size with xstate inside, ${ratio(lean, official)} with xstate external (+${kb(lean.gzip - official.gzip)} gzip).`,
        `Why: xstate's interpreter (${part(full, "xstate")} minified, ${kb(full.gzip - lean.gzip)} gzip) is what runs the statecharts, and an app that already ships xstate does not pay it twice.`,
        `The rest is what the official client does not have: the statecharts themselves are data in the bundle (machines/: ${part(lean, "machines/ (the statecharts)")} minified, state, event and action names included, since they are the diagram and the inspector's vocabulary),`,
        `the \`…Result\` API on neverthrow (${part(lean, "neverthrow")} minified), and features (ack and invoke timeouts, in-doubt handling, payload validation with clear errors, the browser environment actor).`,
        `Its dependencies (${[...official.parts.keys()]
          .filter((name) => name.includes("/") || name === "events")
          .filter((name) => name !== "@azure/web-pubsub-client")
          .join(
            ", ",
          )}) add ${kb(official.minified - (official.parts.get("@azure/web-pubsub-client") ?? 0) - (official.parts.get("the app") ?? 0))} minified;`,
        `ours shares only the logging switch with it (@azure/logger and the logger of @typespec/ts-http-runtime, ${kb((lean.parts.get("@azure/logger") ?? 0) + (lean.parts.get("@typespec/ts-http-runtime") ?? 0))} minified, so that \`setLogLevel\` works as with every Azure SDK) and uses web APIs for the rest.`,
      ].join(" ");

// The JSON rows must not carry any of the protobuf subprotocol: it has an entry point of its own.
for (const row of [full, lean]) {
  const leaked = [...row.parts.keys()].filter(
    (part) => part === "protobufjs" || part === "long" || part.startsWith("src/protocol/protobuf"),
  );
  if (leaked.length > 0)
    throw new Error(
      `${row.name} contains ${leaked.join(", ")}: the protobuf codec leaked into the JSON bundle`,
    );
}
const protobufCost = `With the protobuf subprotocol (\`web-pubsub-machine/protobuf\`, its own entry point) the same app is ${kb(protobuf.gzip)} gzip, +${kb(protobuf.gzip - full.gzip)} over JSON: protobufjs ${part(protobuf, "protobufjs")}, long ${part(protobuf, "long")} and the codec with its generated code ${part(protobuf, "src/protocol/protobuf* (the protobuf codec and its generated code)")} minified. The JSON rows contain none of it (the script checks).`;

const app_ = app("<client>").trim();
const section = `## In browsers

\`import { WebPubSubClient } from "web-pubsub-machine"\` in a bundler (Vite, webpack, esbuild,
Rollup) resolves the package's \`browser\` export condition to \`dist/browser/index.js\`: the same
machines and facade, with the global \`WebSocket\` instead of \`ws\` and no \`Buffer\`,
\`process\` or \`node:\` module. Node resolution is unchanged. In a page the client also acts on
what the official client ignores (each is a transition in the diagram, and tested in headless
Chromium by \`test/browser/browser.e2e.test.ts\`):

- **back online** (\`online\`), the page shown again, or a wall-clock jump: a reconnect or recovery
  waiting out its backoff tries at once;
- **offline**, **page shown again** after being hidden or frozen, or a **wall-clock jump** (the
  laptop slept: the clock moved far more than the timers did): a connected client writes a ping
  at once and treats the link as dead if no pong comes within \`pongTimeoutInMs\` (10 s when 0),
  instead of trusting a half-open socket until the next keep-alive;
- **\`pagehide\`**: the client stops cleanly (close 1000), so the service drops the session at once
  and the page stays eligible for the back/forward cache; call \`start()\` again on \`pageshow\`
  if the page comes back.

## Bundle size

The same small browser app (start, join a group, send to it, listen for group messages), bundled
by esbuild for the browser, minified, ESM (\`npm run bench:bundle\`, ${new Date().toISOString().slice(0, 10)}):

${table}

${verdict}

${protobufCost}

Ours has no \`Buffer\`, \`events\`, \`ws\` or \`process\` in the browser: base64 and UTF-8 use web
APIs and the socket is the global \`WebSocket\` (the package's \`browser\` export condition).
Details and the breakdown by module: [bench/bundle/RESULTS.md](bench/bundle/RESULTS.md).
`;

const results = `# Bundle size results

Written by \`npm run bench:bundle\` (bench/bundle/size.ts) on Node ${process.versions.node},
esbuild ${(await import("esbuild")).version}.

${table}

${verdict}

${protobufCost}

Where the minified bytes go (esbuild metafile):

${rows
  .map(
    (r) =>
      `- ${r.name}: ${[...r.parts.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([name, bytes]) => `${name} ${kb(bytes)}`)
        .join(", ")}`,
  )
  .join("\n")}

The app:

\`\`\`ts
${app_}
\`\`\`

How: \`esbuild --bundle --minify --format=esm --platform=browser --target=es2022\` with
\`process.env.NODE_ENV\` defined as \`"production"\`; gzip level 9 and brotli quality 11 from
node:zlib. Ours is bundled from \`src/index.browser.ts\` with the browser build's plugin
(scripts/browser-build.ts), which is what \`dist/browser/index.js\` is built from; the official
client resolves through its own \`browser\` condition.
`;

writeFileSync(path.join(here, "RESULTS.md"), results);
console.log(section);
