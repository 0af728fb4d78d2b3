/**
 * `connected`: the link is up and announced. Three parallel regions watch it: `keepAlive` (pings,
 * and a pong timeout), `liveness` (a hint that the link may be dead is checked at once) and
 * `sequenceAck` (received messages are acknowledged). Data messages are delivered directly by the
 * socket actor while here (`delegateInbound` on entry, `reclaimInbound` on exit).
 *
 * ```
 * connected ─SOCKET.CLOSED / LINK.SILENT / pong or probe timeout─▶ dropped     connected ─STOP─▶ closing
 * keepAlive:   idle ─keepAliveInterval / ping─▶ awaitingPong ─PONG─▶ idle   (─pongTimeout─▶ dropped)
 * liveness:    assumed ─CLOCK.JUMPED / PAGE.SHOWN / NETWORK.OFFLINE / ping─▶ probing ─PONG─▶ assumed
 * sequenceAck: idle ─SEQUENCE.UNACKED─▶ scheduled ─sequenceAckInterval / ack─▶ idle
 * ```
 */
import { clientSetup } from "./setup.js";

const keepAlive = clientSetup.createStateConfig({
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
});

/**
 * A hint that the link may be dead (the machine slept, the page was in the background, the
 * network went away) is checked at once instead of at the next keep-alive, which a sleeping or
 * throttled page may never reach: a ping must be answered in time.
 */
const liveness = clientSetup.createStateConfig({
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
});

/**
 * Received messages are acknowledged one interval after the first one left unacknowledged (and at
 * once past the gap threshold, by the inbound rule). With nothing to acknowledge there is no
 * timer: an idle connection never wakes up for this. A connection that begins with messages
 * unacknowledged (a recovery) acknowledges them at once: the interval restarts with every
 * connection, so a link that drops more often than that would otherwise never acknowledge, and
 * the service would replay, and buffer, an ever longer backlog on each recovery.
 */
const sequenceAck = clientSetup.createStateConfig({
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
});

export const connected = clientSetup.createStateConfig({
  tags: "connected",
  type: "parallel",
  entry: ["delegateInbound", "watchLink"],
  exit: ["reclaimInbound", "unwatchLink"],
  on: {
    "SOCKET.CLOSED": { target: "dropped", actions: "storeClose" },
    "LINK.SILENT": { target: "dropped", actions: ["terminateSocket", "storeSilence"] },
    "FRAME.CONNECTED": { actions: "updateReconnectionToken" },
    STOP: "closing",
  },
  states: { keepAlive, liveness, sequenceAck },
});
