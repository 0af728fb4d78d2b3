/**
 * The service side of the client benchmark, alone in a child process (started by `service-child.ts`
 * over `child_process.fork`) so that the CPU measured in the runner is the clients' own.
 *
 * Two services:
 * - `minimal`: the smallest Web PubSub service that the three clients accept
 *   (`minimal-service.ts`);
 * - `emulator`: the project's emulator (`startEmulator`), for the fault scenarios; on request with
 *   a counting TCP front (`front.ts`) that counts connection attempts and can play an unreachable
 *   service (the reconnect-storm scenario).
 *
 * Both can publish to a group from the service side (`publish`), stamping each payload with the
 * send time (`performance.timeOrigin + performance.now()`, comparable across processes).
 */
import { performance } from "node:perf_hooks";
import type { WebSocket } from "ws";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";
import { CountingFront } from "./front.js";
import type { MinimalService } from "./minimal-service.js";
import { broadcast, startMinimal } from "./minimal-service.js";
import type { PublishDataType, ServiceReply, ServiceRequest } from "./service-ipc.js";
import { isServiceRequest } from "./service-ipc.js";

const send = process.send?.bind(process);
if (send === undefined) {
  console.error("bench/lib/service.ts is started by bench/run.ts (it talks over IPC)");
  process.exit(2);
}
const reply = (message: ServiceReply): void => {
  send(message);
};

const kind = process.argv[2] === "emulator" ? "emulator" : "minimal";

/** The payload every scenario sends and publishes: 1 KiB of JSON once stringified. */
function payload(stamp: number, seq: number, bytes: number): { t: number; n: number; pad: string } {
  const base = JSON.stringify({ t: stamp, n: seq, pad: "" }).length;
  return { t: stamp, n: seq, pad: "x".repeat(Math.max(0, bytes - base)) };
}

// ---------------------------------------------------------------------------------------------
// The emulator, with a publisher connection of its own for `publish`
// ---------------------------------------------------------------------------------------------

let emulator: Emulator | undefined;
let minimal: MinimalService | undefined;
/** Publisher sockets of the emulator, one per hub (a raw non-reliable client in this process). */
const publishers = new Map<string, Promise<WebSocket>>();

