import { describe, expect, it } from "vitest";
import {
  decodeDownstream,
  decodeUpstream,
  encodeDownstream,
  encodeUpstream,
  validatePayload,
} from "../../src/protocol/json-codec.js";
import type {
  AckMessageError,
  DownstreamMessage,
  UpstreamMessage,
  WebPubSubDataType,
} from "../../src/protocol/messages.js";

const bytes = (...values: number[]): ArrayBuffer => new Uint8Array(values).buffer;
const down = (value: unknown) => decodeDownstream(JSON.stringify(value));
const up = (value: unknown) => decodeUpstream(JSON.stringify(value));

describe("encodeUpstream", () => {
  it.each<[string, UpstreamMessage, string]>([
    ["joinGroup", { kind: "joinGroup", group: "g", ackId: 1 }, `{"type":"joinGroup","group":"g","ackId":1}`],
    ["joinGroup without ackId", { kind: "joinGroup", group: "g" }, `{"type":"joinGroup","group":"g"}`],
    [
      "leaveGroup",
      { kind: "leaveGroup", group: "g", ackId: 2 },
      `{"type":"leaveGroup","group":"g","ackId":2}`,
    ],
    [
      "sendToGroup json",
      { kind: "sendToGroup", group: "g", ackId: 3, dataType: "json", data: { a: [1, "x"] }, noEcho: false },
      `{"type":"sendToGroup","group":"g","ackId":3,"noEcho":false,"dataType":"json","data":{"a":[1,"x"]}}`,
    ],
    [
      "sendToGroup text, fire-and-forget, noEcho",
      { kind: "sendToGroup", group: "g", dataType: "text", data: 'he said "hi"\n', noEcho: true },
      `{"type":"sendToGroup","group":"g","noEcho":true,"dataType":"text","data":"he said \\"hi\\"\\n"}`,
    ],
    [
      "sendToGroup binary",
      {
        kind: "sendToGroup",
        group: "g",
        ackId: 4,
        dataType: "binary",
        data: bytes(1, 2, 3, 4),
        noEcho: false,
      },
      `{"type":"sendToGroup","group":"g","ackId":4,"noEcho":false,"dataType":"binary","data":"AQIDBA=="}`,
    ],
    [
      "sendEvent is type event",
      { kind: "sendEvent", event: "e", ackId: 5, dataType: "protobuf", data: bytes(255) },
      `{"type":"event","event":"e","ackId":5,"dataType":"protobuf","data":"/w=="}`,
    ],
    [
      "sendEvent json string",
      { kind: "sendEvent", event: "e", dataType: "json", data: "hi" },
      `{"type":"event","event":"e","dataType":"json","data":"hi"}`,
    ],
    ["sequenceAck", { kind: "sequenceAck", sequenceId: 0 }, `{"type":"sequenceAck","sequenceId":0}`],
    ["ping", { kind: "ping" }, `{"type":"ping"}`],
    [
      "invoke",
      { kind: "invoke", invocationId: "i", target: "event", event: "e", dataType: "json", data: 1 },
      `{"type":"invoke","invocationId":"i","target":"event","event":"e","dataType":"json","data":1}`,
    ],
    ["invoke without payload", { kind: "invoke", invocationId: "i" }, `{"type":"invoke","invocationId":"i"}`],
    [
      "cancelInvocation",
      { kind: "cancelInvocation", invocationId: "i" },
      `{"type":"cancelInvocation","invocationId":"i"}`,
    ],
    [
      "invokeResponse (to the service's invocation): error before payload, as the official writer",
      {
        kind: "invokeResponse",
        invocationId: "i",
        success: false,
        error: { name: "N", message: "M" },
        dataType: "text",
        data: "x",
      },
      `{"type":"invokeResponse","invocationId":"i","success":false,"error":{"name":"N","message":"M"},"dataType":"text","data":"x"}`,
    ],
    [
      "a stream start: a sendToGroup with a descriptor and no payload",
      { kind: "sendToGroup", group: "g", noEcho: false, stream: { streamId: "s", idleTimeoutInMs: 15000 } },
      `{"type":"sendToGroup","group":"g","noEcho":false,"stream":{"streamId":"s","idleTimeoutMs":15000}}`,
    ],
    [
      "a stream start without an idle timeout",
      { kind: "sendToGroup", group: "g", noEcho: true, stream: { streamId: "s" } },
      `{"type":"sendToGroup","group":"g","noEcho":true,"stream":{"streamId":"s"}}`,
    ],
    [
      "a stream fragment",
      { kind: "streamData", streamId: "s", streamSequenceId: 1, dataType: "binary", data: bytes(1) },
      `{"type":"streamData","streamId":"s","streamSequenceId":1,"dataType":"binary","data":"AQ=="}`,
    ],
    ["a stream keep-alive", { kind: "streamData", streamId: "s" }, `{"type":"streamData","streamId":"s"}`],
    ["a stream end", { kind: "streamEnd", streamId: "s" }, `{"type":"streamEnd","streamId":"s"}`],
    [
      "a stream end with an error",
      { kind: "streamEnd", streamId: "s", error: { message: "m", userErrorCode: "E1" } },
      `{"type":"streamEnd","streamId":"s","error":{"message":"m","userErrorCode":"E1"}}`,
    ],
    [
      "a stream end with an empty error",
      { kind: "streamEnd", streamId: "s", error: {} },
      `{"type":"streamEnd","streamId":"s","error":{}}`,
    ],
    [
      "setGroupState",
      { kind: "setGroupState", group: "g", ackId: 1, state: { b: "2", a: "1" } },
      `{"type":"setGroupState","group":"g","ackId":1,"state":{"b":"2","a":"1"}}`,
    ],
    [
      "setGroupState clearing the state",
      { kind: "setGroupState", group: "g", ackId: 2 },
      `{"type":"setGroupState","group":"g","ackId":2}`,
    ],
    [
      "subscribeGroupState",
      { kind: "subscribeGroupState", group: "g", ackId: 3 },
      `{"type":"subscribeGroupState","group":"g","ackId":3}`,
    ],
    [
      "unsubscribeGroupState",
      { kind: "unsubscribeGroupState", group: "g" },
      `{"type":"unsubscribeGroupState","group":"g"}`,
    ],
  ])("%s", (_name, message, frame) => {
    expect(encodeUpstream(message)).toBe(frame);
    expect(decodeUpstream(frame)).toStrictEqual({ status: "ok", message });
  });

  it("leaves noEcho out when a JavaScript caller left it out, as the official writer does", () => {
    const message = {
      kind: "sendToGroup",
      group: "g",
      dataType: "text",
      data: "x",
    } as unknown as UpstreamMessage;
    expect(encodeUpstream(message)).toBe(`{"type":"sendToGroup","group":"g","dataType":"text","data":"x"}`);
  });

  const send = (dataType: string, data: unknown): UpstreamMessage =>
    ({ kind: "sendToGroup", group: "g", dataType, data, noEcho: false }) as unknown as UpstreamMessage;

  it.each<[string, UpstreamMessage, RegExp]>([
    ["text with a number", send("text", 1), /must be a string/],
    ["binary with a string", send("binary", "AQID"), /must be an ArrayBuffer/],
    ["protobuf with a Uint8Array", send("protobuf", new Uint8Array(2)), /must be an ArrayBuffer/],
    ["json with undefined", send("json", undefined), /both dataType and data/],
    ["json with null", send("json", null), /must not be null/],
    ["json with NaN", send("json", Number.NaN), /finite/],
    ["json with an ArrayBuffer", send("json", bytes(1)), /binary/],
    ["json with a function", send("json", () => 1), /function/],
    ["json whose toJSON gives undefined", send("json", { toJSON: () => undefined }), /not serialisable/],
    ["an unknown dataType", send("xml", "x"), /Unknown dataType/],
    ["a negative ackId", { kind: "joinGroup", group: "g", ackId: -1 }, /ackId/],
    ["a fractional ackId", { kind: "joinGroup", group: "g", ackId: 1.5 }, /ackId/],
    ["a NaN sequenceId", { kind: "sequenceAck", sequenceId: Number.NaN }, /sequenceId/],
    ["an unsafe sequenceId", { kind: "sequenceAck", sequenceId: 2 ** 53 }, /sequenceId/],
    ["a non-string group", { kind: "joinGroup", group: 1 } as unknown as UpstreamMessage, /group/],
    [
      "invoke with data but no dataType",
      { kind: "invoke", invocationId: "i", data: 1 },
      /both dataType and data/,
    ],
    ["an unknown kind", { kind: "groupData" } as unknown as UpstreamMessage, /Cannot encode/],
    [
      "a sendToGroup with data but no dataType",
      { kind: "sendToGroup", group: "g", data: 1, noEcho: true },
      /both/,
    ],
    [
      "a sendToGroup with a string noEcho",
      { kind: "sendToGroup", group: "g", noEcho: "yes" } as unknown as UpstreamMessage,
      /noEcho/,
    ],
    [
      "a stream descriptor without streamId",
      { kind: "sendToGroup", group: "g", noEcho: true, stream: {} } as unknown as UpstreamMessage,
      /streamId/,
    ],
    [
      "a fractional idle timeout",
      { kind: "sendToGroup", group: "g", noEcho: true, stream: { streamId: "s", idleTimeoutInMs: 1.5 } },
      /idleTimeoutInMs/,
    ],
    [
      "a stream fragment without data (the official writer would send a keep-alive)",
      { kind: "streamData", streamId: "s", streamSequenceId: 1, dataType: "text" },
      /keep-alive/,
    ],
    ["a keep-alive with only data", { kind: "streamData", streamId: "s", data: "x" }, /keep-alive/],
    [
      "a stream fragment with a negative id",
      { kind: "streamData", streamId: "s", streamSequenceId: -1, dataType: "text", data: "x" },
      /streamSequenceId/,
    ],
    [
      "a streamEnd error with a numeric code",
      { kind: "streamEnd", streamId: "s", error: { userErrorCode: 1 } } as unknown as UpstreamMessage,
      /userErrorCode/,
    ],
    [
      "a state with a numeric value",
      { kind: "setGroupState", group: "g", state: { a: 1 } } as unknown as UpstreamMessage,
      /values are strings/,
    ],
    [
      "a state that is an array",
      { kind: "setGroupState", group: "g", state: [] } as unknown as UpstreamMessage,
      /state/,
    ],
    [
      "an invokeResponse error without name",
      { kind: "invokeResponse", invocationId: "i", error: { message: "m" } } as unknown as UpstreamMessage,
      /error.name/,
    ],
  ])("throws TypeError for %s", (_name, message, pattern) => {
    expect(() => encodeUpstream(message)).toThrow(TypeError);
    expect(() => encodeUpstream(message)).toThrow(pattern);
  });

  it("throws TypeError for a cyclic json payload", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => encodeUpstream(send("json", cyclic))).toThrow(TypeError);
  });
});

