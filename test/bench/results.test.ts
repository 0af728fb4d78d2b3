/**
 * The benchmark's stored data and what is rendered from it: RESULTS.md from the per-scenario
 * files, the sections of scenarios 9 and 10 with their verdicts, and the plots (Vega-Lite to SVG).
 */
import { describe, expect, it } from "vitest";
import {
  cpuChart,
  growthChart,
  idleChart,
  memoryChart,
  recoveryChart,
  renderSvg,
  stormTimelineChart,
  throughputChart,
} from "../../bench/lib/charts.js";
import type { GrowthAxis, GrowthRun, IdleRun } from "../../bench/lib/growth-data.js";
import {
  clientsForLevel,
  corePercent,
  discardedHeapReadings,
  heapMedians,
  idleFigures,
  spread,
} from "../../bench/lib/growth-data.js";
import { flatVerdict, renderGrowthSection, renderIdleSection } from "../../bench/lib/growth-report.js";
import type { MachineInfo } from "../../bench/lib/report.js";
import { renderResults } from "../../bench/lib/results.js";
import type { ScenarioRun } from "../../bench/lib/scenario-data.js";
import { loadRow, storeRow } from "../../bench/lib/scenario-data.js";
import { summarize } from "../../bench/lib/stats.js";
import { quantiles, stringifyCompact } from "../../bench/lib/storm-data.js";
import type { MetricRow } from "../../bench/lib/types.js";
import { TEST_MACHINE } from "./machine.js";

const machine = (date: string): MachineInfo => ({
  ...TEST_MACHINE,
  loadBefore: [1.5, 1, 1],
  loadAfter: [2.5, 1, 1],
  otherCores: 0.25,
  date,
  wallSeconds: 30,
});

function row(scenario: string, metric: string, unit: string, values: Record<string, number[]>): MetricRow {
  return {
    scenario,
    metric,
    unit,
    better: "lower",
    results: new Map(Object.entries(values).map(([kind, v]) => [kind, summarize(v)])),
    target: { kind: "vs-raw", ratio: 1.15 },
  };
}

function scenarioRun(name: ScenarioRun["name"], runId: string, rows: MetricRow[]): ScenarioRun {
  return {
    name,
    machine: machine(runId),
    command: `npm run bench -- --only ${name}`,
    runId,
    rounds: 3,
    warmup: 1,
    rows: rows.map(storeRow),
  };
}

const ackRun = scenarioRun("ack-throughput", "run A", [
  row("1. acked sendToGroup (100 in flight)", "throughput", "ops/s", {
    ours: [70_000, 72_000, 71_000],
    official: [50_000, 49_000, 51_000],
    raw: [69_000, 70_000, 68_000],
  }),
  row("1. acked sendToGroup (100 in flight)", "client CPU per op", "µs", {
    ours: [13.5, 13.6, 13.7],
    official: [20, 21, 20.5],
    raw: [14, 14.3, 14.1],
  }),
]);
const recoveryRun: ScenarioRun = {
  ...scenarioRun("recovery", "run B", [
    row("5. recovery after drop (8 drops)", "recovery p50", "ms", { ours: [4], official: [4.1], raw: [4] }),
  ]),
  recovery: [
    {
      scenario: "5. recovery after drop (8 drops)",
      drops: 8,
      refuseMs: 0,
      quantiles: {
        ours: quantiles([3, 4, 4, 5]),
        official: quantiles([3, 4, 5, 6]),
        raw: quantiles([3, 3, 4, 4]),
      },
    },
  ],
};

/** An axis where every kind is flat but the official client, whose CPU per op doubles. */
function axis(oursCpu: readonly number[], heapFromLevel?: number): GrowthAxis {
  const levels = [1, 10, 100, 1000];
  const points = (cpu: readonly number[], heap: number) =>
    levels.map((level, i) => ({ level, cpuUsPerOp: cpu[i]!, opsPerSecond: 50_000, heap }));
  return {
    levels,
    measuredOps: 10_000,
    inFlight: 100,
    ...(heapFromLevel !== undefined ? { heapFromLevel } : {}),
    byKind: {
      ours: [points(oursCpu, 800)],
      official: [points([20, 25, 30, 40], 1300)],
      raw: [points([14, 14, 14, 14], 350)],
    },
  };
}

