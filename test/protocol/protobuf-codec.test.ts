import { describe, expect, it, vi } from "vitest";
import * as json from "../../src/protocol/json-codec.js";
import type { DownstreamMessage, GroupDataMessage, UpstreamMessage } from "../../src/protocol/messages.js";
import {
  decodeDownstream,
  decodeUpstream,
  encodeDownstream,
  encodeUpstream,
} from "../../src/protocol/protobuf-codec.js";
import {
  WebPubSubProtobufProtocol,
  WebPubSubProtobufReliableProtocol,
} from "../../src/protocol/protobuf-protocol.js";
import { codecOf } from "../../src/protocol/codec.js";
import { WebPubSubJsonProtocol } from "../../src/protocol/json-protocol.js";

/** A group message as the protobuf schema carries it: no sender user id (absent, not empty). */
function fromNobody(message: Omit<GroupDataMessage, "fromUserId">): GroupDataMessage {
  return message as GroupDataMessage;
}

const hex = (text: string): Uint8Array =>
  Uint8Array.from(text.split(/\s+/).map((byte) => parseInt(byte, 16)));
const base64 = (bytes: Uint8Array | ArrayBuffer): string =>
  Buffer.from(new Uint8Array(bytes)).toString("base64");
const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "base64"));
const buffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer;
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * The Azure docs' example payload: `Any.pack(MyMessage { value = 1 })`, shown "in hexadecimal" as
 * what a raw client receives, and as the base64 a JSON client receives, in "Case 2: Publish
 * protobuf data" of https://learn.microsoft.com/azure/azure-web-pubsub/reference-protobuf-webpubsub-subprotocol
 * (the requests include shared with the reliable page).
 */
const DOCS_ANY_HEX =
  "0A 2F 74 79 70 65 2E 67 6F 6F 67 6C 65 61 70 69 73 2E 63 6F 6D 2F 61 7A 75 72 65 2E 77 65 62 70 75 62 73 75 62 2E 54 65 73 74 4D 65 73 73 61 67 65 12 02 08 01";
const DOCS_ANY_BASE64 = "Ci90eXBlLmdvb2dsZWFwaXMuY29tL2F6dXJlLndlYnB1YnN1Yi5UZXN0TWVzc2FnZRICCAE=";

function ok<T>(result: { status: string; message?: T }): T {
  expect(result.status).toBe("ok");
  return result.message as T;
}

