/**
 * Public types of the client: options, event payloads, results. A superset of
 * `@azure/web-pubsub-client` 1.1's: everything that compiles against its types compiles here.
 */
import type { InspectionEvent, Observer } from "xstate";
import type {
  AckMessageError,
  DisconnectedMessage,
  GroupDataMessage,
  InvokeResponseError,
  JSONTypes,
  ServerDataMessage,
  WebPubSubClientProtocol,
  WebPubSubDataType,
} from "./protocol/messages.js";

/**
 * The part of `AbortSignal` the client uses. The DOM/Node `AbortSignal` and
 * `@azure/abort-controller`'s `AbortSignalLike` both fit.
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: "abort", listener: (this: AbortSignalLike, ev: Event) => unknown): void;
  removeEventListener(type: "abort", listener: (this: AbortSignalLike, ev: Event) => unknown): void;
}

/** How retry delays grow: `Fixed` keeps `retryDelayInMs`; `Exponential` doubles it up to the cap. */
export type RetryMode = "Exponential" | "Fixed";

/** Retry policy, as in the official client. */
export interface WebPubSubRetryOptions {
  /** Attempts after the first. Default 3 for messages, unlimited for reconnects. */
  maxRetries?: number;
  /** Base delay. Default 1000 ms. */
  retryDelayInMs?: number;
  /** Cap for exponential growth. Default 30000 ms. */
  maxRetryDelayInMs?: number;
  /** Default `Fixed`. */
  mode?: RetryMode;
  /**
   * Beyond the official client: the fraction of each delay that is randomised, from 0 (none) to 1
   * (full jitter), so that many clients dropped at once do not retry in lockstep. Default 0.2 for
   * messages, 0.4 for recovery and reconnect attempts.
   */
  jitter?: number;
}

/** What the client does with an operation that was written but not acked when its connection was lost for good. */
export type InDoubtPolicy = "fail" | "retry";

/**
 * A logger. `console` fits. Every line the client logs has `access_token` and reconnection
 * tokens redacted.
 */
export interface WebPubSubLogger {
  debug?(message: string, ...details: unknown[]): void;
  info?(message: string, ...details: unknown[]): void;
  warn?(message: string, ...details: unknown[]): void;
  error?(message: string, ...details: unknown[]): void;
}

/** Options of {@link WebPubSubClient}; the first seven are the official client's, with its defaults. */
export interface WebPubSubClientOptions {
  /** Subprotocol. Default {@link WebPubSubJsonReliableProtocol}. */
  protocol?: WebPubSubClientProtocol;
  /** Open a new connection when the current one is lost for good. Default `true`. */
  autoReconnect?: boolean;
  /** Join again, on a new connection, the groups joined with `joinGroup`. Default `true`. */
  autoRejoinGroups?: boolean;
  /** Retries of acked operations. Default `{maxRetries: 3, retryDelayInMs: 1000, maxRetryDelayInMs: 30000, mode: "Fixed"}`. */
  messageRetryOptions?: WebPubSubRetryOptions;
  /**
   * Retries of new connections; the first attempt is immediate. Default (ours: the official
   * client waits a fixed second): unlimited, `Exponential` from 180 ms to 5000 ms, `jitter` 0.4
   * (40% of each delay drawn at random). A refusal's `Retry-After` sets the earliest next attempt.
   */
  reconnectRetryOptions?: WebPubSubRetryOptions;
  /** Interval of `ping` messages. Default 20000 ms; 0 disables. */
  keepAliveIntervalInMs?: number;
  /** A connection silent this long is dead. Default 120000 ms; 0 disables. */
  keepAliveTimeoutInMs?: number;

