/**
 * Our client on the protobuf subprotocols against a service that reads and writes the schema with
 * the other library (@bufbuild/protobuf, test/protocol/protobuf/server.ts): join, sends of every
 * data kind with and without acks, events, sequence ids and `sequenceAck`, ping and pong.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebPubSubClient } from "../../src/client.js";
import type { JSONTypes, WebPubSubDataType } from "../../src/protocol/messages.js";
import {
  WebPubSubProtobufProtocol,
  WebPubSubProtobufReliableProtocol,
} from "../../src/protocol/protobuf-protocol.js";
import type { OnGroupDataMessageArgs, OnServerDataMessageArgs } from "../../src/types.js";
import { nextEvent } from "../interop/helpers.js";
import { startProtobufTestServer, type ProtobufTestServer } from "./protobuf/server.js";
import type { UpstreamMessage } from "./protobuf/webpubsub.v1_pb.js";

/** The Azure docs' example `Any` (reference-protobuf-webpubsub-subprotocol, "Publish protobuf data"). */
const DOCS_ANY = Buffer.from(
  "Ci90eXBlLmdvb2dsZWFwaXMuY29tL2F6dXJlLndlYnB1YnN1Yi5UZXN0TWVzc2FnZRICCAE=",
  "base64",
);
const anyBuffer = (): ArrayBuffer => new Uint8Array(DOCS_ANY).buffer;

const PAYLOADS: ReadonlyArray<{
  dataType: WebPubSubDataType;
  data: () => JSONTypes | ArrayBuffer;
  /** What the service must have read, as @bufbuild/protobuf's MessageData member. */
  wire: { case: string; value: unknown };
}> = [
  { dataType: "text", data: () => "héllo 👋", wire: { case: "textData", value: "héllo 👋" } },
  {
    dataType: "json",
    data: () => ({ a: [1, "b"], c: null }),
    wire: { case: "jsonData", value: `{"a":[1,"b"],"c":null}` },
  },
  {
    dataType: "binary",
    data: () => Uint8Array.of(1, 2, 3).buffer,
    wire: { case: "binaryData", value: Uint8Array.of(1, 2, 3) },
  },
  {
    dataType: "protobuf",
    data: anyBuffer,
    wire: {
      case: "protobufData",
      value: { typeUrl: "type.googleapis.com/azure.webpubsub.TestMessage", value: Uint8Array.of(0x08, 0x01) },
    },
  },
];

/** Bytes as plain arrays, so a `Buffer` view and a `Uint8Array` of the same bytes compare equal. */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return Array.from(value);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !key.startsWith("$"))
      .map(([key, v]) => [key, plain(v)]),
  );
}

function sends(server: ProtobufTestServer) {
  return server.received.flatMap((m) => (m.message.case === "sendToGroupMessage" ? [m.message.value] : []));
}

