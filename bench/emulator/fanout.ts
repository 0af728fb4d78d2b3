/**
 * Fan-out: one sender, `receivers` raw clients in one group. The sender publishes `messages`
 * group messages of a 1 KiB JSON payload per round; a round ends when every receiver has every
 * message. Delivered messages/s = receivers × messages / elapsed.
 *
 * Flow control, so that no socket buffer grows without bound and a reliable receiver that acks
 * promptly stays far from the service's 1000-unacked limit:
 * - `pipelined`: the sender stays at most `deliveryWindow` messages ahead of the slowest receiver
 *   (a sliding window: the publisher's socket never goes quiet);
 * - `batched`: the sender sends `deliveryWindow` messages, waits until every receiver has all of
 *   them, and repeats (the publisher's socket goes quiet between batches).
 * In `acked` mode the sender also keeps at most `ackWindow` ackIds in flight. Reliable receivers
 * send a cumulative `sequenceAck` every `sequenceAckEvery` messages and every
 * `sequenceAckIntervalMs`.
 */
import { performance } from "node:perf_hooks";
import type { WebSocket } from "ws";
import { encodeUpstream } from "../../src/protocol/json-codec.js";
import { JSON_RELIABLE_SUBPROTOCOL, JSON_SUBPROTOCOL } from "../../src/protocol/messages.js";
import type { JsonSubprotocolName } from "../../src/protocol/messages.js";
import type { EmulatorChild } from "./child.js";
import { closeAll, decodeFrame, openClient } from "./clients.js";

export type SendMode = "fire-and-forget" | "acked";
export type Pacing = "pipelined" | "batched";

/** One table row: a send mode and a pacing, optionally with its own round size and count. */
export interface RowSpec {
  readonly mode: SendMode;
  readonly pacing: Pacing;
  readonly messages?: number;
  readonly rounds?: number;
  readonly warmupRounds?: number;
  /** Shown next to the row (e.g. why it exists). */
  readonly note?: string;
}

export interface FanoutOptions {
  readonly receivers: number;
  readonly messages: number;
  readonly rounds: number;
  readonly warmupRounds: number;
  readonly payloadBytes: number;
  readonly ackWindow: number;
  readonly deliveryWindow: number;
  readonly sequenceAckEvery: number;
  readonly sequenceAckIntervalMs: number;
  readonly roundTimeoutMs: number;
}

export interface RoundResult {
  readonly elapsedMs: number;
  readonly deliveries: number;
  /** Delivered messages per second. */
  readonly rate: number;
  /** Emulator child CPU (user + system) during the round, µs. */
  readonly childCpuUs: number;
  /** Benchmark process CPU (sender + receivers) during the round, µs. */
  readonly benchCpuUs: number;
}

export interface ScenarioResult {
  readonly protocol: JsonSubprotocolName;
  readonly mode: SendMode;
  readonly pacing: Pacing;
  readonly messages: number;
  readonly rounds: readonly RoundResult[];
  readonly note: string | undefined;
  /** Set when the row could not complete (e.g. the service closed a receiver). */
  readonly error: string | undefined;
}

const HUB = "bench";
const GROUP = "fanout";

/** A JSON object whose serialization is exactly `bytes` long (for bytes ≥ 16). */
export function jsonPayload(bytes: number): { pad: string } {
  const overhead = JSON.stringify({ pad: "" }).length;
  return { pad: "x".repeat(Math.max(0, bytes - overhead)) };
}

export const SEQUENCE_PREFIX = Buffer.from('{"sequenceId":');
const PLAIN_PREFIX = Buffer.from('{"type":"message","from":"group"');

export function startsWith(data: Buffer, prefix: Buffer): boolean {
  return data.length >= prefix.length && data.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
}

/** The decimal integer at `offset` (the emulator writes `{"sequenceId":N,` first). */
export function readUint(data: Buffer, offset: number): number {
  let value = 0;
  let i = offset;
  for (; i < data.length; i++) {
    const c = data[i]!;
    if (c < 0x30 || c > 0x39) break;
    value = value * 10 + (c - 0x30);
  }
  if (i === offset) throw new Error("sequenceId is not a number");
  return value;
}

