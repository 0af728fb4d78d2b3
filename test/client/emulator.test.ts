/**
 * The client against the local emulator over real sockets on 127.0.0.1: the seed scenarios, the
 * fault scenarios (`emu.faults`, on reliable JSON and reliable protobuf) and the client on both
 * protobuf subprotocols. No sleeps: every wait is for an event, with a timeout.
 */
import { WebPubSubServiceClient } from "@azure/web-pubsub";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { WebPubSubClient } from "../../src/client.js";
import type { Emulator, EventRequest } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { InvocationError, SendMessageError, StartError } from "../../src/errors.js";
import type { GroupDataMessage, ServerDataMessage } from "../../src/protocol/messages.js";
import { PROTOBUF_RELIABLE_SUBPROTOCOL, PROTOBUF_SUBPROTOCOL } from "../../src/protocol/messages.js";
import type { WebPubSubClientEvents, WebPubSubClientOptions } from "../../src/types.js";
import { WebPubSubJsonReliableProtocol } from "../../src/protocol/json-protocol.js";
import {
  WebPubSubProtobufProtocol,
  WebPubSubProtobufReliableProtocol,
} from "../../src/protocol/protobuf-protocol.js";

const ROLES = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"];
let emu: Emulator;
let eventHandler: (request: EventRequest) => void | { error: { name: string; message: string } } = () =>
  undefined;
const clients: WebPubSubClient[] = [];
let hubCounter = 0;

beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    logger: false,
    recoveryWindowMs: 5000,
    onEvent: (request) => eventHandler(request),
    onInvoke: (request) =>
      request.event === "fail"
        ? { error: { name: "BadRequest", message: "nope" } }
        : { dataType: "json", data: { echo: request.data } },
  });
});
afterAll(async () => {
  await emu.close();
});
afterEach(async () => {
  eventHandler = () => undefined;
  emu.faults.refuseConnections(0);
  for (const client of clients.splice(0)) await client[Symbol.asyncDispose]();
});

/** Fast timings so that recovery and keep-alive tests take milliseconds. */
const FAST: WebPubSubClientOptions = {
  recoveryRetryOptions: { retryDelayInMs: 20, maxRetryDelayInMs: 100 },
  reconnectRetryOptions: { retryDelayInMs: 20, maxRetryDelayInMs: 100 },
  messageRetryOptions: { retryDelayInMs: 10, maxRetryDelayInMs: 50 },
  keepAliveIntervalInMs: 0,
  keepAliveTimeoutInMs: 0,
};

function newHub(): string {
  return `hub${++hubCounter}`;
}

async function client(
  hub: string,
  options: WebPubSubClientOptions = {},
  access: { userId?: string; roles?: string[] } = {},
): Promise<WebPubSubClient> {
  const c = new WebPubSubClient(
    { getClientAccessUrl: () => emu.getClientAccessUrl({ hub, roles: ROLES, userId: "u", ...access }) },
    { ...FAST, ...options },
  );
  clients.push(c);
  await c.start();
  return c;
}

function next<E extends keyof WebPubSubClientEvents>(
  c: WebPubSubClient,
  event: E,
  timeoutMs = 5000,
): Promise<WebPubSubClientEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    const off = c.on(event, (args) => {
      clearTimeout(timer);
      off();
      resolve(args);
    });
  });
}

function collect(c: WebPubSubClient): GroupDataMessage[] {
  const messages: GroupDataMessage[] = [];
  c.on("group-message", (e) => messages.push(e.message));
  return messages;
}

