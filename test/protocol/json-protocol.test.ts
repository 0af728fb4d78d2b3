import {
  WebPubSubJsonProtocol as OfficialJsonProtocol,
  WebPubSubJsonReliableProtocol as OfficialJsonReliableProtocol,
} from "@azure/web-pubsub-client";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeDownstream } from "../../src/protocol/json-codec.js";
import {
  WebPubSubJsonProtocol,
  WebPubSubJsonReliableProtocol,
  decodeFrame,
  normalizeDownstream,
} from "../../src/protocol/json-protocol.js";
import type {
  AckMessageError,
  DownstreamMessage,
  WebPubSubClientProtocol,
  WebPubSubMessage,
} from "../../src/protocol/messages.js";
import { downstreamMessage, upstreamMessage } from "./arbitraries.js";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A stand-in for a third-party protocol object (e.g. a protobuf one written for the official client). */
function foreign(parse: (input: string | ArrayBuffer | Uint8Array) => unknown): WebPubSubClientProtocol {
  return {
    name: "foreign.v1",
    isReliableSubProtocol: false,
    parseMessages: parse as WebPubSubClientProtocol["parseMessages"],
    writeMessage: () => "",
  };
}

/** The official protocol objects, seen through our (identical) interface. */
const official = (): WebPubSubClientProtocol =>
  OfficialJsonReliableProtocol() as unknown as WebPubSubClientProtocol;

describe("WebPubSubJsonProtocol / WebPubSubJsonReliableProtocol", () => {
  it("carry the subprotocol names and reliability of the official ones", () => {
    for (const [ours, theirs] of [
      [WebPubSubJsonProtocol(), OfficialJsonProtocol()],
      [WebPubSubJsonReliableProtocol(), OfficialJsonReliableProtocol()],
    ] as const) {
      expect(ours.name).toBe(theirs.name);
      expect(ours.isReliableSubProtocol).toBe(theirs.isReliableSubProtocol);
    }
    expect(WebPubSubJsonReliableProtocol().name).toBe("json.reliable.webpubsub.azure.v1");
  });

  it("are frozen, so decoding them directly (no throw/catch) cannot be bypassed by patching", () => {
    const protocol = WebPubSubJsonProtocol();
    expect(Object.isFrozen(protocol)).toBe(true);
    expect(Object.isFrozen(Object.getPrototypeOf(protocol))).toBe(true);
  });

  describe("parseMessages", () => {
    const protocol = WebPubSubJsonReliableProtocol();

    it("decodes a text frame", () => {
      expect(protocol.parseMessages(`{"type":"ack","ackId":1,"success":true}`)).toStrictEqual({
        kind: "ack",
        ackId: 1,
        success: true,
      });
    });

    it("decodes UTF-8 JSON in an ArrayBuffer or a Uint8Array", () => {
      const frame = `{"type":"message","from":"server","dataType":"text","data":"é😀"}`;
      const expected = { kind: "serverData", dataType: "text", data: "é😀" };
      expect(protocol.parseMessages(utf8(frame))).toStrictEqual(expected);
      expect(protocol.parseMessages(utf8(frame).slice().buffer)).toStrictEqual(expected);
    });

    it("returns null for a frame it does not know, as the official protocol does", () => {
      const frame = `{"type":"future","streamId":"s"}`;
      expect(protocol.parseMessages(frame)).toBeNull();
    });

    it.each([
      ["broken JSON", "{", /not valid JSON/],
      ["a bad ackId", `{"type":"ack","ackId":-1,"success":true}`, /ackId/],
      ["bad base64", `{"type":"message","from":"server","dataType":"binary","data":"A"}`, /base64/],
    ])("throws an Error for %s", (_name, frame, reason) => {
      expect(() => protocol.parseMessages(frame)).toThrow(reason);
    });

    it("throws for bytes that are not UTF-8", () => {
      expect(() => protocol.parseMessages(new Uint8Array([0x7b, 0xff, 0x7d]))).toThrow(/UTF-8/);
    });
  });

  describe("writeMessage", () => {
    it("encodes upstream messages like encodeUpstream", () => {
      expect(WebPubSubJsonProtocol().writeMessage({ kind: "ping" })).toBe(`{"type":"ping"}`);
    });

    it("refuses service → client kinds", () => {
      expect(() => WebPubSubJsonProtocol().writeMessage({ kind: "pong" })).toThrow(TypeError);
    });

    it("writes exactly the bytes @azure/web-pubsub-client 1.1 writes", () => {
      const theirs = OfficialJsonReliableProtocol();
      const ours = WebPubSubJsonReliableProtocol();
      fc.assert(
        fc.property(upstreamMessage, (message) => {
          expect(ours.writeMessage(message)).toBe(theirs.writeMessage(message as never));
        }),
        { numRuns: 400 },
      );
    });
  });
});

