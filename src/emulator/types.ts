/**
 * Public types of `web-pubsub-machine/emulator`.
 */
import type {
  JsonSubprotocolName,
  ProtobufSubprotocolName,
  WebPubSubDataType,
} from "../protocol/messages.js";
import type { EventHandlerPolicy } from "./handlers/http.js";
import type { HubSettings } from "./handlers/settings.js";
import type { LogLevel, LogSink } from "./logger.js";
import type { Metadata } from "./metadata.js";

/**
 * The fixed development access key used when none is given. It is public, like the Microsoft
 * emulator's (which uses the same value), so never reuse it for anything real.
 */
export const DEFAULT_ACCESS_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";

/** Size limits, defaulting to the service's documented ones. */
export interface EmulatorLimits {
  /** Largest incoming WebSocket frame; larger closes the connection with 1009. Default 1 MiB. */
  maxFrameBytes: number;
  /** Most unacked messages a reliable connection may have; more closes it with 1008. Default 1000. */
  reliableBufferMessages: number;
  /** Most unacked bytes a reliable connection may have; more closes it with 1008. Default 16 MiB. */
  reliableBufferBytes: number;
  /**
   * Most bytes queued in a socket's send buffer before the connection is closed with 1008 as a
   * slow client (the frame that finds it full is not written). Default 16 MiB.
   */
  sendBufferBytes: number;
  /** Successful ackIds remembered per connection for `Duplicate` detection. Default 65,536. */
  processedAckIds: number;
  /** Largest REST request body. Default 1 MiB. */
  maxRestBodyBytes: number;
}

/** The caller of an `event` or `invoke`. */
export interface CallerContext {
  /** Hub name, lower-cased (hub names are case-insensitive). */
  readonly hub: string;
  readonly connectionId: string;
  /** `null` for an anonymous connection. */
  readonly userId: string | null;
}

/**
 * A payload in application form: any JSON value for `json`, a string for `text`, bytes
 * (`Uint8Array`) for `binary` and `protobuf`.
 */
export type PayloadData = unknown;

/** An `event` message from a client. */
export interface EventRequest extends CallerContext {
  readonly event: string;
  readonly dataType: WebPubSubDataType;
  readonly data: PayloadData;
  /** The client's ackId; `undefined` for fire-and-forget events. */
  readonly ackId: number | undefined;
  /** The message's metadata, when it carried any. */
  readonly metadata?: Metadata | undefined;
}

/** An error returned to a client (`ack` or `invokeResponse` error). */
export interface ClientError {
  readonly name: string;
  readonly message: string;
}

/**
 * Handles `event` messages. Return nothing to acknowledge success, or `{ error }` to fail the
 * ack with that error; a thrown error fails it with `InternalServerError`.
 */
export type EventHandler = (
  request: EventRequest,
) => void | { readonly error: ClientError } | Promise<void | { readonly error: ClientError }>;

/** An `invoke` message from a client. */
export interface InvokeRequest extends CallerContext {
  readonly invocationId: string;
  readonly event: string;
  /** `undefined` when the invocation carried no payload. */
  readonly dataType: WebPubSubDataType | undefined;
  readonly data: PayloadData;
  /** Aborted when the client sends `cancelInvocation` or the connection goes away. */
  readonly signal: AbortSignal;
}

/** A successful invocation result (with or without a payload) or an error. */
export type InvokeResult =
  { readonly dataType?: WebPubSubDataType; readonly data?: PayloadData } | { readonly error: ClientError };

/**
 * Handles `invoke` messages. The result becomes the `invokeResponse`; a thrown error becomes an
 * `InternalServerError` response.
 */
export type InvokeHandler = (request: InvokeRequest) => InvokeResult | Promise<InvokeResult>;

/** Self-signed TLS, or a certificate of your own (PEM). */
export type TlsOption = boolean | { readonly key: string | Buffer; readonly cert: string | Buffer };

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** TCP port; 0 picks an ephemeral one. Default 8080 (the Microsoft emulator's). */
  port?: number | undefined;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string | undefined;
  /** The access key tokens are signed with. Default {@link DEFAULT_ACCESS_KEY}. */
  accessKey?: string | undefined;
  /** How long a dropped reliable connection can be recovered. Default 30,000 ms. */
  recoveryWindowMs?: number | undefined;
  /** Size limits; unspecified ones keep the service defaults. */
  limits?: Partial<EmulatorLimits> | undefined;
  /**
   * Each hub's event handlers: HTTP endpoints of your app server that the emulator calls with
   * CloudEvents (`connect`, `connected`, `disconnected`, user events), as the service does with
   * its hub settings. Hub names ignore case. See also `readEmulatorSettings` for the Microsoft
   * emulator's settings file.
   */
  hubs?: Readonly<Record<string, HubSettings>> | undefined;
  /** Timeout and retries of event handler calls. Default: 100 s per event; retries after 1, 3 and 5 s. */
  eventHandlerPolicy?: EventHandlerPolicy | undefined;
  /**
   * Answers client `event` messages in code. An event handler configured for the event (see
   * {@link EmulatorOptions.hubs}) takes precedence; this hook answers the events no handler
   * takes. Default: acknowledge success — unless the hub has event handlers, when an event none
   * of them takes fails (`InternalServerError`), as in the service.
   */
  onEvent?: EventHandler | undefined;
  /**
   * Answers client `invoke` messages in code, for the invocations no event handler takes.
   * Default: answer with an error saying no handler is set.
   */
  onInvoke?: InvokeHandler | undefined;
  /** Where logs go: a `console`-like object or a function; `false` silences. Default: console. */
  logger?: LogSink | false | undefined;
  /** Minimum level written. Default `warn`. */
  logLevel?: LogLevel | undefined;
  /**
   * Serve https/wss. `true` generates a self-signed certificate for localhost/127.0.0.1/::1 at
   * start (with the `openssl` binary); its path is {@link Emulator.tls}.
   */
  tls?: TlsOption | undefined;
  /**
   * Serve the HTTP admin route under `/admin/` (development and tests only): fault injection and
   * a connection listing, for requests whose Host is the listening address or a loopback name,
   * with no foreign Origin and a bearer token signed with the access key (audience the request
   * URL or `{endpoint}/admin`). `false` answers 404 there. Default `true`.
   */
  admin?: boolean | undefined;
  /** Clock skew tolerated when checking `exp`, in seconds. Default 0. */
  clockToleranceSeconds?: number | undefined;
  /**
   * The idle timeout of a group stream whose start names none (`idleTimeoutMs`): a stream with no
   * traffic this long is closed with `IdleTimeout`. Default 300,000 ms, the service's.
   */
  streamIdleTimeoutMs?: number | undefined;
}

