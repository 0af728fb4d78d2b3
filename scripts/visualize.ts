/**
 * `npm run visualize`: draws every machine in machines/ into visualizations/ (Mermaid, SVG, and
 * the diagrams page / README section). `--check` writes nothing and exits 1 if anything is stale.
 *
 * Only files whose content changed are rewritten, so a no-op run leaves git and mtimes alone.
 */
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { discoverMachines, generateDiagrams, orphanedFiles, spliceReadme } from "../src/visualize/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const machinesDir = path.join(root, "machines");
const outDir = path.join(root, "visualizations");
const check = process.argv.includes("--check");

const started = performance.now();
const machines = await discoverMachines(machinesDir, root);
const files = await generateDiagrams(machines);

await mkdir(outDir, { recursive: true });
const stale: string[] = [];
for (const [file, content] of files) {
  const target = path.join(outDir, file);
  const current = await readFile(target, "utf8").catch(() => undefined);
  if (current === content) continue;
  stale.push(current === undefined ? `${file} (missing)` : file);
  if (!check) await writeFile(target, content);
}
// Diagrams of machines that no longer exist would otherwise linger and mislead.
for (const file of orphanedFiles(await readdir(outDir), files)) {
  stale.push(`${file} (orphaned)`);
  if (!check) await rm(path.join(outDir, file));
}

// The README embeds the same section between markers: keep it current too.
const readmePath = path.join(root, "README.md");
const readme = await readFile(readmePath, "utf8");
const section = files.get("README.section.md") ?? "";
const spliced = spliceReadme(readme, section);
if (spliced === undefined) {
  console.error("README.md lacks the statecharts markers; add them where the diagrams belong");
  process.exitCode = 1;
} else if (spliced !== readme) {
  stale.push("../README.md (statecharts section)");
  if (!check) await writeFile(readmePath, spliced);
}

const took = Math.round(performance.now() - started);
const names = machines.map((found) => found.name).join(", ");
if (check) {
  if (stale.length > 0) {
    console.error(`visualizations/ is stale (run npm run visualize):\n  ${stale.join("\n  ")}`);
    process.exitCode = 1;
  } else {
    console.log(`visualizations/ is current (${names}; ${took} ms)`);
  }
} else {
  const summary = stale.length > 0 ? `updated ${stale.join(", ")}` : "nothing changed";
  console.log(`Drew ${machines.length} machine(s) (${names}) in ${took} ms: ${summary}`);
}
