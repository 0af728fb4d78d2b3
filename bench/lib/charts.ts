/**
 * The plots of `bench/RESULTS.md` as Vega-Lite specifications, built from the stored results
 * (pure: data in, spec out), and their rendering to SVG in Node (`vega.View#toSVG`, no browser and
 * no canvas). Why Vega-Lite: bench/README.md, "Plots".
 */
import * as vega from "vega";
import type { TopLevelSpec } from "vega-lite";
import { compile } from "vega-lite";
import type { EmulatorLimitRun } from "./emulator-limit-data.js";
import { measuredBroadcasts, SERVER_LABEL, versusFigures } from "./emulator-limit-data.js";
import type { GrowthAxis, GrowthRun, IdleRun } from "./growth-data.js";
import { heapMedians, idleFigures, levelMedians } from "./growth-data.js";
import type { WireRun, WireSample } from "./protobuf-wire-data.js";
import type { RecoveryDistribution, ScenarioRun } from "./scenario-data.js";
import type { StormRun } from "./storm-data.js";
import { median } from "./stats.js";
import { totalPerBin } from "./storm-data.js";

/** One colour per client kind, the same in every plot. */
const KIND_DOMAIN = ["ours", "official", "raw", "before"];
const KIND_RANGE = ["#1f6feb", "#e8590c", "#6e7781", "#8250df"];
/** The colour encoding of the kinds present in `data` (a legend without absent kinds). */
function kindColor(data: readonly { readonly kind: string }[]) {
  const present = KIND_DOMAIN.filter((kind) => data.some((d) => d.kind === kind));
  return {
    field: "kind",
    type: "nominal" as const,
    scale: { domain: present, range: present.map((kind) => KIND_RANGE[KIND_DOMAIN.indexOf(kind)]!) },
    legend: { title: null },
  };
}

/** A facet header: `|` in a panel's name breaks the line. */
export const PANEL_FACET = {
  field: "panel",
  type: "nominal" as const,
  header: {
    title: null,
    labelAlign: "left" as const,
    labelAnchor: "start" as const,
    labelLimit: 0,
    labelExpr: "split(datum.label, '|')",
  },
};

/** A scenario's row label as a two-line panel name: "1 · acked sendToGroup|(100 in flight) · µs". */
function panelName(scenario: string, unit?: string): string {
  const name = scenario.replace(/^(\d+)\. /, "$1 · ").replace(" (", "|(");
  return unit === undefined ? name : `${name}${name.includes("|") ? " · " : "|"}${unit}`;
}

/** White background and readable type, for GitHub's light and dark pages alike. */
export const CHART_CONFIG = {
  background: "white",
  padding: 12,
  font: "Helvetica, Arial, sans-serif",
  title: { fontSize: 15, anchor: "start", subtitleFontSize: 11, subtitleColor: "#57606a", offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: "normal", gridColor: "#eaeef2" },
  header: { labelFontSize: 12, labelFontWeight: "bold", labelLineHeight: 15 },
  legend: { labelFontSize: 12, orient: "top" },
  view: { stroke: "#d0d7de" },
} as const;

