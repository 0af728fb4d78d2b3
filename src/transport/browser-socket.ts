/**
 * The browser socket, on the global `WebSocket` (also Deno, Bun and React Native).
 */
import type { SocketFactory, SocketLike } from "./socket.js";

/** Opens a socket with the platform's `WebSocket`, binary frames as `ArrayBuffer`. */
export const createBrowserSocket: SocketFactory = (url, protocolName) => {
  const ws = new globalThis.WebSocket(url, protocolName);
  ws.binaryType = "arraybuffer";
  let detached = false;
  const socket: SocketLike = {
    onopen: undefined,
    onmessage: undefined,
    onerror: undefined,
    onclose: undefined,
    send(frame) {
      if (ws.readyState === 1) ws.send(frame);
    },
    close(code, reason) {
      try {
        ws.close(code, reason);
      } catch {
        // Browsers refuse codes outside 1000/3000–4999 and reasons over 123 bytes: close anyway,
        // so that the machine still hears `onclose` instead of waiting for its close timeout.
        ws.close();
      }
    },
    terminate() {
      detached = true;
      // Browsers have no terminate: close, and ignore whatever comes after.
      try {
        ws.close();
      } catch {
        // Already closed.
      }
    },
  };
  ws.onopen = () => {
    if (!detached) socket.onopen?.();
  };
  ws.onmessage = (event: MessageEvent<string | ArrayBuffer>) => {
    if (!detached) socket.onmessage?.(event.data);
  };
  ws.onerror = () => {
    // Browsers hide the reason of a failed handshake on purpose.
    if (!detached) socket.onerror?.("WebSocket error");
  };
  ws.onclose = (event: CloseEvent) => {
    if (!detached) socket.onclose?.(event.code, event.reason);
  };
  return socket;
};
