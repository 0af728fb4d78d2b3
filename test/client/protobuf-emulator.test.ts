/**
 * Our client on the protobuf subprotocols against the emulator, over real sockets on 127.0.0.1:
 * every operation and data type on both, errors as typed errors, server messages, and recovery
 * after a drop mid-stream with nothing lost, duplicated or reordered. No sleeps: every wait is
 * for an event or a condition, with a timeout.
 */
import { WebPubSubServiceClient } from "@azure/web-pubsub";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { WebPubSubClient } from "../../src/client.js";
import type { Emulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { InvocationError, SendMessageError } from "../../src/errors.js";
import type { GroupDataMessage, ServerDataMessage } from "../../src/protocol/messages.js";
import { PROTOBUF_RELIABLE_SUBPROTOCOL, PROTOBUF_SUBPROTOCOL } from "../../src/protocol/messages.js";
import {
  WebPubSubProtobufProtocol,
  WebPubSubProtobufReliableProtocol,
} from "../../src/protocol/protobuf-protocol.js";
import type { WebPubSubClientEvents, WebPubSubClientOptions } from "../../src/types.js";

const ROLES = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"];
/** A serialized google.protobuf.Any { type_url: "t/x", value: 01 02 }. */
const ANY = new Uint8Array([0x0a, 0x03, 0x74, 0x2f, 0x78, 0x12, 0x02, 0x01, 0x02]).buffer;

let emu: Emulator;
const clients: WebPubSubClient[] = [];
let hubCounter = 0;

beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    logger: false,
    recoveryWindowMs: 5000,
    onInvoke: (request) =>
      request.event === "fail"
        ? { error: { name: "BadRequest", message: "nope" } }
        : { dataType: request.dataType ?? "text", data: request.data ?? "none" },
  });
});
afterAll(async () => {
  await emu.close();
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client[Symbol.asyncDispose]();
});

/** Fast timings so that recovery tests take milliseconds. */
const FAST: WebPubSubClientOptions = {
  recoveryRetryOptions: { retryDelayInMs: 20, maxRetryDelayInMs: 100 },
  reconnectRetryOptions: { retryDelayInMs: 20, maxRetryDelayInMs: 100 },
  messageRetryOptions: { retryDelayInMs: 10, maxRetryDelayInMs: 50 },
  keepAliveIntervalInMs: 0,
  keepAliveTimeoutInMs: 0,
};

async function client(
  hub: string,
  options: WebPubSubClientOptions,
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

describe.each([
  ["protobuf.reliable", WebPubSubProtobufReliableProtocol, PROTOBUF_RELIABLE_SUBPROTOCOL, true],
  ["protobuf", WebPubSubProtobufProtocol, PROTOBUF_SUBPROTOCOL, false],
] as const)("our client on %s against the emulator", (_name, protocol, subprotocol, reliable) => {
  const options = (): WebPubSubClientOptions => ({ protocol: protocol() });

  it("connects on that subprotocol, joins, sends and receives every data type", async () => {
    const hub = `pb${++hubCounter}`;
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
    const hub = `pb${++hubCounter}`;
    const a = await client(hub, options(), { roles: ["webpubsub.joinLeaveGroup.mine"] });
    await expect(a.joinGroup("other")).rejects.toMatchObject({
      name: "SendMessageError",
      errorDetail: { name: "Forbidden" },
    });
    await expect(a.sendToGroup("mine", "x", "text")).rejects.toBeInstanceOf(SendMessageError);
    expect(await a.invokeEvent("echo", "ping", "text")).toMatchObject({ dataType: "text", data: "ping" });
    expect(await a.invokeEvent("echo", ANY, "protobuf")).toMatchObject({ dataType: "protobuf", data: ANY });
    await expect(a.invokeEvent("fail", "x", "text")).rejects.toBeInstanceOf(InvocationError);
    await a.sendEvent("e", { ok: true }, "json");
  });

  it("receives REST sends of every content type as server messages", async () => {
    const hub = `pb${++hubCounter}`;
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

describe("our client on protobuf.reliable: recovery", () => {
  it("a drop of the receiver mid-stream: every message once, in order, with its original sequence id", async () => {
    const hub = `pb${++hubCounter}`;
    const sender = await client(hub, { protocol: WebPubSubProtobufReliableProtocol() });
    const receiver = await client(hub, { protocol: WebPubSubProtobufReliableProtocol() });
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
    expect(received.map((m) => m.sequenceId)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // The same logical connection, recovered on the same subprotocol.
    expect(receiver.connectionId).toBe(connectionId);
    expect(emu.connections(hub).find((c) => c.connectionId === connectionId)?.protocol).toBe(
      PROTOBUF_RELIABLE_SUBPROTOCOL,
    );
  });

  it("a drop of the sender mid-stream: every send succeeds once, received in send order", async () => {
    const hub = `pb${++hubCounter}`;
    const sender = await client(hub, { protocol: WebPubSubProtobufReliableProtocol() });
    const receiver = await client(hub, { protocol: WebPubSubProtobufProtocol() });
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
  });
});
