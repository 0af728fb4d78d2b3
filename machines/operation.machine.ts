/**
 * One acked operation (joinGroup, leaveGroup, sendToGroup, sendEvent with an ackId) or one
 * invocation (invokeEvent with its invocation id), as a statechart.
 *
 * Every attempt uses the same ackId, so the service de-duplicates retries (`Duplicate` counts as
 * success). The operation learns about the link through `LINK.*` facts that the runtime routes
 * to it from the client machine, and asks for its frame to be written with the provided
 * `writeFrame` action; the runtime (`src/runtime/operations/`) keeps one outbound order for all
 * operations.
 *
 * ```
 * initializing ─▶ waitingForConnection ─LINK.READY─▶ sending ─▶ awaitingAck
 * awaitingAck ─ACK ok/Duplicate─▶ succeeded      awaitingAck ─ACK error [canRetry]─▶ retryWaiting ─retryDelay─▶ sending
 * awaitingAck ─ACK error─▶ failed                awaitingAck.timed ─ACK.TIMEOUT─▶ sending [canRetry] | failed
 * awaitingAck ─LINK.SUSPENDED─▶ suspended ─LINK.READY─▶ sending (same ackId)
 * awaitingAck|suspended ─LINK.LOST─▶ failed (outcome unknown) | waitingForConnection [retryInDoubt]
 * any ─ABORT─▶ failed (aborted; a written invocation is cancelled)   any ─STOP─▶ failed (stopped)
 * ```
 *
 * `ACK.TIMEOUT` comes from the runtime's deadline clock, `ackTimeoutInMs` after each write of the
 * frame, rather than from a delay of each operation: one timer per client instead of one per
 * operation, and actorless operations (the happy path, no actor) work with an ack timeout too (the
 * cost table: a delay makes an operation actor several times dearer). A timeout that arrives in
 * any state but `awaitingAck.timed` (the attempt it was for is over) is ignored.
 */
import { assertEvent, assign, setup } from "xstate";
import type { AckMessageError, InvokeResponseMessage } from "../src/protocol/messages.js";
import type { InDoubtPolicy, InvocationFailure, OperationFailure } from "../src/types.js";
import { classifyAck, isAckSuccess } from "./rules/ack.js";
import { canRetry, jitterDraw, retryDelayInMs, type RetryPolicy } from "./rules/retry.js";

/** What ties the operation's frames and answers together. */
export type OperationCorrelation =
  | { readonly kind: "ack"; readonly ackId: number }
  | { readonly kind: "invoke"; readonly invocationId: string };

/** Where the operation starts: the runtime may have written it already (an actorless operation). */
export type OperationPhase = "waiting" | "sending" | "awaitingAck";

export interface OperationMachineInput {
  readonly correlation: OperationCorrelation;
  /** `messageRetryOptions`; invocations are never retried (the service does not de-duplicate them). */
  readonly retry: RetryPolicy;
  /** 0: no ack timeout. */
  readonly ackTimeoutInMs: number;
  readonly inDoubt: InDoubtPolicy;
  readonly phase: OperationPhase;
  /** Retries already made (0 for a new operation). */
  readonly retries?: number;
  /** Seeds the jitter of retry delays (`jitterDraw`); the runtime draws one per client. */
  readonly seed?: number;
}

export type OperationEvent =
  | { readonly type: "LINK.READY"; readonly resumed: boolean }
  | { readonly type: "LINK.SUSPENDED" }
  | { readonly type: "LINK.LOST" }
  | { readonly type: "ACK.RECEIVED"; readonly success: boolean; readonly error?: AckMessageError }
  /** No answer `ackTimeoutInMs` after the frame was written (the runtime's deadline clock). */
  | { readonly type: "ACK.TIMEOUT" }
  | { readonly type: "INVOKE.RESPONDED"; readonly message: InvokeResponseMessage }
  | { readonly type: "ABORT"; readonly reason?: unknown }
  | { readonly type: "STOP" };

/** How an operation ended: the machine's output. */
export type OperationOutcome =
  | {
      readonly status: "succeeded";
      readonly isDuplicated: boolean;
      readonly response?: InvokeResponseMessage;
    }
  | { readonly status: "failed"; readonly failure: OperationFailure | InvocationFailure };

