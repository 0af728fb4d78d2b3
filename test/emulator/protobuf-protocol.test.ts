/**
 * The emulator's protobuf service protocols as units: data frames (shared body, per-receiver
 * sequence ids) against the codec's own `encodeDownstream` and against @bufbuild/protobuf, control
 * frames, and how every kind of upstream frame is read or declined.
 */
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OutboundMessage } from "../../src/emulator/outbound.js";
import { fromAppData } from "../../src/emulator/payload.js";
import { jsonProtocol } from "../../src/emulator/protocols/json.js";
import { parseJsonUpstream } from "../../src/emulator/protocols/json-upstream.js";
import {
  protobufProtocol,
  protobufReliableProtocol,
  varintLength,
} from "../../src/emulator/protocols/protobuf.js";
import type { DataMessage } from "../../src/emulator/protocols/types.js";
import { decodeDownstream, encodeDownstream } from "../../src/protocol/protobuf-codec.js";
import {
  DownstreamMessageSchema,
  UpstreamMessageSchema,
  type DownstreamMessage,
} from "../protocol/protobuf/webpubsub.v1_pb.js";
import { jsonData } from "../protocol/arbitraries.js";
import { serviceMetadataOf } from "./protobuf-frames.js";
import { serializedAny, wellFormedText } from "../protocol/protobuf/arbitraries.js";
import { bytes } from "../protocol/arbitraries.js";

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ""), "hex");
const decodeDown = (frame: string | Buffer): DownstreamMessage =>
  fromBinary(DownstreamMessageSchema, frame as Buffer);
const upstream = (init: Parameters<typeof create<typeof UpstreamMessageSchema>>[1]): Buffer =>
  Buffer.from(toBinary(UpstreamMessageSchema, create(UpstreamMessageSchema, init)));

const payload = fc.oneof(
  jsonData.map((data) => ({ dataType: "json" as const, data })),
  wellFormedText.map((data) => ({ dataType: "text" as const, data })),
  bytes.map((data) => ({ dataType: "binary" as const, data })),
  serializedAny.map((data) => ({ dataType: "protobuf" as const, data })),
);

const dataMessage: fc.Arbitrary<DataMessage> = fc.oneof(
  fc
    .tuple(
      wellFormedText.filter((g) => g.length > 0),
      wellFormedText,
      payload,
    )
    .map(([group, fromUserId, p]) => ({ kind: "groupData" as const, group, fromUserId, ...p })),
  payload.map((p) => ({ kind: "serverData" as const, ...p })),
);

const sequenceId = fc.oneof(fc.integer({ min: 1, max: 300 }), fc.maxSafeNat());

