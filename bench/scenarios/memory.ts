/**
 * Scenario 6: memory. (a) `idle` connected clients of each kind in this process (the minimal
 * service in a child), JS heap after full GCs, per client; (b) `pending` acked sends outstanding
 * on one client to a hub whose service never acks (`/noack`), heap per pending operation. The
 * kinds run one after another in the same process, each from a collected baseline.
 */
import { alternate } from "../lib/alternate.js";
import { CLIENT_KINDS } from "../lib/clients.js";
import { heapAfterGc, sleep, tick } from "../lib/measure.js";
import { closeClients, openClients } from "../lib/pool.js";
import type { ServiceChild } from "../lib/service-child.js";
import { summarize } from "../lib/stats.js";
import type { MetricRow, ScenarioContext } from "../lib/types.js";
import { benchPayload } from "./ack-throughput.js";

export interface MemoryOptions {
  readonly idle: number;
  readonly pending: number;
  readonly payloadBytes: number;
}

export async function runMemory(
  service: ServiceChild,
  context: ScenarioContext,
  options: MemoryOptions,
): Promise<MetricRow[]> {
  const data = benchPayload(options.payloadBytes);
  // Memory is not noisy the way CPU is: fewer rounds suffice (and 1,000 sockets per kind take a while).
  const rounds = Math.min(context.rounds, 2);
  // Warm-up: each kind's code is compiled (and its lazily built caches filled) before any
  // measurement, or whichever kind ran first would be charged for it.
  for (const kind of CLIENT_KINDS) {
    const warm = await openClients(service, kind, "idle", 20);
    await Promise.all(warm.map((client) => client.send("load", data)));
    await closeClients(warm);
    const [noack] = await openClients(service, kind, "noack", 1);
    const sends = Array.from({ length: 200 }, () => noack!.send("load", data).catch(() => undefined));
    await sleep(50);
    await closeClients([noack!]);
    await Promise.race([Promise.all(sends), sleep(5000)]);
  }
  const idle = await alternate(CLIENT_KINDS, rounds, 0, async (kind, round) => {
    const before = await heapAfterGc();
    const clients = await openClients(service, kind, "idle", options.idle, { batch: 100 });
    await sleep(200);
    const after = await heapAfterGc();
    await closeClients(clients);
    const perClient = (after - before) / options.idle;
    context.log(
      `  6. idle ${kind.padEnd(9)} round ${round}: ${(perClient / 1024).toFixed(1)} KiB heap per connected client`,
    );
    return perClient / 1024;
  });
  const pending = await alternate(CLIENT_KINDS, rounds, 0, async (kind, round) => {
    const [client] = await openClients(service, kind, "noack", 1);
    const before = await heapAfterGc();
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < options.pending; i++) {
      sends.push(client!.send("load", data).catch(() => undefined));
      if (i % 500 === 499) await tick();
    }
    await sleep(200);
    const after = await heapAfterGc();
    // Keep the promises reachable until after the measurement.
    if (sends.length !== options.pending) throw new Error("lost a send");
    await closeClients([client!]);
    await Promise.race([Promise.all(sends), sleep(5000)]);
    const perOp = (after - before) / options.pending;
    context.log(
      `  6. pending ${kind.padEnd(9)} round ${round}: ${perOp.toFixed(0)} B heap per pending operation`,
    );
    return perOp;
  });
  return [
    {
      scenario: `6. memory, ${options.idle.toLocaleString("en-US")} idle connected clients`,
      metric: "heap per client",
      unit: "KiB",
      better: "lower",
      results: new Map([...idle].map(([v, rs]) => [v, summarize(rs)])),
      target: { kind: "vs-official", ratio: 1 },
    },
    {
      scenario: `6. memory, ${options.pending.toLocaleString("en-US")} pending operations`,
      metric: "heap per pending op",
      unit: "B",
      better: "lower",
      results: new Map([...pending].map(([v, rs]) => [v, summarize(rs)])),
      target: { kind: "vs-official", ratio: 1 },
    },
  ];
}
