/**
 * Where the benchmark's `ours` comes from: the published build (`dist/`) by default, so that it is
 * measured as users run it, like the official client (which is measured from its own build).
 * `BENCH_OURS=src` loads `src/` through tsx instead (for profiling with source names).
 */
import { readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import type * as Ours from "../../src/index.js";
import type * as OursProtobuf from "../../src/protobuf.js";
import type * as OursTesting from "../../src/testing/index.js";

type OursModule = typeof Ours;

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Where `ours` was loaded from, for the results file. */
export function oursSource(): "dist" | "src" {
  return process.env.BENCH_OURS === "src" ? "src" : "dist";
}

export async function loadOurs(): Promise<OursModule> {
  if (oursSource() === "src") return import("../../src/index.js");
  const built = join(ROOT, "dist", "index.js");
  let builtAt: number;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    throw new Error("bench: dist/index.js is missing; run `npm run build` first (`npm run bench` does).");
  }
  const newest = Math.max(newestIn(join(ROOT, "src")), newestIn(join(ROOT, "machines")));
  if (newest > builtAt) {
    throw new Error(
      "bench: dist/ is older than src/ or machines/; run `npm run build` first (`npm run bench` does).",
    );
  }
  // A URL computed at run time, so that typechecking does not need a build.
  const url = new URL("../../dist/index.js", import.meta.url).href;
  return (await import(url)) as OursModule;
}

/** `web-pubsub-machine/protobuf` from the same place as {@link loadOurs}. */
export async function loadOursProtobuf(): Promise<typeof OursProtobuf> {
  if (oursSource() === "src") return import("../../src/protobuf.js");
  await loadOurs(); // the same check that the build is current
  const url = new URL("../../dist/protobuf.js", import.meta.url).href;
  return (await import(url)) as typeof OursProtobuf;
}

/** `web-pubsub-machine/testing` (the machines themselves) from the same place as {@link loadOurs}. */
export async function loadOursTesting(): Promise<typeof OursTesting> {
  if (oursSource() === "src") return import("../../src/testing/index.js");
  await loadOurs();
  const url = new URL("../../dist/testing.js", import.meta.url).href;
  return (await import(url)) as typeof OursTesting;
}

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * `BENCH_BEFORE=<path>`: the built `dist/index.js` of another checkout of this package (say, the
 * commit before a refactor), measured beside ours as the kind "before", so that one run compares
 * the two on the same machine.
 */
export async function loadBefore(): Promise<OursModule["WebPubSubClient"] | undefined> {
  const root = process.env.BENCH_BEFORE;
  if (root === undefined || root === "") return undefined;
  const url = new URL(`file://${join(root, "dist", "index.js")}`).href;
  return ((await import(url)) as OursModule).WebPubSubClient;
}
