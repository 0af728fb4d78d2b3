/**
 * The Node socket, on `ws`. Kept in this one file so that a browser build can leave `ws` out.
 */
import type { Duplex } from "node:stream";
import WebSocket from "ws";
import type { SocketFactory, SocketLike } from "./socket.js";

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
export const createNodeSocket: SocketFactory = (url, protocolName) => {
  const ws = new WebSocket(url, protocolName, { perMessageDeflate: false });
  let detached = false;
  // Write coalescing: every frame written in one turn of the event loop (e.g. the sends that a
  // burst of acks releases, or a loop of fire-and-forget sends) leaves in one `writev` system
  // call instead of one each; the socket is corked at the first frame and uncorked on the next
  // tick, which runs before any I/O, so no frame waits for anything but the current turn's code.
  // (`writableCorked` says whether this turn already corked it: `ws` uncorks what it corks.)
  const socket: SocketLike = {
    onopen: undefined,
    onmessage: undefined,
    onerror: undefined,
    onclose: undefined,
    send(frame) {
      // A socket that is closing drops frames; the machine learns of the close by `onclose`.
      if (ws.readyState !== WebSocket.OPEN) return;
      const tcp = (ws as unknown as WithTcpSocket)._socket;
      if (tcp && tcp.writableCorked === 0) {
        tcp.cork();
        process.nextTick(uncork, tcp);
      }
      ws.send(frame);
    },
    close(code, reason) {
      ws.close(code, reason);
    },
    terminate() {
      detached = true;
      ws.removeAllListeners();
      // Errors after this point (e.g. "closed before the connection was established") must not
      // become unhandled 'error' events.
      ws.on("error", () => undefined);
      ws.terminate();
    },
  };
  ws.on("open", () => {
    if (!detached) socket.onopen?.();
  });
  ws.on("message", (data: ArrayBuffer | Buffer | Buffer[], isBinary: boolean) => {
    if (detached) return;
    // Text frames are delivered as strings so JSON protocols can parse them directly.
    if (!isBinary)
      socket.onmessage?.(
        Buffer.isBuffer(data) ? data.toString("utf8") : Buffer.from(data as ArrayBuffer).toString("utf8"),
      );
    else socket.onmessage?.(data instanceof ArrayBuffer ? data : toArrayBuffer(data));
  });
  ws.on("error", (error: Error) => {
    if (!detached) socket.onerror?.(error.message);
  });
  ws.on("close", (code: number, reason: Buffer) => {
    if (!detached) socket.onclose?.(code, reason.toString("utf8"));
  });
  return socket;
};

/** A module function, not a closure per socket. */
function uncork(tcp: Duplex): void {
  tcp.uncork();
}

function toArrayBuffer(data: Buffer | Buffer[]): ArrayBuffer {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : data;
  const copy = new Uint8Array(buffer.byteLength);
  copy.set(buffer);
  return copy.buffer;
}
