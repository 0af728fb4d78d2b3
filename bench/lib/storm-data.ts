/**
 * The reconnect-storm scenario's data, as kept in `bench/results/reconnect-storm.json` (what the
 * RESULTS.md section and any later plot are rendered from), and the figures computed from it.
 * Pure: no I/O besides {@link readStormRun} / {@link writeStormRun}.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { MachineInfo } from "./report.js";
import { percentile } from "./stats.js";

/** `refused`: upgrades answered 503 with `Retry-After`; `unreachable`: connections reset, no answer. */
export type OutageKind = "refused" | "unreachable";
export type StormPopulation = "ours" | "official";

/** Connection attempts per bin of the timeline, by how the service answered. */
export interface StormTimeline {
  /** Width of a bin, ms; bin 0 begins at the outage start. */
  readonly binMs: number;
  /** Upgrades accepted (101). */
  readonly accepted: readonly number[];
  /** Upgrades answered with an error status (503 during a `refused` outage). */
  readonly refused: readonly number[];
  /** Connections reset by the front (an `unreachable` outage) or left without an answer. */
  readonly reset: readonly number[];
  /** Of all the above, the attempts that were new connections rather than recoveries. */
  readonly fresh: readonly number[];
}

/** One outage of one client population. Times are ms from the outage start (the first drop). */
export interface StormEpisode {
  readonly population: StormPopulation;
  readonly kind: OutageKind;
  /** The outage asked for, ms. */
  readonly outageMs: number;
  readonly clients: number;
  /** Connections the service dropped (every client, when all were connected). */
  readonly dropped: number;
  /** When the last connection was dropped. */
  readonly dropsDoneMs: number;
  /** When the service took upgrades again. */
  readonly backMs: number;
  /**
   * Outage start → the message published during the outage delivered, over all clients, as
   * {@link Quantiles}; `null` for a client that had not delivered it `timeoutMs` after the start.
   */
  readonly recoveryMs: Quantiles<number | null>;
  /** Clients that had not delivered it `timeoutMs` after the outage start. */
  readonly notRecovered: number;
  readonly timeoutMs: number;
  /**
   * Outage start → a client's first attempt the service saw (how long the clients took to react
   * to the drop, before any backoff), over the clients that made one, as {@link Quantiles}.
   */
  readonly firstAttemptMs: Quantiles<number | null>;
  /** Connection attempts the service saw from the outage start to the episode's end: `[k]` = clients that made k. */
  readonly attemptsHistogram: readonly number[];
  /** The same, of the attempts while the service was down (outage start → back). */
  readonly whileDownHistogram: readonly number[];
  /** Attempts the front could not attribute to a client of the population. */
  readonly unattributed: number;
  readonly timeline: StormTimeline;
  /** Event-loop delay of the process of the clients during the episode: how busy the runner was. */
  readonly runnerLoopDelayMs: { readonly p99: number; readonly max: number };
  /** CPU time of the process of the clients during the episode (the clients' work, and the runner's small share). */
  readonly runnerCpuMs: number;
  /** Event-loop delay of the service child (emulator and front) during the episode. */
  readonly serviceLoopDelayMs: { readonly p99: number; readonly max: number };
  /** Connections the kernel dropped for a full accept queue during the episode (machine-wide; Linux). */
  readonly listenOverflows?: number;
}

export interface StormRun {
  readonly machine: MachineInfo;
  readonly command: string;
  /** Quiet time after every client recovered, within the episode, ms. */
  readonly settleMs: number;
  /** How long after the service was back a client could take before it counted as not recovered, ms. */
  readonly graceMs: number;
  /** Unmeasured outages each population went through first. */
  readonly warmup: number;
  readonly episodes: readonly StormEpisode[];
}

/**
 * A distribution over clients in 101 numbers: `[p]` is its p-th percentile (nearest rank) for
 * p = 0…100, so `[50]` is the median, `[99]` the p99 and `[100]` the maximum — exactly the
 * figures reported, and enough to draw its distribution, in a file that stays small.
 */
export type Quantiles<T> = readonly T[];

/** The figures of one episode, as the results table shows them. */
export interface StormFigures {
  readonly recoveryP50: number;
  readonly recoveryP99: number;
  /** Infinity when some client did not recover. */
  readonly recoveryMax: number;
  /** The same, from the moment the service was back. */
  readonly afterBackP50: number;
  readonly afterBackP99: number;
  readonly afterBackMax: number;
  readonly notRecovered: number;
  /** Outage start → a client's first attempt seen by the service. */
  readonly firstAttemptP50: number;
  readonly firstAttemptP99: number;
  readonly firstAttemptMax: number;
  readonly attemptsMean: number;
  readonly attemptsMax: number;
  /** Attempts per client per second while the service was down: mean and max over clients. */
  readonly ratePerClientMean: number;
  readonly ratePerClientMax: number;
  /** The busiest second of the episode (a sliding 1 s window over the timeline), all clients together. */
  readonly peakPerSecond: number;
}

