/**
 * The chaos suite's streaming workload: every client writes group streams of numbered fragments
 * through the fault proxy while faults fire, and reads every stream of the group (its own
 * included) with `onGroupStream({ handleFromStart: true })`. Afterwards it checks:
 *
 * - every stream a reader saw holds fragments 1, 2, 3, … with none missing, repeated or out of
 *   order, and the service sent each fragment to each reader once (as a group message: the
 *   reader itself would drop a second copy);
 * - a stream its writer ended reaches every reader complete: all its fragments, then completion —
 *   except at a reader that lost its connection for good, whose copy may fail with `ConnectionLost`;
 * - a stream fails at a reader only with `ConnectionLost` (the reader's connection is gone) or
 *   `Cancelled` (the writer's is), and an opened stream fails at its writer only with
 *   `ConnectionLost` (a stream that could not be opened is tried again under a new id);
 * - every write, end and inbound stream settles: none hangs;
 * - after `stop()` no client, proxied or emulator connection is left.
 */
import { WebPubSubClient } from "../../src/client.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import type { StreamDataError } from "../../src/protocol/messages.js";
import type { GroupStream } from "../../src/stream-types.js";
import type { WebPubSubClientOptions } from "../../src/types.js";
import { CLIENT_OPTIONS, eventually } from "./checker.js";
import { mulberry32, startFaultProxy, type FaultProxy } from "./fault-proxy.js";
import { startFaultSchedule, type FaultSchedule } from "./fault-schedule.js";

export interface StreamChaosOptions {
  readonly seed: number;
  readonly clients: number;
  /** Streams each client writes, one after the other. */
  readonly streamsPerClient: number;
  readonly fragmentsPerStream: number;
  /** Pause between two fragments of a stream. */
  readonly writeGapMs: number;
  readonly faultEveryMs: readonly [number, number];
  /** How long everything may take to settle once the faults stop. */
  readonly settleTimeoutMs: number;
  readonly log?: ((line: string) => void) | undefined;
}

export interface StreamChaosReport {
  readonly seed: number;
  readonly elapsedMs: number;
  /** Streams, by how their writers saw them end (`ended`, the failure's name, or not opened and why). */
  readonly streams: Readonly<Record<string, number>>;
  readonly fragmentsWritten: number;
  /** Streams as readers saw them end (`completed` or the error's name). */
  readonly views: Readonly<Record<string, number>>;
  readonly fragmentsRead: number;
  readonly faults: Readonly<Record<string, number>>;
  readonly recoveries: number;
  readonly reconnects: number;
  readonly violations: readonly string[];
  readonly hung: number;
  readonly leaks: readonly string[];
}

const GROUP = "streams";
const ROLES = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"];
/** Short enough that a writer lost for good is `Cancelled` at its readers within the settle time. */
const RECOVERY_WINDOW_MS = 5000;

const STREAM_CLIENT_OPTIONS: WebPubSubClientOptions = {
  ...CLIENT_OPTIONS,
  recoveryWindowInMs: RECOVERY_WINDOW_MS,
};

/** One stream as one reader saw it. */
interface View {
  readonly reader: string;
  readonly streamId: string;
  readonly fragments: number[];
  /** `undefined` while the stream is being read. */
  outcome: "completed" | StreamDataError | undefined;
}

interface Written {
  readonly writer: string;
  readonly streamId: string;
  /** Whether the service acknowledged the start (`openGroupStream` resolved). */
  opened: boolean;
  written: number;
  outcome: "writing" | "ended" | StreamDataError;
}

interface Peer {
  readonly name: string;
  readonly client: WebPubSubClient;
  /** `streamId#streamSequenceId` → how many group messages carried it (the service's copies). */
  readonly copies: Map<string, number>;
  /** The reader lost its connection for good at least once (a new connection followed). */
  reconnected: boolean;
}

const nameOf = (outcome: View["outcome"] | Written["outcome"]): string =>
  typeof outcome === "string" ? outcome : outcome === undefined ? "unsettled" : outcome.name;

