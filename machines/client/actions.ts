/**
 * The client machine's actions. Transitions compute: every action here is an `assign`, an `emit`,
 * a `raise` or a command to the socket actor (`sendTo("socket", …)`), so computing a transition
 * changes nothing outside the snapshot it returns; the socket actor the runtime provides carries
 * the commands out. Events are narrowed with `assertEvent`.
 */
import { assertEvent, assign, emit, enqueueActions, raise, sendTo, type ActorRefFrom } from "xstate";
import { CloseCode, type DisconnectedMessage } from "../../src/protocol/messages.js";
import { classifyAck } from "../rules/ack.js";
import { acceptInbound } from "../rules/inbound.js";
import type { ClientActors, actors } from "./actors.js";
import type { ClientDelay } from "./delays.js";
import { DEFAULT_CONFIRM_TIMEOUT_MS } from "./delays.js";
import type {
  ClientContext,
  ClientEmitted,
  ClientEvent,
  CloseInfo,
  ConnectionInfo,
  DisconnectedFacts,
  SocketCommand,
  StartFailureFacts,
} from "./types.js";

type Context = ClientContext;
type Event = ClientEvent;
type Socket = ActorRefFrom<typeof actors.socket>;

// XState's action creators, typed once for this machine.
const update = assign<Context, Event, undefined, Event, ClientActors>;
const tell = emit<Context, Event, undefined, Event, ClientEmitted>;
const command = (make: (args: { context: Context; event: Event }) => SocketCommand) =>
  sendTo<Context, Event, undefined, Socket, Event, ClientDelay>("socket", make);
const decide = enqueueActions<
  Context,
  Event,
  undefined,
  Event,
  ClientActors,
  never,
  never,
  ClientDelay,
  ClientEmitted
>;

const NORMAL_STOP: CloseInfo = { code: CloseCode.Normal, reason: "The client was stopped" };

/** The recovery URL: the current connection's URL plus its id and reconnection token. */
export function buildRecoveryUrl(url: string, connection: ConnectionInfo): string {
  const parsed = new URL(url);
  parsed.searchParams.set("awps_connection_id", connection.connectionId);
  parsed.searchParams.set("awps_reconnection_token", connection.reconnectionToken);
  return parsed.toString();
}

