import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createActor } from "xstate";
import {
  operationMachine,
  type OperationCorrelation,
  type OperationMachineInput,
} from "../../machines/operation.machine.js";
import type { RetryPolicy } from "../../machines/rules/retry.js";
import { retryDelayInMs } from "../../machines/rules/retry.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const RETRY: RetryPolicy = {
  maxRetries: 2,
  retryDelayInMs: 1000,
  maxRetryDelayInMs: 8000,
  mode: "Fixed",
  jitter: 0,
};
const ACK: OperationCorrelation = { kind: "ack", ackId: 7 };
const INVOKE: OperationCorrelation = { kind: "invoke", invocationId: "inv-1" };

function run(overrides: Partial<OperationMachineInput> = {}) {
  const writes: OperationCorrelation[] = [];
  const cancels: OperationCorrelation[] = [];
  const machine = operationMachine.provide({
    actions: {
      writeFrame: ({ context }) => writes.push(context.correlation),
      cancelInvocation: ({ context }) => cancels.push(context.correlation),
    },
  });
  const actor = createActor(machine, {
    input: {
      correlation: ACK,
      retry: RETRY,
      ackTimeoutInMs: 0,
      inDoubt: "fail",
      phase: "sending",
      seed: 1,
      ...overrides,
    },
  }).start();
  return {
    actor,
    writes,
    cancels,
    state: () => actor.getSnapshot().value,
    output: () => actor.getSnapshot().output,
    done: () => actor.getSnapshot().status === "done",
  };
}

