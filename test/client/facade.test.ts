import { describe, expect, it, vi } from "vitest";
import { WebPubSubClient } from "../../src/client.js";
import { InvocationError, SendMessageError, StartError } from "../../src/errors.js";
import { WebPubSubJsonProtocol } from "../../src/protocol/json-protocol.js";
import { FAKE_URL, settle, setupFakeClient, startedFakeClient, type FakeSocket } from "./fake-socket.js";

const URL = FAKE_URL;
const setup = setupFakeClient;
const started = startedFakeClient;

function ack(socket: FakeSocket, ackId: unknown, error?: { name: string; message: string }) {
  socket.receive(
    error ? { type: "ack", ackId, success: false, error } : { type: "ack", ackId, success: true },
  );
}

describe("WebPubSubClient: construction and start", () => {
  it("refuses bad arguments like the official client", () => {
    expect(() => new WebPubSubClient(URL, { keepAliveIntervalInMs: -1 })).toThrow(RangeError);
    expect(() => new WebPubSubClient(URL, { keepAliveTimeoutInMs: -1 })).toThrow(RangeError);
    expect(() => new WebPubSubClient(42 as unknown as string)).toThrow(TypeError);
  });

  it("start() with an invalid URL rejects with a clear StartError", async () => {
    const client = new WebPubSubClient("not a url");
    const error = await client.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartError);
    expect((error as StartError).failure.kind).toBe("invalid-argument");
  });

  it("start() resolves at system/connected, not at socket open", async () => {
    const { client, fake } = setup();
    let resolved = false;
    const start = client.start().then(() => (resolved = true));
    await settle();
    expect(fake.last.url).toBe(URL);
    expect(fake.last.protocolName).toBe("json.reliable.webpubsub.azure.v1");
    fake.last.open();
    await settle();
    expect(resolved).toBe(false);
    expect(client.state).toBe("connecting");
    fake.last.receive({
      type: "system",
      event: "connected",
      connectionId: "c1",
      userId: "u",
      reconnectionToken: "t",
    });
    await start;
    expect(client.state).toBe("connected");
    expect(client.connectionId).toBe("c1");
    expect(client.userId).toBe("u");
  });

  it("a refused first connection rejects start() with the reason and leaves the client stopped", async () => {
    const { client, fake } = setup();
    const start = client.start().catch((e: unknown) => e);
    await settle();
    fake.last.error("Unexpected server response: 401");
    fake.last.drop(1006, "");
    const error = (await start) as StartError;
    expect(error).toBeInstanceOf(StartError);
    expect(error.failure).toMatchObject({ kind: "connection-failed", code: 1006 });
    expect(error.message).toContain("401");
    expect(client.state).toBe("stopped");
    expect(fake.sockets).toHaveLength(1);
  });

  it("start() while started rejects with invalid-state", async () => {
    const { client } = await started();
    const result = await client.startResult();
    expect(result.isErr() && result.error.kind).toBe("invalid-state");
  });

  it("start() aborted by its signal stops the client", async () => {
    const { client } = setup();
    const controller = new AbortController();
    const start = client.start({ abortSignal: controller.signal }).catch((e: unknown) => e);
    await settle();
    controller.abort();
    const error = (await start) as StartError;
    expect(error.failure.kind).toBe("aborted");
    expect(client.state).not.toBe("connected");
  });
});

