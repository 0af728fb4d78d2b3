/**
 * The emulator's performance benchmark: fan-out throughput (1 sender → 100 receivers in a group),
 * the request/ack path, and the memory of 5,000 idle connections. The emulator runs in a separate
 * child process (`server.ts`) so the figures are the service's own. Writes `RESULTS.md`.
 *
 *   npm run bench:emulator [-- --messages 2000 --rounds 5 --connections 5000 --profile]
 *
 * Not part of `npm test`.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { JSON_RELIABLE_SUBPROTOCOL, JSON_SUBPROTOCOL } from "../../src/protocol/messages.js";
import { EmulatorChild } from "./child.js";
import { runAckPath, runFanout } from "./fanout.js";
import type { AckPathResult, FanoutOptions, RowSpec, ScenarioResult } from "./fanout.js";
import { cpuShare, readCpuTimes, sourceHash } from "./machine.js";
import { runMemory } from "./memory.js";
import type { MemoryResult } from "./memory.js";
import { renderReport } from "./report.js";
import { ensureFdLimit, readFdLimit } from "../lib/fd-limit.js";
import type { Machine, Settings } from "./report.js";

const DEFAULTS = {
  receivers: 100,
  messages: 2000,
  "stress-messages": 5000,
  rounds: 5,
  warmup: 1,
  payload: 1024,
  "ack-window": 100,
  "delivery-window": 250,
  "ack-ops": 20_000,
  connections: 5000,
  batch: 200,
} as const;
type NumericOption = keyof typeof DEFAULTS;
const SCENARIOS = ["json", "reliable", "ack", "memory"] as const;
type Scenario = (typeof SCENARIOS)[number];

const { values } = parseArgs({
  options: {
    ...(Object.fromEntries(Object.keys(DEFAULTS).map((name) => [name, { type: "string" }])) as Record<
      NumericOption,
      { type: "string" }
    >),
    out: { type: "string", default: fileURLToPath(new URL("./RESULTS.md", import.meta.url)) },
    "no-write": { type: "boolean", default: false },
    only: { type: "string", default: SCENARIOS.join(",") },
    profile: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
  strict: true,
});

if (values.help) {
  console.log(
    `Usage: npm run bench:emulator -- [options]\n` +
      Object.entries(DEFAULTS)
        .map(([name, value]) => `  --${name} <n>  (default ${value})`)
        .join("\n") +
      `\n  --only <list>  scenarios to run, comma-separated (default ${SCENARIOS.join(",")})\n` +
      `  --out <file>  --no-write\n` +
      `  --profile     write V8 CPU profiles of the emulator child to bench/emulator/profiles/`,
  );
  process.exit(0);
}

function option(name: NumericOption): number {
  const raw = values[name];
  if (raw === undefined) return DEFAULTS[name];
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`--${name} must be a positive integer`);
  return value;
}

const settings: Settings = {
  receivers: option("receivers"),
  messages: option("messages"),
  rounds: option("rounds"),
  warmupRounds: option("warmup"),
  payloadBytes: option("payload"),
  ackWindow: option("ack-window"),
  deliveryWindow: option("delivery-window"),
  sequenceAckEvery: 100,
  sequenceAckIntervalMs: 50,
  connections: option("connections"),
  batch: option("batch"),
  ackOperations: option("ack-ops"),
  stressMessages: option("stress-messages"),
};

/** Rows of the fan-out table, per receiver subprotocol. */
const JSON_ROWS: readonly RowSpec[] = [
  { mode: "fire-and-forget", pacing: "pipelined" },
  { mode: "acked", pacing: "pipelined" },
  { mode: "fire-and-forget", pacing: "batched" },
  { mode: "acked", pacing: "batched" },
];
function reliableRows(stressMessages: number): readonly RowSpec[] {
  return [
    { mode: "fire-and-forget", pacing: "batched" },
    { mode: "acked", pacing: "batched" },
    // Last: when it fails the receivers are gone. One long round: a continuous stream.
    {
      mode: "fire-and-forget",
      pacing: "pipelined",
      messages: stressMessages,
      rounds: 1,
      warmupRounds: 0,
      note: `stress: 1 continuous round of ${stressMessages.toLocaleString("en-US")}`,
    },
  ];
}
if (settings.receivers > 65_535) throw new RangeError("--receivers must be below 65,536");

const only = new Set<Scenario>();
for (const name of values.only.split(",")) {
  const scenario = SCENARIOS.find((s) => s === name.trim());
  if (scenario === undefined)
    throw new RangeError(`--only: unknown scenario '${name}' (${SCENARIOS.join(", ")})`);
  only.add(scenario);
}

const log = (line: string): void => console.log(line);
const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const profileDir = values.profile ? fileURLToPath(new URL("./profiles/", import.meta.url)) : undefined;

// --- machine --------------------------------------------------------------------------------------

