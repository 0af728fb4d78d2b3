/**
 * `bench/RESULTS.md`, rendered whole from the stored data in `bench/results/`: the main table
 * (scenarios 1–7, one file each), the sections of scenarios 9, 10 and 12 (`growth.json`,
 * `idle-cpu.json`, `emulator-limit.json`), the reconnect storm (`reconnect-storm.json`) and
 * protobuf against JSON (`protobuf-wire.json`), with the plots drawn from the
 * same files. A run of some scenarios rewrites their files only, so the rest stays as it was.
 */
import type { EmulatorLimitRun } from "./emulator-limit-data.js";
import { renderEmulatorLimitSection } from "./emulator-limit-report.js";
import { renderGrowthSection, renderIdleSection } from "./growth-report.js";
import type { GrowthRun, IdleRun } from "./growth-data.js";
import type { MachineInfo } from "./report.js";
import { renderTable } from "./report.js";
import type { ScenarioRun } from "./scenario-data.js";
import { loadRow } from "./scenario-data.js";
import type { WireRun } from "./protobuf-wire-data.js";
import { PROTOBUF_WIRE_MARKER, renderWireSection } from "./protobuf-wire-data.js";
import type { StormRun } from "./storm-data.js";
import { renderStormSection, STORM_MARKER } from "./storm-report.js";

/** A plot written beside RESULTS.md, as it is linked from there. */
export interface PlotLink {
  /** Relative to RESULTS.md, e.g. `plots/throughput.svg`. */
  readonly path: string;
  readonly caption: string;
}

export interface ResultsData {
  /** Scenarios 1–7, in table order. */
  readonly runs: readonly ScenarioRun[];
  readonly growth?: GrowthRun | undefined;
  readonly idle?: IdleRun | undefined;
  readonly emulatorLimit?: EmulatorLimitRun | undefined;
  readonly wire?: WireRun | undefined;
  readonly storm?: StormRun | undefined;
  readonly plots: readonly PlotLink[];
}

const load = (l: readonly number[]): string => l.map((v) => v.toFixed(2)).join(" / ");

/** One line per run that the stored data comes from: what ran, when, on what load. */
function runsTable(
  runs: readonly { scenarios: string; machine: MachineInfo; command: string; rounds?: string }[],
): string {
  const lines = [
    "| scenarios | command | commit | date | load average before → after (1/5/15 min) | other processes (cores) | took |",
    "|---|---|---|---|---|---:|---:|",
  ];
  for (const run of runs) {
    const m = run.machine;
    lines.push(
      `| ${run.scenarios} | \`${run.command}\`${run.rounds === undefined ? "" : `; ${run.rounds}`} | ${m.commit} | ${m.date} | ${load(m.loadBefore)} → ${load(m.loadAfter)} | ${m.otherCores?.toFixed(2) ?? "?"} | ${m.wallSeconds.toFixed(0)} s |`,
    );
  }
  return lines.join("\n");
}

function scenarioNumber(run: ScenarioRun): string {
  return run.rows[0]?.scenario.split(".")[0] ?? run.name;
}

/** The stored runs grouped by invocation, each with its scenarios. */
function provenance(data: ResultsData): string {
  const groups = new Map<string, ScenarioRun[]>();
  for (const run of data.runs) groups.set(run.runId, [...(groups.get(run.runId) ?? []), run]);
  const rows: { scenarios: string; machine: MachineInfo; command: string; rounds?: string }[] = [];
  for (const runs of groups.values()) {
    const first = runs[0]!;
    const wallSeconds = runs.reduce((sum, r) => sum + r.machine.wallSeconds, 0);
    rows.push({
      scenarios: runs.map(scenarioNumber).join(", "),
      machine: { ...first.machine, loadAfter: runs.at(-1)!.machine.loadAfter, wallSeconds },
      command: first.command,
      rounds: `${first.rounds} measured round(s) after ${first.warmup} warm-up`,
    });
  }
  if (data.growth !== undefined) rows.push({ scenarios: "9", ...data.growth });
  if (data.idle !== undefined && data.idle.runId !== data.growth?.runId)
    rows.push({ scenarios: "10", ...data.idle });
  if (data.emulatorLimit !== undefined) rows.push({ scenarios: "12", ...data.emulatorLimit });
  if (data.storm !== undefined) rows.push({ scenarios: "8", ...data.storm });
  if (data.wire !== undefined)
    rows.push({
      scenarios: "11",
      ...data.wire,
      rounds: `${data.wire.rounds} measured round(s) after ${data.wire.warmup} warm-up`,
    });
  return runsTable(rows);
}

