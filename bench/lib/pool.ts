/** Opening and closing sets of bench clients against a service child. */
import type { BenchClient, ClientKind, ClientOptions } from "./clients.js";
import { createClient } from "./clients.js";
import type { ServiceChild } from "./service-child.js";

let session = 0;

/**
 * Opens `count` clients of `kind` on `hub`, `batch` at a time, and joins them to `group` if given;
 * `front`: through the emulator's counting front (connection attempts counted by the service).
 */
export async function openClients(
  service: ServiceChild,
  kind: ClientKind,
  hub: string,
  count: number,
  options: ClientOptions & { group?: string; batch?: number; front?: boolean } = {},
): Promise<BenchClient[]> {
  const ids = Array.from({ length: count }, (_, i) => `${kind}-${++session}-${i}`);
  const urls = await service.urls(hub, ids, options.front);
  const clients: BenchClient[] = [];
  const batch = options.batch ?? 100;
  for (let i = 0; i < urls.length; i += batch) {
    const opened = await Promise.allSettled(
      urls.slice(i, i + batch).map(async (url) => {
        const client = createClient(kind, url, options);
        // Kept even if it fails to start, so that it is stopped below.
        clients.push(client);
        await client.start();
        if (options.group !== undefined) await client.joinGroup(options.group);
      }),
    );
    const failed = opened.find((result) => result.status === "rejected");
    if (failed !== undefined) {
      // No client left running behind a failed setup (a client that never started stops at once).
      await closeClients(clients).catch(() => undefined);
      throw failed.reason;
    }
  }
  return clients;
}

export async function closeClients(clients: readonly BenchClient[]): Promise<void> {
  await Promise.all(clients.map((client) => client.stop()));
}

/**
 * Runs `total` operations with at most `inFlight` pending: each completion starts the next.
 * Rejects on the first failed operation.
 */
export function pump(total: number, inFlight: number, operation: () => Promise<unknown>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let started = 0;
    let done = 0;
    const next = (): void => {
      done++;
      if (done === total) resolve();
      else if (started < total) launch();
    };
    const launch = (): void => {
      started++;
      operation().then(next, reject);
    };
    while (started < Math.min(inFlight, total)) launch();
  });
}

/**
 * Waits, with full GCs, until every referenced client has been collected, at most `timeoutMs`:
 * a stopped official client stays reachable until its keep-alive loop's 20 s delay ends, and if
 * it were collected during the next heap measurement, that measurement would come out too low.
 * Take the references in a function that has returned by then (a suspended async function keeps
 * its locals, loop variables included, reachable). Resolves whether all were collected. Needs
 * `--expose-gc`.
 */
export async function released(refs: readonly WeakRef<object>[], timeoutMs = 21_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    globalThis.gc?.();
    if (refs.every((ref) => ref.deref() === undefined)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
