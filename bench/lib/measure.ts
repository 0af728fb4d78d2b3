/**
 * Measuring one stretch of client work: wall time (`performance.now()`) and this process's CPU
 * time (`process.cpuUsage()`, user + system). The services run in a child process, so the CPU
 * measured here is the clients' (plus the runner's small bookkeeping, the same for every kind).
 */
import { performance } from "node:perf_hooks";

export interface Measurement {
  readonly wallMs: number;
  /** User + system CPU of this process, µs. */
  readonly cpuUs: number;
}

export function startMeasure(): () => Measurement {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { wallMs: performance.now() - wall, cpuUs: used.user + used.system };
  };
}

/** `performance.timeOrigin + performance.now()`: comparable with the service child's stamps. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

/** Lets pending I/O and timers run. */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Full GC twice (needs `--expose-gc`), then `heapUsed`. */
export async function heapAfterGc(): Promise<number> {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error("run with node --expose-gc");
  for (let i = 0; i < 3; i++) {
    gc();
    await tick();
  }
  return process.memoryUsage().heapUsed;
}

/**
 * The lowest of at least `samples` readings of {@link heapAfterGc}, 50 ms apart, going on (up to
 * 20 readings) while they still fall by more than 16 KiB. Even an idle process's `heapUsed` after
 * full GCs swings by ~0.2 MiB between two states from one reading to the next (measured here);
 * the lowest of a few readings is the same state every time. After a population has been
 * stopped, its sockets finish closing over the next turns: the readings fall until they have.
 */
export async function lowHeap(samples = 4): Promise<number> {
  let low = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 20; i++) {
    if (i > 0) await sleep(50);
    const before = low;
    low = Math.min(low, await heapAfterGc());
    if (i + 1 >= samples && before - low <= 16 * 1024) return low;
  }
  return low;
}
