import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeDownstream,
  decodeUpstream,
  encodeDownstream,
  encodeUpstream,
  type Decoded,
} from "../../src/protocol/json-codec.js";
import type { DownstreamMessage, UpstreamMessage } from "../../src/protocol/messages.js";
import {
  anyText,
  DOWNSTREAM_WIRE_TYPES,
  downstreamMessage,
  upstreamMessage,
  UPSTREAM_WIRE_TYPES,
} from "./arbitraries.js";

const RUNS = { numRuns: 400 };

/** Every field name either direction uses, so mutations hit fields the decoders look at. */
const FIELDS = [
  "type",
  "ackId",
  "group",
  "event",
  "noEcho",
  "dataType",
  "data",
  "sequenceId",
  "invocationId",
  "target",
  "success",
  "error",
  "from",
  "fromUserId",
  "userId",
  "connectionId",
  "reconnectionToken",
  "message",
];

const TYPES = [...UPSTREAM_WIRE_TYPES, ...DOWNSTREAM_WIRE_TYPES];

/** A JSON value, or a value JSON.stringify drops (to delete a field). */
const fieldValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom<unknown>(
    undefined,
    -1,
    1.5,
    2 ** 53,
    "",
    "json",
    "text",
    "binary",
    "protobuf",
    "group",
    "server",
  ),
  fc.constantFrom(...TYPES),
  fc.constantFrom("connected", "disconnected", "AQID", "A", "event"),
);

/** Rewrites one field of a valid frame's JSON object. */
function mutateField(frame: string, field: string, value: unknown): string {
  const object = JSON.parse(frame) as Record<string, unknown>;
  object[field] = value;
  return JSON.stringify(object);
}

/** Edits the raw text of a frame: cut, insert or replace a span. */
const textEdit = fc.tuple(fc.nat(), fc.nat(8), anyText);
function editText(frame: string, [at, length, insert]: [number, number, string]): string {
  const start = at % (frame.length + 1);
  return frame.slice(0, start) + insert + frame.slice(start + length);
}

/** The result must be one of the three shapes, and an ok message must re-encode to a fixed point. */
function checkDecoded<T>(
  result: Decoded<T>,
  encode: (message: T) => string,
  decode: (frame: string) => Decoded<T>,
) {
  expect(["ok", "ignored", "invalid"]).toContain(result.status);
  if (result.status === "ok") {
    // Whatever the decoder accepts, the encoder can write back, and it reads the same again.
    const again = encode(result.message);
    expect(encode((decode(again) as { message: T }).message)).toBe(again);
  } else {
    expect(typeof result.reason).toBe("string");
    if (result.status === "invalid" && result.ackId !== undefined) {
      expect(Number.isSafeInteger(result.ackId) && result.ackId >= 0).toBe(true);
    }
  }
}

describe("JSON codec round trips", () => {
  it("decodeUpstream(encodeUpstream(m)) gives m back", () => {
    fc.assert(
      fc.property(upstreamMessage, (message) => {
        expect(decodeUpstream(encodeUpstream(message))).toStrictEqual({ status: "ok", message });
      }),
      RUNS,
    );
  });

  it("decodeDownstream(encodeDownstream(m)) gives m back", () => {
    fc.assert(
      fc.property(downstreamMessage, (message) => {
        expect(decodeDownstream(encodeDownstream(message))).toStrictEqual({ status: "ok", message });
      }),
      RUNS,
    );
  });

  it("encodes to JSON that JSON.parse reads", () => {
    fc.assert(
      fc.property(upstreamMessage, downstreamMessage, (up, down) => {
        expect(() => JSON.parse(encodeUpstream(up)) as unknown).not.toThrow();
        expect(() => JSON.parse(encodeDownstream(down)) as unknown).not.toThrow();
      }),
      RUNS,
    );
  });
});

describe("JSON decoders under fuzzing never throw", () => {
  const decoders = [
    ["decodeUpstream", decodeUpstream, encodeUpstream],
    ["decodeDownstream", decodeDownstream, encodeDownstream],
  ] as const;

  it.each(decoders)("%s: arbitrary strings", (_name, decode) => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.json()), (frame) => {
        expect(["ok", "ignored", "invalid"]).toContain(decode(frame).status);
      }),
      { numRuns: 1000 },
    );
  });

  it("decodeUpstream: valid frames with one field replaced", () => {
    fc.assert(
      fc.property(upstreamMessage, fc.constantFrom(...FIELDS), fieldValue, (message, field, value) => {
        const frame = mutateField(encodeUpstream(message), field, value);
        checkDecoded<UpstreamMessage>(decodeUpstream(frame), encodeUpstream, decodeUpstream);
      }),
      { numRuns: 1500 },
    );
  });

  it("decodeDownstream: valid frames with one field replaced", () => {
    fc.assert(
      fc.property(downstreamMessage, fc.constantFrom(...FIELDS), fieldValue, (message, field, value) => {
        const frame = mutateField(encodeDownstream(message), field, value);
        checkDecoded<DownstreamMessage>(decodeDownstream(frame), encodeDownstream, decodeDownstream);
      }),
      { numRuns: 1500 },
    );
  });

  it("both decoders: valid frames of either direction with their text edited", () => {
    fc.assert(
      fc.property(
        fc.oneof(upstreamMessage.map(encodeUpstream), downstreamMessage.map(encodeDownstream)),
        textEdit,
        (frame, edit) => {
          const mutated = editText(frame, edit);
          checkDecoded<UpstreamMessage>(decodeUpstream(mutated), encodeUpstream, decodeUpstream);
          checkDecoded<DownstreamMessage>(decodeDownstream(mutated), encodeDownstream, decodeDownstream);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("both decoders: JavaScript callers passing non-strings", () => {
    for (const frame of [undefined, null, 1, {}, new ArrayBuffer(2)]) {
      expect(decodeUpstream(frame as unknown as string).status).toBe("invalid");
      expect(decodeDownstream(frame as unknown as string).status).toBe("invalid");
    }
  });
});