const METHOD = `## Method

- **Clients.** *ours* = \`WebPubSubClient\` from the published build (\`dist/\`, built by tsup; \`npm run bench\` builds first); *official* = \`@azure/web-pubsub-client\` 1.1.0, unchanged; *raw* = a bare \`ws\` socket writing the same frames as ours, with acks, sequence de-duplication, \`sequenceAck\` (every 1 s and at a gap of 300) and recovery (at once, then every 50 ms) done by hand — the practical limit. All use \`json.reliable.webpubsub.azure.v1\` with their defaults; payloads are 1 KiB of JSON.
- **Services** run in a child process (\`bench/lib/service.ts\`), so this process's CPU (\`process.cpuUsage()\`) and heap are the clients'. Scenarios 1–4, 6, 7 use a *minimal* \`ws\` service (acks, group broadcast with per-connection sequence ids, pong; it reads only the fields it needs, so it outruns one client core); scenario 5 uses the project's emulator (\`startEmulator\`) for its faults.
- **1** acked \`sendToGroup\` with up to 100 in flight (each ack starts the next send); ops/s and CPU µs per op over \`--ops\` operations after a 2,000-op warm-up of the same client. The *ack timeout* variant is ours with \`ackTimeoutInMs: 10000\` (every write sets a deadline on the client's one deadline clock). The *inspect* variants are ours with an inspection observer attached (every operation is then a materialised actor, as the statechart contract requires): a no-op observer, and \`createInspectorSender\` (src/inspect/sender.ts) pointed at a relay that is not listening (it records and drops: the client-side cost only).
- **2** fire-and-forget \`sendToGroup\`, written in chunks of 100 (ours/official await the chunk's write promises), I/O between chunks, one acked send as the end barrier.
- **3** 100 receivers of one kind in one group; the sender is the service itself (stamped messages, at most 100 messages ahead of the receivers). Latency = service send stamp → the application handler (\`performance.timeOrigin + now()\` in both processes).
- **4** acked sends paced at a fixed rate (the pacing loop wakes every ~1 ms); latency = call → promise settled. Its CPU per op includes the pacing loop's timer wake-ups, the same for every kind.
- **5** one receiver of each kind in one group on the emulator; each iteration drops all three connections at the same moment, in an order that rotates per drop (the client dropped last tends to hear of it first) (\`faults.drop\`; with an outage, \`faults.refuseConnections(ms)\` first: every upgrade gets 503), publishes 5 messages the sessions buffer, and times drop → the last missed message delivered. Percentiles over all drops (one value, no spread); plain drops run four times as many iterations as those with an outage.
- **6** heap (\`process.memoryUsage().heapUsed\` after forced GCs, \`--expose-gc\`) with 1,000 idle connected clients of a kind, and with 10,000 acked sends pending on one client to a service that never acks.
- **7** 10 receivers at a steady, unsaturated rate (the service publishes 20 messages every 10 ms by itself: one IPC request per round, so the runner is otherwise idle); CPU µs per delivered message over the 2 s window.

Cells: **median** <sub>min–max</sub> over rounds. Ratios are ours / official and ours / raw on medians. The target column is the issue's target for ours.

`;