function count(names: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

function read(peer: Peer, stream: GroupStream, views: View[]): void {
  const view: View = { reader: peer.name, streamId: stream.streamId, fragments: [], outcome: undefined };
  views.push(view);
  void (async () => {
    try {
      for await (const fragment of stream) view.fragments.push((fragment.data as { n: number }).n);
      view.outcome = "completed";
    } catch (error) {
      view.outcome = error as StreamDataError;
    }
  })();
}

/** Opens a stream, writes numbered fragments and ends; records how far it got and how it ended. */
async function write(peer: Peer, options: StreamChaosOptions, record: Written): Promise<void> {
  const failed = (error: unknown): void => {
    if (record.outcome === "writing" || record.outcome === "ended") {
      const { name, message } = error as Error;
      record.outcome = { name, message };
    }
  };
  try {
    const writer = await peer.client.openGroupStream(GROUP, { streamId: record.streamId });
    record.opened = true;
    writer.onError(failed);
    for (let n = 1; n <= options.fragmentsPerStream; n++) {
      await writer.write({ n }, "json");
      record.written = n;
      if (options.writeGapMs > 0)
        await new Promise<void>((resolve) => setTimeout(resolve, options.writeGapMs));
    }
    await writer.end();
    if (record.outcome === "writing") record.outcome = "ended";
  } catch (error) {
    failed(error);
  }
}

/**
 * Writes `streamsPerClient` streams, one after the other, as an application would: a stream that
 * could not be opened (the client was recovering, or the link dropped before the service's ack)
 * is tried again under a new id once the client is connected.
 */
async function writeStreams(peer: Peer, options: StreamChaosOptions, written: Written[]): Promise<void> {
  let opened = 0;
  for (
    let attempt = 1;
    opened < options.streamsPerClient && attempt <= options.streamsPerClient * 10;
    attempt++
  ) {
    await eventually(() => peer.client.state === "connected", 10_000);
    const record: Written = {
      writer: peer.name,
      streamId: `${peer.name}-${attempt}`,
      opened: false,
      written: 0,
      outcome: "writing",
    };
    written.push(record);
    await write(peer, options, record);
    if (record.opened) opened++;
  }
}

export async function runStreamChaos(options: StreamChaosOptions): Promise<StreamChaosReport> {
  const log = options.log ?? (() => undefined);
  const random = mulberry32(options.seed);
  const began = Date.now();
  let emu: Emulator | undefined;
  let proxy: FaultProxy | undefined;
  let schedule: FaultSchedule | undefined;
  const peers: Peer[] = [];
  const views: View[] = [];
  const written: Written[] = [];
  let recoveries = 0;
  let reconnects = 0;
  try {
    emu = await startEmulator({ port: 0, logger: false, recoveryWindowMs: RECOVERY_WINDOW_MS });
    proxy = await startFaultProxy(emu.port, random);
    const hub = `streams${options.seed}`;
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
        STREAM_CLIENT_OPTIONS,
      );
      const peer: Peer = { name, client, copies: new Map(), reconnected: false };
      // The reader drops a fragment it already has; the group messages show what the service sent.
      client.on("group-message", ({ message }) => {
        if (message.stream === undefined || message.stream.endOfStream === true) return;
        const key = `${message.stream.streamId}#${message.stream.streamSequenceId}`;
        peer.copies.set(key, (peer.copies.get(key) ?? 0) + 1);
      });
      let connections = 0;
      client.on("connected", () => {
        if (++connections > 1) {
          peer.reconnected = true;
          reconnects++;
          log(`${name} reconnected`);
        }
      });
      client.on("recovered", () => recoveries++);
      client.onGroupStream((stream) => read(peer, stream, views), { handleFromStart: true });
      peers.push(peer);
    }
    await Promise.all(peers.map((p) => p.client.start()));
    await Promise.all(peers.map((p) => p.client.joinGroup(GROUP)));

    schedule = startFaultSchedule({
      random,
      proxy: viaProxy,
      emulator,
      clients: peers.map((p) => p.client),
      faultEveryMs: options.faultEveryMs,
    });
    await Promise.all(peers.map((peer) => writeStreams(peer, options, written)));
    schedule.stop();

    // Every ended stream complete at every reader that kept its connection, every view settled.
    const complete = (): boolean =>
      views.every((v) => v.outcome !== undefined) &&
      written
        .filter((w) => w.outcome === "ended")
        .every((w) =>
          peers.every(
            (p) =>
              p.reconnected ||
              views.some(
                (v) => v.reader === p.name && v.streamId === w.streamId && v.outcome === "completed",
              ),
          ),
        );
    const settled = await eventually(complete, options.settleTimeoutMs);
    const hung = settled
      ? 0
      : views.filter((v) => v.outcome === undefined).length +
        written.filter((w) => w.outcome === "writing").length;

    const violations: string[] = [];
    for (const view of views) {
      const where = `${view.reader} reading ${view.streamId}`;
      const gap = view.fragments.findIndex((n, i) => n !== i + 1);
      if (gap >= 0) violations.push(`${where}: fragment ${view.fragments[gap]} at place ${gap + 1}`);
      const source = written.find((w) => w.streamId === view.streamId);
      if (view.outcome === "completed" && view.fragments.length !== source?.written) {
        violations.push(`${where}: completed after ${view.fragments.length} of ${source?.written} fragments`);
      }
      const error = nameOf(view.outcome);
      if (
        view.outcome !== "completed" &&
        view.outcome !== undefined &&
        error !== "ConnectionLost" &&
        error !== "Cancelled"
      ) {
        violations.push(`${where}: failed with ${error}: ${view.outcome.message ?? ""}`);
      }
    }
    for (const peer of peers) {
      for (const [key, copies] of peer.copies) {
        if (copies > 1) violations.push(`${peer.name} got fragment ${key} ${copies} times`);
      }
    }
    for (const stream of written) {
      // Once open, a writer fails only when its connection is lost for good.
      if (
        stream.opened &&
        stream.outcome !== "writing" &&
        stream.outcome !== "ended" &&
        stream.outcome.name !== "ConnectionLost"
      ) {
        violations.push(
          `${stream.writer} writing ${stream.streamId}: failed with ${stream.outcome.name}: ${stream.outcome.message ?? ""}`,
        );
      }
      if (stream.outcome !== "ended") continue;
      for (const peer of peers) {
        const seen = views.filter((v) => v.reader === peer.name && v.streamId === stream.streamId);
        const fine = seen.some(
          (v) => v.outcome === "completed" || (peer.reconnected && nameOf(v.outcome) === "ConnectionLost"),
        );
        if (!fine && !(peer.reconnected && seen.length === 0)) {
          violations.push(
            `${peer.name} never read ended ${stream.streamId} whole: ${seen.map((v) => `${v.fragments.length} then ${nameOf(v.outcome)}`).join("; ") || "never seen"}`,
          );
        }
      }
    }

    const leaks: string[] = [];
    await Promise.all(peers.map((p) => p.client[Symbol.asyncDispose]()));
    for (const peer of peers) {
      if (peer.client.state !== "stopped") leaks.push(`${peer.name} is ${peer.client.state} after stop()`);
    }
    await viaProxy.drained(5000).catch((error: unknown) => leaks.push(String(error)));
    if (!(await eventually(() => emulator.connections(hub).length === 0, 5000))) {
      leaks.push(`the emulator still holds ${emulator.connections(hub).length} connections of the hub`);
    }

    return {
      seed: options.seed,
      elapsedMs: Date.now() - began,
      streams: count(
        written.map((w) => (w.opened ? nameOf(w.outcome) : `not opened (${nameOf(w.outcome)})`)),
      ),
      fragmentsWritten: written.reduce((n, w) => n + w.written, 0),
      views: count(views.map((v) => nameOf(v.outcome))),
      fragmentsRead: views.reduce((n, v) => n + v.fragments.length, 0),
      faults: { ...viaProxy.faults, ...schedule.faults },
      recoveries,
      reconnects,
      violations,
      hung,
      leaks,
    };
  } finally {
    schedule?.stop();
    for (const peer of peers) peer.client.stop();
    await proxy?.close();
    await emu?.close();
  }
}

export function formatStreamReport(report: StreamChaosReport): string {
  const list = (counts: Readonly<Record<string, number>>): string =>
    Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
  return [
    `seed ${report.seed} (${(report.elapsedMs / 1000).toFixed(1)} s)`,
    `streams written: ${list(report.streams)}; fragments written ${report.fragmentsWritten}`,
    `streams read: ${list(report.views)}; fragments read ${report.fragmentsRead}`,
    `faults: ${list(report.faults)}; recoveries ${report.recoveries}, new connections ${report.reconnects}`,
    `violations ${report.violations.length}, hung ${report.hung}, leaks ${report.leaks.length}`,
    ...report.violations.slice(0, 10),
    ...report.leaks,
  ].join("\n");
}
