/**
 * A 1 → N broadcast at scale (10,000 connections by default), on one service child: N reliable
 * JSON receivers (`json.reliable.webpubsub.azure.v1`, the clients' default) joined to one group,
 * in this process; one sender publishes 1 KiB messages one at a time, each when every receiver
 * has the one before. Measures the child's heap per connection (after two full GCs, before and
 * after opening) and the delivery latency of every delivery: the sender's `ws.send` → the
 * receiver's `message` handler, one clock (this process). The receivers' own work (a prefix check
 * and a sequence id per frame) is in that latency, the same for every server: compare the servers.
 */
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { WebSocket } from "ws";
import { encodeUpstream } from "../../src/protocol/json-codec.js";
import { JSON_RELIABLE_SUBPROTOCOL, JSON_SUBPROTOCOL } from "../../src/protocol/messages.js";
import type { Quantiles } from "../lib/storm-data.js";
import { quantiles } from "../lib/storm-data.js";
import type { EmulatorChild } from "./child.js";
import { closeAll, decodeFrame, openClient } from "./clients.js";
import { cpuUs, jsonPayload, readUint, SEQUENCE_PREFIX, startsWith } from "./fanout.js";
import type { MemorySnapshot } from "./ipc.js";

const HUB = "scale";
const GROUP = "all";

export interface BroadcastOptions {
  readonly connections: number;
  readonly batch: number;
  readonly broadcasts: number;
  readonly warmupBroadcasts: number;
  readonly payloadBytes: number;
  /** A broadcast not delivered to everyone within this long fails the run. */
  readonly timeoutMs: number;
}

export interface BroadcastResult {
  readonly connections: number;
  readonly openMs: number;
  readonly before: MemorySnapshot;
  readonly after: MemorySnapshot;
  /** Every measured delivery's latency, ms, as 101 quantiles (`[99]` = p99). */
  readonly latencyMs: Quantiles<number | null>;
  /** Per measured broadcast: send → the last receiver has it, ms. */
  readonly completeMs: readonly number[];
  readonly broadcasts: number;
  /** The child's CPU per delivery over the measured broadcasts, from the send to the last delivery, µs. */
  readonly serverCpuUsPerDelivery: number;
  /** The child's CPU per receiver for the `sequenceAck` every receiver sends after each broadcast, µs. */
  readonly serverCpuUsPerAck: number;
}

/** Opens `urls` as reliable receivers, `batch` at a time; each waits for `system/connected`. */
async function openReceivers(
  urls: readonly string[],
  batch: number,
  log: (line: string) => void,
): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let i = 0; i < urls.length; i += batch) {
    const opened = await Promise.allSettled(
      urls.slice(i, i + batch).map((url) => openClient(url, JSON_RELIABLE_SUBPROTOCOL)),
    );
    for (const result of opened) if (result.status === "fulfilled") sockets.push(result.value.ws);
    const failed = opened.find((result) => result.status === "rejected");
    if (failed !== undefined) {
      for (const ws of sockets) ws.terminate();
      throw failed.reason;
    }
    if (sockets.length % 2000 === 0) log(`  ${sockets.length} connections open`);
  }
  return sockets;
}

