/**
 * Scenario 1: acked `sendToGroup` throughput of one client, 1 KiB JSON payload, up to `inFlight`
 * operations pending, against the minimal service in another process (nobody in the group, so
 * the service only acks). Reports ops/s and the client process's CPU µs per operation.
 * Also the inspection rows: ours with a no-op inspection observer (every operation becomes an
 * actor and XState emits inspection events) and, when `src/inspect/sender.ts` exists, with the
 * live-inspector sender attached.
 */
import { alternate } from "../lib/alternate.js";
import { CLIENT_KINDS, type ClientKind, type ClientOptions } from "../lib/clients.js";
import { startMeasure, type Measurement } from "../lib/measure.js";
import { closeClients, openClients, pump } from "../lib/pool.js";
import type { ServiceChild } from "../lib/service-child.js";
import { summarize } from "../lib/stats.js";
import type { MetricRow, ScenarioContext } from "../lib/types.js";

export interface AckThroughputOptions {
  readonly operations: number;
  readonly inFlight: number;
  readonly payloadBytes: number;
  /** Extra variants of ours by name: the client options each runs with (an ack timeout, an inspector). */
  readonly variants: ReadonlyMap<string, () => OursVariant>;
}

/** A variant of ours: its client options, and what to stop after its round. */
export interface OursVariant {
  readonly options: ClientOptions;
  readonly stop: () => void;
}

export function benchPayload(bytes: number): { t: number; n: number; pad: string } {
  const base = JSON.stringify({ t: 0, n: 0, pad: "" }).length;
  return { t: 0, n: 0, pad: "x".repeat(Math.max(0, bytes - base)) };
}

/** One measured round of a throughput scenario (1 and 2). */
export interface ThroughputRound {
  readonly opsPerSecond: number;
  readonly cpuUsPerOp: number;
}

export function throughputRound(operations: number, m: Measurement): ThroughputRound {
  return { opsPerSecond: (operations / m.wallMs) * 1000, cpuUsPerOp: m.cpuUs / operations };
}

/** The two rows of a throughput scenario (1 and 2): ops/s and client CPU per op, with the targets. */
export function throughputRows(
  scenario: string,
  results: ReadonlyMap<string, readonly ThroughputRound[]>,
): MetricRow[] {
  const column = (pick: (r: ThroughputRound) => number) =>
    new Map([...results].map(([variant, rounds]) => [variant, summarize(rounds.map(pick))]));
  return [
    {
      scenario,
      metric: "throughput",
      unit: "ops/s",
      better: "higher",
      results: column((r) => r.opsPerSecond),
      target: { kind: "vs-raw", ratio: 0.9 },
    },
    {
      scenario,
      metric: "client CPU per op",
      unit: "µs",
      better: "lower",
      results: column((r) => r.cpuUsPerOp),
      target: { kind: "vs-raw", ratio: 1.15 },
    },
  ];
}

export async function runAckThroughput(
  service: ServiceChild,
  context: ScenarioContext,
  options: AckThroughputOptions,
  select: { readonly kinds?: readonly ClientKind[] } = {},
): Promise<MetricRow[]> {
  const data = benchPayload(options.payloadBytes);
  const variants = select.kinds ?? [...CLIENT_KINDS, ...options.variants.keys()];
  const results = await alternate(variants, context.rounds, context.warmup, async (variant, round) => {
    const ours = options.variants.get(variant)?.();
    const kind: ClientKind = ours !== undefined ? "ours" : (variant as ClientKind);
    const [client] = await openClients(service, kind, "bench", 1, ours?.options ?? {});
    try {
      // A short warm-up of this very client (JIT, socket buffers), then the measured run.
      await pump(Math.min(2000, options.operations), options.inFlight, () => client!.send("load", data));
      const stop = startMeasure();
      await pump(options.operations, options.inFlight, () => client!.send("load", data));
      const m = stop();
      const r = throughputRound(options.operations, m);
      context.log(
        `  1. acked ${variant.padEnd(22)} round ${round}: ${r.opsPerSecond.toFixed(0)} ops/s, ${r.cpuUsPerOp.toFixed(2)} µs CPU/op`,
      );
      return r;
    } finally {
      await closeClients([client!]);
      ours?.stop();
    }
  });
  return throughputRows(`1. acked sendToGroup (${options.inFlight} in flight)`, results);
}