  /** Beyond the official client: a `ping` unanswered this long means a dead link. Default 10000 ms; 0 disables. */
  pongTimeoutInMs?: number;
  /** How long a dropped reliable connection may be recovered. Default 30000 ms (the service keeps it at least that long). */
  recoveryWindowInMs?: number;
  /**
   * Delays between recovery attempts; the first is immediate. Default `Exponential` from 180 ms
   * to 2500 ms, `jitter` 0.4: back within ~540 ms of a 300 ms outage, within 2.5 s of a long one,
   * at most ~1 attempt a second meanwhile. A refusal's `Retry-After` sets the earliest next
   * attempt (the recovery window still ends recovery).
   */
  recoveryRetryOptions?: Omit<WebPubSubRetryOptions, "maxRetries">;
  /** How often a changed `sequenceAck` is sent. Default 1000 ms. */
  sequenceAckIntervalInMs?: number;
  /** A sequence id this far ahead of the last acked one is acked at once. Default 300. */
  sequenceAckGapThreshold?: number;
  /** Fail an acked operation whose ack has not come this long after it was written. Default 0 (no timeout, as the official client). */
  ackTimeoutInMs?: number;
  /**
   * After a reconnect (a new connection; the service cannot de-duplicate any more) an operation
   * that was written but never acked is in doubt. `fail` (default) settles it with an
   * outcome-unknown error; `retry` sends it again (at-least-once).
   */
  inDoubtOperations?: InDoubtPolicy;
  /** Where the client logs. Default: nothing. */
  logger?: WebPubSubLogger;
  /**
   * Beyond the official client: an XState inspector, passed to `createActor` for the client
   * machine and every operation actor (e.g. `createBrowserInspector().inspect`), or the URL of a
   * live inspector started with `wps inspect` (e.g. `"ws://127.0.0.1:8081"`; Node only). With an
   * inspector attached every acked operation runs as a visible actor (none is actorless).
   */
  inspect?: string | Observer<InspectionEvent> | ((event: InspectionEvent) => void);
}

/** Options of `start()`. */
export interface StartOptions {
  abortSignal?: AbortSignalLike;
}

export interface JoinGroupOptions {
  ackId?: number;
  abortSignal?: AbortSignalLike;
}

export interface LeaveGroupOptions {
  ackId?: number;
  abortSignal?: AbortSignalLike;
}

export interface SendToGroupOptions {
  /** Do not deliver the message back to this connection. Default `false`. */
  noEcho?: boolean;
  /** Send with no ackId and resolve once written. Default `false`. */
  fireAndForget?: boolean;
  ackId?: number;
  abortSignal?: AbortSignalLike;
}

export interface SendEventOptions {
  fireAndForget?: boolean;
  ackId?: number;
  abortSignal?: AbortSignalLike;
}

export interface InvokeEventOptions {
  invocationId?: string;
  abortSignal?: AbortSignalLike;
}

/** Options the credential callback receives. */
export interface GetClientAccessUrlOptions {
  abortSignal?: AbortSignalLike;
}

/** A source of client access URLs, asked on `start()` and on every new connection (not on recovery). */
export interface WebPubSubClientCredential {
  getClientAccessUrl: string | ((options?: GetClientAccessUrlOptions) => Promise<string>);
}

/** The outcome of an acked operation. */
export interface WebPubSubResult {
  /** The ackId used by every attempt; absent for fire-and-forget sends. */
  ackId?: number;
  /** The service had already processed this ackId (a retry of an operation that succeeded). */
  isDuplicated: boolean;
}

