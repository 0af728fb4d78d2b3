/**
 * The connection lifecycle of a Web PubSub client, as a statechart: the state nodes of this
 * folder put together.
 *
 * Pure: the socket (which also runs the silence watchdog and delivers data messages directly
 * while `connected`) and the URL source are actors that `src/` provides with
 * `clientMachine.provide({ actors })`; every timer is a named delay; every effect is a command
 * to the socket actor or an emitted fact. The machine owns the connection id, the reconnection
 * token, the sequence ids and the group set.
 *
 * What it does not see, on purpose (docs/architecture.md): acks and invoke responses of
 * application operations go straight from the socket actor to the operations, whose frames go
 * straight to the socket. The machine tells the operations when the link may carry them through
 * the `link.*` facts it emits.
 *
 * ```
 * stopped ──START──▶ running (invokes the socket actor)
 *   running.connecting ──▶ connected             (connecting.ts)
 *   connected ──drop──▶ dropped ──▶ recovering ⇄ … ──▶ connected   (connected.ts, recovering.ts)
 *   dropped / recovery over ──▶ disconnected ──▶ reconnecting ──▶ connecting   (reconnecting.ts)
 *   states with a socket ──STOP──▶ closing ──▶ stopped            (closing.ts)
 *   states without a socket ──STOP──▶ stopped
 *   running ──PAGE.HIDDEN──▶ STOP
 * ```
 */
import { closing } from "./closing.js";
import { connected } from "./connected.js";
import { connecting, connectionFailed } from "./connecting.js";
import { disconnected, reconnecting } from "./reconnecting.js";
import { dropped, recovering } from "./recovering.js";
import { clientSetup } from "./setup.js";

export const clientMachine = clientSetup.createMachine({
  id: "client",
  context: ({ input }) => ({
    config: input.config,
    seed: input.seed ?? 0,
    url: undefined,
    connection: undefined,
    announced: false,
    everConnected: false,
    lastSequenceId: 0,
    ackedSequenceId: 0,
    delegated: false,
    groups: [],
    rejoins: [],
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
        // Direct delivery ended (leaving `connected`): its sequence ids come back.
        "SEQUENCE.RECLAIMED": { guard: "isCurrentSequence", actions: "restoreSequence" },
      },
      states: {
        connecting,
        connectionFailed,
        connected,
        dropped,
        recovering,
        disconnected,
        reconnecting,
        closing,
      },
    },
  },
});