function cpuModel(): string {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("model name"));
    if (line !== undefined) return line.split(":").slice(1).join(":").trim();
  } catch {
    // Fall through.
  }
  return cpus()[0]?.model ?? "unknown";
}

function commit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src/emulator", "src/protocol"], {
      encoding: "utf8",
    }).trim();
    return dirty === ""
      ? `\`${head}\``
      : `\`${head}\` (+ uncommitted changes in src/emulator or src/protocol)`;
  } catch {
    return "unknown";
  }
}

function reproduceCommand(): string {
  const args = process.argv.slice(2).filter((a) => a !== "--no-write");
  return args.length === 0 ? "npm run bench:emulator" : `npm run bench:emulator -- ${args.join(" ")}`;
}

// --- main -----------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  const cpuBefore = readCpuTimes();
  const loadBefore = loadavg();
  log(`load average before: ${loadBefore.map((l) => l.toFixed(2)).join(" ")}`);

  const fanoutOptions: FanoutOptions = {
    receivers: settings.receivers,
    messages: settings.messages,
    rounds: settings.rounds,
    warmupRounds: settings.warmupRounds,
    payloadBytes: settings.payloadBytes,
    ackWindow: settings.ackWindow,
    deliveryWindow: settings.deliveryWindow,
    sequenceAckEvery: settings.sequenceAckEvery,
    sequenceAckIntervalMs: settings.sequenceAckIntervalMs,
    roundTimeoutMs: 30_000,
  };

  const fanout: ScenarioResult[] = [];
  let ackPath: AckPathResult | undefined;
  let fanoutError: string | undefined;
  const protocols = ([JSON_SUBPROTOCOL, JSON_RELIABLE_SUBPROTOCOL] as const).filter((protocol) =>
    only.has(protocol === JSON_SUBPROTOCOL ? "json" : "reliable"),
  );
  if (protocols.length > 0 || only.has("ack")) {
    const child = await EmulatorChild.start({ cpuProfileDir: profileDir && `${profileDir}fanout` });
    log(`fan-out: emulator child pid ${child.pid} on port ${child.port}`);
    try {
      for (const protocol of protocols) {
        const rows = protocol === JSON_SUBPROTOCOL ? JSON_ROWS : reliableRows(settings.stressMessages);
        fanout.push(...(await runFanout(child, protocol, rows, fanoutOptions, log)));
      }
      if (only.has("ack")) {
        ackPath = await runAckPath(
          child,
          settings.ackOperations,
          settings.ackWindow,
          settings.rounds,
          settings.warmupRounds,
          settings.payloadBytes,
          log,
        );
      }
    } catch (error) {
      fanoutError = error instanceof Error ? error.message : String(error);
      log(`fan-out failed: ${fanoutError}`);
    } finally {
      await child.close();
    }
  }

  let memory: MemoryResult | string = "skipped (not in --only)";
  if (only.has("memory")) {
    const problem = ensureFdLimit(settings.connections + settings.batch + 256, "npm run bench:emulator", log);
    if (problem !== undefined) {
      memory = problem;
      log(`memory: not measured: ${problem}`);
    } else {
      const child = await EmulatorChild.start({ cpuProfileDir: profileDir && `${profileDir}memory` });
      log(`memory: emulator child pid ${child.pid} on port ${child.port}`);
      try {
        memory = await runMemory(child, settings.connections, settings.batch, log);
        const perConnection = (memory.after.heapUsed - memory.before.heapUsed) / settings.connections / 1024;
        log(
          `  ${settings.connections} idle connections: ${perConnection.toFixed(1)} KiB heap per connection`,
        );
      } catch (error) {
        memory = `failed: ${error instanceof Error ? error.message : String(error)}`;
        log(`memory ${memory}`);
        child.kill();
      }
    }
  }

  const loadAfter = loadavg();
  const cpuAfter = readCpuTimes();
  log(`load average after: ${loadAfter.map((l) => l.toFixed(2)).join(" ")}`);
  const limit = readFdLimit();
  const machine: Machine = {
    cpuModel: cpuModel(),
    cores: cpus().length,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadBefore,
    loadAfter,
    fdLimit: limit === undefined ? "unknown" : `${limit.soft} soft / ${limit.hard} hard`,
    commit: commit(),
    sourceHash: sourceHash(REPO_ROOT, ["src/emulator", "src/protocol"]),
    cpu:
      cpuBefore === undefined || cpuAfter === undefined
        ? undefined
        : cpuShare(cpuBefore, cpuAfter, (performance.now() - started) / 1000),
    date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
  };
  const markdown = renderReport({
    machine,
    settings,
    command: reproduceCommand(),
    durationMs: performance.now() - started,
    fanout,
    ackPath,
    memory,
    fanoutError,
  });
  if (values["no-write"]) console.log(`\n${markdown}`);
  else {
    writeFileSync(values.out, markdown);
    log(`wrote ${values.out}`);
  }
  if (fanoutError !== undefined || (typeof memory === "string" && only.has("memory"))) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
