/**
 * A TCP fault proxy for chaos tests: listens on 127.0.0.1 (ephemeral port) and pipes every
 * connection to a target port, with per-connection faults:
 *
 * - `cut`: destroy both sides at once (no close frame: the client sees 1006, the service a drop);
 * - `stall`: stop forwarding both ways and drop what arrives, sockets stay open (a half-open link);
 * - `delay(ms)`: add `ms` of latency to every chunk (order is kept);
 * - `split(on)`: forward each chunk in up to three random pieces, a turn of the event loop apart.
 *
 * Randomness (piece sizes) comes from the seeded PRNG the caller passes, so a run is reproducible
 * up to the operating system's timing.
 */
import { createServer, connect, type AddressInfo, type Server, type Socket } from "node:net";

/** mulberry32: a tiny seeded PRNG returning numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ProxiedConnection {
  readonly id: number;
  readonly closed: boolean;
  readonly stalled: boolean;
  cut(): void;
  stall(): void;
  delay(ms: number): void;
  split(on: boolean): void;
}

export interface FaultCounts {
  cut: number;
  stall: number;
  delay: number;
  split: number;
}

export interface FaultProxy {
  readonly port: number;
  /** Connections that are still open, oldest first. */
  live(): ProxiedConnection[];
  /** Connections accepted so far. */
  readonly accepted: number;
  readonly faults: Readonly<FaultCounts>;
  /** Chunks waiting in delay/split queues. */
  pendingChunks(): number;
  /** Resolves once no proxied connection is open (or rejects after `timeoutMs`). */
  drained(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

class Connection implements ProxiedConnection {
  closed = false;
  stalled = false;
  private delayMs = 0;
  private splitting = false;
  /** Per direction: chunks are forwarded in order, one after the other. */
  private readonly queues = new Map<Socket, Promise<void>>();
  pending = 0;

  constructor(
    readonly id: number,
    private readonly client: Socket,
    private readonly upstream: Socket,
    private readonly random: () => number,
    private readonly counts: FaultCounts,
    private readonly onClose: (connection: Connection) => void,
  ) {
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.on("data", (chunk: Buffer) => this.forward(chunk, upstream));
    upstream.on("data", (chunk: Buffer) => this.forward(chunk, client));
    const end = () => this.destroy();
    for (const socket of [client, upstream]) {
      socket.on("error", end);
      socket.on("close", end);
      socket.on("end", end);
    }
  }

  private forward(chunk: Buffer, to: Socket): void {
    if (this.closed || this.stalled) return;
    if (this.delayMs === 0 && !this.splitting && (this.queues.get(to) ?? undefined) === undefined) {
      to.write(chunk);
      return;
    }
    // Latency, not throughput: each chunk is released `delayMs` after it arrived, in order.
    const releaseAt = Date.now() + this.delayMs;
    const splitting = this.splitting;
    this.pending++;
    const previous = this.queues.get(to) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        const wait = releaseAt - Date.now();
        if (wait > 0) await new Promise<void>((resolve) => setTimeout(resolve, wait));
        if (this.closed || this.stalled) return;
        if (!splitting) {
          to.write(chunk);
          return;
        }
        // Up to three pieces cut at random points, a turn of the event loop apart.
        const cuts = [this.random(), this.random()]
          .map((r) => Math.floor(r * chunk.length))
          .sort((a, b) => a - b);
        let offset = 0;
        for (const end of [...cuts, chunk.length]) {
          if (this.closed || this.stalled) break;
          if (end <= offset) continue;
          to.write(chunk.subarray(offset, end));
          offset = end;
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      } finally {
        this.pending--;
      }
    });
    this.queues.set(to, next);
    void next.then(() => {
      if (this.queues.get(to) === next) this.queues.delete(to);
    });
  }

  cut(): void {
    if (this.closed) return;
    this.counts.cut++;
    this.destroy();
  }

  stall(): void {
    if (this.closed || this.stalled) return;
    this.counts.stall++;
    this.stalled = true;
  }

  delay(ms: number): void {
    if (this.closed) return;
    if (ms > 0) this.counts.delay++;
    this.delayMs = ms;
  }

  split(on: boolean): void {
    if (this.closed) return;
    if (on) this.counts.split++;
    this.splitting = on;
  }

  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.destroy();
    this.upstream.destroy();
    this.onClose(this);
  }
}

/** Starts a proxy to `127.0.0.1:targetPort`. */
export async function startFaultProxy(targetPort: number, random: () => number): Promise<FaultProxy> {
  const connections = new Set<Connection>();
  const counts: FaultCounts = { cut: 0, stall: 0, delay: 0, split: 0 };
  const drainWaiters = new Set<() => void>();
  let accepted = 0;
  const onClose = (connection: Connection) => {
    connections.delete(connection);
    if (connections.size === 0) for (const resolve of drainWaiters) resolve();
  };
  const server: Server = createServer((client) => {
    const id = ++accepted;
    const upstream = connect({ host: "127.0.0.1", port: targetPort });
    connections.add(new Connection(id, client, upstream, random, counts, onClose));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    live: () => [...connections],
    get accepted() {
      return accepted;
    },
    faults: counts,
    pendingChunks: () => [...connections].reduce((n, c) => n + c.pending, 0),
    drained(timeoutMs) {
      if (connections.size === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          drainWaiters.delete(done);
          reject(new Error(`${connections.size} proxied connections still open after ${timeoutMs} ms`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          drainWaiters.delete(done);
          resolve();
        };
        drainWaiters.add(done);
      });
    },
    async close() {
      for (const connection of [...connections]) connection.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
