/**
 * `npm run bench`: our client against `@azure/web-pubsub-client` and a raw `ws` baseline, side by
 * side in one run, alternating within every round. Services run in a child process (the minimal
 * service from `lib/service.ts`, or the emulator for the fault and memory scenarios), so the CPU
 * and memory measured in this process are the clients'. Each scenario's data goes to
 * `bench/results/<name>.json`; then `bench/RESULTS.md`, `bench/README.section.md` and the plots in
 * `bench/plots/` are rendered from every stored file (`npm run bench:plots` does only that).
 * Not part of `npm test`.
 *
 *   npm run bench [-- --only 1,2,3 --rounds 5 --no-write]
 *   npm run bench -- --only reconnect-storm
 *   npm run bench -- --only growth,idle-cpu
 *   npm run bench -- --only emulator-limit
 *
 * Start under `node --expose-gc` (the npm script does) for the memory scenario.
 */
import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { cpuShare, readCpuTimes } from "./emulator/machine.js";
import type { MachineInfo } from "./lib/report.js";
import { CLIENT_KINDS } from "./lib/clients.js";
import { loadOurs, oursSource } from "./lib/ours.js";
import { renderTable } from "./lib/report.js";
import { ensureFdLimit } from "./lib/fd-limit.js";
import type { GrowthRun, IdleRun } from "./lib/growth-data.js";
import { renderGrowthSection, renderIdleSection } from "./lib/growth-report.js";
import type { RecoveryDistribution, ScenarioRun } from "./lib/scenario-data.js";
import { loadRow, MAIN_SCENARIO_NAMES, scenarioFile, storeRow, writeJson } from "./lib/scenario-data.js";
import { ServiceChild } from "./lib/service-child.js";
import type { StormRun } from "./lib/storm-data.js";
import { writeStormRun } from "./lib/storm-data.js";
import { renderStormTable } from "./lib/storm-report.js";
import type { MetricRow, ScenarioContext } from "./lib/types.js";
import { runAckLatency } from "./scenarios/ack-latency.js";
import { runAckThroughput, type OursVariant } from "./scenarios/ack-throughput.js";
import { runCpuPerMessage } from "./scenarios/cpu-per-message.js";
import { runFanout } from "./scenarios/fanout.js";
import { runFireAndForget } from "./scenarios/fire-and-forget.js";
import { GROWTH_LEVELS, runClientsAxis, runPendingAxis } from "./scenarios/growth.js";
import { runMemory } from "./scenarios/memory.js";
import { DEFAULT_STORM, runReconnectStorm } from "./scenarios/reconnect-storm.js";
import { DEFAULT_EMULATOR_LIMIT, runEmulatorLimit } from "./scenarios/emulator-limit.js";
import type { EmulatorLimitRun } from "./lib/emulator-limit-data.js";
import { renderEmulatorLimitSection } from "./lib/emulator-limit-report.js";
import { runRecovery } from "./scenarios/recovery.js";
import type { WireRun } from "./lib/protobuf-wire-data.js";
import { renderWireSection, writeWireRun } from "./lib/protobuf-wire-data.js";