export interface Chart {
  /** File name in the plots directory, e.g. `throughput.svg`. */
  readonly file: string;
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

interface BarDatum {
  readonly panel: string;
  readonly kind: string;
  /** Panels are drawn in this order. */
  readonly order: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** The rows of scenarios 1–7 whose metric matches, one bar per base kind (variants of ours left out). */
function bars(runs: readonly ScenarioRun[], match: (metric: string, unit: string) => boolean): BarDatum[] {
  const data: BarDatum[] = [];
  for (const run of runs) {
    for (const row of run.rows) {
      if (!match(row.metric, row.unit)) continue;
      for (const [kind, summary] of Object.entries(row.results)) {
        if (!KIND_DOMAIN.includes(kind) || !Number.isFinite(summary.median)) continue;
        data.push({
          panel: panelName(row.scenario, row.unit),
          kind,
          order: data.length,
          median: summary.median,
          min: summary.min,
          max: summary.max,
        });
      }
    }
  }
  return data;
}

/**
 * Small multiples of bars with min–max whiskers, one panel per row, each on its own scale; a bar
 * per `kind`, in the order of `sort`, coloured by `color` (the client kinds' by default), its
 * median written above it in `valueFormat` (d3-format).
 */
function barPanels(
  title: string,
  subtitle: string,
  data: readonly BarDatum[],
  columns: number,
  color: object = kindColor(data),
  sort: string[] = KIND_DOMAIN,
  valueFormat = ".3~s",
): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: title, subtitle },
    config: CHART_CONFIG,
    data: { values: [...data] },
    facet: { ...PANEL_FACET, sort: { field: "order", op: "min" } },
    columns,
    resolve: { scale: { y: "independent" }, axis: { x: "independent" } },
    spec: {
      width: 190,
      height: 150,
      layer: [
        {
          mark: { type: "bar", width: { band: 0.7 } },
          encoding: {
            x: { field: "kind", type: "nominal", sort, axis: { title: null, labelAngle: 0 } },
            y: { field: "median", type: "quantitative", title: null, axis: { format: ",~r" } },
            color,
          },
        },
        {
          mark: { type: "rule", color: "#24292f" },
          encoding: {
            x: { field: "kind", type: "nominal", sort },
            y: { field: "min", type: "quantitative" },
            y2: { field: "max" },
          },
        },
        {
          mark: { type: "text", dy: -8, fontSize: 10, color: "#24292f" },
          encoding: {
            x: { field: "kind", type: "nominal", sort },
            y: { field: "max", type: "quantitative" },
            text: { field: "median", type: "quantitative", format: valueFormat },
          },
        },
      ],
    },
  };
}

export function throughputChart(runs: readonly ScenarioRun[]): Chart | undefined {
  const data = bars(runs, (metric) => metric === "throughput" || metric === "delivered");
  if (data.length === 0) return undefined;
  return {
    file: "throughput.svg",
    caption: "Throughput: ours, the official client and raw ws (higher is better)",
    spec: barPanels("Throughput (higher is better)", "median over rounds, whiskers min–max", data, 3),
  };
}

export function cpuChart(runs: readonly ScenarioRun[]): Chart | undefined {
  const data = bars(runs, (metric) => metric.startsWith("client CPU per"));
  if (data.length === 0) return undefined;
  return {
    file: "cpu-per-op.svg",
    caption: "Client CPU per operation or received message (lower is better)",
    spec: barPanels(
      "Client CPU per operation / received message, µs (lower is better)",
      "CPU time of the clients' process over the work done; median over rounds, whiskers min–max",
      data,
      3,
    ),
  };
}

export function memoryChart(runs: readonly ScenarioRun[], idle: IdleRun | undefined): Chart | undefined {
  const data = bars(runs, (metric) => metric.startsWith("heap per"));
  if (idle !== undefined) {
    for (const [kind, rounds] of Object.entries(idle.byKind)) {
      const values = rounds.map((r) => r.heapPerClientKiB);
      if (values.length === 0 || !KIND_DOMAIN.includes(kind)) continue;
      data.push({
        panel: `10 · ${idle.clients.toLocaleString("en-US")} idle connected clients (KiB per client)`,
        kind,
        order: data.length,
        median: values.sort((a, b) => a - b)[values.length >> 1]!,
        min: Math.min(...values),
        max: Math.max(...values),
      });
    }
  }
  if (data.length === 0) return undefined;
  return {
    file: "memory.svg",
    caption: "Heap per idle client and per pending operation (lower is better)",
    spec: barPanels(
      "Memory: heap per client and per pending operation (lower is better)",
      "heapUsed after forced GCs, divided by the clients or operations",
      data,
      3,
    ),
  };
}

interface CdfDatum {
  readonly panel: string;
  readonly order: number;
  readonly kind: string;
  readonly ms: number;
  readonly share: number;
}

