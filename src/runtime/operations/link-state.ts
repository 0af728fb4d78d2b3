/**
 * What the operations know of the link: one value, set by the client runtime from the client
 * machine's `link.*` facts (instead of flags that could disagree with the chart).
 *
 * - `stopped`: not started, or stopped: new operations fail at once.
 * - `waiting`: started, no connection yet (connecting, reconnecting, or the last one was lost):
 *   operations wait in call order.
 * - `ready`: the link carries frames: operations are written at once.
 * - `suspended`: the connection is being recovered: everything holds, written operations are
 *   re-sent with their ackIds once it is back.
 */
export type LinkState = "stopped" | "waiting" | "ready" | "suspended";
