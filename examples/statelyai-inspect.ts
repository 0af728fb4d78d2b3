/**
 * Watching a client's statecharts with @statelyai/inspect, the XState v5 successor of
 * `@xstate/inspect` (which calls v4-only APIs and throws with XState v5).
 *
 * Run it next to our local inspector (no internet needed), in a clone of this repository:
 *
 *   npm run wps -- inspect                   # terminal 1: relay + page on http://127.0.0.1:8081/
 *   npx tsx examples/statelyai-inspect.ts    # terminal 2 (INSPECTOR_URL overrides the URL)
 *
 * (Where web-pubsub-machine is installed as a package, terminal 1 is `npx wps inspect`; in a clone
 * `npx wps` finds no binary, because a package's own bin is not linked into its node_modules.)
 *
 * The catch: `createWebSocketInspector` retries every 5 s while nothing listens at its URL, and
 * its `stop()` does not cancel that retry, so a Node process that created one with no server
 * listening never exits. Two ways out, both shown below:
 * 1. create it only when a server is known to listen, and call `inspector.stop()` when done
 *    (with a server there, `stop()` closes the socket and the process exits);
 * 2. or use our sender, `inspect: "ws://127.0.0.1:8081"` (or `createInspectorSender(url)`),
 *    which speaks the same format, buffers a bounded number of events, reconnects quietly, and
 *    never keeps the process alive (its socket and timers are unref'd).
 *
 * In a browser, `createBrowserInspector()` opens https://stately.ai/inspect (needs the internet)
 * and is used the same way: `new WebPubSubClient(url, { inspect: createBrowserInspector().inspect })`.
 */
import net from "node:net";
import { createWebSocketInspector } from "@statelyai/inspect";
import { startEmulator } from "../src/emulator/index.js";
import { WebPubSubClient } from "../src/index.js";
import { createInspectorSender } from "../src/inspect/index.js";

const INSPECTOR_URL = process.env["INSPECTOR_URL"] ?? "ws://127.0.0.1:8081";

/** Whether something accepts TCP connections at the URL's host and port (within `timeoutMs`). */
function isListening(url: string, timeoutMs = 1000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname.replace(/^\[|\]$/g, ""), port: Number(port) || 80 });
    const done = (result: boolean): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** Something worth watching: connect, join, send, stop. */
async function exercise(client: WebPubSubClient): Promise<void> {
  await client.start();
  await client.joinGroup("lobby");
  for (let i = 1; i <= 3; i++) await client.sendToGroup("lobby", { text: `hello #${i}` }, "json");
  await client[Symbol.asyncDispose]();
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0, logger: false });
  try {
    const url = await emulator.getClientAccessUrl({
      hub: "example",
      userId: "alice",
      roles: ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"],
    });

    if (await isListening(INSPECTOR_URL)) {
      // 1. @statelyai/inspect, only when a server listens.
      const inspector = createWebSocketInspector({ url: INSPECTOR_URL });
      try {
        await exercise(new WebPubSubClient(url, { inspect: inspector.inspect }));
        // It sends each event from a `setTimeout(0)`; one more turn lets the last ones (the
        // client's `stopped`) out before `stop()` closes the socket.
        await new Promise((resolve) => setTimeout(resolve, 0));
      } finally {
        inspector.stop();
      }
      process.stdout.write(`sent the client's events to ${INSPECTOR_URL} with @statelyai/inspect\n`);
    } else {
      // 2. Nothing listens: our sender is safe either way (the client option
      //    `inspect: INSPECTOR_URL` does the same and stops it with the client).
      const sender = createInspectorSender(INSPECTOR_URL);
      try {
        await exercise(new WebPubSubClient(url, { inspect: sender.inspect }));
      } finally {
        sender.stop();
      }
      process.stdout.write(`nothing listens at ${INSPECTOR_URL}: used our sender, which never blocks exit\n`);
    }
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