describe("protobuf codec: the Azure docs' examples", () => {
  it("the docs' Any hex and base64 are the same bytes (the example itself is consistent)", () => {
    expect(base64(hex(DOCS_ANY_HEX))).toBe(DOCS_ANY_BASE64);
  });

  it("a protobuf client's Any reaches JSON clients as dataType protobuf with the docs' base64", () => {
    const frame = encodeUpstream({
      kind: "sendToGroup",
      group: "group",
      dataType: "protobuf",
      data: buffer(hex(DOCS_ANY_HEX)),
      noEcho: false,
    });
    // The service's side: the Any arrives as the same serialized bytes…
    const sent = ok<UpstreamMessage>(decodeUpstream(frame));
    expect(sent).toMatchObject({ kind: "sendToGroup", group: "group", dataType: "protobuf" });
    const data = (sent as { data: ArrayBuffer }).data;
    expect(base64(data)).toBe(DOCS_ANY_BASE64);
    // …and the JSON frame written for a JSON receiver carries the docs' base64.
    const toJson = json.encodeDownstream(
      fromNobody({ kind: "groupData", group: "G", dataType: "protobuf", data }),
    );
    expect(JSON.parse(toJson)).toStrictEqual({
      type: "message",
      from: "group",
      group: "G",
      dataType: "protobuf",
      data: DOCS_ANY_BASE64,
    });
  });

  it("a JSON client's protobuf payload (the docs' base64) reaches protobuf clients as that Any", () => {
    const fromJson = ok<UpstreamMessage>(
      json.decodeUpstream(
        `{"type":"sendToGroup","group":"group","dataType":"protobuf","data":"${DOCS_ANY_BASE64}"}`,
      ),
    ) as { data: ArrayBuffer };
    const frame = encodeDownstream({
      kind: "groupData",
      group: "group",
      dataType: "protobuf",
      data: fromJson.data,
      fromUserId: "u",
    });
    // DataMessage { from = "group" (1), group = "group" (2), data (3) { protobuf_data (3) = the Any } }.
    const any = hex(DOCS_ANY_HEX);
    expect(new Uint8Array(frame)).toStrictEqual(
      Uint8Array.from([
        0x12,
        7 + 7 + 2 + 2 + any.length,
        0x0a,
        5,
        ...utf8("group"),
        0x12,
        5,
        ...utf8("group"),
        0x1a,
        2 + any.length,
        0x1a,
        any.length,
        ...any,
      ]),
    );
    const received = ok<DownstreamMessage>(decodeDownstream(frame));
    expect(received).toMatchObject({ kind: "groupData", dataType: "protobuf", group: "group" });
    expect("fromUserId" in received).toBe(false);
    expect(base64((received as { data: ArrayBuffer }).data)).toBe(DOCS_ANY_BASE64);
  });

  it("binary [1, 2, 3] reaches JSON clients as the docs' base64 AQID (Case 3)", () => {
    const sent = ok<UpstreamMessage>(
      decodeUpstream(
        encodeUpstream({
          kind: "sendToGroup",
          group: "group",
          dataType: "binary",
          data: buffer(hex("01 02 03")),
          noEcho: false,
        }),
      ),
    ) as { data: ArrayBuffer };
    expect(
      JSON.parse(
        json.encodeDownstream(
          fromNobody({ kind: "groupData", group: "group", dataType: "binary", data: sent.data }),
        ),
      ),
    ).toMatchObject({
      dataType: "binary",
      data: "AQID",
    });
  });

  it("text reaches JSON clients as the same string (Case 1)", () => {
    const sent = ok<UpstreamMessage>(
      decodeUpstream(
        encodeUpstream({
          kind: "sendToGroup",
          group: "group",
          dataType: "text",
          data: "text data",
          noEcho: false,
        }),
      ),
    );
    expect(sent).toStrictEqual({
      kind: "sendToGroup",
      group: "group",
      dataType: "text",
      data: "text data",
      noEcho: false,
    });
  });
});

/**
 * Byte vectors from the tests of Microsoft's JavaScript protobuf protocol (written with protobufjs,
 * never published to npm): `sdk/web-pubsub/web-pubsub-client-protobuf/test/client.spec.ts` in
 * GitHub Azure/azure-sdk-for-js. Their protobuf payloads are `{ type_url, value }` objects; ours
 * are the serialized `Any`, which is why the payload below is written out as bytes.
 */
