/**
 * A Jepsen-style checker for the reliable protocol. Several clients join one group through a
 * fault proxy in front of the emulator and publish numbered messages while faults fire at seeded
 * random moments. Afterwards it checks, for every receiver and every sender:
 *
 * - every message whose send was acked is delivered exactly once (no loss, no duplicate);
 * - messages arrive in per-sender order (gaps only for sends that failed with a typed error;
 *   failed sends may be delivered or not, but never twice);
 * - every operation settled (success or typed failure) — none hangs;
 * - after `stop()` everything is back to baseline: clients stopped with no child actors, no
 *   proxied or emulator connections left, no extra timers in the process.
 */
import { WebPubSubClient } from "../../src/client.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import type { GroupDataMessage, WebPubSubClientProtocol } from "../../src/protocol/messages.js";
import type { WebPubSubClientOptions } from "../../src/types.js";
import { mulberry32, startFaultProxy, type FaultProxy } from "./fault-proxy.js";
import { startFaultSchedule, type FaultSchedule } from "./fault-schedule.js";

export interface ChaosOptions {
  readonly seed: number;
  readonly clients: number;
  /** Messages each client publishes (ignored when `durationMs` is set). */
  readonly messagesPerClient: number;
  /** Publish until this much time has passed (a soak). */
  readonly durationMs?: number;
  /** Sends in flight per client. */
  readonly inFlight: number;
  /** Pause between two sends of a client (keeps the fan-in within the service's reliable buffer). */
  readonly sendGapMs: number;
  /** A fault fires every `faultEveryMs[0]`..`faultEveryMs[1]` ms. */
  readonly faultEveryMs: readonly [number, number];
  /** How long a send may stay unsettled after faults stop before it counts as hung. */
  readonly settleTimeoutMs: number;
  readonly log?: ((line: string) => void) | undefined;
  /** Emulator log lines (debugging). */
  readonly emulatorLog?: ((level: string, message: string) => void) | undefined;
  /** The subprotocol of client `index` (default: the client's, reliable JSON). */
  readonly protocolOf?: ((index: number) => WebPubSubClientProtocol) | undefined;
}

export interface ChaosReport {
  readonly seed: number;
  readonly elapsedMs: number;
  readonly sent: number;
  readonly acked: number;
  readonly failed: Readonly<Record<string, number>>;
  readonly deliveries: number;
  readonly faults: Readonly<Record<string, number>>;
  readonly proxiedConnections: number;
  readonly recoveries: number;
  readonly reconnects: number;
  /** Sends acked as duplicates: a retry (an ack timeout's, or a recovery's re-send) the service de-duplicated. */
  readonly deduplicated: number;
  readonly losses: readonly string[];
  readonly duplicates: readonly string[];
  readonly orderViolations: readonly string[];
  readonly hung: number;
  readonly leaks: readonly string[];
  /** The subprotocols the emulator negotiated with the clients. */
  readonly subprotocols: readonly string[];
}

const GROUP = "chaos";
const ROLES = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"];

/** The chaos clients' timings: quick keep-alive, acks and retries, so faults are found and healed fast. */
export const CLIENT_OPTIONS: WebPubSubClientOptions = {
  keepAliveIntervalInMs: 300,
  pongTimeoutInMs: 600,
  keepAliveTimeoutInMs: 3000,
  sequenceAckIntervalInMs: 200,
  recoveryRetryOptions: { retryDelayInMs: 30, maxRetryDelayInMs: 200 },
  reconnectRetryOptions: { retryDelayInMs: 30, maxRetryDelayInMs: 200 },
  messageRetryOptions: { maxRetries: 5, retryDelayInMs: 30, maxRetryDelayInMs: 200 },
};

/**
 * Every other client also has an ack timeout, shorter than the round trip of a delayed link: a
 * slow or lost ack makes the deadline clock re-send with the same ackId, and the service's
 * de-duplication must keep the message exactly-once.
 */
const TIMED_CLIENT_OPTIONS: WebPubSubClientOptions = { ...CLIENT_OPTIONS, ackTimeoutInMs: 250 };

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
}

/** Resolves when `check()` holds, re-checking on every `poke()`; rejects after `timeoutMs`. */
function condition(check: () => boolean, timeoutMs: number, what: string) {
  let poke: () => void = () => undefined;
  const promise = new Promise<void>((resolve, reject) => {
    if (check()) return resolve();
    const timer = setTimeout(() => {
      poke = () => undefined;
      reject(new Error(`${what} not reached within ${timeoutMs} ms`));
    }, timeoutMs);
    poke = () => {
      if (!check()) return;
      clearTimeout(timer);
      poke = () => undefined;
      resolve();
    };
  });
  return { promise, poke: () => poke() };
}

/** Polls `check` on a short interval until it holds or `timeoutMs` passes. */
export async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