/** The largest sum of `width` consecutive bins. */
export function peakWindow(bins: readonly number[], width: number): number {
  let sum = 0;
  let peak = 0;
  for (let i = 0; i < bins.length; i++) {
    sum += bins[i]!;
    if (i >= width) sum -= bins[i - width]!;
    peak = Math.max(peak, sum);
  }
  return peak;
}

/** The total attempts per bin. */
export function totalPerBin(timeline: StormTimeline): number[] {
  return timeline.accepted.map((a, i) => a + timeline.refused[i]! + timeline.reset[i]!);
}

/** `[p]` = the p-th percentile of `values` (nearest rank), p = 0…100; Infinity becomes `null`. */
export function quantiles(values: readonly number[]): (number | null)[] {
  const result: (number | null)[] = [];
  if (values.length === 0) return result;
  for (let p = 0; p <= 100; p++) {
    const value = percentile(values, p);
    result.push(Number.isFinite(value) ? Math.round(value * 10) / 10 : null);
  }
  return result;
}

/** `[k]` = how many of `values` (non-negative integers) are k. */
export function histogram(values: readonly number[]): number[] {
  const result: number[] = [];
  for (const value of values) {
    while (result.length <= value) result.push(0);
    result[value]!++;
  }
  return result;
}

function histogramMean(h: readonly number[]): number {
  let n = 0;
  let sum = 0;
  h.forEach((count, k) => {
    n += count;
    sum += k * count;
  });
  return n === 0 ? Number.NaN : sum / n;
}

function histogramMax(h: readonly number[]): number {
  for (let k = h.length - 1; k >= 0; k--) if (h[k]! > 0) return k;
  return Number.NaN;
}

/** A quantile as a number: `null` (never) is Infinity, a missing one NaN. */
function at(q: Quantiles<number | null>, p: number): number {
  const value = q[p];
  return value === undefined ? Number.NaN : value === null ? Infinity : value;
}

export function stormFigures(episode: StormEpisode): StormFigures {
  const recovery = episode.recoveryMs;
  const back = episode.backMs;
  const downSeconds = back / 1000;
  return {
    recoveryP50: at(recovery, 50),
    recoveryP99: at(recovery, 99),
    recoveryMax: at(recovery, 100),
    afterBackP50: at(recovery, 50) - back,
    afterBackP99: at(recovery, 99) - back,
    afterBackMax: at(recovery, 100) - back,
    notRecovered: episode.notRecovered,
    firstAttemptP50: at(episode.firstAttemptMs, 50),
    firstAttemptP99: at(episode.firstAttemptMs, 99),
    firstAttemptMax: at(episode.firstAttemptMs, 100),
    attemptsMean: histogramMean(episode.attemptsHistogram),
    attemptsMax: histogramMax(episode.attemptsHistogram),
    ratePerClientMean: histogramMean(episode.whileDownHistogram) / downSeconds,
    ratePerClientMax: histogramMax(episode.whileDownHistogram) / downSeconds,
    peakPerSecond: peakWindow(
      totalPerBin(episode.timeline),
      Math.max(1, Math.round(1000 / episode.timeline.binMs)),
    ),
  };
}

/** Attempts bucketed by time since the outage start, by how the service answered. */
export function binAttempts(
  attempts: readonly { readonly at: number; readonly status: number; readonly recovery: boolean }[],
  startedAt: number,
  binMs: number,
): StormTimeline {
  const last = attempts.reduce((m, a) => Math.max(m, a.at - startedAt), 0);
  const bins = Math.floor(last / binMs) + 1;
  const accepted = new Array<number>(bins).fill(0);
  const refused = new Array<number>(bins).fill(0);
  const reset = new Array<number>(bins).fill(0);
  const fresh = new Array<number>(bins).fill(0);
  for (const attempt of attempts) {
    const bin = Math.max(0, Math.floor((attempt.at - startedAt) / binMs));
    const counter = attempt.status === 101 ? accepted : attempt.status === 0 ? reset : refused;
    counter[bin]!++;
    if (!attempt.recovery) fresh[bin]!++;
  }
  return { binMs, accepted, refused, reset, fresh };
}

/**
 * JSON with arrays of numbers on one line each (the file holds thousands of them; one per line
 * would make it unreadable and its diffs useless).
 */
export function stringifyCompact(value: unknown): string {
  return (
    JSON.stringify(value, null, 2).replace(
      /\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g,
      (_, list: string) => `[${list.split(/,\s+/).join(", ")}]`,
    ) + "\n"
  );
}

export function writeStormRun(path: string, run: StormRun): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, stringifyCompact(run));
}

export function readStormRun(path: string): StormRun | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as StormRun;
}
