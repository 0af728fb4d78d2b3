/**
 * The service under test, alone in its own process so that the CPU and memory measured are the
 * service's own: the emulator, or (argument `raw`) the minimal raw `ws` broadcast server the
 * emulator is compared with (`bench/lib/minimal-service.ts`). Started by `run.ts` with
 * `node --import tsx --expose-gc` over `child_process.fork`; reports its port, mints client URLs
 * and answers CPU / memory queries over IPC.
 */
import { startEmulator } from "../../src/emulator/index.js";
import { startMinimal } from "../lib/minimal-service.js";
import type { ChildMessage, ChildStats } from "./ipc.js";
import { isChildRequest } from "./ipc.js";

const send = process.send?.bind(process);
if (send === undefined) {
  console.error("bench/emulator/server.ts must be started by run.ts (it talks over IPC)");
  process.exit(2);
}
const reply = (message: ChildMessage): void => {
  send(message);
};

function collectGarbage(): void {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error("start the child with --expose-gc");
  // Twice: the first pass can leave objects that only become unreachable after finalization.
  gc();
  gc();
}

interface Service {
  readonly port: number;
  url(hub: string, userId: string, roles: readonly string[]): Promise<string>;
  connections(): number;
  close(): Promise<void>;
}

async function startService(): Promise<Service> {
  if (process.argv[2] === "raw") {
    const raw = await startMinimal({ coalesce: true });
    return {
      port: raw.port,
      // No authentication: the user id only tells the connections apart in logs.
      url: (hub, userId) =>
        Promise.resolve(`ws://127.0.0.1:${raw.port}/client/hubs/${hub}?access_token=bench-${userId}`),
      connections: () => raw.connections(),
      close: () => raw.close(),
    };
  }
  const emulator = await startEmulator({ port: 0, logger: false });
  return {
    port: emulator.port,
    url: (hub, userId, roles) => emulator.getClientAccessUrl({ hub, userId, roles: [...roles] }),
    connections: () => emulator.connections().length,
    close: () => emulator.close(),
  };
}

const service = await startService();

function stats(gc: boolean): ChildStats {
  if (gc) collectGarbage();
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return {
    cpu: process.cpuUsage(),
    memory: { rss, heapTotal, heapUsed, external, arrayBuffers },
    connections: service.connections(),
  };
}

process.on("message", (raw: unknown) => {
  if (!isChildRequest(raw)) return;
  const request = raw;
  void (async () => {
    try {
      switch (request.op) {
        case "urls": {
          const urls: string[] = [];
          for (const userId of request.userIds) {
            urls.push(await service.url(request.hub, userId, request.roles));
          }
          reply({ type: "urls", id: request.id, urls });
          return;
        }
        case "stats":
          reply({ type: "stats", id: request.id, stats: stats(request.gc) });
          return;
        case "close":
          await service.close();
          reply({ type: "closed", id: request.id });
          // Let the reply flush, then leave normally (so --cpu-prof writes its profile).
          process.disconnect();
          return;
      }
    } catch (error) {
      reply({
        type: "error",
        id: request.id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  })();
});

// The runner going away (crash, Ctrl-C) must not leave an orphan emulator behind.
process.on("disconnect", () => {
  void service.close().finally(() => process.exit(0));
});

reply({ type: "ready", port: service.port, pid: process.pid });
