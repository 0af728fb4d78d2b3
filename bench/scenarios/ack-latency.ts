/**
 * Scenario 4: ack round-trip latency of acked `sendToGroup` at a moderate fixed rate (`rate`
 * operations/s for `seconds`, 1 KiB JSON), one client, minimal service in another process.
 * Latency = the call → its promise settling. Reports p50/p99 and CPU µs per operation.
 */
import { performance } from "node:perf_hooks";
import { alternate } from "../lib/alternate.js";
import { CLIENT_KINDS } from "../lib/clients.js";
import { sleep, startMeasure } from "../lib/measure.js";
import { closeClients, openClients } from "../lib/pool.js";
import type { ServiceChild } from "../lib/service-child.js";
import { percentile, summarize } from "../lib/stats.js";
import type { MetricRow, ScenarioContext } from "../lib/types.js";
import { benchPayload } from "./ack-throughput.js";

export interface AckLatencyOptions {
  readonly rate: number;
  readonly seconds: number;
  readonly payloadBytes: number;
}

interface Round {
  readonly p50: number;
  readonly p99: number;
  readonly cpuUsPerOp: number;
}

export async function runAckLatency(
  service: ServiceChild,
  context: ScenarioContext,
  options: AckLatencyOptions,
): Promise<MetricRow[]> {
  const data = benchPayload(options.payloadBytes);
  const total = Math.round(options.rate * options.seconds);
  const results = await alternate(CLIENT_KINDS, context.rounds, context.warmup, async (kind, round) => {
    const [client] = await openClients(service, kind, "bench", 1);
    try {
      const latencies = new Float64Array(total);
      const pending: Promise<unknown>[] = [];
      const stop = startMeasure();
      const t0 = performance.now();
      // Paced by the clock: each wake-up sends what the schedule owes (timers are ~1 ms coarse).
      for (let sent = 0; sent < total;) {
        const due = Math.min(total, Math.floor(((performance.now() - t0) * options.rate) / 1000) + 1);
        for (; sent < due; sent++) {
          const i = sent;
          const at = performance.now();
          pending.push(client!.send("load", data).then(() => (latencies[i] = performance.now() - at)));
        }
        await sleep(1);
      }
      await Promise.all(pending);
      const m = stop();
      const samples = Array.from(latencies);
      const r: Round = {
        p50: percentile(samples, 50),
        p99: percentile(samples, 99),
        cpuUsPerOp: m.cpuUs / total,
      };
      context.log(
        `  4. ack latency ${kind.padEnd(9)} round ${round}: p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, ${r.cpuUsPerOp.toFixed(2)} µs CPU/op`,
      );
      return r;
    } finally {
      await closeClients([client!]);
    }
  });
  const scenario = `4. ack round trip at ${options.rate.toLocaleString("en-US")} ops/s`;
  const row = (metric: string, unit: string, pick: (r: Round) => number): MetricRow => ({
    scenario,
    metric,
    unit,
    better: "lower",
    results: new Map([...results].map(([v, rs]) => [v, summarize(rs.map(pick))])),
  });
  return [
    row("latency p50", "ms", (r) => r.p50),
    row("latency p99", "ms", (r) => r.p99),
    row("client CPU per op", "µs", (r) => r.cpuUsPerOp),
  ];
}
