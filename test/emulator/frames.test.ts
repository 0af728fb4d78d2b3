import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { OutboundMessage, ackFrame, isBase64, parseUpstream } from "../../src/emulator/frames.js";
import { parseFilter } from "../../src/emulator/filter.js";
import { redact } from "../../src/emulator/logger.js";

describe("upstream parsing", () => {
  it("parses every client message type", () => {
    expect(parseUpstream('{"type":"joinGroup","group":"g","ackId":1}')).toEqual({
      ok: true,
      frame: { type: "joinGroup", group: "g", ackId: 1 },
    });
    expect(parseUpstream('{"type":"leaveGroup","group":"g"}')).toEqual({
      ok: true,
      frame: { type: "leaveGroup", group: "g", ackId: undefined },
    });
    expect(
      parseUpstream('{"type":"sendToGroup","group":"g","dataType":"text","data":"hi","noEcho":true}'),
    ).toMatchObject({
      ok: true,
      frame: { type: "sendToGroup", noEcho: true, payload: { dataType: "text", data: "hi" } },
    });
    expect(parseUpstream('{"type":"event","event":"e","data":{"a":1}}')).toMatchObject({
      ok: true,
      frame: { payload: { dataType: "json", data: { a: 1 } } },
    });
    expect(parseUpstream('{"type":"sequenceAck","sequenceId":0}')).toEqual({
      ok: true,
      frame: { type: "sequenceAck", sequenceId: 0 },
    });
    expect(parseUpstream('{"type":"ping"}')).toEqual({ ok: true, frame: { type: "ping" } });
    expect(parseUpstream('{"type":"invoke","invocationId":"1","target":"event","event":"e"}')).toMatchObject({
      ok: true,
      frame: { type: "invoke", payload: undefined },
    });
    expect(parseUpstream('{"type":"cancelInvocation","invocationId":"1"}')).toMatchObject({ ok: true });
  });

  it("marks non-objects as fatal", () => {
    for (const text of ["", "{", "null", "[]", "42", '"x"']) {
      expect(parseUpstream(text)).toMatchObject({ ok: false, fatal: true });
    }
  });

  it("refuses missing or wrong fields with a reason and the ackId", () => {
    expect(parseUpstream('{"type":"joinGroup","ackId":3}')).toMatchObject({
      ok: false,
      fatal: false,
      ackId: 3,
    });
    expect(
      parseUpstream('{"type":"sendToGroup","group":"g","ackId":4,"dataType":"binary","data":"%%%"}'),
    ).toMatchObject({ ok: false, ackId: 4 });
    expect(
      parseUpstream('{"type":"sendToGroup","group":"g","ackId":5,"dataType":"text","data":1}'),
    ).toMatchObject({ ok: false, ackId: 5 });
    expect(
      parseUpstream('{"type":"sendToGroup","group":"g","ackId":6,"dataType":"xml","data":"<a/>"}'),
    ).toMatchObject({ ok: false, ackId: 6 });
    expect(parseUpstream('{"type":"event","event":"1bad","ackId":7,"data":1}')).toMatchObject({
      ok: false,
      ackId: 7,
    });
    expect(parseUpstream('{"type":"whatever","ackId":8}')).toMatchObject({
      ok: false,
      fatal: false,
      ackId: 8,
    });
    expect(parseUpstream('{"type":"joinGroup","group":"g","ackId":"1"}')).toMatchObject({
      ok: false,
      fatal: false,
    });
    expect(parseUpstream('{"type":"invoke","invocationId":"9","event":"!"}')).toMatchObject({
      ok: false,
      invocationId: "9",
    });
  });

  it("never throws on arbitrary input", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        expect(() => parseUpstream(text)).not.toThrow();
      }),
    );
  });
});

describe("downstream frames", () => {
  it("serialises a group message once and frames it for plain receivers", () => {
    const message = OutboundMessage.group("g", "alice", { dataType: "json", data: { a: [1, "é"] } });
    expect(JSON.parse(message.plain.toString())).toEqual({
      type: "message",
      from: "group",
      group: "g",
      fromUserId: "alice",
      dataType: "json",
      data: { a: [1, "é"] },
    });
    expect(message.plain).toBe(message.plain);
    const anonymous = OutboundMessage.group("g", null, { dataType: "text", data: "x" });
    expect(JSON.parse(anonymous.plain.toString())).not.toHaveProperty("fromUserId");
  });

  it("writes acks with and without errors", () => {
    expect(JSON.parse(ackFrame(1))).toEqual({ type: "ack", ackId: 1, success: true });
    expect(JSON.parse(ackFrame(2, { name: "Forbidden", message: "no" }))).toEqual({
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

describe("OData filters", () => {
  const subject = { connectionId: "c1", userId: "alice", groups: new Set(["admins", "chat"]) };

  it("evaluates comparisons, in, logic and functions", () => {
    const cases: Array<[string, boolean]> = [
      ["userId eq 'alice'", true],
      ["userId ne 'alice'", false],
      ["'admins' in groups", true],
      ["'x' in groups or connectionId eq 'c1'", true],
      ["not ('chat' in groups)", false],
      ["length(userId) gt 3 and startswith(userId, 'al')", true],
      ["userId in ('bob', 'alice')", true],
      ["userId eq null", false],
      ["tolower('ALICE') eq userId", true],
    ];
    for (const [text, expected] of cases) {
      const filter = parseFilter(text);
      if (typeof filter === "string") throw new Error(filter);
      expect(filter(subject), text).toBe(expected);
    }
  });

  it("reports unsupported filters", () => {
    for (const text of ["userId eq", "foo eq 1", "'unterminated", "userId eq 'a' )"]) {
      expect(typeof parseFilter(text)).toBe("string");
    }
  });
});

describe("redaction", () => {
  it("removes tokens from URLs and headers", () => {
    const text = redact(
      "GET /client/hubs/h?access_token=eyJabc.def.ghi&awps_reconnection_token=secret Authorization: Bearer abc.def",
    );
    expect(text).not.toMatch(/eyJabc|secret|abc\.def/);
    expect(text).toContain("access_token=[REDACTED]");
  });
});
