/**
 * The connection lifecycle of a Web PubSub client, as a statechart.
 *
 * Pure: the socket (which also runs the silence watchdog while `connected`, told by `WATCH` /
 * `UNWATCH`) and the URL source are actors that `src/` provides with
 * `clientMachine.provide({ actors })` (tests provide fakes); every timer is a named delay. The
 * machine owns the connection id, the reconnection token, the last sequence id and the group set.
 *
 * What it does not see, on purpose (see the cost table in the project design notes): acks
 * and invoke responses of application operations go straight from the socket actor to the
 * operation registry, and the registry writes their frames straight to the socket. The machine
 * tells the registry when the link may carry them through the `link.*` facts it emits.
 *
 * ```
 * stopped ──START──▶ running
 *   running.connecting: resolvingUrl → opening → handshaking → rejoining ──▶ connected
 *   connected ──SOCKET.CLOSED / LINK.SILENT / pong timeout──▶ dropped (choice)
 *   dropped ──[canRecover]──▶ recovering: attempting ⇄ waiting  (window: recoveryWindow)
 *   dropped ──[else]──▶ disconnected (choice) ──[autoReconnect]──▶ reconnecting ──▶ connecting
 *   any state with a socket ──STOP──▶ closing ──SOCKET.CLOSED / closeTimeout──▶ stopped
 *   states without a socket ──STOP──▶ stopped
 *   connected ──CLOCK.JUMPED / PAGE.SHOWN / NETWORK.OFFLINE──▶ liveness.probing (ping, pong timeout)
 *   connected.sequenceAck: idle ──SEQUENCE.UNACKED──▶ scheduled ──sequenceAckInterval / ack──▶ idle
 *     (entered with messages unacknowledged, after a recovery: ack at once)
 *   reconnecting, recovering.waiting ──NETWORK.ONLINE / PAGE.SHOWN / CLOCK.JUMPED──▶ attempt at once
 *   running ──PAGE.HIDDEN──▶ STOP
 * ```
 *
 * The `socket` actor also reports what a browser knows about the world (network, visibility,
 * wall-clock jumps after sleep, page unload: {@link EnvironmentEvent}); in Node it reports nothing.
 * (Not an actor of its own: each invoked actor costs every client ~1.5 KiB of heap.)
 */
import { assign, emit, enqueueActions, fromCallback, fromPromise, raise, sendTo, setup } from "xstate";
import type {
  AckMessageError,
  ConnectedMessage,
  DisconnectedMessage,
  GroupDataMessage,
  ServerDataMessage,
  UpstreamMessage,
} from "../src/protocol/messages.js";
import { CloseCode } from "../src/protocol/messages.js";
import type { UpgradeRefusal } from "../src/transport/socket.js";
import { InboundSequence, isNewSequence, needsImmediateAck } from "./inbound.js";
import { attemptDelayInMs, canRetry, type RetryPolicy } from "./retry.js";

/** Resolved options the machine runs with (the facade fills in the defaults). */
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
}

export interface ClientMachineInput {
  readonly config: ClientMachineConfig;
  /** Hands out ackIds from the same sequence as the operations' (rejoins need some). */
  readonly allocateAckId: () => number;
  /** A number in [0, 1) for jitter; `Math.random` unless a test pins it. */
  readonly random?: () => number;
  /**
   * Shared with the socket actor for the lean path of data messages (`machines/inbound.ts`);
   * without one the machine handles every data message itself.
   */
  readonly inbound?: InboundSequence;
}

/** What the socket actor is told to do. */
export type SocketCommand =
  | { readonly type: "OPEN"; readonly url: string }
  | { readonly type: "WRITE"; readonly message: UpstreamMessage }
  | { readonly type: "CLOSE"; readonly code: number; readonly reason: string }
  /** Drop the socket at once, with no close handshake and no `SOCKET.CLOSED` (a dead link). */
  | { readonly type: "TERMINATE" }
  /**
   * Start the silence watchdog (`src/runtime/watchdog.ts`): send `LINK.SILENT` when no frame has
   * arrived for `timeoutInMs` (0: never). Run by the socket actor, which stamps every inbound
   * frame, rather than by an actor of its own (each invoked actor costs a client ~1.5 KiB of heap).
   */
  | ({ readonly type: "WATCH" } & WatchdogInput)
  /** Stop the silence watchdog. */
  | { readonly type: "UNWATCH" };

