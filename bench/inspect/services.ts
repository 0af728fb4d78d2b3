/**
 * The far side of the inspector overhead benchmark, in its own process so that the client
 * process's CPU is the client's own: the emulator the client talks to and the relay its
 * inspector reports to. Started by `overhead.ts` over `child_process.fork`.
 */
import { startEmulator } from "../../src/emulator/index.js";
import { startInspectorRelay } from "../../src/inspect/relay.js";

const send = process.send?.bind(process);
if (send === undefined) {
  console.error("bench/inspect/services.ts must be started by overhead.ts (it talks over IPC)");
  process.exit(2);
}

const emulator = await startEmulator({ port: 0, logger: false });
const relay = await startInspectorRelay({ port: 0 });
const clientUrl = await emulator.getClientAccessUrl({
  hub: "bench",
  userId: "bench",
  roles: ["webpubsub.sendToGroup", "webpubsub.joinLeaveGroup"],
});
send({ type: "ready", clientUrl, relayUrl: relay.url });

process.on("message", (message: unknown) => {
  if (typeof message === "object" && message !== null && (message as { type?: unknown }).type === "close") {
    void Promise.all([relay.close(), emulator.close()]).then(() => process.exit(0));
  }
});