describe("protobuf codec: Microsoft's JavaScript protobuf protocol's vectors", () => {
  const xyz = utf8("xyz");
  const exampleAny = buffer(Uint8Array.from([0x0a, 7, ...utf8("example"), 0x12, 3, ...xyz]));
  const upstream: Array<[UpstreamMessage, string]> = [
    [{ kind: "joinGroup", group: "group" }, "MgcKBWdyb3Vw"],
    [{ kind: "joinGroup", group: "group", ackId: 44133 }, "MgsKBWdyb3VwEOXYAg=="],
    [{ kind: "leaveGroup", group: "group" }, "OgcKBWdyb3Vw"],
    [{ kind: "leaveGroup", group: "group", ackId: 12345 }, "OgoKBWdyb3VwELlg"],
    [
      { kind: "sendToGroup", group: "group", dataType: "text", data: "xzy", noEcho: false },
      "Cg4KBWdyb3VwGgUKA3h6eQ==",
    ],
    [
      {
        kind: "sendToGroup",
        group: "group",
        dataType: "json",
        data: { value: "xzy" },
        ackId: 12345,
        noEcho: true,
      },
      "Ch8KBWdyb3VwELlgGhEiD3sidmFsdWUiOiJ4enkifSAB",
    ],
    [
      {
        kind: "sendToGroup",
        group: "group",
        dataType: "binary",
        data: buffer(xyz),
        ackId: 12345,
        noEcho: true,
      },
      "ChMKBWdyb3VwELlgGgUSA3h5eiAB",
    ],
    [
      {
        kind: "sendToGroup",
        group: "group",
        dataType: "protobuf",
        data: exampleAny,
        ackId: 12345,
        noEcho: true,
      },
      "Ch4KBWdyb3VwELlgGhAaDgoHZXhhbXBsZRIDeHl6IAE=",
    ],
    [{ kind: "sendEvent", event: "event", dataType: "text", data: "xzy" }, "Kg4KBWV2ZW50EgUKA3h6eQ=="],
    [
      { kind: "sendEvent", event: "event", dataType: "json", data: { value: "xzy" }, ackId: 12345 },
      "Kh0KBWV2ZW50EhEiD3sidmFsdWUiOiJ4enkifRi5YA==",
    ],
    [
      { kind: "sendEvent", event: "event", dataType: "binary", data: buffer(xyz), ackId: 12345 },
      "KhEKBWV2ZW50EgUSA3h5ehi5YA==",
    ],
    [
      { kind: "sendEvent", event: "event", dataType: "protobuf", data: exampleAny, ackId: 12345 },
      "KhwKBWV2ZW50EhAaDgoHZXhhbXBsZRIDeHl6GLlg",
    ],
    [{ kind: "sequenceAck", sequenceId: 123456 }, "QgQIwMQH"],
  ];
  it.each(upstream)("writes %j as their bytes", (message, expected) => {
    expect(base64(encodeUpstream(message))).toBe(expected);
    expect(base64(WebPubSubProtobufProtocol().writeMessage(message) as ArrayBuffer)).toBe(expected);
  });

  const FAILED_ACK = "ChoIexAAGhQKCUZvcmJpZGRlbhIHbWVzc2FnZQ==";
  const downstream: Array<[string, DownstreamMessage]> = [
    ["CgQIexAB", { kind: "ack", ackId: 123, success: true }],
    [
      FAILED_ACK,
      { kind: "ack", ackId: 123, success: false, error: { name: "Forbidden", message: "message" } },
    ],
    [
      "EhwKBWdyb3VwEglncm91cE5hbWUaBQoDeHl6ILlg",
      fromNobody({ kind: "groupData", dataType: "text", data: "xyz", sequenceId: 12345, group: "groupName" }),
    ],
    [
      "EiUKBWdyb3VwEglncm91cE5hbWUaESIPeyJ2YWx1ZSI6Inh5eiJ9",
      fromNobody({ kind: "groupData", dataType: "json", data: { value: "xyz" }, group: "groupName" }),
    ],
    [
      "EhkKBWdyb3VwEglncm91cE5hbWUaBRIDeHl6",
      fromNobody({ kind: "groupData", dataType: "binary", data: buffer(xyz), group: "groupName" }),
    ],
    [
      "EiQKBWdyb3VwEglncm91cE5hbWUaEBoOCgdleGFtcGxlEgN4eXo=",
      fromNobody({ kind: "groupData", dataType: "protobuf", data: exampleAny, group: "groupName" }),
    ],
    [
      "EhIKBnNlcnZlchoFCgN4eXoguWA=",
      { kind: "serverData", dataType: "text", data: "xyz", sequenceId: 12345 },
    ],
    [
      "EhsKBnNlcnZlchoRIg97InZhbHVlIjoieHl6In0=",
      { kind: "serverData", dataType: "json", data: { value: "xyz" } },
    ],
    ["Eg8KBnNlcnZlchoFEgN4eXo=", { kind: "serverData", dataType: "binary", data: buffer(xyz) }],
    [
      "EhoKBnNlcnZlchoQGg4KB2V4YW1wbGUSA3h5eg==",
      { kind: "serverData", dataType: "protobuf", data: exampleAny },
    ],
    [
      "GhQKEgoKY29ubmVjdGlvbhIEdXNlcg==",
      { kind: "connected", connectionId: "connection", userId: "user", reconnectionToken: "" },
    ],
    [
      "GhkKFwoKY29ubmVjdGlvbhIEdXNlchoDcmVj",
      { kind: "connected", connectionId: "connection", userId: "user", reconnectionToken: "rec" },
    ],
    ["GgcSBRIDbXNn", { kind: "disconnected", message: "msg" }],
  ];
  it.each(downstream)("reads %s", (frame, expected) => {
    expect(decodeDownstream(fromBase64(frame))).toStrictEqual({ status: "ok", message: expected });
    // The emulator's side writes the same bytes back, except where the vector spells out a
    // default (`success = false`), which canonical proto3 output omits.
    const written = encodeDownstream(expected);
    if (frame === FAILED_ACK) expect(base64(written)).toBe("ChgIexoUCglGb3JiaWRkZW4SB21lc3NhZ2U=");
    else expect(base64(written)).toBe(frame);
    expect(decodeDownstream(written)).toStrictEqual({ status: "ok", message: expected });
  });
});

