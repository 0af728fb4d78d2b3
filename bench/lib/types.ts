/** What a scenario hands the reporter: one row per metric, one summary per variant. */
import type { Summary } from "./stats.js";

/** `ours`, `official` and `raw`, plus extra variants of ours (e.g. `ours, inspector on`). */
export type Variant = string;

export interface MetricRow {
  /** e.g. "1. acked sendToGroup". */
  readonly scenario: string;
  /** e.g. "throughput". */
  readonly metric: string;
  readonly unit: string;
  readonly better: "higher" | "lower";
  readonly results: ReadonlyMap<Variant, Summary>;
  /** The target for ours, if the issue sets one, for the verdict column. */
  readonly target?: Target;
  readonly note?: string;
}

export type Target =
  /** ours / raw must be at most (lower is better) or at least (higher is better) `ratio`. */
  | { readonly kind: "vs-raw"; readonly ratio: number }
  /** ours / official, likewise. */
  | { readonly kind: "vs-official"; readonly ratio: number }
  /** ours' median at most this absolute value. */
  | { readonly kind: "absolute"; readonly max: number };

export interface ScenarioContext {
  readonly rounds: number;
  readonly warmup: number;
  /** Print progress lines. */
  readonly log: (line: string) => void;
}
