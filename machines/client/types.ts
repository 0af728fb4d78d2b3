/**
 * The client machine's vocabulary: its configuration, input, context, the events it hears, the
 * commands it gives the socket actor and the facts it emits. Types only.
 */
import type {
  ConnectedMessage,
  DisconnectedMessage,
  GroupDataMessage,
  ServerDataMessage,
  UpstreamMessage,
  AckMessageError,
} from "../../src/protocol/messages.js";
import type { UpgradeRefusal } from "../../src/transport/socket.js";
import type { RetryPolicy } from "../rules/retry.js";

/** Resolved options the machine runs with (the runtime fills in the defaults). */
export interface ClientMachineConfig {
  /** The subprotocol numbers data messages and supports recovery. */
  readonly reliable: boolean;
  readonly autoReconnect: boolean;
  readonly autoRejoinGroups: boolean;
  /** 0 disables pings. */
  readonly keepAliveIntervalInMs: number;
  /** 0 disables the silence watchdog. */
  readonly keepAliveTimeoutInMs: number;
  /** 0: a ping may stay unanswered (only the watchdog then finds a dead link). */
  readonly pongTimeoutInMs: number;
  readonly sequenceAckIntervalInMs: number;
  readonly sequenceAckGapThreshold: number;
  readonly recoveryWindowInMs: number;
  /** Delays between recovery attempts; the first attempt is immediate. */
  readonly recoveryRetry: RetryPolicy;
  /** Delays between attempts at a new connection; the first attempt is immediate. */
  readonly reconnectRetry: RetryPolicy;
  /** How long a new connection may take from URL to `system/connected` and rejoined groups. */
  readonly connectTimeoutInMs: number;
  /** How long `stop()` waits for the close handshake before dropping the socket. */
  readonly closeTimeoutInMs: number;
  /**
   * While `connected`, the socket actor delivers data messages itself, by the machine's rule
   * (`machines/rules/inbound.ts`), without a transition per message (direct delivery). False
   * when an inspector is attached, so that every message shows as a `MESSAGE.RECEIVED` event.
   */
  readonly directDelivery: boolean;
}

export interface ClientMachineInput {
  readonly config: ClientMachineConfig;
  /** Seeds the jitter of backoff delays (`jitterDraw`); a random one per client, fixed in tests. */
  readonly seed?: number;
}

/** What the socket actor is told to do (the machine's effects on the world). */
export type SocketCommand =
  | { readonly type: "OPEN"; readonly url: string }
  | { readonly type: "WRITE"; readonly message: UpstreamMessage }
  | { readonly type: "CLOSE"; readonly code: number; readonly reason: string }
  /** Drop the socket at once, with no close handshake and no `SOCKET.CLOSED` (a dead link). */
  | { readonly type: "TERMINATE" }
  /**
   * Start the silence watchdog: send `LINK.SILENT` when no frame has arrived for `timeoutInMs`
   * (0: never). Run by the socket actor, which stamps every inbound frame, rather than by an actor
   * of its own (each invoked actor costs a client ~1.5 KiB of heap).
   */
  | { readonly type: "WATCH"; readonly timeoutInMs: number }
  /** Stop the silence watchdog. */
  | { readonly type: "UNWATCH" }
  /**
   * Join these groups again on the new connection: one `joinGroup` each, with ackIds from the
   * client's one allocator; each ack comes back as `REJOIN.ACKED`.
   */
  | { readonly type: "REJOIN"; readonly groups: readonly string[] }
  /** Deliver data messages directly from this sequence state (entering `connected`). */
  | ({ readonly type: "DELEGATE"; readonly connectionId: string } & SequenceIds)
  /** Stop delivering directly; send the sequence state back as `SEQUENCE.RECLAIMED` (leaving `connected`). */
  | { readonly type: "RECLAIM" }
  /** Send `sequenceAck` for the directly delivered messages, if any is unacknowledged. */
  | { readonly type: "ACKNOWLEDGE" };

/** A receiver's sequence ids. */
export interface SequenceIds {
  readonly lastSequenceId: number;
  readonly ackedSequenceId: number;
}

/** A close, or a failure that ended a connection attempt. */
export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
  /** The service refused the upgrade with an HTTP error (Node only: browsers hide it). */
  readonly refusal?: UpgradeRefusal;
}

export interface ConnectionInfo {
  readonly connectionId: string;
  readonly userId: string;
  readonly reconnectionToken: string;
}

/** Events of the client machine: facts from the facade and the socket actor (and its watchdog). */
export type ClientEvent =
  | { readonly type: "START" }
  | { readonly type: "STOP" }
  /** A `joinGroup` operation succeeded (the runtime, from the operation's outcome). */
  | { readonly type: "GROUP.JOINED"; readonly group: string }
  | { readonly type: "GROUP.LEFT"; readonly group: string }
  | { readonly type: "SOCKET.OPENED" }
  | {
      readonly type: "SOCKET.CLOSED";
      readonly code: number;
      readonly reason: string;
      readonly refusal?: UpgradeRefusal;
    }
  | { readonly type: "FRAME.CONNECTED"; readonly message: ConnectedMessage }
  | { readonly type: "FRAME.DISCONNECTED"; readonly message: DisconnectedMessage }
  | { readonly type: "MESSAGE.RECEIVED"; readonly message: GroupDataMessage | ServerDataMessage }
  | { readonly type: "PONG.RECEIVED" }
  /** The ack of a rejoin the machine asked for (`REJOIN`). */
  | {
      readonly type: "REJOIN.ACKED";
      readonly group: string;
      readonly success: boolean;
      readonly error?: AckMessageError;
    }
  | { readonly type: "LINK.SILENT" }
  /**
   * A message arrived while everything before it was acknowledged (reliable protocols): the
   * `sequenceAck` region starts its timer. Direct delivery reports it (at most once per ack), and
   * so does `acceptMessage`.
   */
  | { readonly type: "SEQUENCE.UNACKED" }
  /** The sequence state direct delivery ended with (the answer to `RECLAIM`). */
  | ({ readonly type: "SEQUENCE.RECLAIMED"; readonly connectionId: string } & SequenceIds)
  | EnvironmentEvent;

