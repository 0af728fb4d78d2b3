/**
 * What else the machine was doing: machine-wide CPU time (`/proc/stat`) against this benchmark's
 * own (`/proc/self/stat`, children included once they have exited), so a loaded machine shows in
 * the results.
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Clock ticks per second of `/proc` times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

export interface CpuTimes {
  /** Machine-wide busy time, seconds (all cores). */
  readonly busy: number;
  readonly idle: number;
  readonly steal: number;
  /** This process plus its exited children, seconds. */
  readonly own: number;
}

/** `undefined` when `/proc` is not there (not Linux). */
export function readCpuTimes(): CpuTimes | undefined {
  try {
    const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = cpu;
    // Fields after the command name (which is in parentheses and may contain spaces).
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .map(Number);
    // utime, stime, cutime, cstime are fields 14–17, i.e. 11–14 after the state field (3).
    const own = (fields[11] ?? 0) + (fields[12] ?? 0) + (fields[13] ?? 0) + (fields[14] ?? 0);
    return {
      busy: (user + nice + system + irq + softirq) / USER_HZ,
      idle: (idle + iowait) / USER_HZ,
      steal: steal / USER_HZ,
      own: own / USER_HZ,
    };
  } catch {
    return undefined;
  }
}

export interface CpuShare {
  /** Share of all cores' time, 0–1. */
  readonly busy: number;
  readonly steal: number;
  /** Busy time of other processes, in cores (e.g. 0.8 = most of one core). */
  readonly otherCores: number;
  /** Busy time of this benchmark (runner + emulator children), in cores. */
  readonly ownCores: number;
}

export function cpuShare(before: CpuTimes, after: CpuTimes, wallSeconds: number): CpuShare {
  const busy = after.busy - before.busy;
  const total = busy + (after.idle - before.idle) + (after.steal - before.steal);
  const own = after.own - before.own;
  return {
    busy: total > 0 ? busy / total : 0,
    steal: total > 0 ? (after.steal - before.steal) / total : 0,
    otherCores: Math.max(0, busy - own) / wallSeconds,
    ownCores: own / wallSeconds,
  };
}

/** A short hash of the sources under test, since the tree changes between commits. */
export function sourceHash(root: string, dirs: readonly string[]): string {
  const hash = createHash("sha256");
  for (const dir of dirs) {
    const names = readdirSync(join(root, dir))
      .filter((name) => name.endsWith(".ts"))
      .sort();
    for (const name of names) {
      hash.update(`${dir}/${name}\0`);
      hash.update(readFileSync(join(root, dir, name)));
    }
  }
  return hash.digest("hex").slice(0, 12);
}
