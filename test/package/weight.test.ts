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

  // The bound grew with the protobuf entry point, the emulator's event handlers and raw clients,
  // and the group streams (to 1.23 / 3.49 MB), then shrank when the ESM entries began to share
  // chunks instead of each carrying its own copy of the client (1.09 / 2.85 MB).
  it("ships no source maps, and stays under 1.15 MB packed / 3.0 MB unpacked", () => {
    const pack = packed();
    expect(pack.files.filter((file) => file.path.endsWith(".map"))).toEqual([]);
    expect(pack.size).toBeLessThan(1.15e6);
    expect(pack.unpackedSize).toBeLessThan(3.0e6);
  });

  it("shares one copy of the client between the ESM entries, and keeps protobufjs out of the JSON entry", () => {
    built.assertPresent();
    const read = (file: string) => readFileSync(path.join(ROOT, "dist", file), "utf8");
    // Every file an entry loads when it is imported (static imports only, followed through chunks).
    const loaded = (entry: string): Set<string> => {
      const seen = new Set<string>();
      const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const match of read(file).matchAll(/^(?:import|export)\s[^;]*?\sfrom\s"\.\/([\w.-]+\.js)"/gm)) {
          visit(match[1] as string);
        }
      };
      visit(entry);
      return seen;
    };
    const defines = (file: string, name: string) =>
      new RegExp(`\\b(?:class ${name}|var ${name} = class)\\b`).test(read(file));
    const home = (entry: string, name: string) => [...loaded(entry)].filter((file) => defines(file, name));
    // The facade class is defined once, in a chunk that `.` and `./testing` both load.
    const client = home("index.js", "WebPubSubClient");
    expect(client).toHaveLength(1);
    expect(client[0]).toMatch(/^chunk-/);
    expect(home("testing.js", "WebPubSubClient")).toEqual(client);
    const protobufjs = (entry: string) =>
      [...loaded(entry)].some((file) => /\$protobuf|protobufjs/.test(read(file)));
    expect(protobufjs("protobuf.js")).toBe(true);
    expect(protobufjs("index.js")).toBe(false);
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
