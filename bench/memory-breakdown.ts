/**
 * Where an idle connected client's heap goes, part by part, and what each lever that could shrink
 * it would save. Every figure is a difference of the heap after full GCs, before and after
 * `--clients` of a kind are made (default 2,000), divided by that number; each layer adds one
 * part to the one before, so the parts add up to the whole client.
 *
 *   npm run bench:memory
 *
 * The real-socket rows connect to the benchmark's minimal service (a child process, 127.0.0.1);
 * the rest run with no network: the client machine on its own (its actors do nothing) and the
 * whole client on a fake socket. bench/README quotes the table this prints.
 */
import { parseArgs } from "node:util";
import { WebSocket } from "ws";
import { createActor, createMachine, fromCallback, fromPromise, setup } from "xstate";
import type { AnyActorRef } from "xstate";
import { resolveOptions } from "../src/runtime/options.js";
import { heapAfterGc as heap } from "./lib/measure.js";
import { closeClients, openClients } from "./lib/pool.js";
import { ServiceChild } from "./lib/service-child.js";
import { loadOurs, loadOursTesting } from "./lib/ours.js";

const { values } = parseArgs({ options: { clients: { type: "string", default: "2000" } } });
const N = Number(values.clients);
if (!Number.isInteger(N) || N < 100) {
  console.error(`--clients must be a whole number of at least 100 (got ${values.clients})`);
  process.exit(2);
}

/** Bytes per item of what `make` keeps alive (made `N` times after one warm-up). */
async function perItem<T>(
  make: (i: number) => T | Promise<T>,
  release: (kept: T[]) => unknown,
): Promise<number> {
  release([await make(-1)]);
  const before = await heap();
  const kept: T[] = [];
  for (let i = 0; i < N; i++) kept.push(await make(i));
  const after = await heap();
  await release(kept);
  return (after - before) / N;
}

const stopAll = (actors: AnyActorRef[]) => actors.forEach((actor) => actor.stop());

// --- The client machine alone -------------------------------------------------------------------
// From the build, as users run it (the same machine definition the whole clients below use).
const { clientMachine } = await loadOursTesting();
const CONNECTED = { kind: "connected", connectionId: "c", userId: "u", reconnectionToken: "t" } as const;
const idleMachine = clientMachine.provide({
  actors: {
    socket: fromCallback(() => undefined),
    resolveUrl: fromPromise(async () => "wss://bench.invalid/client/hubs/h"),
  },
});

let connectedContext: Record<string, unknown> | undefined;

async function connectedMachine(keepAlive: boolean) {
  const { machine } = resolveOptions(keepAlive ? undefined : { keepAliveIntervalInMs: 0 });
  return perItem(
    async (i) => {
      const actor = createActor(idleMachine, { input: { config: machine, seed: i } }).start();
      actor.send({ type: "START" });
      await new Promise((resolve) => setImmediate(resolve)); // the URL resolves
      actor.send({ type: "SOCKET.OPENED" });
      actor.send({ type: "FRAME.CONNECTED", message: CONNECTED } as never);
      if (!actor.getSnapshot().hasTag("connected")) throw new Error("the machine did not reach connected");
      connectedContext ??= { ...actor.getSnapshot().context };
      return actor;
    },
    (kept) => stopAll(kept),
  );
}

const empty = createMachine({ initial: "only", states: { only: {} } });
const withInvoked = setup({ actors: { idle: fromCallback(() => undefined) } }).createMachine({
  initial: "only",
  states: { only: { invoke: { id: "child", src: "idle" } } },
});

// --- Whole clients ------------------------------------------------------------------------------
const { WebPubSubClient } = await loadOurs();
const CONNECTED_FRAME = JSON.stringify({
  type: "system",
  event: "connected",
  connectionId: CONNECTED.connectionId,
  userId: CONNECTED.userId,
  reconnectionToken: CONNECTED.reconnectionToken,
});
interface FakeListener {
  socketOpened(socket: object): void;
  socketMessage(socket: object, data: string): void;
  socketClosed(socket: object, code: number, reason: string): void;
}
// A socket that opens, announces the connection and closes when asked, so that a stopped client
// is gone at once (no close timeout keeps it alive into the next measurement).
const fakeSocket = (_url: string, _protocol: string, listener: FakeListener) => {
  const socket = {
    send() {},
    close() {
      queueMicrotask(() => listener.socketClosed(socket, 1000, ""));
    },
    terminate() {
      queueMicrotask(() => listener.socketClosed(socket, 1006, ""));
    },
  };
  queueMicrotask(() => {
    listener.socketOpened(socket);
    listener.socketMessage(socket, CONNECTED_FRAME);
  });
  return socket;
};

