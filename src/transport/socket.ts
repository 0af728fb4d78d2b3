/**
 * The socket abstraction the client talks to: one WebSocket connection with callbacks. Node
 * (`ws`) and browser (global `WebSocket`) implementations live next to this file; tests script a
 * fake one. Implementations deliver callbacks in this order: `onopen` at most once, `onmessage`
 * zero or more times, `onerror` at most once, then `onclose` exactly once (unless `terminate()`
 * was called, after which no callback fires).
 */

/** One WebSocket connection. */
export interface SocketLike {
  onopen: (() => void) | undefined;
  onmessage: ((data: string | ArrayBuffer) => void) | undefined;
  /** A failure (handshake refused, network error), described for humans; `onclose` follows. */
  onerror: ((message: string) => void) | undefined;
  onclose: ((code: number, reason: string) => void) | undefined;
  /** Writes one frame: text for JSON protocols, binary for `ArrayBuffer`. */
  send(frame: string | ArrayBuffer): void;
  /** Starts the close handshake (or aborts the opening handshake). */
  close(code: number, reason: string): void;
  /** Drops the connection at once and detaches every callback. */
  terminate(): void;
}

/** Opens a socket to `url` offering the subprotocol `protocolName`. May throw for a malformed URL. */
export type SocketFactory = (url: string, protocolName: string) => SocketLike;
