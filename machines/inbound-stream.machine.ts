/**
 * One inbound group stream, as one `onGroupStream` subscription sees it: its fragments in order,
 * then its completion, its error, or its silence.
 *
 * ```
 * starting ─FRAGMENT [mid-way, handleFromStart]─▶ ignoring ─FRAGMENT (last)─▶ ignored
 * starting ─FRAGMENT─▶ receiving (the application gets the stream)
 * receiving ─FRAGMENT (next)─▶ receiving   ─FRAGMENT (replay)─▶ dropped   ─FRAGMENT (gap)─▶ failed
 * receiving ─FRAGMENT (last)─▶ completed | failed (with the stream's error)
 * receiving ─idleTimeout─▶ timedOut         receiving ─CLOSE─▶ closed (subscription closed, connection lost)
 * ```
 *
 * Pure. The runtime (`src/runtime/streams/`) provides `open` (hand the stream to the application's
 * callback), `deliver` (one fragment to its readers) and `finish` (complete it, with the outcome).
 */
import { and, assertEvent, assign, not, raise, setup } from "xstate";
import type { StreamDataError } from "../src/protocol/messages.js";

export interface InboundStreamInput {
  readonly idleTimeoutInMs: number;
  /** Ignore a stream first seen mid-way (its first fragment is not number 1). */
  readonly handleFromStart: boolean;
}

/** One fragment's place in its stream, as its group message says. */
export interface FragmentFacts {
  readonly streamSequenceId: number;
  readonly endOfStream: boolean;
  readonly error?: StreamDataError;
  /** The message carries data (a last message may be empty). */
  readonly hasPayload: boolean;
}

export type InboundStreamEvent =
  | ({ readonly type: "FRAGMENT" } & FragmentFacts)
  /** The subscription was closed, or the connection was lost for good. */
  | { readonly type: "CLOSE"; readonly error?: StreamDataError };

/** How the stream ended for its readers: the machine's output. */
export type InboundStreamOutcome =
  | { readonly status: "completed" }
  | { readonly status: "ignored" }
  | { readonly status: "failed"; readonly error: StreamDataError };

export interface InboundStreamContext {
  readonly idleTimeoutInMs: number;
  readonly handleFromStart: boolean;
  /** The last fragment delivered (0: none). */
  readonly last: number;
  readonly outcome: InboundStreamOutcome | undefined;
}