describe("against the emulator: the seed scenarios", () => {
  it("connects, joins, sends and receives group messages of every data type", async () => {
    const hub = newHub();
    const a = await client(hub, {}, { userId: "alice" });
    const b = await client(hub, {}, { userId: "bob" });
    expect(a.state).toBe("connected");
    expect(a.userId).toBe("alice");
    await b.joinGroup("room");
    const received = collect(b);
    await a.sendToGroup("room", "hi", "text");
    await a.sendToGroup("room", { n: 1 }, "json");
    await a.sendToGroup("room", new Uint8Array([1, 2, 3]).buffer, "binary");
    await a.sendToGroup("room", "ff", "text", { fireAndForget: true });
    await vi.waitFor(() => expect(received).toHaveLength(4));
    expect(received.map((m) => m.data)).toEqual(["hi", { n: 1 }, new Uint8Array([1, 2, 3]).buffer, "ff"]);
    expect(received[0]).toMatchObject({ group: "room", fromUserId: "alice", dataType: "text" });
  });

  it("receives server messages sent through the REST API", async () => {
    const hub = newHub();
    const a = await client(hub);
    const service = new WebPubSubServiceClient(emu.connectionString, hub, { allowInsecureConnection: true });
    const message = next(a, "server-message");
    await service.sendToAll("from the server", { contentType: "text/plain" });
    expect((await message).message).toMatchObject({ dataType: "text", data: "from the server" });
  });

  it("sendEvent reaches the event handler; invokeEvent returns its response or an InvocationError", async () => {
    const hub = newHub();
    const a = await client(hub);
    const events: unknown[] = [];
    eventHandler = (request) => void events.push(request.data);
    await a.sendEvent("ev", { x: 1 }, "json");
    expect(events).toEqual([{ x: 1 }]);
    expect(await a.invokeEvent("calc", 21, "json")).toMatchObject({ dataType: "json", data: { echo: 21 } });
    const error = await a.invokeEvent("fail", 1, "json").catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "InvocationError", errorDetail: { name: "BadRequest" } });
  });

  it("retries, then throws SendMessageError with the ackId; a later retry with that ackId de-duplicates", async () => {
    const hub = newHub();
    const a = await client(hub);
    let calls = 0;
    eventHandler = () =>
      ++calls <= 4 ? { error: { name: "InternalServerError", message: "busy" } } : undefined;
    const error = (await a.sendEvent("ev", "x", "text").catch((e: unknown) => e)) as SendMessageError;
    expect(error).toBeInstanceOf(SendMessageError);
    expect(calls).toBe(4);
    expect(error.errorDetail).toEqual({ name: "InternalServerError", message: "busy" });
    const ackId = error.ackId!;
    expect(await a.sendEvent("ev", "x", "text", { ackId })).toEqual({ ackId, isDuplicated: false });
    expect(await a.sendEvent("ev", "x", "text", { ackId })).toEqual({ ackId, isDuplicated: true });
    expect(calls).toBe(5);
  });

  it("a refused token rejects start() with the HTTP status and the service's reason", async () => {
    const hub = newHub();
    const url = (await emu.getClientAccessUrl({ hub })).replace(/access_token=[^&]+/, "access_token=bad");
    const c = new WebPubSubClient(url, FAST);
    const error = (await c.start().catch((e: unknown) => e)) as StartError;
    expect(error).toBeInstanceOf(StartError);
    expect(error.failure).toMatchObject({ kind: "connection-failed", code: 1006, status: 401 });
    const reason = (error.failure as { reason?: string }).reason ?? "";
    expect(reason).toMatch(/^Unauthorized: .*JWT/);
    expect(error.message).toBe(`The service refused the connection (HTTP 401: ${reason})`);
    expect(c.state).toBe("stopped");
  });

  it.each([
    {
      status: 400,
      why: "an unsupported subprotocol",
      url: () => emu.getClientAccessUrl({ hub: newHub() }),
      protocol: {
        name: "mqtt.v5",
        isReliableSubProtocol: false,
        parseMessages: () => null,
        writeMessage: () => "",
      },
      reason: /Unsupported subprotocol/,
    },
    {
      status: 404,
      why: "a path that is no hub",
      url: async () =>
        (await emu.getClientAccessUrl({ hub: newHub() })).replace("/client/hubs/", "/client/nohubs/"),
      reason: /./,
    },
    {
      status: 503,
      why: "a service refusing upgrades",
      url: async () => {
        const url = await emu.getClientAccessUrl({ hub: newHub() });
        emu.faults.refuseConnections(60_000);
        return url;
      },
      reason: /restarting/,
    },
  ])("start() reports HTTP $status for $why, with the reason", async ({ status, url, protocol, reason }) => {
    const c = new WebPubSubClient(await url(), protocol ? { ...FAST, protocol } : FAST);
    const result = await c.startResult();
    expect(result.isErr()).toBe(true);
    const failure = result._unsafeUnwrapErr();
    expect(failure).toMatchObject({ kind: "connection-failed", status });
    expect((failure as { reason?: string }).reason).toMatch(reason);
    expect(failure.message).toContain(`HTTP ${status}`);
  });
});

