/**
 * `npm run bench:protobuf`: the protobuf library comparison behind the choice in
 * docs/protobuf.md — CPU per message (encode and decode of typical frames, both libraries on the
 * same frames, alternating) and the browser bundle of a codec built on each (esbuild, minified,
 * gzip -9). Writes bench/protobuf/RESULTS.md.
 *
 * Library level only: each side encodes from its own message objects and decodes to them; the
 * mapping to our application-form messages is the same work on either side, and is measured with
 * the codecs themselves in bench/protobuf/codecs.ts.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { bufbuild, protobufjs, type Frame, type Library } from "./libraries.js";
import { median } from "../lib/stats.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");

const ROUNDS = 7;
/** Enough work per round (~20–50 ms) that timer resolution and one GC do not matter. */
const OPS = { small: 40_000, large: 1_000 };

const text100 = "x".repeat(100);
const json1k = JSON.stringify(
  Array.from({ length: 40 }, (_, i) => ({ id: i, name: `item ${i}`, done: i % 2 === 0 })),
).slice(0, 1023);
const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31) & 255);

const frames: ReadonlyArray<{ name: string; frame: Frame; ops: number }> = [
  { name: "ack (downstream)", frame: { side: "down", kind: "ack", ackId: 12_345 }, ops: OPS.small },
  {
    name: "sequenceAck (upstream)",
    frame: { side: "up", kind: "sequenceAck", sequenceId: 12_345 },
    ops: OPS.small,
  },
  {
    name: "sendToGroup, text 100 B (upstream)",
    frame: { side: "up", kind: "send", ackId: 12_345, data: { type: "text", value: text100 } },
    ops: OPS.small,
  },
  {
    name: "group message, text 100 B",
    frame: { side: "down", kind: "group", sequenceId: 12_345, data: { type: "text", value: text100 } },
    ops: OPS.small,
  },
  {
    name: "group message, json 1 KiB",
    frame: { side: "down", kind: "group", sequenceId: 12_345, data: { type: "json", value: json1k } },
    ops: OPS.small,
  },
  {
    name: "group message, binary 1 KiB",
    frame: { side: "down", kind: "group", sequenceId: 12_345, data: { type: "binary", value: bytes(1024) } },
    ops: OPS.small,
  },
  {
    name: "group message, binary 64 KiB",
    frame: {
      side: "down",
      kind: "group",
      sequenceId: 12_345,
      data: { type: "binary", value: bytes(65_536) },
    },
    ops: OPS.large,
  },
];

/** ns per call of `fn`, one round. */
function round(fn: () => unknown, ops: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) fn();
  return Number(process.hrtime.bigint() - start) / ops;
}

