/**
 * Memory of idle connections: `connections` reliable JSON clients, each connected and having
 * received `system/connected`, opened `batch` at a time. The emulator child's heap and RSS are
 * read after two full GCs before and after.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { WebSocket } from "ws";
import { JSON_RELIABLE_SUBPROTOCOL } from "../../src/protocol/messages.js";
import type { EmulatorChild } from "./child.js";
import { closeAll, openClient } from "./clients.js";
import type { MemorySnapshot } from "./ipc.js";

export interface MemoryResult {
  readonly connections: number;
  readonly batch: number;
  readonly openMs: number;
  readonly before: MemorySnapshot;
  readonly after: MemorySnapshot;
  /** Logical connections the emulator reported after opening. */
  readonly emulatorConnections: number;
}

const HUB = "idle";

export async function runMemory(
  child: EmulatorChild,
  connections: number,
  batch: number,
  log: (line: string) => void,
): Promise<MemoryResult> {
  const userIds = Array.from({ length: connections }, (_, i) => `idle-${i}`);
  const urls = await child.urls(HUB, userIds);
  // Warm-up: load and JIT the connect path, then return to zero connections.
  const warm = await Promise.all(urls.slice(0, 20).map((url) => openClient(url, JSON_RELIABLE_SUBPROTOCOL)));
  await closeAll(warm.map((c) => c.ws));
  for (let i = 0; i < 50 && (await child.stats()).connections > 0; i++) await sleep(20);
  await sleep(200);
  const before = await child.stats(true);
  if (before.connections !== 0) throw new Error(`${before.connections} warm-up connections did not go away`);

  const sockets: WebSocket[] = [];
  const start = performance.now();
  try {
    for (let i = 0; i < connections; i += batch) {
      const opened = await Promise.all(
        urls.slice(i, i + batch).map((url) => openClient(url, JSON_RELIABLE_SUBPROTOCOL)),
      );
      for (const client of opened) sockets.push(client.ws);
      if ((i / batch) % 5 === 4) log(`  ${sockets.length} connections open`);
    }
    const openMs = performance.now() - start;
    await sleep(500);
    const after = await child.stats(true);
    if (after.connections !== connections) {
      throw new Error(`the emulator holds ${after.connections} connections, expected ${connections}`);
    }
    return {
      connections,
      batch,
      openMs,
      before: before.memory,
      after: after.memory,
      emulatorConnections: after.connections,
    };
  } finally {
    // Close the service side first (one close handshake per socket), then drop what is left.
    await child.close();
    for (const ws of sockets) ws.terminate();
  }
}