async function emulatorPublisher(hub: string): Promise<WebSocket> {
  const existing = publishers.get(hub);
  if (existing !== undefined) return existing;
  const opened = (async () => {
    const { WebSocket: Ws } = await import("ws");
    const url = await emulator!.getClientAccessUrl({
      hub,
      userId: "publisher",
      roles: ["webpubsub.sendToGroup"],
    });
    const ws = new Ws(url, "json.webpubsub.azure.v1", { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    return ws;
  })();
  publishers.set(hub, opened);
  return opened;
}

/** A `sendToGroup` frame's `dataType` and `data` for a payload of `bytes` (binary as base64). */
function wirePayload(dataType: PublishDataType, stamp: number, seq: number, bytes: number): string {
  switch (dataType) {
    case "text":
      return `"dataType":"text","data":${JSON.stringify(`${seq} ${"x".repeat(Math.max(0, bytes - 1 - String(seq).length))}`)}`;
    case "binary": {
      const data = Buffer.alloc(bytes, seq & 0xff);
      return `"dataType":"binary","data":"${data.toString("base64")}"`;
    }
    case "json":
      return `"dataType":"json","data":${JSON.stringify(payload(stamp, seq, bytes))}`;
  }
}

async function publish(
  hub: string,
  group: string,
  count: number,
  bytes: number,
  first: number,
  pace?: { readonly perTick: number; readonly intervalMs: number },
  dataType: PublishDataType = "json",
): Promise<void> {
  if (pace !== undefined) {
    // Paced here rather than by the runner, so the runner's process (whose CPU is measured) sends
    // one IPC request instead of one per tick.
    const start = performance.now();
    for (let sent = 0, tick = 1; sent < count; tick++) {
      const n = Math.min(pace.perTick, count - sent);
      await publish(hub, group, n, bytes, first + sent, undefined, dataType);
      sent += n;
      const wait = start + tick * pace.intervalMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    return;
  }
  if (emulator === undefined) {
    for (let i = 0; i < count; i++) {
      broadcast(group, "json", payload(performance.timeOrigin + performance.now(), first + i, bytes));
    }
    return;
  }
  const ws = await emulatorPublisher(hub);
  for (let i = 0; i < count; i++) {
    const data = wirePayload(dataType, performance.timeOrigin + performance.now(), first + i, bytes);
    ws.send(`{"type":"sendToGroup","group":${JSON.stringify(group)},${data},"noEcho":true}`);
  }
}

if (kind === "emulator") emulator = await startEmulator({ port: 0, logger: false });
else minimal = await startMinimal();
const port = emulator?.port ?? minimal!.port;
/** The counting front, started at the first request for its URLs. */
let front: Promise<CountingFront> | undefined;

function countingFront(): Promise<CountingFront> {
  if (emulator === undefined) throw new Error("the counting front needs the emulator");
  front ??= CountingFront.start(port);
  return front;
}

/** A client URL of the emulator, pointed at the counting front instead (the token stays valid). */
function viaFront(url: string, counting: CountingFront, userId: string): string {
  const parsed = new URL(url);
  parsed.port = String(counting.port);
  counting.register(parsed.searchParams.get("access_token") ?? "", userId);
  return parsed.toString();
}

/**
 * Drops every connection of the hub (network loss), after refusing upgrades (a restart: 503 with
 * `Retry-After`) or making the front reset every connection (an unreachable service) if asked.
 */
async function drop(request: Extract<ServiceRequest, { op: "drop" }>): Promise<ServiceReply> {
  const id = request.id;
  if (emulator === undefined) return { type: "error", id, message: "drop needs the emulator" };
  const unreachableMs = request.unreachableMs ?? 0;
  const counting = unreachableMs > 0 ? await countingFront() : undefined;
  const startedAt = performance.timeOrigin + performance.now();
  let backAt = startedAt;
  if (request.refuseMs > 0) {
    emulator.faults.refuseConnections(request.refuseMs);
    backAt = startedAt + request.refuseMs;
  }
  if (counting !== undefined) backAt = Math.max(backAt, counting.blockFor(unreachableMs));
  let dropped = 0;
  const all = emulator.connections(request.hub);
  const shift = all.length === 0 ? 0 : request.rotate % all.length;
  for (const info of [...all.slice(shift), ...all.slice(0, shift)]) {
    if (info.state === "connected" && info.userId !== "publisher" && emulator.faults.drop(info.connectionId))
      dropped++;
  }
  return {
    type: "dropped",
    id,
    at: performance.timeOrigin + performance.now(),
    startedAt,
    backAt,
    count: dropped,
  };
}

function handle(request: ServiceRequest): Promise<ServiceReply> | ServiceReply {
  const id = request.id;
  switch (request.op) {
    case "urls":
      return (async () => {
        const counting = request.front === true ? await countingFront() : undefined;
        const urls: string[] = [];
        for (const userId of request.userIds) {
          const url =
            emulator !== undefined
              ? await emulator.getClientAccessUrl({
                  hub: request.hub,
                  userId,
                  roles: ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"],
                })
              : `ws://127.0.0.1:${port}/client/hubs/${request.hub}?access_token=bench-${userId}`;
          urls.push(counting === undefined ? url : viaFront(url, counting, userId));
        }
        return { type: "urls", id, urls } as const;
      })();
    case "publish":
      return publish(
        request.hub,
        request.group,
        request.count,
        request.bytes,
        request.first,
        request.pace,
        request.dataType,
      ).then(() => ({ type: "done", id, at: performance.timeOrigin + performance.now() }) as const);
    case "drop":
      return drop(request);
    case "attempts":
      return countingFront().then((counting) => ({ type: "attempts", id, ...counting.drain() }) as const);
    case "stats":
      return { type: "stats", id, cpu: process.cpuUsage() };
    case "close":
      return (async () => {
        for (const ws of publishers.values()) (await ws).terminate();
        if (front !== undefined) await (await front).close();
        if (emulator !== undefined) await emulator.close();
        if (minimal !== undefined) await minimal.close();
        return { type: "closed", id } as const;
      })();
  }
}

process.on("message", (raw: unknown) => {
  if (!isServiceRequest(raw)) return;
  void Promise.resolve()
    .then(() => handle(raw))
    .then(
      (message) => {
        reply(message);
        if (message.type === "closed") process.disconnect();
      },
      (error: unknown) =>
        reply({ type: "error", id: raw.id, message: error instanceof Error ? error.message : String(error) }),
    );
});

// The runner going away must not leave an orphan service behind.
process.on("disconnect", () => process.exit(0));

reply({ type: "ready", port, pid: process.pid });