describe("protobuf codec: optional fields are absent when unset", () => {
  it("a fire-and-forget send has no ack_id (not 0), and no_echo only when true", () => {
    // SendToGroupMessage { group = "g" (1), data { text_data = "x" } (3) } and nothing else.
    expect(
      new Uint8Array(
        encodeUpstream({ kind: "sendToGroup", group: "g", dataType: "text", data: "x", noEcho: false }),
      ),
    ).toStrictEqual(hex("0a 08 0a 01 67 1a 03 0a 01 78"));
    expect(
      new Uint8Array(
        encodeUpstream({ kind: "sendToGroup", group: "g", dataType: "text", data: "x", noEcho: true }),
      ),
    ).toStrictEqual(hex("0a 0a 0a 01 67 1a 03 0a 01 78 20 01"));
    // An ack id of 0 is an ack id: present.
    expect(new Uint8Array(encodeUpstream({ kind: "joinGroup", group: "g", ackId: 0 }))).toStrictEqual(
      hex("32 05 0a 01 67 10 00"),
    );
  });

  it("no sequence id, reconnection token or group where there is none", () => {
    expect(
      new Uint8Array(encodeDownstream({ kind: "serverData", dataType: "text", data: "x" })),
    ).toStrictEqual(hex("12 0d 0a 06 73 65 72 76 65 72 1a 03 0a 01 78"));
    expect(
      new Uint8Array(
        encodeDownstream({ kind: "connected", connectionId: "c", userId: "", reconnectionToken: "" }),
      ),
    ).toStrictEqual(hex("1a 05 0a 03 0a 01 63"));
  });

  it("a sender user id is not on this subprotocol: groupData is written without it", () => {
    const frame = encodeDownstream({
      kind: "groupData",
      group: "g",
      dataType: "text",
      data: "x",
      fromUserId: "alice",
    });
    expect(Buffer.from(frame).includes(Buffer.from("alice"))).toBe(false);
    const decoded = decodeDownstream(frame);
    expect(decoded.status).toBe("ok");
    // The schema has no sender user id: absent, as in a JSON message without one.
    expect(decoded.status === "ok" && "fromUserId" in decoded.message).toBe(false);
  });
});