export interface OperationContext {
  readonly correlation: OperationCorrelation;
  readonly retry: RetryPolicy;
  readonly ackTimeoutInMs: number;
  readonly inDoubt: InDoubtPolicy;
  readonly seed: number;
  readonly retries: number;
  /** Whether the link could carry a frame when last heard of (decides where a retry waits). */
  readonly linkReady: boolean;
  readonly outcome: OperationOutcome | undefined;
  readonly initialPhase: OperationPhase;
}

type FailureKind = "timeout" | "outcome-unknown" | "stopped" | "aborted";

function failure(
  correlation: OperationCorrelation,
  kind: FailureKind,
  reason?: unknown,
): OperationFailure | InvocationFailure {
  if (correlation.kind === "ack") {
    const ackId = correlation.ackId;
    switch (kind) {
      case "aborted":
        return reason === undefined ? { kind, ackId } : { kind, ackId, reason };
      case "timeout":
        return { kind, ackId };
      case "outcome-unknown":
        return { kind, ackId };
      case "stopped":
        return { kind, ackId };
    }
  }
  const invocationId = correlation.invocationId;
  switch (kind) {
    case "aborted":
      return reason === undefined ? { kind, invocationId } : { kind, invocationId, reason };
    case "timeout":
      return { kind, invocationId };
    case "outcome-unknown":
      return { kind, invocationId };
    case "stopped":
      return { kind, invocationId };
  }
}

function failed(value: OperationFailure | InvocationFailure): OperationOutcome {
  return { status: "failed", failure: value };
}

