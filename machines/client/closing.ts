/**
 * `closing`: `stop()` with a socket to close. Pending operations fail at once; the close
 * handshake gets `closeTimeout` to finish.
 *
 * ```
 * closing ─SOCKET.CLOSED / closeTimeout─▶ stopped
 * ```
 */
import { clientSetup } from "./setup.js";

export const closing = clientSetup.createStateConfig({
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
});
