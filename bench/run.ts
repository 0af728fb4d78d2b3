/**
 * `npm run bench`: our client against `@azure/web-pubsub-client` and a raw `ws` baseline, side by
 * side in one run, alternating within every round. Services run in a child process (the minimal
 * service from `lib/service.ts`, or the emulator for the fault and memory scenarios), so the CPU
 * and memory measured in this process are the clients'. Writes `bench/RESULTS.md` and
 * `bench/README.section.md` (scenarios 1–7), and `bench/results/reconnect-storm.json` with the
 * storm's section of RESULTS.md (scenario 8). Not part of `npm test`.
 *
 *   npm run bench [-- --only 1,2,3 --rounds 5 --no-write]
 *   npm run bench -- --only reconnect-storm
 *
 * Start under `node --expose-gc` (the npm script does) for the memory scenario.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { cpuShare, readCpuTimes } from "./emulator/machine.js";
import type { MachineInfo } from "./lib/report.js";
import { CLIENT_KINDS } from "./lib/clients.js";
import { loadOurs, oursSource } from "./lib/ours.js";
import { renderSummary, renderTable } from "./lib/report.js";
import { ServiceChild } from "./lib/service-child.js";
import type { StormRun } from "./lib/storm-data.js";
import { readStormRun, writeStormRun } from "./lib/storm-data.js";
import { renderStormTable } from "./lib/storm-report.js";
import type { MetricRow, ScenarioContext } from "./lib/types.js";
import { runAckLatency } from "./scenarios/ack-latency.js";
import { runAckThroughput, type OursVariant } from "./scenarios/ack-throughput.js";
import { runCpuPerMessage } from "./scenarios/cpu-per-message.js";
import { runFanout } from "./scenarios/fanout.js";
import { runFireAndForget } from "./scenarios/fire-and-forget.js";
import { runMemory } from "./scenarios/memory.js";
import { DEFAULT_STORM, runReconnectStorm } from "./scenarios/reconnect-storm.js";
import { runRecovery } from "./scenarios/recovery.js";
import type { WireRun } from "./lib/protobuf-wire-data.js";
import { readWireRun, renderWireSection, writeWireRun } from "./lib/protobuf-wire-data.js";

const SCENARIOS = ["1", "2", "3", "4", "5", "6", "7", "8", "11"] as const;
type Scenario = (typeof SCENARIOS)[number];
/** `--only` takes numbers or these names. */
const SCENARIO_NAMES: Readonly<Record<string, Scenario>> = {
  "ack-throughput": "1",
  "fire-and-forget": "2",
  fanout: "3",
  "ack-latency": "4",
  recovery: "5",
  memory: "6",
  "cpu-per-message": "7",
  "reconnect-storm": "8",
  "protobuf-wire": "11",
};
/** The scenarios of the main table (the storm has a section of its own). */
const MAIN_SCENARIOS: readonly Scenario[] = ["1", "2", "3", "4", "5", "6", "7"];

