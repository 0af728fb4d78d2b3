/**
 * Scenario 8, the reconnect storm: what a crowd of clients does to a service that goes away and
 * comes back. A population of reliable clients of one kind (1,000 by default) lives in this
 * process, the emulator in the service child behind its counting front (`lib/front.ts`), which
 * sees every connection attempt. For each outage the service drops every connection at once
 * (`faults.drop`: the sessions stay recoverable) and then, for the outage's length, either
 * - `refused`: answers every upgrade with 503 and `Retry-After` (`faults.refuseConnections`, a
 *   restarting service that says when to come back), or
 * - `unreachable`: resets every connection (the front; no HTTP answer, nothing to go by).
 * Right after the drop the service publishes one message to the population's group, which every
 * dropped session buffers: a client has recovered when it delivers that message (the official
 * client's recovery is silent, so both are measured the same way, as scenario 5 does). Ours, then
 * the official client, go through the same outages one population after the other.
 */
import { readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { BenchClient } from "../lib/clients.js";
import type { Attempt } from "../lib/front.js";
import { now, sleep } from "../lib/measure.js";
import { closeClients, openClients } from "../lib/pool.js";
import type { ServiceChild } from "../lib/service-child.js";
import type { OutageKind, StormEpisode, StormPopulation } from "../lib/storm-data.js";
import { binAttempts, histogram, quantiles, stormFigures } from "../lib/storm-data.js";
import type { ScenarioContext } from "../lib/types.js";

export interface StormOptions {
  readonly clients: number;
  /** Outage lengths, ms, each run with every kind. */
  readonly outagesMs: readonly number[];
  readonly kinds: readonly OutageKind[];
  readonly populations: readonly StormPopulation[];
  /** How long after the service is back a client may take before it counts as not recovered. */
  readonly graceMs: number;
  /** Quiet time after every client recovered, before the attempts are collected. */
  readonly settleMs: number;
  readonly binMs: number;
  /** Unmeasured outages (the shortest, unreachable) before the measured ones, per population. */
  readonly warmup: number;
}

export const DEFAULT_STORM: StormOptions = {
  clients: 1000,
  outagesMs: [300, 10_000],
  kinds: ["refused", "unreachable"],
  populations: ["ours", "official"],
  graceMs: 10_000,
  settleMs: 1000,
  binMs: 100,
  warmup: 1,
};

export async function runReconnectStorm(
  service: ServiceChild,
  context: ScenarioContext,
  options: StormOptions,
): Promise<StormEpisode[]> {
  const episodes: StormEpisode[] = [];
  for (const population of options.populations) {
    episodes.push(...(await runPopulation(service, context, options, population)));
  }
  return episodes;
}

async function runPopulation(
  service: ServiceChild,
  context: ScenarioContext,
  options: StormOptions,
  population: StormPopulation,
): Promise<StormEpisode[]> {
  const hub = `storm${population}`;
  const group = "storm";
  const opening = now();
  const clients = await openClients(service, population, hub, options.clients, {
    group,
    front: true,
    batch: 100,
  });
  const episodes: StormEpisode[] = [];
  try {
    context.log(
      `  8. ${population}: ${clients.length} clients connected in ${((now() - opening) / 1000).toFixed(1)} s`,
    );
    const tracker = new DeliveryTracker(clients);
    // Opens the service's publisher connection now: during an outage it could not connect.
    await service.publish(hub, group, 0, 0);
    let marker = 0;
    // Unmeasured: the first mass recovery of a process pays for compiling the recovery path and
    // for the garbage of opening the population; measured, it made whichever population ran first
    // look 0.3–0.4 s slower.
    for (let round = 0; round < options.warmup; round++) {
      const warmup = await runEpisode(service, options, {
        population,
        hub,
        group,
        kind: "unreachable",
        outageMs: Math.min(...options.outagesMs),
        tracker,
        marker: ++marker,
      });
      context.log(
        `  8. ${population}: warm-up outage, recovered max ${stormFigures(warmup).recoveryMax.toFixed(0)} ms`,
      );
    }
    for (const outageMs of options.outagesMs) {
      for (const kind of options.kinds) {
        const episode = await runEpisode(service, options, {
          population,
          hub,
          group,
          kind,
          outageMs,
          tracker,
          marker: ++marker,
        });
        episodes.push(episode);
        const f = stormFigures(episode);
        context.log(
          `  8. ${population.padEnd(8)} ${kind.padEnd(11)} ${String(outageMs).padStart(5)} ms: ` +
            `recovered p50 ${f.recoveryP50.toFixed(0)} / p99 ${f.recoveryP99.toFixed(0)} / max ${f.recoveryMax.toFixed(0)} ms ` +
            `(${f.afterBackMax.toFixed(0)} ms after back), attempts/client mean ${f.attemptsMean.toFixed(1)} max ${f.attemptsMax}, ` +
            `${f.ratePerClientMean.toFixed(2)}/s while down; peak ${f.peakPerSecond}/s` +
            `; first attempt p50 ${f.firstAttemptP50.toFixed(0)} / max ${f.firstAttemptMax.toFixed(0)} ms` +
            `; runner CPU ${episode.runnerCpuMs.toFixed(0)} ms, loop delay max ${episode.runnerLoopDelayMs.max} ms` +
            `, service loop delay max ${episode.serviceLoopDelayMs.max} ms` +
            (episode.listenOverflows
              ? `; ${episode.listenOverflows} SYNs dropped by full accept queues`
              : "") +
            (episode.notRecovered > 0 ? `; ${episode.notRecovered} NOT RECOVERED` : "") +
            (episode.dropped !== episode.clients ? `; only ${episode.dropped} were connected` : ""),
        );
      }
    }
  } finally {
    await closeClients(clients);
  }
  return episodes;
}

/** When each client delivered the current marker message (one handler per client, no per-message allocation). */
class DeliveryTracker {
  private marker = -1;
  private readonly arrived: Float64Array;
  private remaining = 0;
  private allArrived: (() => void) | undefined;

  constructor(clients: readonly BenchClient[]) {
    this.arrived = new Float64Array(clients.length);
    clients.forEach((client, index) =>
      client.onGroupMessage((data) => {
        if ((data as { n?: unknown }).n !== this.marker || !Number.isNaN(this.arrived[index]!)) return;
        this.arrived[index] = now();
        if (--this.remaining === 0) this.allArrived?.();
      }),
    );
  }

  /** Starts waiting for `marker`; resolves when every client delivered it. */
  expect(marker: number): Promise<void> {
    this.marker = marker;
    this.arrived.fill(Number.NaN);
    this.remaining = this.arrived.length;
    return new Promise<void>((resolve) => (this.allArrived = resolve));
  }

  /** Delivery times, ms after `since`, of the clients that delivered. */
  times(since: number): number[] {
    const times: number[] = [];
    for (const t of this.arrived) if (!Number.isNaN(t)) times.push(t - since);
    return times.sort((a, b) => a - b);
  }
}

interface EpisodeInput {
  readonly population: StormPopulation;
  readonly hub: string;
  readonly group: string;
  readonly kind: OutageKind;
  readonly outageMs: number;
  readonly tracker: DeliveryTracker;
  readonly marker: number;
}

async function runEpisode(
  service: ServiceChild,
  options: StormOptions,
  input: EpisodeInput,
): Promise<StormEpisode> {
  const { kind, outageMs, tracker } = input;
  await service.attempts(); // what came before this outage is not its storm
  const overflowsBefore = listenOverflows();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu = process.cpuUsage();
  const delivered = tracker.expect(input.marker);
  const drop = await service.drop(
    input.hub,
    kind === "refused" ? outageMs : 0,
    0,
    kind === "unreachable" ? outageMs : 0,
  );
  await service.publish(input.hub, input.group, 1, input.marker, 64);
  const timeoutMs = drop.backAt - drop.startedAt + options.graceMs;
  const deadline = sleep(Math.max(0, drop.startedAt + timeoutMs - now()));
  await Promise.race([delivered, deadline]);
  await sleep(options.settleMs);
  loop.disable();
  const cpuUsed = process.cpuUsage(cpu);
  const { attempts, loopDelayMs: serviceLoop } = await service.attempts();
  const overflowsAfter = listenOverflows();
  const recovered = tracker.times(drop.startedAt);
  const notRecovered = options.clients - recovered.length;
  return {
    population: input.population,
    kind,
    outageMs,
    clients: options.clients,
    dropped: drop.count,
    dropsDoneMs: round1(drop.at - drop.startedAt),
    backMs: round1(drop.backAt - drop.startedAt),
    recoveryMs: quantiles([...recovered, ...new Array<number>(notRecovered).fill(Infinity)]),
    notRecovered,
    timeoutMs: round1(timeoutMs),
    ...perClient(attempts, input.population, options.clients, drop.backAt, drop.startedAt),
    timeline: binAttempts(attempts, drop.startedAt, options.binMs),
    runnerLoopDelayMs: { p99: round1(loop.percentile(99) / 1e6), max: round1(loop.max / 1e6) },
    runnerCpuMs: round1((cpuUsed.user + cpuUsed.system) / 1000),
    serviceLoopDelayMs: { p99: round1(serviceLoop.p99), max: round1(serviceLoop.max) },
    ...(overflowsBefore !== undefined && overflowsAfter !== undefined
      ? { listenOverflows: overflowsAfter - overflowsBefore }
      : {}),
  };
}

/**
 * The kernel's count of connections dropped because an accept queue was full (`ListenOverflows`,
 * machine-wide, Linux); undefined elsewhere. Non-zero during an episode means some clients lost
 * a second to TCP's retransmission timeout there (another process may have caused it).
 */
function listenOverflows(): number | undefined {
  try {
    const lines = readFileSync("/proc/net/netstat", "utf8").split("\n");
    for (let i = 0; i + 1 < lines.length; i += 2) {
      const names = lines[i]!.split(/\s+/);
      const values = lines[i + 1]!.split(/\s+/);
      const at = names.indexOf("ListenOverflows");
      if (names[0] === "TcpExt:" && at > 0) return Number(values[at]);
    }
    return undefined;
  } catch {
    return undefined;
  }
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Attempts per client of the population (clients that made none count as 0). */
function perClient(
  attempts: readonly Attempt[],
  population: StormPopulation,
  clients: number,
  backAt: number,
  startedAt: number,
): Pick<StormEpisode, "attemptsHistogram" | "whileDownHistogram" | "firstAttemptMs" | "unattributed"> {
  const counts = new Map<string, { total: number; whileDown: number; first: number }>();
  let unattributed = 0;
  for (const attempt of attempts) {
    if (!attempt.user.startsWith(`${population}-`)) {
      unattributed++;
      continue;
    }
    let count = counts.get(attempt.user);
    if (count === undefined)
      counts.set(attempt.user, (count = { total: 0, whileDown: 0, first: attempt.at }));
    count.total++;
    count.first = Math.min(count.first, attempt.at);
    if (attempt.at < backAt) count.whileDown++;
  }
  const none = new Array<number>(Math.max(0, clients - counts.size)).fill(0);
  const all = [...counts.values()];
  return {
    attemptsHistogram: histogram([...all.map((c) => c.total), ...none]),
    whileDownHistogram: histogram([...all.map((c) => c.whileDown), ...none]),
    firstAttemptMs: quantiles(all.map((c) => c.first - startedAt)),
    unattributed,
  };
}