interface Row {
  readonly name: string;
  readonly size: number;
  /** [library] → { encode, decode } ns, medians of the rounds. */
  readonly results: Map<string, { encode: number; decode: number }>;
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

async function cpu(libraries: readonly Library[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const { name, frame, ops } of frames) {
    const encoders = libraries.map((library) => library.encoder(frame));
    const wire = encoders.map((encode) => encode());
    // Both libraries must write the same bytes, or the comparison compares different work.
    if (!same(wire[0]!, wire[1]!)) throw new Error(`${name}: the libraries wrote different bytes`);
    const samples = libraries.map(() => ({ encode: [] as number[], decode: [] as number[] }));
    for (let r = 0; r < ROUNDS + 1; r++) {
      for (let l = 0; l < libraries.length; l++) {
        // Alternate which library goes first, so neither always runs on a warmer or cooler CPU.
        const i = (l + r) % libraries.length;
        const library = libraries[i]!;
        const encode = round(encoders[i]!, ops);
        const decode = round(() => library.decode(frame.side, wire[0]!), ops);
        // Round 0 warms the JIT up.
        if (r > 0) {
          samples[i]!.encode.push(encode);
          samples[i]!.decode.push(decode);
        }
      }
    }
    const results = new Map<string, { encode: number; decode: number }>();
    libraries.forEach((library, i) =>
      results.set(library.name, { encode: median(samples[i]!.encode), decode: median(samples[i]!.decode) }),
    );
    rows.push({ name, size: wire[0]!.length, results });
  }
  return rows;
}

interface Bundle {
  readonly name: string;
  readonly minified: number;
  readonly gzip: number;
  readonly parts: string;
}

/** A codec's worth of each library: encode an upstream message, decode a downstream one. */
async function bundle(name: string, contents: string): Promise<Bundle> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "ts", sourcefile: "codec.ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  const parts = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const part = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? path.basename(input);
      parts.set(part, (parts.get(part) ?? 0) + bytesInOutput);
    }
  }
  return {
    name,
    minified: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    parts: [...parts]
      .filter(([, n]) => n > 100)
      .sort((a, b) => b[1] - a[1])
      .map(([part, n]) => `${part} ${kb(n)}`)
      .join(", "),
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const us = (ns: number) => (ns < 10_000 ? `${(ns / 1000).toFixed(2)} µs` : `${(ns / 1000).toFixed(1)} µs`);

const libraries = [bufbuild, protobufjs];
const rows = await cpu(libraries);
const bundles = [
  await bundle(
    "@bufbuild/protobuf 2 + generated TypeScript",
    `import { create, toBinary, fromBinary } from "@bufbuild/protobuf";
     import { UpstreamMessageSchema, DownstreamMessageSchema } from "./test/protocol/protobuf/webpubsub.v1_pb.js";
     export const encode = (m) => toBinary(UpstreamMessageSchema, create(UpstreamMessageSchema, m));
     export const decode = (b) => fromBinary(DownstreamMessageSchema, b);`,
  ),
  await bundle(
    "protobufjs 8 minimal + static module",
    `import { azure } from "./src/protocol/protobuf/webpubsub.v1.js";
     export const encode = (m) => azure.webpubsub.UpstreamMessage.encode(m).finish();
     export const decode = (b) => azure.webpubsub.DownstreamMessage.decode(b);`,
  ),
];

const [a, b] = libraries as [Library, Library];
const cpuTable = [
  `| frame | bytes | ${a.name} encode | ${b.name} encode | ${a.name} decode | ${b.name} decode |`,
  "|---|---:|---:|---:|---:|---:|",
  ...rows.map((row) => {
    const x = row.results.get(a.name)!;
    const y = row.results.get(b.name)!;
    return `| ${row.name} | ${row.size} | ${us(x.encode)} | ${us(y.encode)} | ${us(x.decode)} | ${us(y.decode)} |`;
  }),
].join("\n");
const bundleTable = [
  "| codec module (esbuild, minified ESM, browser) | minified | gzip -9 | where the bytes go |",
  "|---|---:|---:|---|",
  ...bundles.map((x) => `| ${x.name} | ${kb(x.minified)} | **${kb(x.gzip)}** | ${x.parts} |`),
].join("\n");

const results = `# Protobuf library comparison

Written by \`npm run bench:protobuf\` (bench/protobuf/compare.ts) on Node ${process.versions.node},
${new Date().toISOString().slice(0, 10)}. Median of ${ROUNDS} rounds per cell, the libraries alternating within
each round; each encode includes building the library's message object (\`create\` for
@bufbuild/protobuf; protobufjs encodes plain objects). Both libraries wrote identical bytes for
every frame (checked).

## CPU per frame

${cpuTable}

## Browser bundle of a codec on each library

${bundleTable}

Both modules are what \`npm run generate:protobuf\` writes from src/protocol/protobuf/webpubsub.v1.proto
(protobufjs-cli 2.7.1; protoc-gen-es 2.13.0 through buf).
`;

writeFileSync(path.join(here, "RESULTS.md"), results);
console.log(results);