export const inboundStreamMachine = setup({
  types: {
    context: {} as InboundStreamContext,
    events: {} as InboundStreamEvent,
    input: {} as InboundStreamInput,
    output: {} as InboundStreamOutcome,
  },
  actions: {
    /** Provided by the runtime: hand the stream to the application's callback. */
    open: () => undefined,
    /** Provided: this fragment to the stream's readers. */
    deliver: () => undefined,
    recordFragment: assign({
      last: ({ event }) => {
        assertEvent(event, "FRAGMENT");
        return event.streamSequenceId;
      },
    }),
    /** A stream first seen mid-way starts at this fragment for this subscription. */
    anchor: assign({
      last: ({ event }) => {
        assertEvent(event, "FRAGMENT");
        return event.streamSequenceId - 1;
      },
    }),
    /** The first fragment, handled again as `receiving` handles every fragment. */
    handleAgain: raise(({ event }) => event),
    recordCompleted: assign({ outcome: (): InboundStreamOutcome => ({ status: "completed" }) }),
    recordIgnored: assign({ outcome: (): InboundStreamOutcome => ({ status: "ignored" }) }),
    recordStreamError: assign({
      outcome: ({ event }): InboundStreamOutcome => {
        assertEvent(event, "FRAGMENT");
        return { status: "failed", error: event.error ?? { name: "Unknown", message: "The stream failed" } };
      },
    }),
    recordGap: assign({
      outcome: ({ context, event }): InboundStreamOutcome => {
        assertEvent(event, "FRAGMENT");
        return {
          status: "failed",
          error: {
            name: "StreamGap",
            message: `Fragment ${event.streamSequenceId} arrived after ${context.last}: fragments were lost.`,
          },
        };
      },
    }),
    recordIdle: assign({
      outcome: ({ context }): InboundStreamOutcome => ({
        status: "failed",
        error: {
          name: "IdleTimeout",
          message: `Stream idle timeout: no fragment for ${context.idleTimeoutInMs} ms.`,
        },
      }),
    }),
    recordClosed: assign({
      outcome: ({ event }): InboundStreamOutcome => {
        assertEvent(event, "CLOSE");
        return event.error === undefined ? { status: "completed" } : { status: "failed", error: event.error };
      },
    }),
  },
  guards: {
    isMidwayIgnored: ({ context, event }) =>
      event.type === "FRAGMENT" && context.handleFromStart && event.streamSequenceId !== 1,
    isLast: ({ event }) => event.type === "FRAGMENT" && event.endOfStream,
    isReplay: ({ context, event }) => event.type === "FRAGMENT" && event.streamSequenceId <= context.last,
    isGap: ({ context, event }) => event.type === "FRAGMENT" && event.streamSequenceId > context.last + 1,
    isFailure: ({ event }) => event.type === "FRAGMENT" && event.endOfStream && event.error !== undefined,
    hasPayload: ({ event }) => event.type === "FRAGMENT" && event.hasPayload,
    closesWithError: ({ event }) => event.type === "CLOSE" && event.error !== undefined,
  },
  delays: {
    idleTimeout: ({ context }) => context.idleTimeoutInMs,
  },
}).createMachine({
  id: "inboundStream",
  context: ({ input }) => ({
    idleTimeoutInMs: input.idleTimeoutInMs,
    handleFromStart: input.handleFromStart,
    last: 0,
    outcome: undefined,
  }),
  initial: "starting",
  output: ({ context }) => context.outcome!,
  states: {
    /** Choice on the first fragment seen: follow the stream, or ignore it to its end. */
    starting: {
      on: {
        FRAGMENT: [
          { guard: "isMidwayIgnored", target: "ignoring" },
          // Seen mid-way without handleFromStart, the stream starts here for this subscription.
          { target: "receiving", actions: ["open", "anchor", "handleAgain"] },
        ],
      },
    },
    ignoring: {
      on: {
        FRAGMENT: { guard: "isLast", target: "ignored", actions: "recordIgnored" },
        CLOSE: { target: "ignored", actions: "recordIgnored" },
      },
    },
    receiving: {
      // Every fragment restarts the idle timer (the state is re-entered).
      after: { idleTimeout: { target: "failed", actions: "recordIdle" } },
      on: {
        FRAGMENT: [
          // A replay of a fragment already delivered: dropped.
          { guard: "isReplay" },
          { guard: "isGap", target: "failed", actions: "recordGap" },
          {
            guard: not("isLast"),
            target: "receiving",
            reenter: true,
            actions: ["recordFragment", "deliver"],
          },
          // The last message: its payload, if it has one, is the last fragment; then the outcome.
          {
            guard: and(["isFailure", "hasPayload"]),
            target: "failed",
            actions: ["recordFragment", "deliver", "recordStreamError"],
          },
          { guard: "isFailure", target: "failed", actions: ["recordFragment", "recordStreamError"] },
          {
            guard: "hasPayload",
            target: "completed",
            actions: ["recordFragment", "deliver", "recordCompleted"],
          },
          { target: "completed", actions: ["recordFragment", "recordCompleted"] },
        ],
        CLOSE: [
          { guard: "closesWithError", target: "failed", actions: "recordClosed" },
          { target: "completed", actions: "recordClosed" },
        ],
      },
    },
    completed: { type: "final" },
    ignored: { type: "final" },
    failed: { type: "final" },
  },
});