const service = await ServiceChild.start("minimal");
try {
  // One at a time, so that no batch of half-open sockets is in the figure.
  const real = (kind: "ours" | "raw" | "official") =>
    perItem(
      async () => (await openClients(service, kind, "idle", 1))[0]!,
      (kept) => closeClients(kept),
    );
  // A bare `ws` socket with one message listener, open and past the service's `connected` frame.
  const wsOnly = await perItem(
    async () => {
      const [url] = await service.urls("idle", [`bare-${Math.random()}`]);
      const socket = new WebSocket(url!, "json.reliable.webpubsub.azure.v1", { perMessageDeflate: false });
      await new Promise<void>((resolve, reject) => {
        socket.once("message", () => resolve());
        socket.once("error", reject);
      });
      socket.on("message", () => undefined);
      return socket;
    },
    (kept) =>
      Promise.all(
        kept.map((socket) => new Promise((resolve) => (socket.once("close", resolve), socket.close()))),
      ),
  );
  const rawClient = await real("raw");
  const ours = await real("ours");
  const official = await real("official");
  const fake = await perItem(
    async () => {
      // `socketFactory` is the testing seam (not in the public options type).
      const options = { socketFactory: fakeSocket };
      const client = new WebPubSubClient(
        "wss://bench.invalid/client/hubs/h?access_token=t",
        options as object,
      );
      await client.start();
      return client;
    },
    (kept) =>
      Promise.all(
        kept.map((client) => {
          const stopped = new Promise<void>((resolve) => client.on("stopped", () => resolve()));
          client.stop();
          return stopped;
        }),
      ),
  );
  const machineWithTimer = await connectedMachine(true);
  const machineNoTimer = await connectedMachine(false);
  // The context as a client holds it: its own object and connection record, the configuration shared.
  const context = connectedContext!;
  const contextBytes = await perItem(
    () => ({ ...context, connection: { ...(context["connection"] as object) } }),
    () => undefined,
  );
  const emptyActor = await perItem(() => createActor(empty).start(), stopAll);
  const invokedActor = await perItem(() => createActor(withInvoked).start(), stopAll);
  const parent = createActor(createMachine({})).start();
  // Children of one root share its system; XState stops them with the root, not one by one.
  const sharedSystem = await perItem(
    () => createActor(empty, { parent } as never).start(),
    () => undefined,
  );
  parent.stop();

  const kib = (bytes: number) => `${(bytes / 1024).toFixed(2)} KiB`;
  const rows: Array<[string, number]> = [
    ["`ws` itself: WebSocket, net.Socket, their buffers (a bare socket, one listener)", wsOnly],
    ["an XState actor and its actor system (an empty machine's)", emptyActor],
    ["the invoked `socket` actor (an XState callback actor, doing nothing)", invokedActor - emptyActor],
    [
      "the client machine's snapshot in `connected` beyond that (state value, active nodes, context)",
      machineNoTimer - invokedActor,
    ],
    ["  of which the context (its object and connection record; the configuration is shared)", contextBytes],
    ["the keep-alive delay (an XState delayed event and its timer)", machineWithTimer - machineNoTimer],
    ["our objects: facade, runtime, socket session, registry, link, listeners", fake - machineWithTimer],
    ["our `ws` adapter (NodeSocket) and what a real socket adds beyond the fake", ours - fake - wsOnly],
  ];
  console.log(`Heap per idle connected client, ${N.toLocaleString("en-US")} clients per row (one process)\n`);
  console.log("| part | per client |\n|---|---:|");
  for (const [part, bytes] of rows) {
    const sub = part.startsWith("  ");
    console.log(`| ${sub ? "&nbsp;&nbsp;" : ""}${part.trim()} | ${sub ? `(${kib(bytes)})` : kib(bytes)} |`);
  }
  console.log(`| **whole client (ours, real socket)** | **${kib(ours)}** |`);
  console.log(`| the official client 1.1.0, real socket | ${kib(official)} |`);
  console.log(
    `| the benchmark's hand-written raw \`ws\` client (acks, sequence ack timer) | ${kib(rawClient)} |`,
  );
  console.log("\nWhat the levers would save (measured the same way):\n");
  console.log("| lever | saves per client |\n|---|---:|");
  console.log(
    `| all clients' actors in one actor system (children of one root) | ${kib(emptyActor - sharedSystem)} |`,
  );
  console.log(
    `| the socket as a plain object the runtime owns, not an invoked actor | ${kib(invokedActor - emptyActor)} |`,
  );
  console.log(
    `| no keep-alive timer per client (one shared interval) | ${kib(machineWithTimer - machineNoTimer)} |`,
  );
  console.log(
    `| no XState actor while idle (a persisted snapshot, revived on the next event) | ${kib(machineWithTimer)} |`,
  );
} finally {
  await service.close();
}
process.exit(0);
