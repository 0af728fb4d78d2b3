/** The client machine and its vocabulary (see `machine.ts`). */
export { clientMachine } from "./machine.js";
export { buildRecoveryUrl, describeFailure } from "./actions.js";
export type * from "./types.js";