/** Everything before the storm section. */
export function renderMain(data: ResultsData): string {
  const machine = data.runs[0]?.machine ?? data.growth?.machine ?? data.idle?.machine ?? data.storm?.machine;
  const rows = data.runs.flatMap((run) => run.rows.map(loadRow));
  const extraVariants = [...new Set(rows.flatMap((row) => [...row.results.keys()]))].filter(
    (v) => v !== "ours" && v !== "official" && v !== "raw",
  );
  const plots = data.plots.map((plot) => `![${plot.caption}](${plot.path})`).join("\n\n");
  return `# Client benchmark results

Generated by \`bench/run.ts\` from the data in [results/](results/), one JSON file per scenario;
rerun to refresh (edits to this file are overwritten). Hand-written analysis lives in
[bench/README.md](README.md).

## Reproduce

\`\`\`sh
npm run bench                        # every scenario, then this file and the plots
npm run bench -- --only 9,10         # some scenarios (numbers or names): only their data is replaced
npm run bench:plots                  # the plots and this file again from results/*.json, no benchmark
\`\`\`

Options: \`npm run bench -- --help\` (\`--only 1,2,3\`, \`--rounds\`, \`--ops\`, …). Scenarios 1–7 take 3–4 minutes,
the reconnect storm (8) about 70 s, cost as work grows (9) with idle CPU (10) about 4–5 minutes, protobuf vs JSON (11)
about 2 minutes, the emulator against its limit (12) about 70 s.
To profile one client kind in one workload (\`BENCH_OURS=src\` in front for our source's function names):
\`node --cpu-prof --cpu-prof-dir bench/profiles --import tsx bench/profile.ts --kind ours --scenario fanout\`
(\`--scenario ack|ff|fanout|idle\`), then \`npx tsx bench/emulator/top.ts bench/profiles/*.cpuprofile\`.

## Plots

Drawn from the same data by \`bench/lib/charts.ts\` (Vega-Lite, rendered to SVG in Node). Bars are
medians over rounds, whiskers the min–max.

${plots === "" ? "(no data yet)" : plots}

## Machine

${machine === undefined ? "" : `CPU: ${machine.cpu}, ${machine.cores} cores; ${machine.platform}; Node ${machine.node}. Other engineers run tests on the same machine: compare ratios, which alternation keeps fair, more than absolute numbers. In each round every variant runs once, in an order rotated per round.`}

${provenance(data)}

${METHOD}## Results

${rows.length === 0 ? "(not run yet)" : renderTable(rows, extraVariants)}
${data.growth === undefined ? "" : `\n${renderGrowthSection(data.growth)}`}${data.idle === undefined ? "" : `\n${renderIdleSection(data.idle)}`}${data.emulatorLimit === undefined ? "" : `\n${renderEmulatorLimitSection(data.emulatorLimit)}`}`;
}

/** The scenarios 1–7 part of a RESULTS.md: everything before the storm and protobuf sections. */
export function mainPart(results: string): string {
  const at = Math.min(
    ...[STORM_MARKER, PROTOBUF_WIRE_MARKER].map((marker) => results.indexOf(marker)).filter((i) => i >= 0),
  );
  return Number.isFinite(at) ? results.slice(0, at).trimEnd() + "\n" : results;
}

/** RESULTS.md from its main part and, where there is one, the latest storm and protobuf runs. */
export function composeResults(main: string, storm: StormRun | undefined, wire?: WireRun): string {
  const sections = [
    main.trimEnd(),
    ...(storm === undefined ? [] : [renderStormSection(storm).trimEnd()]),
    ...(wire === undefined ? [] : [renderWireSection(wire).trimEnd()]),
  ];
  return `${sections.join("\n\n")}\n`;
}

/** The whole of RESULTS.md. */
export function renderResults(data: ResultsData): string {
  return composeResults(renderMain(data), data.storm, data.wire);
}
