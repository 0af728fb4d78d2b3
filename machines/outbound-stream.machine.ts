/**
 * One outbound group stream (`openGroupStream`), as a statechart: its start, the fragments written
 * while the link allows, held while the connection is recovered and re-sent from the oldest one the
 * service has not acknowledged, its end or abort, and how it closes.
 *
 * ```
 * opening ─STREAM.ACKED (1)─▶ streaming ─STREAM.CLOSED─▶ ended | failed
 * opening ─STREAM.CLOSED / link down / STOP─▶ failed
 * streaming.link:  flowing ─LINK.SUSPENDED─▶ paused ─LINK.READY─▶ flowing (rewound: re-send unacked)
 * streaming.phase: writing ─END / ABORT─▶ ending ─endTimeout─▶ ended [everything acked] | failed
 * streaming ─LINK.LOST / STOP / STREAM.CLOSED (error)─▶ failed
 * ```
 *
 * Pure. The runtime (`src/runtime/streams/`) holds the fragments and the end, and carries out the
 * effects it provides: `writeStart`, `flush` (every fragment not yet written, then the end if the
 * application asked for it), `rewind` (everything not acknowledged counts as not written),
 * `writeKeepAlive`. Fragment ids are counted here: the runtime reports each one queued
 * (`FRAGMENT.QUEUED`) and the service's acks.
 */
import { and, assertEvent, assign, setup, stateIn } from "xstate";
import type { StreamDataError } from "../src/protocol/messages.js";

export interface OutboundStreamInput {
  readonly streamId: string;
  /** Silence after which a keep-alive frame is written (0: none). */
  readonly keepAliveIntervalInMs: number;
  /** How long `ending` waits for the service's `streamClosed` once everything is acked. */
  readonly endTimeoutInMs: number;
}

export type OutboundStreamEvent =
  /** The application wrote fragment `sequenceId` (1, 2, …). */
  | { readonly type: "FRAGMENT.QUEUED"; readonly sequenceId: number }
  /** The service expects `expectedSequenceId` next: everything before it is acknowledged. */
  | { readonly type: "STREAM.ACKED"; readonly expectedSequenceId: number }
  /** The service asks for fragments again from `expectedSequenceId`. */
  | { readonly type: "STREAM.NACKED"; readonly expectedSequenceId: number }
  | { readonly type: "STREAM.CLOSED"; readonly error?: StreamDataError }
  | { readonly type: "END" }
  | { readonly type: "ABORT" }
  | { readonly type: "LINK.READY"; readonly resumed: boolean }
  | { readonly type: "LINK.SUSPENDED" }
  | { readonly type: "LINK.LOST" }
  | { readonly type: "STOP" };

/** How the stream ended: the machine's output. */
export type OutboundStreamOutcome =
  { readonly status: "ended" } | { readonly status: "failed"; readonly error: StreamDataError };

export interface OutboundStreamContext {
  readonly streamId: string;
  readonly keepAliveIntervalInMs: number;
  readonly endTimeoutInMs: number;
  /** The last fragment queued (0: none). */
  readonly queued: number;
  /** The last fragment the service acknowledged (0: none). */
  readonly acked: number;
  readonly outcome: OutboundStreamOutcome | undefined;
}

const failure = (name: string, message: string): OutboundStreamOutcome => ({
  status: "failed",
  error: { name, message },
});