const SCENARIOS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"] as const;
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
  growth: "9",
  "idle-cpu": "10",
  "protobuf-wire": "11",
  "emulator-limit": "12",
};

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
    "growth-levels": { type: "string", default: GROWTH_LEVELS.join(",") },
    "growth-rounds": { type: "string", default: "2" },
    "growth-ops": { type: "string", default: "10000" },
    "storm-clients": { type: "string", default: String(DEFAULT_STORM.clients) },
    "storm-outages": { type: "string", default: DEFAULT_STORM.outagesMs.join(",") },
    "storm-order": { type: "string", default: DEFAULT_STORM.populations.join(",") },
    "emulator-connections": { type: "string", default: String(DEFAULT_EMULATOR_LIMIT.connections) },
    "emulator-broadcasts": { type: "string", default: String(DEFAULT_EMULATOR_LIMIT.broadcasts) },
    "emulator-messages": { type: "string", default: String(DEFAULT_EMULATOR_LIMIT.messages) },
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
                    9 growth, 10 idle-cpu, 11 protobuf-wire, 12 emulator-limit);
                    default all
  --rounds <n>      measured rounds per scenario (default 5), --warmup <n> (default 1)
  --ops <n>         operations per round in 1 and 2 (default 20000); --in-flight <n> (default 100)
  --receivers <n>   fan-out receivers (default 100); --messages <n> per round (default 500)
  --drops <n>       drops with an outage (default 50; plain drops: 4×); --outage <ms> refused upgrades (default 300)
  --idle <n>        idle clients per kind for memory (default 1000); --pending <n> operations (default 10000)
  --rate <n>        ack latency: operations/s (default 2000)
  --growth-levels <n,…>  9 and 10: pending operations per client and connected clients (default
                    ${GROWTH_LEVELS.join(",")}; 10 uses the largest); --growth-rounds <n> rounds of the
                    pending axis (default 2; the clients axis and 10 run one); --growth-ops <n>
                    acked sends measured per level (default 10000)
  --storm-clients <n>   reconnect storm: clients per population (default 1000)
  --storm-outages <ms,…> reconnect storm: outage lengths, each refused and unreachable (default 300,10000)
  --storm-order <kinds>  reconnect storm: populations in the order they run (default ours,official)
  --emulator-connections <n>  12: connections of the 1 → N broadcast (default ${DEFAULT_EMULATOR_LIMIT.connections});
                    --emulator-broadcasts <n> measured broadcasts (default ${DEFAULT_EMULATOR_LIMIT.broadcasts});
                    --emulator-messages <n> fan-out messages per round (default ${DEFAULT_EMULATOR_LIMIT.messages})
  --no-inspect      leave out the inspection rows
  --no-write        print only; --out <file> results file (default bench/RESULTS.md; its data goes to
                    results/ and its plots to plots/ beside it)
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
const growthLevels = values["growth-levels"].split(",").map((s) => {
  const level = Number(s);
  if (!Number.isInteger(level) || level <= 0) throw new RangeError("--growth-levels takes positive integers");
  return level;
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
const runId = new Date().toISOString();
const started = Date.now();
const loadBefore = loadavg();
const cpuBefore = readCpuTimes();
const resultsDir = join(dirname(values.out), "results");
const extraVariants = new Set<string>();
// BENCH_BEFORE: an earlier build measured in every scenario, shown in a column of its own.
if (CLIENT_KINDS.includes("before")) extraVariants.add("before");
/** Scenarios 1–7 of this run, each written to its own file as soon as it is done. */
const runs: ScenarioRun[] = [];
let storm: StormRun | undefined;
let growth: GrowthRun | undefined;
let idle: IdleRun | undefined;
let emulatorLimit: EmulatorLimitRun | undefined;
let wire: WireRun | undefined;
let minimal: ServiceChild | undefined;
let emulator: ServiceChild | undefined;

/** Runs one of scenarios 1–7 and keeps its rows with the machine's state while it ran. */
async function mainScenario(
  scenario: Scenario,
  title: string,
  body: () => Promise<MetricRow[] | { rows: MetricRow[]; recovery: RecoveryDistribution[] }>,
): Promise<void> {
  if (!only.has(scenario)) return;
  console.log(`${scenario}. ${title}`);
  const since = Date.now();
  const load = loadavg();
  const cpu = readCpuTimes();
  const result = await body();
  const { rows, recovery } = Array.isArray(result) ? { rows: result, recovery: undefined } : result;
  const run: ScenarioRun = {
    name: MAIN_SCENARIO_NAMES[Number(scenario) - 1]!,
    machine: machineInfo(since, load, cpu),
    command,
    runId,
    rounds: context.rounds,
    warmup: context.warmup,
    rows: rows.map(storeRow),
    ...(recovery !== undefined ? { recovery } : {}),
  };
  runs.push(run);
  if (!values["no-write"]) writeJson(scenarioFile(resultsDir, run.name), run);
}

try {
  if (["1", "2", "3", "4", "6", "7", "9", "10"].some((s) => only.has(s as Scenario))) {
    if (only.has("9") || only.has("10")) {
      // Both processes hold a descriptor per client; the service child inherits the limit.
      const problem = ensureFdLimit(Math.max(...growthLevels) + 1024, "npm run bench", console.log);
      if (problem !== undefined) throw new Error(problem);
    }
    minimal = await ServiceChild.start("minimal");
  }
  await mainScenario("1", "acked sendToGroup throughput", async () => {
    const extra = await oursVariants();
    for (const name of extra.keys()) extraVariants.add(name);
    return runAckThroughput(minimal!, context, {
      operations: int("ops"),
      inFlight,
      payloadBytes: PAYLOAD,
      variants: extra,
    });
  });
  await mainScenario("2", "fire-and-forget sendToGroup throughput", () =>
    runFireAndForget(minimal!, context, { operations: int("ops"), chunk: inFlight, payloadBytes: PAYLOAD }),
  );
  await mainScenario("3", "fan-out receive", () =>
    runFanout(minimal!, context, {
      receivers: int("receivers"),
      messages: int("messages"),
      window: 100,
      payloadBytes: PAYLOAD,
    }),
  );
  await mainScenario("4", "ack round-trip latency", () =>
    runAckLatency(minimal!, context, { rate: int("rate"), seconds: 2, payloadBytes: PAYLOAD }),
  );
  await mainScenario("5", "recovery", async () => {
    emulator = await ServiceChild.start("emulator");
    const drops = int("drops");
    // A plain drop is over in milliseconds: four times the drops, for steadier percentiles.
    const plain = await runRecovery(emulator, context, {
      drops: 4 * drops,
      refuseMs: 0,
      missed: 5,
      timeoutMs: 5000,
    });
    const refused = await runRecovery(emulator, context, {
      drops,
      refuseMs: int("outage"),
      missed: 5,
      timeoutMs: 5000,
    });
    return {
      rows: [...plain.rows, ...refused.rows],
      recovery: [plain.distribution, refused.distribution],
    };
  });
  await mainScenario("6", "memory", () =>
    runMemory(minimal!, context, { idle: int("idle"), pending: int("pending"), payloadBytes: PAYLOAD }),
  );
  await mainScenario("7", "CPU per received message", () =>
    runCpuPerMessage(minimal!, context, { rate: 20_000, seconds: 2, receivers: 10, payloadBytes: PAYLOAD }),
  );
  if (only.has("9") || only.has("10")) {
    console.log(only.has("9") ? "9. cost as work grows" : "10. idle CPU");
    const since = Date.now();
    const load = loadavg();
    const cpu = readCpuTimes();
    const growthOptions = {
      levels: growthLevels,
      measuredOps: int("growth-ops"),
      inFlight,
      payloadBytes: PAYLOAD,
      minHeld: 1000,
    };
    const pending = only.has("9")
      ? await runPendingAxis(minimal!, context, growthOptions, Math.max(1, int("growth-rounds")))
      : undefined;
    if (only.has("10")) console.log("10. idle CPU");
    const clients = await runClientsAxis(
      minimal!,
      context,
      growthOptions,
      1,
      only.has("9"),
      only.has("10") ? { windows: 2, windowSeconds: 10 } : undefined,
    );
    const machine = machineInfo(since, load, cpu);
    if (only.has("9"))
      growth = {
        machine,
        command,
        runId,
        ...(pending !== undefined ? { pending } : {}),
        ...(clients.axis !== undefined ? { clients: clients.axis } : {}),
      };
    if (clients.idle !== undefined)
      idle = {
        machine,
        command,
        runId,
        clients: Math.max(...growthLevels),
        windowSeconds: 10,
        byKind: Object.fromEntries(clients.idle),
      };
    if (!values["no-write"]) {
      if (growth !== undefined) writeJson(join(resultsDir, "growth.json"), growth);
      if (idle !== undefined) writeJson(join(resultsDir, "idle-cpu.json"), idle);
    }
  }
  if (only.has("12")) {
    console.log("12. the emulator against its limit");
    const since = Date.now();
    const load = loadavg();
    const cpu = readCpuTimes();
    const measured = await runEmulatorLimit(
      {
        ...DEFAULT_EMULATOR_LIMIT,
        rounds: context.rounds,
        warmup: context.warmup,
        messages: Math.max(1, int("emulator-messages")),
        connections: Math.max(1, int("emulator-connections")),
        broadcasts: Math.max(1, int("emulator-broadcasts")),
      },
      context.log,
    );
    emulatorLimit = { machine: machineInfo(since, load, cpu), command, runId, ...measured };
    if (!values["no-write"]) writeJson(join(resultsDir, "emulator-limit.json"), emulatorLimit);
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
    if (!values["no-write"]) writeStormRun(join(resultsDir, "reconnect-storm.json"), storm);
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
    if (!values["no-write"]) writeWireRun(join(resultsDir, "protobuf-wire.json"), wire);
  }
} finally {
  await minimal?.close().catch(() => minimal?.kill());
  await emulator?.close().catch(() => emulator?.kill());
}

const machine = machineInfo(started, loadBefore, cpuBefore);
const rows = runs.flatMap((run) => run.rows.map(loadRow));
if (rows.length > 0) console.log(`\n${renderTable(rows, [...extraVariants])}\n`);
if (growth !== undefined) console.log(`\n${renderGrowthSection(growth)}`);
if (idle !== undefined) console.log(`\n${renderIdleSection(idle)}`);
if (emulatorLimit !== undefined) console.log(`\n${renderEmulatorLimitSection(emulatorLimit)}`);
if (storm !== undefined) console.log(`\n${renderStormTable(storm)}\n`);
if (wire !== undefined) console.log(`\n${renderWireSection(wire)}\n`);
console.log(
  `load average ${machine.loadBefore.map((l) => l.toFixed(2)).join(" / ")} before, ${machine.loadAfter.map((l) => l.toFixed(2)).join(" / ")} after; other processes used ${machine.otherCores?.toFixed(2) ?? "?"} cores; ${machine.wallSeconds.toFixed(0)} s`,
);
if (!values["no-write"]) {
  // RESULTS.md, README.section.md and the plots from everything stored, this run's data included.
  const { publishResults } = await import("./lib/publish.js");
  const written = await publishResults(values.out);
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
    // The run's own output (results, plots, RESULTS.md) is not a change to what is measured.
    const outputs = ["bench/results", "bench/plots", "bench/RESULTS.md"].map((path) => `:(exclude)${path}`);
    const dirty = execFileSync(
      "git",
      ["status", "--porcelain", "--", "src", "machines", "bench", ...outputs],
      {
        encoding: "utf8",
      },
    ).trim();
    return dirty === "" ? head : `${head} (+ uncommitted changes)`;
  } catch {
    return "unknown";
  }
}