/** State of the round in progress. */
class Round {
  readonly arrivals: Uint16Array;
  minDelivered = 0;
  sent = 0;
  /** `batched`: where the current batch ends. */
  batchEnd = 0;
  inflight = 0;
  acks = 0;
  readonly start = performance.now();
  constructor(
    readonly messages: number,
    readonly receivers: number,
    readonly acked: boolean,
    readonly batched: boolean,
    readonly finish: (error?: Error) => void,
  ) {
    this.arrivals = new Uint16Array(messages);
  }

  get complete(): boolean {
    return this.minDelivered === this.messages && (!this.acked || this.acks === this.messages);
  }
}

export class FanoutRig {
  private round: Round | undefined;
  private nextAckId = 1;
  private readonly counts: Uint32Array;
  private readonly lastSequenceId: Float64Array;
  private readonly ackedSequenceId: Float64Array;
  /** Receivers whose next data frame gets a full decode and check (the first of each round). */
  private readonly check: Uint8Array;
  private readonly joinWaiters = new Map<number, () => void>();
  private flusher: ReturnType<typeof setInterval> | undefined;
  private readonly fireAndForgetFrame: string;
  private readonly payload: { pad: string };
  private failure: Error | undefined;

  constructor(
    private readonly sender: WebSocket,
    private readonly receivers: readonly WebSocket[],
    private readonly reliable: boolean,
    private readonly options: FanoutOptions,
  ) {
    const n = receivers.length;
    this.counts = new Uint32Array(n);
    this.lastSequenceId = new Float64Array(n);
    this.ackedSequenceId = new Float64Array(n);
    this.check = new Uint8Array(n);
    this.payload = jsonPayload(options.payloadBytes);
    this.fireAndForgetFrame = encodeUpstream({
      kind: "sendToGroup",
      group: GROUP,
      dataType: "json",
      data: this.payload,
      noEcho: false,
    });
    receivers.forEach((ws, i) => {
      ws.on("message", (data: Buffer) => this.onReceiverFrame(i, data));
      ws.on("close", (code, reason) =>
        this.fail(
          new Error(
            `receiver ${i} closed (${code} ${reason.toString()}) during the run; ` +
              `received ${this.counts[i]}, last sequenceId ${this.lastSequenceId[i]}, acked ${this.ackedSequenceId[i]}`,
          ),
        ),
      );
    });
    sender.on("message", (data: Buffer) => this.onSenderFrame(data));
    sender.on("close", (code, reason) =>
      this.fail(new Error(`sender closed (${code} ${reason.toString()}) during the run`)),
    );
    if (reliable) {
      this.flusher = setInterval(() => {
        for (let i = 0; i < n; i++)
          if (this.lastSequenceId[i]! > this.ackedSequenceId[i]!) this.sequenceAck(i);
      }, options.sequenceAckIntervalMs);
    }
  }

  /** Every receiver joins the group (acked joinGroup). */
  async join(): Promise<void> {
    await Promise.all(
      this.receivers.map(
        (ws, i) =>
          new Promise<void>((resolve) => {
            this.joinWaiters.set(i, resolve);
            ws.send(encodeUpstream({ kind: "joinGroup", group: GROUP, ackId: 1 }));
          }),
      ),
    );
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const round = this.round;
    this.round = undefined;
    round?.finish(error);
  }

  private sequenceAck(i: number): void {
    const sequenceId = this.lastSequenceId[i]!;
    this.ackedSequenceId[i] = sequenceId;
    this.receivers[i]!.send(encodeUpstream({ kind: "sequenceAck", sequenceId }));
  }

