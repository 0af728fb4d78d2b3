/**
 * The browser socket, on the global `WebSocket` (also Deno, Bun and React Native).
 */
import type { SocketFactory, SocketLike, SocketListener } from "./socket.js";

/** Opens a socket with the platform's `WebSocket`, binary frames as `ArrayBuffer`. */
export const createBrowserSocket: SocketFactory = (url, protocolName, listener) =>
  new BrowserSocket(new globalThis.WebSocket(url, protocolName), listener);

const BROWSER_ERROR =
  "WebSocket error (browsers do not show pages why a connection failed: if the service refused it, " +
  "its HTTP status and reason are hidden; the browser's developer tools show them)";

class BrowserSocket implements SocketLike {
  private detached = false;

  constructor(
    private readonly ws: WebSocket,
    listener: SocketListener,
  ) {
    ws.binaryType = "arraybuffer";
    ws.onopen = () => {
      if (!this.detached) listener.socketOpened(this);
    };
    ws.onmessage = (event: MessageEvent<string | ArrayBuffer>) => {
      if (!this.detached) listener.socketMessage(this, event.data);
    };
    ws.onerror = () => {
      // Browsers hide the reason of a failed handshake on purpose: a refused upgrade (a bad
      // token, an unknown hub, a restarting service) is only an error and a close with 1006.
      if (!this.detached) listener.socketError(this, BROWSER_ERROR);
    };
    ws.onclose = (event: CloseEvent) => {
      if (!this.detached) listener.socketClosed(this, event.code, event.reason);
    };
  }

  send(frame: string | ArrayBuffer | Uint8Array): void {
    if (this.ws.readyState === 1) this.ws.send(frame);
  }

  close(code: number, reason: string): void {
    try {
      this.ws.close(code, reason);
    } catch {
      // Browsers refuse codes outside 1000/3000–4999 and reasons over 123 bytes: close anyway,
      // so that the machine still hears `socketClosed` instead of waiting for its close timeout.
      this.ws.close();
    }
  }

  terminate(): void {
    this.detached = true;
    // Browsers have no terminate: close, and ignore whatever comes after.
    try {
      this.ws.close();
    } catch {
      // Already closed.
    }
  }
}
