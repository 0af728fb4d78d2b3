/**
 * A TCP front for the emulator that counts connection attempts at the service side, for the
 * reconnect-storm scenario. It runs in the service child beside the emulator and forwards every
 * connection to it byte for byte; what it adds:
 *
 * - **Counting.** Every connection is one WebSocket upgrade request (the clients never reuse a
 *   connection), so the front records one attempt per connection, when its request arrives: the
 *   client (the `sub` of its access token, which both clients keep in the recovery URL), whether it
 *   is a recovery (`awps_connection_id` in the URL), and the status line the service answered
 *   (101 accepted, 503 refused, …; 0 when nothing came back).
 * - **An unreachable service.** {@link CountingFront.blockFor} makes it reset every connection
 *   (TCP RST, no HTTP response) for a while, after reading and counting its request: to a client
 *   this is a service that is not there, with no `Retry-After` to go by, while the emulator behind
 *   the front keeps the dropped sessions, so recovery is possible once the front forwards again.
 *
 * The emulator itself is left as it is: the count is taken in front of it.
 *
 * **Accept queues.** A thousand clients reconnecting at once overflow a listening socket's accept
 * queue (Node's default backlog is 511): the kernel drops the SYNs that do not fit, and those
 * clients retry the handshake only after TCP's 1 s retransmission timeout, which would show as a
 * second of recovery that is neither client's doing. The front listens with a backlog of 4,096
 * (the kernel's usual `somaxconn`), and has at most {@link MAX_CONNECTING} requests waiting for
 * the emulator's answer at a time (it listens with Node's default backlog); the others wait
 * their turn in this process instead of in a retransmission.
 */
import { connect, createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

/** One connection attempt as the service saw it. Times are `performance.timeOrigin + now()`. */
export interface Attempt {
  readonly at: number;
  /** The client's user id, or "" when the request did not carry a token the front knows. */
  readonly user: string;
  readonly recovery: boolean;
  /** HTTP status the service answered (101 accepted); 0 for a reset by the front or no answer. */
  status: number;
}

/** Requests to the emulator waiting for its answer at once: well under its accept queue of 511. */
export const MAX_CONNECTING = 128;
const BACKLOG = 4096;

function now(): number {
  return performance.timeOrigin + performance.now();
}

/** The request target of the first line of an HTTP request (`GET /path?query HTTP/1.1`). */
function requestTarget(head: Buffer): URL | undefined {
  const text = head.toString("latin1", 0, Math.min(head.length, 8192));
  const end = text.indexOf("\r\n");
  const parts = (end < 0 ? text : text.slice(0, end)).split(" ");
  if (parts.length < 3 || parts[1] === undefined) return undefined;
  try {
    return new URL(parts[1], "http://front");
  } catch {
    return undefined;
  }
}

/** The status code of an HTTP response's first line (`HTTP/1.1 101 Switching Protocols`), or 0. */
function responseStatus(chunk: Buffer): number {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(chunk.toString("latin1", 0, 16));
  return match === null ? 0 : Number(match[1]);
}

export class CountingFront {
  private blockedUntil = 0;
  private attempts: Attempt[] = [];
  /** Access token → user id, registered when the runner asks for the clients' URLs. */
  private readonly users = new Map<string, string>();
  private readonly sockets = new Set<Socket>();
  private connecting = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly loop = monitorEventLoopDelay({ resolution: 10 });

  private constructor(
    private readonly server: Server,
    /** The port the front listens on (127.0.0.1). */
    readonly port: number,
  ) {
    this.loop.enable();
  }

  /** Listens on an ephemeral port of 127.0.0.1, forwarding to `targetPort` there. */
  static async start(targetPort: number): Promise<CountingFront> {
    const server = createServer();
    await new Promise<void>((resolve) =>
      server.listen({ port: 0, host: "127.0.0.1", backlog: BACKLOG }, resolve),
    );
    const front = new CountingFront(server, (server.address() as AddressInfo).port);
    server.on("connection", (socket) => front.accept(socket, targetPort));
    return front;
  }

  /** Attributes the attempts that carry `accessToken` to `user`. */
  register(accessToken: string, user: string): void {
    this.users.set(accessToken, user);
  }

  /** Resets every connection for `ms` from now; returns the moment it forwards again. */
  blockFor(ms: number): number {
    this.blockedUntil = now() + ms;
    return this.blockedUntil;
  }

  /**
   * The attempts recorded since the last call (their statuses are final once the answers came),
   * and how late this process's event loop ran meanwhile (an attempt is recorded when the
   * service gets to it, as a service would answer it).
   */
  drain(): { attempts: Attempt[]; loopDelayMs: { p99: number; max: number } } {
    const attempts = this.attempts;
    this.attempts = [];
    const loopDelayMs = { p99: this.loop.percentile(99) / 1e6, max: this.loop.max / 1e6 };
    this.loop.reset();
    return { attempts, loopDelayMs };
  }

  async close(): Promise<void> {
    this.loop.disable();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once("close", () => this.sockets.delete(socket));
    socket.on("error", () => undefined);
  }

  private accept(socket: Socket, targetPort: number): void {
    this.track(socket);
    socket.once("data", (head: Buffer) => {
      const target = requestTarget(head);
      const attempt: Attempt = {
        at: now(),
        user: this.users.get(target?.searchParams.get("access_token") ?? "") ?? "",
        recovery: target?.searchParams.has("awps_connection_id") ?? false,
        status: 0,
      };
      this.attempts.push(attempt);
      if (attempt.at < this.blockedUntil) {
        socket.resetAndDestroy();
        return;
      }
      socket.pause();
      this.whenConnectable(() => {
        if (socket.destroyed) {
          this.connected();
          return;
        }
        const upstream = connect(targetPort, "127.0.0.1");
        this.track(upstream);
        let released = false;
        const release = (): void => {
          if (released) return;
          released = true;
          this.connected();
        };
        // Released when the emulator has answered, not at "connect": a connection the kernel
        // completed still waits in the emulator's accept queue until the emulator takes it.
        upstream.once("close", release);
        upstream.once("data", (chunk: Buffer) => {
          attempt.status = responseStatus(chunk);
          release();
        });
        upstream.write(head);
        socket.pipe(upstream);
        upstream.pipe(socket);
        // Either side gone ends both: a drop by the emulator reaches the client as a closed socket.
        socket.once("close", () => upstream.destroy());
        upstream.once("close", () => socket.destroy());
      });
    });
  }

  /** Runs `open` now if fewer than {@link MAX_CONNECTING} requests wait for the emulator, else in turn. */
  private whenConnectable(open: () => void): void {
    if (this.connecting < MAX_CONNECTING) {
      this.connecting++;
      open();
    } else {
      this.waiting.push(open);
    }
  }

  /** One opening is over: the next in line may start. */
  private connected(): void {
    const next = this.waiting.shift();
    if (next === undefined) this.connecting--;
    else next();
  }
}