const growth: GrowthRun = {
  machine: machine("run C"),
  command: "npm run bench -- --only growth",
  runId: "run C",
  pending: { ...axis([13, 13.5, 14, 13.8]), clientsPerLevel: [1000, 100, 10, 1] },
  clients: axis([13, 14, 15, 14], 100),
};

const idle: IdleRun = {
  machine: machine("run C"),
  command: "npm run bench -- --only growth,idle-cpu",
  runId: "run C",
  clients: 10_000,
  windowSeconds: 10,
  byKind: {
    // 0.5 % over 20 s: 10 ms of CPU in the first window, 90 ms in the second.
    ours: [{ windows: [w(10_000, 0.001), w(90_000, 0.009)], heapPerClientKiB: 11.8, openSeconds: 5 }],
    official: [{ windows: [w(200_000, 0.02), w(200_000, 0.02)], heapPerClientKiB: 12.7, openSeconds: 6 }],
  },
};

function w(cpuUs: number, utilization: number) {
  return { seconds: 10, cpuUs, utilization };
}

describe("stored scenario data", () => {
  it("keeps a row's summaries, round values included, through the JSON file", () => {
    const stored = JSON.parse(stringifyCompact(ackRun)) as ScenarioRun;
    const back = loadRow(stored.rows[1]!);
    expect(back.results.get("ours")).toEqual({
      median: 13.6,
      min: 13.5,
      max: 13.7,
      n: 3,
      values: [13.5, 13.6, 13.7],
    });
    expect(back.target).toEqual({ kind: "vs-raw", ratio: 1.15 });
  });
});

describe("RESULTS.md from the stored files", () => {
  const text = renderResults({
    runs: [ackRun, recoveryRun],
    growth,
    idle,
    storm: undefined,
    plots: [{ path: "plots/throughput.svg", caption: "Throughput" }],
  });

  it("shows every stored scenario's rows, whichever run each came from, and names the runs", () => {
    expect(text).toMatch(
      /\| 1\. acked sendToGroup \(100 in flight\) \| client CPU per op \(µs, lower is better\) \| \*\*13\.6\*\*/,
    );
    expect(text).toContain("| 5. recovery after drop (8 drops) | recovery p50");
    // One line per run in the provenance table, with its load.
    expect(text).toMatch(
      /\| 1 \| `npm run bench -- --only ack-throughput`; 3 measured round\(s\) after 1 warm-up \| abc \| run A \| 1\.50 \/ 1\.00 \/ 1\.00 → 2\.50/,
    );
    expect(text).toMatch(/\| 5 \| `npm run bench -- --only recovery`/);
    expect(text).toMatch(/\| 9 \| `npm run bench -- --only growth` \|/);
  });

  it("links the plots and holds the sections of scenarios 9 and 10", () => {
    expect(text).toContain("![Throughput](plots/throughput.svg)");
    expect(text).toContain("## 9. Cost as work grows");
    expect(text).toContain("## 10. Idle CPU, 10,000 connected clients in one process");
  });
});

describe("cost as work grows", () => {
  it("spreads pending operations over enough clients to weigh", () => {
    expect([1, 10, 100, 1000, 10_000].map((level) => clientsForLevel(level, 1000))).toEqual([
      1000, 100, 10, 1, 1,
    ]);
  });

  it("calls a series flat within 1.25× and a growing one not", () => {
    expect(spread([13, 13.5, 14, 13.8])).toBeCloseTo(14 / 13);
    expect(flatVerdict(axis([13, 13.5, 14, 13.8])).flat).toBe(true);
    const growing = flatVerdict(axis([13, 16, 20, 26]));
    expect(growing.flat).toBe(false);
    expect(growing.cpu).toBe(2);
  });

  it("leaves out heap figures below the axis's resolution", () => {
    expect(heapMedians(axis([1, 1, 1, 1], 100), "ours").map((p) => p.value)).toEqual([NaN, NaN, 800, 800]);
    const section = renderGrowthSection(growth);
    expect(section).toContain("✅ ours stays flat as operations pile up on a client");
    // Clients axis, 10 clients: below its heap resolution (100), no heap figures.
    expect(section).toMatch(/\| 10\.0 \| 14\.0 \| 25\.0 \| 14\.0 \| 1\.00× \| – \| – \| – \|/);
    // Pending axis, 10 held on each of 100 clients: 1,000 held weigh enough to show.
    expect(section).toMatch(/\| 10\.0 \| 100 \| 13\.5 \| 25\.0 \| 14\.0 \| 0\.96× \| 800 \| 1,300 \| 350 \|/);
  });
});

