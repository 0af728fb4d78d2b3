/**
 * Scenario 9, cost as work grows, and scenario 10, idle CPU. Against the minimal service (in the
 * child), for every kind, alternating as the other scenarios do:
 * - **pending axis**: clients that each hold `level` acked sends the service never acks (it
 *   leaves sends to a group named `hold…` unacknowledged), 1 … 10,000; heap per held operation,
 *   and the CPU per op of acked sends made by one of those clients meanwhile (100 in flight). Flat
 *   means an operation costs the same whatever else is live on the client.
 * - **clients axis**: 1 … 10,000 connected idle clients in this process; heap per client, and the
 *   CPU per op of acked sends made by the first of them meanwhile.
 * - **idle CPU** (scenario 10): with the largest population connected and nothing to do, this
 *   process's CPU time and event-loop utilisation over consecutive windows that together span one
 *   keep-alive interval (20 s for both libraries: every client pings once in them, wherever its
 *   interval started).
 */
import { performance } from "node:perf_hooks";
import { alternate } from "../lib/alternate.js";
import type { BenchClient, ClientKind } from "../lib/clients.js";
import { CLIENT_KINDS } from "../lib/clients.js";
import type { GrowthAxis, GrowthPoint, IdleRound, IdleWindow } from "../lib/growth-data.js";
import { clientsForLevel, corePercent } from "../lib/growth-data.js";
import { lowHeap, sleep, startMeasure, tick } from "../lib/measure.js";
import { closeClients, openClients, pump, released } from "../lib/pool.js";
import type { ServiceChild } from "../lib/service-child.js";
import type { ScenarioContext } from "../lib/types.js";
import { benchPayload } from "./ack-throughput.js";

export const GROWTH_LEVELS = [1, 10, 100, 1000, 10_000] as const;
/** The group whose sends the minimal service never acknowledges. */
const HOLD_GROUP = "hold";
const HUB = "growth";

export interface GrowthOptions {
  readonly levels: readonly number[];
  /** Acked sends measured per level, after a warm-up of a tenth as many. */
  readonly measuredOps: number;
  readonly inFlight: number;
  readonly payloadBytes: number;
  /** Pending axis: at least this many held operations per level, spread over clients. */
  readonly minHeld: number;
}

/** Acked sends measured three times on `client` (after a warm-up of a tenth as many): the median pass. */
async function measureSends(
  client: BenchClient,
  options: GrowthOptions,
  data: unknown,
): Promise<{ cpuUsPerOp: number; opsPerSecond: number }> {
  const send = (): Promise<unknown> => client.send("load", data);
  await pump(Math.max(1, Math.round(options.measuredOps / 10)), options.inFlight, send);
  const passes: { cpuUsPerOp: number; opsPerSecond: number }[] = [];
  for (let pass = 0; pass < 3; pass++) {
    const stop = startMeasure();
    await pump(options.measuredOps, options.inFlight, send);
    const m = stop();
    passes.push({
      cpuUsPerOp: m.cpuUs / options.measuredOps,
      opsPerSecond: (options.measuredOps / m.wallMs) * 1000,
    });
  }
  return passes.sort((a, b) => a.cpuUsPerOp - b.cpuUsPerOp)[1]!;
}

/**
 * Stopped clients not collected yet: the official client's keep-alive loop keeps a stopped client
 * reachable for up to ~40 s (measured), and one collected during a heap measurement makes it read
 * low. Heap measurements check this list and are repeated when it shrank meanwhile.
 */
const lingering: WeakRef<object>[] = [];

/** How many stopped clients are still reachable (after the caller's GC). */
function stillLingering(): number {
  for (let i = lingering.length - 1; i >= 0; i--)
    if (lingering[i]!.deref() === undefined) lingering.splice(i, 1);
  return lingering.length;
}

/**
 * Runs `body` on `count` clients of `kind` opened for it and stops them. The clients live only in
 * `body`'s frames, which have returned by the time the caller goes on (a suspended async function
 * keeps its locals reachable), so they can be collected.
 */
async function withClients<T>(
  service: ServiceChild,
  kind: ClientKind,
  count: number,
  body: (clients: BenchClient[]) => Promise<T>,
): Promise<T> {
  let result: { value: T } | undefined;
  const refs = await usingClients(service, kind, count, async (clients) => {
    result = { value: await body(clients) };
  });
  lingering.push(...refs);
  return result!.value;
}

