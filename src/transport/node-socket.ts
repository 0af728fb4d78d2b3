/**
 * The Node socket, on `ws`. Kept in this one file so that a browser build can leave `ws` out.
 */
import type { ClientRequest, IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import WebSocket from "ws";
import { parseRetryAfter } from "./retry-after.js";
import type { SocketFactory, SocketLike, SocketListener, UpgradeRefusal } from "./socket.js";

/** The most of a refusal's body we read: the service's reason is one short line. */
const MAX_REFUSAL_BODY_BYTES = 4096;
/** How long a refusal's body may take to arrive before we report what we have. */
const REFUSAL_BODY_TIMEOUT_MS = 2000;

/** `ws` keeps its TCP socket in `_socket` (not in its types); we only cork and uncork it. */
interface WithTcpSocket {
  readonly _socket?: Duplex | null;
}

/**
 * Opens a `ws` socket: no per-message deflate (the service does not use it). Frames arrive as
 * `ws`'s default `Buffer`s (a view of the read buffer for a one-fragment frame): text frames are
 * decoded straight from it, and only binary frames are copied into an `ArrayBuffer`. (With
 * `binaryType = "arraybuffer"`, `ws` would copy every frame, text included, before we decode it.)
 */
export const createNodeSocket: SocketFactory = (url, protocolName, listener) =>
  new NodeSocket(new WebSocket(url, protocolName, { perMessageDeflate: false }), listener);

/** A class, so that its methods live once on the prototype rather than as closures per socket. */
class NodeSocket implements SocketLike {
  private detached = false;

  constructor(
    private readonly ws: WebSocket,
    listener: SocketListener,
  ) {
    ws.on("open", () => {
      if (!this.detached) listener.socketOpened(this);
    });
    ws.on("message", (data: ArrayBuffer | Buffer | Buffer[], isBinary: boolean) => {
      if (this.detached) return;
      // Text frames are delivered as strings so JSON protocols can parse them directly.
      if (!isBinary)
        listener.socketMessage(
          this,
          Buffer.isBuffer(data) ? data.toString("utf8") : Buffer.from(data as ArrayBuffer).toString("utf8"),
        );
      else listener.socketMessage(this, data instanceof ArrayBuffer ? data : toArrayBuffer(data));
    });
    ws.on("error", (error: Error) => {
      if (!this.detached) listener.socketError(this, error.message);
    });
    // Without this listener `ws` reports a refused upgrade as "Unexpected server response: 401"
    // and drops the body, where the service says why (a bad token, an unknown hub, a restart).
    ws.on("unexpected-response", (request: ClientRequest, response: IncomingMessage) =>
      this.readRefusal(listener, request, response),
    );
    ws.on("close", (code: number, reason: Buffer) => {
      if (!this.detached) listener.socketClosed(this, code, reason.toString("utf8"));
    });
  }

  /** Reads the refusal's status, reason and `Retry-After`, then reports the socket closed (1006). */
  private readRefusal(listener: SocketListener, request: ClientRequest, response: IncomingMessage): void {
    const status = response.statusCode ?? 0;
    const retryAfterMs = parseRetryAfter(headerValue(response.headers["retry-after"]), Date.now());
    const chunks: Buffer[] = [];
    let size = 0;
    let reported = false;
    const report = () => {
      if (reported) return;
      reported = true;
      clearTimeout(timer);
      request.destroy();
      response.destroy();
      if (this.detached) return;
      this.detach();
      const body = Buffer.concat(chunks).toString("utf8").trim().split(/\r?\n/, 1)[0] ?? "";
      const refusal: UpgradeRefusal = {
        status,
        reason: body || response.statusMessage || "",
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      };
      const described = `HTTP ${status}${refusal.reason ? `: ${refusal.reason}` : ""}`;
      listener.socketError(this, `The service refused the WebSocket upgrade (${described})`);
      listener.socketClosed(this, 1006, described, refusal);
    };
    const timer = setTimeout(report, REFUSAL_BODY_TIMEOUT_MS);
    response.on("data", (chunk: Buffer) => {
      if (size >= MAX_REFUSAL_BODY_BYTES) return;
      chunks.push(chunk);
      size += chunk.length;
      if (size >= MAX_REFUSAL_BODY_BYTES) report();
    });
    response.on("end", report);
    response.on("close", report);
    response.on("error", report);
  }

  send(frame: string | ArrayBuffer | Uint8Array): void {
    const ws = this.ws;
    // A socket that is closing drops frames; the machine learns of the close by `socketClosed`.
    if (ws.readyState !== WebSocket.OPEN) return;
    // Write coalescing: every frame written in one turn of the event loop (e.g. the sends that a
    // burst of acks releases, or a loop of fire-and-forget sends) leaves in one `writev` system
    // call instead of one each; the socket is corked at the first frame and uncorked on the next
    // tick, which runs before any I/O, so no frame waits for anything but the current turn's code.
    // (`writableCorked` says whether this turn already corked it: `ws` uncorks what it corks.)
    const tcp = (ws as unknown as WithTcpSocket)._socket;
    if (tcp && tcp.writableCorked === 0) {
      tcp.cork();
      process.nextTick(uncork, tcp);
    }
    ws.send(frame);
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  terminate(): void {
    this.detach();
  }

  /** Nothing is reported after this; the `ws` socket is dropped. */
  private detach(): void {
    this.detached = true;
    const ws = this.ws;
    ws.removeAllListeners();
    // Errors after this point (e.g. "closed before the connection was established") must not
    // become unhandled 'error' events.
    ws.on("error", ignore);
    ws.terminate();
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Module functions, not closures per socket. */
function uncork(tcp: Duplex): void {
  tcp.uncork();
}

function ignore(): void {}

function toArrayBuffer(data: Buffer | Buffer[]): ArrayBuffer {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : data;
  const copy = new Uint8Array(buffer.byteLength);
  copy.set(buffer);
  return copy.buffer;
}
