/**
 * Our JSON protocol objects side by side with `@azure/web-pubsub-client` 1.1.0's, over generated
 * messages of every kind and over frames and messages a broken peer or caller produces.
 *
 * `writeMessage`: for every well-typed message, the same frame, byte for byte. For anything else,
 * where 1.1.0 throws we throw; where it writes a frame we write the same frame or throw (we refuse
 * what it would write broken: a payload without its `dataType`, a mistyped id, …).
 *
 * `parseMessages`: for every frame our emulator's encoder writes, the same message. For any frame,
 * where 1.1.0 returns `null` we return `null` (and only there); where it throws we throw; where it
 * returns a message we return the same message or throw (we refuse mistyped fields it passes
 * through). "The same message" compares the fields of the official model for that kind: 1.1.0
 * also hands back the frame's own fields (`type`, `from`, unknown ones), and a field holding
 * `null` or `undefined` counts as absent.
 */
import {
  WebPubSubJsonProtocol as OfficialJsonProtocol,
  WebPubSubJsonReliableProtocol as OfficialJsonReliableProtocol,
} from "@azure/web-pubsub-client";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeDownstream } from "../../src/protocol/json-codec.js";
import { WebPubSubJsonProtocol, WebPubSubJsonReliableProtocol } from "../../src/protocol/json-protocol.js";
import type { WebPubSubClientProtocol, WebPubSubMessage } from "../../src/protocol/messages.js";
import { downstreamMessage, hostileDownstreamFrame, looseMessage, upstreamMessage } from "./arbitraries.js";

/** A protocol object, whichever package it comes from, seen through the one interface. */
interface Protocol {
  parseMessages(input: string): unknown;
  writeMessage(message: unknown): unknown;
}

const pairs: ReadonlyArray<[string, Protocol, Protocol]> = [
  ["json", WebPubSubJsonProtocol() as Protocol, OfficialJsonProtocol() as unknown as Protocol],
  [
    "json.reliable",
    WebPubSubJsonReliableProtocol() as Protocol,
    OfficialJsonReliableProtocol() as unknown as Protocol,
  ],
];

type Outcome = { readonly threw: true } | { readonly threw: false; readonly value: unknown };

function outcome(run: () => unknown): Outcome {
  try {
    return { threw: false, value: run() };
  } catch {
    return { threw: true };
  }
}

// -- the official model's fields, for comparing messages -----------------------------------------

/** A field kept as it is, or a nested object (or array of them) whose own fields are compared. */
type Shape = true | { readonly [field: string]: Shape } | readonly [{ readonly [field: string]: Shape }];

const ERROR = { name: true, message: true } as const;
const STREAM_ERROR = { name: true, message: true, userErrorCode: true } as const;
const ITEM = { connectionId: true, userId: true, state: true, updatedAt: true } as const;

/** Per kind, the fields of the official model (`dist/esm/models/messages.d.ts`). */
const MODEL: { readonly [kind: string]: { readonly [field: string]: Shape } } = {
  ack: { kind: true, ackId: true, success: true, error: ERROR },
  groupData: {
    kind: true,
    dataType: true,
    data: true,
    sequenceId: true,
    group: true,
    fromUserId: true,
    stream: { streamId: true, streamSequenceId: true, endOfStream: true, error: STREAM_ERROR },
  },
  serverData: { kind: true, dataType: true, data: true, sequenceId: true },
  connected: { kind: true, connectionId: true, userId: true, reconnectionToken: true },
  disconnected: { kind: true, message: true },
  pong: { kind: true },
  invokeResponse: { kind: true, invocationId: true, success: true, dataType: true, data: true, error: ERROR },
  cancelInvocation: { kind: true, invocationId: true },
  streamAck: { kind: true, streamId: true, expectedSequenceId: true },
  streamNack: { kind: true, streamId: true, name: true, message: true, expectedSequenceId: true },
  streamClosed: { kind: true, streamId: true, error: ERROR },
  groupStateSnapshot: { kind: true, group: true, items: [ITEM] },
  groupStateUpdate: { kind: true, group: true, items: [ITEM] },
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof ArrayBuffer)
  );
}

/** The value reduced to the fields of `shape`, without the ones holding `null` or `undefined`. */
function project(value: unknown, shape: Shape): unknown {
  if (shape === true) return value;
  if (Array.isArray(shape)) {
    return Array.isArray(value) ? value.map((entry: unknown) => project(entry, shape[0]!)) : value;
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(shape as { [field: string]: Shape })) {
    const v = value[field];
    if (v !== undefined && v !== null) out[field] = project(v, inner);
  }
  return out;
}

/** A parsed message in the official model's terms. */
function modelOf(message: unknown): unknown {
  if (!isPlainObject(message)) return message;
  const shape = MODEL[String(message.kind)];
  return shape === undefined ? message : project(message, shape);
}

// -- writeMessage --------------------------------------------------------------------------------

