import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { OutboundMessage } from "../../src/emulator/outbound.js";
import { jsonProtocol, jsonReliableProtocol } from "../../src/emulator/protocols/json.js";
import { isBase64, parseJsonUpstream } from "../../src/emulator/protocols/json-upstream.js";

const parse = parseJsonUpstream;

describe("upstream parsing (JSON)", () => {
  it("parses every client message type into typed messages", () => {
    expect(parse('{"type":"joinGroup","group":"g","ackId":1}')).toEqual({
      ok: true,
      message: { kind: "joinGroup", group: "g", ackId: 1 },
    });
    expect(parse('{"type":"leaveGroup","group":"g"}')).toEqual({
      ok: true,
      message: { kind: "leaveGroup", group: "g" },
    });
    expect(parse('{"type":"sendToGroup","group":"g","dataType":"text","data":"hi","noEcho":true}')).toEqual({
      ok: true,
      message: { kind: "sendToGroup", group: "g", noEcho: true, dataType: "text", data: "hi" },
    });
    expect(parse('{"type":"event","event":"e","data":{"a":1}}')).toEqual({
      ok: true,
      message: { kind: "sendEvent", event: "e", dataType: "json", data: { a: 1 } },
    });
    expect(parse('{"type":"sequenceAck","sequenceId":0}')).toEqual({
      ok: true,
      message: { kind: "sequenceAck", sequenceId: 0 },
    });
    expect(parse('{"type":"ping"}')).toEqual({ ok: true, message: { kind: "ping" } });
    expect(parse('{"type":"invoke","invocationId":"1","target":"event","event":"e"}')).toEqual({
      ok: true,
      message: { kind: "invoke", invocationId: "1", event: "e" },
    });
    expect(parse('{"type":"cancelInvocation","invocationId":"1"}')).toEqual({
      ok: true,
      message: { kind: "cancelInvocation", invocationId: "1" },
    });
  });

  it("turns base64 payloads into bytes", () => {
    const decoded = parse('{"type":"sendToGroup","group":"g","dataType":"binary","data":"AAEC/w=="}');
    expect(decoded.ok && decoded.message.kind === "sendToGroup" && decoded.message.data).toEqual(
      new Uint8Array([0, 1, 2, 255]).buffer,
    );
  });

  it("marks non-objects as fatal (1007)", () => {
    for (const text of ["", "{", "null", "[]", "42", '"x"']) {
      expect(parse(text)).toMatchObject({ ok: false, fatal: true, closeCode: 1007 });
    }
  });

  it("closes on binary frames (1003)", () => {
    expect(jsonProtocol.decode(Buffer.from('{"type":"ping"}'), true)).toMatchObject({
      ok: false,
      fatal: true,
      closeCode: 1003,
      closeReason: "Binary frames are not supported on JSON subprotocols",
    });
  });

  it("refuses missing or wrong fields with a reason and the ackId", () => {
    expect(parse('{"type":"joinGroup","ackId":3}')).toMatchObject({
      ok: false,
      fatal: false,
      ackId: 3,
    });
    expect(
      parse('{"type":"sendToGroup","group":"g","ackId":4,"dataType":"binary","data":"%%%"}'),
    ).toMatchObject({ ok: false, ackId: 4 });
    expect(parse('{"type":"sendToGroup","group":"g","ackId":5,"dataType":"text","data":1}')).toMatchObject({
      ok: false,
      ackId: 5,
    });
    expect(
      parse('{"type":"sendToGroup","group":"g","ackId":6,"dataType":"xml","data":"<a/>"}'),
    ).toMatchObject({
      ok: false,
      ackId: 6,
    });
    expect(parse('{"type":"event","event":"1bad","ackId":7,"data":1}')).toMatchObject({
      ok: false,
      ackId: 7,
    });
    expect(parse('{"type":"whatever","ackId":8}')).toMatchObject({
      ok: false,
      fatal: false,
      ackId: 8,
    });
    expect(parse('{"type":"joinGroup","group":"g","ackId":"1"}')).toMatchObject({
      ok: false,
      fatal: false,
    });
    expect(parse('{"type":"invoke","invocationId":"9","event":"!"}')).toMatchObject({
      ok: false,
      invocationId: "9",
    });
  });

  it("never throws on arbitrary input", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        expect(() => parse(text)).not.toThrow();
      }),
    );
  });
});

describe("downstream frames (JSON)", () => {
  it("serialises a group message once, for plain and reliable receivers alike", () => {
    const message = OutboundMessage.group("g", "alice", { dataType: "json", data: { a: [1, "é"] } });
    const encoded = message.encodedFor(jsonProtocol.dataEncoding);
    // Both JSON protocols share one encoding: the second asks for the same object.
    expect(message.encodedFor(jsonReliableProtocol.dataEncoding)).toBe(encoded);
    const plain = jsonProtocol.dataFrame(encoded, 0);
    expect(JSON.parse(plain.toString())).toEqual({
      type: "message",
      from: "group",
      group: "g",
      fromUserId: "alice",
      dataType: "json",
      data: { a: [1, "é"] },
    });
    expect(jsonProtocol.dataFrame(encoded, 0)).toBe(plain);
    expect(jsonReliableProtocol.dataFrame(encoded, 7).toString()).toBe(
      `{"sequenceId":7,${plain.toString().slice(1)}`,
    );
    const anonymous = OutboundMessage.group("g", null, { dataType: "text", data: "x" });
    expect(
      JSON.parse(jsonProtocol.dataFrame(anonymous.encodedFor(jsonProtocol.dataEncoding), 0).toString()),
    ).not.toHaveProperty("fromUserId");
    const bytes = OutboundMessage.server({ dataType: "binary", data: new Uint8Array([0, 1, 2, 255]).buffer });
    expect(
      JSON.parse(jsonProtocol.dataFrame(bytes.encodedFor(jsonProtocol.dataEncoding), 0).toString()),
    ).toEqual({
      type: "message",
      from: "server",
      dataType: "binary",
      data: "AAEC/w==",
    });
  });

  it("writes acks with and without errors", () => {
    expect(JSON.parse(jsonProtocol.encode({ kind: "ack", ackId: 1, success: true }).toString())).toEqual({
      type: "ack",
      ackId: 1,
      success: true,
    });
    expect(
      JSON.parse(
        jsonProtocol
          .encode({ kind: "ack", ackId: 2, success: false, error: { name: "Forbidden", message: "no" } })
          .toString(),
      ),
    ).toEqual({
      type: "ack",
      ackId: 2,
      success: false,
      error: { name: "Forbidden", message: "no" },
    });
  });

  it("recognises base64", () => {
    expect(isBase64("")).toBe(true);
    expect(isBase64("AQID")).toBe(true);
    expect(isBase64("AQI=")).toBe(true);
    expect(isBase64("AQ==")).toBe(true);
    expect(isBase64("AQ")).toBe(true);
    expect(isBase64("A")).toBe(false);
    expect(isBase64("A?==")).toBe(false);
  });
});