  private onReceiverFrame(i: number, data: Buffer): void {
    let sequenceId = 0;
    if (this.reliable ? startsWith(data, SEQUENCE_PREFIX) : startsWith(data, PLAIN_PREFIX)) {
      if (this.reliable) sequenceId = readUint(data, SEQUENCE_PREFIX.length);
      if (this.check[i] === 1) {
        this.check[i] = 0;
        this.verify(i, data);
      }
    } else {
      // Anything that is not the emulator's usual data frame layout: decode it properly.
      const message = decodeFrame(data);
      if (message.kind === "ack") {
        if (!message.success) this.fail(new Error(`receiver ${i}: joinGroup failed: ${message.error?.name}`));
        this.joinWaiters.get(i)?.();
        this.joinWaiters.delete(i);
        return;
      }
      if (message.kind !== "groupData") return;
      sequenceId = message.sequenceId ?? 0;
    }
    const round = this.round;
    if (round === undefined) {
      this.fail(new Error(`receiver ${i}: a data message arrived outside a round`));
      return;
    }
    if (this.reliable) {
      if (sequenceId <= this.lastSequenceId[i]!) {
        this.fail(new Error(`receiver ${i}: sequenceId ${sequenceId} after ${this.lastSequenceId[i]}`));
        return;
      }
      this.lastSequenceId[i] = sequenceId;
      if (sequenceId - this.ackedSequenceId[i]! >= this.options.sequenceAckEvery) this.sequenceAck(i);
    }
    const k = this.counts[i]!;
    this.counts[i] = k + 1;
    if (k >= round.messages) {
      this.fail(new Error(`receiver ${i}: more messages than were sent`));
      return;
    }
    const arrived = round.arrivals[k]! + 1;
    round.arrivals[k] = arrived;
    if (arrived === round.receivers) {
      let min = round.minDelivered;
      while (min < round.messages && round.arrivals[min] === round.receivers) min++;
      round.minDelivered = min;
      this.pump(round);
      if (round.complete) this.end(round);
    }
  }

  /** A full decode of one frame per receiver per round: the fast path must not count garbage. */
  private verify(i: number, data: Buffer): void {
    const message = decodeFrame(data);
    if (
      message.kind !== "groupData" ||
      message.group !== GROUP ||
      message.dataType !== "json" ||
      JSON.stringify(message.data) !== JSON.stringify(this.payload) ||
      (this.reliable && message.sequenceId === undefined)
    ) {
      this.fail(new Error(`receiver ${i}: unexpected frame ${data.toString("utf8").slice(0, 120)}`));
    }
  }

  private onSenderFrame(data: Buffer): void {
    const message = decodeFrame(data);
    if (message.kind !== "ack") return;
    if (!message.success) {
      this.fail(
        new Error(
          `sendToGroup ack ${message.ackId} failed: ${message.error?.name} ${message.error?.message}`,
        ),
      );
      return;
    }
    const round = this.round;
    if (round === undefined) return;
    round.inflight--;
    round.acks++;
    this.pump(round);
    if (round.complete) this.end(round);
  }

  private pump(round: Round): void {
    const { deliveryWindow, ackWindow } = this.options;
    let limit: number;
    if (round.batched) {
      // A new batch only once every receiver has the whole previous one.
      if (round.sent === round.minDelivered)
        round.batchEnd = Math.min(round.messages, round.sent + deliveryWindow);
      limit = round.batchEnd;
    } else {
      limit = Math.min(round.messages, round.minDelivered + deliveryWindow);
    }
    while (round.sent < limit && (!round.acked || round.inflight < ackWindow)) {
      if (round.acked) {
        this.sender.send(
          encodeUpstream({
            kind: "sendToGroup",
            group: GROUP,
            ackId: this.nextAckId++,
            dataType: "json",
            data: this.payload,
            noEcho: false,
          }),
        );
        round.inflight++;
      } else {
        this.sender.send(this.fireAndForgetFrame);
      }
      round.sent++;
    }
  }

  private end(round: Round): void {
    if (this.round !== round) return;
    this.round = undefined;
    round.finish();
  }

  /** One round; resolves with its wall time in ms. */
  run(messages: number, mode: SendMode, pacing: Pacing): Promise<number> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    this.counts.fill(0);
    this.check.fill(1);
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => this.fail(new Error(`round timed out after ${this.options.roundTimeoutMs} ms`)),
        this.options.roundTimeoutMs,
      );
      const round = new Round(
        messages,
        this.receivers.length,
        mode === "acked",
        pacing === "batched",
        (error) => {
          clearTimeout(timer);
          if (error === undefined) resolve(performance.now() - round.start);
          else reject(error);
        },
      );
      this.round = round;
      this.pump(round);
    });
  }

  /** Flushes the last sequenceAcks and stops the timer. */
  stop(): void {
    if (this.flusher !== undefined) clearInterval(this.flusher);
    if (this.reliable) {
      for (let i = 0; i < this.receivers.length; i++) {
        if (this.lastSequenceId[i]! > this.ackedSequenceId[i]!) this.sequenceAck(i);
      }
    }
  }
}