/** The reliable subprotocols: recovery is the same on both. */
const RELIABLE = [
  ["json.reliable", WebPubSubJsonReliableProtocol],
  ["protobuf.reliable", WebPubSubProtobufReliableProtocol],
] as const;

describe("against the emulator: faults", () => {
  it.each(RELIABLE)(
    "drop during a stream (%s): recovered on the same connection, nothing lost or duplicated, in order",
    async (_name, protocol) => {
      const hub = newHub();
      const sender = await client(hub, { protocol: protocol() });
      const receiver = await client(hub, { protocol: protocol() });
      await receiver.joinGroup("g");
      const received = collect(receiver);
      const recovered = next(receiver, "recovered");
      const connectionId = receiver.connectionId!;
      const sends: Array<Promise<unknown>> = [];
      for (let i = 0; i < 200; i++) {
        sends.push(sender.sendToGroup("g", i, "json"));
        if (i === 100) emu.faults.drop(connectionId);
      }
      await Promise.all(sends);
      await recovered;
      await vi.waitFor(() => expect(received).toHaveLength(200));
      expect(received.map((m) => m.data)).toEqual(Array.from({ length: 200 }, (_, i) => i));
      // The original sequence ids, on the same connection and subprotocol.
      expect(received.map((m) => m.sequenceId)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(receiver.connectionId).toBe(connectionId);
      expect(emu.connections(hub).find((c) => c.connectionId === connectionId)?.protocol).toBe(
        protocol().name,
      );
    },
  );

  it("a recovered connection acks at once what it had received: the service's backlog does not grow with every drop", async () => {
    const hub = newHub();
    const sender = await client(hub);
    // An interval far longer than the test: only the ack on recovery can trim the service's buffer.
    const receiver = await client(hub, { sequenceAckIntervalInMs: 60_000 });
    await receiver.joinGroup("g");
    const received = collect(receiver);
    const unacked = () =>
      emu.connections(hub).find((c) => c.connectionId === receiver.connectionId)?.unackedMessages;
    for (let round = 1; round <= 3; round++) {
      for (let i = 0; i < 10; i++) await sender.sendToGroup("g", `${round}.${i}`, "text");
      await vi.waitFor(() => expect(received).toHaveLength(10 * round));
      expect(unacked()).toBe(10);
      const recovered = next(receiver, "recovered");
      emu.faults.drop(receiver.connectionId!);
      await recovered;
      await vi.waitFor(() => expect(unacked()).toBe(0));
    }
    expect(new Set(received.map((m) => m.data)).size).toBe(30);
  });

  it.each(RELIABLE)(
    "drop of the sender during a stream (%s): every send succeeds once, received in send order",
    async (_name, protocol) => {
      const hub = newHub();
      const sender = await client(hub, { protocol: protocol() });
      const receiver = await client(hub);
      await receiver.joinGroup("g");
      const received = collect(receiver);
      const sends: Array<Promise<unknown>> = [];
      for (let i = 0; i < 200; i++) {
        sends.push(sender.sendToGroup("g", i, "json"));
        if (i === 100) emu.faults.drop(sender.connectionId!);
      }
      await Promise.all(sends);
      await vi.waitFor(() => expect(received).toHaveLength(200));
      expect(received.map((m) => m.data)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    },
  );

  it.each(RELIABLE)(
    "the service's system/connected after each recovery fires no second connected event (%s)",
    async (_name, protocol) => {
      const hub = newHub();
      let connectedEvents = 0;
      const a = new WebPubSubClient(
        { getClientAccessUrl: () => emu.getClientAccessUrl({ hub, roles: ROLES, userId: "u" }) },
        { ...FAST, protocol: protocol() },
      );
      clients.push(a);
      a.on("connected", () => connectedEvents++);
      await a.start();
      const id = a.connectionId;
      for (let round = 0; round < 3; round++) {
        const recovered = next(a, "recovered");
        emu.faults.drop(a.connectionId!);
        await recovered;
      }
      // A round trip after the last recovery: its `system/connected` has been read by now.
      await a.sendEvent("ev", 1, "json");
      expect({ connectedEvents, connectionId: a.connectionId }).toEqual({
        connectedEvents: 1,
        connectionId: id,
      });
    },
  );

  it("expire: disconnected, reconnected with a new connection id, groups rejoined", async () => {
    const hub = newHub();
    const a = await client(hub);
    await a.joinGroup("g1");
    await a.joinGroup("g2");
    const first = a.connectionId!;
    const disconnected = next(a, "disconnected");
    const connected = next(a, "connected");
    emu.faults.expire(first);
    expect((await disconnected).connectionId).toBe(first);
    const second = (await connected).connectionId;
    expect(second).not.toBe(first);
    expect(emu.connections(hub).find((c) => c.connectionId === second)?.groups).toEqual(["g1", "g2"]);
  });

  it("a rejoin the service refuses emits rejoin-group-failed", async () => {
    const hub = newHub();
    let calls = 0;
    const a = new WebPubSubClient(
      {
        getClientAccessUrl: () =>
          emu.getClientAccessUrl({ hub, roles: ++calls === 1 ? ROLES : ["webpubsub.joinLeaveGroup.other"] }),
      },
      FAST,
    );
    clients.push(a);
    await a.start();
    await a.joinGroup("g");
    const failed = next(a, "rejoin-group-failed");
    const connected = next(a, "connected");
    emu.faults.expire(a.connectionId!);
    const event = await failed;
    expect(event.group).toBe("g");
    expect(event.error).toBeInstanceOf(Error);
    await connected;
    expect(a.groups).toEqual([]);
  });

  it("blackhole: the silent link is found by keep-alive and recovered", async () => {
    const hub = newHub();
    const a = await client(hub, { keepAliveIntervalInMs: 100, pongTimeoutInMs: 200 });
    await a.joinGroup("g");
    const id = a.connectionId!;
    const recovering = next(a, "recovering");
    const recovered = next(a, "recovered");
    emu.faults.blackhole(id);
    expect((await recovering).connectionId).toBe(id);
    await recovered;
    expect(a.connectionId).toBe(id);
    expect(await a.sendToGroup("g", "after", "text")).toMatchObject({ isDuplicated: false });
  });

  it("stop during recovery: no more attempts, stopped once", async () => {
    const hub = newHub();
    const a = await client(hub);
    const recovering = next(a, "recovering");
    const stopped = vi.fn();
    a.on("stopped", stopped);
    emu.faults.refuseConnections(10_000);
    emu.faults.drop(a.connectionId!);
    await recovering;
    const pending = a.sendToGroupResult("g", "x", "text");
    a.stop();
    // Pending operations fail at once; a recovery socket in flight is closed before `stopped`.
    expect((await pending)._unsafeUnwrapErr().kind).toBe("stopped");
    await vi.waitFor(() => expect(a.state).toBe("stopped"));
    expect(stopped).toHaveBeenCalledTimes(1);
    expect(a.actor.getSnapshot().value).toBe("stopped");
    emu.faults.refuseConnections(0);
    // Started again after stopped, it connects.
    await a.start();
    expect(a.state).toBe("connected");
  });

  it("server close: disconnected with the service's message and the close code, then reconnected", async () => {
    const hub = newHub();
    const a = await client(hub);
    const disconnected = next(a, "disconnected");
    const connected = next(a, "connected");
    emu.faults.close(a.connectionId!, 1000, "maintenance");
    const event = await disconnected;
    expect(event.code).toBe(1000);
    expect(event.message?.message).toBe("maintenance");
    await connected;
  });

  it("abort while waiting for a recovery, in flight and in retry backoff", async () => {
    const hub = newHub();
    const a = await client(hub, { messageRetryOptions: { retryDelayInMs: 60_000 } });
    eventHandler = () => ({ error: { name: "InternalServerError", message: "busy" } });
    const backoff = new AbortController();
    const inBackoff = a.sendEventResult("ev", "x", "text", { abortSignal: backoff.signal });
    await vi.waitFor(() => expect(a.actor.getSnapshot().hasTag("connected")).toBe(true));
    await new Promise<void>((resolve) => setImmediate(resolve));
    backoff.abort();
    expect((await inBackoff)._unsafeUnwrapErr().kind).toBe("aborted");

    emu.faults.blackhole(a.connectionId!);
    const flight = new AbortController();
    const inFlight = a.joinGroupResult("g", { abortSignal: flight.signal });
    flight.abort();
    expect((await inFlight)._unsafeUnwrapErr().kind).toBe("aborted");

    emu.faults.refuseConnections(10_000);
    const recovering = next(a, "recovering");
    emu.faults.drop(a.connectionId!);
    await recovering;
    const wait = new AbortController();
    const waiting = a.leaveGroupResult("g", { abortSignal: wait.signal });
    wait.abort();
    expect((await waiting)._unsafeUnwrapErr().kind).toBe("aborted");
    emu.faults.refuseConnections(0);
  });
});

/** A serialized google.protobuf.Any { type_url: "t/x", value: 01 02 }. */
const ANY = new Uint8Array([0x0a, 0x03, 0x74, 0x2f, 0x78, 0x12, 0x02, 0x01, 0x02]).buffer;

describe.each([
  ["protobuf.reliable", WebPubSubProtobufReliableProtocol, PROTOBUF_RELIABLE_SUBPROTOCOL, true],
  ["protobuf", WebPubSubProtobufProtocol, PROTOBUF_SUBPROTOCOL, false],
] as const)("our client on %s against the emulator", (_name, protocol, subprotocol, reliable) => {
  const options = (): WebPubSubClientOptions => ({ protocol: protocol() });

  it("connects on that subprotocol, joins, sends and receives every data type", async () => {
    const hub = newHub();
    const a = await client(hub, options(), { userId: "alice" });
    const b = await client(hub, options(), { userId: "bob" });
    expect(a.userId).toBe("alice");
    expect(emu.connections(hub).map((c) => c.protocol)).toEqual([subprotocol, subprotocol]);
    await b.joinGroup("room");
    const received = collect(b);
    await a.sendToGroup("room", "hi 🌍", "text");
    await a.sendToGroup("room", { n: [1, "two", null] }, "json");
    await a.sendToGroup("room", new Uint8Array([1, 2, 3]).buffer, "binary");
    await a.sendToGroup("room", ANY, "protobuf");
    await a.sendToGroup("room", "ff", "text", { fireAndForget: true });
    await vi.waitFor(() => expect(received).toHaveLength(5));
    expect(received.map((m) => [m.dataType, m.data])).toEqual([
      ["text", "hi 🌍"],
      ["json", { n: [1, "two", null] }],
      ["binary", new Uint8Array([1, 2, 3]).buffer],
      ["protobuf", ANY],
      ["text", "ff"],
    ]);
    // The subprotocol has no sender field; sequence ids only on the reliable one.
    expect(received.every((m) => m.group === "room" && m.fromUserId === undefined)).toBe(true);
    expect(received.map((m) => m.sequenceId)).toEqual(
      reliable ? [1, 2, 3, 4, 5] : [undefined, undefined, undefined, undefined, undefined],
    );
  });

  it("gets errors as typed errors: Forbidden, an invocation's error", async () => {
    const hub = newHub();
    const a = await client(hub, options(), { roles: ["webpubsub.joinLeaveGroup.mine"] });
    await expect(a.joinGroup("other")).rejects.toMatchObject({
      name: "SendMessageError",
      errorDetail: { name: "Forbidden" },
    });
    await expect(a.sendToGroup("mine", "x", "text")).rejects.toBeInstanceOf(SendMessageError);
    expect(await a.invokeEvent("echo", "ping", "text")).toMatchObject({
      dataType: "json",
      data: { echo: "ping" },
    });
    await expect(a.invokeEvent("fail", "x", "text")).rejects.toBeInstanceOf(InvocationError);
    await a.sendEvent("e", { ok: true }, "json");
  });

  it("receives REST sends of every content type as server messages", async () => {
    const hub = newHub();
    const a = await client(hub, options());
    const messages: ServerDataMessage[] = [];
    a.on("server-message", (e) => messages.push(e.message));
    const service = new WebPubSubServiceClient(emu.connectionString, hub, { allowInsecureConnection: true });
    await service.sendToAll("plain", { contentType: "text/plain" });
    await service.sendToAll({ kind: "json" });
    await service.sendToConnection(a.connectionId!, new Uint8Array([9, 8]).buffer);
    await vi.waitFor(() => expect(messages).toHaveLength(3));
    expect(messages.map((m) => [m.dataType, m.data])).toEqual([
      ["text", "plain"],
      ["json", { kind: "json" }],
      ["binary", new Uint8Array([9, 8]).buffer],
    ]);
  });
});
