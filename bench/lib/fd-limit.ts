/**
 * Open-file limits for the runs that hold thousands of sockets (the emulator benchmark's idle
 * connections, scenarios 9 and 10's 10,000 clients): every socket is a file descriptor in the
 * process that holds it, and its service child inherits the runner's limit when it is forked.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

export interface FdLimit {
  readonly soft: number;
  readonly hard: number;
}

export function readFdLimit(): FdLimit | undefined {
  try {
    const line = readFileSync("/proc/self/limits", "utf8")
      .split("\n")
      .find((l) => l.startsWith("Max open files"));
    const match = line?.match(/Max open files\s+(\S+)\s+(\S+)/);
    if (match === null || match === undefined) return undefined;
    const parse = (v: string): number => (v === "unlimited" ? Number.POSITIVE_INFINITY : Number(v));
    return { soft: parse(match[1]!), hard: parse(match[2]!) };
  } catch {
    return undefined;
  }
}

/**
 * Makes sure this process may open `needed` descriptors. `npm run` cannot raise the limit for
 * us, but an unprivileged process may raise its own soft limit up to the hard one: `prlimit --pid`
 * does that for this process, and children forked afterwards inherit it. Returns a problem
 * description (with `command` in the advice), or `undefined` when the limit is fine.
 */
export function ensureFdLimit(
  needed: number,
  command: string,
  log: (line: string) => void,
): string | undefined {
  const limit = readFdLimit();
  if (limit === undefined) return undefined; // Not Linux: hope for the best.
  if (limit.soft >= needed) return undefined;
  const advice = `run: bash -c 'ulimit -n ${Math.max(needed, 20_000)} && ${command}'`;
  if (limit.hard < needed) {
    return `the open-file limit is ${limit.soft} (hard ${limit.hard}), ${needed} are needed; ${advice} as a user allowed to raise it`;
  }
  try {
    const target = Number.isFinite(limit.hard) ? String(limit.hard) : "unlimited";
    execFileSync("prlimit", ["--pid", String(process.pid), `--nofile=${target}:${target}`], {
      stdio: "ignore",
    });
  } catch {
    return `the open-file soft limit is ${limit.soft}, ${needed} are needed, and prlimit failed; ${advice}`;
  }
  const raised = readFdLimit();
  if (raised === undefined || raised.soft < needed) return `could not raise the open-file limit; ${advice}`;
  log(`raised the open-file soft limit from ${limit.soft} to ${raised.soft} with prlimit`);
  return undefined;
}
