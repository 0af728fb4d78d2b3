/**
 * Raw protobuf clients against the running emulator, frames read with @bufbuild/protobuf (not the
 * library the emulator writes with) and some written byte by byte: the handshake, binary frames
 * only, declined frames, permissions, REST sends, reliable replay and recovery, and JSON and
 * protobuf members in one group.
 */
import { describe, expect, it, vi } from "vitest";
import { protobufProtocol } from "../../src/emulator/protocols/protobuf.js";
import { jsonProtocol } from "../../src/emulator/protocols/json.js";
import { PROTOBUF_RELIABLE_SUBPROTOCOL, PROTOBUF_SUBPROTOCOL } from "../../src/protocol/messages.js";
import { serviceClient } from "../interop/helpers.js";
import {
  ALL_ROLES,
  JSON_RELIABLE_SUBPROTOCOL,
  JSON_SUBPROTOCOL,
  TestClient,
  groupTextSender,
  recoveryUrl,
  useEmulator,
  waitUntil,
} from "./helpers.js";
import type { Frame, OpenedClient } from "./helpers.js";
import { wireOf } from "./protobuf-frames.js";

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ""), "hex");

/** Any { type_url: "type.googleapis.com/x", value: 01 02 }, serialized, as base64. */
const TYPE_URL = Buffer.from("type.googleapis.com/x");
const ANY = Buffer.concat([Buffer.from([0x0a, TYPE_URL.length]), TYPE_URL, hex("12 02 01 02")]).toString(
  "base64",
);