/** A dashed vertical line in one panel (the service coming back), carried in the same data. */
interface MarkDatum {
  readonly panel: string;
  readonly order: number;
  readonly mark: number;
}

/** A distribution stored as 101 quantiles as points of its cumulative distribution. */
function cdf(panel: string, order: number, kind: string, q: readonly (number | null)[]): CdfDatum[] {
  return q.flatMap((ms, p) => (ms === null ? [] : [{ panel, order, kind, ms, share: p / 100 }]));
}

/** The layer of {@link MarkDatum} rules in a faceted chart. */
const MARK_LAYER = {
  transform: [{ filter: "isValid(datum.mark)" }],
  mark: { type: "rule" as const, strokeDash: [4, 3], color: "#57606a" },
  encoding: { x: { field: "mark", type: "quantitative" as const } },
};

function cdfPanels(
  title: string,
  subtitle: string,
  data: readonly CdfDatum[],
  marks: readonly MarkDatum[],
  columns: number,
): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: title, subtitle },
    config: CHART_CONFIG,
    data: { values: [...data, ...marks] },
    facet: { ...PANEL_FACET, sort: { field: "order", op: "min" } },
    columns,
    resolve: { scale: { x: "independent" }, axis: { x: "independent" } },
    spec: {
      width: 260,
      height: 160,
      layer: [
        {
          transform: [{ filter: "isValid(datum.ms)" }],
          mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
          encoding: {
            x: { field: "ms", type: "quantitative", title: "ms from the drop", scale: { zero: true } },
            y: { field: "share", type: "quantitative", title: "share recovered", axis: { format: "%" } },
            color: kindColor(data),
          },
        },
        ...(marks.length === 0 ? [] : [MARK_LAYER]),
      ],
    },
  };
}

export function recoveryChart(runs: readonly ScenarioRun[]): Chart | undefined {
  const distributions: RecoveryDistribution[] = runs.flatMap((run) => run.recovery ?? []);
  const data = distributions.flatMap((d, order) =>
    Object.entries(d.quantiles).flatMap(([kind, q]) =>
      cdf(panelName(d.scenario).replace(/^5 · /, ""), order, kind, q),
    ),
  );
  if (data.length === 0) return undefined;
  return {
    file: "recovery.svg",
    caption: "Recovery time after a dropped connection: distributions (further left is better)",
    spec: cdfPanels(
      "Recovery after a dropped connection (scenario 5)",
      "drop → every missed message delivered; cumulative share of drops (further left is better)",
      data,
      [],
      2,
    ),
  };
}

function outageTitle(kind: string, outageMs: number): string {
  const length = outageMs >= 1000 ? `${outageMs / 1000} s` : `${outageMs} ms`;
  return `${length} ${kind === "refused" ? "503 + Retry-After" : "unreachable"}`;
}

export function stormRecoveryChart(storm: StormRun | undefined): Chart | undefined {
  if (storm === undefined || storm.episodes.length === 0) return undefined;
  const clients = storm.episodes[0]!.clients.toLocaleString("en-US");
  const data = storm.episodes.flatMap((e, order) =>
    cdf(outageTitle(e.kind, e.outageMs), order, e.population, e.recoveryMs),
  );
  const marks = [...new Map(storm.episodes.map((e) => [outageTitle(e.kind, e.outageMs), e.backMs]))].map(
    ([panel, mark]) => ({ panel, order: Infinity, mark }),
  );
  return {
    file: "storm-recovery.svg",
    caption: `Reconnect storm: recovery of ${clients} clients per outage`,
    spec: cdfPanels(
      `Reconnect storm: recovery of ${clients} clients (scenario 8)`,
      "drop → the message published during the outage delivered; dashed: the service is back",
      data,
      marks,
      2,
    ),
  };
}

