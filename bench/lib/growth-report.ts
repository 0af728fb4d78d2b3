/**
 * The sections of `bench/RESULTS.md` for scenario 9 (cost as work grows) and scenario 10 (idle
 * CPU), rendered from `bench/results/growth.json` and `bench/results/idle-cpu.json`.
 */
import type { GrowthAxis, GrowthRun, IdleRun } from "./growth-data.js";
import { discardedHeapReadings, heapMedians, idleFigures, levelMedians, spread } from "./growth-data.js";
import { fmt } from "./report.js";
import { median } from "./stats.js";

/** Ours counts as flat when its largest median is within this factor of its smallest. */
export const FLAT_TOLERANCE = 1.25;
/** The issue's target for 10,000 idle clients: under 1 % of a core. */
export const IDLE_TARGET_PERCENT = 1;

const BASE_KINDS = ["ours", "official", "raw"] as const;

function kindsOf(byKind: Readonly<Record<string, unknown>>): string[] {
  const kinds = Object.keys(byKind);
  return [
    ...BASE_KINDS.filter((k) => kinds.includes(k)),
    ...kinds.filter((k) => !BASE_KINDS.includes(k as never)),
  ];
}

function flatCell(values: readonly number[]): string {
  const s = spread(values);
  if (!Number.isFinite(s)) return "–";
  return `${s.toFixed(2)}×`;
}

/** One table for an axis: per level, CPU per op and heap for every kind, and the spread row. */
export function renderAxisTable(axis: GrowthAxis, levelLabel: string, heapUnit: string): string {
  const kinds = kindsOf(axis.byKind);
  const cpu = new Map(kinds.map((k) => [k, levelMedians(axis, k, (p) => p.cpuUsPerOp)]));
  const heap = new Map(kinds.map((k) => [k, heapMedians(axis, k)]));
  const head = [
    levelLabel,
    ...(axis.clientsPerLevel !== undefined ? ["clients"] : []),
    ...kinds.map((k) => `${k}: CPU/op (µs)`),
    "ours / raw (CPU)",
    ...kinds.map((k) => `${k}: heap (${heapUnit})`),
  ];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---:").join("|")}|`];
  axis.levels.forEach((level, i) => {
    const ours = cpu.get("ours")?.[i]?.value;
    const raw = cpu.get("raw")?.[i]?.value;
    lines.push(
      `| ${fmt(level)} | ${[
        ...(axis.clientsPerLevel !== undefined ? [fmt(axis.clientsPerLevel[i] ?? Number.NaN)] : []),
        ...kinds.map((k) => fmt(cpu.get(k)?.[i]?.value ?? Number.NaN)),
        ours !== undefined && raw !== undefined && raw > 0 ? `${(ours / raw).toFixed(2)}×` : "–",
        ...kinds.map((k) => fmt(heap.get(k)?.[i]?.value ?? Number.NaN)),
      ].join(" | ")} |`,
    );
  });
  lines.push(
    `| **largest / smallest** | ${[
      ...(axis.clientsPerLevel !== undefined ? [""] : []),
      ...kinds.map((k) => flatCell(cpu.get(k)!.map((p) => p.value))),
      "",
      ...kinds.map((k) => flatCell(heap.get(k)!.map((p) => p.value))),
    ].join(" | ")} |`,
  );
  return lines.join("\n");
}

/** Whether ours stays within {@link FLAT_TOLERANCE} on an axis, for CPU and for heap. */
export function flatVerdict(axis: GrowthAxis): { cpu: number; heap: number; flat: boolean } {
  const cpu = spread(levelMedians(axis, "ours", (p) => p.cpuUsPerOp).map((p) => p.value));
  const heap = spread(heapMedians(axis, "ours").map((p) => p.value));
  return { cpu, heap, flat: cpu <= FLAT_TOLERANCE && heap <= FLAT_TOLERANCE };
}

function verdictLine(axis: GrowthAxis, what: string): string {
  const v = flatVerdict(axis);
  const { discarded, of } = discardedHeapReadings(axis, "ours");
  const left =
    discarded === 0
      ? ""
      : ` ${discarded} of ours' ${of} heap readings were ≤ 0, impossible (memory of stopped clients was collected during them), and are left out of the medians.`;
  return `${v.flat ? "✅" : "❌"} ours ${v.flat ? "stays flat" : "does not stay flat"} ${what}: its largest CPU per op is ${v.cpu.toFixed(2)}× its smallest, its largest heap figure ${v.heap.toFixed(2)}× its smallest (flat: within ${FLAT_TOLERANCE}×).${left}`;
}

function rounds(axis: GrowthAxis): number {
  return Math.max(0, ...Object.values(axis.byKind).map((r) => r.length));
}