describe("operation.machine", () => {
  it("writes once and succeeds on a positive ack", () => {
    const op = run();
    expect(op.writes).toEqual([ACK]);
    expect(op.state()).toEqual({ awaitingAck: "untimed" });
    op.actor.send({ type: "ACK.RECEIVED", success: true });
    expect(op.output()).toEqual({ status: "succeeded", isDuplicated: false });
  });

  it("a Duplicate ack is a success with isDuplicated", () => {
    const op = run();
    op.actor.send({
      type: "ACK.RECEIVED",
      success: false,
      error: { name: "Duplicate", message: "done before" },
    });
    expect(op.output()).toEqual({ status: "succeeded", isDuplicated: true });
  });

  it("retries an error ack after the retry delay with the same correlation, then fails with the service's error", async () => {
    const op = run();
    const forbidden = { name: "Forbidden", message: "no" };
    op.actor.send({ type: "ACK.RECEIVED", success: false, error: forbidden });
    expect(op.state()).toBe("retryWaiting");
    await vi.advanceTimersByTimeAsync(999);
    expect(op.writes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(op.writes).toEqual([ACK, ACK]);
    op.actor.send({ type: "ACK.RECEIVED", success: false, error: forbidden });
    await vi.advanceTimersByTimeAsync(1000);
    expect(op.writes).toHaveLength(3);
    op.actor.send({ type: "ACK.RECEIVED", success: false, error: forbidden });
    expect(op.output()).toEqual({
      status: "failed",
      failure: { kind: "rejected", ackId: 7, errorDetail: forbidden },
    });
  });

  it("waits for the link, then writes", () => {
    const op = run({ phase: "waiting" });
    expect(op.state()).toBe("waitingForConnection");
    op.actor.send({ type: "LINK.LOST" });
    expect(op.state()).toBe("waitingForConnection");
    expect(op.writes).toEqual([]);
    op.actor.send({ type: "LINK.READY", resumed: false });
    expect(op.writes).toEqual([ACK]);
  });

  it("an actorless operation's record resumes in awaitingAck without writing again", () => {
    const op = run({ phase: "awaitingAck" });
    expect(op.writes).toEqual([]);
    expect(op.state()).toEqual({ awaitingAck: "untimed" });
  });

  it("a suspended operation is re-sent with the same ackId when the link is recovered", () => {
    const op = run();
    op.actor.send({ type: "LINK.SUSPENDED" });
    expect(op.state()).toBe("suspended");
    op.actor.send({ type: "LINK.READY", resumed: true });
    expect(op.writes).toEqual([ACK, ACK]);
    op.actor.send({ type: "ACK.RECEIVED", success: false, error: { name: "Duplicate", message: "" } });
    expect(op.output()).toEqual({ status: "succeeded", isDuplicated: true });
  });

  it("written but not acked when the connection is lost for good: outcome unknown", () => {
    const op = run();
    op.actor.send({ type: "LINK.SUSPENDED" });
    op.actor.send({ type: "LINK.LOST" });
    expect(op.output()).toEqual({ status: "failed", failure: { kind: "outcome-unknown", ackId: 7 } });
  });

  it("with inDoubt 'retry' an in-doubt operation goes out again on the new connection", () => {
    const op = run({ inDoubt: "retry" });
    op.actor.send({ type: "LINK.LOST" });
    expect(op.state()).toBe("waitingForConnection");
    op.actor.send({ type: "LINK.READY", resumed: false });
    expect(op.writes).toEqual([ACK, ACK]);
  });

  it("a retry whose delay ends while the link is down waits for it", async () => {
    const op = run();
    op.actor.send({
      type: "ACK.RECEIVED",
      success: false,
      error: { name: "InternalServerError", message: "" },
    });
    op.actor.send({ type: "LINK.SUSPENDED" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(op.state()).toBe("waitingForConnection");
    op.actor.send({ type: "LINK.READY", resumed: true });
    expect(op.writes).toEqual([ACK, ACK]);
  });

  it("an ack timeout re-sends with the same ackId, then fails with timeout", () => {
    const op = run({ ackTimeoutInMs: 500, retry: { ...RETRY, maxRetries: 1 } });
    expect(op.state()).toEqual({ awaitingAck: "timed" });
    op.actor.send({ type: "ACK.TIMEOUT" });
    expect(op.writes).toEqual([ACK, ACK]);
    expect(op.state()).toEqual({ awaitingAck: "timed" });
    op.actor.send({ type: "ACK.TIMEOUT" });
    expect(op.output()).toEqual({ status: "failed", failure: { kind: "timeout", ackId: 7 } });
  });

  it("keeps no timer of its own for the ack timeout (the runtime's clock sends ACK.TIMEOUT)", () => {
    const op = run({ ackTimeoutInMs: 500 });
    expect(op.state()).toEqual({ awaitingAck: "timed" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("an ACK.TIMEOUT for an attempt that is over is ignored", () => {
    const op = run({ ackTimeoutInMs: 500 });
    op.actor.send({ type: "LINK.SUSPENDED" });
    op.actor.send({ type: "ACK.TIMEOUT" });
    expect(op.state()).toBe("suspended");
    expect(op.writes).toEqual([ACK]);
  });

  it.each([
    ["waiting", "waitingForConnection"],
    ["awaitingAck", { awaitingAck: "untimed" }],
  ] as const)("abort while %s fails with aborted and the reason", (phase, state) => {
    const op = run({ phase });
    expect(op.state()).toEqual(state);
    op.actor.send({ type: "ABORT", reason: "user" });
    expect(op.output()).toEqual({ status: "failed", failure: { kind: "aborted", ackId: 7, reason: "user" } });
  });

  it("abort in retry backoff fails with aborted and writes nothing more", async () => {
    const op = run();
    op.actor.send({ type: "ACK.RECEIVED", success: false, error: { name: "Forbidden", message: "" } });
    op.actor.send({ type: "ABORT" });
    await vi.advanceTimersByTimeAsync(5000);
    expect(op.writes).toHaveLength(1);
    expect(op.output()).toEqual({ status: "failed", failure: { kind: "aborted", ackId: 7 } });
  });

  it("STOP fails with stopped from any state", () => {
    const op = run({ phase: "waiting" });
    op.actor.send({ type: "STOP" });
    expect(op.output()).toEqual({ status: "failed", failure: { kind: "stopped", ackId: 7 } });
  });

  it("an invocation resolves with the response and is never retried", () => {
    const ok = run({ correlation: INVOKE });
    const response = {
      kind: "invokeResponse",
      invocationId: "inv-1",
      success: true,
      dataType: "text",
      data: "hi",
    } as const;
    ok.actor.send({ type: "INVOKE.RESPONDED", message: response });
    expect(ok.output()).toEqual({ status: "succeeded", isDuplicated: false, response });

    const failed = run({ correlation: INVOKE });
    const error = { name: "BadRequest", message: "bad" };
    failed.actor.send({
      type: "INVOKE.RESPONDED",
      message: { kind: "invokeResponse", invocationId: "inv-1", success: false, error },
    });
    expect(failed.output()).toEqual({
      status: "failed",
      failure: { kind: "rejected", invocationId: "inv-1", errorDetail: error },
    });
    expect(failed.writes).toHaveLength(1);
  });

  it("aborting a written invocation cancels it; aborting an unwritten one does not", () => {
    const written = run({ correlation: INVOKE });
    written.actor.send({ type: "ABORT" });
    expect(written.cancels).toEqual([INVOKE]);
    expect(written.output()).toEqual({
      status: "failed",
      failure: { kind: "aborted", invocationId: "inv-1" },
    });

    const waiting = run({ correlation: INVOKE, phase: "waiting" });
    waiting.actor.send({ type: "ABORT" });
    expect(waiting.cancels).toEqual([]);
  });

  it("an invocation in doubt is not retried even with inDoubt 'retry'", () => {
    const op = run({ correlation: INVOKE, inDoubt: "retry" });
    op.actor.send({ type: "LINK.LOST" });
    expect(op.output()).toEqual({
      status: "failed",
      failure: { kind: "outcome-unknown", invocationId: "inv-1" },
    });
  });
});

describe("retry delays", () => {
  it("fixed, exponential with a cap, and jitter", () => {
    expect(retryDelayInMs(RETRY, 3, 0.9)).toBe(1000);
    const exp: RetryPolicy = { ...RETRY, mode: "Exponential" };
    expect([1, 2, 3, 4, 5].map((n) => retryDelayInMs(exp, n, 0))).toEqual([1000, 2000, 4000, 8000, 8000]);
    const jittered: RetryPolicy = { ...RETRY, jitter: 0.5 };
    expect(retryDelayInMs(jittered, 1, 0)).toBe(500);
    expect(retryDelayInMs(jittered, 1, 1)).toBe(1000);
  });
});