const { values } = parseArgs({
  options: {
    only: { type: "string", default: SCENARIOS.join(",") },
    rounds: { type: "string", default: "5" },
    warmup: { type: "string", default: "1" },
    ops: { type: "string", default: "20000" },
    "in-flight": { type: "string", default: "100" },
    receivers: { type: "string", default: "100" },
    messages: { type: "string", default: "500" },
    drops: { type: "string", default: "50" },
    outage: { type: "string", default: "300" },
    idle: { type: "string", default: "1000" },
    pending: { type: "string", default: "10000" },
    rate: { type: "string", default: "2000" },
    "storm-clients": { type: "string", default: String(DEFAULT_STORM.clients) },
    "storm-outages": { type: "string", default: DEFAULT_STORM.outagesMs.join(",") },
    "storm-order": { type: "string", default: DEFAULT_STORM.populations.join(",") },
    "no-inspect": { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
    out: { type: "string", default: fileURLToPath(new URL("./RESULTS.md", import.meta.url)) },
    help: { type: "boolean", default: false },
  },
  strict: true,
});

if (values.help) {
  console.log(`Usage: npm run bench -- [options]
  --only 1,2,…      scenarios by number or name (1 ack-throughput, 2 fire-and-forget, 3 fanout,
                    4 ack-latency, 5 recovery, 6 memory, 7 cpu-per-message, 8 reconnect-storm,
                    11 protobuf-wire);
                    default all
  --rounds <n>      measured rounds per scenario (default 5), --warmup <n> (default 1)
  --ops <n>         operations per round in 1 and 2 (default 20000); --in-flight <n> (default 100)
  --receivers <n>   fan-out receivers (default 100); --messages <n> per round (default 500)
  --drops <n>       drops with an outage (default 50; plain drops: 4×); --outage <ms> refused upgrades (default 300)
  --idle <n>        idle clients per kind for memory (default 1000); --pending <n> operations (default 10000)
  --rate <n>        ack latency: operations/s (default 2000)
  --storm-clients <n>   reconnect storm: clients per population (default 1000)
  --storm-outages <ms,…> reconnect storm: outage lengths, each refused and unreachable (default 300,10000)
  --storm-order <kinds>  reconnect storm: populations in the order they run (default ours,official)
  --no-inspect      leave out the inspection rows
  --no-write        print only; --out <file> results file (default bench/RESULTS.md)
Ours is the build in dist/ (npm run bench builds it first); BENCH_OURS=src loads src/ through tsx.`);
  process.exit(0);
}

function int(name: keyof typeof values): number {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`--${name} must be a non-negative integer`);
  return value;
}

const only = new Set(
  values.only.split(",").map((s) => {
    const scenario = SCENARIO_NAMES[s] ?? s;
    if (!(SCENARIOS as readonly string[]).includes(scenario)) throw new RangeError(`unknown scenario ${s}`);
    return scenario as Scenario;
  }),
);
const stormOutages = values["storm-outages"].split(",").map((s) => {
  const ms = Number(s);
  if (!Number.isInteger(ms) || ms <= 0) throw new RangeError("--storm-outages takes positive integers (ms)");
  return ms;
});
const stormOrder = values["storm-order"].split(",").map((kind) => {
  if (kind !== "ours" && kind !== "official")
    throw new RangeError("--storm-order takes ours and/or official");
  return kind;
});
const context: ScenarioContext = {
  rounds: Math.max(1, int("rounds")),
  warmup: int("warmup"),
  log: (line) => console.log(line),
};
const PAYLOAD = 1024;
const inFlight = int("in-flight");

/**
 * Variants of ours in scenario 1: with an ack timeout (every operation then has a deadline), and
 * with inspection (a no-op observer, and the live-inspector sender).
 */
async function oursVariants(): Promise<Map<string, () => OursVariant>> {
  const result = new Map<string, () => OursVariant>();
  result.set("ours, ack timeout 10 s", () => ({
    options: { ackTimeoutInMs: 10_000 },
    stop: () => undefined,
  }));
  if (values["no-inspect"]) return result;
  result.set("ours, inspect no-op", () => ({ options: { inspect: () => undefined }, stop: () => undefined }));
  try {
    const { createInspectorSender } = await loadOurs();
    // A relay that is not there: the sender buffers (bounded) and drops; what is measured is
    // the client-side cost of inspection plus the sender's recording, not a relay's.
    result.set("ours, inspect sender", () => {
      const sender = createInspectorSender("ws://127.0.0.1:9/inspect", { maxBufferedEvents: 2000 });
      return { options: { inspect: sender.inspect }, stop: () => sender.stop() };
    });
  } catch {
    // A build without the inspector sender: only the no-op row.
  }
  return result;
}

