/**
 * Scenario 11: protobuf vs JSON, end to end through the emulator. Ours on reliable JSON and on
 * reliable protobuf, text / json / binary payloads of 100 B, 1 KiB and 64 KiB:
 *
 * - **send**: one client, acked `sendToGroup` with up to 100 in flight to a group nobody in this
 *   process is in (the emulator acks); client CPU per op, TCP bytes written and read per op;
 * - **receive**: `receivers` clients in one group; the service child publishes to it, paced (from
 *   a JSON connection of its own, so the emulator writes each receiver's own encoding); client CPU
 *   and TCP bytes read per received message.
 *
 * Bytes are counted on the clients' TCP sockets (`net.Socket` `bytesWritten` / `bytesRead`, found
 * through the `net.client.socket` diagnostics channel), so they include WebSocket framing, acks and
 * `sequenceAck`s: what the wire carries, not only the codec's frames.
 */
import { subscribe } from "node:diagnostics_channel";
import type { Socket } from "node:net";
import { alternate } from "../lib/alternate.js";
import { sleep, startMeasure } from "../lib/measure.js";
import { loadOurs, loadOursProtobuf } from "../lib/ours.js";
import { pump } from "../lib/pool.js";
import type { WireCase, WireProtocol, WireSample } from "../lib/protobuf-wire-data.js";
import { WIRE_PROTOCOLS } from "../lib/protobuf-wire-data.js";
import type { ServiceChild } from "../lib/service-child.js";
import type { PublishDataType } from "../lib/service-ipc.js";
import type { ScenarioContext } from "../lib/types.js";

const { WebPubSubClient, WebPubSubJsonReliableProtocol } = await loadOurs();
const { WebPubSubProtobufReliableProtocol } = await loadOursProtobuf();
type Client = InstanceType<typeof WebPubSubClient>;

export interface ProtobufWireOptions {
  readonly receivers: number;
  /** Payload sizes, bytes. */
  readonly sizes: readonly number[];
  readonly dataTypes: readonly PublishDataType[];
}

export const DEFAULT_PROTOBUF_WIRE: ProtobufWireOptions = {
  receivers: 5,
  sizes: [100, 1024, 65_536],
  dataTypes: ["text", "json", "binary"],
};

/** Operations per measured stretch: enough to dwarf timer noise, few enough for 64 KiB payloads. */
function countFor(bytes: number): { sends: number; messages: number; perTick: number } {
  return bytes >= 16_384
    ? { sends: 200, messages: 100, perTick: 1 }
    : { sends: 2000, messages: 1000, perTick: 10 };
}

/** The sockets this process opened, to read their byte counters. */
const sockets = new Set<Socket>();
subscribe("net.client.socket", (message) => {
  const socket = (message as { socket: Socket }).socket;
  sockets.add(socket);
  socket.once("close", () => sockets.delete(socket));
});

function counters(owned: ReadonlySet<Socket>): { read: number; written: number } {
  let read = 0;
  let written = 0;
  for (const socket of owned) {
    read += socket.bytesRead;
    written += socket.bytesWritten;
  }
  return { read, written };
}

/** Opens a client and the TCP socket under it. */
async function open(url: string, protocol: WireProtocol): Promise<{ client: Client; socket: Socket }> {
  const before = new Set(sockets);
  const client = new WebPubSubClient(url, {
    protocol: protocol === "json" ? WebPubSubJsonReliableProtocol() : WebPubSubProtobufReliableProtocol(),
  });
  await client.start();
  const socket = [...sockets].find((s) => !before.has(s));
  if (socket === undefined) throw new Error("bench: the client's TCP socket was not seen");
  return { client, socket };
}

function payloadOf(
  dataType: PublishDataType,
  bytes: number,
): { data: unknown; type: "text" | "json" | "binary" } {
  switch (dataType) {
    case "text":
      return { type: "text", data: "x".repeat(bytes) };
    case "binary":
      return { type: "binary", data: new Uint8Array(bytes).fill(7).buffer };
    case "json": {
      const base = JSON.stringify({ n: 0, pad: "" }).length;
      return { type: "json", data: { n: 0, pad: "x".repeat(Math.max(0, bytes - base)) } };
    }
  }
}