/**
 * Facts the `socket` actor reports about the environment (browsers, `src/runtime/environment.browser.ts`;
 * nothing in Node). Each one is a hint, never proof: the machine answers with a cheap check or an
 * early attempt, not with a verdict.
 */
export type EnvironmentEvent =
  /** `online`: the network is back, so a pending reconnect or recovery should not wait. */
  | { readonly type: "NETWORK.ONLINE" }
  /** `offline`: the socket may be dead without knowing it. */
  | { readonly type: "NETWORK.OFFLINE" }
  /** The wall clock moved much further than the timers did: the machine slept or was frozen. */
  | { readonly type: "CLOCK.JUMPED"; readonly driftInMs: number }
  /** The page is visible again after being hidden, or came back from the back/forward cache. */
  | { readonly type: "PAGE.SHOWN" }
  /** `pagehide`: the page is being unloaded (or frozen into the back/forward cache). */
  | { readonly type: "PAGE.HIDDEN" };

/** Why the first connection failed: a close code, and the service's refusal when there was one. */
export interface StartFailureFacts {
  readonly message: string;
  readonly code?: number;
  /** The HTTP status of a refused upgrade (Node only). */
  readonly status?: number;
  /** The service's reason for it. */
  readonly reason?: string;
}

/** The facade's public `disconnected` event, as the machine emits it. */
export interface DisconnectedFacts {
  readonly connectionId?: string;
  readonly message?: DisconnectedMessage;
  readonly code: number;
  readonly reason: string;
}

/**
 * What the machine emits. Lower-case dashed names are the facade's public events; `link.*` and
 * `start.failed` are facts for the operations and the `start()` promise.
 */
export type ClientEmitted =
  | { readonly type: "connected"; readonly connectionId: string; readonly userId: string }
  | ({ readonly type: "disconnected" } & DisconnectedFacts)
  | { readonly type: "stopped" }
  | {
      readonly type: "recovering";
      readonly connectionId: string;
      readonly code: number;
      readonly reason: string;
    }
  | { readonly type: "recovered"; readonly connectionId: string }
  | { readonly type: "server-message"; readonly message: ServerDataMessage }
  | { readonly type: "group-message"; readonly message: GroupDataMessage }
  | { readonly type: "rejoin-group-failed"; readonly group: string; readonly error: AckMessageError }
  /** The link carries operations: write queued ones; on `resumed`, re-send written-but-unacked first. */
  | { readonly type: "link.ready"; readonly resumed: boolean }
  /** The link is down but the connection may be recovered: hold everything. */
  | { readonly type: "link.suspended" }
  /** The connection is gone for good: written-but-unacked operations are in doubt. */
  | { readonly type: "link.lost" }
  /** `stop()` was called: fail every pending operation with `stopped`. */
  | { readonly type: "link.stopped" }
  /** The first connection of a `start()` failed; the client is stopped again. */
  | ({ readonly type: "start.failed" } & StartFailureFacts);

/** Plain data only (no functions, no mutable objects): a transition computed twice is the same. */
export interface ClientContext extends SequenceIds {
  readonly config: ClientMachineConfig;
  readonly seed: number;
  /** The access URL of the current connection (recovery URLs are built from it). */
  readonly url: string | undefined;
  readonly connection: ConnectionInfo | undefined;
  /** `connected` was emitted for the current connection (so `disconnected` will be too). */
  readonly announced: boolean;
  /** A connection reached `connected` since `START` (before that, failures end `start()`). */
  readonly everConnected: boolean;
  /** The socket actor delivers data messages directly; the sequence ids here are those it started from. */
  readonly delegated: boolean;
  /** Groups joined with `joinGroup` (in join order); rejoined on a new connection. */
  readonly groups: readonly string[];
  /** Groups whose rejoin on the current connection is not acked yet. */
  readonly rejoins: readonly string[];
  /** Failed new-connection attempts in the current reconnect episode. */
  readonly reconnectAttempt: number;
  /** Recovery attempts in the current episode (the first one is 0). */
  readonly recoveryAttempt: number;
  readonly lastClose: CloseInfo | undefined;
  /**
   * How the service refused the latest connection attempt, if it did: its `Retry-After` sets the
   * earliest next attempt. Cleared when the next attempt begins.
   */
  readonly refusal: UpgradeRefusal | undefined;
  readonly disconnectedMessage: DisconnectedMessage | undefined;
}

/** The public names of the states, read from the tags of the current state. */
export type ClientStateTag = "connecting" | "connected" | "recovering" | "reconnecting" | "stopping";
