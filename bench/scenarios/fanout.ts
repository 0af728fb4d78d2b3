/**
 * Scenario 3: fan-out receive. `receivers` clients of one kind, all in one group, in this process;
 * the one sender is the minimal service itself (it publishes stamped 1 KiB JSON messages to the
 * group), so this process's CPU is the receivers' alone. The service stays at most `window`
 * messages ahead of the receivers (publishing `window / 2` at a time once they have caught up to
 * within half a window). Reports delivered messages/s, p50/p99 latency (service send → the
 * application's `group-message` handler) and CPU µs per received message (scenario 7's figure
 * under load).
 */
import { alternate } from "../lib/alternate.js";
import { CLIENT_KINDS, type ClientKind } from "../lib/clients.js";
import { now, startMeasure } from "../lib/measure.js";
import { closeClients, openClients } from "../lib/pool.js";
import type { ServiceChild } from "../lib/service-child.js";
import { percentile, summarize } from "../lib/stats.js";
import type { MetricRow, ScenarioContext } from "../lib/types.js";

export interface FanoutOptions {
  readonly receivers: number;
  readonly messages: number;
  readonly window: number;
  readonly payloadBytes: number;
}

interface Round {
  readonly deliveriesPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly cpuUsPerDelivery: number;
}

let groupSeq = 0;

export async function runFanout(
  service: ServiceChild,
  context: ScenarioContext,
  options: FanoutOptions,
  select: { readonly kinds?: readonly ClientKind[] } = {},
): Promise<MetricRow[]> {
  const results = await alternate(
    select.kinds ?? CLIENT_KINDS,
    context.rounds,
    context.warmup,
    async (kind, round) => {
      const group = `fan-${++groupSeq}`;
      const clients = await openClients(service, kind, "fanout", options.receivers, { group });
      const latencies = new Float64Array(options.receivers * options.messages);
      let delivered = 0;
      let record = false;
      let waitFor = Number.POSITIVE_INFINITY;
      let wake: (() => void) | undefined;
      for (const client of clients) {
        client.onGroupMessage((data) => {
          const at = now();
          if (record) latencies[delivered] = at - (data as { t: number }).t;
          delivered++;
          if (delivered >= waitFor) {
            waitFor = Number.POSITIVE_INFINITY;
            wake?.();
          }
        });
      }
      const until = (target: number): Promise<void> =>
        delivered >= target
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              waitFor = target;
              wake = resolve;
            });
      const run = async (messages: number): Promise<void> => {
        delivered = 0;
        const half = Math.max(1, options.window >> 1);
        for (let published = 0; published < messages;) {
          const count = Math.min(half, messages - published);
          await service.publish("fanout", group, count, published, options.payloadBytes);
          published += count;
          await until(options.receivers * Math.max(0, published - half));
        }
        await until(options.receivers * messages);
      };
      try {
        await run(Math.min(100, options.messages));
        record = true;
        const stop = startMeasure();
        await run(options.messages);
        const m = stop();
        const total = options.receivers * options.messages;
        const samples = Array.from(latencies.subarray(0, total));
        const r: Round = {
          deliveriesPerSecond: (total / m.wallMs) * 1000,
          p50: percentile(samples, 50),
          p99: percentile(samples, 99),
          cpuUsPerDelivery: m.cpuUs / total,
        };
        context.log(
          `  3. fan-out ${kind.padEnd(9)} round ${round}: ${r.deliveriesPerSecond.toFixed(0)} msgs/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.cpuUsPerDelivery.toFixed(2)} µs CPU/msg`,
        );
        return r;
      } finally {
        await closeClients(clients);
      }
    },
  );
  const scenario = `3. fan-out receive (1 → ${options.receivers})`;
  const row = (
    metric: string,
    unit: string,
    better: "higher" | "lower",
    pick: (r: Round) => number,
    target?: MetricRow["target"],
  ): MetricRow => ({
    scenario,
    metric,
    unit,
    better,
    results: new Map([...results].map(([v, rs]) => [v, summarize(rs.map(pick))])),
    ...(target ? { target } : {}),
  });
  return [
    row("delivered", "msgs/s", "higher", (r) => r.deliveriesPerSecond, { kind: "vs-raw", ratio: 0.9 }),
    row("latency p50", "ms", "lower", (r) => r.p50),
    row("latency p99", "ms", "lower", (r) => r.p99),
    row("client CPU per received msg", "µs", "lower", (r) => r.cpuUsPerDelivery, {
      kind: "vs-raw",
      ratio: 1.15,
    }),
  ];
}