export function cpuUs(usage: { user: number; system: number }): number {
  return usage.user + usage.system;
}

/** Opens `count` clients in batches of `batch`. */
async function openMany(
  urls: readonly string[],
  protocol: JsonSubprotocolName,
  batch: number,
): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let i = 0; i < urls.length; i += batch) {
    const opened = await Promise.all(urls.slice(i, i + batch).map((url) => openClient(url, protocol)));
    for (const client of opened) sockets.push(client.ws);
  }
  return sockets;
}

/** A connected rig: the sender and `receivers` in the group, on one service child. */
export interface ConnectedRig {
  readonly child: EmulatorChild;
  readonly rig: FanoutRig;
  /** Stops the rig's timer and closes every socket. */
  disconnect(): Promise<void>;
}

/**
 * Opens the receivers of `protocol` (joined to the group) and the sender on `child`. The sender
 * always speaks `json.webpubsub.azure.v1` (it only receives acks).
 */
export async function connectRig(
  child: EmulatorChild,
  protocol: JsonSubprotocolName,
  options: FanoutOptions,
): Promise<ConnectedRig> {
  const tag = protocol === JSON_RELIABLE_SUBPROTOCOL ? "reliable" : "json";
  const receiverIds = Array.from({ length: options.receivers }, (_, i) => `${tag}-receiver-${i}`);
  const receiverUrls = await child.urls(HUB, receiverIds, [`webpubsub.joinLeaveGroup.${GROUP}`]);
  const [senderUrl] = await child.urls(HUB, [`${tag}-sender`], [`webpubsub.sendToGroup.${GROUP}`]);
  const receivers = await openMany(receiverUrls, protocol, 50);
  const sender = (await openClient(senderUrl!, JSON_SUBPROTOCOL)).ws;
  const rig = new FanoutRig(sender, receivers, protocol === JSON_RELIABLE_SUBPROTOCOL, options);
  await rig.join();
  return {
    child,
    rig,
    disconnect: async () => {
      rig.stop();
      await closeAll([sender, ...receivers]);
    },
  };
}

/** One round on a connected rig, with the service child's and this process's CPU over it. */
export async function measureRound(
  connected: ConnectedRig,
  messages: number,
  mode: SendMode,
  pacing: Pacing,
  receivers: number,
): Promise<RoundResult> {
  const before = await connected.child.stats();
  const benchBefore = process.cpuUsage();
  const elapsedMs = await connected.rig.run(messages, mode, pacing);
  const benchCpuUs = cpuUs(process.cpuUsage(benchBefore));
  const after = await connected.child.stats();
  const deliveries = messages * receivers;
  return {
    elapsedMs,
    deliveries,
    rate: (deliveries / elapsedMs) * 1000,
    childCpuUs: cpuUs(after.cpu) - cpuUs(before.cpu),
    benchCpuUs,
  };
}

/**
 * Runs `rows` in order on one set of receivers of `protocol`. A row that fails is recorded with
 * its error; the receivers are then reconnected for the next row.
 */