describe("impossible heap readings", () => {
  // Two rounds; in the second, ours' reading at 1,000 is negative (memory of stopped clients was
  // collected during it) and raw's only reading at 100 is too.
  const base = axis([13, 13, 13, 13]);
  const twoRounds: GrowthAxis = {
    ...base,
    byKind: {
      ...base.byKind,
      ours: [
        base.byKind.ours![0]!,
        base.byKind.ours![0]!.map((p) => (p.level === 1000 ? { ...p, heap: -400 } : p)),
      ],
      raw: [base.byKind.raw![0]!.map((p) => (p.level === 100 ? { ...p, heap: -60 } : p))],
    },
  };

  it("are left out of the medians, and a level without a possible one shows none", () => {
    expect(heapMedians(twoRounds, "ours").map((p) => p.value)).toEqual([800, 800, 800, 800]);
    expect(heapMedians(twoRounds, "raw").map((p) => p.value)).toEqual([350, 350, NaN, 350]);
    expect(discardedHeapReadings(twoRounds, "ours")).toEqual({ discarded: 1, of: 8 });
  });

  it("are counted in the verdict", () => {
    const section = renderGrowthSection({
      machine: growth.machine,
      command: growth.command,
      runId: growth.runId,
      pending: twoRounds,
    });
    expect(section).toContain("its largest heap figure 1.00× its smallest");
    expect(section).toContain("1 of ours' 8 heap readings were ≤ 0, impossible");
  });
});

describe("idle CPU", () => {
  it("adds the windows of a keep-alive interval up, as a share of one core", () => {
    expect(corePercent(100_000, 10)).toBeCloseTo(1);
    const f = idleFigures(idle.byKind.ours![0]!);
    expect(f.cpuPercent).toBeCloseTo(0.5);
    expect(f.worstWindowCpuPercent).toBeCloseTo(0.9);
    expect(f.eluPercent).toBeCloseTo(0.5);
  });

  it("judges ours against 1 % of a core", () => {
    const section = renderIdleSection(idle);
    expect(section).toMatch(
      /\| ours \| \*\*0\.50\*\* \| 0\.90 \| 0\.50 \| 11\.8 \| 5\.00 \| ✅ < 1 % of a core \|/,
    );
    expect(section).toMatch(/\| official \| \*\*2\.00\*\* \|/);
  });
});

describe("plots", () => {
  it("render to SVG with a white background, one colour per kind present", async () => {
    const charts = [
      throughputChart([ackRun]),
      cpuChart([ackRun]),
      recoveryChart([recoveryRun]),
      growthChart(growth),
      idleChart(idle),
    ];
    for (const chart of charts) {
      expect(chart).toBeDefined();
      const svg = await renderSvg(chart!.spec);
      expect(svg).toMatch(/^<svg [^>]*viewBox=/);
      expect(svg).toContain('fill="white"');
      expect(svg).toContain("ours");
      expect(svg).toContain("#1f6feb"); // ours' colour
    }
    // No "before" build in the data: no legend entry for it.
    expect(await renderSvg(throughputChart([ackRun])!.spec)).not.toContain(">before<");
  });

  it("draws nothing without data", () => {
    expect(throughputChart([])).toBeUndefined();
    expect(memoryChart([], undefined)).toBeUndefined();
    expect(stormTimelineChart(undefined)).toBeUndefined();
    expect(growthChart(undefined)).toBeUndefined();
  });
});