const argv = process.argv.slice(2);
const command = `npm run bench${argv.length > 0 ? ` -- ${argv.join(" ")}` : ""}`;
const started = Date.now();
const loadBefore = loadavg();
const cpuBefore = readCpuTimes();
const rows: MetricRow[] = [];
const extraVariants = new Set<string>();
// BENCH_BEFORE: an earlier build measured in every scenario, shown in a column of its own.
if (CLIENT_KINDS.includes("before")) extraVariants.add("before");
let storm: StormRun | undefined;
let wire: WireRun | undefined;
let minimal: ServiceChild | undefined;
let emulator: ServiceChild | undefined;
try {
  if (["1", "2", "3", "4", "6", "7"].some((s) => only.has(s as Scenario)))
    minimal = await ServiceChild.start("minimal");
  if (only.has("1")) {
    console.log("1. acked sendToGroup throughput");
    const extra = await oursVariants();
    for (const name of extra.keys()) extraVariants.add(name);
    rows.push(
      ...(await runAckThroughput(minimal!, context, {
        operations: int("ops"),
        inFlight,
        payloadBytes: PAYLOAD,
        variants: extra,
      })),
    );
  }
  if (only.has("2")) {
    console.log("2. fire-and-forget sendToGroup throughput");
    rows.push(
      ...(await runFireAndForget(minimal!, context, {
        operations: int("ops"),
        chunk: inFlight,
        payloadBytes: PAYLOAD,
      })),
    );
  }
  if (only.has("3")) {
    console.log("3. fan-out receive");
    rows.push(
      ...(await runFanout(minimal!, context, {
        receivers: int("receivers"),
        messages: int("messages"),
        window: 100,
        payloadBytes: PAYLOAD,
      })),
    );
  }
  if (only.has("4")) {
    console.log("4. ack round-trip latency");
    rows.push(
      ...(await runAckLatency(minimal!, context, { rate: int("rate"), seconds: 2, payloadBytes: PAYLOAD })),
    );
  }
  if (only.has("5")) {
    console.log("5. recovery");
    emulator = await ServiceChild.start("emulator");
    const drops = int("drops");
    // A plain drop is over in milliseconds: four times the drops, for steadier percentiles.
    rows.push(
      ...(await runRecovery(emulator, context, {
        drops: 4 * drops,
        refuseMs: 0,
        missed: 5,
        timeoutMs: 5000,
      })),
    );
    rows.push(
      ...(await runRecovery(emulator, context, {
        drops,
        refuseMs: int("outage"),
        missed: 5,
        timeoutMs: 5000,
      })),
    );
  }
  if (only.has("6")) {
    console.log("6. memory");
    rows.push(
      ...(await runMemory(minimal!, context, {
        idle: int("idle"),
        pending: int("pending"),
        payloadBytes: PAYLOAD,
      })),
    );
  }
  if (only.has("7")) {
    console.log("7. CPU per received message");
    rows.push(
      ...(await runCpuPerMessage(minimal!, context, {
        rate: 20_000,
        seconds: 2,
        receivers: 10,
        payloadBytes: PAYLOAD,
      })),
    );
  }
  if (only.has("8")) {
    console.log("8. reconnect storm");
    // A service of its own: no sessions or state left over from scenario 5.
    const { value: episodes, machine: stormMachine } = await onOwnEmulator((service) =>
      runReconnectStorm(service, context, {
        ...DEFAULT_STORM,
        clients: Math.max(1, int("storm-clients")),
        outagesMs: stormOutages,
        populations: stormOrder,
        warmup: context.warmup,
      }),
    );
    storm = {
      machine: stormMachine,
      command,
      settleMs: DEFAULT_STORM.settleMs,
      graceMs: DEFAULT_STORM.graceMs,
      warmup: context.warmup,
      episodes,
    };
  }
  if (only.has("11")) {
    console.log("11. protobuf vs JSON on the wire");
    const { DEFAULT_PROTOBUF_WIRE, runProtobufWire } = await import("./scenarios/protobuf-wire.js");
    const { value: cases, machine: wireMachine } = await onOwnEmulator((service) =>
      runProtobufWire(service, context, DEFAULT_PROTOBUF_WIRE),
    );
    wire = {
      machine: wireMachine,
      command,
      rounds: context.rounds,
      warmup: context.warmup,
      receivers: DEFAULT_PROTOBUF_WIRE.receivers,
      cases,
    };
  }
} finally {
  await minimal?.close().catch(() => minimal?.kill());
  await emulator?.close().catch(() => emulator?.kill());
}