let hubSeq = 0;

async function measureCase(
  service: ServiceChild,
  protocol: WireProtocol,
  dataType: PublishDataType,
  bytes: number,
  receivers: number,
): Promise<WireSample> {
  const hub = `wire${++hubSeq}`;
  const ids = ["sender", ...Array.from({ length: receivers }, (_, i) => `rx${i}`)];
  const urls = await service.urls(hub, ids);
  // One at a time: each client's socket is the one that appeared while it started.
  const opened: Array<{ client: Client; socket: Socket }> = [];
  for (const url of urls) opened.push(await open(url, protocol));
  const [sender, ...rx] = opened;
  try {
    const counts = countFor(bytes);
    const { data, type } = payloadOf(dataType, bytes);
    // Send: acked, 100 in flight, to a group with no member here. A short warm-up first.
    await pump(50, 50, () => sender!.client.sendToGroup("nobody", data as never, type));
    const senderSocket = new Set([sender!.socket]);
    const sendBefore = counters(senderSocket);
    const sendStop = startMeasure();
    await pump(counts.sends, 100, () => sender!.client.sendToGroup("nobody", data as never, type));
    const sendCpu = sendStop().cpuUs;
    const sendAfter = counters(senderSocket);

    // Receive: the service child publishes, paced (one IPC request); the runner only receives.
    await Promise.all(rx.map((r) => r.client.joinGroup("g")));
    let delivered = 0;
    for (const r of rx) r.client.on("group-message", () => void delivered++);
    const rxSockets = new Set(rx.map((r) => r.socket));
    const receiveBefore = counters(rxSockets);
    const receiveStop = startMeasure();
    await service.publish(
      hub,
      "g",
      counts.messages,
      0,
      bytes,
      { perTick: counts.perTick, intervalMs: 10 },
      dataType,
    );
    const expected = counts.messages * receivers;
    for (let i = 0; i < 400 && delivered < expected; i++) await sleep(5);
    const receiveCpu = receiveStop().cpuUs;
    const receiveAfter = counters(rxSockets);
    return {
      sendCpuUs: sendCpu / counts.sends,
      receiveCpuUs: receiveCpu / Math.max(1, delivered),
      sendBytes: (sendAfter.written - sendBefore.written) / counts.sends,
      ackBytes: (sendAfter.read - sendBefore.read) / counts.sends,
      receiveBytes: (receiveAfter.read - receiveBefore.read) / Math.max(1, delivered),
      delivered: delivered / expected,
    };
  } finally {
    await Promise.all(opened.map(({ client }) => stop(client)));
  }
}

function stop(client: Client): Promise<void> {
  if (client.state === "stopped") return Promise.resolve();
  return new Promise<void>((resolve) => {
    client.on("stopped", () => resolve());
    client.stop();
  });
}

export async function runProtobufWire(
  service: ServiceChild,
  context: ScenarioContext,
  options: ProtobufWireOptions = DEFAULT_PROTOBUF_WIRE,
): Promise<WireCase[]> {
  const cases: WireCase[] = [];
  for (const bytes of options.sizes) {
    for (const dataType of options.dataTypes) {
      const results = await alternate(
        WIRE_PROTOCOLS,
        context.rounds,
        context.warmup,
        async (protocol, round) => {
          const sample = await measureCase(service, protocol, dataType, bytes, options.receivers);
          context.log(
            `  11. ${dataType} ${bytes} B ${protocol.padEnd(8)} round ${round}: send ${sample.sendCpuUs.toFixed(2)} µs, ${sample.sendBytes.toFixed(0)} B; receive ${sample.receiveCpuUs.toFixed(2)} µs, ${sample.receiveBytes.toFixed(0)} B${sample.delivered < 1 ? ` (${(sample.delivered * 100).toFixed(0)} % delivered)` : ""}`,
          );
          return sample;
        },
      );
      cases.push({
        dataType,
        bytes,
        samples: { json: results.get("json") ?? [], protobuf: results.get("protobuf") ?? [] },
      });
    }
  }
  return cases;
}