describe.each([
  ["protobuf.reliable.webpubsub.azure.v1", WebPubSubProtobufReliableProtocol, true],
  ["protobuf.webpubsub.azure.v1", WebPubSubProtobufProtocol, false],
] as const)("our client on %s against a @bufbuild/protobuf service", (name, protocol, reliable) => {
  let server: ProtobufTestServer;
  let client: WebPubSubClient;

  beforeEach(async () => {
    server = await startProtobufTestServer();
    client = new WebPubSubClient(server.url, {
      protocol: protocol(),
      sequenceAckIntervalInMs: 20,
      keepAliveIntervalInMs: 50,
      messageRetryOptions: { maxRetries: 0 },
    });
  });

  afterEach(async () => {
    client.stop();
    await server.close();
  });

  it("connects on the subprotocol and reads the connected message", async () => {
    const connected = nextEvent<{ connectionId: string; userId: string }>(
      (h) => client.on("connected", h),
      (h) => client.off("connected", h),
    );
    await client.start();
    expect(await connected).toMatchObject({ connectionId: "conn-1", userId: "user-1" });
    expect(server.protocol()).toBe(name);
  });

  it("joins with an ack, and sends every data kind: the service reads it, the echo comes back equal", async () => {
    await client.start();
    await client.joinGroup("chat");
    const join = await server.waitFor((m) => m.message.case === "joinGroupMessage");
    expect(join.message.value).toMatchObject({ group: "chat", ackId: expect.any(BigInt) });

    for (const { dataType, data, wire } of PAYLOADS) {
      const echoed = nextEvent<OnGroupDataMessageArgs>(
        (h) => client.on("group-message", h),
        (h) => client.off("group-message", h),
        (e) => e.message.dataType === dataType,
      );
      const result = await client.sendToGroup("chat", data(), dataType);
      expect(result.ackId).toEqual(expect.any(Number));
      const sent = sends(server).at(-1)!;
      expect(sent.group).toBe("chat");
      expect(sent.ackId).toBe(BigInt(result.ackId!));
      expect(sent.noEcho).toBeUndefined();
      expect(sent.data?.data.case).toBe(wire.case);
      expect(plain(sent.data?.data.value)).toStrictEqual(plain(wire.value));

      const { message } = await echoed;
      expect(message).toMatchObject({ kind: "groupData", group: "chat", dataType });
      expect("fromUserId" in message).toBe(false);
      expect(message.data).toStrictEqual(data());
      if (reliable) expect(message.sequenceId).toEqual(expect.any(Number));
      else expect(message.sequenceId).toBeUndefined();
    }
  });

  it("sends fire-and-forget without an ack_id, and no_echo when asked", async () => {
    await client.start();
    await client.sendToGroup("chat", "quiet", "text", { fireAndForget: true, noEcho: true });
    const sent = await server.waitFor(
      (m) => m.message.case === "sendToGroupMessage" && m.message.value.data?.data.value === "quiet",
    );
    const value = sent.message.value as { ackId?: bigint; noEcho?: boolean };
    expect(value.ackId).toBeUndefined();
    expect(value.noEcho).toBe(true);
  });

  it("sends events; server messages of every kind come back", async () => {
    await client.start();
    for (const { dataType, data } of PAYLOADS) {
      const back = nextEvent<OnServerDataMessageArgs>(
        (h) => client.on("server-message", h),
        (h) => client.off("server-message", h),
        (e) => e.message.dataType === dataType,
      );
      await client.sendEvent("evt", data(), dataType);
      expect((await back).message.data).toStrictEqual(data());
    }
    const events = server.received.filter((m) => m.message.case === "eventMessage");
    expect(events.map((m) => (m.message.value as { event: string }).event)).toStrictEqual([
      "evt",
      "evt",
      "evt",
      "evt",
    ]);
  });

  it(
    reliable
      ? "acknowledges the sequence ids it received with sequenceAck"
      : "sends no sequenceAck on the non-reliable subprotocol",
    async () => {
      await client.start();
      await client.joinGroup("chat");
      for (let i = 0; i < 3; i++) await client.sendToGroup("chat", `m${i}`, "text");
      if (reliable) {
        const isAck = (m: UpstreamMessage) =>
          m.message.case === "sequenceAckMessage" && m.message.value.sequenceId === 3n;
        await server.waitFor(isAck);
      } else {
        // Two keep-alive pings after the echoes: more than two ack intervals have passed.
        const pings = () => server.received.filter((m) => m.message.case === "pingMessage").length;
        const after = pings();
        await server.waitFor(() => pings() >= after + 2);
        expect(server.received.some((m) => m.message.case === "sequenceAckMessage")).toBe(false);
      }
    },
  );
});

describe("keep-alive on the protobuf subprotocol", () => {
  it("pings, and the @bufbuild/protobuf service's pong keeps the connection", async () => {
    const server = await startProtobufTestServer();
    const client = new WebPubSubClient(server.url, {
      protocol: WebPubSubProtobufReliableProtocol(),
      keepAliveIntervalInMs: 30,
    });
    try {
      await client.start();
      // Two pings: the second is written only if the client stayed connected after the first pong.
      await server.waitFor((m) => m.message.case === "pingMessage");
      const pings = () => server.received.filter((m) => m.message.case === "pingMessage").length;
      await server.waitFor(() => pings() >= 2);
      expect(client.state).toBe("connected");
    } finally {
      client.stop();
      await server.close();
    }
  });
});