export interface InvokeEventResult {
  invocationId: string;
  dataType?: WebPubSubDataType;
  data?: JSONTypes | ArrayBuffer;
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

export interface OnConnectedArgs {
  connectionId: string;
  userId: string;
}

export interface OnDisconnectedArgs {
  connectionId?: string;
  /** The service's `system/disconnected` message, when it sent one. */
  message?: DisconnectedMessage;
  /** Beyond the official client: the WebSocket close code (1006 for a lost link). */
  code?: number;
  /** Beyond the official client: the WebSocket close reason or the failure that ended the connection. */
  reason?: string;
}

// The official type is an empty interface; keep it for compatibility.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OnStoppedArgs {}

export interface OnServerDataMessageArgs {
  message: ServerDataMessage;
}

export interface OnGroupDataMessageArgs {
  message: GroupDataMessage;
}

export interface OnRejoinGroupFailedArgs {
  group: string;
  error: Error;
}

/** Beyond the official client: a reliable connection dropped and the client is recovering it. */
export interface OnRecoveringArgs {
  connectionId: string;
  code?: number;
  reason?: string;
}

/** Beyond the official client: the dropped connection was recovered; nothing was lost. */
export interface OnRecoveredArgs {
  connectionId: string;
}

/** Every event the client emits, with its payload. */
export interface WebPubSubClientEvents {
  connected: OnConnectedArgs;
  disconnected: OnDisconnectedArgs;
  stopped: OnStoppedArgs;
  "server-message": OnServerDataMessageArgs;
  "group-message": OnGroupDataMessageArgs;
  "rejoin-group-failed": OnRejoinGroupFailedArgs;
  recovering: OnRecoveringArgs;
  recovered: OnRecoveredArgs;
}

export type WebPubSubClientEventName = keyof WebPubSubClientEvents;

/** The client's lifecycle state, read from the client statechart. */
export type WebPubSubClientState =
  "stopped" | "connecting" | "connected" | "recovering" | "reconnecting" | "stopping";

// ---------------------------------------------------------------------------------------------
// Failures (the error side of the `…Result` methods)
// ---------------------------------------------------------------------------------------------

/** Why an acked operation failed. The Promise methods throw {@link SendMessageError} carrying it. */
export type OperationFailure =
  /** The service answered with an error ack (after the retries the policy allows). */
  | { readonly kind: "rejected"; readonly ackId: number; readonly errorDetail: AckMessageError }
  /** No ack within `ackTimeoutInMs` (after the retries the policy allows). */
  | { readonly kind: "timeout"; readonly ackId: number }
  /** Written on a connection that was lost for good before its ack: it may or may not have been processed. */
  | { readonly kind: "outcome-unknown"; readonly ackId: number }
  /** The client was stopped (or not started) before the operation completed. */
  | { readonly kind: "stopped"; readonly ackId?: number }
  /** The caller's abort signal fired. */
  | { readonly kind: "aborted"; readonly ackId?: number; readonly reason?: unknown }
  /** The arguments were refused before anything was sent. */
  | { readonly kind: "invalid-argument"; readonly message: string };

/** Why an invocation failed. The Promise method throws {@link InvocationError} carrying it. */
export type InvocationFailure =
  | {
      readonly kind: "rejected";
      readonly invocationId: string;
      readonly errorDetail: InvokeResponseError;
    }
  | { readonly kind: "timeout"; readonly invocationId: string }
  | { readonly kind: "outcome-unknown"; readonly invocationId: string }
  | { readonly kind: "stopped"; readonly invocationId: string }
  | { readonly kind: "aborted"; readonly invocationId: string; readonly reason?: unknown }
  | { readonly kind: "invalid-argument"; readonly message: string };

/** Why `start()` failed. */
export type StartFailure =
  | { readonly kind: "invalid-argument"; readonly message: string }
  /** `start()` was called while the client was not stopped. */
  | { readonly kind: "invalid-state"; readonly message: string }
  /**
   * The URL, token or subprotocol was refused, or the service could not be reached. `code` is the
   * WebSocket close code (1006 when there was no connection). When the service refused the
   * upgrade, `status` is its HTTP status (400, 401, 403, 404, 503, …) and `reason` what it said;
   * in Node only: browsers hide both from pages (the failure then has neither).
   */
  | {
      readonly kind: "connection-failed";
      readonly message: string;
      readonly code?: number;
      readonly status?: number;
      readonly reason?: string;
    }
  | { readonly kind: "stopped"; readonly message: string }
  | { readonly kind: "aborted"; readonly message: string; readonly reason?: unknown };