describe("decodeFrame", () => {
  describe("with our protocols", () => {
    const protocol = WebPubSubJsonProtocol();

    it("wraps the one message in an array", () => {
      expect(decodeFrame(protocol, `{"type":"pong"}`)).toStrictEqual({
        status: "ok",
        message: [{ kind: "pong" }],
      });
      expect(decodeFrame(protocol, utf8(`{"type":"pong"}`))).toStrictEqual({
        status: "ok",
        message: [{ kind: "pong" }],
      });
    });

    it("passes ignored and invalid through without throwing", () => {
      expect(decodeFrame(protocol, `{"type":"future"}`).status).toBe("ignored");
      expect(decodeFrame(protocol, "nope").status).toBe("invalid");
      expect(decodeFrame(protocol, new Uint8Array([0xff])).status).toBe("invalid");
      expect(decodeFrame(protocol, 5 as unknown as string).status).toBe("invalid");
    });
  });

  describe("with a third-party protocol", () => {
    it("decodes through the official JSON protocol to the same messages as our codec", () => {
      const theirs = official();
      fc.assert(
        fc.property(downstreamMessage, (message) => {
          expect(decodeFrame(theirs, encodeDownstream(message))).toStrictEqual({
            status: "ok",
            message: [message],
          });
        }),
        { numRuns: 400 },
      );
    });

    it("normalises what the official protocol passes through raw (userId null, extra fields)", () => {
      const frame = `{"type":"system","event":"connected","userId":null,"connectionId":"c","extra":1}`;
      expect(decodeFrame(official(), frame)).toStrictEqual({
        status: "ok",
        message: [{ kind: "connected", connectionId: "c" }],
      });
    });

    it("turns a thrown error into invalid", () => {
      expect(decodeFrame(official(), "{")).toMatchObject({ status: "invalid", reason: expect.any(String) });
      expect(
        decodeFrame(
          foreign(() => {
            throw "boom";
          }),
          "",
        ),
      ).toStrictEqual({ status: "invalid", reason: "boom" });
    });

    it("turns null into ignored", () => {
      expect(decodeFrame(official(), `{"type":"future"}`).status).toBe("ignored");
      expect(
        decodeFrame(
          foreign(() => undefined),
          "",
        ).status,
      ).toBe("ignored");
    });

    it("keeps every message of an array, skipping null elements", () => {
      const messages: WebPubSubMessage[] = [{ kind: "pong" }, { kind: "disconnected", message: "m" }];
      expect(
        decodeFrame(
          foreign(() => [messages[0], null, messages[1]]),
          "",
        ),
      ).toStrictEqual({
        status: "ok",
        message: messages,
      });
    });

    it("is ignored when every element is unknown or skipped, and invalid when any element is invalid", () => {
      expect(
        decodeFrame(
          foreign(() => []),
          "",
        ).status,
      ).toBe("ignored");
      expect(
        decodeFrame(
          foreign(() => [{ kind: "future" }, null]),
          "",
        ).status,
      ).toBe("ignored");
      expect(
        decodeFrame(
          foreign(() => [{ kind: "pong" }, { kind: "ack", ackId: "1" }]),
          "",
        ),
      ).toMatchObject({
        status: "invalid",
        reason: expect.stringMatching(/^Message 1: .*ackId/),
      });
    });

    it("ignores upstream kinds a confused protocol might return", () => {
      expect(
        decodeFrame(
          foreign(() => ({ kind: "ping" })),
          "",
        ).status,
      ).toBe("ignored");
    });

    it("copies binary data given as a view into an exact ArrayBuffer", () => {
      const backing = new Uint8Array([9, 1, 2, 9]);
      const result = decodeFrame(
        foreign(() => ({ kind: "serverData", dataType: "binary", data: backing.subarray(1, 3) })),
        "",
      );
      expect(result).toStrictEqual({
        status: "ok",
        message: [{ kind: "serverData", dataType: "binary", data: new Uint8Array([1, 2]).buffer }],
      });
    });
  });
});