describe.each(pairs)("writeMessage, %s: ours and 1.1.0's side by side", (_name, ours, theirs) => {
  it("writes the same frame for every message of every kind", () => {
    fc.assert(
      fc.property(upstreamMessage, (message) => {
        expect(ours.writeMessage(message)).toBe(theirs.writeMessage(message));
      }),
      { numRuns: 1000 },
    );
  });

  it("writes the same frame for a sendToGroup without noEcho (our client always sets it)", () => {
    fc.assert(
      fc.property(
        upstreamMessage.filter((m) => m.kind === "sendToGroup"),
        (message) => {
          const { noEcho: _noEcho, ...loose } = message as { noEcho: boolean };
          const frame = ours.writeMessage(loose) as string;
          expect(frame).toBe(theirs.writeMessage(loose));
          expect(JSON.parse(frame)).not.toHaveProperty("noEcho");
        },
      ),
      { numRuns: 200 },
    );
  });

  it("throws where 1.1.0 throws, and otherwise writes its frame or refuses it", () => {
    const seen = { bothThrew: 0, sameFrame: 0, refused: 0 };
    fc.assert(
      fc.property(looseMessage, (message) => {
        const theirFrame = outcome(() => theirs.writeMessage(message));
        const ourFrame = outcome(() => ours.writeMessage(message));
        if (theirFrame.threw) {
          expect(ourFrame).toEqual({ threw: true });
          seen.bothThrew++;
        } else if (ourFrame.threw) {
          seen.refused++;
        } else {
          expect(ourFrame.value).toBe(theirFrame.value);
          seen.sameFrame++;
        }
      }),
      { numRuns: 3000 },
    );
    // Each branch was taken: the comparison is not vacuous.
    expect(seen.bothThrew).toBeGreaterThan(0);
    expect(seen.sameFrame).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});

// -- parseMessages -------------------------------------------------------------------------------

describe.each(pairs)("parseMessages, %s: ours and 1.1.0's side by side", (_name, ours, theirs) => {
  it("reads every frame of every kind our emulator writes as 1.1.0 reads it", () => {
    fc.assert(
      fc.property(downstreamMessage, (message) => {
        const frame = encodeDownstream(message);
        const parsed = ours.parseMessages(frame);
        expect(parsed).toStrictEqual(message);
        expect(modelOf(parsed)).toStrictEqual(modelOf(theirs.parseMessages(frame)));
      }),
      { numRuns: 1000 },
    );
  });

  it("ignores exactly what 1.1.0 ignores, throws where it throws, and otherwise reads its message or refuses the frame", () => {
    const seen = { bothNull: 0, bothThrew: 0, sameMessage: 0, refused: 0 };
    fc.assert(
      fc.property(hostileDownstreamFrame(encodeDownstream), (frame) => {
        const theirMessage = outcome(() => theirs.parseMessages(frame));
        const ourMessage = outcome(() => ours.parseMessages(frame));
        if (theirMessage.threw) {
          expect(ourMessage).toEqual({ threw: true });
          seen.bothThrew++;
        } else if (theirMessage.value === null) {
          expect(ourMessage).toEqual({ threw: false, value: null });
          seen.bothNull++;
        } else if (ourMessage.threw) {
          seen.refused++;
        } else {
          expect(ourMessage.value).not.toBeNull();
          expect(modelOf(ourMessage.value)).toStrictEqual(modelOf(theirMessage.value));
          seen.sameMessage++;
        }
      }),
      { numRuns: 5000 },
    );
    expect(seen.bothNull).toBeGreaterThan(0);
    expect(seen.bothThrew).toBeGreaterThan(0);
    expect(seen.sameMessage).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});

describe("the comparison itself", () => {
  it("tells messages apart by a model field, and not by a wire field or an undefined one", () => {
    const parsed: WebPubSubMessage = { kind: "disconnected", message: "a" };
    expect(modelOf({ ...parsed, type: "system", event: "disconnected", extra: 1 })).toStrictEqual(
      modelOf(parsed),
    );
    expect(modelOf({ kind: "disconnected", message: undefined })).toStrictEqual(
      modelOf({ kind: "disconnected" }),
    );
    expect(modelOf({ kind: "disconnected", message: "b" })).not.toStrictEqual(modelOf(parsed));
    expect(
      modelOf({ kind: "groupStateUpdate", group: "g", items: [{ connectionId: "c", updatedAt: 1, x: 2 }] }),
    ).toStrictEqual({ kind: "groupStateUpdate", group: "g", items: [{ connectionId: "c", updatedAt: 1 }] });
  });

  it("covers every kind of the model", () => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(downstreamMessage, (m) => void kinds.add(m.kind)),
      { numRuns: 500 },
    );
    expect([...kinds].sort()).toEqual(Object.keys(MODEL).sort());
  });

  it("runs on protocol objects of the same subprotocol", () => {
    for (const [, ours, theirs] of pairs) {
      const a = ours as unknown as WebPubSubClientProtocol;
      const b = theirs as unknown as WebPubSubClientProtocol;
      expect([a.name, a.isReliableSubProtocol]).toEqual([b.name, b.isReliableSubProtocol]);
    }
  });
});
