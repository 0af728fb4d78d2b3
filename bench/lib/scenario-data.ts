/**
 * The data of scenarios 1–7 as kept in `bench/results/<name>.json`, one file per scenario: its
 * rows (every variant's median, spread and round values), the machine and load while it ran, and
 * what a plot needs beyond the table (scenario 5's recovery times as a distribution). RESULTS.md's
 * main table and the plots are rendered from these files, so a run of some scenarios replaces only
 * theirs.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { MachineInfo } from "./report.js";
import type { Summary } from "./stats.js";
import type { Quantiles } from "./storm-data.js";
import { stringifyCompact } from "./storm-data.js";
import type { MetricRow } from "./types.js";

/** Scenario names in table order (`--only` takes these or their numbers). */
export const MAIN_SCENARIO_NAMES = [
  "ack-throughput",
  "fire-and-forget",
  "fanout",
  "ack-latency",
  "recovery",
  "memory",
  "cpu-per-message",
] as const;
export type MainScenarioName = (typeof MAIN_SCENARIO_NAMES)[number];

/** A row as stored: the variants' summaries as a plain object (JSON has no Map). */
export interface StoredRow extends Omit<MetricRow, "results"> {
  readonly results: Readonly<Record<string, Summary>>;
}

/** A recovery-time distribution per client kind, as {@link Quantiles} (ms from the drop). */
export interface RecoveryDistribution {
  /** The row's scenario label, e.g. "5. recovery after drop (200 drops)". */
  readonly scenario: string;
  readonly drops: number;
  readonly refuseMs: number;
  readonly quantiles: Readonly<Record<string, Quantiles<number | null>>>;
}

export interface ScenarioRun {
  readonly name: MainScenarioName;
  readonly machine: MachineInfo;
  readonly command: string;
  /** Identifies one invocation of the runner: scenarios of the same run share it. */
  readonly runId: string;
  readonly rounds: number;
  readonly warmup: number;
  readonly rows: readonly StoredRow[];
  /** Scenario 5 only. */
  readonly recovery?: readonly RecoveryDistribution[];
}

export function storeRow(row: MetricRow): StoredRow {
  return { ...row, results: Object.fromEntries(row.results) };
}

export function loadRow(row: StoredRow): MetricRow {
  return { ...row, results: new Map(Object.entries(row.results)) };
}

export function scenarioFile(dir: string, name: string): string {
  return join(dir, `${name}.json`);
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, stringifyCompact(value));
}

export function readJson<T>(path: string): T | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as T) : undefined;
}

/** The stored runs of scenarios 1–7 that exist in `dir`, in table order. */
export function readScenarioRuns(dir: string): ScenarioRun[] {
  return MAIN_SCENARIO_NAMES.flatMap((name) => readJson<ScenarioRun>(scenarioFile(dir, name)) ?? []);
}
