/**
 * The repository stands on its own: every relative link in its Markdown files names a file (or
 * folder) that is committed, and nothing cites files outside the repository.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../cli/helpers.js";

const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" })
  .split("\0")
  .filter(Boolean);
const files = new Set(tracked);
const folders = new Set(
  tracked.flatMap((file) =>
    file
      .split("/")
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join("/")),
  ),
);

describe("links", () => {
  it("every relative Markdown link names a committed file or folder", () => {
    const broken: string[] = [];
    for (const file of tracked.filter((name) => name.endsWith(".md"))) {
      const text = readFileSync(path.join(ROOT, file), "utf8");
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1] as string;
        if (/^(?:[a-z]+:|#)/i.test(target)) continue;
        // A `*.section.md` is a fragment generated for the root README: its links are the README's.
        const base = file.endsWith(".section.md") ? "." : path.posix.dirname(file);
        const resolved = path.posix.normalize(path.posix.join(base, target.replace(/#.*$/, "")));
        const name = resolved.replace(/\/$/, "");
        if (!files.has(name) && !folders.has(name)) broken.push(`${file}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("nothing cites files outside the repository", () => {
    const outside = /\.\.\/shared\/|shared\/(?:DESIGN|reference)/;
    const citing = tracked
      .filter((file) => file !== "package-lock.json" && !/\.(?:png|svg)$/.test(file))
      .filter((file) => outside.test(readFileSync(path.join(ROOT, file), "utf8")));
    expect(citing).toEqual([]);
  });
});