/** The silence watchdog's setting: a link silent this long is dead (0: never). */
export interface WatchdogInput {
  readonly timeoutInMs: number;
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
  | {
      readonly type: "ACK.RECEIVED";
      readonly ackId: number;
      readonly success: boolean;
      readonly error?: AckMessageError;
    }
  | { readonly type: "LINK.SILENT" }
  /**
   * A message arrived while everything before it was acknowledged (reliable protocols): the
   * `sequenceAck` region starts its timer. The lean data path reports it (at most once per ack),
   * and so does `acceptMessage`.
   */
  | { readonly type: "SEQUENCE.UNACKED" }
  | EnvironmentEvent;

/**
 * Facts the `socket` actor reports about the environment (browsers, `src/runtime/environment.browser.ts`;
 * nothing in Node). Each one is a hint, never
 * proof: the machine answers with a cheap check or an early attempt, not with a verdict.
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

/**
 * What the machine emits. Lower-case dashed names are the facade's public events; `link.*` and
 * `start.failed` are facts for the operation registry and the `start()` promise.
 */
export type ClientEmitted =
  | { readonly type: "connected"; readonly connectionId: string; readonly userId: string }
  | {
      readonly type: "disconnected";
      readonly connectionId?: string;
      readonly message?: DisconnectedMessage;
      readonly code: number;
      readonly reason: string;
    }
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

/** Why the first connection failed: a close code, and the service's refusal when there was one. */
export interface StartFailureFacts {
  readonly message: string;
  readonly code?: number;
  /** The HTTP status of a refused upgrade (Node only). */
  readonly status?: number;
  /** The service's reason for it. */
  readonly reason?: string;
}

export interface ClientContext {
  readonly config: ClientMachineConfig;
  readonly allocateAckId: () => number;
  readonly random: () => number;
  /** The access URL of the current connection (recovery URLs are built from it). */
  readonly url: string | undefined;
  readonly connection: ConnectionInfo | undefined;
  /** `connected` was emitted for the current connection (so `disconnected` will be too). */
  readonly announced: boolean;
  /** A connection reached `connected` since `START` (before that, failures end `start()`). */
  readonly everConnected: boolean;
  /** While `connected` delegates to {@link ClientContext.inbound}, the current values are there. */
  readonly lastSequenceId: number;
  readonly ackedSequenceId: number;
  /** The sequence state shared with the socket actor while `connected` (see `machines/inbound.ts`). */
  readonly inbound: InboundSequence;
  /** Groups joined with `joinGroup` (in join order); rejoined on a new connection. */
  readonly groups: readonly string[];
  /** Rejoins in flight on the current connection: ackId → group. */
  readonly rejoins: Readonly<Record<number, string>>;
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

/** The recovery URL: the current connection's URL plus its id and reconnection token. */
export function buildRecoveryUrl(url: string, connection: ConnectionInfo): string {
  const parsed = new URL(url);
  parsed.searchParams.set("awps_connection_id", connection.connectionId);
  parsed.searchParams.set("awps_reconnection_token", connection.reconnectionToken);
  return parsed.toString();
}

function describeFailure(close: CloseInfo | undefined): StartFailureFacts {
  if (!close) return { message: "The connection failed" };
  const refusal = close.refusal;
  if (refusal !== undefined) {
    return {
      message: `The service refused the connection (HTTP ${refusal.status}${refusal.reason ? `: ${refusal.reason}` : ""})`,
      code: close.code,
      status: refusal.status,
      reason: refusal.reason,
    };
  }
  return {
    message: `The connection failed (close code ${close.code}${close.reason ? `: ${close.reason}` : ""})`,
    code: close.code,
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const DEFAULT_RECOVERY_CONFIRM_TIMEOUT_MS = 10_000;

const NORMAL_STOP: CloseInfo = { code: CloseCode.Normal, reason: "The client was stopped" };

export const clientMachine = setup({
  types: {
    context: {} as ClientContext,
    events: {} as ClientEvent,
    input: {} as ClientMachineInput,
    emitted: {} as ClientEmitted,
  },
  actors: {
    /**
     * The WebSocket: `src/transport/socket-actor.ts`. Receives {@link SocketCommand}s; also reports
     * {@link EnvironmentEvent}s while the client runs (browsers; `src/runtime/environment.browser.ts`).
     */
    socket: fromCallback<SocketCommand>(() => undefined),
    /** A fresh client access URL (the credential's `getClientAccessUrl`). */
    resolveUrl: fromPromise<string>(() => Promise.reject(new Error("resolveUrl is not provided"))),
  },
  delays: {
    keepAliveInterval: ({ context }) => context.config.keepAliveIntervalInMs,
    pongTimeout: ({ context }) => context.config.pongTimeoutInMs,
    /** How long a recovery socket may stay silent after our ping: the pong timeout, or 10 s when that is off. */
    recoveryConfirmTimeout: ({ context }) =>
      context.config.pongTimeoutInMs || DEFAULT_RECOVERY_CONFIRM_TIMEOUT_MS,
    /** How long a liveness probe waits for its pong: the pong timeout, or 10 s when that is off. */
    livenessProbeTimeout: ({ context }) =>
      context.config.pongTimeoutInMs || DEFAULT_RECOVERY_CONFIRM_TIMEOUT_MS,
    sequenceAckInterval: ({ context }) => context.config.sequenceAckIntervalInMs,
    recoveryWindow: ({ context }) => context.config.recoveryWindowInMs,
    /** Backoff (`machines/retry.ts`), or later if the service's refusal said when to come back. */
    recoveryDelay: ({ context }) =>
      attemptDelayInMs(
        context.config.recoveryRetry,
        context.recoveryAttempt + 1,
        context.random(),
        context.refusal?.retryAfterMs,
      ),
    /** The first attempt is immediate (unless the service said when); then backoff. */
    reconnectDelay: ({ context }) =>
      attemptDelayInMs(
        context.config.reconnectRetry,
        context.reconnectAttempt,
        context.random(),
        context.refusal?.retryAfterMs,
      ),
    connectTimeout: ({ context }) => context.config.connectTimeoutInMs,
    closeTimeout: ({ context }) => context.config.closeTimeoutInMs,
  },
  guards: {
    isFirstConnection: ({ context }) => !context.everConnected,
    canReconnect: ({ context }) =>
      context.config.autoReconnect && canRetry(context.config.reconnectRetry, context.reconnectAttempt + 1),
    isAutoReconnect: ({ context }) => context.config.autoReconnect,
    canRecover: ({ context }) =>
      context.config.reliable &&
      context.connection !== undefined &&
      context.connection.reconnectionToken !== "" &&
      // 1008: the session is gone; 1000: the service closed it on purpose (it removes the session).
      context.lastClose?.code !== CloseCode.PolicyViolation &&
      context.lastClose?.code !== CloseCode.Normal,
    isSessionGone: ({ event }) => event.type === "SOCKET.CLOSED" && event.code === CloseCode.PolicyViolation,
    rejoinsSettled: ({ context }) => Object.keys(context.rejoins).length === 0,
    isNewMessage: ({ context, event }) =>
      event.type === "MESSAGE.RECEIVED" && isNewSequence(context.lastSequenceId, event.message.sequenceId),
    isNotReliable: ({ context }) => !context.config.reliable,
    /** Something received is not acknowledged yet (read where `acknowledgeSequence` reads it). */
    hasUnackedSequence: ({ context }) => {
      const inbound = context.inbound;
      return inbound.delegated
        ? inbound.lastSequenceId !== inbound.ackedSequenceId
        : context.lastSequenceId !== context.ackedSequenceId;
    },
    isPingEnabled: ({ context }) => context.config.keepAliveIntervalInMs > 0,
    isPongTimeoutEnabled: ({ context }) => context.config.pongTimeoutInMs > 0,
  },
  actions: {
    beginRun: assign({
      everConnected: false,
      reconnectAttempt: 0,
      recoveryAttempt: 0,
      connection: undefined,
      announced: false,
      lastClose: undefined,
      refusal: undefined,
      disconnectedMessage: undefined,
      url: undefined,
    }),
    addGroup: assign({
      groups: ({ context, event }) =>
        event.type === "GROUP.JOINED" && !context.groups.includes(event.group)
          ? [...context.groups, event.group]
          : context.groups,
    }),
    removeGroup: assign({
      groups: ({ context, event }) =>
        event.type === "GROUP.LEFT" ? context.groups.filter((g) => g !== event.group) : context.groups,
    }),
    storeClose: assign(({ event }) => {
      if (event.type !== "SOCKET.CLOSED") return { lastClose: undefined };
      const refusal = event.refusal;
      return refusal === undefined
        ? { lastClose: { code: event.code, reason: event.reason }, refusal }
        : { lastClose: { code: event.code, reason: event.reason, refusal }, refusal };
    }),
    /** A recovery attempt failed: keep how the service refused it (for its `Retry-After`). */
    storeRefusal: assign({
      refusal: ({ event }) => (event.type === "SOCKET.CLOSED" ? event.refusal : undefined),
    }),
    storeSilence: assign({
      lastClose: ({ context }) => ({
        code: CloseCode.Abnormal,
        reason: `No frame received for ${context.config.keepAliveTimeoutInMs} ms (keep-alive timeout)`,
      }),
    }),
    storePongTimeout: assign({
      lastClose: ({ context }) => ({
        code: CloseCode.Abnormal,
        reason: `No pong received ${context.config.pongTimeoutInMs} ms after a ping`,
      }),
    }),
    storeLivenessTimeout: assign({
      lastClose: ({ context }) => ({
        code: CloseCode.Abnormal,
        reason: `No pong received ${context.config.pongTimeoutInMs || DEFAULT_RECOVERY_CONFIRM_TIMEOUT_MS} ms after a liveness probe`,
      }),
    }),
    storeConnectTimeout: assign({
      lastClose: ({ context }) => ({
        code: CloseCode.Abnormal,
        reason: `The connection was not ready within ${context.config.connectTimeoutInMs} ms`,
      }),
    }),
    storeDisconnectedMessage: assign({
      disconnectedMessage: ({ event, context }) =>
        event.type === "FRAME.DISCONNECTED" ? event.message : context.disconnectedMessage,
    }),
    openSocket: sendTo("socket", ({ context }): SocketCommand => ({ type: "OPEN", url: context.url ?? "" })),
    openRecoverySocket: sendTo("socket", ({ context }): SocketCommand => ({
      type: "OPEN",
      url: context.url && context.connection ? buildRecoveryUrl(context.url, context.connection) : "",
    })),
    closeSocket: sendTo("socket", (): SocketCommand => ({
      type: "CLOSE",
      code: NORMAL_STOP.code,
      reason: NORMAL_STOP.reason,
    })),
    terminateSocket: sendTo("socket", (): SocketCommand => ({ type: "TERMINATE" })),
    /** The silence watchdog runs while connected: `LINK.SILENT` after `keepAliveTimeoutInMs` of silence. */
    watchLink: sendTo("socket", ({ context }): SocketCommand => ({
      type: "WATCH",
      timeoutInMs: context.config.keepAliveTimeoutInMs,
    })),
    unwatchLink: sendTo("socket", (): SocketCommand => ({ type: "UNWATCH" })),
    writePing: sendTo("socket", (): SocketCommand => ({ type: "WRITE", message: { kind: "ping" } })),
    /** A new connection: a fresh sequence, the service's ids and token. */
    storeConnection: assign({
      connection: ({ event, context }) =>
        event.type === "FRAME.CONNECTED"
          ? {
              connectionId: event.message.connectionId,
              userId: event.message.userId,
              reconnectionToken: event.message.reconnectionToken,
            }
          : context.connection,
      announced: false,
      lastSequenceId: 0,
      ackedSequenceId: 0,
      disconnectedMessage: undefined,
    }),
    /** A `connected` frame on a recovered connection only refreshes the token. */
    updateReconnectionToken: assign({
      connection: ({ event, context }) =>
        event.type === "FRAME.CONNECTED" && context.connection && event.message.reconnectionToken
          ? { ...context.connection, reconnectionToken: event.message.reconnectionToken }
          : context.connection,
    }),
    writeRejoins: enqueueActions(({ context, enqueue }) => {
      if (!context.config.autoRejoinGroups || context.groups.length === 0) {
        enqueue.assign({ rejoins: {} });
        return;
      }
      const rejoins: Record<number, string> = {};
      for (const group of context.groups) {
        const ackId = context.allocateAckId();
        rejoins[ackId] = group;
        const command: SocketCommand = { type: "WRITE", message: { kind: "joinGroup", group, ackId } };
        enqueue.sendTo("socket", command);
      }
      enqueue.assign({ rejoins });
    }),
    settleRejoin: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== "ACK.RECEIVED") return;
      const group = context.rejoins[event.ackId];
      if (group === undefined) return;
      const rejoins = { ...context.rejoins };
      delete rejoins[event.ackId];
      enqueue.assign({ rejoins });
      const succeeded = event.success || event.error?.name === "Duplicate";
      if (!succeeded) {
        // The client is not in the group any more: keep the group set truthful.
        enqueue.assign({ groups: context.groups.filter((g) => g !== group) });
        enqueue.emit({
          type: "rejoin-group-failed",
          group,
          error: event.error ?? { name: "Unknown", message: "The service refused to rejoin the group" },
        });
      }
    }),
    /** Fresh connection ready: release queued operations first, then tell the application. */
    announceConnection: enqueueActions(({ context, enqueue }) => {
      enqueue.assign({ announced: true, everConnected: true, reconnectAttempt: 0 });
      enqueue.emit({ type: "link.ready", resumed: false });
      if (context.connection) {
        enqueue.emit({
          type: "connected",
          connectionId: context.connection.connectionId,
          userId: context.connection.userId,
        });
      }
    }),
    beginRecovery: enqueueActions(({ context, enqueue }) => {
      enqueue.assign({ recoveryAttempt: 0 });
      enqueue.emit({ type: "link.suspended" });
      enqueue.emit({
        type: "recovering",
        connectionId: context.connection?.connectionId ?? "",
        code: context.lastClose?.code ?? CloseCode.Abnormal,
        reason: context.lastClose?.reason ?? "",
      });
    }),
    countRecoveryAttempt: assign({
      recoveryAttempt: ({ context }) => context.recoveryAttempt + 1,
      refusal: undefined,
    }),
    /** The recovery socket opened: the service replays what we missed; re-send unacked operations. */
    resumeConnection: enqueueActions(({ context, enqueue }) => {
      enqueue.emit({ type: "link.ready", resumed: true });
      enqueue.emit({ type: "recovered", connectionId: context.connection?.connectionId ?? "" });
    }),
    /** The connection is gone for good. */
    endConnection: enqueueActions(({ context, enqueue }) => {
      enqueue.emit({ type: "link.lost" });
      if (context.announced) {
        const close = context.lastClose ?? NORMAL_STOP;
        const disconnected: {
          type: "disconnected";
          connectionId?: string;
          message?: DisconnectedMessage;
          code: number;
          reason: string;
        } = { type: "disconnected", code: close.code, reason: close.reason };
        if (context.connection) disconnected.connectionId = context.connection.connectionId;
        if (context.disconnectedMessage) disconnected.message = context.disconnectedMessage;
        enqueue.emit(disconnected);
      }
      enqueue.assign({
        connection: undefined,
        announced: false,
        disconnectedMessage: undefined,
        lastSequenceId: 0,
        ackedSequenceId: 0,
      });
    }),
    /** A connection attempt failed before it was announced: forget what it told us. */
    forgetConnection: assign({ connection: undefined, announced: false, rejoins: {} }),
    startReconnecting: assign({ reconnectAttempt: 0 }),
    countReconnectAttempt: assign({ reconnectAttempt: ({ context }) => context.reconnectAttempt + 1 }),
    reportStartFailure: emit(({ context }) => ({
      type: "start.failed" as const,
      ...describeFailure(context.lastClose),
    })),
    emitStopped: emit({ type: "stopped" }),
    /** The page is going away: stop exactly as `stop()` does, so the service sees a clean 1000. */
    stopForPageHide: raise({ type: "STOP" }),
    /** `stop()` fails every pending operation with `stopped` at once, before any other fact. */
    stopOperations: emit({ type: "link.stopped" }),
    acceptMessage: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== "MESSAGE.RECEIVED") return;
      const message = event.message;
      if (message.sequenceId !== undefined) {
        const last = message.sequenceId;
        // Ack at once when far ahead of the last ack, so the service's buffer never fills up.
        if (
          context.config.reliable &&
          needsImmediateAck(last, context.ackedSequenceId, context.config.sequenceAckGapThreshold) &&
          context.connection !== undefined
        ) {
          const command: SocketCommand = {
            type: "WRITE",
            message: { kind: "sequenceAck", sequenceId: last },
          };
          enqueue.sendTo("socket", command);
          enqueue.assign({ lastSequenceId: last, ackedSequenceId: last });
        } else {
          enqueue.assign({ lastSequenceId: last });
          // The first message left unacknowledged: the `sequenceAck` region (when connected) starts its timer.
          if (context.config.reliable && context.lastSequenceId === context.ackedSequenceId) {
            enqueue.raise({ type: "SEQUENCE.UNACKED" });
          }
        }
      }
      if (message.kind === "groupData") enqueue.emit({ type: "group-message", message });
      else enqueue.emit({ type: "server-message", message });
    }),
    acknowledgeSequence: enqueueActions(({ context, enqueue }) => {
      // While `connected` delegates, the lean data path holds the current ids (it only runs there).
      const inbound = context.inbound;
      const last = inbound.delegated ? inbound.lastSequenceId : context.lastSequenceId;
      const acked = inbound.delegated ? inbound.ackedSequenceId : context.ackedSequenceId;
      if (last === acked) return;
      const command: SocketCommand = {
        type: "WRITE",
        message: { kind: "sequenceAck", sequenceId: last },
      };
      enqueue.sendTo("socket", command);
      if (inbound.delegated) inbound.ackedSequenceId = last;
      else enqueue.assign({ ackedSequenceId: last });
    }),
    /**
     * Entering `connected`: the socket actor takes over data messages (sequence check, immediate
     * ack, delivery) from the context's ids, without a transition per message. A plain action,
     * so it runs only in a live actor, never in a pure `transition()`.
     */
    delegateInbound: ({ context }) => {
      const inbound = context.inbound;
      if (!inbound.lean) return;
      inbound.lastSequenceId = context.lastSequenceId;
      inbound.ackedSequenceId = context.ackedSequenceId;
      inbound.delegated = true;
    },
    /** Leaving `connected`: the ids come back into the context; data messages go through the machine again. */
    reclaimInbound: assign(({ context }) => {
      const inbound = context.inbound;
      if (!inbound.delegated) return {};
      inbound.delegated = false;
      return { lastSequenceId: inbound.lastSequenceId, ackedSequenceId: inbound.ackedSequenceId };
    }),
  },
}).createMachine({
  id: "client",
  context: ({ input }) => ({
    config: input.config,
    allocateAckId: input.allocateAckId,
    random: input.random ?? Math.random,
    url: undefined,
    connection: undefined,
    announced: false,
    everConnected: false,
    lastSequenceId: 0,
    ackedSequenceId: 0,
    inbound: input.inbound ?? new InboundSequence(false),
    groups: [],
    rejoins: {},
    reconnectAttempt: 0,
    recoveryAttempt: 0,
    lastClose: undefined,
    refusal: undefined,
    disconnectedMessage: undefined,
  }),
  initial: "stopped",
  on: {
    // The group set outlives connections and runs (a restarted client rejoins them too).
    "GROUP.JOINED": { actions: "addGroup" },
    "GROUP.LEFT": { actions: "removeGroup" },
  },
  states: {
    stopped: {
      on: { START: { target: "running", actions: "beginRun" } },
    },
    running: {
      invoke: { id: "socket", src: "socket" },
      initial: "connecting",
      on: {
        "FRAME.DISCONNECTED": { actions: "storeDisconnectedMessage" },
        "PAGE.HIDDEN": { actions: "stopForPageHide" },
        // A message whose sequence id is not above the last one is a replay we already have:
        // no transition, so it is dropped.
        "MESSAGE.RECEIVED": { guard: "isNewMessage", actions: "acceptMessage" },
      },
      states: {
        connecting: {
          tags: "connecting",
          initial: "resolvingUrl",
          after: {
            connectTimeout: {
              target: "connectionFailed",
              actions: ["terminateSocket", "storeConnectTimeout"],
            },
          },
          on: {
            "SOCKET.CLOSED": { target: "connectionFailed", actions: "storeClose" },
          },
          states: {
            resolvingUrl: {
              invoke: {
                src: "resolveUrl",
                // A new attempt: the URL to use, and no refusal yet.
                onDone: {
                  target: "opening",
                  actions: assign({ url: ({ event }) => event.output, refusal: undefined }),
                },
                onError: {
                  target: "#client.running.connectionFailed",
                  actions: assign({
                    lastClose: ({ event }) => ({
                      code: CloseCode.Abnormal,
                      reason: `Could not get a client access URL: ${describeError(event.error)}`,
                    }),
                  }),
                },
              },
              on: { STOP: { target: "#client.stopped", actions: ["stopOperations", "emitStopped"] } },
            },
            opening: {
              entry: "openSocket",
              on: {
                "SOCKET.OPENED": "handshaking",
                STOP: "#client.running.closing",
              },
            },
            handshaking: {
              on: {
                "FRAME.CONNECTED": { target: "rejoining", actions: "storeConnection" },
                STOP: "#client.running.closing",
              },
            },
            rejoining: {
              entry: "writeRejoins",
              always: {
                guard: "rejoinsSettled",
                target: "#client.running.connected",
                actions: "announceConnection",
              },
              on: {
                "ACK.RECEIVED": { actions: "settleRejoin" },
                STOP: "#client.running.closing",
              },
            },
          },
        },
        /** Choice: a new connection could not be made. */
        connectionFailed: {
          // Rejoins in flight are simply sent again on the next connection: the groups stay in the set.
          entry: "forgetConnection",
          always: [
            { guard: "isFirstConnection", target: "#client.stopped", actions: "reportStartFailure" },
            { guard: "canReconnect", target: "reconnecting", actions: "countReconnectAttempt" },
            { target: "#client.stopped", actions: "emitStopped" },
          ],
        },
        connected: {
          tags: "connected",
          type: "parallel",
          // Data messages take the lean path while connected (machines/inbound.ts).
          entry: ["delegateInbound", "watchLink"],
          exit: ["reclaimInbound", "unwatchLink"],
          on: {
            "SOCKET.CLOSED": { target: "dropped", actions: "storeClose" },
            "LINK.SILENT": { target: "dropped", actions: ["terminateSocket", "storeSilence"] },
            "FRAME.CONNECTED": { actions: "updateReconnectionToken" },
            STOP: "closing",
          },
          states: {
            keepAlive: {
              initial: "configuring",
              states: {
                configuring: {
                  always: [{ guard: "isPingEnabled", target: "idle" }, { target: "disabled" }],
                },
                idle: {
                  after: {
                    keepAliveInterval: [
                      { guard: "isPongTimeoutEnabled", target: "awaitingPong", actions: "writePing" },
                      { target: "idle", reenter: true, actions: "writePing" },
                    ],
                  },
                },
                awaitingPong: {
                  on: { "PONG.RECEIVED": "idle" },
                  after: {
                    pongTimeout: {
                      target: "#client.running.dropped",
                      actions: ["terminateSocket", "storePongTimeout"],
                    },
                  },
                },
                disabled: {},
              },
            },
            /**
             * A hint that the link may be dead (the machine slept, the page was in the background,
             * the network went away) is checked at once instead of at the next keep-alive, which a
             * sleeping or throttled page may never reach: a ping must be answered in time.
             */
            liveness: {
              initial: "assumed",
              states: {
                assumed: {
                  on: {
                    "CLOCK.JUMPED": { target: "probing", actions: "writePing" },
                    "PAGE.SHOWN": { target: "probing", actions: "writePing" },
                    "NETWORK.OFFLINE": { target: "probing", actions: "writePing" },
                  },
                },
                probing: {
                  on: { "PONG.RECEIVED": "assumed" },
                  after: {
                    livenessProbeTimeout: {
                      target: "#client.running.dropped",
                      actions: ["terminateSocket", "storeLivenessTimeout"],
                    },
                  },
                },
              },
            },
            /**
             * Received messages are acknowledged one interval after the first one left unacknowledged
             * (and at once past the gap threshold, by `acceptMessage` or the lean path). With nothing
             * to acknowledge there is no timer: an idle connection never wakes up for this. A
             * connection that begins with messages unacknowledged (a recovery) acknowledges them at
             * once: the interval restarts with every connection, so a link that drops more often than
             * that would otherwise never acknowledge, and the service would replay, and buffer, an
             * ever longer backlog on each recovery until it overflowed.
             */
            sequenceAck: {
              initial: "configuring",
              states: {
                configuring: {
                  always: [
                    { guard: "isNotReliable", target: "disabled" },
                    { guard: "hasUnackedSequence", target: "idle", actions: "acknowledgeSequence" },
                    { target: "idle" },
                  ],
                },
                idle: {
                  on: { "SEQUENCE.UNACKED": "scheduled" },
                },
                scheduled: {
                  after: {
                    sequenceAckInterval: { target: "idle", actions: "acknowledgeSequence" },
                  },
                },
                disabled: {},
              },
            },
          },
        },
        /** Choice: the link of an announced connection was lost. */
        dropped: {
          always: [
            { guard: "canRecover", target: "recovering", actions: "beginRecovery" },
            { target: "disconnected" },
          ],
        },
        recovering: {
          tags: "recovering",
          initial: "attempting",
          after: {
            recoveryWindow: { target: "disconnected", actions: "terminateSocket" },
          },
          states: {
            attempting: {
              entry: "openRecoverySocket",
              on: {
                "SOCKET.OPENED": "confirming",
                "SOCKET.CLOSED": [
                  { guard: "isSessionGone", target: "#client.running.disconnected", actions: "storeClose" },
                  { target: "waiting", actions: "storeRefusal" },
                ],
                STOP: "#client.running.closing",
              },
            },
            /**
             * The service accepts a recovery upgrade before it looks the session up, and closes
             * with 1008 when it is gone: an open socket proves nothing yet. The first frame back
             * (the answer to this ping at the latest) does; until then nothing is re-sent, so an
             * operation is never put in doubt by a recovery that was not one.
             */
            confirming: {
              entry: "writePing",
              on: {
                "PONG.RECEIVED": { target: "#client.running.connected", actions: "resumeConnection" },
                "FRAME.CONNECTED": {
                  target: "#client.running.connected",
                  actions: ["updateReconnectionToken", "resumeConnection"],
                },
                // A replayed message confirms too; it is delivered after `recovered`.
                "MESSAGE.RECEIVED": [
                  {
                    guard: "isNewMessage",
                    target: "#client.running.connected",
                    actions: ["resumeConnection", "acceptMessage"],
                  },
                  { target: "#client.running.connected", actions: "resumeConnection" },
                ],
                "SOCKET.CLOSED": [
                  { guard: "isSessionGone", target: "#client.running.disconnected", actions: "storeClose" },
                  { target: "waiting", actions: "storeRefusal" },
                ],
                STOP: "#client.running.closing",
              },
              after: {
                recoveryConfirmTimeout: { target: "waiting", actions: "terminateSocket" },
              },
            },
            waiting: {
              after: { recoveryDelay: { target: "attempting", actions: "countRecoveryAttempt" } },
              on: {
                // The network is back or the machine woke up: the delay was for nothing, try now.
                "NETWORK.ONLINE": { target: "attempting", actions: "countRecoveryAttempt" },
                "PAGE.SHOWN": { target: "attempting", actions: "countRecoveryAttempt" },
                "CLOCK.JUMPED": { target: "attempting", actions: "countRecoveryAttempt" },
                STOP: {
                  target: "#client.stopped",
                  actions: ["stopOperations", "endConnection", "emitStopped"],
                },
              },
            },
          },
        },
        /** Choice: the connection is gone for good. */
        disconnected: {
          entry: "endConnection",
          always: [
            { guard: "isAutoReconnect", target: "reconnecting", actions: "startReconnecting" },
            { target: "#client.stopped", actions: "emitStopped" },
          ],
        },
        reconnecting: {
          tags: "reconnecting",
          after: { reconnectDelay: "connecting" },
          on: {
            STOP: { target: "#client.stopped", actions: ["stopOperations", "emitStopped"] },
            // The backoff waits for the world to change; these say it did.
            "NETWORK.ONLINE": "connecting",
            "PAGE.SHOWN": "connecting",
            "CLOCK.JUMPED": "connecting",
          },
        },
        closing: {
          tags: "stopping",
          entry: ["stopOperations", "closeSocket"],
          on: {
            "SOCKET.CLOSED": {
              target: "#client.stopped",
              actions: ["storeClose", "endConnection", "emitStopped"],
            },
          },
          after: {
            closeTimeout: { target: "#client.stopped", actions: ["endConnection", "emitStopped"] },
          },
        },
      },
    },
  },
});

/** The public names of the states, read from the tags of the current state. */
export type ClientStateTag = "connecting" | "connected" | "recovering" | "reconnecting" | "stopping";
