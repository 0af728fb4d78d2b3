/**
 * The client's own costs with no network at all: a fake socket that acks every frame on the next
 * microtask. Nothing else competes for the CPU, so small differences between two builds show.
 *
 *   npm run build && node --expose-gc --import tsx bench/client-path.ts [checkout …]
 *
 * Each argument is a checkout of this package with a built `dist/` (default: this one). For each:
 * client CPU per acked sendToGroup (100 in flight, 5 × 20,000 operations, the median round),
 * heap per pending operation (10,000, no ack), heap per connected client (1,000).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

interface Listener {
  socketOpened(socket: object): void;
  socketMessage(socket: object, data: string): void;
}
interface Client {
  start(): Promise<void>;
  stop(): void;
  sendToGroup(group: string, data: unknown, dataType: "json"): Promise<unknown>;
}
type ClientClass = new (url: string, options: Record<string, unknown>) => Client;

const URL_ = "wss://bench.invalid/client/hubs/h?access_token=t";
const CONNECTED = JSON.stringify({
  type: "system",
  event: "connected",
  connectionId: "c",
  userId: "u",
  reconnectionToken: "t",
});

function fakeSocket(ack: boolean) {
  return (_url: string, _protocol: string, listener: Listener) => {
    const socket = {
      send(frame: string) {
        if (!ack) return;
        const ackId = (JSON.parse(frame) as { ackId?: number }).ackId;
        if (ackId !== undefined)
          queueMicrotask(() =>
            listener.socketMessage(socket, `{"type":"ack","ackId":${ackId},"success":true}`),
          );
      },
      close() {},
      terminate() {},
    };
    queueMicrotask(() => {
      listener.socketOpened(socket);
      listener.socketMessage(socket, CONNECTED);
    });
    return socket;
  };
}

const gc = globalThis.gc;
if (gc === undefined) throw new Error("run with node --expose-gc");
async function heap(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc!();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

async function connected(Client: ClientClass, ack: boolean): Promise<Client> {
  const client = new Client(URL_, {
    socketFactory: fakeSocket(ack),
    keepAliveIntervalInMs: 0,
    keepAliveTimeoutInMs: 0,
  });
  await client.start();
  return client;
}

async function cpuPerOp(Client: ClientClass): Promise<number> {
  const client = await connected(Client, true);
  const data = { text: "x".repeat(1000) };
  const round = async (n: number) => {
    const start = process.cpuUsage();
    let inFlight: Promise<unknown>[] = [];
    for (let i = 0; i < n; i++) {
      inFlight.push(client.sendToGroup("g", data, "json"));
      if (inFlight.length === 100) {
        await Promise.all(inFlight);
        inFlight = [];
      }
    }
    await Promise.all(inFlight);
    const used = process.cpuUsage(start);
    return (used.user + used.system) / n;
  };
  await round(20_000);
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) rounds.push(await round(20_000));
  client.stop();
  return rounds.sort((a, b) => a - b)[2]!;
}

async function heapPerPendingOp(Client: ClientClass): Promise<number> {
  const client = await connected(Client, false);
  const before = await heap();
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < 10_000; i++)
    sends.push(client.sendToGroup("g", { x: 1 }, "json").catch(() => undefined));
  const after = await heap();
  client.stop();
  await Promise.all(sends);
  return (after - before) / 10_000;
}

async function heapPerClient(Client: ClientClass): Promise<number> {
  await connected(Client, false); // warm-up: code and shared structures
  const before = await heap();
  const clients: Client[] = [];
  for (let i = 0; i < 1000; i++) clients.push(await connected(Client, false));
  const after = await heap();
  for (const client of clients) client.stop();
  return (after - before) / 1000;
}

const here = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
const checkouts = process.argv.length > 2 ? process.argv.slice(2) : [here];
console.log(
  "| build | CPU per acked op (µs) | heap per pending op (B) | heap per client (KiB) |\n|---|---:|---:|---:|",
);
for (const checkout of checkouts) {
  const module = (await import(
    new URL(`file://${path.join(path.resolve(checkout), "dist", "index.js")}`).href
  )) as {
    WebPubSubClient: ClientClass;
  };
  const Client = module.WebPubSubClient;
  const cpu = await cpuPerOp(Client);
  const pending = await heapPerPendingOp(Client);
  const perClient = await heapPerClient(Client);
  console.log(
    `| ${checkout} | ${cpu.toFixed(2)} | ${pending.toFixed(0)} | ${(perClient / 1024).toFixed(1)} |`,
  );
}
process.exit(0);