async function usingClients(
  service: ServiceChild,
  kind: ClientKind,
  count: number,
  body: (clients: BenchClient[]) => Promise<void>,
): Promise<WeakRef<object>[]> {
  const clients = await openClients(service, kind, HUB, count, { batch: 100 });
  try {
    await body(clients);
  } finally {
    // Held operations end with their clients (rejected, or forgotten by raw).
    await closeClients(clients);
  }
  return clients.map((client) => new WeakRef(client.inner));
}

/** `level` acked sends to the hold group on every client: they stay pending. */
async function hold(clients: readonly BenchClient[], level: number, data: unknown): Promise<number> {
  let held = 0;
  for (const client of clients) {
    for (let i = 0; i < level; i++) {
      void client.send(HOLD_GROUP, data).catch(() => undefined);
      if (++held % 500 === 0) await tick();
    }
  }
  return held;
}

/**
 * Each kind's code compiled and its lazy caches filled before anything is measured (or the first
 * level would pay for it): acked sends, held sends, and a population opened and closed.
 */
async function warmUp(service: ServiceChild, options: GrowthOptions, data: unknown): Promise<void> {
  for (const kind of CLIENT_KINDS) {
    await withClients(service, kind, 100, async (clients) => {
      await hold(clients, 1, data);
      await pump(options.measuredOps, options.inFlight, () => clients[0]!.send("load", data));
    });
  }
}

/**
 * Heap per held operation and CPU per op of one kind at one level of the pending axis; measured
 * again (up to three times more) when a lingering stopped client was collected meanwhile.
 */
async function pendingPoint(
  service: ServiceChild,
  kind: ClientKind,
  level: number,
  options: GrowthOptions,
  data: unknown,
  log: (line: string) => void,
): Promise<GrowthPoint> {
  const count = clientsForLevel(level, options.minHeld);
  for (let attempt = 1; ; attempt++) {
    const { point, clean } = await withClients(service, kind, count, async (clients) => {
      const before = await lowHeap();
      const lingered = stillLingering();
      const held = await hold(clients, level, data);
      await sleep(100);
      const after = await lowHeap();
      const clean = stillLingering() === lingered;
      const sends = await measureSends(clients[0]!, options, data);
      return { point: { level, heap: (after - before) / held, ...sends }, clean };
    });
    if (clean || attempt === 4) return point;
    log(`  9. ${kind} at ${level}: stopped clients were collected during the heap measurement; again`);
  }
}

export async function runPendingAxis(
  service: ServiceChild,
  context: ScenarioContext,
  options: GrowthOptions,
  rounds: number,
): Promise<GrowthAxis> {
  const data = benchPayload(options.payloadBytes);
  await warmUp(service, options, data);
  const byKind = new Map<ClientKind, GrowthPoint[][]>(CLIENT_KINDS.map((kind) => [kind, []]));
  for (let round = 0; round < rounds; round++) {
    for (const kind of CLIENT_KINDS) byKind.get(kind)!.push([]);
    for (const [l, level] of options.levels.entries()) {
      // Kinds alternate within every level, in an order rotated per level and round.
      for (let k = 0; k < CLIENT_KINDS.length; k++) {
        const kind = CLIENT_KINDS[(k + l + round) % CLIENT_KINDS.length]!;
        const point = await pendingPoint(service, kind, level, options, data, context.log);
        byKind.get(kind)![round]!.push(point);
        context.log(
          `  9. pending ${kind.padEnd(9)} round ${round}: ${String(level).padStart(5)} held × ${clientsForLevel(level, options.minHeld)} clients: ` +
            `${point.heap.toFixed(0)} B per held op, ${point.cpuUsPerOp.toFixed(2)} µs CPU/op, ${point.opsPerSecond.toFixed(0)} ops/s`,
        );
      }
    }
  }
  return {
    levels: options.levels,
    measuredOps: options.measuredOps,
    inFlight: options.inFlight,
    clientsPerLevel: options.levels.map((level) => clientsForLevel(level, options.minHeld)),
    byKind: Object.fromEntries(byKind),
  };
}

export interface ClientsAxisResult {
  readonly axis: GrowthAxis | undefined;
  readonly idle: ReadonlyMap<ClientKind, IdleRound[]> | undefined;
}

export interface IdleOptions {
  /** Consecutive windows of `windowSeconds`: 2 × 10 s span the 20 s keep-alive interval. */
  readonly windows: number;
  readonly windowSeconds: number;
}