describe("normalizeDownstream", () => {
  it.each<[string, unknown, DownstreamMessage]>([
    [
      "a data message without dataType as json",
      { kind: "serverData", data: 1, sequenceId: null },
      { kind: "serverData", dataType: "json", data: 1 },
    ],
    [
      "a group message with fromUserId undefined",
      { kind: "groupData", dataType: "text", data: "x", group: "g", sequenceId: 4, from: "group" },
      { kind: "groupData", dataType: "text", data: "x", sequenceId: 4, group: "g" } as DownstreamMessage,
    ],
    [
      "an invokeResponse with undefined fields",
      { kind: "invokeResponse", invocationId: "i", success: undefined, dataType: undefined, data: undefined },
      { kind: "invokeResponse", invocationId: "i" },
    ],
    [
      "an ack error without message",
      { kind: "ack", ackId: 2, success: false, error: { name: "Forbidden" } },
      { kind: "ack", ackId: 2, success: false, error: { name: "Forbidden" } as AckMessageError },
    ],
  ])("accepts %s", (_name, value, expected) => {
    expect(normalizeDownstream(value)).toStrictEqual(expected);
  });

  it.each<[string, unknown]>([
    ["a non-object", "pong"],
    ["null", null],
    ["an ack without success", { kind: "ack", ackId: 1 }],
    ["an ack with a bad error", { kind: "ack", ackId: 1, success: false, error: { message: "m" } }],
    ["binary data as a string", { kind: "serverData", dataType: "binary", data: "AQID" }],
    ["text data as a number", { kind: "serverData", dataType: "text", data: 1 }],
    ["json data null", { kind: "serverData", dataType: "json", data: null }],
    ["a numeric dataType", { kind: "serverData", dataType: 1, data: 1 }],
    ["a bad sequenceId", { kind: "serverData", data: 1, sequenceId: -1 }],
    ["a group message without group", { kind: "groupData", data: 1 }],
    ["a numeric fromUserId", { kind: "groupData", data: 1, group: "g", fromUserId: 1 }],
    ["connected without connectionId", { kind: "connected" }],
    ["connected with a numeric userId", { kind: "connected", connectionId: "c", userId: 1 }],
    ["connected with a numeric token", { kind: "connected", connectionId: "c", reconnectionToken: 1 }],
    ["disconnected with a numeric message", { kind: "disconnected", message: 1 }],
    ["invokeResponse without invocationId", { kind: "invokeResponse" }],
    ["invokeResponse with a string success", { kind: "invokeResponse", invocationId: "i", success: "y" }],
    ["invokeResponse with a bad error", { kind: "invokeResponse", invocationId: "i", error: 1 }],
    [
      "invokeResponse with bad data",
      { kind: "invokeResponse", invocationId: "i", dataType: "text", data: 1 },
    ],
  ])("rejects %s", (_name, value) => {
    expect(normalizeDownstream(value)).toMatchObject({ status: "invalid" });
  });

  it("ignores an unknown dataType", () => {
    expect(normalizeDownstream({ kind: "serverData", dataType: "cbor", data: 1 })).toMatchObject({
      status: "ignored",
    });
  });
});

describe("encodeDownstream", () => {
  it("writes frames the official parser reads as the same kind", () => {
    const theirs = OfficialJsonProtocol();
    fc.assert(
      fc.property(downstreamMessage, (message) => {
        const parsed = theirs.parseMessages(encodeDownstream(message)) as unknown as { kind: string } | null;
        expect(parsed?.kind).toBe(message.kind);
      }),
      { numRuns: 200 },
    );
  });
});
