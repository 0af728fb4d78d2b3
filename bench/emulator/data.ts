/**
 * The emulator benchmark's comparison data, kept as JSON in `bench/emulator/results/` (the
 * against-raw fan-out rounds and the 1 → N broadcast), and the plots drawn from it into
 * `bench/emulator/plots/`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG, PANEL_FACET, renderSvg } from "../lib/charts.js";
import { writeJson } from "../lib/scenario-data.js";
import type { BroadcastResult } from "./broadcast.js";
import type { Machine } from "./report.js";
import { median } from "./report.js";
import type { Server, VersusResult } from "./versus.js";

export interface EmulatorData {
  readonly machine: Machine;
  readonly command: string;
  readonly versus: readonly VersusResult[] | string;
  readonly scale: Readonly<Partial<Record<Server, BroadcastResult | string>>>;
}

const SERVER_COLOR = {
  field: "server",
  type: "nominal" as const,
  scale: { domain: ["emulator", "raw ws server"], range: ["#1f6feb", "#6e7781"] },
  legend: { title: null },
};

function versusSpec(versus: readonly VersusResult[]): TopLevelSpec {
  const values = versus.flatMap((row) =>
    (["emulator", "raw"] as const).flatMap((server) => {
      const perDelivery = row.rounds[server].map((r) => r.childCpuUs / r.deliveries);
      if (perDelivery.length === 0) return [];
      return [
        {
          panel: `${row.protocol}|${row.mode}, ${row.pacing}`,
          server: server === "raw" ? "raw ws server" : server,
          median: median(perDelivery),
          min: Math.min(...perDelivery),
          max: Math.max(...perDelivery),
        },
      ];
    }),
  );
  const x = { field: "server", type: "nominal" as const, axis: { title: null, labelAngle: 0 } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "Fan-out: server CPU per delivery, µs (lower is better)",
      subtitle:
        "the emulator and a minimal raw ws broadcast server, same fan-out, alternating rounds; whiskers min–max",
    },
    config: CHART_CONFIG,
    data: { values },
    facet: PANEL_FACET,
    resolve: { axis: { x: "independent" } },
    spec: {
      width: 170,
      height: 150,
      layer: [
        {
          mark: { type: "bar", width: { band: 0.6 } },
          encoding: { x, y: { field: "median", type: "quantitative", title: null }, color: SERVER_COLOR },
        },
        {
          mark: { type: "rule", color: "#24292f" },
          encoding: { x, y: { field: "min", type: "quantitative" }, y2: { field: "max" } },
        },
        {
          mark: { type: "text", dy: -8, fontSize: 10 },
          encoding: {
            x,
            y: { field: "max", type: "quantitative" },
            text: { field: "median", format: ".2f" },
          },
        },
      ],
    },
  };
}

function latencySpec(
  scale: Readonly<Partial<Record<Server, BroadcastResult | string>>>,
): TopLevelSpec | undefined {
  const results = Object.entries(scale).filter(
    (e): e is [string, BroadcastResult] => typeof e[1] !== "string",
  );
  if (results.length === 0) return undefined;
  const n = results[0]![1].connections.toLocaleString("en-US");
  const values = results.flatMap(([server, result]) =>
    result.latencyMs.flatMap((ms, p) =>
      ms === null ? [] : [{ server: server === "raw" ? "raw ws server" : server, ms, share: p / 100 }],
    ),
  );
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: `Delivery latency of a 1 → ${n} broadcast`,
      subtitle: "send → the receiver's handler, every delivery of every broadcast; receivers in one process",
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
  };
}

/** Writes the data files and the plots they allow; returns the files written. */
export async function writeEmulatorData(dir: string, data: EmulatorData): Promise<string[]> {
  const written: string[] = [];
  const results = join(dir, "results");
  const plots = join(dir, "plots");
  mkdirSync(plots, { recursive: true });
  if (typeof data.versus !== "string") {
    const file = join(results, "versus.json");
    writeJson(file, { machine: data.machine, command: data.command, rows: data.versus });
    writeFileSync(join(plots, "versus.svg"), await renderSvg(versusSpec(data.versus)));
    written.push(file, join(plots, "versus.svg"));
  }
  const latency = latencySpec(data.scale);
  if (latency !== undefined) {
    const file = join(results, "scale.json");
    writeJson(file, { machine: data.machine, command: data.command, servers: data.scale });
    writeFileSync(join(plots, "scale-latency.svg"), await renderSvg(latency));
    written.push(file, join(plots, "scale-latency.svg"));
  }
  return written;
}