export function stormTimelineChart(storm: StormRun | undefined): Chart | undefined {
  if (storm === undefined || storm.episodes.length === 0) return undefined;
  const clients = storm.episodes[0]!.clients.toLocaleString("en-US");
  const data: { panel: string; order: number; kind: string; s: number; rate: number }[] = [];
  const marks: MarkDatum[] = [];
  for (const e of storm.episodes) {
    const panel = outageTitle(e.kind, e.outageMs);
    const bins = totalPerBin(e.timeline);
    // 100 ms bins summed to 250 ms (500 ms for long outages), shown as a rate per second.
    const width = Math.max(1, Math.round((e.outageMs >= 5000 ? 500 : 100) / e.timeline.binMs));
    for (let i = 0; i < bins.length; i += width) {
      const sum = bins.slice(i, i + width).reduce((a, b) => a + b, 0);
      data.push({
        panel,
        order: storm.episodes.indexOf(e),
        kind: e.population,
        s: (i * e.timeline.binMs) / 1000,
        rate: (sum * 1000) / (width * e.timeline.binMs),
      });
    }
    if (!marks.some((m) => m.panel === panel)) marks.push({ panel, order: Infinity, mark: e.backMs / 1000 });
  }
  return {
    file: "storm-timeline.svg",
    caption: `Reconnect storm: connection attempts per second across the outage (${clients} clients)`,
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      title: {
        text: `Reconnect storm: connection attempts per second (${clients} clients, scenario 8)`,
        subtitle: "every attempt the service saw, by how long after the drop; dashed: the service is back",
      },
      config: CHART_CONFIG,
      data: { values: [...data, ...marks] },
      facet: { ...PANEL_FACET, sort: { field: "order", op: "min" } },
      columns: 2,
      resolve: { scale: { x: "independent", y: "independent" } },
      spec: {
        width: 300,
        height: 150,
        layer: [
          {
            transform: [{ filter: "isValid(datum.s)" }],
            mark: { type: "line", interpolate: "step-after", strokeWidth: 1.8 },
            encoding: {
              x: { field: "s", type: "quantitative", title: "s from the drop" },
              y: { field: "rate", type: "quantitative", title: "attempts / s", axis: { format: ",~r" } },
              color: kindColor(data),
            },
          },
          MARK_LAYER,
        ],
      },
    },
  };
}

function growthLayer(axis: GrowthAxis, title: string, xTitle: string, yTitle: string, pick: "cpu" | "heap") {
  const values = Object.keys(axis.byKind).flatMap((kind) =>
    (pick === "cpu" ? levelMedians(axis, kind, (p) => p.cpuUsPerOp) : heapMedians(axis, kind))
      .filter(({ value }) => Number.isFinite(value))
      .map(({ level, value }) => ({ kind, level, value })),
  );
  return {
    title: { text: title, fontSize: 12 },
    width: 240,
    height: 150,
    data: { values },
    mark: { type: "line" as const, point: true, strokeWidth: 2 },
    encoding: {
      x: {
        field: "level",
        type: "quantitative" as const,
        scale: { type: "log" as const },
        title: xTitle,
        axis: { format: ",~r" },
      },
      y: { field: "value", type: "quantitative" as const, title: yTitle, scale: { zero: true } },
      color: kindColor(values),
    },
  };
}

export function growthChart(growth: GrowthRun | undefined): Chart | undefined {
  if (growth === undefined) return undefined;
  const rows = [];
  if (growth.pending !== undefined)
    rows.push({
      hconcat: [
        growthLayer(
          growth.pending,
          "CPU per acked send vs operations held",
          "operations held pending per client",
          "µs per op",
          "cpu",
        ),
        growthLayer(
          growth.pending,
          "Heap per held operation",
          "operations held pending per client",
          "bytes per op",
          "heap",
        ),
      ],
    });
  if (growth.clients !== undefined)
    rows.push({
      hconcat: [
        growthLayer(
          growth.clients,
          "CPU per acked send vs clients",
          "connected clients in the process",
          "µs per op",
          "cpu",
        ),
        growthLayer(
          growth.clients,
          "Heap per connected client",
          "connected clients in the process",
          "KiB per client",
          "heap",
        ),
      ],
    });
  if (rows.length === 0) return undefined;
  return {
    file: "growth.svg",
    caption:
      "Cost as work grows: CPU per op and heap against pending operations and connected clients (flat is right)",
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      title: {
        text: "Cost as work grows (scenario 9): flat is right",
        subtitle: "medians over rounds; x on a log scale",
      },
      config: CHART_CONFIG,
      vconcat: rows,
    } as TopLevelSpec,
  };
}

