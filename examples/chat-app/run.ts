/**
 * The whole chat app on one machine, in one command (in a clone of this repository):
 *
 *   npx tsx examples/chat-app/run.ts
 *
 * 1. starts the app server (server.ts: Express + @azure/web-pubsub-express) on a free port;
 * 2. starts `wps emulator --port 0 --event-handler chat=<server>/eventhandler/{event}`, a separate
 *    process, exactly as you would by hand, and reads the connection string it prints;
 * 3. alice and bob (client.ts) join, say hello, hear each other, and leave; the server hears
 *    connect, connected, each message and disconnected.
 *
 * Exits 0 when the conversation went as expected. `--config` runs the emulator from a generated
 * settings file in the Microsoft emulator's shape instead of `--event-handler`.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { joinChat } from "./client.js";
import { startChatServer } from "./server.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const useConfig = process.argv.includes("--config");

let giveConnectionString: (value: string) => void = () => {};
const connectionString = new Promise<string>((resolve) => (giveConnectionString = resolve));
let disconnects = 0;
let allGone: () => void = () => {};
const gone = new Promise<void>((resolve) => (allGone = resolve));
const server = await startChatServer({
  port: 0,
  connectionString,
  log: (line) => {
    console.log(line);
    if (line.endsWith(" disconnected") && ++disconnects === 2) allGone();
  },
});
console.log(`app server: ${server.url}`);

const handlerUrl = `${server.url}/eventhandler/{event}`;
const scratch = mkdtempSync(path.join(os.tmpdir(), "chat-app-"));
const settingsFile = path.join(scratch, "settings.json");
writeFileSync(
  settingsFile,
  JSON.stringify({
    WebPubSub: {
      Hubs: {
        chat: {
          EventHandlers: [
            {
              UrlTemplate: handlerUrl,
              SystemEvents: ["connect", "connected", "disconnected"],
              EventPattern: "*",
            },
          ],
        },
      },
    },
  }),
);
const emulatorArgs = useConfig ? ["--config", settingsFile] : ["--event-handler", `chat=${handlerUrl}`];
const emulator = spawn(
  process.execPath,
  ["--import", "tsx", "src/cli/main.ts", "emulator", "--port", "0", "--quiet", ...emulatorArgs],
  {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  },
);
const exited = once(emulator, "exit");
for await (const line of createInterface({ input: emulator.stdout })) {
  console.log(`emulator: ${line}`);
  const found = /^Connection string: (.+)$/.exec(line)?.[1];
  if (found !== undefined) giveConnectionString(found);
  if (line === "Press Ctrl-C to stop.") break;
}

let failed = false;
try {
  const alice = await joinChat(server.url, "alice");
  const bob = await joinChat(server.url, "bob");
  await alice.say("hi bob");
  await bob.say("hello alice");
  await Promise.all([alice.heard(2), bob.heard(2)]);
  for (const [who, expected] of [
    [alice, ["alice: hi bob", "(server) delivered #1", "bob: hello alice"]],
    [bob, ["alice: hi bob", "bob: hello alice", "(server) delivered #1"]],
  ] as const) {
    for (const line of expected) {
      if (!who.lines.includes(line)) {
        console.error(`missing: ${line}`);
        failed = true;
      }
    }
  }
  alice.leave();
  bob.leave();
  // The emulator tells the server (disconnected) before we stop it.
  await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  if (disconnects < 2) {
    console.error("the server did not hear both disconnects");
    failed = true;
  }
} finally {
  emulator.kill("SIGINT");
  await exited;
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
}
console.log(failed ? "the conversation did not go as expected" : "chat app: done");
process.exitCode = failed ? 1 : 0;
