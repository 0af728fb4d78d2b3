/**
 * Running `wps` as a child process through tsx (no build needed), with a timeout, and reading its
 * output line by line as it arrives.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The CLI entry point, run from source. */
export const MAIN = "src/cli/main.ts";

/** What a finished CLI run produced. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function environment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // No colours or terminal tricks: tests read plain piped output.
  return { ...process.env, NO_COLOR: "1", ...extra };
}

/** Starts `wps …` with piped stdio. */
export function spawnCli(args: readonly string[], env?: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
    cwd: ROOT,
    env: environment(env),
    stdio: "pipe",
  });
}

/** Runs `wps …` to completion, feeding `input` on stdin; kills it after `timeoutMs`. */
export function runCli(
  args: readonly string[],
  options: { input?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<CliRun> {
  const child = spawnCli(args, options.env);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdin.end(options.input ?? "");
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`wps ${args.join(" ")} timed out\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, options.timeoutMs ?? 15_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Collects a child's stdout lines and resolves waits on them as they arrive. */
export class LineReader {
  readonly lines: string[] = [];
  private buffer = "";
  private readonly waiters = new Set<() => void>();

  constructor(child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      this.buffer += chunk;
      let at: number;
      while ((at = this.buffer.indexOf("\n")) !== -1) {
        this.lines.push(this.buffer.slice(0, at));
        this.buffer = this.buffer.slice(at + 1);
      }
      for (const waiter of [...this.waiters]) waiter();
    });
  }

  /** Resolves with the first line (already read or to come) that satisfies `predicate`. */
  waitFor(predicate: (line: string) => boolean, timeoutMs = 10_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const line = this.lines.find(predicate);
        if (line === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(line);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no matching line within ${timeoutMs} ms; got:\n${this.lines.join("\n")}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}

/** Parses JSON lines, failing with the offending line. */
export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON line: ${line}`);
      }
    });
}