/** Why the first connection failed, for `start()`. */
export function describeFailure(close: CloseInfo | undefined): StartFailureFacts {
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

/** A close the machine decided on (a timeout), as the reason it reports. */
function abnormal(reason: string): { lastClose: CloseInfo } {
  return { lastClose: { code: CloseCode.Abnormal, reason } };
}

export const actions = {
  beginRun: update({
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
  addGroup: update(({ context, event }) => {
    assertEvent(event, "GROUP.JOINED");
    return context.groups.includes(event.group) ? {} : { groups: [...context.groups, event.group] };
  }),
  removeGroup: update(({ context, event }) => {
    assertEvent(event, "GROUP.LEFT");
    return { groups: context.groups.filter((g) => g !== event.group) };
  }),

  // -- what ended a connection or an attempt -----------------------------------------------------
  storeClose: update(({ event }) => {
    assertEvent(event, "SOCKET.CLOSED");
    const { code, reason, refusal } = event;
    return { lastClose: refusal === undefined ? { code, reason } : { code, reason, refusal }, refusal };
  }),
  /** A recovery attempt failed: keep how the service refused it (for its `Retry-After`). */
  storeRefusal: update(({ event }) => {
    assertEvent(event, "SOCKET.CLOSED");
    return { refusal: event.refusal };
  }),
  storeSilence: update(({ context }) =>
    abnormal(`No frame received for ${context.config.keepAliveTimeoutInMs} ms (keep-alive timeout)`),
  ),
  storePongTimeout: update(({ context }) =>
    abnormal(`No pong received ${context.config.pongTimeoutInMs} ms after a ping`),
  ),
  storeLivenessTimeout: update(({ context }) =>
    abnormal(
      `No pong received ${context.config.pongTimeoutInMs || DEFAULT_CONFIRM_TIMEOUT_MS} ms after a liveness probe`,
    ),
  ),
  storeConnectTimeout: update(({ context }) =>
    abnormal(`The connection was not ready within ${context.config.connectTimeoutInMs} ms`),
  ),
  /** A new attempt begins with a fresh URL (the action's param) and no refusal yet. */
  storeUrl: assign<Context, Event, { url: string }, Event, ClientActors>((_, params) => ({
    url: params.url,
    refusal: undefined,
  })),
  storeUrlFailure: assign<Context, Event, { error: unknown }, Event, ClientActors>((_, params) =>
    abnormal(`Could not get a client access URL: ${describeError(params.error)}`),
  ),
  storeDisconnectedMessage: update(({ event }) => {
    assertEvent(event, "FRAME.DISCONNECTED");
    return { disconnectedMessage: event.message };
  }),

  // -- the socket --------------------------------------------------------------------------------
  openSocket: command(({ context }) => ({ type: "OPEN", url: context.url ?? "" })),
  openRecoverySocket: command(({ context }) => ({
    type: "OPEN",
    url: context.url && context.connection ? buildRecoveryUrl(context.url, context.connection) : "",
  })),
  closeSocket: command(() => ({ type: "CLOSE", code: NORMAL_STOP.code, reason: NORMAL_STOP.reason })),
  terminateSocket: command(() => ({ type: "TERMINATE" })),
  /** The silence watchdog runs while connected: `LINK.SILENT` after `keepAliveTimeoutInMs` of silence. */
  watchLink: command(({ context }) => ({ type: "WATCH", timeoutInMs: context.config.keepAliveTimeoutInMs })),
  unwatchLink: command(() => ({ type: "UNWATCH" })),
  writePing: command(() => ({ type: "WRITE", message: { kind: "ping" } })),

  // -- the connection ----------------------------------------------------------------------------
  /** A new connection: a fresh sequence, the service's ids and token. */
  storeConnection: update(({ event }) => {
    assertEvent(event, "FRAME.CONNECTED");
    const { connectionId, userId, reconnectionToken } = event.message;
    return {
      connection: { connectionId, userId, reconnectionToken },
      announced: false,
      lastSequenceId: 0,
      ackedSequenceId: 0,
      disconnectedMessage: undefined,
    };
  }),
  /** A `connected` frame on a recovered connection only refreshes the token. */
  updateReconnectionToken: update(({ context, event }) => {
    assertEvent(event, "FRAME.CONNECTED");
    const token = event.message.reconnectionToken;
    return context.connection && token
      ? { connection: { ...context.connection, reconnectionToken: token } }
      : {};
  }),
  /** Asks the socket actor to rejoin the group set on the new connection; their acks settle `rejoins`. */
  requestRejoins: decide(({ context, enqueue }) => {
    const groups = context.config.autoRejoinGroups ? context.groups : [];
    enqueue.assign({ rejoins: groups });
    if (groups.length > 0) enqueue.sendTo("socket", { type: "REJOIN", groups } satisfies SocketCommand);
  }),
  settleRejoin: decide(({ context, event, enqueue }) => {
    assertEvent(event, "REJOIN.ACKED");
    const group = event.group;
    if (!context.rejoins.includes(group)) return;
    enqueue.assign({ rejoins: context.rejoins.filter((g) => g !== group) });
    const outcome = classifyAck(event);
    if (outcome.status === "rejected") {
      // The client is not in the group any more: keep the group set truthful.
      enqueue.assign({ groups: context.groups.filter((g) => g !== group) });
      enqueue.emit({ type: "rejoin-group-failed", group, error: outcome.error });
    }
  }),
  /** Fresh connection ready: release queued operations first, then tell the application. */
  announceConnection: decide(({ context, enqueue }) => {
    enqueue.assign({ announced: true, everConnected: true, reconnectAttempt: 0 });
    enqueue.emit({ type: "link.ready", resumed: false });
    if (context.connection) {
      const { connectionId, userId } = context.connection;
      enqueue.emit({ type: "connected", connectionId, userId });
    }
  }),
  beginRecovery: decide(({ context, enqueue }) => {
    enqueue.assign({ recoveryAttempt: 0 });
    enqueue.emit({ type: "link.suspended" });
    enqueue.emit({
      type: "recovering",
      connectionId: context.connection?.connectionId ?? "",
      code: context.lastClose?.code ?? CloseCode.Abnormal,
      reason: context.lastClose?.reason ?? "",
    });
  }),
  /** A new recovery attempt: the last one's refusal is spent. */
  countRecoveryAttempt: update(({ context }) => ({
    recoveryAttempt: context.recoveryAttempt + 1,
    refusal: undefined,
  })),
  /** The recovery is confirmed: the service replays what we missed; re-send unacked operations. */
  resumeConnection: decide(({ context, enqueue }) => {
    enqueue.emit({ type: "link.ready", resumed: true });
    enqueue.emit({ type: "recovered", connectionId: context.connection?.connectionId ?? "" });
  }),
  /** The connection is gone for good. */
  endConnection: decide(({ context, enqueue }) => {
    enqueue.emit({ type: "link.lost" });
    if (context.announced) {
      const close = context.lastClose ?? NORMAL_STOP;
      const facts: { -readonly [K in keyof DisconnectedFacts]: DisconnectedFacts[K] } = {
        code: close.code,
        reason: close.reason,
      };
      if (context.connection) facts.connectionId = context.connection.connectionId;
      if (context.disconnectedMessage) facts.message = context.disconnectedMessage as DisconnectedMessage;
      enqueue.emit({ type: "disconnected", ...facts });
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
  forgetConnection: update({ connection: undefined, announced: false, rejoins: [] }),
  startReconnecting: update({ reconnectAttempt: 0 }),
  countReconnectAttempt: update(({ context }) => ({ reconnectAttempt: context.reconnectAttempt + 1 })),
  reportStartFailure: tell(({ context }) => ({
    type: "start.failed",
    ...describeFailure(context.lastClose),
  })),
  emitStopped: tell({ type: "stopped" }),
  /** The page is going away: stop exactly as `stop()` does, so the service sees a clean 1000. */
  stopForPageHide: raise<Context, Event, Event, undefined, ClientDelay>({ type: "STOP" }),
  /** `stop()` fails every pending operation with `stopped` at once, before any other fact. */
  stopOperations: tell({ type: "link.stopped" }),

  // -- received data messages (`machines/rules/inbound.ts`) --------------------------------------
  acceptMessage: decide(({ context, event, enqueue }) => {
    assertEvent(event, "MESSAGE.RECEIVED");
    const message = event.message;
    const verdict = acceptInbound(context, message.sequenceId, {
      reliable: context.config.reliable,
      gapThreshold: context.config.sequenceAckGapThreshold,
    });
    if (!verdict.deliver) return;
    const { lastSequenceId, ackedSequenceId } = verdict.state;
    enqueue.assign({ lastSequenceId, ackedSequenceId });
    if (verdict.ackNow !== undefined) {
      enqueue.sendTo("socket", {
        type: "WRITE",
        message: { kind: "sequenceAck", sequenceId: verdict.ackNow },
      } satisfies SocketCommand);
    }
    // The first message left unacknowledged: the `sequenceAck` region (when connected) starts its timer.
    if (verdict.firstUnacked) enqueue.raise({ type: "SEQUENCE.UNACKED" });
    if (message.kind === "groupData") enqueue.emit({ type: "group-message", message });
    else enqueue.emit({ type: "server-message", message });
  }),
  /** One interval after the first unacknowledged message: ack the latest (direct delivery acks its own). */
  acknowledgeSequence: decide(({ context, enqueue }) => {
    if (context.delegated) {
      enqueue.sendTo("socket", { type: "ACKNOWLEDGE" } satisfies SocketCommand);
      return;
    }
    if (context.lastSequenceId === context.ackedSequenceId) return;
    enqueue.sendTo("socket", {
      type: "WRITE",
      message: { kind: "sequenceAck", sequenceId: context.lastSequenceId },
    } satisfies SocketCommand);
    enqueue.assign({ ackedSequenceId: context.lastSequenceId });
  }),
  /** Entering `connected`: the socket actor delivers data messages directly, from these ids. */
  delegateInbound: decide(({ context, enqueue }) => {
    if (!context.config.directDelivery || context.connection === undefined) return;
    enqueue.assign({ delegated: true });
    enqueue.sendTo("socket", {
      type: "DELEGATE",
      connectionId: context.connection.connectionId,
      lastSequenceId: context.lastSequenceId,
      ackedSequenceId: context.ackedSequenceId,
    } satisfies SocketCommand);
  }),
  /** Leaving `connected`: data messages come through the machine again; the ids come back as `SEQUENCE.RECLAIMED`. */
  reclaimInbound: decide(({ context, enqueue }) => {
    if (!context.delegated) return;
    enqueue.assign({ delegated: false });
    enqueue.sendTo("socket", { type: "RECLAIM" } satisfies SocketCommand);
  }),
  restoreSequence: update(({ event }) => {
    assertEvent(event, "SEQUENCE.RECLAIMED");
    return { lastSequenceId: event.lastSequenceId, ackedSequenceId: event.ackedSequenceId };
  }),
};