export function idleChart(idle: IdleRun | undefined): Chart | undefined {
  if (idle === undefined) return undefined;
  const data = Object.entries(idle.byKind).flatMap(([kind, rounds]) =>
    rounds.flatMap((round) => {
      const f = idleFigures(round);
      return [
        { measure: "CPU time", kind, value: f.cpuPercent },
        { measure: "event-loop utilisation", kind, value: f.eluPercent },
      ];
    }),
  );
  const clients = idle.clients.toLocaleString("en-US");
  return {
    file: "idle-cpu.svg",
    caption: `Idle CPU of ${clients} connected clients in one process (lower is better; target for ours: under 1 %)`,
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      title: {
        text: `Idle: ${clients} connected clients in one process (scenario 10)`,
        subtitle: `% of one core over ${idle.windowSeconds * (idle.byKind.ours?.[0]?.windows.length ?? 2)} s (one keep-alive interval); dashed: the 1 % target`,
      },
      config: CHART_CONFIG,
      data: { values: data },
      facet: {
        field: "measure",
        type: "nominal",
        header: { title: null, labelAlign: "left", labelAnchor: "start" },
      },
      spec: {
        width: 200,
        height: 150,
        layer: [
          {
            mark: { type: "bar", width: { band: 0.7 } },
            encoding: {
              x: { field: "kind", type: "nominal", sort: KIND_DOMAIN, axis: { title: null, labelAngle: 0 } },
              y: { aggregate: "median", field: "value", type: "quantitative", title: "% of a core" },
              color: kindColor(data),
            },
          },
          {
            mark: { type: "rule", strokeDash: [4, 3], color: "#cf222e" },
            encoding: { y: { datum: 1 } },
          },
        ],
      },
    },
  };
}

const SERVER_DOMAIN = [SERVER_LABEL.emulator, SERVER_LABEL.raw];
const SERVER_COLOR = {
  field: "server",
  type: "nominal" as const,
  scale: { domain: SERVER_DOMAIN, range: ["#1f6feb", "#6e7781"] },
  legend: { title: null },
};

/** Scenario 12: each server's CPU per delivery in the same fan-out, one panel per row. */
export function emulatorVersusChart(run: EmulatorLimitRun | undefined): Chart | undefined {
  if (run === undefined || typeof run.versus === "string") return undefined;
  const data = run.versus.flatMap((row, order) => {
    if (row.error !== undefined) return [];
    const f = versusFigures(row);
    return (["emulator", "raw"] as const).map((server) => ({
      panel: `${row.protocol}|${row.mode}, ${row.pacing} · ${f.ratio.toFixed(2)}×`,
      kind: SERVER_LABEL[server],
      order,
      median: f.median[server],
      min: Math.min(...f.perDelivery[server]),
      max: Math.max(...f.perDelivery[server]),
    }));
  });
  if (data.length === 0) return undefined;
  return {
    file: "emulator-versus.svg",
    caption:
      "The emulator's fan-out CPU per delivery against a minimal raw ws broadcast server (lower is better)",
    spec: barPanels(
      "Emulator fan-out: server CPU per delivery, µs (scenario 12; lower is better)",
      `the emulator and a minimal raw ws broadcast server, same fan-out to ${run.settings.receivers} receivers, alternating rounds; whiskers min–max; panel: emulator / raw (target ≤ 1.3×)`,
      data,
      3,
      { ...SERVER_COLOR, field: "kind" },
      SERVER_DOMAIN,
      ".2f",
    ),
  };
}