export const outboundStreamMachine = setup({
  types: {
    context: {} as OutboundStreamContext,
    events: {} as OutboundStreamEvent,
    input: {} as OutboundStreamInput,
    output: {} as OutboundStreamOutcome,
  },
  actions: {
    /** Provided by the runtime: the start frame (`sendToGroup` with the stream descriptor). */
    writeStart: () => undefined,
    /** Provided: every fragment not yet written, in order, then the end if it was asked for. */
    flush: () => undefined,
    /** Provided: everything not acknowledged (the end included) counts as not written. */
    rewind: () => undefined,
    /** Provided: a `streamData` frame with only the stream id (the service's idle timer restarts). */
    writeKeepAlive: () => undefined,
    countQueued: assign({
      queued: ({ context, event }) => {
        assertEvent(event, "FRAGMENT.QUEUED");
        return Math.max(context.queued, event.sequenceId);
      },
    }),
    recordAck: assign({
      acked: ({ context, event }) => {
        assertEvent(event, "STREAM.ACKED");
        return Math.max(context.acked, event.expectedSequenceId - 1);
      },
    }),
    recordClosed: assign({
      outcome: ({ event }): OutboundStreamOutcome => {
        assertEvent(event, "STREAM.CLOSED");
        return event.error === undefined ? { status: "ended" } : { status: "failed", error: event.error };
      },
    }),
    recordEnded: assign({ outcome: (): OutboundStreamOutcome => ({ status: "ended" }) }),
    recordUnconfirmed: assign({
      outcome: ({ context }) =>
        failure(
          "Unconfirmed",
          `Stream '${context.streamId}': the service acknowledged ${context.acked} of ${context.queued} fragments before the end timed out.`,
        ),
    }),
    recordUnavailable: assign({
      outcome: ({ context }) =>
        failure("ConnectionLost", `Stream '${context.streamId}' failed: the connection is unavailable.`),
    }),
    recordLost: assign({
      outcome: ({ context }) =>
        failure(
          "ConnectionLost",
          `Stream '${context.streamId}' failed: the connection was lost and could not be recovered.`,
        ),
    }),
    recordStopped: assign({
      outcome: ({ context }) =>
        failure("Stopped", `Stream '${context.streamId}' failed: the client stopped.`),
    }),
  },
  guards: {
    /** A start's ack: the service expects fragment 1. */
    isStartAck: ({ event }) => event.type === "STREAM.ACKED" && event.expectedSequenceId >= 1,
    isCleanClose: ({ event }) => event.type === "STREAM.CLOSED" && event.error === undefined,
    everythingAcked: ({ context }) => context.acked >= context.queued,
    keepsAlive: ({ context }) => context.keepAliveIntervalInMs > 0,
  },
  delays: {
    keepAliveInterval: ({ context }) => context.keepAliveIntervalInMs,
    endTimeout: ({ context }) => context.endTimeoutInMs,
  },
}).createMachine({
  id: "outboundStream",
  context: ({ input }) => ({
    streamId: input.streamId,
    keepAliveIntervalInMs: input.keepAliveIntervalInMs,
    endTimeoutInMs: input.endTimeoutInMs,
    queued: 0,
    acked: 0,
    outcome: undefined,
  }),
  initial: "opening",
  output: ({ context }) => context.outcome!,
  on: {
    STOP: { target: ".failed", actions: "recordStopped" },
  },
  states: {
    opening: {
      entry: "writeStart",
      on: {
        "STREAM.ACKED": { guard: "isStartAck", target: "streaming", actions: "recordAck" },
        "STREAM.CLOSED": { target: "failed", actions: "recordClosed" },
        // The start may be lost with the link, and a start cannot be sent twice: fail the open.
        "LINK.SUSPENDED": { target: "failed", actions: "recordUnavailable" },
        "LINK.LOST": { target: "failed", actions: "recordUnavailable" },
      },
    },
    streaming: {
      type: "parallel",
      on: {
        "STREAM.ACKED": { actions: "recordAck" },
        "STREAM.CLOSED": [
          { guard: "isCleanClose", target: "ended", actions: "recordClosed" },
          { target: "failed", actions: "recordClosed" },
        ],
        "LINK.LOST": { target: "failed", actions: "recordLost" },
      },
      states: {
        link: {
          initial: "flowing",
          states: {
            flowing: {
              entry: "flush",
              on: {
                // Re-entered: the queued fragment goes out, and the keep-alive waits a full interval again.
                "FRAGMENT.QUEUED": { target: "flowing", reenter: true, actions: "countQueued" },
                "STREAM.NACKED": { target: "flowing", reenter: true, actions: "rewind" },
                // The end follows the fragments at once (the phase region records it).
                END: { actions: "flush" },
                ABORT: { actions: "flush" },
                "LINK.SUSPENDED": "paused",
              },
              after: {
                // While writing (an ending stream is done within the end timeout).
                keepAliveInterval: {
                  guard: and(["keepsAlive", stateIn("#outboundStream.streaming.phase.writing")]),
                  target: "flowing",
                  reenter: true,
                  actions: "writeKeepAlive",
                },
              },
            },
            /** The connection is being recovered: fragments (and the end) wait; nothing is lost. */
            paused: {
              on: {
                "FRAGMENT.QUEUED": { actions: "countQueued" },
                // Back: the service keeps what it acknowledged; the rest goes again, from the oldest.
                "LINK.READY": { target: "flowing", actions: "rewind" },
              },
            },
          },
        },
        phase: {
          initial: "writing",
          states: {
            writing: {
              on: { END: "ending", ABORT: "ending" },
            },
            /** The end is written (or waits for the link); the service confirms with `streamClosed`. */
            ending: {
              after: {
                endTimeout: [
                  { guard: "everythingAcked", target: "#outboundStream.ended", actions: "recordEnded" },
                  { target: "#outboundStream.failed", actions: "recordUnconfirmed" },
                ],
              },
            },
          },
        },
      },
    },
    ended: { type: "final" },
    failed: { type: "final" },
  },
});