describe("protobuf codec: 64-bit ids", () => {
  // AckMessage { ack_id = N, success = true } with N as a varint.
  const ack = (varint: string) => {
    const bytes = hex(`08 ${varint} 10 01`);
    return Uint8Array.from([0x0a, bytes.length, ...bytes]);
  };

  it("decodes ids up to 2^53 - 1 exactly", () => {
    // 2^53 - 1 = 0x1f_ffff_ffff_ffff.
    expect(decodeDownstream(ack("ff ff ff ff ff ff ff 0f"))).toStrictEqual({
      status: "ok",
      message: { kind: "ack", ackId: Number.MAX_SAFE_INTEGER, success: true },
    });
    expect(
      decodeDownstream(encodeDownstream({ kind: "ack", ackId: 2 ** 32 + 5, success: true })),
    ).toMatchObject({
      message: { ackId: 2 ** 32 + 5 },
    });
  });

  it("refuses 2^53 and the largest uint64 as invalid instead of rounding them", () => {
    expect(decodeDownstream(ack("80 80 80 80 80 80 80 10"))).toMatchObject({
      status: "invalid",
      reason: expect.stringContaining("2^53"),
    });
    expect(decodeDownstream(ack("ff ff ff ff ff ff ff ff ff 01"))).toMatchObject({ status: "invalid" });
    // A sequence id on a data message, and a client's sequence ack.
    expect(
      decodeDownstream(hex("12 16 0a 06 73 65 72 76 65 72 1a 03 0a 01 78 20 80 80 80 80 80 80 80 10")),
    ).toMatchObject({
      status: "invalid",
    });
    expect(decodeUpstream(hex("42 0a 08 80 80 80 80 80 80 80 80 01"))).toMatchObject({ status: "invalid" });
  });

  it("the emulator's side refuses an oversized ack_id without dropping the frame silently", () => {
    // JoinGroupMessage { group = "g", ack_id = 2^53 }.
    expect(decodeUpstream(hex("32 0c 0a 01 67 10 80 80 80 80 80 80 80 10"))).toMatchObject({
      status: "invalid",
    });
  });

  it("refuses to write an id that is not a safe integer", () => {
    expect(() => encodeUpstream({ kind: "sequenceAck", sequenceId: 2 ** 53 })).toThrow(TypeError);
    expect(() => encodeUpstream({ kind: "joinGroup", group: "g", ackId: -1 })).toThrow(TypeError);
  });
});

describe("protobuf codec: what it skips and what it refuses", () => {
  it("skips unknown fields, top-level and nested", () => {
    // ack { ack_id = 123, success = true, field 15 = 5 } then field 99 = 1 at the top.
    const frame = hex("0a 06 08 7b 10 01 78 05 98 06 01");
    expect(decodeDownstream(frame)).toStrictEqual({
      status: "ok",
      message: { kind: "ack", ackId: 123, success: true },
    });
  });

  it("ignores message kinds it does not know (preview stream and group-state frames)", () => {
    // DownstreamMessage field 9 (group_state_update_message) holding an empty message.
    expect(decodeDownstream(hex("4a 00"))).toMatchObject({ status: "ignored" });
    // An empty frame: no message set.
    expect(decodeDownstream(new Uint8Array())).toMatchObject({ status: "ignored" });
    // UpstreamMessage field 15 (set_group_state_message), the service's side.
    expect(decodeUpstream(hex("7a 00"))).toMatchObject({ status: "ignored" });
    // A system message, and a data kind, newer than this schema.
    expect(decodeDownstream(hex("1a 02 1a 00"))).toMatchObject({ status: "ignored" });
    expect(decodeDownstream(hex("12 0c 0a 06 73 65 72 76 65 72 1a 02 2a 00"))).toMatchObject({
      status: "ignored",
    });
  });

  it("takes JSON from json_data, and JSON an older sender put in text_data stays text", () => {
    const jsonData = encodeDownstream({ kind: "serverData", dataType: "json", data: { a: 1 } });
    expect(decodeDownstream(jsonData)).toMatchObject({ message: { dataType: "json", data: { a: 1 } } });
    const older = encodeDownstream({ kind: "serverData", dataType: "text", data: `{"a":1}` });
    expect(decodeDownstream(older)).toMatchObject({ message: { dataType: "text", data: `{"a":1}` } });
  });

  it.each([
    ["truncated bytes", hex("0a 04 08 7b")],
    ["a length past the end", hex("12 7f 0a")],
    ["invalid UTF-8 in a string", hex("1a 05 12 03 12 01 ff")],
    ["json_data that is not JSON", hex("12 0e 0a 06 73 65 72 76 65 72 1a 04 22 02 7b 7b")],
    ["json_data null", hex("12 10 0a 06 73 65 72 76 65 72 1a 06 22 04 6e 75 6c 6c")],
    ["a data message without data", hex("12 08 0a 06 73 65 72 76 65 72")],
    ["a group message without group", hex("12 0c 0a 05 67 72 6f 75 70 1a 03 0a 01 78")],
    ["random junk", hex("ff ff ff ff ff")],
  ])("refuses %s as invalid, without throwing", (_name, frame) => {
    expect(decodeDownstream(frame)).toMatchObject({ status: "invalid", reason: expect.any(String) });
  });

  it("refuses text frames: the protobuf subprotocols are binary only", () => {
    expect(WebPubSubProtobufReliableProtocol().decode(`{"type":"pong"}`)).toMatchObject({
      status: "invalid",
    });
    expect(decodeDownstream("CgQIexAB" as unknown as Uint8Array)).toMatchObject({ status: "invalid" });
  });

  it("the service's side answers a bad payload with the ackId it could read", () => {
    // SendToGroupMessage { group = "g", ack_id = 7, data { json_data = "{" } }.
    expect(decodeUpstream(hex("0a 0a 0a 01 67 10 07 1a 03 22 01 7b"))).toMatchObject({
      status: "invalid",
      ackId: 7,
    });
    // …and a missing payload.
    expect(decodeUpstream(hex("0a 05 0a 01 67 10 07"))).toMatchObject({ status: "invalid", ackId: 7 });
  });
});