export async function runFanout(
  child: EmulatorChild,
  protocol: JsonSubprotocolName,
  rows: readonly RowSpec[],
  options: FanoutOptions,
  log: (line: string) => void,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  let rig: ConnectedRig | undefined;
  const disconnect = async (): Promise<void> => {
    const connected = rig;
    rig = undefined;
    await connected?.disconnect();
  };
  try {
    for (const row of rows) {
      const messages = row.messages ?? options.messages;
      const total = (row.warmupRounds ?? options.warmupRounds) + (row.rounds ?? options.rounds);
      const warmups = row.warmupRounds ?? options.warmupRounds;
      const rounds: RoundResult[] = [];
      let error: string | undefined;
      rig ??= await connectRig(child, protocol, options);
      for (let r = 0; r < total && error === undefined; r++) {
        let result: RoundResult;
        try {
          result = await measureRound(rig, messages, row.mode, row.pacing, options.receivers);
        } catch (failure) {
          error = failure instanceof Error ? failure.message : String(failure);
          log(`  ${protocol} ${row.mode} ${row.pacing} FAILED in round ${r + 1} of ${total}: ${error}`);
          await disconnect();
          break;
        }
        const warmup = r < warmups;
        if (!warmup) rounds.push(result);
        log(
          `  ${protocol} ${row.mode} ${row.pacing} round ${warmup ? "warm-up" : r - warmups + 1}: ` +
            `${Math.round(result.rate).toLocaleString("en-US")} deliveries/s, ${result.elapsedMs.toFixed(0)} ms, ` +
            `emulator ${(result.childCpuUs / result.deliveries).toFixed(2)} µs CPU/delivery, ` +
            `bench ${(result.benchCpuUs / result.deliveries).toFixed(2)} µs CPU/delivery`,
        );
      }
      results.push({ protocol, mode: row.mode, pacing: row.pacing, messages, rounds, note: row.note, error });
    }
  } finally {
    await disconnect();
  }
  return results;
}

export interface AckPathResult {
  readonly operations: number;
  readonly window: number;
  readonly rounds: readonly RoundResult[];
}

/**
 * The request/ack path alone: one client sends acked `event` messages (1 KiB JSON, no `onEvent`
 * handler, so the service acks at once) with `window` in flight. `deliveries` here counts acks.
 */
export async function runAckPath(
  child: EmulatorChild,
  operations: number,
  window: number,
  rounds: number,
  warmupRounds: number,
  payloadBytes: number,
  log: (line: string) => void,
): Promise<AckPathResult> {
  const [url] = await child.urls(HUB, ["ack-path"]);
  const ws = (await openClient(url!, JSON_SUBPROTOCOL)).ws;
  const payload = jsonPayload(payloadBytes);
  let nextAckId = 1;
  const results: RoundResult[] = [];
  try {
    for (let r = 0; r < warmupRounds + rounds; r++) {
      const before = await child.stats();
      const benchBefore = process.cpuUsage();
      const start = performance.now();
      await new Promise<void>((resolve, reject) => {
        let sent = 0;
        let acked = 0;
        const pump = (): void => {
          while (sent < operations && sent - acked < window) {
            ws.send(
              encodeUpstream({
                kind: "sendEvent",
                event: "bench",
                ackId: nextAckId++,
                dataType: "json",
                data: payload,
              }),
            );
            sent++;
          }
        };
        const onMessage = (data: Buffer): void => {
          const message = decodeFrame(data);
          if (message.kind !== "ack") return;
          if (!message.success) {
            cleanup();
            reject(new Error(`event ack ${message.ackId} failed: ${message.error?.name}`));
            return;
          }
          acked++;
          if (acked === operations) {
            cleanup();
            resolve();
          } else pump();
        };
        const onClose = (code: number): void => {
          cleanup();
          reject(new Error(`ack-path client closed (${code})`));
        };
        const cleanup = (): void => {
          ws.off("message", onMessage);
          ws.off("close", onClose);
        };
        ws.on("message", onMessage);
        ws.on("close", onClose);
        pump();
      });
      const elapsedMs = performance.now() - start;
      const benchCpuUs = cpuUs(process.cpuUsage(benchBefore));
      const after = await child.stats();
      const result: RoundResult = {
        elapsedMs,
        deliveries: operations,
        rate: (operations / elapsedMs) * 1000,
        childCpuUs: cpuUs(after.cpu) - cpuUs(before.cpu),
        benchCpuUs,
      };
      const warmup = r < warmupRounds;
      if (!warmup) results.push(result);
      log(
        `  acked event round ${warmup ? "warm-up" : r - warmupRounds + 1}: ` +
          `${Math.round(result.rate).toLocaleString("en-US")} ops/s, emulator ${(result.childCpuUs / operations).toFixed(2)} µs CPU/op`,
      );
    }
  } finally {
    await closeAll([ws]);
  }
  return { operations, window, rounds: results };
}
