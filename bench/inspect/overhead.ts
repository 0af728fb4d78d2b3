/**
 * `npm run bench:inspect`: what attaching an inspector costs the client.
 *
 * Acked `sendToGroup` of a 1 KiB JSON payload with 100 in flight against the emulator in another
 * process, for ~3 s per round, 3 rounds alternating the modes (after a short warm-up):
 * - `off`: no inspector (the happy path creates no operation actor);
 * - `noop`: an inspector that does nothing (`inspect: () => {}`): the cost of inspection itself in
 *   the client, i.e. an operation actor for every send and XState's inspection events;
 * - `sender`: our sender (`inspect: "ws://…"`) reporting to a relay in the other process;
 * - `statelyai`: @statelyai/inspect's `createWebSocketInspector` to the same relay.
 * Reports throughput and the client process's CPU per operation; prints a Markdown table.
 *
 * Options: `--seconds <s>` per round (default 3), `--rounds <n>` (default 3), `--modes a,b`.
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createWebSocketInspector } from "@statelyai/inspect";
import { WebPubSubClient } from "../../src/client.js";
import { createInspectorSender } from "../../src/inspect/sender.js";
import type { WebPubSubClientOptions } from "../../src/types.js";

type Mode = "off" | "noop" | "sender" | "statelyai";
const ALL_MODES: readonly Mode[] = ["off", "noop", "sender", "statelyai"];
const IN_FLIGHT = 100;
const PAYLOAD = { text: "x".repeat(1024 - 11) }; // {"text":"…"} is 1,024 bytes of JSON

interface Round {
  readonly mode: Mode;
  readonly ops: number;
  readonly seconds: number;
  readonly cpuMicros: number;
  readonly dropped: number;
}

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "3" },
    rounds: { type: "string", default: "3" },
    modes: { type: "string", default: ALL_MODES.join(",") },
  },
});
const MODES = values.modes.split(",").map((mode) => {
  if (!(ALL_MODES as readonly string[]).includes(mode)) throw new Error(`unknown mode ${mode}`);
  return mode as Mode;
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);

async function measure(mode: Mode, clientUrl: string, relayUrl: string, durationMs: number): Promise<Round> {
  let stopInspector = (): void => {};
  let dropped = (): number => 0;
  const options: WebPubSubClientOptions = {};
  if (mode === "noop") {
    options.inspect = () => {};
  } else if (mode === "sender") {
    const sender = createInspectorSender(relayUrl);
    options.inspect = sender.inspect;
    stopInspector = () => sender.stop();
    dropped = () => sender.dropped;
  } else if (mode === "statelyai") {
    const inspector = createWebSocketInspector({ url: relayUrl });
    options.inspect = inspector.inspect;
    stopInspector = () => inspector.stop();
  }
  const client = new WebPubSubClient(clientUrl, options);
  await client.start();
  let ops = 0;
  let failures = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const end = t0 + durationMs;
  await new Promise<void>((resolve) => {
    let running = 0;
    const launch = (): void => {
      running++;
      client.sendToGroup("bench", PAYLOAD, "json").then(
        () => {
          ops++;
          next();
        },
        () => {
          failures++;
          next();
        },
      );
    };
    const next = (): void => {
      running--;
      if (performance.now() < end) launch();
      else if (running === 0) resolve();
    };
    for (let i = 0; i < IN_FLIGHT; i++) launch();
  });
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await client[Symbol.asyncDispose]();
  // Let the inspector's deferred sends (statelyai: setTimeout(0)) go before closing it.
  await new Promise((resolve) => setTimeout(resolve, 0));
  stopInspector();
  if (failures > 0) throw new Error(`${failures} sends failed in mode ${mode}`);
  return { mode, ops, seconds: elapsed, cpuMicros: cpu.user + cpu.system, dropped: dropped() };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(new URL("./services.ts", import.meta.url)), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const [ready] = (await once(child, "message")) as [{ clientUrl: string; relayUrl: string }];
  const load = os.loadavg()[0]!.toFixed(2);
  try {
    // Warm-up: JIT, the relay's diagram rendering, connection set-up.
    for (const mode of MODES) await measure(mode, ready.clientUrl, ready.relayUrl, 1000);
    const results: Round[] = [];
    for (let round = 0; round < rounds; round++) {
      // Alternate the order so no mode always runs first (or last) in a round.
      const order = round % 2 === 0 ? MODES : [...MODES].reverse();
      for (const mode of order) {
        const result = await measure(mode, ready.clientUrl, ready.relayUrl, seconds * 1000);
        results.push(result);
        process.stderr.write(
          `round ${round + 1} ${mode.padEnd(9)} ${(result.ops / result.seconds).toFixed(0).padStart(7)} ops/s  ` +
            `${(result.cpuMicros / result.ops).toFixed(1).padStart(6)} µs CPU/op  dropped ${result.dropped}\n`,
        );
      }
    }
    const summary = MODES.map((mode) => {
      const mine = results.filter((r) => r.mode === mode);
      return {
        mode,
        rate: median(mine.map((r) => r.ops / r.seconds)),
        cpu: median(mine.map((r) => r.cpuMicros / r.ops)),
        rates: mine.map((r) => (r.ops / r.seconds).toFixed(0)).join(" / "),
        dropped: mine.reduce((sum, r) => sum + r.dropped, 0),
      };
    });
    const off = summary[0]!;
    const lines = [
      `Command: \`npm run bench:inspect -- --seconds ${seconds} --rounds ${rounds}\``,
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, Node ${process.version}, load average ${load} at start (shared with other work)`,
      "",
      "| inspector | acked sends/s (median) | rounds | client CPU µs/op (median) | throughput vs off | CPU/op vs off | events dropped by the sender |",
      "|---|---:|---|---:|---:|---:|---:|",
      ...summary.map(
        (s) =>
          `| ${s.mode} | ${s.rate.toFixed(0)} | ${s.rates} | ${s.cpu.toFixed(1)} | ${(s.rate / off.rate).toFixed(2)}× | ${(s.cpu / off.cpu).toFixed(2)}× | ${s.mode === "sender" ? s.dropped : "–"} |`,
      ),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    child.send({ type: "close" });
    await once(child, "exit");
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
