/**
 * The Node socket, on `ws`. Kept in this one file so that a browser build can leave `ws` out.
 */
import WebSocket from "ws";
import type { SocketFactory, SocketLike } from "./socket.js";

/** Opens a `ws` socket: no per-message deflate (the service does not use it), binary as `ArrayBuffer`. */
export const createNodeSocket: SocketFactory = (url, protocolName) => {
  const ws = new WebSocket(url, protocolName, { perMessageDeflate: false });
  ws.binaryType = "arraybuffer";
  let detached = false;
  const socket: SocketLike = {
    onopen: undefined,
    onmessage: undefined,
    onerror: undefined,
    onclose: undefined,
    send(frame) {
      // A socket that is closing drops frames; the machine learns of the close by `onclose`.
      if (ws.readyState === WebSocket.OPEN) ws.send(frame);
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

function toArrayBuffer(data: Buffer | Buffer[]): ArrayBuffer {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : data;
  const copy = new Uint8Array(buffer.byteLength);
  copy.set(buffer);
  return copy.buffer;
}