interface Peer {
  readonly name: string;
  readonly client: WebPubSubClient;
  /** sender → message numbers in arrival order. */
  readonly received: Map<string, number[]>;
  /** message number → outcome of this peer's send. */
  readonly outcomes: Map<number, string>;
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const random = mulberry32(options.seed);
  const began = Date.now();
  let emu: Emulator | undefined;
  let proxy: FaultProxy | undefined;
  const peers: Peer[] = [];
  let schedule: FaultSchedule | undefined;
  let recoveries = 0;
  let deduplicated = 0;
  let reconnects = 0;
  const restoreTimers = new Set<ReturnType<typeof setTimeout>>();
  let deliveryWatch: (() => void) | undefined;
  try {
    emu = await startEmulator({
      port: 0,
      logger: options.emulatorLog ?? false,
      logLevel: "info",
      recoveryWindowMs: 60_000,
    });
    proxy = await startFaultProxy(emu.port, random);
    const baselineTimers = activeTimers();
    const hub = `chaos${options.seed}`;
    const emulator = emu;
    const viaProxy = proxy;

    for (let i = 0; i < options.clients; i++) {
      const name = `p${i}`;
      const client = new WebPubSubClient(
        {
          getClientAccessUrl: async () =>
            (await emulator.getClientAccessUrl({ hub, userId: name, roles: ROLES })).replace(
              `:${emulator.port}/`,
              `:${viaProxy.port}/`,
            ),
        },
        {
          ...(i % 2 === 1 ? TIMED_CLIENT_OPTIONS : CLIENT_OPTIONS),
          ...(options.protocolOf === undefined ? {} : { protocol: options.protocolOf(i) }),
        },
      );
      const peer: Peer = { name, client, received: new Map(), outcomes: new Map() };
      client.on("group-message", ({ message }: { message: GroupDataMessage }) => {
        const data = message.data as { s?: unknown; n?: unknown };
        if (typeof data.s !== "string" || typeof data.n !== "number") return;
        let list = peer.received.get(data.s);
        if (list === undefined) peer.received.set(data.s, (list = []));
        list.push(data.n);
        deliveryWatch?.();
      });
      client.on("recovered", () => recoveries++);
      client.on("connected", (e) => {
        reconnects++;
        log(`${name} connected ${e.connectionId}`);
      });
      client.on("recovering", (e) => log(`${name} recovering after ${e.code} ${e.reason}`));
      client.on("disconnected", (e) => log(`${name} disconnected ${e.code} ${e.reason}`));
      client.on("rejoin-group-failed", (e) => log(`${name} rejoin of ${e.group} failed: ${e.error.message}`));
      peers.push(peer);
    }
    await Promise.all(peers.map((p) => p.client.start()));
    await Promise.all(peers.map((p) => p.client.joinGroup(GROUP)));
    reconnects -= peers.length;
    const subprotocols = [...new Set(emulator.connections(hub).map((c) => c.protocol))].sort();
    log(`seed ${options.seed}: ${peers.length} clients joined ${GROUP} through proxy :${proxy.port}`);

    // Faults at seeded random moments.
    schedule = startFaultSchedule({
      random,
      proxy: viaProxy,
      emulator,
      clients: peers.map((p) => p.client),
      faultEveryMs: options.faultEveryMs,
    });

    // Publish numbered messages, `inFlight` at a time per client.
    const sendDeadline = options.durationMs === undefined ? undefined : began + options.durationMs;
    const pending = new Set<Promise<void>>();
    const publish = async (peer: Peer) => {
      const inFlight = new Set<Promise<void>>();
      for (let n = 1; ; n++) {
        if (sendDeadline === undefined ? n > options.messagesPerClient : Date.now() > sendDeadline) break;
        if (n > 1_000_000) break;
        const send: Promise<void> = Promise.resolve(
          peer.client.sendToGroupResult(GROUP, { s: peer.name, n }, "json"),
        )
          .then((result) => {
            peer.outcomes.set(n, result.isOk() ? "ok" : result.error.kind);
            if (result.isOk() && result.value.isDuplicated) deduplicated++;
          })
          .finally(() => {
            inFlight.delete(send);
            pending.delete(send);
          });
        peer.outcomes.set(n, "pending");
        inFlight.add(send);
        pending.add(send);
        if (inFlight.size >= options.inFlight) await Promise.race(inFlight);
        if (options.sendGapMs > 0)
          await new Promise<void>((resolve) => setTimeout(resolve, options.sendGapMs));
      }
    };
    await Promise.all(peers.map((peer) => publish(peer)));
    schedule.stop();
    // Stalled links are found by the pong timeout; then every send must settle.
    const settled = await Promise.race([
      Promise.all([...pending]).then(() => true),
      new Promise<false>((resolve) => {
        const timer = setTimeout(() => resolve(false), options.settleTimeoutMs);
        restoreTimers.add(timer);
      }),
    ]);
    for (const timer of restoreTimers) clearTimeout(timer);
    restoreTimers.clear();
    const hung = settled
      ? 0
      : peers.reduce((n, p) => n + [...p.outcomes.values()].filter((o) => o === "pending").length, 0);

    // Wait until every receiver has every acked message (or give up and report the losses).
    const missing = (): number => {
      let count = 0;
      for (const receiver of peers)
        for (const sender of peers) {
          const got = new Set(receiver.received.get(sender.name) ?? []);
          for (const [n, outcome] of sender.outcomes) if (outcome === "ok" && !got.has(n)) count++;
        }
      return count;
    };
    const delivered = condition(() => missing() === 0, 15_000, "delivery of every acked message");
    deliveryWatch = delivered.poke;
    await delivered.promise.catch((error: unknown) => log(String(error)));
    deliveryWatch = undefined;

    // The checks.
    const losses: string[] = [];
    const duplicates: string[] = [];
    const orderViolations: string[] = [];
    let deliveries = 0;
    for (const receiver of peers) {
      for (const sender of peers) {
        const list = receiver.received.get(sender.name) ?? [];
        deliveries += list.length;
        const seen = new Set<number>();
        for (const [i, n] of list.entries()) {
          if (seen.has(n)) duplicates.push(`${receiver.name} got ${sender.name}#${n} twice`);
          seen.add(n);
          const previous = list[i - 1];
          if (previous !== undefined && n <= previous)
            orderViolations.push(`${receiver.name} got ${sender.name}#${n} after #${previous}`);
        }
        for (const [n, outcome] of sender.outcomes)
          if (outcome === "ok" && !seen.has(n))
            losses.push(`${receiver.name} never got acked ${sender.name}#${n}`);
      }
    }
    const failed: Record<string, number> = {};
    let sent = 0;
    let acked = 0;
    for (const peer of peers) {
      for (const outcome of peer.outcomes.values()) {
        sent++;
        if (outcome === "ok") acked++;
        else failed[outcome] = (failed[outcome] ?? 0) + 1;
      }
    }

    // Back to baseline after stop().
    const leaks: string[] = [];
    let disposeTimer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all(peers.map((p) => p.client[Symbol.asyncDispose]())),
      new Promise<void>((resolve) => (disposeTimer = setTimeout(resolve, 5000))),
    ]);
    clearTimeout(disposeTimer);
    for (const peer of peers) {
      const snapshot = peer.client.actor.getSnapshot();
      if (snapshot.value !== "stopped")
        leaks.push(`${peer.name} is ${JSON.stringify(snapshot.value)} after stop()`);
      const children = Object.keys(snapshot.children).filter((k) => snapshot.children[k] !== undefined);
      if (children.length > 0) leaks.push(`${peer.name} still has child actors: ${children.join(", ")}`);
    }
    await viaProxy.drained(5000).catch((error: unknown) => leaks.push(String(error)));
    const emulatorClean = await eventually(() => emulator.connections(hub).length === 0, 5000);
    if (!emulatorClean)
      leaks.push(`the emulator still holds ${emulator.connections(hub).length} connections of the hub`);
    const timersClean = await eventually(() => activeTimers() <= baselineTimers, 5000);
    if (!timersClean) leaks.push(`${activeTimers() - baselineTimers} timers more than before the clients`);

    return {
      seed: options.seed,
      elapsedMs: Date.now() - began,
      sent,
      acked,
      failed,
      deliveries,
      faults: { ...viaProxy.faults, ...schedule.faults },
      proxiedConnections: viaProxy.accepted,
      recoveries,
      reconnects,
      deduplicated,
      losses,
      duplicates,
      orderViolations,
      hung,
      leaks,
      subprotocols,
    };
  } finally {
    schedule?.stop();
    for (const timer of restoreTimers) clearTimeout(timer);
    for (const peer of peers) peer.client.stop();
    await proxy?.close();
    await emu?.close();
  }
}

export function formatReport(report: ChaosReport): string {
  const faults = Object.entries(report.faults)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const failed = Object.entries(report.failed)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  return [
    `seed ${report.seed} (${(report.elapsedMs / 1000).toFixed(1)} s), ${report.subprotocols.join(" + ")}`,
    `messages sent ${report.sent}, acked ${report.acked}, failed ${failed || "0"}, deliveries ${report.deliveries}`,
    `faults: ${faults}; proxied connections ${report.proxiedConnections}, recoveries ${report.recoveries}, new connections ${report.reconnects}, sends de-duplicated ${report.deduplicated}`,
    `losses ${report.losses.length}, duplicates ${report.duplicates.length}, order violations ${report.orderViolations.length}, hung ${report.hung}, leaks ${report.leaks.length}`,
    ...report.losses.slice(0, 10),
    ...report.duplicates.slice(0, 10),
    ...report.orderViolations.slice(0, 10),
    ...report.leaks,
  ].join("\n");
}
