/**
 * Finds the machines to draw: every exported XState machine in a `*.machine.ts` file, or an
 * `index.ts`, anywhere under `<dir>` (a machine split into a folder of modules is found through
 * whichever of them exports it). The machine values are read, never the source text. Machines
 * are recognised by shape (see `isMachine`), so helpers exported next to them are ignored, and a
 * machine exported from several files is drawn once, under the first file in path order.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isMachine, type MachineLike } from "./model.js";

export interface FoundMachine {
  /** File-name-safe diagram name: the machine's `id`, or its export name when it has none. */
  readonly name: string;
  readonly machine: MachineLike;
  /** Path relative to the project root, with `/` separators (it ends up in the docs). */
  readonly file: string;
  readonly exportName: string;
}

/** XState's id for a machine created without one. */
const DEFAULT_MACHINE_ID = "(machine)";

export async function discoverMachines(dir: string, root: string = process.cwd()): Promise<FoundMachine[]> {
  const files = (await readdir(dir, { recursive: true }))
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => file.endsWith(".machine.ts") || file === "index.ts" || file.endsWith("/index.ts"))
    .sort();
  const found: FoundMachine[] = [];
  const seen = new Set<unknown>();
  for (const file of files) {
    const absolute = path.resolve(dir, file);
    const module = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
    for (const exportName of Object.keys(module).sort()) {
      const value = module[exportName];
      // The same machine exported under two names is drawn once.
      if (!isMachine(value) || seen.has(value)) continue;
      seen.add(value);
      const name = fileSafe(value.id === DEFAULT_MACHINE_ID ? exportName : value.id);
      const clash = found.find((other) => other.name === name);
      if (clash) {
        throw new Error(
          `Two machines would both be drawn as "${name}": ${clash.file} (${clash.exportName}) and ` +
            `${file} (${exportName}); give one of them a different id`,
        );
      }
      const relative = path.relative(root, absolute).split(path.sep).join("/");
      found.push({ name, machine: value, file: relative, exportName });
    }
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A name made safe for a file name. */
export function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "-");
}