/** Scenario 12: the delivery-latency distribution of the 1 → N broadcast, per server. */
export function emulatorBroadcastChart(run: EmulatorLimitRun | undefined): Chart | undefined {
  if (run === undefined) return undefined;
  const measured = measuredBroadcasts(run);
  if (measured.length === 0) return undefined;
  const n = run.settings.connections.toLocaleString("en-US");
  const values = measured.flatMap(([server, result]) =>
    result.latencyMs.flatMap((ms, p) =>
      ms === null ? [] : [{ server: SERVER_LABEL[server], ms, share: p / 100 }],
    ),
  );
  return {
    file: "emulator-broadcast.svg",
    caption: `Delivery latency of a 1 → ${n} broadcast: the emulator and a raw ws server (further left is better)`,
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      title: {
        text: `Delivery latency of a 1 → ${n} broadcast (scenario 12)`,
        subtitle:
          "send → the receiver's handler, every delivery of every broadcast; all receivers in one process",
      },
      config: CHART_CONFIG,
      data: { values },
      width: 420,
      height: 220,
      mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
      encoding: {
        x: { field: "ms", type: "quantitative", title: "ms from the send" },
        y: { field: "share", type: "quantitative", title: "share delivered", axis: { format: "%" } },
        color: SERVER_COLOR,
      },
    },
  };
}

/** Scenario 11's measures, as plotted: protobuf / JSON on the medians over rounds. */
const WIRE_MEASURES: readonly { readonly label: string; readonly pick: (s: WireSample) => number }[] = [
  { label: "send: client CPU per acked op", pick: (s) => s.sendCpuUs },
  { label: "receive: client CPU per message", pick: (s) => s.receiveCpuUs },
  { label: "bytes written per send", pick: (s) => s.sendBytes },
  { label: "bytes read per received message", pick: (s) => s.receiveBytes },
];

/** Scenario 11: protobuf against JSON, as ratios per payload (below 1: protobuf costs less). */
export function protobufWireChart(run: WireRun | undefined): Chart | undefined {
  if (run === undefined || run.cases.length === 0) return undefined;
  const payloads = run.cases.map(
    (c) => `${c.dataType} ${c.bytes >= 1024 ? `${c.bytes / 1024} KiB` : `${c.bytes} B`}`,
  );
  const values = WIRE_MEASURES.flatMap((measure, order) =>
    run.cases.map((c, i) => {
      const json = median(c.samples.json.map(measure.pick));
      return {
        measure: measure.label,
        order,
        payload: payloads[i]!,
        ratio: json > 0 ? median(c.samples.protobuf.map(measure.pick)) / json : null,
      };
    }),
  );
  const x = {
    field: "payload",
    type: "nominal" as const,
    sort: payloads,
    axis: { title: null, labelAngle: -40 },
  };
  return {
    file: "protobuf-wire.svg",
    caption:
      "Protobuf against JSON: client CPU and bytes on the wire per message, as protobuf / JSON (below 1 is better)",
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      title: {
        text: "Protobuf / JSON, ours through the emulator (scenario 11; below 1: protobuf costs less)",
        subtitle:
          "reliable subprotocols; medians over rounds; text, json and binary payloads of 100 B, 1 KiB and 64 KiB",
      },
      config: CHART_CONFIG,
      data: { values },
      facet: {
        field: "measure",
        type: "nominal",
        sort: { field: "order", op: "min" },
        header: { title: null, labelAlign: "left", labelAnchor: "start" },
      },
      columns: 2,
      spec: {
        width: 260,
        height: 140,
        layer: [
          {
            mark: { type: "bar", width: { band: 0.7 }, color: "#1f6feb" },
            encoding: { x, y: { field: "ratio", type: "quantitative", title: "protobuf / JSON" } },
          },
          { mark: { type: "rule", strokeDash: [4, 3], color: "#cf222e" }, encoding: { y: { datum: 1 } } },
          {
            mark: { type: "text", dy: -6, fontSize: 9 },
            encoding: {
              x,
              y: { field: "ratio", type: "quantitative" },
              text: { field: "ratio", format: ".2f" },
            },
          },
        ],
      },
    } as TopLevelSpec,
  };
}

/** Renders a spec to SVG text, headless. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