/** Options of {@link Emulator.getClientAccessUrl}. */
export interface ClientAccessOptions {
  /** Hub name. */
  hub: string;
  /** Becomes the `sub` claim, the connection's userId. */
  userId?: string | undefined;
  /** `role` claim, e.g. `webpubsub.joinLeaveGroup`, `webpubsub.sendToGroup.chat`. */
  roles?: readonly string[] | undefined;
  /** `webpubsub.group` claim: groups joined on connect. */
  groups?: readonly string[] | undefined;
  /** Token lifetime. Default 60 minutes; negative values mint an already-expired token. */
  expiresInMinutes?: number | undefined;
}

/** The same shape `@azure/web-pubsub`'s `getClientAccessToken` returns. */
export interface ClientAccessToken {
  token: string;
  /** `ws(s)://host:port/client/hubs/{hub}`. */
  baseUrl: string;
  /** `baseUrl?access_token={token}`. */
  url: string;
}

/** Where a connection is in its life. */
export type ConnectionState =
  /** A socket is attached. */
  | "connected"
  /** A socket is attached but blackholed: nothing is read or written. */
  | "blackholed"
  /** No socket; the reliable session waits for recovery. */
  | "recovering";

/** A snapshot of one logical connection. */
export interface ConnectionInfo {
  connectionId: string;
  /** `null` for an anonymous connection. */
  userId: string | null;
  /** Hub name, lower-cased. */
  hub: string;
  /** The subprotocol, or `raw` for a simple WebSocket client (none, or one a `connect` handler chose). */
  protocol: JsonSubprotocolName | ProtobufSubprotocolName | "raw";
  /** Groups the connection is in, sorted. */
  groups: string[];
  state: ConnectionState;
  /** Unacked messages held for recovery (reliable connections; 0 otherwise). */
  unackedMessages: number;
}

/** Fault injection for tests and demos. Each returns whether the connection was found. */
export interface EmulatorFaults {
  /** Destroys the TCP socket with no close frame (network loss). A reliable session stays recoverable. */
  drop(connectionId: string): boolean;
  /**
   * Sends `system/disconnected` then closes with `code` (default 1000). With 1000 or 1008 the
   * session is removed (recovery gets 1008); with any other code (e.g. 1011, a service restart)
   * a reliable session stays recoverable.
   */
  close(connectionId: string, code?: number, reason?: string): boolean;
  /** Stops reading and writing but keeps the socket open (a half-open link). Data is still buffered. */
  blackhole(connectionId: string): boolean;
  /**
   * Forgets the session and destroys its socket: the client's recovery attempt is accepted and
   * closed with 1008, so it must reconnect with a new connection id.
   */
  expire(connectionId: string): boolean;
  /** Refuses every new WebSocket upgrade (new and recovering) with HTTP 503 for `ms` (0 ends it). */
  refuseConnections(ms: number): void;
}

/** Information about the TLS certificate when {@link EmulatorOptions.tls} is set. */
export interface EmulatorTlsInfo {
  /** PEM certificate path: point `NODE_EXTRA_CA_CERTS` at it. `undefined` for a certificate you supplied. */
  certPath: string | undefined;
  /** The certificate, PEM. */
  cert: string;
}

/** A running emulator. */
export interface Emulator {
  /** `http://host:port` (or `https://` with TLS). */
  readonly endpoint: string;
  /** `Endpoint=…;AccessKey=…;Version=1.0;` for `WebPubSubServiceClient`. */
  readonly connectionString: string;
  /** The bound port. */
  readonly port: number;
  /** The bound host. */
  readonly host: string;
  /** The access key. */
  readonly accessKey: string;
  /** Certificate details when serving TLS. */
  readonly tls: EmulatorTlsInfo | undefined;
  /** A client access URL for a hub, minted exactly as the official server SDK does. */
  getClientAccessUrl(options: ClientAccessOptions): Promise<string>;
  /** Like {@link Emulator.getClientAccessUrl} but also returns the token and base URL. */
  getClientAccessToken(options: ClientAccessOptions): Promise<ClientAccessToken>;
  /** Snapshots of the logical connections (including those waiting for recovery), optionally of one hub. */
  connections(hub?: string): ConnectionInfo[];
  /** Fault injection. */
  readonly faults: EmulatorFaults;
  /** Closes every connection (1001, after `system/disconnected`) and stops listening. */
  close(): Promise<void>;
  /** {@link Emulator.close}, so that `await using emu = await startEmulator()` closes it at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void>;
}
