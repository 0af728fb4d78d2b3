/**
 * Scenario 7: CPU time per received message at a steady, unsaturated rate: `receivers` clients of
 * one kind in one group, the minimal service publishing `rate` messages/s to it (1 KiB JSON) for
 * `seconds`. CPU µs per delivered message of this process (scenario 3 gives the same figure
 * under saturation).
 */
import { alternate } from "../lib/alternate.js";
import { CLIENT_KINDS } from "../lib/clients.js";
import { sleep, startMeasure } from "../lib/measure.js";
import { closeClients, openClients } from "../lib/pool.js";
import type { ServiceChild } from "../lib/service-child.js";
import { summarize } from "../lib/stats.js";
import type { MetricRow, ScenarioContext } from "../lib/types.js";

export interface CpuPerMessageOptions {
  /** Deliveries per second in total (messages/s × receivers). */
  readonly rate: number;
  readonly seconds: number;
  readonly receivers: number;
  readonly payloadBytes: number;
}

let groupSeq = 0;

export async function runCpuPerMessage(
  service: ServiceChild,
  context: ScenarioContext,
  options: CpuPerMessageOptions,
): Promise<MetricRow[]> {
  const messagesPerTick = Math.max(1, Math.round(options.rate / options.receivers / 100)); // every 10 ms
  const ticks = Math.round(options.seconds * 100);
  const results = await alternate(CLIENT_KINDS, context.rounds, context.warmup, async (kind, round) => {
    const group = `steady-${++groupSeq}`;
    const clients = await openClients(service, kind, "steady", options.receivers, { group });
    let delivered = 0;
    for (const client of clients) client.onGroupMessage(() => void delivered++);
    try {
      const stop = startMeasure();
      // One request: the service paces itself (a tick every 10 ms), so the runner stays idle.
      await service.publish("steady", group, ticks * messagesPerTick, 0, options.payloadBytes, {
        perTick: messagesPerTick,
        intervalMs: 10,
      });
      const expected = ticks * messagesPerTick * options.receivers;
      for (let i = 0; i < 200 && delivered < expected; i++) await sleep(5);
      const m = stop();
      const cpu = m.cpuUs / delivered;
      context.log(
        `  7. CPU/msg ${kind.padEnd(9)} round ${round}: ${cpu.toFixed(2)} µs (${delivered} of ${expected} delivered)`,
      );
      return cpu;
    } finally {
      await closeClients(clients);
    }
  });
  return [
    {
      scenario: `7. steady receive (${options.receivers} receivers, ~${options.rate.toLocaleString("en-US")} msgs/s)`,
      metric: "client CPU per received msg",
      unit: "µs",
      better: "lower",
      results: new Map([...results].map(([v, rs]) => [v, summarize(rs)])),
      target: { kind: "vs-raw", ratio: 1.15 },
    },
  ];
}
