/**
 * The data of scenario 9 (cost as work grows, `bench/results/growth.json`) and scenario 10 (idle
 * CPU, `bench/results/idle-cpu.json`), and the figures computed from it. Pure apart from the
 * file helpers it reuses.
 */
import type { MachineInfo } from "./report.js";
import { median } from "./stats.js";

/** One level of an axis, one round: the figures measured with `level` operations or clients. */
export interface GrowthPoint {
  readonly level: number;
  /** Client CPU per acked `sendToGroup` of the measured client, µs. */
  readonly cpuUsPerOp: number;
  readonly opsPerSecond: number;
  /** Heap per pending operation (B) on the pending axis; per connected client (KiB) on the clients axis. */
  readonly heap: number;
}

export interface GrowthAxis {
  readonly levels: readonly number[];
  /** Acked sends measured at every level (after a warm-up of the same client), 100 in flight. */
  readonly measuredOps: number;
  readonly inFlight: number;
  /** Pending axis: clients each holding `level` operations, so that every level holds enough to weigh. */
  readonly clientsPerLevel?: readonly number[];
  /**
   * Levels below this weigh less than a heap reading's noise (~20 KiB after the steps of
   * `lowHeap`): their heap figure is not shown. Clients axis: 100.
   */
  readonly heapFromLevel?: number;
  /** Per kind: one list of points (one per level) per round. */
  readonly byKind: Readonly<Record<string, readonly (readonly GrowthPoint[])[]>>;
}

export interface GrowthRun {
  readonly machine: MachineInfo;
  readonly command: string;
  readonly runId: string;
  readonly pending?: GrowthAxis;
  readonly clients?: GrowthAxis;
}

/** One stretch of idle time: this process's CPU and event-loop utilisation over it. */
export interface IdleWindow {
  readonly seconds: number;
  /** User + system CPU of the process, µs. */
  readonly cpuUs: number;
  /** `performance.eventLoopUtilization()` over the window, 0–1. */
  readonly utilization: number;
}

export interface IdleRound {
  /** Consecutive windows covering one keep-alive interval, so every client pings once in them. */
  readonly windows: readonly IdleWindow[];
  readonly heapPerClientKiB: number;
  readonly openSeconds: number;
}

export interface IdleRun {
  readonly machine: MachineInfo;
  readonly command: string;
  readonly runId: string;
  readonly clients: number;
  readonly windowSeconds: number;
  readonly byKind: Readonly<Record<string, readonly IdleRound[]>>;
}

/** How many clients hold `level` operations each, so that a level holds at least `minHeld`. */
export function clientsForLevel(level: number, minHeld: number): number {
  return Math.max(1, Math.ceil(minHeld / level));
}

/** Per level, the median over rounds of `pick`, over the readings `valid` accepts (all by default). */
export function levelMedians(
  axis: GrowthAxis,
  kind: string,
  pick: (point: GrowthPoint) => number,
  valid: (value: number) => boolean = () => true,
): { level: number; value: number }[] {
  const rounds = axis.byKind[kind] ?? [];
  return axis.levels.map((level, i) => ({
    level,
    value: median(
      rounds.flatMap((points) => (points[i] === undefined ? [] : [pick(points[i])])).filter(valid),
    ),
  }));
}

/**
 * A heap reading of zero or less is impossible (held operations and connected clients weigh
 * something): memory of earlier, stopped clients was collected during it. Such readings are left
 * out of the medians and counted ({@link discardedHeapReadings}).
 */
const possibleHeap = (value: number): boolean => value > 0;

/**
 * Per level, the median of the possible heap readings; NaN where the level is below the axis's
 * heap resolution or no reading was possible.
 */
export function heapMedians(axis: GrowthAxis, kind: string): { level: number; value: number }[] {
  return levelMedians(axis, kind, (p) => p.heap, possibleHeap).map((p) =>
    p.level < (axis.heapFromLevel ?? 0) ? { level: p.level, value: Number.NaN } : p,
  );
}

/** How many of a kind's heap readings at shown levels were impossible, of how many. */
export function discardedHeapReadings(axis: GrowthAxis, kind: string): { discarded: number; of: number } {
  const readings = (axis.byKind[kind] ?? []).flatMap((points) =>
    points.filter((p) => p.level >= (axis.heapFromLevel ?? 0)).map((p) => p.heap),
  );
  return { discarded: readings.filter((v) => !possibleHeap(v)).length, of: readings.length };
}

/** The largest over the smallest of a series of medians: 1 when perfectly flat. */
export function spread(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v) && v > 0);
  return finite.length === 0 ? Number.NaN : Math.max(...finite) / Math.min(...finite);
}

/** Share of one core, in %, of CPU time `cpuUs` over `seconds`. */
export function corePercent(cpuUs: number, seconds: number): number {
  return seconds > 0 ? cpuUs / (seconds * 1e4) : Number.NaN;
}

/** An idle round's CPU and utilisation over all its windows, % of one core. */
export function idleFigures(round: IdleRound): {
  cpuPercent: number;
  eluPercent: number;
  worstWindowCpuPercent: number;
} {
  const seconds = round.windows.reduce((s, w) => s + w.seconds, 0);
  const cpuUs = round.windows.reduce((s, w) => s + w.cpuUs, 0);
  const active = round.windows.reduce((s, w) => s + w.utilization * w.seconds, 0);
  return {
    cpuPercent: corePercent(cpuUs, seconds),
    eluPercent: seconds > 0 ? (100 * active) / seconds : Number.NaN,
    worstWindowCpuPercent: Math.max(...round.windows.map((w) => corePercent(w.cpuUs, w.seconds))),
  };
}
