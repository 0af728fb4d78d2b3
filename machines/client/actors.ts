/**
 * The client machine's actors, as placeholders: `src/runtime/client-actors.ts` provides the real
 * ones with `machine.provide({ actors })`, and tests provide fakes the same way.
 */
import { fromCallback, fromPromise } from "xstate";
import type { SocketCommand } from "./types.js";

export const actors = {
  /**
   * The WebSocket (`src/runtime/socket-session.ts`): receives {@link SocketCommand}s, reports
   * the machine's events (and, in browsers, the environment's facts).
   */
  socket: fromCallback<SocketCommand>(() => undefined),
  /** A fresh client access URL (the credential's `getClientAccessUrl`). */
  resolveUrl: fromPromise<string>(() => Promise.reject(new Error("resolveUrl is not provided"))),
};

/** The actors as XState's typed action creators name them. */
export type ClientActors = {
  [K in keyof typeof actors]: { src: K; logic: (typeof actors)[K]; id: string | undefined };
}[keyof typeof actors];
