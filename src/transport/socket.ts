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
  /** `refusal`: the service answered the upgrade with an HTTP error (where the platform shows it). */
  socketClosed(socket: SocketLike, code: number, reason: string, refusal?: UpgradeRefusal): void;
}

/**
 * An HTTP answer other than 101 to the WebSocket upgrade: the service refused the connection and
 * said why. Node shows all of it; browsers hide it from pages on purpose (a refused upgrade is
 * only a close with code 1006 there), so a browser client never has one.
 */
export interface UpgradeRefusal {
  /** The HTTP status, e.g. 401 for a bad token, 503 while the service restarts. */
  readonly status: number;
  /** The service's reason: the first line of the response body, or the status text. */
  readonly reason: string;
  /** From `Retry-After`: how long the service asked clients to wait before the next attempt. */
  readonly retryAfterMs?: number;
}

/** One WebSocket connection. */
export interface SocketLike {
  /** Writes one frame: text for JSON protocols, binary for `ArrayBuffer`. */
  send(frame: string | ArrayBuffer | Uint8Array): void;
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
