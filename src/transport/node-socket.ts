/**
 * The Node socket, on `ws`. Kept in this one file so that a browser build can leave `ws` out.
 */
import type { Duplex } from "node:stream";
import WebSocket from "ws";
import type { SocketFactory, SocketLike, SocketListener } from "./socket.js";

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
    ws.on("close", (code: number, reason: Buffer) => {
      if (!this.detached) listener.socketClosed(this, code, reason.toString("utf8"));
    });
  }

  send(frame: string | ArrayBuffer): void {
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
    this.detached = true;
    const ws = this.ws;
    ws.removeAllListeners();
    // Errors after this point (e.g. "closed before the connection was established") must not
    // become unhandled 'error' events.
    ws.on("error", ignore);
    ws.terminate();
  }
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