describe("validatePayload", () => {
  it.each<[WebPubSubDataType, unknown]>([
    ["text", ""],
    ["json", 0],
    ["json", false],
    ["json", ""],
    ["json", []],
    ["json", { a: null }],
    ["binary", new ArrayBuffer(0)],
    ["protobuf", bytes(1)],
  ])("accepts %s %o", (dataType, data) => {
    expect(validatePayload(dataType, data)).toBeUndefined();
  });

  it.each<[WebPubSubDataType, unknown]>([
    ["text", 1],
    ["text", undefined],
    ["binary", "AA=="],
    ["binary", new Uint8Array(1)],
    ["json", null],
    ["json", undefined],
    ["json", Infinity],
    ["json", 1n],
    ["json", Symbol("s")],
    ["json", new Uint8Array(1)],
    ["xml" as WebPubSubDataType, "x"],
  ])("rejects %s %o with a message", (dataType, data) => {
    expect(validatePayload(dataType, data)).toMatch(/\w/);
  });
});

describe("decodeDownstream", () => {
  it.each<[string, unknown, DownstreamMessage]>([
    ["ack", { type: "ack", ackId: 1, success: true }, { kind: "ack", ackId: 1, success: true }],
    [
      "failed ack",
      { type: "ack", ackId: 1, success: false, error: { name: "Forbidden", message: "no" } },
      { kind: "ack", ackId: 1, success: false, error: { name: "Forbidden", message: "no" } },
    ],
    [
      "failed ack whose error has no message (left out, as the official reader leaves it)",
      { type: "ack", ackId: 1, success: false, error: { name: "Duplicate" } },
      { kind: "ack", ackId: 1, success: false, error: { name: "Duplicate" } as AckMessageError },
    ],
    [
      "ack with error null",
      { type: "ack", ackId: 1, success: true, error: null },
      { kind: "ack", ackId: 1, success: true },
    ],
    [
      "reliable group message",
      {
        sequenceId: 1,
        type: "message",
        from: "group",
        group: "g",
        fromUserId: "u",
        dataType: "json",
        data: { x: 1 },
      },
      { kind: "groupData", dataType: "json", data: { x: 1 }, sequenceId: 1, group: "g", fromUserId: "u" },
    ],
    [
      "group message with no fromUserId (emulator, anonymous sender)",
      { type: "message", from: "group", group: "g", dataType: "text", data: "hi" },
      { kind: "groupData", dataType: "text", data: "hi", group: "g" } as DownstreamMessage,
    ],
    [
      "group message with fromUserId null and metadata",
      {
        type: "message",
        from: "group",
        group: "g",
        fromUserId: null,
        dataType: "text",
        data: "",
        metadata: {},
      },
      { kind: "groupData", dataType: "text", data: "", group: "g" } as DownstreamMessage,
    ],
    [
      "group message of a stream",
      {
        sequenceId: 3,
        type: "message",
        from: "group",
        group: "g",
        dataType: "text",
        data: "chunk",
        stream: { streamId: "s", streamSequenceId: 2 },
      },
      {
        kind: "groupData",
        dataType: "text",
        data: "chunk",
        sequenceId: 3,
        group: "g",
        stream: { streamId: "s", streamSequenceId: 2, endOfStream: undefined, error: undefined },
      } as unknown as DownstreamMessage,
    ],
    [
      "the failed end of a stream",
      {
        type: "message",
        from: "group",
        group: "g",
        fromUserId: "u",
        dataType: "text",
        data: "",
        stream: {
          streamId: "s",
          streamSequenceId: 9,
          endOfStream: true,
          error: { name: "UserError", message: "m", userErrorCode: "E" },
        },
      },
      {
        kind: "groupData",
        dataType: "text",
        data: "",
        group: "g",
        fromUserId: "u",
        stream: {
          streamId: "s",
          streamSequenceId: 9,
          endOfStream: true,
          error: { name: "UserError", message: "m", userErrorCode: "E" },
        },
      },
    ],
    [
      "server message with a stream field (dropped: servers send no streams)",
      { type: "message", from: "server", dataType: "json", data: 1, stream: "junk" },
      { kind: "serverData", dataType: "json", data: 1 },
    ],
    [
      "server binary message",
      { sequenceId: 9, type: "message", from: "server", dataType: "binary", data: "AQID" },
      { kind: "serverData", dataType: "binary", data: bytes(1, 2, 3), sequenceId: 9 },
    ],
    [
      "server protobuf message without padding",
      { type: "message", from: "server", dataType: "protobuf", data: "AQI" },
      { kind: "serverData", dataType: "protobuf", data: bytes(1, 2) },
    ],
    [
      "server json false",
      { type: "message", from: "server", dataType: "json", data: false },
      { kind: "serverData", dataType: "json", data: false },
    ],
    [
      "connected, reliable",
      { type: "system", event: "connected", userId: "u", connectionId: "c", reconnectionToken: "t" },
      { kind: "connected", connectionId: "c", userId: "u", reconnectionToken: "t" },
    ],
    [
      "connected, anonymous (real service sends userId null), non-reliable",
      { type: "system", event: "connected", userId: null, connectionId: "c" },
      { kind: "connected", connectionId: "c" } as DownstreamMessage,
    ],
    [
      "disconnected",
      { type: "system", event: "disconnected", message: "bye" },
      { kind: "disconnected", message: "bye" },
    ],
    [
      "disconnected without message",
      { type: "system", event: "disconnected" },
      { kind: "disconnected" } as DownstreamMessage,
    ],
    ["pong", { type: "pong" }, { kind: "pong" }],
    [
      "invokeResponse",
      { type: "invokeResponse", invocationId: "i", success: true, dataType: "text", data: "r" },
      { kind: "invokeResponse", invocationId: "i", success: true, dataType: "text", data: "r" },
    ],
    [
      "failed invokeResponse",
      { type: "invokeResponse", invocationId: "i", success: false, error: { name: "N", message: "M" } },
      { kind: "invokeResponse", invocationId: "i", success: false, error: { name: "N", message: "M" } },
    ],
    [
      "invokeResponse with data but no dataType (the data dropped, as the official reader drops it)",
      { type: "invokeResponse", invocationId: "i", data: { a: 1 } },
      { kind: "invokeResponse", invocationId: "i" },
    ],
    [
      "cancelInvocation (the service cancelling its invocation of the client)",
      { type: "cancelInvocation", invocationId: "i" },
      { kind: "cancelInvocation", invocationId: "i" },
    ],
    [
      "streamAck",
      { type: "streamAck", streamId: "s", expectedSequenceId: 1 },
      { kind: "streamAck", streamId: "s", expectedSequenceId: 1 },
    ],
    [
      "streamNack",
      { type: "streamNack", streamId: "s", expectedSequenceId: 4, name: "InvalidSequenceId", message: "gap" },
      { kind: "streamNack", streamId: "s", expectedSequenceId: 4, name: "InvalidSequenceId", message: "gap" },
    ],
    [
      "streamNack without message",
      { type: "streamNack", streamId: "s", expectedSequenceId: 4, name: "TransientError" },
      { kind: "streamNack", streamId: "s", expectedSequenceId: 4, name: "TransientError" },
    ],
    [
      "streamClosed, normally",
      { type: "streamClosed", streamId: "s" },
      { kind: "streamClosed", streamId: "s" },
    ],
    [
      "streamClosed with an error",
      { type: "streamClosed", streamId: "s", error: { name: "IdleTimeout", message: "idle" } },
      { kind: "streamClosed", streamId: "s", error: { name: "IdleTimeout", message: "idle" } },
    ],
    [
      "groupStateSnapshot",
      {
        type: "groupStateSnapshot",
        group: "g",
        items: [
          { connectionId: "c1", userId: "u", state: { typing: "yes" }, updatedAt: 1741652400000 },
          { connectionId: "c2", updatedAt: 5 },
        ],
      },
      {
        kind: "groupStateSnapshot",
        group: "g",
        items: [
          { connectionId: "c1", userId: "u", state: { typing: "yes" }, updatedAt: 1741652400000 },
          { connectionId: "c2", updatedAt: 5 },
        ],
      },
    ],
    [
      "groupStateUpdate",
      { type: "groupStateUpdate", group: "g", items: [] },
      { kind: "groupStateUpdate", group: "g", items: [] },
    ],
  ])("decodes %s", (_name, wire, message) => {
    expect(down(wire)).toStrictEqual({ status: "ok", message });
  });

  it.each<[string, unknown]>([
    ["an unknown type", { type: "future" }],
    ["no type", { ackId: 1, success: true }],
    ["a numeric type", { type: 1 }],
    ["an unknown system event", { type: "system", event: "reconnecting" }],
    ["system without event", { type: "system" }],
    ["an unknown message source", { type: "message", from: "user", data: 1 }],
    ["message without from", { type: "message", dataType: "json", data: 1 }],
    ["message with a numeric from", { type: "message", from: 1, dataType: "json", data: 1 }],
    ["an unknown dataType", { type: "message", from: "server", dataType: "cbor", data: "x" }],
    ["server message without dataType", { type: "message", from: "server", data: [1, 2] }],
    ["message with null json data", { type: "message", from: "server", dataType: "json", data: null }],
    [
      "an invokeResponse with null json data",
      { type: "invokeResponse", invocationId: "i", dataType: "json", data: null },
    ],
    ["message with a numeric dataType", { type: "message", from: "server", dataType: 1, data: 1 }],
    [
      "an unknown dataType, whatever else is wrong",
      { type: "message", from: "group", sequenceId: -1, dataType: "cbor", data: 1 },
    ],
    [
      "an unknown invokeResponse dataType",
      { type: "invokeResponse", invocationId: "i", dataType: "x", data: 1 },
    ],
  ])("ignores %s", (_name, wire) => {
    expect(down(wire)).toMatchObject({ status: "ignored", reason: expect.any(String) });
  });

  it.each<[string, string]>([
    ["an array", `[{"type":"pong"}]`],
    ["a number", "42"],
    ["a string", `"pong"`],
  ])("ignores %s (a JSON value without a type, as the official reader)", (_name, frame) => {
    expect(decodeDownstream(frame)).toMatchObject({ status: "ignored", reason: expect.any(String) });
  });

  it.each<[string, string]>([
    ["an empty frame", ""],
    ["broken JSON", `{"type":"pong"`],
    ["null", "null"],
  ])("rejects %s", (_name, frame) => {
    expect(decodeDownstream(frame)).toMatchObject({ status: "invalid", reason: expect.any(String) });
  });

  it.each<[string, unknown]>([
    ["ack without ackId", { type: "ack", success: true }],
    ["ack with a negative ackId", { type: "ack", ackId: -1, success: true }],
    ["ack with a fractional ackId", { type: "ack", ackId: 1.5, success: true }],
    ["ack with a string ackId", { type: "ack", ackId: "1", success: true }],
    ["ack with an unsafe ackId", { type: "ack", ackId: 2 ** 53, success: true }],
    ["ack without success", { type: "ack", ackId: 1 }],
    ["ack with a string success", { type: "ack", ackId: 1, success: "true" }],
    ["ack with a string error", { type: "ack", ackId: 1, success: false, error: "Forbidden" }],
    ["ack with an error without name", { type: "ack", ackId: 1, success: false, error: { message: "m" } }],
    ["ack with an array error", { type: "ack", ackId: 1, success: false, error: [] }],
    [
      "ack with a numeric error message",
      { type: "ack", ackId: 1, success: false, error: { name: "n", message: 1 } },
    ],
    ["group message without group", { type: "message", from: "group", dataType: "json", data: 1 }],
    [
      "group message with a numeric fromUserId",
      { type: "message", from: "group", group: "g", fromUserId: 1, dataType: "json", data: 1 },
    ],
    [
      "message with a negative sequenceId",
      { type: "message", from: "server", sequenceId: -1, dataType: "json", data: 1 },
    ],
    [
      "message with a string sequenceId",
      { type: "message", from: "server", sequenceId: "1", dataType: "json", data: 1 },
    ],
    ["message without data", { type: "message", from: "server", dataType: "json" }],
    ["text message with a number", { type: "message", from: "server", dataType: "text", data: 1 }],
    ["binary message with bad base64", { type: "message", from: "server", dataType: "binary", data: "A" }],
    [
      "binary message with url-safe base64",
      { type: "message", from: "server", dataType: "binary", data: "-_8=" },
    ],
    [
      "binary message with whitespace",
      { type: "message", from: "server", dataType: "binary", data: "AQ ID" },
    ],
    ["binary message with an array", { type: "message", from: "server", dataType: "binary", data: [1, 2] }],
    ["protobuf message with a number", { type: "message", from: "server", dataType: "protobuf", data: 1 }],
    ["connected without connectionId", { type: "system", event: "connected", userId: "u" }],
    ["connected with a numeric userId", { type: "system", event: "connected", connectionId: "c", userId: 1 }],
    [
      "connected with a numeric reconnectionToken",
      { type: "system", event: "connected", connectionId: "c", reconnectionToken: 1 },
    ],
    ["disconnected with a numeric message", { type: "system", event: "disconnected", message: 1 }],
    ["invokeResponse without invocationId", { type: "invokeResponse", success: true }],
    ["invokeResponse with a string success", { type: "invokeResponse", invocationId: "i", success: "yes" }],
    ["invokeResponse with a bad error", { type: "invokeResponse", invocationId: "i", error: 1 }],
    [
      "invokeResponse with bad base64",
      { type: "invokeResponse", invocationId: "i", dataType: "binary", data: "@@@@" },
    ],
    [
      "invokeResponse with a dataType but no data",
      { type: "invokeResponse", invocationId: "i", dataType: "json" },
    ],
    [
      "a group message with a stream without streamSequenceId",
      { type: "message", from: "group", group: "g", dataType: "text", data: "", stream: { streamId: "s" } },
    ],
    [
      "a group message with a string endOfStream",
      {
        type: "message",
        from: "group",
        group: "g",
        dataType: "text",
        data: "",
        stream: { streamId: "s", streamSequenceId: 1, endOfStream: "yes" },
      },
    ],
    [
      "a group message with a stream error without name",
      {
        type: "message",
        from: "group",
        group: "g",
        dataType: "text",
        data: "",
        stream: { streamId: "s", streamSequenceId: 1, error: { message: "m" } },
      },
    ],
    ["cancelInvocation without invocationId", { type: "cancelInvocation" }],
    ["streamAck without expectedSequenceId", { type: "streamAck", streamId: "s" }],
    ["streamAck with a numeric streamId", { type: "streamAck", streamId: 1, expectedSequenceId: 1 }],
    ["streamNack without name", { type: "streamNack", streamId: "s", expectedSequenceId: 1 }],
    [
      "streamNack with a numeric message",
      { type: "streamNack", streamId: "s", expectedSequenceId: 1, name: "n", message: 1 },
    ],
    ["streamClosed with a string error", { type: "streamClosed", streamId: "s", error: "IdleTimeout" }],
    ["groupStateUpdate without items", { type: "groupStateUpdate", group: "g" }],
    [
      "groupStateUpdate with an item without updatedAt",
      { type: "groupStateUpdate", group: "g", items: [{ connectionId: "c" }] },
    ],
    [
      "groupStateSnapshot with a numeric state value",
      {
        type: "groupStateSnapshot",
        group: "g",
        items: [{ connectionId: "c", state: { a: 1 }, updatedAt: 1 }],
      },
    ],
  ])("rejects %s", (_name, wire) => {
    expect(down(wire)).toMatchObject({ status: "invalid", reason: expect.any(String) });
  });

  it("reports the ackId of an ack it cannot read fully", () => {
    expect(down({ type: "ack", ackId: 7, success: "yes" })).toMatchObject({ status: "invalid", ackId: 7 });
  });

  it("keeps a __proto__ key in json data as plain data", () => {
    const result = decodeDownstream(
      `{"type":"message","from":"server","dataType":"json","data":{"__proto__":{"polluted":1}}}`,
    );
    expect(result.status).toBe("ok");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("decodeUpstream", () => {
  it("defaults noEcho to false and dataType to json", () => {
    expect(up({ type: "sendToGroup", group: "g", data: { a: 1 } })).toStrictEqual({
      status: "ok",
      message: { kind: "sendToGroup", group: "g", dataType: "json", data: { a: 1 }, noEcho: false },
    });
  });

  it("drops fields the model does not carry (ttlSeconds, metadata, stream)", () => {
    expect(
      up({ type: "event", event: "e", dataType: "text", data: "x", metadata: { a: "b" }, ttlSeconds: 5 }),
    ).toStrictEqual({
      status: "ok",
      message: { kind: "sendEvent", event: "e", dataType: "text", data: "x" },
    });
  });

  it("accepts sequenceAck 0, which the emulator must tolerate", () => {
    expect(up({ type: "sequenceAck", sequenceId: 0 })).toStrictEqual({
      status: "ok",
      message: { kind: "sequenceAck", sequenceId: 0 },
    });
  });

  it("treats a null ackId as absent", () => {
    expect(up({ type: "joinGroup", group: "g", ackId: null })).toStrictEqual({
      status: "ok",
      message: { kind: "joinGroup", group: "g" },
    });
  });

  it("ignores an unknown type", () => {
    expect(up({ type: "future", group: "g", ackId: 1 })).toMatchObject({ status: "ignored" });
  });

  it.each<[string, unknown, UpstreamMessage]>([
    [
      "a stream start with an ackId (the codec carries it; refusing it is the service's policy)",
      { type: "sendToGroup", group: "g", ackId: 1, stream: { streamId: "s", idleTimeoutMs: null } },
      { kind: "sendToGroup", group: "g", ackId: 1, noEcho: false, stream: { streamId: "s" } },
    ],
    [
      "a stream fragment without dataType (json, as for a group message)",
      { type: "streamData", streamId: "s", streamSequenceId: 2, data: { a: 1 } },
      { kind: "streamData", streamId: "s", streamSequenceId: 2, dataType: "json", data: { a: 1 } },
    ],
    [
      "an invokeResponse without dataType (json, as for an invoke)",
      { type: "invokeResponse", invocationId: "i", success: true, data: 1 },
      { kind: "invokeResponse", invocationId: "i", success: true, dataType: "json", data: 1 },
    ],
    [
      "a streamEnd error with a null message",
      { type: "streamEnd", streamId: "s", error: { message: null, userErrorCode: "E" } },
      { kind: "streamEnd", streamId: "s", error: { userErrorCode: "E" } },
    ],
  ])("decodes %s", (_name, wire, message) => {
    expect(up(wire)).toStrictEqual({ status: "ok", message });
  });

  it.each<[string, unknown]>([
    ["joinGroup without group", { type: "joinGroup", ackId: 3 }],
    ["leaveGroup with a numeric group", { type: "leaveGroup", group: 1, ackId: 3 }],
    ["sendToGroup without data", { type: "sendToGroup", group: "g", ackId: 3 }],
    ["sendToGroup with null data", { type: "sendToGroup", group: "g", ackId: 3, data: null }],
    [
      "sendToGroup with a string noEcho",
      { type: "sendToGroup", group: "g", ackId: 3, noEcho: "true", data: 1 },
    ],
    [
      "sendToGroup with an unknown dataType",
      { type: "sendToGroup", group: "g", ackId: 3, dataType: "xml", data: "x" },
    ],
    [
      "sendToGroup with bad base64",
      { type: "sendToGroup", group: "g", ackId: 3, dataType: "binary", data: "!" },
    ],
    ["event without event", { type: "event", ackId: 3, data: 1 }],
    [
      "event with text data that is a number",
      { type: "event", event: "e", ackId: 3, dataType: "text", data: 1 },
    ],
    [
      "a stream start with a string idle timeout",
      { type: "sendToGroup", group: "g", ackId: 3, stream: { streamId: "s", idleTimeoutMs: "1" } },
    ],
    ["a stream start without streamId", { type: "sendToGroup", group: "g", ackId: 3, stream: {} }],
    [
      "a stream start with text data that is a number",
      { type: "sendToGroup", group: "g", ackId: 3, stream: { streamId: "s" }, dataType: "text", data: 1 },
    ],
    [
      "setGroupState with a numeric state value",
      { type: "setGroupState", group: "g", ackId: 3, state: { a: 1 } },
    ],
    ["subscribeGroupState without group", { type: "subscribeGroupState", ackId: 3 }],
  ])("rejects %s, reporting its ackId", (_name, wire) => {
    expect(up(wire)).toMatchObject({ status: "invalid", reason: expect.any(String), ackId: 3 });
  });

  it.each<[string, unknown]>([
    ["broken JSON", "{"],
    ["no type", { group: "g" }],
    ["joinGroup with a negative ackId", { type: "joinGroup", group: "g", ackId: -3 }],
    ["joinGroup with a string ackId", { type: "joinGroup", group: "g", ackId: "3" }],
    ["sequenceAck without sequenceId", { type: "sequenceAck" }],
    ["sequenceAck with a fractional sequenceId", { type: "sequenceAck", sequenceId: 0.5 }],
    ["invoke without invocationId", { type: "invoke", event: "e" }],
    ["invoke with an unknown target", { type: "invoke", invocationId: "i", target: "group" }],
    ["invoke with a numeric target", { type: "invoke", invocationId: "i", target: 1 }],
    ["invoke with a numeric event", { type: "invoke", invocationId: "i", event: 1 }],
    ["invoke with an unknown dataType", { type: "invoke", invocationId: "i", dataType: "x", data: 1 }],
    ["cancelInvocation without invocationId", { type: "cancelInvocation" }],
    ["streamData without streamId", { type: "streamData" }],
    ["a stream fragment without streamSequenceId", { type: "streamData", streamId: "s", data: 1 }],
    [
      "a stream fragment without data",
      { type: "streamData", streamId: "s", streamSequenceId: 1, dataType: "text" },
    ],
    [
      "a stream fragment with a fractional id",
      { type: "streamData", streamId: "s", streamSequenceId: 1.5, data: 1 },
    ],
    ["streamEnd with a string error", { type: "streamEnd", streamId: "s", error: "x" }],
    [
      "invokeResponse with an unknown dataType",
      { type: "invokeResponse", invocationId: "i", dataType: "x", data: 1 },
    ],
  ])("rejects %s without an ackId", (_name, wire) => {
    const result = typeof wire === "string" ? decodeUpstream(wire) : up(wire);
    expect(result.status).toBe("invalid");
    expect(result).not.toHaveProperty("ackId");
  });
});

describe("encodeDownstream", () => {
  it.each<[string, DownstreamMessage, string]>([
    ["ack", { kind: "ack", ackId: 1, success: true }, `{"type":"ack","ackId":1,"success":true}`],
    [
      "failed ack",
      { kind: "ack", ackId: 1, success: false, error: { name: "Duplicate", message: "m" } },
      `{"type":"ack","ackId":1,"success":false,"error":{"name":"Duplicate","message":"m"}}`,
    ],
    [
      "reliable group message",
      { kind: "groupData", dataType: "json", data: { x: 1 }, sequenceId: 1, group: "g", fromUserId: "u" },
      `{"sequenceId":1,"type":"message","from":"group","group":"g","fromUserId":"u","dataType":"json","data":{"x":1}}`,
    ],
    [
      "group message without fromUserId",
      { kind: "groupData", dataType: "text", data: "hi", group: "g" } as DownstreamMessage,
      `{"type":"message","from":"group","group":"g","dataType":"text","data":"hi"}`,
    ],
    [
      "the failed end of a stream",
      {
        kind: "groupData",
        dataType: "text",
        data: "",
        sequenceId: 4,
        group: "g",
        fromUserId: "",
        stream: {
          streamId: "s",
          streamSequenceId: 3,
          endOfStream: true,
          error: { name: "UserError", message: "m", userErrorCode: "E" },
        },
      },
      `{"sequenceId":4,"type":"message","from":"group","group":"g","fromUserId":"","dataType":"text","data":"","stream":{"streamId":"s","streamSequenceId":3,"endOfStream":true,"error":{"name":"UserError","message":"m","userErrorCode":"E"}}}`,
    ],
    [
      "server message",
      { kind: "serverData", dataType: "binary", data: bytes(1, 2, 3), sequenceId: 2 },
      `{"sequenceId":2,"type":"message","from":"server","dataType":"binary","data":"AQID"}`,
    ],
    [
      "connected",
      { kind: "connected", connectionId: "c", userId: "u", reconnectionToken: "t" },
      `{"type":"system","event":"connected","userId":"u","connectionId":"c","reconnectionToken":"t"}`,
    ],
    [
      "connected, anonymous, non-reliable",
      { kind: "connected", connectionId: "c", userId: "" } as DownstreamMessage,
      `{"type":"system","event":"connected","userId":"","connectionId":"c"}`,
    ],
    [
      "disconnected",
      { kind: "disconnected", message: "bye" },
      `{"type":"system","event":"disconnected","message":"bye"}`,
    ],
    ["pong", { kind: "pong" }, `{"type":"pong"}`],
    [
      "invokeResponse",
      { kind: "invokeResponse", invocationId: "i", success: true, dataType: "json", data: [1] },
      `{"type":"invokeResponse","invocationId":"i","success":true,"dataType":"json","data":[1]}`,
    ],
    [
      "cancelInvocation",
      { kind: "cancelInvocation", invocationId: "i" },
      `{"type":"cancelInvocation","invocationId":"i"}`,
    ],
    [
      "streamAck",
      { kind: "streamAck", streamId: "s", expectedSequenceId: 1 },
      `{"type":"streamAck","streamId":"s","expectedSequenceId":1}`,
    ],
    [
      "streamNack",
      { kind: "streamNack", streamId: "s", expectedSequenceId: 2, name: "InvalidSequenceId", message: "m" },
      `{"type":"streamNack","streamId":"s","expectedSequenceId":2,"name":"InvalidSequenceId","message":"m"}`,
    ],
    [
      "streamClosed",
      { kind: "streamClosed", streamId: "s", error: { name: "Forbidden" } },
      `{"type":"streamClosed","streamId":"s","error":{"name":"Forbidden"}}`,
    ],
    [
      "groupStateUpdate",
      {
        kind: "groupStateUpdate",
        group: "g",
        items: [
          { connectionId: "c", userId: "u", state: { k: "v" }, updatedAt: 7 },
          { connectionId: "d", updatedAt: 8 },
        ],
      },
      `{"type":"groupStateUpdate","group":"g","items":[{"connectionId":"c","userId":"u","state":{"k":"v"},"updatedAt":7},{"connectionId":"d","updatedAt":8}]}`,
    ],
  ])("%s", (_name, message, frame) => {
    expect(encodeDownstream(message)).toBe(frame);
    expect(decodeDownstream(frame)).toStrictEqual({ status: "ok", message });
  });

  it.each<[string, DownstreamMessage]>([
    ["a string success", { kind: "ack", ackId: 1, success: "yes" } as unknown as DownstreamMessage],
    ["a fractional ackId", { kind: "ack", ackId: 0.5, success: true }],
    ["text data that is a number", { kind: "serverData", dataType: "text", data: 1 }],
    [
      "a non-string userId",
      { kind: "connected", connectionId: "c", userId: null } as unknown as DownstreamMessage,
    ],
    [
      "an error without name",
      { kind: "ack", ackId: 1, success: false, error: {} } as unknown as DownstreamMessage,
    ],
    ["an upstream kind", { kind: "ping" } as unknown as DownstreamMessage],
    [
      "a stream descriptor without streamSequenceId",
      {
        kind: "groupData",
        dataType: "text",
        data: "",
        group: "g",
        fromUserId: "",
        stream: { streamId: "s" },
      } as unknown as DownstreamMessage,
    ],
    [
      "an item state with a numeric value",
      {
        kind: "groupStateSnapshot",
        group: "g",
        items: [{ connectionId: "c", state: { a: 1 }, updatedAt: 1 }],
      } as unknown as DownstreamMessage,
    ],
  ])("throws TypeError for %s", (_name, message) => {
    expect(() => encodeDownstream(message)).toThrow(TypeError);
  });
});
