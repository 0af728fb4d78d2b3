/**
 * The committed diagrams must match the machines: regenerates everything `npm run visualize`
 * writes, in memory, and compares it with visualizations/.
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  discoverMachines,
  generateDiagrams,
  orphanedFiles,
  spliceReadme,
} from "../../src/visualize/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = path.join(root, "visualizations");

describe("visualizations/", () => {
  it("is current for every machine in machines/ (else: run npm run visualize)", async () => {
    const machines = await discoverMachines(path.join(root, "machines"), root);
    expect(machines.length, "no machine found in machines/*.machine.ts").toBeGreaterThan(0);
    const files = await generateDiagrams(machines);

    const problems: string[] = [];
    for (const [file, expected] of files) {
      const committed = await readFile(path.join(outDir, file), "utf8").catch(() => undefined);
      if (committed === undefined) problems.push(`visualizations/${file} is missing`);
      else if (committed !== expected) problems.push(`visualizations/${file} is stale`);
    }
    const readme = await readFile(path.join(root, "README.md"), "utf8");
    const spliced = spliceReadme(readme, files.get("README.section.md") ?? "");
    if (spliced === undefined) problems.push("README.md lacks the statecharts markers");
    else if (spliced !== readme) problems.push("README.md's statecharts section is stale");
    const present = await readdir(outDir).catch((): string[] => []);
    for (const file of orphanedFiles(present, files))
      problems.push(`visualizations/${file} belongs to no machine`);
    expect(problems, `Diagrams are out of date; run npm run visualize and commit visualizations/`).toEqual(
      [],
    );
  });
});
