/**
 * Scenario 12: the emulator against its limit. The same fan-out on the emulator and on a minimal
 * raw `ws` broadcast server, alternating round by round (`bench/emulator/versus.ts`), then a
 * 1 → N broadcast to N reliable connections on a fresh child of each (`bench/emulator/broadcast.ts`).
 * The services are measured here, each in a child of its own (`bench/emulator/server.ts`).
 */
import { JSON_RELIABLE_SUBPROTOCOL, JSON_SUBPROTOCOL } from "../../src/protocol/messages.js";
import type { BroadcastResult } from "../emulator/broadcast.js";
import { runBroadcast } from "../emulator/broadcast.js";
import { EmulatorChild } from "../emulator/child.js";
import type { FanoutOptions, RowSpec } from "../emulator/fanout.js";
import type { Server, VersusResult } from "../emulator/versus.js";
import { runVersus, SERVERS } from "../emulator/versus.js";
import type { EmulatorLimitRun, EmulatorLimitSettings } from "../lib/emulator-limit-data.js";
import { ensureFdLimit } from "../lib/fd-limit.js";

/** The fan-out rows: plain receivers with both pacings, reliable receivers batched. */
const JSON_ROWS: readonly RowSpec[] = [
  { mode: "fire-and-forget", pacing: "pipelined" },
  { mode: "fire-and-forget", pacing: "batched" },
];
const RELIABLE_ROWS: readonly RowSpec[] = [{ mode: "fire-and-forget", pacing: "batched" }];

export const DEFAULT_EMULATOR_LIMIT: Omit<EmulatorLimitSettings, "rounds" | "warmup"> = {
  receivers: 100,
  messages: 2000,
  payloadBytes: 1024,
  connections: 10_000,
  batch: 200,
  broadcasts: 20,
};

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function fanout(
  settings: EmulatorLimitSettings,
  log: (line: string) => void,
): Promise<readonly VersusResult[] | string> {
  const options: FanoutOptions = {
    receivers: settings.receivers,
    messages: settings.messages,
    rounds: settings.rounds,
    warmupRounds: settings.warmup,
    payloadBytes: settings.payloadBytes,
    ackWindow: 100,
    deliveryWindow: 250,
    sequenceAckEvery: 100,
    sequenceAckIntervalMs: 50,
    roundTimeoutMs: 30_000,
  };
  const children = {
    emulator: await EmulatorChild.start(),
    raw: await EmulatorChild.start({ raw: true }),
  };
  try {
    return [
      ...(await runVersus(children, JSON_SUBPROTOCOL, JSON_ROWS, options, log)),
      ...(await runVersus(children, JSON_RELIABLE_SUBPROTOCOL, RELIABLE_ROWS, options, log)),
    ];
  } catch (error) {
    log(`  fan-out failed: ${message(error)}`);
    return `failed: ${message(error)}`;
  } finally {
    await children.emulator.close();
    await children.raw.close();
  }
}

async function broadcasts(
  settings: EmulatorLimitSettings,
  log: (line: string) => void,
): Promise<Partial<Record<Server, BroadcastResult | string>>> {
  const scale: Partial<Record<Server, BroadcastResult | string>> = {};
  const problem = ensureFdLimit(settings.connections + 1024, "npm run bench", log);
  for (const server of SERVERS) {
    if (problem !== undefined) {
      scale[server] = problem;
      continue;
    }
    const child = await EmulatorChild.start({ raw: server === "raw" });
    try {
      const result = await runBroadcast(
        child,
        {
          connections: settings.connections,
          batch: settings.batch,
          broadcasts: settings.broadcasts,
          warmupBroadcasts: 2,
          payloadBytes: settings.payloadBytes,
          timeoutMs: 30_000,
        },
        log,
      );
      scale[server] = result;
      log(
        `  ${server}: p50 ${result.latencyMs[50]?.toFixed(1)} ms, p99 ${result.latencyMs[99]?.toFixed(1)} ms per delivery; ` +
          `${result.serverCpuUsPerDelivery.toFixed(2)} µs server CPU per delivery`,
      );
    } catch (error) {
      scale[server] = `failed: ${message(error)}`;
      log(`  broadcast on ${server} failed: ${message(error)}`);
      child.kill();
    }
  }
  return scale;
}

/** Runs both parts; a part that fails is recorded as its error, the other still runs. */
export async function runEmulatorLimit(
  settings: EmulatorLimitSettings,
  log: (line: string) => void,
): Promise<Pick<EmulatorLimitRun, "settings" | "versus" | "scale">> {
  const versus = await fanout(settings, log);
  const scale = await broadcasts(settings, log);
  return { settings, versus, scale };
}
