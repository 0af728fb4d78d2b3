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
import { measureBundle, packageOf } from "../lib/bundle.js";
import { bufbuild, protobufjs, type Frame, type Library } from "./libraries.js";
import { median } from "../lib/stats.js";
import * as jsonCodec from "../../src/protocol/json-codec.js";
import * as protobufCodec from "../../src/protocol/protobuf-codec.js";
import type { DownstreamMessage, UpstreamMessage, WebPubSubDataType } from "../../src/protocol/messages.js";

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

// -- Our codecs: JSON vs protobuf, application form to frame and back --------------------------------

interface CodecRow {
  readonly name: string;
  readonly json: { up: number; down: number; bytes: number };
  readonly protobuf: { up: number; down: number; bytes: number };
}

/** A JSON payload of about `size` bytes once serialized. */
function jsonOf(size: number): object {
  const items: Array<{ id: number; name: string }> = [];
  while (JSON.stringify(items).length < size - 24)
    items.push({ id: items.length, name: `item ${items.length}` });
  return { items };
}

function payloadOf(dataType: WebPubSubDataType, size: number): string | object | ArrayBuffer {
  if (dataType === "text") return "x".repeat(size);
  if (dataType === "json") return jsonOf(size);
  return bytes(size).buffer;
}

/**
 * Per message: the client's send (encode a sendToGroup) plus the service's read of it (decode), and
 * the service's write of the group message plus the client's read of it: what each side of a
 * round trip costs in our codecs, whichever subprotocol.
 */
function codecs(): CodecRow[] {
  const rows: CodecRow[] = [];
  for (const dataType of ["text", "json", "binary"] as const) {
    for (const size of [100, 1024, 65_536]) {
      const data = payloadOf(dataType, size);
      const up: UpstreamMessage = {
        kind: "sendToGroup",
        group: "chat",
        ackId: 12_345,
        dataType,
        data,
        noEcho: false,
      };
      const down: DownstreamMessage = {
        kind: "groupData",
        group: "chat",
        sequenceId: 12_345,
        dataType,
        data,
        fromUserId: "",
      };
      const ops = size > 10_000 ? OPS.large : OPS.small / 4;
      const jsonUp = jsonCodec.encodeUpstream(up);
      const jsonDown = jsonCodec.encodeDownstream(down);
      const pbUp = protobufCodec.encodeUpstream(up);
      const pbDown = protobufCodec.encodeDownstream(down);
      const samples = {
        jsonUp: [] as number[],
        jsonDown: [] as number[],
        pbUp: [] as number[],
        pbDown: [] as number[],
      };
      for (let r = 0; r < ROUNDS + 1; r++) {
        const jsonFirst = r % 2 === 0;
        const measureJson = () => {
          const u = round(() => jsonCodec.decodeUpstream(jsonCodec.encodeUpstream(up)), ops);
          const d = round(() => jsonCodec.decodeDownstream(jsonCodec.encodeDownstream(down)), ops);
          if (r === 0) return;
          samples.jsonUp.push(u);
          samples.jsonDown.push(d);
        };
        const measureProtobuf = () => {
          const u = round(() => protobufCodec.decodeUpstream(protobufCodec.encodeUpstream(up)), ops);
          const d = round(() => protobufCodec.decodeDownstream(protobufCodec.encodeDownstream(down)), ops);
          if (r === 0) return;
          samples.pbUp.push(u);
          samples.pbDown.push(d);
        };
        // Alternate which codec goes first, as with the libraries.
        const order = jsonFirst ? [measureJson, measureProtobuf] : [measureProtobuf, measureJson];
        for (const measure of order) measure();
      }
      rows.push({
        name: `${dataType} ${size >= 1024 ? `${size / 1024} KiB` : `${size} B`}`,
        json: {
          up: median(samples.jsonUp),
          down: median(samples.jsonDown),
          bytes: Buffer.byteLength(jsonUp) + Buffer.byteLength(jsonDown),
        },
        protobuf: {
          up: median(samples.pbUp),
          down: median(samples.pbDown),
          bytes: pbUp.byteLength + pbDown.byteLength,
        },
      });
    }
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
  const size = await measureBundle({
    contents,
    resolveDir: root,
    partOf: (input) => packageOf(input) ?? path.basename(input),
  });
  return {
    name,
    minified: size.minified,
    gzip: size.gzip,
    parts: [...size.parts]
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
const codecRows = codecs();
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

const codecTable = [
  "| payload | JSON send (encode + decode) | protobuf send | JSON receive (encode + decode) | protobuf receive | bytes on the wire, JSON | protobuf |",
  "|---|---:|---:|---:|---:|---:|---:|",
  ...codecRows.map(
    (row) =>
      `| ${row.name} | ${us(row.json.up)} | ${us(row.protobuf.up)} | ${us(row.json.down)} | ${us(row.protobuf.down)} | ${row.json.bytes} | ${row.protobuf.bytes} |`,
  ),
].join("\n");

const results = `# Protobuf library comparison

Written by \`npm run bench:protobuf\` (bench/protobuf/compare.ts) on Node ${process.versions.node},
${new Date().toISOString().slice(0, 10)}. Median of ${ROUNDS} rounds per cell, the libraries alternating within
each round; each encode includes building the library's message object (\`create\` for
@bufbuild/protobuf; protobufjs encodes plain objects). Both libraries wrote identical bytes for
every frame (checked).

## CPU per frame

${cpuTable}

## Our codecs: JSON vs protobuf (protobufjs)

From the application's message to the frame and back, both halves of a round trip: a client's
\`sendToGroup\` (the client encodes, the service decodes) and the group message it becomes (the
service encodes, the client decodes), with ackId and sequence id 12345 and group "chat". Bytes:
the two frames together. The binary payloads are base64 in JSON.

${codecTable}

## Browser bundle of a codec on each library

${bundleTable}

Both modules are what \`npm run generate:protobuf\` writes from src/protocol/protobuf/webpubsub.v1.proto
(protobufjs-cli 2.7.1; protoc-gen-es 2.13.0 through buf).
`;

writeFileSync(path.join(here, "RESULTS.md"), results);
console.log(results);