export async function runBroadcast(
  child: EmulatorChild,
  options: BroadcastOptions,
  log: (line: string) => void,
): Promise<BroadcastResult> {
  const n = options.connections;
  const urls = await child.urls(
    HUB,
    Array.from({ length: n }, (_, i) => `receiver-${i}`),
    [`webpubsub.joinLeaveGroup.${GROUP}`],
  );
  const [senderUrl] = await child.urls(HUB, ["sender"], [`webpubsub.sendToGroup.${GROUP}`]);
  // Warm-up of the connect path, then back to no connections.
  await closeAll(await openReceivers(urls.slice(0, 20), 20, () => undefined));
  for (let i = 0; i < 50 && (await child.stats()).connections > 0; i++) await sleep(20);
  const before = await child.stats(true);

  const started = performance.now();
  const receivers = await openReceivers(urls, options.batch, log);
  const sender = (await openClient(senderUrl!, JSON_SUBPROTOCOL)).ws;
  const openMs = performance.now() - started;
  try {
    const lastSequenceId = new Float64Array(n);
    const latencies = new Float64Array(n * options.broadcasts);
    let recorded = 0;
    let record = false;
    let received = 0;
    let sentAt = 0;
    let joined = 0;
    let wake: (() => void) | undefined;
    let failure: Error | undefined;
    receivers.forEach((ws, i) => {
      ws.on("message", (data: Buffer) => {
        if (startsWith(data, SEQUENCE_PREFIX)) {
          const at = performance.now();
          lastSequenceId[i] = readUint(data, SEQUENCE_PREFIX.length);
          if (record) latencies[recorded++] = at - sentAt;
          if (++received === n) wake?.();
          return;
        }
        const message = decodeFrame(data);
        if (message.kind === "ack" && ++joined === n) wake?.();
      });
      ws.on("close", (code) => {
        failure ??= new Error(`receiver ${i} closed (${code})`);
        wake?.();
      });
    });
    const until = (done: () => boolean): Promise<void> =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`not done within ${options.timeoutMs} ms`)),
          options.timeoutMs,
        );
        wake = () => {
          if (failure !== undefined || done()) {
            clearTimeout(timer);
            wake = undefined;
            if (failure !== undefined) reject(failure);
            else resolve();
          }
        };
        wake();
      });
    const join = until(() => joined === n);
    for (const ws of receivers) ws.send(encodeUpstream({ kind: "joinGroup", group: GROUP, ackId: 1 }));
    await join;
    await sleep(500);
    const after = await child.stats(true);
    log(
      `  ${n.toLocaleString("en-US")} connections joined in ${(openMs / 1000).toFixed(1)} s: ` +
        `${((after.memory.heapUsed - before.memory.heapUsed) / n / 1024).toFixed(2)} KiB heap per connection`,
    );

    const frame = encodeUpstream({
      kind: "sendToGroup",
      group: GROUP,
      dataType: "json",
      data: jsonPayload(options.payloadBytes),
      noEcho: false,
    });
    const completeMs: number[] = [];
    let fanoutCpuUs = 0;
    let ackCpuUs = 0;
    for (let b = 0; b < options.warmupBroadcasts + options.broadcasts; b++) {
      record = b >= options.warmupBroadcasts;
      received = 0;
      const delivered = until(() => received === n);
      const cpuBefore = (await child.stats()).cpu;
      sentAt = performance.now();
      sender.send(frame);
      await delivered;
      if (record) completeMs.push(performance.now() - sentAt);
      const cpuDelivered = (await child.stats()).cpu;
      // Every receiver acknowledges what it has, as a client does within its ack interval.
      for (let i = 0; i < n; i++)
        receivers[i]!.send(`{"type":"sequenceAck","sequenceId":${lastSequenceId[i]}}`);
      await sleep(100);
      const cpuAcked = (await child.stats()).cpu;
      if (record) {
        fanoutCpuUs += cpuUs(cpuDelivered) - cpuUs(cpuBefore);
        ackCpuUs += cpuUs(cpuAcked) - cpuUs(cpuDelivered);
      }
    }
    const samples = Array.from(latencies.subarray(0, recorded));
    return {
      connections: n,
      openMs,
      before: before.memory,
      after: after.memory,
      latencyMs: quantiles(samples),
      completeMs,
      broadcasts: options.broadcasts,
      serverCpuUsPerDelivery: fanoutCpuUs / (n * options.broadcasts),
      serverCpuUsPerAck: ackCpuUs / (n * options.broadcasts),
    };
  } finally {
    // Close the service side first (one close handshake per socket), then drop what is left.
    await child.close();
    for (const ws of [sender, ...receivers]) ws.terminate();
  }
}
