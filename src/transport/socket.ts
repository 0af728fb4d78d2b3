/**
 * The socket abstraction the client talks to: one WebSocket connection and the listener that
 * hears what it reports. Node (`ws`) and browser (global `WebSocket`) implementations live next
 * to this file; tests script a fake one.
 *
 * A socket reports to one {@link SocketListener} object, passing itself along, rather than to four
 * callbacks set on it: a client keeps one listener (its socket session) for its whole life, while a
 * set of callbacks per socket would cost four closures per connection.
 */

/**
 * What a socket reports, in this order: `socketOpened` at most once, `socketMessage` zero or more
 * times, `socketError` at most once, then `socketClosed` exactly once — unless `terminate()` was
 * called, after which nothing is reported.
 */
export interface SocketListener {
  socketOpened(socket: SocketLike): void;
  /** One frame: text for JSON protocols, `ArrayBuffer` for binary ones. */
  socketMessage(socket: SocketLike, data: string | ArrayBuffer): void;
  /** A failure (handshake refused, network error), described for humans; `socketClosed` follows. */
  socketError(socket: SocketLike, message: string): void;
  socketClosed(socket: SocketLike, code: number, reason: string): void;
}

/** One WebSocket connection. */
export interface SocketLike {
  /** Writes one frame: text for JSON protocols, binary for `ArrayBuffer`. */
  send(frame: string | ArrayBuffer): void;
  /** Starts the close handshake (or aborts the opening handshake). */
  close(code: number, reason: string): void;
  /** Drops the connection at once; nothing is reported after this. */
  terminate(): void;
}

/**
 * Opens a socket to `url` offering the subprotocol `protocolName`, reporting to `listener` (with
 * the returned socket as the first argument). May throw for a malformed URL.
 */
export type SocketFactory = (url: string, protocolName: string, listener: SocketListener) => SocketLike;