describe("WebPubSubClient: operations", () => {
  it("operations on a stopped client fail fast with a stopped failure", async () => {
    const { client } = setup();
    const error = await client.joinGroup("g").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendMessageError);
    expect((error as SendMessageError).failure).toEqual({ kind: "stopped" });
    const result = await client.sendToGroupResult("g", "x", "text", { fireAndForget: true });
    expect(result.isErr() && result.error.kind).toBe("stopped");
    const invoke = await client.invokeEvent("e", "x", "text").catch((e: unknown) => e);
    expect(invoke).toBeInstanceOf(InvocationError);
  });

  it("frames carry the official shapes; acks settle operations; Duplicate → isDuplicated", async () => {
    const { client, fake } = await started();
    const socket = fake.last;
    const join = client.joinGroup("g");
    const send = client.sendToGroup("g", { a: 1 }, "json", { noEcho: true, ackId: 50 });
    const event = client.sendEvent("ev", new Uint8Array([1, 2]).buffer, "binary");
    expect(socket.sent).toEqual([
      { type: "joinGroup", group: "g", ackId: 1 },
      { type: "sendToGroup", group: "g", ackId: 50, noEcho: true, dataType: "json", data: { a: 1 } },
      { type: "event", event: "ev", ackId: 51, dataType: "binary", data: "AQI=" },
    ]);
    ack(socket, 1);
    ack(socket, 50, { name: "Duplicate", message: "processed" });
    ack(socket, 51);
    expect(await join).toEqual({ ackId: 1, isDuplicated: false });
    expect(await send).toEqual({ ackId: 50, isDuplicated: true });
    expect(await event).toEqual({ ackId: 51, isDuplicated: false });
    expect(client.groups).toEqual(["g"]);
    const leave = client.leaveGroup("g");
    ack(socket, 52);
    expect(await leave).toEqual({ ackId: 52, isDuplicated: false });
    expect(client.groups).toEqual([]);
  });

  it("invalid payloads are refused before anything is sent", async () => {
    const { client, fake } = await started();
    const result = await client.sendToGroupResult("g", 42 as unknown as string, "text");
    expect(result.isErr() && result.error.kind).toBe("invalid-argument");
    expect(fake.last.sent).toEqual([]);
  });

  it("retries with the same ackId, then throws SendMessageError with that ackId and the service's error", async () => {
    const { client, fake } = await started({
      messageRetryOptions: { maxRetries: 1, retryDelayInMs: 5, jitter: 0 },
    });
    const socket = fake.last;
    const send = client.sendToGroup("g", "x", "text").catch((e: unknown) => e);
    ack(socket, 1, { name: "Forbidden", message: "no" });
    await vi.waitFor(() => expect(socket.sent).toHaveLength(2));
    expect(socket.sent[1]).toMatchObject({ ackId: 1 });
    ack(socket, 1, { name: "Forbidden", message: "no" });
    const error = (await send) as SendMessageError;
    expect(error).toBeInstanceOf(SendMessageError);
    expect(error.ackId).toBe(1);
    expect(error.errorDetail).toEqual({ name: "Forbidden", message: "no" });
    expect(error.failure.kind).toBe("rejected");
  });

  it("while connecting, acked and fire-and-forget sends wait and go out in call order", async () => {
    const { client, fake } = setup();
    const start = client.start();
    await settle();
    const a = client.sendToGroup("g", "1", "text");
    const b = client.sendToGroup("g", "2", "text", { fireAndForget: true });
    const c = client.sendEvent("e", "3", "text");
    fake.last.accept();
    await start;
    expect(fake.last.sent.map((f) => f.data)).toEqual(["1", "2", "3"]);
    expect(await b).toEqual({ isDuplicated: false });
    ack(fake.last, 1);
    ack(fake.last, 2);
    await Promise.all([a, c]);
  });

  it("after a recovery, unacked operations are re-sent first, in order, with the same ackIds", async () => {
    const { client, fake } = await started();
    const first = fake.last;
    const a = client.sendToGroup("g", "a", "text");
    const b = client.sendToGroup("g", "b", "text");
    ack(first, 1);
    const recovering = vi.fn();
    client.on("recovering", recovering);
    first.drop(1006, "network");
    expect(client.state).toBe("recovering");
    const c = client.sendToGroup("g", "c", "text");
    const d = client.sendToGroup("g", "d", "text", { fireAndForget: true });
    const second = fake.last;
    expect(second).not.toBe(first);
    expect(new globalThis.URL(second.url).searchParams.get("awps_connection_id")).toBe("conn-1");
    second.open();
    // Nothing is re-sent until the service proves it still has the session.
    expect(second.sent).toEqual([{ type: "ping" }]);
    second.receive({ type: "pong" });
    expect(second.sent.slice(1).map((f) => [f.ackId, f.data])).toEqual([
      [2, "b"],
      [3, "c"],
      [undefined, "d"],
    ]);
    ack(second, 2, { name: "Duplicate", message: "" });
    ack(second, 3);
    expect(await a).toEqual({ ackId: 1, isDuplicated: false });
    expect(await b).toEqual({ ackId: 2, isDuplicated: true });
    expect(await c).toEqual({ ackId: 3, isDuplicated: false });
    await d;
    expect(recovering).toHaveBeenCalledTimes(1);
  });

  it("a reliable connection announced without a reconnection token is not recovered: a new connection instead", async () => {
    const { client, fake } = setup();
    const start = client.start();
    await settle();
    fake.last.open();
    // The parsed message has no token at all (as the official reader leaves it), not "".
    fake.last.receive({ type: "system", event: "connected", connectionId: "c1", userId: "u" });
    await start;
    fake.last.drop(1006, "network");
    await settle();
    expect(client.state).not.toBe("recovering");
    expect(
      fake.sockets.every((s) => !new globalThis.URL(s.url).searchParams.has("awps_reconnection_token")),
    ).toBe(true);
    client.stop();
  });

  it("after a reconnect, an operation written but never acked fails as outcome-unknown", async () => {
    const { client, fake } = await started({ protocol: WebPubSubJsonProtocol() });
    const send = client.sendToGroup("g", "a", "text").catch((e: unknown) => e);
    fake.last.drop(1006, "");
    const error = (await send) as SendMessageError;
    expect(error.failure).toEqual({ kind: "outcome-unknown", ackId: 1 });
    expect(error.ackId).toBe(1);
  });

  it("with inDoubtOperations 'retry', it is sent again on the new connection", async () => {
    const { client, fake } = await started({ protocol: WebPubSubJsonProtocol(), inDoubtOperations: "retry" });
    const send = client.sendToGroup("g", "a", "text");
    fake.last.drop(1006, "");
    await vi.waitFor(() => expect(fake.sockets).toHaveLength(2));
    fake.last.accept("conn-2");
    await vi.waitFor(() =>
      expect(fake.last.sent).toEqual([
        { type: "sendToGroup", group: "g", ackId: 1, noEcho: false, dataType: "text", data: "a" },
      ]),
    );
    ack(fake.last, 1);
    expect(await send).toEqual({ ackId: 1, isDuplicated: false });
  });

  it("abort: waiting, in flight and in retry backoff each end with an aborted failure", async () => {
    const { client, fake } = await started({ messageRetryOptions: { retryDelayInMs: 60_000 } });
    const inFlight = new AbortController();
    const p1 = client.joinGroupResult("g", { abortSignal: inFlight.signal });
    inFlight.abort("bye");
    expect((await p1)._unsafeUnwrapErr()).toEqual({ kind: "aborted", ackId: 1, reason: "bye" });

    const backoff = new AbortController();
    const p2 = client.sendEventResult("e", "x", "text", { abortSignal: backoff.signal });
    ack(fake.last, 2, { name: "InternalServerError", message: "" });
    backoff.abort();
    expect((await p2)._unsafeUnwrapErr()).toMatchObject({ kind: "aborted", ackId: 2 });

    fake.last.drop(1006, "");
    const waiting = new AbortController();
    const p3 = client.leaveGroupResult("g", { abortSignal: waiting.signal });
    waiting.abort();
    expect((await p3)._unsafeUnwrapErr()).toMatchObject({ kind: "aborted", ackId: 3 });
    client.stop();
  });

  it("invokeEvent resolves with the response; abort sends cancelInvocation", async () => {
    const { client, fake } = await started();
    const socket = fake.last;
    const invoke = client.invokeEvent("calc", { x: 1 }, "json");
    expect(socket.sent[0]).toEqual({
      type: "invoke",
      invocationId: "1",
      target: "event",
      event: "calc",
      dataType: "json",
      data: { x: 1 },
    });
    socket.receive({ type: "invokeResponse", invocationId: "1", success: true, dataType: "text", data: "2" });
    expect(await invoke).toEqual({ invocationId: "1", dataType: "text", data: "2" });

    const controller = new AbortController();
    const aborted = client
      .invokeEvent("calc", 1, "json", { abortSignal: controller.signal })
      .catch((e: unknown) => e);
    controller.abort();
    const error = (await aborted) as InvocationError;
    expect(error).toBeInstanceOf(InvocationError);
    expect(error.invocationId).toBe("2");
    expect(socket.sent.at(-1)).toEqual({ type: "cancelInvocation", invocationId: "2" });
  });

  it("stop() fails pending operations with stopped, then disconnected and stopped once", async () => {
    const { client, fake } = await started();
    const events: string[] = [];
    client.on("disconnected", (e) => events.push(`disconnected:${e.code}`));
    client.on("stopped", () => events.push("stopped"));
    const send = client.sendToGroupResult("g", "x", "text");
    client.stop();
    expect((await send)._unsafeUnwrapErr()).toEqual({ kind: "stopped", ackId: 1 });
    expect(fake.last.closedWith).toEqual({ code: 1000, reason: "The client was stopped" });
    await vi.waitFor(() => expect(events).toEqual(["disconnected:1000", "stopped"]));
    expect(client.state).toBe("stopped");
  });
});

