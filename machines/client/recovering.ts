/**
 * `dropped`, the choice made when the link of an announced connection is lost, and `recovering`:
 * the same connection resumed with its reconnection token, within the recovery window.
 *
 * ```
 * dropped: [canRecover] recovering | disconnected
 * attempting ─SOCKET.OPENED─▶ confirming ─first frame back─▶ connected (recovered)
 * attempting | confirming ─SOCKET.CLOSED 1008─▶ disconnected      ─other close─▶ waiting
 * waiting ─recoveryDelay (backoff, Retry-After)─▶ attempting     recovering ─recoveryWindow─▶ disconnected
 * ```
 */
import { clientSetup } from "./setup.js";

/** Choice: the link of an announced connection was lost. */
export const dropped = clientSetup.createStateConfig({
  always: [
    { guard: "canRecover", target: "recovering", actions: "beginRecovery" },
    { target: "disconnected" },
  ],
});

/** A failed attempt: 1008 says the session is gone; anything else is worth another try. */
const attemptClosed = [
  { guard: "isSessionGone", target: "#client.running.disconnected", actions: "storeClose" },
  { target: "waiting", actions: "storeRefusal" },
] as const;

export const recovering = clientSetup.createStateConfig({
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
        "SOCKET.CLOSED": [...attemptClosed],
        STOP: "#client.running.closing",
      },
    },
    /**
     * The service accepts a recovery upgrade before it looks the session up, and closes with 1008
     * when it is gone: an open socket proves nothing yet. The first frame back (the answer to this
     * ping at the latest) does; until then nothing is re-sent, so an operation is never put in
     * doubt by a recovery that was not one.
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
        "SOCKET.CLOSED": [...attemptClosed],
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
});
