/**
 * Scenario 2: fire-and-forget `sendToGroup` throughput of one client, 1 KiB JSON payload. Frames
 * are written in chunks of `chunk` (ours and the official client: awaiting the chunk's promises,
 * which settle once written; raw: plain `ws.send`), letting I/O run between chunks; one acked
 * send at the end is the barrier (the service handles frames in order, so its ack means every
 * earlier frame arrived). Reports frames/s and the client process's CPU µs per frame.
 */
import { alternate } from "../lib/alternate.js";
import { CLIENT_KINDS, type ClientKind } from "../lib/clients.js";
import { startMeasure, tick } from "../lib/measure.js";
import { closeClients, openClients } from "../lib/pool.js";
import type { ServiceChild } from "../lib/service-child.js";
import type { MetricRow, ScenarioContext } from "../lib/types.js";
import { benchPayload, throughputRound, throughputRows } from "./ack-throughput.js";

export interface FireAndForgetOptions {
  readonly operations: number;
  readonly chunk: number;
  readonly payloadBytes: number;
}

export async function runFireAndForget(
  service: ServiceChild,
  context: ScenarioContext,
  options: FireAndForgetOptions,
  select: { readonly kinds?: readonly ClientKind[] } = {},
): Promise<MetricRow[]> {
  const data = benchPayload(options.payloadBytes);
  const results = await alternate(
    select.kinds ?? CLIENT_KINDS,
    context.rounds,
    context.warmup,
    async (kind, round) => {
      const [client] = await openClients(service, kind, "bench", 1);
      const burst = async (total: number): Promise<void> => {
        const pending: Promise<unknown>[] = [];
        for (let sent = 0; sent < total;) {
          pending.length = 0;
          for (let i = 0; i < options.chunk && sent < total; i++, sent++) {
            const written = client!.sendFireAndForget("load", data);
            if (written !== undefined) pending.push(written);
          }
          await Promise.all(pending);
          await tick();
        }
        await client!.send("load", data);
      };
      try {
        await burst(Math.min(2000, options.operations));
        const stop = startMeasure();
        await burst(options.operations);
        const m = stop();
        const r = throughputRound(options.operations, m);
        context.log(
          `  2. fire-and-forget ${kind.padEnd(9)} round ${round}: ${r.opsPerSecond.toFixed(0)} ops/s, ${r.cpuUsPerOp.toFixed(2)} µs CPU/op`,
        );
        return r;
      } finally {
        await closeClients([client!]);
      }
    },
  );
  return throughputRows("2. fire-and-forget sendToGroup", results);
}