describe("WebPubSubClient: events, logging, disposal", () => {
  it("on() returns an unsubscribe; a throwing listener is logged and the others still run", async () => {
    const error = vi.fn();
    const { client, fake } = await started({ logger: { error } });
    const seen: unknown[] = [];
    const off = client.on("server-message", () => {
      throw new Error("boom");
    });
    client.on("server-message", (e) => seen.push(e.message.data));
    fake.last.receive({ type: "message", from: "server", dataType: "text", data: "one", sequenceId: 1 });
    off();
    fake.last.receive({ type: "message", from: "server", dataType: "text", data: "two", sequenceId: 2 });
    expect(seen).toEqual(["one", "two"]);
    expect(error).toHaveBeenCalledTimes(1);
    expect(client.state).toBe("connected");
  });

  it("never logs the access token or the reconnection token", async () => {
    const lines: string[] = [];
    const sink = (...args: unknown[]) =>
      lines.push(args.map((a) => (a instanceof Error ? a.message : JSON.stringify(a))).join(" "));
    const { client, fake } = setup({ logger: { debug: sink, info: sink, warn: sink, error: sink } });
    const start = client.start();
    await settle();
    fake.last.accept("conn-1", "RECONNECT-SECRET");
    await start;
    fake.last.drop(1006, "bye");
    fake.last.error(`Unexpected server response: 502 for ${fake.last.url}`);
    fake.last.drop(1006, "");
    client.stop();
    await settle();
    expect(lines.length).toBeGreaterThan(3);
    const all = lines.join("\n");
    expect(all).not.toContain("SECRET-TOKEN");
    expect(all).not.toContain("RECONNECT-SECRET");
    expect(all).toContain("[REDACTED]");
  });

  it("await using stops the client", async () => {
    const { client, fake } = await started();
    const stopped = vi.fn();
    client.on("stopped", stopped);
    {
      await using _scoped = client;
    }
    expect(stopped).toHaveBeenCalledTimes(1);
    expect(client.state).toBe("stopped");
    expect(fake.last.closedWith?.code).toBe(1000);
  });

  it("exposes the root actor, and an inspect option sees the client and operation actors", async () => {
    const inspected = new Set<string>();
    const { client, fake } = await started({
      inspect: (event) => {
        if (event.type === "@xstate.snapshot") {
          const machine = (event.snapshot as { machine?: { id: string } }).machine;
          if (machine) inspected.add(machine.id);
        }
      },
    });
    expect(client.actor.getSnapshot().hasTag("connected")).toBe(true);
    const send = client.sendToGroup("g", "x", "text");
    ack(fake.last, 1);
    await send;
    expect(inspected).toContain("client");
    expect(inspected).toContain("operation");
  });
});