describe("the protobuf protocol objects", () => {
  it("are named as the service expects, reliable or not, and frozen", () => {
    const plain = WebPubSubProtobufProtocol();
    const reliable = WebPubSubProtobufReliableProtocol();
    expect([plain.name, plain.isReliableSubProtocol, plain.reliable]).toStrictEqual([
      "protobuf.webpubsub.azure.v1",
      false,
      false,
    ]);
    expect([reliable.name, reliable.isReliableSubProtocol, reliable.reliable]).toStrictEqual([
      "protobuf.reliable.webpubsub.azure.v1",
      true,
      true,
    ]);
    expect(Object.isFrozen(plain)).toBe(true);
  });

  it("are their own codecs to the client (codecOf), like the JSON ones", () => {
    const protocol = WebPubSubProtobufReliableProtocol();
    expect(codecOf(protocol)).toBe(protocol);
    expect(codecOf(WebPubSubJsonProtocol())).not.toBe(codecOf(protocol));
  });

  it("count as ours when they come from another copy of the module (a second entry point's build)", async () => {
    vi.resetModules();
    const copy = await import("../../src/protocol/protobuf-protocol.js");
    const theirs = copy.WebPubSubProtobufReliableProtocol();
    expect(theirs).not.toBeInstanceOf(WebPubSubProtobufReliableProtocol().constructor);
    expect(codecOf(theirs)).toBe(theirs);
  });

  it("parseMessages and writeMessage behave as the official interface says", () => {
    const protocol = WebPubSubProtobufProtocol();
    expect(protocol.parseMessages(buffer(fromBase64("CgQIexAB")))).toStrictEqual({
      kind: "ack",
      ackId: 123,
      success: true,
    });
    expect(protocol.parseMessages(hex("4a 00"))).toBeNull();
    expect(() => protocol.parseMessages(hex("ff ff"))).toThrow(Error);
    expect(() => protocol.writeMessage({ kind: "pong" })).toThrow(TypeError);
    // An exact ArrayBuffer, not a view of a pooled Buffer.
    const written = protocol.writeMessage({ kind: "ping" });
    expect(written).toBeInstanceOf(ArrayBuffer);
    expect(new Uint8Array(written as ArrayBuffer)).toStrictEqual(hex("4a 00"));
  });
});