describe("protobuf data frames", () => {
  it("are the codec's own frames, with or without a sequence id, for every payload", () => {
    fc.assert(
      fc.property(dataMessage, sequenceId, (message, seq) => {
        const encoded = protobufProtocol.dataEncoding.encode(message);
        expect(protobufProtocol.dataFrame(encoded, seq)).toEqual(Buffer.from(encodeDownstream(message)));
        expect(protobufReliableProtocol.dataFrame(encoded, seq)).toEqual(
          Buffer.from(encodeDownstream({ ...message, sequenceId: seq })),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("carry sequence ids up to 2^53 - 1 exactly (read by @bufbuild/protobuf)", () => {
    const encoded = protobufReliableProtocol.dataEncoding.encode({
      kind: "serverData",
      dataType: "text",
      data: "x",
    });
    for (const seq of [1, 127, 128, 16_383, 16_384, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER]) {
      const frame = protobufReliableProtocol.dataFrame(encoded, seq);
      const wire = decodeDown(frame);
      expect(wire.message.case === "dataMessage" && wire.message.value.sequenceId).toBe(BigInt(seq));
      expect(varintLength(seq)).toBe(Math.max(1, Math.ceil(seq.toString(2).length / 7)));
    }
  });

  it("share the plain frame between receivers and build a reliable one per receiver", () => {
    const encoded = protobufProtocol.dataEncoding.encode({ kind: "serverData", dataType: "text", data: "x" });
    expect(protobufProtocol.dataFrame(encoded, 1)).toBe(protobufProtocol.dataFrame(encoded, 2));
    expect(protobufReliableProtocol.dataFrame(encoded, 1)).not.toEqual(
      protobufReliableProtocol.dataFrame(encoded, 2),
    );
  });

  it("leave out the sender (no field for it), and the group on server messages", () => {
    const a = protobufProtocol.dataEncoding.encode({
      kind: "groupData",
      group: "g",
      fromUserId: "alice",
      dataType: "text",
      data: "hi",
    });
    const b = protobufProtocol.dataEncoding.encode({
      kind: "groupData",
      group: "g",
      fromUserId: "",
      dataType: "text",
      data: "hi",
    });
    expect(protobufProtocol.dataFrame(a, 0)).toEqual(protobufProtocol.dataFrame(b, 0));
    // data_message { from: "group", group: "g", data { text_data: "hi" } }
    expect(protobufProtocol.dataFrame(a, 0)).toEqual(hex("12 10 0a 05 67726f7570 12 01 67 1a 04 0a 02 6869"));
    const server = decodeDown(
      protobufProtocol.dataFrame(
        protobufProtocol.dataEncoding.encode({
          kind: "serverData",
          dataType: "binary",
          data: new ArrayBuffer(2),
        }),
        0,
      ),
    );
    const value = server.message.case === "dataMessage" ? server.message.value : undefined;
    expect(value?.from).toBe("server");
    expect(value?.group).toBeUndefined();
    expect(value?.sequenceId).toBeUndefined();
  });

  it("carry metadata as the service's schema declares it (map field 5), with a reliable receiver's sequence id", () => {
    const encoded = protobufReliableProtocol.dataEncoding.encode({
      kind: "groupData",
      group: "g",
      fromUserId: "",
      dataType: "text",
      data: "hi",
      metadata: { "trace-id": "abc", empty: "" },
    });
    const frame = protobufReliableProtocol.dataFrame(encoded, 300) as Buffer;
    const wire = decodeDown(frame);
    expect(wire.message.case === "dataMessage" && wire.message.value.sequenceId).toBe(300n);
    expect(wire.message.case === "dataMessage" && wire.message.value.data?.data).toEqual({
      case: "textData",
      value: "hi",
    });
    // Read as the service's schema declares the field; the project's schema skips it, and so our
    // client reads the message whole.
    expect(serviceMetadataOf(frame)).toEqual({ "trace-id": "abc", empty: "" });
    expect(decodeDownstream(frame)).toEqual({
      status: "ok",
      message: { kind: "groupData", group: "g", dataType: "text", data: "hi", sequenceId: 300 },
    });
    // No metadata, no field: the frame is the codec's own.
    const plain = protobufProtocol.dataEncoding.encode({
      kind: "serverData",
      dataType: "text",
      data: "x",
      metadata: {},
    });
    expect(protobufProtocol.dataFrame(plain, 0)).toEqual(
      Buffer.from(encodeDownstream({ kind: "serverData", dataType: "text", data: "x" })),
    );
  });

  it('pass a REST body of JSON null on as json_data "null"', () => {
    const frame = protobufProtocol.dataFrame(
      protobufProtocol.dataEncoding.encode({ kind: "serverData", dataType: "json", data: null as never }),
      0,
    );
    const wire = decodeDown(frame);
    expect(wire.message.case === "dataMessage" && wire.message.value.data?.data).toEqual({
      case: "jsonData",
      value: "null",
    });
  });

  it("write a lone surrogate (which UTF-8 cannot carry) as U+FFFD, so the frame stays readable", () => {
    const frame = protobufProtocol.dataFrame(
      protobufProtocol.dataEncoding.encode({
        kind: "groupData",
        group: "g\uD800",
        fromUserId: "",
        dataType: "text",
        data: "a\uDC00b\uD83D\uDE00",
      }),
      0,
    );
    const wire = decodeDown(frame);
    expect(wire.message.case === "dataMessage" && wire.message.value).toMatchObject({
      group: "g\uFFFD",
      data: { data: { case: "textData", value: "a\uFFFDb\uD83D\uDE00" } },
    });
  });

  it("are serialised once per encoding in a fan-out, whatever the number of receivers", () => {
    const outbound = OutboundMessage.group("g", "u", { dataType: "text", data: "x" });
    const first = outbound.encodedFor(protobufProtocol.dataEncoding);
    expect(outbound.encodedFor(protobufReliableProtocol.dataEncoding)).toBe(first);
    const json = outbound.encodedFor(jsonProtocol.dataEncoding);
    expect(json).not.toBe(first);
    expect(outbound.encodedFor(jsonProtocol.dataEncoding)).toBe(json);
    expect(outbound.encodedFor(protobufProtocol.dataEncoding)).toBe(first);
  });
});

describe("protobuf control frames", () => {
  it("write ack, connected, disconnected, pong and invokeResponse as the schema says", () => {
    const write = (message: Parameters<typeof protobufProtocol.encode>[0]) =>
      decodeDown(protobufProtocol.encode(message)!).message;
    const ack = write({ kind: "ack", ackId: 2 ** 40, success: true });
    expect(ack).toMatchObject({ case: "ackMessage", value: { ackId: 2n ** 40n, success: true } });
    expect(ack.case === "ackMessage" && ack.value.error).toBeUndefined();
    expect(
      write({ kind: "ack", ackId: 1, success: false, error: { name: "Forbidden", message: "no" } }),
    ).toMatchObject({ case: "ackMessage", value: { error: { name: "Forbidden", message: "no" } } });
    // The plain subprotocol's connected frame has no reconnection token at all (not an empty one).
    const plain = write({ kind: "connected", connectionId: "c", userId: "u" } as never);
    expect(plain.case === "systemMessage" && plain.value.message).toEqual(
      expect.objectContaining({ case: "connectedMessage" }),
    );
    expect(
      plain.case === "systemMessage" &&
        plain.value.message.case === "connectedMessage" &&
        plain.value.message.value.reconnectionToken,
    ).toBeUndefined();
    const reliable = write({ kind: "connected", connectionId: "c", userId: "u", reconnectionToken: "t" });
    expect(
      reliable.case === "systemMessage" &&
        reliable.value.message.case === "connectedMessage" &&
        reliable.value.message.value.reconnectionToken,
    ).toBe("t");
    // DisconnectedMessage.reason is field 2.
    expect(protobufProtocol.encode({ kind: "disconnected", message: "bye" })).toEqual(
      hex("1a 07 12 05 12 03 627965"),
    );
    expect(protobufProtocol.encode({ kind: "pong" })).toEqual(hex("22 00"));
    expect(
      write({ kind: "invokeResponse", invocationId: "i", success: true, dataType: "text", data: "r" }),
    ).toMatchObject({ case: "invokeResponseMessage", value: { invocationId: "i", success: true } });
  });

  it("have no stream frames: a stream answer is no frame at all (the schema has none), not a throw", () => {
    for (const protocol of [protobufProtocol, protobufReliableProtocol]) {
      expect(protocol.encode({ kind: "streamAck", streamId: "s", expectedSequenceId: 2 })).toBeUndefined();
      expect(
        protocol.encode({
          kind: "streamNack",
          streamId: "s",
          name: "InvalidSequenceId",
          expectedSequenceId: 2,
        }),
      ).toBeUndefined();
      expect(protocol.encode({ kind: "streamClosed", streamId: "s" })).toBeUndefined();
    }
  });
});

describe("protobuf upstream frames", () => {
  const decode = (frame: Buffer, isBinary = true) => protobufReliableProtocol.decode(frame, isBinary);

  it("reads hand-built frames of every kind", () => {
    // join_group_message (6) { group: "g", ack_id: 1 }
    expect(decode(hex("32 05 0a 01 67 10 01"))).toEqual({
      ok: true,
      message: { kind: "joinGroup", group: "g", ackId: 1 },
    });
    // leave_group_message (7) { group: "g" }: no ack id
    expect(decode(hex("3a 03 0a 01 67"))).toEqual({ ok: true, message: { kind: "leaveGroup", group: "g" } });
    // send_to_group_message (1) { group: "g", ack_id: 2, data { text_data: "hi" }, no_echo: true }
    expect(decode(hex("0a 0d 0a 01 67 10 02 1a 04 0a 02 6869 20 01"))).toEqual({
      ok: true,
      message: { kind: "sendToGroup", group: "g", ackId: 2, noEcho: true, dataType: "text", data: "hi" },
    });
    // event_message (5) { event: "e", data { json_data: "1" }, ack_id: 3 }: data is 2, ack_id 3
    expect(decode(hex("2a 0a 0a 01 65 12 03 22 01 31 18 03"))).toEqual({
      ok: true,
      message: { kind: "sendEvent", event: "e", ackId: 3, dataType: "json", data: 1 },
    });
    // sequence_ack_message (8) { sequence_id: 300 }
    expect(decode(hex("42 03 08 ac 02"))).toEqual({
      ok: true,
      message: { kind: "sequenceAck", sequenceId: 300 },
    });
    // ping_message (9) {}
    expect(decode(hex("4a 00"))).toEqual({ ok: true, message: { kind: "ping" } });
    // cancel_invocation_message (11) { invocation_id: "i" }
    expect(decode(hex("5a 03 0a 01 69"))).toEqual({
      ok: true,
      message: { kind: "cancelInvocation", invocationId: "i" },
    });
  });

  it("skips unknown fields", () => {
    // join_group_message { group: "g", ack_id: 1, <field 9: varint 5>, <field 10: bytes "zz"> }, plus
    // an unknown top-level field 30.
    expect(decode(hex("32 0b 0a 01 67 10 01 48 05 52 02 7a7a f0 01 07"))).toEqual({
      ok: true,
      message: { kind: "joinGroup", group: "g", ackId: 1 },
    });
  });

  it("closes a text frame with 1003, as a binary frame on JSON is", () => {
    expect(decode(Buffer.from('{"type":"ping"}'), false)).toEqual({
      ok: false,
      fatal: true,
      reason: "a text frame on a protobuf subprotocol",
      closeCode: 1003,
      closeReason: "Text frames are not supported on protobuf subprotocols",
    });
  });

  it("closes bytes that are not an UpstreamMessage with 1007", () => {
    for (const frame of [
      hex("ff ff ff"),
      hex("0a 10 0a"),
      Buffer.from("hello"),
      hex("32 05 0a 03 ff fe fd 10 01"),
    ]) {
      expect(decode(frame)).toMatchObject({ ok: false, fatal: true, closeCode: 1007 });
    }
  });

  it("refuses a readable request whose payload does not fit with its ackId (BadRequest, not a close)", () => {
    // send_to_group_message { group: "g", ack_id: 7, data { json_data: "{" } }
    expect(decode(hex("0a 0a 0a 01 67 10 07 1a 03 22 01 7b"))).toMatchObject({
      ok: false,
      fatal: false,
      ackId: 7,
    });
    // send_to_group_message { group: "g", ack_id: 8 }: no data
    expect(decode(hex("0a 05 0a 01 67 10 08"))).toMatchObject({ ok: false, fatal: false, ackId: 8 });
    // ... and without an ack id, the frame is closed with 1007.
    expect(decode(hex("0a 03 0a 01 67"))).toMatchObject({ ok: false, fatal: true, closeCode: 1007 });
    // An ack id past 2^53 - 1 cannot be answered: closed.
    expect(
      decode(upstream({ message: { case: "joinGroupMessage", value: { group: "g", ackId: 2n ** 53n } } })),
    ).toMatchObject({ ok: false, fatal: true, closeCode: 1007 });
  });

  it("answers an invocation whose payload does not fit by its invocation id", () => {
    const frame = upstream({
      message: {
        case: "invokeEventMessage",
        value: { event: "e", invocationId: "inv-1", data: { data: { case: "jsonData", value: "nope" } } },
      },
    });
    expect(decode(frame)).toMatchObject({ ok: false, fatal: false, invocationId: "inv-1" });
  });

  it("applies the service's name rules as on JSON", () => {
    const join = (group: string, ackId?: bigint) =>
      decode(
        upstream({
          message: { case: "joinGroupMessage", value: { group, ...(ackId === undefined ? {} : { ackId }) } },
        }),
      );
    expect(join("", 4n)).toMatchObject({
      ok: false,
      fatal: false,
      ackId: 4,
      reason: "'group' must be a non-empty string",
    });
    expect(join("   ")).toMatchObject({ ok: false, fatal: false, reason: "'group' must not be blank" });
    expect(join("x".repeat(1025), 5n)).toEqual(
      parseJsonUpstream(JSON.stringify({ type: "joinGroup", group: "x".repeat(1025), ackId: 5 })),
    );
    const event = decode(
      upstream({
        message: {
          case: "eventMessage",
          value: { event: "1bad", ackId: 6n, data: { data: { case: "textData", value: "" } } },
        },
      }),
    );
    expect(event).toMatchObject({ ok: false, fatal: false, ackId: 6 });
    const invoke = decode(
      upstream({ message: { case: "invokeEventMessage", value: { event: "", invocationId: "i" } } }),
    );
    expect(invoke).toMatchObject({ ok: false, fatal: false, invocationId: "i" });
  });

  it("skips kinds the schema does not know (an empty frame, a newer preview)", () => {
    expect(decode(Buffer.alloc(0))).toMatchObject({ ok: false, fatal: false });
    // stream_data (13), a preview our schema leaves out: skipped as an unknown field.
    expect(decode(hex("6a 02 08 01"))).toMatchObject({ ok: false, fatal: false });
    expect(decode(hex("6a 02 08 01"))).not.toHaveProperty("ackId");
  });
});

describe("protobuf payloads from JSON clients and hooks", () => {
  it("must be a serialized google.protobuf.Any", () => {
    // "CgNhYmM=" is Any { type_url: "abc" }; "AQID" (01 02 03) is no protobuf message at all.
    expect(
      parseJsonUpstream(
        '{"type":"sendToGroup","group":"g","dataType":"protobuf","data":"CgNhYmM=","ackId":1}',
      ),
    ).toMatchObject({ ok: true });
    expect(
      parseJsonUpstream('{"type":"sendToGroup","group":"g","dataType":"protobuf","data":"AQID","ackId":1}'),
    ).toEqual({
      ok: false,
      fatal: false,
      ackId: 1,
      reason: "'data' must be a serialized google.protobuf.Any when dataType is protobuf",
    });
    expect(
      parseJsonUpstream('{"type":"sendToGroup","group":"g","dataType":"binary","data":"AQID","ackId":1}'),
    ).toMatchObject({ ok: true });
    expect(fromAppData("protobuf", new Uint8Array([1, 2, 3]))).toBe(
      "'data' must be a serialized google.protobuf.Any when dataType is protobuf",
    );
    expect(fromAppData("protobuf", new Uint8Array([0x0a, 0x01, 0x61]))).toMatchObject({
      dataType: "protobuf",
    });
  });
});
