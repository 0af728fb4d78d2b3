/**
 * `disconnected`, the choice made when a connection is gone for good, and `reconnecting`: the
 * backoff before a new connection.
 *
 * ```
 * disconnected: [isAutoReconnect] reconnecting | stopped
 * reconnecting ─reconnectDelay (0 first, then backoff; Retry-After)─▶ connecting
 * reconnecting ─NETWORK.ONLINE / PAGE.SHOWN / CLOCK.JUMPED─▶ connecting
 * ```
 */
import { clientSetup } from "./setup.js";

/** Choice: the connection is gone for good. */
export const disconnected = clientSetup.createStateConfig({
  entry: "endConnection",
  always: [
    { guard: "isAutoReconnect", target: "reconnecting", actions: "startReconnecting" },
    { target: "#client.stopped", actions: "emitStopped" },
  ],
});

export const reconnecting = clientSetup.createStateConfig({
  tags: "reconnecting",
  after: { reconnectDelay: "connecting" },
  on: {
    STOP: { target: "#client.stopped", actions: ["stopOperations", "emitStopped"] },
    // The backoff waits for the world to change; these say it did.
    "NETWORK.ONLINE": "connecting",
    "PAGE.SHOWN": "connecting",
    "CLOCK.JUMPED": "connecting",
  },
});
