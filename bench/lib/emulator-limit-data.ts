/**
 * The data of scenario 12 (the emulator against its limit, `bench/results/emulator-limit.json`):
 * the same fan-out on the emulator and on a minimal raw `ws` broadcast server, round by round,
 * and a 1 → N broadcast to N reliable connections on each; and the figures computed from it.
 * Pure: the section (`emulator-limit-report.ts`) and the plots (`charts.ts`) both read these.
 */
import type { BroadcastResult } from "../emulator/broadcast.js";
import type { Server, VersusResult } from "../emulator/versus.js";
import type { MachineInfo } from "./report.js";
import { median } from "./stats.js";

/** The target: the emulator's fan-out CPU per delivery at most this times the raw server's. */
export const VERSUS_TARGET = 1.3;

export interface EmulatorLimitSettings {
  /** Fan-out: receivers in the group, messages per round, measured and warm-up rounds. */
  readonly receivers: number;
  readonly messages: number;
  readonly rounds: number;
  readonly warmup: number;
  readonly payloadBytes: number;
  /** Broadcast: reliable connections, opened `batch` at a time, and measured broadcasts. */
  readonly connections: number;
  readonly batch: number;
  readonly broadcasts: number;
}

export interface EmulatorLimitRun {
  readonly machine: MachineInfo;
  readonly command: string;
  readonly runId: string;
  readonly settings: EmulatorLimitSettings;
  /** The fan-out rows, or why they were not measured. */
  readonly versus: readonly VersusResult[] | string;
  /** The broadcast per server, or why not. */
  readonly scale: Readonly<Partial<Record<Server, BroadcastResult | string>>>;
}

export const SERVER_LABEL: Readonly<Record<Server, string>> = {
  emulator: "emulator",
  raw: "raw ws server",
};

/** One fan-out row's figures: server CPU µs per delivery per round, medians, and their ratio. */
export interface VersusFigures {
  readonly perDelivery: Readonly<Record<Server, readonly number[]>>;
  readonly median: Readonly<Record<Server, number>>;
  /** Delivered messages per second, median over rounds. */
  readonly rate: Readonly<Record<Server, number>>;
  /** Emulator / raw on the medians. */
  readonly ratio: number;
}

export function versusFigures(row: VersusResult): VersusFigures {
  const perDelivery = {
    emulator: row.rounds.emulator.map((r) => r.childCpuUs / r.deliveries),
    raw: row.rounds.raw.map((r) => r.childCpuUs / r.deliveries),
  };
  const medians = { emulator: median(perDelivery.emulator), raw: median(perDelivery.raw) };
  return {
    perDelivery,
    median: medians,
    rate: {
      emulator: median(row.rounds.emulator.map((r) => r.rate)),
      raw: median(row.rounds.raw.map((r) => r.rate)),
    },
    ratio: medians.emulator / medians.raw,
  };
}

/** One broadcast result's figures: the server's memory per connection and the latency quantiles. */
export interface BroadcastFigures {
  readonly heapKiB: number;
  readonly rssKiB: number;
  readonly p50: number | null;
  readonly p99: number | null;
  readonly max: number | null;
  /** Send → the last receiver has it, median over broadcasts, ms. */
  readonly completeMs: number;
}

export function broadcastFigures(result: BroadcastResult): BroadcastFigures {
  return {
    heapKiB: (result.after.heapUsed - result.before.heapUsed) / result.connections / 1024,
    rssKiB: (result.after.rss - result.before.rss) / result.connections / 1024,
    p50: result.latencyMs[50] ?? null,
    p99: result.latencyMs[99] ?? null,
    max: result.latencyMs[100] ?? null,
    completeMs: median(result.completeMs),
  };
}

/** The broadcasts that were measured, by server. */
export function measuredBroadcasts(run: EmulatorLimitRun): [Server, BroadcastResult][] {
  return (Object.entries(run.scale) as [Server, BroadcastResult | string][]).filter(
    (e): e is [Server, BroadcastResult] => typeof e[1] !== "string",
  );
}
