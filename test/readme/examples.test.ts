/**
 * The README's TypeScript examples run as written. Every ```ts block is type-checked (strict, as
 * this repository is) and run: a program with tsx, a test file with vitest. They import the
 * package by its name, which here resolves to `src/` (no build needed). A block that cannot run
 * on its own carries a `<!-- not-run: why -->` mark, and there may only be a few of those.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../cli/helpers.js";
import { typescriptExamples, type CodeExample } from "./extract.js";

/** The most blocks the README may leave unrun. */
const MOST_NOT_RUN = 3;

const README = path.join(ROOT, "README.md");
const examples = typescriptExamples(readFileSync(README, "utf8"));
const runnable = examples.filter((example) => example.notRun === undefined);

/** How the package's entry points resolve in the examples: to the sources. */
const ENTRIES: Record<string, string> = {
  "web-pubsub-machine": path.join(ROOT, "src", "index.ts"),
  "web-pubsub-machine/emulator": path.join(ROOT, "src", "emulator", "index.ts"),
  "web-pubsub-machine/testing": path.join(ROOT, "src", "testing", "index.ts"),
  "web-pubsub-machine/protobuf": path.join(ROOT, "src", "protobuf.ts"),
};

/** A scratch project outside the repository: the examples as files, our node_modules, path mapping. */
const work = mkdtempSync(path.join(os.tmpdir(), "readme-examples-"));
symlinkSync(path.join(ROOT, "node_modules"), path.join(work, "node_modules"), "dir");
writeFileSync(path.join(work, "package.json"), JSON.stringify({ type: "module", private: true }));
const repoOptions = (
  JSON.parse(readFileSync(path.join(ROOT, "tsconfig.json"), "utf8")) as { compilerOptions: object }
).compilerOptions;
const compilerOptions = {
  ...repoOptions,
  paths: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, [file]])),
};
writeFileSync(path.join(work, "tsconfig.json"), JSON.stringify({ compilerOptions }, null, 2));
// Test files run under vitest with the same mapping (exact names: `web-pubsub-machine` is a prefix of the others).
const aliases = Object.entries(ENTRIES)
  .map(([name, file]) => `{ find: /^${name.replace("/", "\\/")}$/, replacement: ${JSON.stringify(file)} }`)
  .join(", ");
writeFileSync(
  path.join(work, "vitest.config.mjs"),
  `export default { resolve: { alias: [${aliases}] }, test: { include: ["*.test.ts"], testTimeout: 20000 } };\n`,
);

function fileOf(example: CodeExample): string {
  return path.join(work, `readme-line-${example.line}${example.isTest ? ".test" : ""}.ts`);
}
for (const example of runnable) {
  writeFileSync(fileOf(example), `// README.md, the block at line ${example.line}\n${example.code}`);
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly output: string;
}

function run(args: readonly string[], timeoutMs: number): Promise<Run> {
  const child = spawn(process.execPath, args, { cwd: work, env: { ...process.env, NO_COLOR: "1" } });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      output += `\n[killed after ${timeoutMs} ms: the example did not finish]`;
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("README.md's TypeScript examples", () => {
  it("are mostly runnable: only a few are marked not-run, each with its reason", () => {
    expect(runnable.length).toBeGreaterThanOrEqual(4);
    const notRun = examples.filter((example) => example.notRun !== undefined);
    expect(notRun.length).toBeLessThanOrEqual(MOST_NOT_RUN);
    for (const example of notRun) expect(example.notRun!.length).toBeGreaterThan(10);
  });

  it("type-check as written (strict, like this repository)", () => {
    const parsed = ts.convertCompilerOptionsFromJson(compilerOptions, work);
    expect(parsed.errors).toEqual([]);
    const program = ts.createProgram(runnable.map(fileOf), parsed.options);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      if (d.file === undefined || d.start === undefined) return message;
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      const block = /readme-line-(\d+)/.exec(d.file.fileName)?.[1];
      // The file's first line is a comment; the block's first line is one below its fence.
      const where = block === undefined ? d.file.fileName : `README.md:${Number(block) + line}`;
      return `${where}: ${message}`;
    });
    expect(problems).toEqual([]);
  }, 60_000);

  it.each(runnable.filter((example) => !example.isTest).map((example) => [example.line, example] as const))(
    "the program at line %i runs and exits 0",
    async (_line, example) => {
      const result = await run(["--import", "tsx", fileOf(example)], 20_000);
      expect(result.output, result.output).not.toMatch(/\[killed after/);
      expect(result.code, result.output).toBe(0);
    },
    30_000,
  );

  it.each(runnable.filter((example) => example.isTest).map((example) => [example.line, example] as const))(
    "the test file at line %i passes under vitest",
    async (_line, example) => {
      const vitest = path.join(ROOT, "node_modules", "vitest", "vitest.mjs");
      const result = await run(
        [
          vitest,
          "run",
          "--root",
          work,
          "--config",
          path.join(work, "vitest.config.mjs"),
          path.basename(fileOf(example)),
        ],
        45_000,
      );
      expect(result.code, result.output).toBe(0);
      expect(result.output).toMatch(/Tests +\d+ passed/);
    },
    60_000,
  );
});
