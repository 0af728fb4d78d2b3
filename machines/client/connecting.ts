/**
 * `connecting`: a new connection, from a fresh URL to `system/connected` with the group set
 * rejoined; and `connectionFailed`, the choice made when it cannot be had.
 *
 * ```
 * resolvingUrl ─▶ opening ─SOCKET.OPENED─▶ handshaking ─FRAME.CONNECTED─▶ rejoining ─[rejoinsSettled]─▶ connected
 * any ─SOCKET.CLOSED / connectTimeout / URL failure─▶ connectionFailed
 * connectionFailed: [isFirstConnection] stopped (start() fails) | [canReconnect] reconnecting | stopped
 * ```
 */
import { clientSetup } from "./setup.js";

export const connecting = clientSetup.createStateConfig({
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
        onDone: {
          target: "opening",
          actions: { type: "storeUrl", params: ({ event }) => ({ url: event.output }) },
        },
        onError: {
          target: "#client.running.connectionFailed",
          actions: { type: "storeUrlFailure", params: ({ event }) => ({ error: event.error }) },
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
      entry: "requestRejoins",
      always: {
        guard: "rejoinsSettled",
        target: "#client.running.connected",
        actions: "announceConnection",
      },
      on: {
        "REJOIN.ACKED": { actions: "settleRejoin" },
        STOP: "#client.running.closing",
      },
    },
  },
});

/** Choice: a new connection could not be made. */
export const connectionFailed = clientSetup.createStateConfig({
  // Rejoins in flight are simply sent again on the next connection: the groups stay in the set.
  entry: "forgetConnection",
  always: [
    { guard: "isFirstConnection", target: "#client.stopped", actions: "reportStartFailure" },
    { guard: "canReconnect", target: "reconnecting", actions: "countReconnectAttempt" },
    { target: "#client.stopped", actions: "emitStopped" },
  ],
});
