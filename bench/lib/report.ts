/**
 * Rendering: the full results (`bench/RESULTS.md`) and the README summary table
 * (`bench/README.section.md`). Ratios are ours / official and ours / raw on medians; the verdict
 * compares ours with the target for that row.
 */
import type { Summary } from "./stats.js";
import type { MetricRow } from "./types.js";

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly platform: string;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  /** Busy share of other processes during the run, in cores (from /proc/stat), if known. */
  readonly otherCores: number | undefined;
  readonly commit: string;
  readonly date: string;
  readonly wallSeconds: number;
}

export function fmt(value: number, unit = ""): string {
  if (!Number.isFinite(value)) return "–";
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const text = value.toLocaleString("en-US", {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
  return unit === "" ? text : `${text}`;
}

function cell(summary: Summary | undefined): string {
  if (summary === undefined) return "–";
  if (summary.n <= 1) return `**${fmt(summary.median)}**`;
  return `**${fmt(summary.median)}** <sub>${fmt(summary.min)}–${fmt(summary.max)}</sub>`;
}

export function ratio(row: MetricRow, other: string, variant = "ours"): number {
  const a = row.results.get(variant)?.median;
  const b = row.results.get(other)?.median;
  return a === undefined || b === undefined || b === 0 ? Number.NaN : a / b;
}

function ratioCell(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : "–";
}

/** Whether ours meets the row's target: "yes", "no" or "" (no target). */
export function verdict(row: MetricRow): string {
  const t = row.target;
  if (t === undefined) return "";
  let ok: boolean;
  let goal: string;
  if (t.kind === "absolute") {
    const v = row.results.get("ours")?.median ?? Number.NaN;
    ok = v <= t.max;
    goal = `≤ ${t.max} ${row.unit}`;
  } else {
    const r = ratio(row, t.kind === "vs-raw" ? "raw" : "official");
    ok = row.better === "higher" ? r >= t.ratio : r <= t.ratio;
    goal = `${row.better === "higher" ? "≥" : "≤"} ${t.ratio}× ${t.kind === "vs-raw" ? "raw" : "official"}`;
  }
  return `${ok ? "✅" : "❌"} ${goal}`;
}

/** The main table: one line per metric, columns per variant, ratios and verdict. */
export function renderTable(rows: readonly MetricRow[], extraVariants: readonly string[]): string {
  const head = [
    "Scenario",
    "Metric",
    "ours",
    "official",
    "raw `ws`",
    ...extraVariants,
    "ours / official",
    "ours / raw",
    "target",
  ];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i < 2 ? "---" : "---:")).join("|")}|`];
  for (const row of rows) {
    const cells = [
      row.scenario,
      `${row.metric} (${row.unit}, ${row.better} is better)`,
      cell(row.results.get("ours")),
      cell(row.results.get("official")),
      cell(row.results.get("raw")),
      ...extraVariants.map((v) => cell(row.results.get(v))),
      ratioCell(ratio(row, "official")),
      ratioCell(ratio(row, "raw")),
      verdict(row),
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

/** The short table for the README: medians and ratios only. */
export function renderSummary(rows: readonly MetricRow[], command: string, machine: MachineInfo): string {
  const lines = [
    "## Performance",
    "",
    `Measured side by side in one run (\`${command}\`; ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load average ${machine.loadBefore.map((l) => l.toFixed(2)).join(" / ")}; a shared machine). Medians; full table, method and spread in [bench/RESULTS.md](bench/RESULTS.md).`,
    "",
    "Reproduce: `npm run bench` (about 13 minutes on 2 cores; `npm run bench -- --only 9,10` runs some scenarios, `npm run bench:plots` redraws RESULTS.md and the plots from the stored data in `bench/results/`). The machine is shared, so every figure is noisy: read the ratios, measured side by side in every round.",
    "",
    "| Scenario | Metric | ours | official | raw `ws` | ours / official | ours / raw | target |",
    "|---|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.scenario} | ${row.metric} (${row.unit}) | ${fmt(row.results.get("ours")?.median ?? Number.NaN)} | ${fmt(row.results.get("official")?.median ?? Number.NaN)} | ${fmt(row.results.get("raw")?.median ?? Number.NaN)} | ${ratioCell(ratio(row, "official"))} | ${ratioCell(ratio(row, "raw"))} | ${verdict(row)} |`,
    );
    // Variants of ours (an ack timeout, inspection on) get a line of their own, compared with the same baselines.
    for (const variant of row.results.keys()) {
      if (variant === "ours" || variant === "official" || variant === "raw") continue;
      lines.push(
        `| ${row.scenario} | ${row.metric} (${row.unit}), **${variant}** | ${fmt(row.results.get(variant)?.median ?? Number.NaN)} | | | ${ratioCell(ratio(row, "official", variant))} | ${ratioCell(ratio(row, "raw", variant))} | |`,
      );
    }
  }
  return lines.join("\n") + "\n";
}
