/**
 * Scenario 5: time to recover after a dropped connection, against the emulator (in another
 * process). One receiver of each kind is in one group; each iteration the emulator drops all
 * three TCP connections at once (`faults.drop`, network loss; the reliable sessions stay
 * recoverable) — with `refuseMs` > 0 after first refusing every upgrade for that long
 * (`faults.refuseConnections`, a service restart) — and then publishes `missed` messages to the
 * group, which the sessions buffer. Recovery time = from the drop to the moment the client has
 * delivered every missed message. Dropping the three at the same moment is the strictest form of
 * alternation: the same outage, the same load; the order in which the emulator drops them rotates
 * with every drop, because the client dropped last tends to hear of it first (and to be back
 * first: with a fixed order, ours, opened first, was back last two times in three).
 */
import { CLIENT_KINDS, type BenchClient, type ClientKind } from "../lib/clients.js";
import { now, sleep } from "../lib/measure.js";
import { closeClients, openClients } from "../lib/pool.js";
import type { ServiceChild } from "../lib/service-child.js";
import type { RecoveryDistribution } from "../lib/scenario-data.js";
import { percentile, summarize } from "../lib/stats.js";
import { quantiles } from "../lib/storm-data.js";
import type { MetricRow, ScenarioContext } from "../lib/types.js";

export interface RecoveryOptions {
  readonly drops: number;
  readonly refuseMs: number;
  readonly missed: number;
  /** Give up on one iteration after this long (counts as this value). */
  readonly timeoutMs: number;
}

/** The table's rows, and every kind's recovery times as a distribution (for the plot). */
export interface RecoveryResult {
  readonly rows: MetricRow[];
  readonly distribution: RecoveryDistribution;
}

export async function runRecovery(
  service: ServiceChild,
  context: ScenarioContext,
  options: RecoveryOptions,
): Promise<RecoveryResult> {
  const hub = `recovery${options.refuseMs}`;
  const group = "r";
  const clients = new Map<ClientKind, BenchClient>();
  for (const kind of CLIENT_KINDS) {
    const [client] = await openClients(service, kind, hub, 1, { group });
    clients.set(kind, client!);
  }
  const received = new Map<ClientKind, number>(CLIENT_KINDS.map((k) => [k, 0]));
  const times = new Map<ClientKind, number[]>(CLIENT_KINDS.map((k) => [k, []]));
  let target = 0;
  let recoveredAt = new Map<ClientKind, number>();
  let allDone: (() => void) | undefined;
  for (const [kind, client] of clients) {
    client.onGroupMessage(() => {
      const count = received.get(kind)! + 1;
      received.set(kind, count);
      if (count === target) {
        recoveredAt.set(kind, now());
        if (recoveredAt.size === clients.size) allDone?.();
      }
    });
  }
  let published = 0;
  // Opens the service's publisher connection now: during an outage it could not connect.
  await service.publish(hub, group, 0, 0);
  try {
    for (let drop = 0; drop < options.drops; drop++) {
      recoveredAt = new Map();
      target = published + options.missed;
      const done = new Promise<void>((resolve) => (allDone = resolve));
      // Rotated: the client whose connection is dropped last tends to hear of it first.
      const { at, count } = await service.drop(hub, options.refuseMs, drop);
      if (count !== clients.size)
        context.log(`  5. warning: dropped ${count} connections, expected ${clients.size}`);
      await service.publish(hub, group, options.missed, published);
      published += options.missed;
      await Promise.race([done, sleep(options.timeoutMs)]);
      for (const kind of CLIENT_KINDS) {
        const t = recoveredAt.get(kind);
        times.get(kind)!.push(t === undefined ? options.timeoutMs : t - at);
      }
      if (recoveredAt.size < clients.size) {
        context.log(
          `  5. drop ${drop}: ${clients.size - recoveredAt.size} client(s) not recovered within ${options.timeoutMs} ms`,
        );
        // A late client still gets the buffered messages; give it time to catch up.
        await sleep(options.timeoutMs);
      }
      // Let the sequence acks and the refused window pass before the next drop.
      await sleep(Math.max(50, options.refuseMs > 0 ? 20 : 0));
    }
  } finally {
    await closeClients([...clients.values()]);
  }
  const label = options.refuseMs > 0 ? `drop + upgrades refused ${options.refuseMs} ms` : "drop";
  const scenario = `5. recovery after ${label} (${options.drops} drops)`;
  for (const kind of CLIENT_KINDS) {
    const t = times.get(kind)!;
    context.log(
      `  5. ${label} ${kind.padEnd(9)}: p50 ${percentile(t, 50).toFixed(0)} ms, p99 ${percentile(t, 99).toFixed(0)} ms`,
    );
  }
  const row = (metric: string, p: number): MetricRow => ({
    scenario,
    metric,
    unit: "ms",
    better: "lower",
    // One value per variant (the percentile over all drops): shown as the median with no spread.
    results: new Map(CLIENT_KINDS.map((k) => [k, summarize([percentile(times.get(k)!, p)])])),
    ...(options.refuseMs > 0 ? { target: { kind: "absolute", max: 2 * options.refuseMs } as const } : {}),
  });
  return {
    rows: [row("recovery p50", 50), row("recovery p99", 99)],
    distribution: {
      scenario,
      drops: options.drops,
      refuseMs: options.refuseMs,
      quantiles: Object.fromEntries(CLIENT_KINDS.map((k) => [k, quantiles(times.get(k)!)])),
    },
  };
}
