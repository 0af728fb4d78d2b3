/**
 * Bugs the fuzzing found, kept as regression tests: a malformed ack must not hang its operation,
 * and an ack nobody waits for must leave a trace in the logs.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createScriptedClient, createScriptedSockets, flushMicrotasks } from "../../src/testing/index.js";
import type { WebPubSubClientOptions } from "../../src/types.js";

async function connected(options: WebPubSubClientOptions = {}) {
  const lines: string[] = [];
  const sink = (message: string) => lines.push(message);
  const sockets = createScriptedSockets();
  const client = createScriptedClient(sockets, {
    keepAliveIntervalInMs: 0,
    keepAliveTimeoutInMs: 0,
    logger: { debug: sink, info: sink, warn: sink, error: sink },
    ...options,
  });
  const started = client.start();
  await flushMicrotasks(2);
  sockets.last.accept();
  await started;
  return { client, sockets, lines };
}

describe("found by fuzzing", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a malformed ack whose ackId is readable fails that attempt (it does not hang)", async () => {
    const { client, sockets, lines } = await connected({ messageRetryOptions: { maxRetries: 0 } });
    const send = client.sendToGroupResult("g", "x", "text");
    const ackId = sockets.last.sent.at(-1)!.ackId as number;
    sockets.last.receive(JSON.stringify({ type: "ack", ackId, success: "yes" }));
    const result = await send;
    expect(result.isErr() && result.error).toMatchObject({
      kind: "rejected",
      ackId,
      errorDetail: { name: "InvalidAck" },
    });
    expect(lines.some((line) => line.includes("Dropped an invalid frame"))).toBe(true);
    client.stop();
  });

  it("with retries left, the operation is re-sent with the same ackId and the service de-duplicates it", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { client, sockets } = await connected({
      messageRetryOptions: { maxRetries: 1, retryDelayInMs: 100, jitter: 0 },
    });
    const send = client.sendToGroupResult("g", "x", "text");
    const ackId = sockets.last.sent.at(-1)!.ackId as number;
    sockets.last.receive(JSON.stringify({ type: "ack", ackId, success: "yes" }));
    await vi.advanceTimersByTimeAsync(100);
    const resent = sockets.last.sent.at(-1)!;
    expect(resent).toMatchObject({ type: "sendToGroup", ackId, data: "x" });
    sockets.last.receive({ kind: "ack", ackId, success: false, error: { name: "Duplicate", message: "" } });
    const result = await send;
    expect(result.isOk() && result.value).toEqual({ ackId, isDuplicated: true });
    client.stop();
  });

  it("an ack for an ackId nobody waits for is reported through the logger", async () => {
    const { client, sockets, lines } = await connected();
    const before = lines.length;
    sockets.last.receive({ kind: "ack", ackId: 424242, success: true });
    await flushMicrotasks(1);
    expect(lines.slice(before).some((line) => line.includes("424242"))).toBe(true);
    client.stop();
  });
});