describe("raw protobuf clients", () => {
  const fx = useEmulator();

  it("accept and echo both subprotocols; connected carries a token only on the reliable one", async () => {
    const emu = await fx.start();
    const reliable = await fx.open({ userId: "r", protocol: PROTOBUF_RELIABLE_SUBPROTOCOL });
    const plain = await fx.open({ protocol: PROTOBUF_SUBPROTOCOL });
    expect(reliable.client.ws.protocol).toBe(PROTOBUF_RELIABLE_SUBPROTOCOL);
    expect(plain.client.ws.protocol).toBe(PROTOBUF_SUBPROTOCOL);
    expect(reliable.connected).toEqual({
      type: "system",
      event: "connected",
      connectionId: reliable.connectionId,
      userId: "r",
      reconnectionToken: expect.any(String) as unknown,
    });
    const wire = wireOf(plain.connected)?.message;
    expect(wire?.case === "systemMessage" && wire.value.message.case === "connectedMessage").toBe(true);
    // Absent, not empty: the plain subprotocol has no recovery.
    expect(
      wire?.case === "systemMessage" &&
        wire.value.message.case === "connectedMessage" &&
        wire.value.message.value.reconnectionToken,
    ).toBeUndefined();
    expect(emu.connections().map((c) => [c.connectionId, c.protocol])).toEqual(
      expect.arrayContaining([
        [reliable.connectionId, PROTOBUF_RELIABLE_SUBPROTOCOL],
        [plain.connectionId, PROTOBUF_SUBPROTOCOL],
      ]),
    );
  });

  it("take the first supported subprotocol the client offers", async () => {
    await fx.start();
    const url = await fx.url();
    const client = await TestClient.connect(url, ["mqtt", PROTOBUF_SUBPROTOCOL, JSON_SUBPROTOCOL]);
    expect(client.ws.protocol).toBe(PROTOBUF_SUBPROTOCOL);
    await client.next((f) => f["event"] === "connected");
    await client.close();
  });

  it("are answered frame for frame in bytes built by hand, and only ever in binary frames", async () => {
    await fx.start();
    const { client } = await fx.open({ roles: ALL_ROLES, protocol: PROTOBUF_RELIABLE_SUBPROTOCOL });
    client.sendRaw(hex("32 05 0a 01 67 10 01"), true); // join_group_message { group: "g", ack_id: 1 }
    expect(await client.ack(1)).toEqual({ type: "ack", ackId: 1, success: true });
    // send_to_group_message { group: "g", ack_id: 2, data { text_data: "hi" } }
    client.sendRaw(hex("0a 0b 0a 01 67 10 02 1a 04 0a 02 6869"), true);
    expect(await client.ack(2)).toMatchObject({ success: true });
    expect(await client.message()).toEqual({
      type: "message",
      from: "group",
      group: "g",
      dataType: "text",
      data: "hi",
      sequenceId: 1,
    });
    client.sendRaw(hex("42 02 08 01"), true); // sequence_ack_message { sequence_id: 1 }
    client.sendRaw(hex("4a 00"), true); // ping_message
    expect(await client.next((f) => f.type === "pong")).toEqual({ type: "pong" });
    client.sendRaw(hex("32 05 0a 01 67 10 01"), true); // the same ack id again
    expect(await client.ack(1)).toMatchObject({ success: false, error: { name: "Duplicate" } });
    expect(client.textFrames).toBe(0);
    expect(client.received.every((f) => wireOf(f) !== undefined)).toBe(true);
  });

  it("close a text frame with system/disconnected and 1003", async () => {
    const emu = await fx.start();
    const { client, connectionId } = await fx.open({ protocol: PROTOBUF_RELIABLE_SUBPROTOCOL });
    client.sendRaw('{"type":"ping"}');
    expect(await client.next((f) => f["event"] === "disconnected")).toEqual({
      type: "system",
      event: "disconnected",
      message: "Text frames are not supported on protobuf subprotocols",
    });
    expect(await client.closed).toEqual({
      code: 1003,
      reason: "Text frames are not supported on protobuf subprotocols",
    });
    // Not recoverable: the session is gone.
    expect(emu.connections().some((c) => c.connectionId === connectionId)).toBe(false);
  });

  it("close bytes that are no protobuf message with system/disconnected and 1007", async () => {
    await fx.start();
    const { client } = await fx.open({ protocol: PROTOBUF_SUBPROTOCOL });
    client.sendRaw(hex("0a 10 0a"), true); // a send_to_group_message cut short
    const disconnected = await client.next((f) => f["event"] === "disconnected");
    expect(disconnected["message"]).toMatch(/^Invalid message: Frame is not a valid protobuf message/);
    expect(await client.closed).toMatchObject({
      code: 1007,
      reason: expect.stringMatching(/^Invalid message/),
    });
  });

  it("answer a readable request that does not fit with BadRequest, and stay open; skip unknown kinds", async () => {
    await fx.start();
    const { client } = await fx.open({ roles: ALL_ROLES, protocol: PROTOBUF_RELIABLE_SUBPROTOCOL });
    // send_to_group_message { group: "g", ack_id: 7, data { json_data: "{" } }
    client.sendRaw(hex("0a 0a 0a 01 67 10 07 1a 03 22 01 7b"), true);
    expect(await client.ack(7)).toMatchObject({
      success: false,
      error: { name: "BadRequest", message: expect.stringMatching(/json_data/) as unknown },
    });
    // join_group_message { group: "", ack_id: 8 }: the service's name rule, as on JSON.
    client.sendRaw(hex("32 02 10 08"), true);
    expect(await client.ack(8)).toMatchObject({ success: false, error: { name: "BadRequest" } });
    client.sendRaw(hex("6a 02 08 01"), true); // stream_data (13), a preview: skipped
    client.sendRaw(Buffer.alloc(0), true); // no message at all: skipped
    // join with unknown fields (9, 10) and an unknown top-level field (30): read, acked.
    client.sendRaw(hex("32 0b 0a 01 67 10 09 48 05 52 02 7a7a f0 01 07"), true);
    expect(await client.ack(9)).toMatchObject({ success: true });
    expect(client.closeCode).toBeUndefined();
  });

  it("are held to their roles, as JSON clients are", async () => {
    await fx.start();
    const { client } = await fx.open({
      protocol: PROTOBUF_SUBPROTOCOL,
      roles: ["webpubsub.joinLeaveGroup.allowed", "webpubsub.sendToGroup.allowed"],
    });
    expect(await client.request({ type: "joinGroup", group: "other", ackId: 1 })).toMatchObject({
      success: false,
      error: { name: "Forbidden" },
    });
    expect(
      await client.request({ type: "sendToGroup", group: "other", ackId: 2, dataType: "text", data: "x" }),
    ).toMatchObject({ success: false, error: { name: "Forbidden" } });
    expect(await client.request({ type: "joinGroup", group: "allowed", ackId: 3 })).toMatchObject({
      success: true,
    });
    expect(
      await client.request({ type: "sendToGroup", group: "allowed", ackId: 4, dataType: "text", data: "x" }),
    ).toMatchObject({ success: true });
    expect(await client.message()).toMatchObject({ group: "allowed", data: "x" });
    // No roles at all: events only.
    const { client: plain } = await fx.open({ protocol: PROTOBUF_SUBPROTOCOL });
    expect(await plain.request({ type: "joinGroup", group: "allowed", ackId: 1 })).toMatchObject({
      error: { name: "Forbidden" },
    });
    expect(
      await plain.request({ type: "event", event: "e", ackId: 2, dataType: "text", data: "x" }),
    ).toMatchObject({ success: true });
  });

  it("receive REST sends as text, json and binary, from the server, with no group", async () => {
    const emu = await fx.start();
    const service = serviceClient(emu, "chat");
    const reliable = await fx.open({ userId: "u", protocol: PROTOBUF_RELIABLE_SUBPROTOCOL });
    const plain = await fx.open({ userId: "u", protocol: PROTOBUF_SUBPROTOCOL });
    await service.sendToAll("plain text", { contentType: "text/plain" });
    await service.sendToUser("u", { kind: "json", n: [1, 2] });
    await service.sendToConnection(reliable.connectionId, new Uint8Array([7, 8, 9]).buffer);
    await service.sendToAll(null as never);
    const expected = (seq: (n: number) => Frame) => [
      { type: "message", from: "server", dataType: "text", data: "plain text", ...seq(1) },
      { type: "message", from: "server", dataType: "json", data: { kind: "json", n: [1, 2] }, ...seq(2) },
      { type: "message", from: "server", dataType: "binary", data: "BwgJ", ...seq(3) },
      { type: "message", from: "server", dataType: "json", data: null, ...seq(4) },
    ];
    const take = async (c: OpenedClient, n: number) => {
      const out: Frame[] = [];
      for (let i = 0; i < n; i++) out.push(await c.client.message());
      return out;
    };
    expect(await take(reliable, 4)).toEqual(expected((n) => ({ sequenceId: n })));
    expect(await take(plain, 3)).toEqual(expected(() => ({})).filter((f) => f["dataType"] !== "binary"));
  });

  it("recover a reliable session on the same subprotocol: unacked messages replayed in order, ids kept", async () => {
    const emu = await fx.start();
    const url = await fx.url({ userId: "rx", roles: ALL_ROLES });
    const rx = await TestClient.open(url, PROTOBUF_RELIABLE_SUBPROTOCOL);
    await rx.client.request({ type: "joinGroup", group: "g", ackId: 1 });
    const tx = await fx.open({ roles: ALL_ROLES, protocol: JSON_SUBPROTOCOL });
    const send = groupTextSender(tx.client, "g", 10);
    for (const n of ["1", "2", "3"]) await send(n);
    for (let i = 0; i < 3; i++) await rx.client.message();
    rx.client.send({ type: "sequenceAck", sequenceId: 1 });
    await waitUntil(
      () => emu.connections().find((c) => c.connectionId === rx.connectionId)?.unackedMessages === 2,
    );
    expect(emu.faults.drop(rx.connectionId)).toBe(true);
    await rx.client.closed;
    await send("4");

    const token = rx.connected["reconnectionToken"] as string;
    // Another subprotocol cannot take the session over (and does not spend it).
    const wrong = await TestClient.connect(
      recoveryUrl(url, rx.connectionId, token),
      JSON_RELIABLE_SUBPROTOCOL,
    );
    expect(await wrong.closed).toMatchObject({ code: 1008, reason: expect.stringMatching(/subprotocol/) });

    const recovered = await TestClient.connect(
      recoveryUrl(url, rx.connectionId, token),
      PROTOBUF_RELIABLE_SUBPROTOCOL,
    );
    await send("5");
    const got: Frame[] = [];
    for (let i = 0; i < 4; i++) got.push(await recovered.message());
    expect(got.map((m) => [m["sequenceId"], m["data"]])).toEqual([
      [2, "2"],
      [3, "3"],
      [4, "4"],
      [5, "5"],
    ]);
    // system/connected again, first, before the replay (as on JSON), with the same session.
    expect(recovered.received[0]).toEqual({
      type: "system",
      event: "connected",
      userId: "rx",
      connectionId: rx.connectionId,
      reconnectionToken: token,
    });
    expect(recovered.received.filter((f) => f.type === "system")).toHaveLength(1);
    // The processed ack ids survived too.
    expect(await recovered.request({ type: "joinGroup", group: "g", ackId: 1 })).toMatchObject({
      error: { name: "Duplicate" },
    });
    expect(recovered.textFrames).toBe(0);
  });

  it("share a group with JSON clients: each gets its own encoding, serialised once per send", async () => {
    await fx.start();
    const member = async (protocol: string, userId: string) => {
      const opened = await fx.open({ userId, roles: ALL_ROLES, protocol });
      await opened.client.request({ type: "joinGroup", group: "mixed", ackId: 1 });
      return opened.client;
    };
    const pbReliable = await member(PROTOBUF_RELIABLE_SUBPROTOCOL, "pb-r");
    const pbPlain = await member(PROTOBUF_SUBPROTOCOL, "pb");
    const jsonReliable = await member(JSON_RELIABLE_SUBPROTOCOL, "json-r");
    const jsonPlain = await member(JSON_SUBPROTOCOL, "json");
    const everyone = [pbReliable, pbPlain, jsonReliable, jsonPlain];

    const protobufEncode = vi.spyOn(protobufProtocol.dataEncoding, "encode");
    const jsonEncode = vi.spyOn(jsonProtocol.dataEncoding, "encode");
    try {
      const payloads: Array<[string, unknown]> = [
        ["text", "héllo 🌍"],
        ["json", { a: [1, "b", null] }],
        ["binary", "AAEC/w=="],
        ["protobuf", ANY],
      ];
      let ackId = 10;
      for (const [sender, fromUserId] of [
        [pbReliable, "pb-r"],
        [jsonPlain, "json"],
      ] as const) {
        for (const [dataType, data] of payloads) {
          protobufEncode.mockClear();
          jsonEncode.mockClear();
          await sender.request({ type: "sendToGroup", group: "mixed", ackId: ++ackId, dataType, data });
          const received = await Promise.all(everyone.map((c) => c.message()));
          for (const [i, frame] of received.entries()) {
            const client = everyone[i]!;
            expect(frame).toMatchObject({ type: "message", from: "group", group: "mixed", dataType, data });
            // JSON receivers are told the sender; protobuf receivers have no field for it.
            if (client.protobuf) expect(frame).not.toHaveProperty("fromUserId");
            else expect(frame["fromUserId"]).toBe(fromUserId);
            expect("sequenceId" in frame).toBe(client === pbReliable || client === jsonReliable);
          }
          expect(protobufEncode).toHaveBeenCalledTimes(1);
          expect(jsonEncode).toHaveBeenCalledTimes(1);
        }
      }
    } finally {
      protobufEncode.mockRestore();
      jsonEncode.mockRestore();
    }
    // The protobuf payload reached the protobuf receivers as the Any itself.
    const any = pbPlain.received
      .map(wireOf)
      .find((w) => w?.message.case === "dataMessage" && w.message.value.data?.data.case === "protobufData");
    const value = any?.message.case === "dataMessage" ? any.message.value.data?.data.value : undefined;
    expect(value).toMatchObject({ typeUrl: "type.googleapis.com/x" });
    expect([...(value as { value: Uint8Array }).value]).toEqual([1, 2]);
    expect(pbPlain.textFrames + pbReliable.textFrames).toBe(0);
    expect(jsonPlain.binaryFrames + jsonReliable.binaryFrames).toBe(0);
  });
  it("hand events and invocations to the hooks with their payloads, and answer in protobuf", async () => {
    const events: Array<{ dataType: string; data: unknown }> = [];
    await fx.start({
      onEvent: ({ dataType, data }) => {
        events.push({ dataType, data });
      },
      onInvoke: ({ event, data }) =>
        event === "echo"
          ? { dataType: "protobuf", data: data as Uint8Array }
          : { dataType: "protobuf", data: new Uint8Array([1, 2, 3]) },
    });
    const { client } = await fx.open({ protocol: PROTOBUF_SUBPROTOCOL });
    expect(
      await client.request({ type: "event", event: "e", ackId: 1, dataType: "protobuf", data: ANY }),
    ).toMatchObject({
      success: true,
    });
    expect(events).toEqual([{ dataType: "protobuf", data: new Uint8Array(Buffer.from(ANY, "base64")) }]);
    client.send({ type: "invoke", invocationId: "a", event: "echo", dataType: "protobuf", data: ANY });
    expect(await client.next((f) => f.type === "invokeResponse")).toEqual({
      type: "invokeResponse",
      invocationId: "a",
      success: true,
      dataType: "protobuf",
      data: ANY,
    });
    // A hook's bytes that are no serialized Any are refused, never written to the client.
    client.send({ type: "invoke", invocationId: "b", event: "bad" });
    expect(await client.next((f) => f.type === "invokeResponse")).toMatchObject({
      invocationId: "b",
      success: false,
      error: {
        name: "InternalServerError",
        message: expect.stringMatching(/google.protobuf.Any/) as unknown,
      },
    });
    // invoke_event_message { event: "echo", invocation_id: "c", data { json_data: "{" } }: refused by its id.
    client.sendRaw(hex("52 0e 0a 04 6563686f 12 01 63 1a 03 22 01 7b"), true);
    expect(await client.next((f) => f.type === "invokeResponse")).toMatchObject({
      invocationId: "c",
      success: false,
      error: { name: "BadRequest" },
    });
    expect(client.closeCode).toBeUndefined();
  });
});
