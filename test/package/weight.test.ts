/**
 * What `npm install web-pubsub-machine` brings and what importing it loads: no source maps in the
 * package, and the Graphviz renderer (the largest file) only in a chunk that the CLI's diagram
 * rendering imports on demand, never from the library's entry points.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../cli/helpers.js";
import { requirement } from "../support/requirements.js";

const built = requirement("build");

interface PackedFile {
  readonly path: string;
  readonly size: number;
}

describe.skipIf(!built.run)("the published package", () => {
  const packed = () => {
    built.assertPresent();
    const output = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    return (JSON.parse(output) as Array<{ files: PackedFile[]; size: number; unpackedSize: number }>)[0]!;
  };

  // The bound grew from 2.6 MB with the protobuf entry point (its codec and generated code, ~115 KB,
  // in the ESM, CJS and browser builds), then from 1.2 / 3.2 MB with the emulator's event handlers
  // and raw clients (~45 KB packed, ~165 KB unpacked: in the emulator's ESM and CJS builds, the CLI
  // and the types; the group streams had already taken the package to 3.26 MB unpacked).
  it("ships no source maps, and stays under 1.25 MB packed / 3.5 MB unpacked", () => {
    const pack = packed();
    expect(pack.files.filter((file) => file.path.endsWith(".map"))).toEqual([]);
    expect(pack.size).toBeLessThan(1.25e6);
    expect(pack.unpackedSize).toBeLessThan(3.5e6);
  });

  it("loads the Graphviz renderer only from the CLI, on demand", () => {
    const files = packed().files.map((file) => file.path);
    const cli = readFileSync(path.join(ROOT, "dist", "cli.js"), "utf8");
    // The renderer is the large chunk the CLI imports dynamically (`import("./…js")`).
    const lazy = [...cli.matchAll(/\bimport\("\.\/([\w-]+\.js)"\)/g)].map((match) => match[1] as string);
    const sizes = lazy.map((name) => readFileSync(path.join(ROOT, "dist", name), "utf8").length);
    const chunk = lazy[sizes.indexOf(Math.max(...sizes))];
    expect(chunk).toBeDefined();
    expect(readFileSync(path.join(ROOT, "dist", chunk!), "utf8")).toMatch(/graphviz/i);
    expect(files).toContain(`dist/${chunk}`);
    expect(cli).not.toMatch(new RegExp(`from ["']\\./${chunk!.replace(".", "\\.")}["']`));
    for (const file of files.filter((name) => /\.c?js$/.test(name) && name !== "dist/cli.js")) {
      expect(readFileSync(path.join(ROOT, file), "utf8"), file).not.toContain(chunk);
    }
  });
});
