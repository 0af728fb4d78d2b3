/**
 * Summarizes V8 `.cpuprofile` files (as written by `run.ts --profile`): the functions with the
 * most self and inclusive time, with file:line. tsx-compiled frames report line 1 (no source-map
 * support in CPU profiles), so lines in TypeScript sources are found by the function's name
 * (first declaration in the file; good enough to point at the code).
 *
 *   npx tsx bench/emulator/top.ts bench/emulator/profiles/fanout/CPU.*.cpuprofile [--limit 25]
 */
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const { values, positionals } = parseArgs({
  options: { limit: { type: "string", default: "25" } },
  allowPositionals: true,
});
const root = fileURLToPath(new URL("../../", import.meta.url));

const sources = new Map<string, string[]>();
/** The 1-based line declaring `name` in a TypeScript source, by name. */
function declarationLine(file: string, name: string): number | undefined {
  let lines = sources.get(file);
  if (lines === undefined) {
    try {
      lines = readFileSync(resolve(root, file), "utf8").split("\n");
    } catch {
      lines = [];
    }
    sources.set(file, lines);
  }
  const escaped = name.replace(/[$]/g, "\\$");
  const declaration = new RegExp(
    `(function\\s+${escaped}\\b|^\\s*(static\\s+|private\\s+|async\\s+|get\\s+|set\\s+)*${escaped}\\s*[(<]|\\b(const|let)\\s+${escaped}\\s*=)`,
  );
  const index = lines.findIndex((line) => declaration.test(line));
  return index === -1 ? undefined : index + 1;
}

const selfTime = new Map<string, number>();
const totalTime = new Map<string, number>();
let total = 0;
for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const key = (node: ProfileNode): string => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.startsWith("file://") ? relative(root, fileURLToPath(url)) : url;
    let line: number | undefined = lineNumber + 1;
    if (where.endsWith(".ts") && lineNumber === 0 && functionName !== "") {
      line = declarationLine(where, functionName);
    }
    return `${functionName || "(anonymous)"} ${where === "" ? "" : `${where}:${line ?? "?"}`}`.trim();
  };
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const node = byId.get(id);
    if (node === undefined) return;
    const self = key(node);
    selfTime.set(self, (selfTime.get(self) ?? 0) + dt);
    // Inclusive time: count each distinct frame on the stack once.
    const seen = new Set<string>();
    for (let n: ProfileNode | undefined = node; n !== undefined; n = byId.get(parent.get(n.id) ?? -1)) {
      const k = key(n);
      if (seen.has(k)) continue;
      seen.add(k);
      totalTime.set(k, (totalTime.get(k) ?? 0) + dt);
    }
  });
}

// Piping into `head` must not end in an EPIPE stack trace.
process.stdout.on("error", () => process.exit(0));
const limit = Number(values.limit);
const show = (title: string, table: Map<string, number>): void => {
  console.log(`\n${title} (of ${(total / 1000).toFixed(0)} ms sampled)`);
  for (const [name, us] of [...table].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    console.log(
      `${((us / total) * 100).toFixed(1).padStart(6)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    );
  }
};
show("self time", selfTime);
show("inclusive time", totalTime);