export const operationMachine = setup({
  types: {
    context: {} as OperationContext,
    events: {} as OperationEvent,
    input: {} as OperationMachineInput,
    output: {} as OperationOutcome,
  },
  actions: {
    /** Provided by the runtime: write this operation's frame now (the link is ready). */
    writeFrame: () => undefined,
    /** Provided by the runtime: tell the service to stop a written invocation. */
    cancelInvocation: () => undefined,
    countRetry: assign({ retries: ({ context }) => context.retries + 1 }),
    markLinkReady: assign({ linkReady: true }),
    markLinkDown: assign({ linkReady: false }),
    recordAck: assign({
      outcome: ({ context, event }): OperationOutcome => {
        assertEvent(event, "ACK.RECEIVED");
        if (context.correlation.kind !== "ack") return context.outcome!;
        const outcome = classifyAck(event);
        return outcome.status === "succeeded"
          ? outcome
          : failed({ kind: "rejected", ackId: context.correlation.ackId, errorDetail: outcome.error });
      },
    }),
    recordResponse: assign({
      outcome: ({ context, event }): OperationOutcome => {
        assertEvent(event, "INVOKE.RESPONDED");
        if (context.correlation.kind !== "invoke") return context.outcome!;
        if (event.message.success === true) {
          return { status: "succeeded", isDuplicated: false, response: event.message };
        }
        return failed({
          kind: "rejected",
          invocationId: context.correlation.invocationId,
          errorDetail: event.message.error ?? {
            name: "Unknown",
            message: "The invocation failed without an error detail",
          },
        });
      },
    }),
    recordTimeout: assign({ outcome: ({ context }) => failed(failure(context.correlation, "timeout")) }),
    recordInDoubt: assign({
      outcome: ({ context }) => failed(failure(context.correlation, "outcome-unknown")),
    }),
    recordStopped: assign({ outcome: ({ context }) => failed(failure(context.correlation, "stopped")) }),
    recordAborted: assign({
      outcome: ({ context, event }) =>
        failed(failure(context.correlation, "aborted", event.type === "ABORT" ? event.reason : undefined)),
    }),
  },
  guards: {
    startsAwaitingAck: ({ context }) => context.initialPhase === "awaitingAck",
    startsSending: ({ context }) => context.initialPhase === "sending",
    isAckSuccess: ({ event }) => event.type === "ACK.RECEIVED" && isAckSuccess(event),
    isInvokeSuccess: ({ event }) => event.type === "INVOKE.RESPONDED" && event.message.success === true,
    canRetry: ({ context }) =>
      context.correlation.kind === "ack" && canRetry(context.retry, context.retries + 1),
    hasAckTimeout: ({ context }) => context.ackTimeoutInMs > 0,
    retriesInDoubt: ({ context }) => context.inDoubt === "retry" && context.correlation.kind === "ack",
    isLinkReady: ({ context }) => context.linkReady,
  },
  delays: {
    retryDelay: ({ context }) =>
      retryDelayInMs(context.retry, context.retries, jitterDraw(context.seed, context.retries)),
  },
}).createMachine({
  id: "operation",
  context: ({ input }) => ({
    correlation: input.correlation,
    retry: input.retry,
    ackTimeoutInMs: input.ackTimeoutInMs,
    inDoubt: input.inDoubt,
    seed: input.seed ?? 0,
    retries: input.retries ?? 0,
    linkReady: input.phase !== "waiting",
    initialPhase: input.phase,
    outcome: undefined,
  }),
  initial: "initializing",
  output: ({ context }) => context.outcome!,
  on: {
    STOP: { target: ".failed", actions: "recordStopped" },
    ABORT: { target: ".failed", actions: "recordAborted" },
  },
  states: {
    /** Choice: resume where an actorless operation left off. */
    initializing: {
      always: [
        { guard: "startsAwaitingAck", target: "awaitingAck" },
        { guard: "startsSending", target: "sending" },
        { target: "waitingForConnection" },
      ],
    },
    waitingForConnection: {
      entry: "markLinkDown",
      on: { "LINK.READY": "sending" },
    },
    sending: {
      entry: ["markLinkReady", "writeFrame"],
      always: "awaitingAck",
    },
    awaitingAck: {
      initial: "choosingDeadline",
      on: {
        "ACK.RECEIVED": [
          { guard: "isAckSuccess", target: "succeeded", actions: "recordAck" },
          { guard: "canRetry", target: "retryWaiting", actions: "countRetry" },
          { target: "failed", actions: "recordAck" },
        ],
        "INVOKE.RESPONDED": [
          { guard: "isInvokeSuccess", target: "succeeded", actions: "recordResponse" },
          { target: "failed", actions: "recordResponse" },
        ],
        "LINK.SUSPENDED": "suspended",
        "LINK.LOST": [
          { guard: "retriesInDoubt", target: "waitingForConnection" },
          { target: "failed", actions: "recordInDoubt" },
        ],
        // The service may still act on a written invocation: ask it to stop.
        ABORT: { target: "failed", actions: ["cancelInvocation", "recordAborted"] },
      },
      states: {
        choosingDeadline: {
          always: [{ guard: "hasAckTimeout", target: "timed" }, { target: "untimed" }],
        },
        untimed: {},
        timed: {
          on: {
            "ACK.TIMEOUT": [
              { guard: "canRetry", target: "#operation.sending", actions: "countRetry" },
              { target: "#operation.failed", actions: ["cancelInvocation", "recordTimeout"] },
            ],
          },
        },
      },
    },
    /** Written, then the link dropped; the connection is being recovered. */
    suspended: {
      entry: "markLinkDown",
      on: {
        // Re-send with the same ackId: the service de-duplicates if it had processed it.
        "LINK.READY": "sending",
        "LINK.LOST": [
          { guard: "retriesInDoubt", target: "waitingForConnection" },
          { target: "failed", actions: "recordInDoubt" },
        ],
        ABORT: { target: "failed", actions: ["cancelInvocation", "recordAborted"] },
      },
    },
    /** The service refused the attempt; wait, then try again with the same ackId. */
    retryWaiting: {
      on: {
        "LINK.READY": { actions: "markLinkReady" },
        "LINK.SUSPENDED": { actions: "markLinkDown" },
        "LINK.LOST": { actions: "markLinkDown" },
      },
      after: {
        retryDelay: [{ guard: "isLinkReady", target: "sending" }, { target: "waitingForConnection" }],
      },
    },
    succeeded: { type: "final" },
    failed: { type: "final" },
  },
});
