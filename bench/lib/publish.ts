/**
 * From the stored data to what people read: the plots (`bench/plots/*.svg`), `bench/RESULTS.md`
 * and `bench/README.section.md`, all from the JSON files in `bench/results/`. `npm run bench` calls
 * it after its scenarios; `npm run bench:plots` calls it alone, to redraw without re-running.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { Chart } from "./charts.js";
import {
  cpuChart,
  emulatorBroadcastChart,
  emulatorVersusChart,
  growthChart,
  idleChart,
  protobufWireChart,
  memoryChart,
  recoveryChart,
  renderSvg,
  stormRecoveryChart,
  stormTimelineChart,
  throughputChart,
} from "./charts.js";
import type { EmulatorLimitRun } from "./emulator-limit-data.js";
import type { GrowthRun, IdleRun } from "./growth-data.js";
import { readWireRun } from "./protobuf-wire-data.js";
import { renderSummary } from "./report.js";
import type { PlotLink } from "./results.js";
import { renderResults } from "./results.js";
import { loadRow, readJson, readScenarioRuns } from "./scenario-data.js";
import { readStormRun } from "./storm-data.js";

/** The plots shown in the README's summary, beside the table. */
const SUMMARY_PLOTS = ["throughput.svg", "cpu-per-op.svg", "memory.svg"];

/**
 * Renders every plot the stored data allows and writes them, RESULTS.md (`out`) and
 * README.section.md beside it; returns the files written.
 */
export async function publishResults(out: string): Promise<string[]> {
  const dir = dirname(out);
  const resultsDir = join(dir, "results");
  const plotsDir = join(dir, "plots");
  const runs = readScenarioRuns(resultsDir);
  const growth = readJson<GrowthRun>(join(resultsDir, "growth.json"));
  const idle = readJson<IdleRun>(join(resultsDir, "idle-cpu.json"));
  const storm = readStormRun(join(resultsDir, "reconnect-storm.json"));
  const emulatorLimit = readJson<EmulatorLimitRun>(join(resultsDir, "emulator-limit.json"));
  const wire = readWireRun(join(resultsDir, "protobuf-wire.json"));
  const charts = [
    throughputChart(runs),
    cpuChart(runs),
    memoryChart(runs, idle),
    recoveryChart(runs),
    growthChart(growth),
    idleChart(idle),
    emulatorVersusChart(emulatorLimit),
    emulatorBroadcastChart(emulatorLimit),
    protobufWireChart(wire),
    stormTimelineChart(storm),
    stormRecoveryChart(storm),
  ].filter((chart): chart is Chart => chart !== undefined);
  mkdirSync(plotsDir, { recursive: true });
  const written: string[] = [];
  const plots: PlotLink[] = [];
  for (const chart of charts) {
    const file = join(plotsDir, chart.file);
    writeFileSync(file, await renderSvg(chart.spec));
    written.push(file);
    plots.push({ path: relative(dir, file), caption: chart.caption });
  }
  writeFileSync(out, renderResults({ runs, growth, idle, emulatorLimit, wire, storm, plots }));
  written.push(out);
  const first = runs[0];
  if (first !== undefined) {
    const rows = runs.flatMap((run) => run.rows.map(loadRow));
    const images = plots
      .filter((plot) => SUMMARY_PLOTS.some((name) => plot.path.endsWith(name)))
      .map((plot) => `![${plot.caption}](bench/${plot.path})`);
    const section = join(dir, "README.section.md");
    writeFileSync(section, `${renderSummary(rows, first.command, first.machine)}\n${images.join("\n\n")}\n`);
    written.push(section);
  }
  return written;
}