/** One kind's population grown through `levels`: its points, and its idle round if asked. */
async function population(
  service: ServiceChild,
  kind: ClientKind,
  levels: readonly number[],
  options: GrowthOptions,
  measure: boolean,
  idle: IdleOptions | undefined,
  log: (line: string) => void,
): Promise<{ points: GrowthPoint[]; idle: IdleRound | undefined; refs: WeakRef<object>[] }> {
  const data = benchPayload(options.payloadBytes);
  const points: GrowthPoint[] = [];
  let idleRound: IdleRound | undefined;
  const clients: BenchClient[] = [];
  try {
    const before = await lowHeap();
    const opening = performance.now();
    for (const level of levels) {
      clients.push(...(await openClients(service, kind, HUB, level - clients.length, { batch: 100 })));
      if (!measure) continue;
      await sleep(200);
      const heap = (await lowHeap()) - before;
      const sends = await measureSends(clients[0]!, options, data);
      const point: GrowthPoint = { level, heap: heap / level / 1024, ...sends };
      points.push(point);
      log(
        `  9. clients ${kind.padEnd(9)}: ${String(level).padStart(5)} connected: ` +
          `${point.heap.toFixed(1)} KiB per client, ${point.cpuUsPerOp.toFixed(2)} µs CPU/op, ${point.opsPerSecond.toFixed(0)} ops/s`,
      );
    }
    if (idle !== undefined) {
      const openSeconds = (performance.now() - opening) / 1000;
      const heapPerClientKiB = ((await lowHeap()) - before) / clients.length / 1024;
      // Whatever the opening and the measured sends left running (acks, GC) settles first.
      await sleep(1000);
      const windows: IdleWindow[] = [];
      for (let w = 0; w < idle.windows; w++) windows.push(await idleWindow(idle.windowSeconds));
      idleRound = { windows, heapPerClientKiB, openSeconds };
      log(
        `  10. idle ${kind.padEnd(9)}: ${clients.length} clients (opened in ${openSeconds.toFixed(1)} s, ` +
          `${heapPerClientKiB.toFixed(1)} KiB each): ` +
          windows
            .map(
              (w) =>
                `${corePercent(w.cpuUs, w.seconds).toFixed(2)} % CPU, ELU ${(100 * w.utilization).toFixed(2)} %`,
            )
            .join("; "),
      );
    }
  } finally {
    await closeClients(clients);
  }
  return { points, idle: idleRound, refs: clients.map((client) => new WeakRef(client.inner)) };
}

/**
 * The clients axis (when `measure`), and the idle CPU of the largest population (when `idle`):
 * one population per kind grows through the levels, the kinds one after another (three
 * populations of 10,000 at once would not fit the open-file limit).
 */
export async function runClientsAxis(
  service: ServiceChild,
  context: ScenarioContext,
  options: GrowthOptions,
  rounds: number,
  measure: boolean,
  idle: IdleOptions | undefined,
): Promise<ClientsAxisResult> {
  const levels = measure ? options.levels : [Math.max(...options.levels)];
  const idleRounds = new Map<ClientKind, IdleRound[]>();
  await warmUp(service, options, benchPayload(options.payloadBytes));
  // The official client last: its stopped clients linger, and the next population's heap, measured
  // from before its first client to its last, would read low if they were collected meanwhile.
  const kinds = [...CLIENT_KINDS.filter((kind) => kind !== "official"), "official" as const];
  const byKind = await alternate(kinds, rounds, 0, async (kind) => {
    if (!(await released(lingering, 45_000)))
      context.log(`  9. stopped clients still reachable after 45 s (${kind}'s heap may read low)`);
    const result = await population(service, kind, levels, options, measure, idle, context.log);
    if (result.idle !== undefined) idleRounds.set(kind, [...(idleRounds.get(kind) ?? []), result.idle]);
    lingering.push(...result.refs);
    return result.points;
  });
  return {
    axis: measure
      ? {
          levels,
          measuredOps: options.measuredOps,
          inFlight: options.inFlight,
          heapFromLevel: 100,
          byKind: Object.fromEntries(byKind),
        }
      : undefined,
    idle: idle === undefined ? undefined : idleRounds,
  };
}

async function idleWindow(seconds: number): Promise<IdleWindow> {
  const elu = performance.eventLoopUtilization();
  const stop = startMeasure();
  await sleep(seconds * 1000);
  const m = stop();
  return {
    seconds: m.wallMs / 1000,
    cpuUs: m.cpuUs,
    utilization: performance.eventLoopUtilization(elu).utilization,
  };
}