const machine = machineInfo(started, loadBefore, cpuBefore);
const ranMain = MAIN_SCENARIOS.some((s) => only.has(s));
if (ranMain) console.log(`\n${renderTable(rows, [...extraVariants])}\n`);
if (storm !== undefined) console.log(`\n${renderStormTable(storm)}\n`);
if (wire !== undefined) console.log(`\n${renderWireSection(wire)}\n`);
console.log(
  `load average ${machine.loadBefore.map((l) => l.toFixed(2)).join(" / ")} before, ${machine.loadAfter.map((l) => l.toFixed(2)).join(" / ")} after; other processes used ${machine.otherCores?.toFixed(2) ?? "?"} cores; ${machine.wallSeconds.toFixed(0)} s`,
);
if (!values["no-write"]) {
  const { composeResults, mainPart, renderResults } = await import("./lib/results.js");
  const stormData = join(dirname(values.out), "results", "reconnect-storm.json");
  if (storm !== undefined) writeStormRun(stormData, storm);
  const wireData = join(dirname(values.out), "results", "protobuf-wire.json");
  if (wire !== undefined) writeWireRun(wireData, wire);
  // A run of only the storm keeps the main part of the results as it was, and vice versa.
  const main = ranMain
    ? renderResults({ rows, extraVariants: [...extraVariants], machine, command, context })
    : existsSync(values.out)
      ? mainPart(readFileSync(values.out, "utf8"))
      : "# Client benchmark results\n";
  writeFileSync(
    values.out,
    composeResults(main, storm ?? readStormRun(stormData), wire ?? readWireRun(wireData)),
  );
  const written = [
    values.out,
    ...(storm !== undefined ? [stormData] : []),
    ...(wire !== undefined ? [wireData] : []),
  ];
  if (ranMain) {
    writeFileSync(
      fileURLToPath(new URL("./README.section.md", import.meta.url)),
      renderSummary(rows, command, machine),
    );
    written.push("bench/README.section.md");
  }
  console.log(`wrote ${written.join(", ")}`);
}

// The official client leaves its keep-alive tasks' delays (up to 20 s) pending after stop(); the
// run is over, so do not wait for them.
process.exit();

/**
 * Runs a scenario with a section of its own on an emulator child of its own, and reads the machine
 * around it (its load, the other processes' share) for that section's header.
 */
async function onOwnEmulator<T>(
  run: (service: ServiceChild) => Promise<T>,
): Promise<{ value: T; machine: MachineInfo }> {
  const since = Date.now();
  const load = loadavg();
  const cpu = readCpuTimes();
  const service = await ServiceChild.start("emulator");
  let value: T;
  try {
    value = await run(service);
  } catch (error) {
    await service.close().catch(() => service.kill());
    throw error;
  }
  // Closed before the machine is read: an exited child's CPU counts as ours, not as others'.
  await service.close();
  return { value, machine: machineInfo(since, load, cpu) };
}

/** The machine, its load since `since`, and what ran: for a results header. */
function machineInfo(
  since: number,
  load: readonly number[],
  cpu: ReturnType<typeof readCpuTimes>,
): MachineInfo {
  const cpuAfter = readCpuTimes();
  const wallSeconds = (Date.now() - since) / 1000;
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
    cores: cpus().length,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadBefore: load,
    loadAfter: loadavg(),
    otherCores:
      cpu !== undefined && cpuAfter !== undefined
        ? cpuShare(cpu, cpuAfter, wallSeconds).otherCores
        : undefined,
    commit: `${gitCommit()}; ours from \`${oursSource()}/\``,
    date: new Date().toISOString().replace("T", " ").slice(0, 16) + " UTC",
    wallSeconds,
  };
}

function gitCommit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src", "machines", "bench"], {
      encoding: "utf8",
    }).trim();
    return dirty === "" ? head : `${head} (+ uncommitted changes)`;
  } catch {
    return "unknown";
  }
}