export function renderGrowthSection(run: GrowthRun): string {
  const m = run.machine;
  const parts = [
    `## 9. Cost as work grows

Rendered from [results/growth.json](results/growth.json); plot: [plots/growth.svg](plots/growth.svg).
\`${run.command}\`; ${m.date}; load average ${m.loadBefore.map((l) => l.toFixed(2)).join(" / ")} before,
${m.loadAfter.map((l) => l.toFixed(2)).join(" / ")} after; other processes used ${m.otherCores?.toFixed(2) ?? "?"} cores.

**Method.** The minimal service in the child never acknowledges a send to a group named
\`hold…\`, so a client can hold any number of operations live beside the ones it completes. Each
level measures acked \`sendToGroup\` (1 KiB JSON) of one client at 100 in flight — the CPU per op
of scenario 1 — while the work around it grows. Kinds alternate per level as in the other
scenarios; medians over rounds.`,
  ];
  if (run.pending !== undefined) {
    const a = run.pending;
    parts.push(`**Pending operations.** At each level every client holds that many operations pending (the
service never acks them), on enough clients that each level holds at least ${fmt(Math.min(...a.levels.map((l, i) => l * (a.clientsPerLevel?.[i] ?? 1))))}
(so that even one per client weighs something); heap is \`heapUsed\` after forced GCs, before and after the held
sends (the lowest of four readings each: see \`lowHeap\`), per held operation, measured again if a
stopped client of an earlier level was collected meanwhile; CPU per op is that of ${fmt(a.measuredOps)} acked sends
of the first of those clients (the median of three passes, after a warm-up of a tenth as many).
${rounds(a)} round(s).

${renderAxisTable(a, "held per client", "B / held op")}

${verdictLine(a, "as operations pile up on a client")}`);
  }
  if (run.clients !== undefined) {
    const a = run.clients;
    parts.push(`**Connected clients.** One population per kind grows through the levels (opened 100 at a time,
idle, connected to the minimal service); heap per connected client after forced GCs; CPU per op of
${fmt(a.measuredOps)} acked sends of the first client while the others idle (the median of three passes). Heap is
not shown below ${fmt(a.heapFromLevel ?? 0)} clients: a heap reading varies by ~20 KiB, more than a few clients weigh.
The kinds run one after another (three populations of the largest size would not fit the open-file
limit), the official client last: its stopped clients stay reachable for ~40 s and would be collected
during the next population's measurement. ${rounds(a)} round(s).

${renderAxisTable(a, "connected clients", "KiB / client")}

${verdictLine(a, "as clients are added to the process")}`);
  }
  return parts.join("\n\n") + "\n";
}

export function renderIdleSection(run: IdleRun): string {
  const m = run.machine;
  const kinds = kindsOf(run.byKind);
  const lines = [
    "| kind | CPU (% of a core) | worst window | event-loop utilisation (%) | heap per client (KiB) | opened in (s) | target (ours) |",
    "|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const kind of kinds) {
    const roundsOf = run.byKind[kind] ?? [];
    const figures = roundsOf.map(idleFigures);
    const cpu = median(figures.map((f) => f.cpuPercent));
    const verdict =
      kind === "ours"
        ? `${cpu < IDLE_TARGET_PERCENT ? "✅" : "❌"} < ${IDLE_TARGET_PERCENT} % of a core`
        : "";
    lines.push(
      `| ${kind} | **${cpu.toFixed(2)}** | ${median(figures.map((f) => f.worstWindowCpuPercent)).toFixed(2)} | ${median(figures.map((f) => f.eluPercent)).toFixed(2)} | ${fmt(median(roundsOf.map((r) => r.heapPerClientKiB)))} | ${fmt(median(roundsOf.map((r) => r.openSeconds)))} | ${verdict} |`,
    );
  }
  const windows = run.byKind.ours?.[0]?.windows.length ?? 2;
  return `## 10. Idle CPU, ${fmt(run.clients)} connected clients in one process

Rendered from [results/idle-cpu.json](results/idle-cpu.json). \`${run.command}\`; ${m.date}; load average
${m.loadBefore.map((l) => l.toFixed(2)).join(" / ")} before, ${m.loadAfter.map((l) => l.toFixed(2)).join(" / ")} after; other processes used ${m.otherCores?.toFixed(2) ?? "?"} cores.

**Method.** ${fmt(run.clients)} clients of one kind connected to the minimal service (opened 100 at
a time, then 1 s to settle), nothing sent or received but what the clients do by themselves. This
process's CPU time (\`process.cpuUsage()\`, user + system, all threads: GC included) and event-loop
utilisation (\`performance.eventLoopUtilization()\`) over ${windows} consecutive windows of ${run.windowSeconds} s.
Together they span one keep-alive interval (20 s for ours and the official client), so every
client's ping falls in them once whatever its phase; *CPU* is over all windows, *worst window*
the busiest ${run.windowSeconds} s. The raw baseline sends no keep-alive but runs a 1 s \`sequenceAck\`
timer per client.

${lines.join("\n")}
`;
}
