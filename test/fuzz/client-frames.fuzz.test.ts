/**
 * Property-based tests: arbitrary and mutated service frames fed to a connected client. Whatever
 * arrives, nothing throws out of the socket callback, the client stays connected and usable, no
 * message reaches the application twice or out of order, and every frame the decoder refuses is
 * reported through the logger.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeDownstream } from "../../src/protocol/json-codec.js";
import { decodeFrame, WebPubSubJsonReliableProtocol } from "../../src/protocol/json-protocol.js";
import type { DownstreamMessage } from "../../src/protocol/messages.js";
import { createScriptedClient, createScriptedSockets, flushMicrotasks } from "../../src/testing/index.js";
import { anyText, downstreamMessage } from "../protocol/arbitraries.js";

const protocol = WebPubSubJsonReliableProtocol();

/** Values that break a field: wrong types, missing, huge or fractional numbers, bad base64. */
const badValue = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    -1,
    1.5,
    Number.MAX_SAFE_INTEGER + 2,
    1e300,
    "7",
    "",
    "%%%not-base64%%%",
    "AQI",
    true,
    [],
    {},
    { name: 42 },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

const FIELDS = [
  "type",
  "event",
  "from",
  "group",
  "dataType",
  "data",
  "sequenceId",
  "ackId",
  "success",
  "error",
  "connectionId",
  "userId",
  "reconnectionToken",
  "fromUserId",
  "invocationId",
  "message",
];

/** A service frame: valid, with one field broken or removed, garbage, or an ack nobody waits for. */
const frame: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: downstreamMessage.map((m: DownstreamMessage) => encodeDownstream(m)) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(downstreamMessage, fc.constantFrom(...FIELDS), fc.option(badValue, { nil: undefined }))
      .map(([m, field, value]) => {
        const wire = JSON.parse(encodeDownstream(m)) as Record<string, unknown>;
        if (value === undefined) delete wire[field];
        else wire[field] = value;
        return JSON.stringify(wire);
      }),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({
        group: fc.constantFrom("g", "h"),
        sequenceId: fc.integer({ min: 0, max: 40 }),
        data: fc.string({ maxLength: 8 }),
      })
      .map(({ group, sequenceId, data }) =>
        JSON.stringify({ type: "message", from: "group", group, dataType: "text", data, sequenceId }),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ ackId: fc.integer({ min: 1000, max: 2 ** 40 }), success: fc.boolean() })
      .map((a) => JSON.stringify({ type: "ack", ...a })),
  },
  { weight: 1, arbitrary: fc.oneof(anyText, fc.json()) },
);

async function connectedClient() {
  const warnings: string[] = [];
  const errors: unknown[] = [];
  const sockets = createScriptedSockets();
  const client = createScriptedClient(sockets, {
    keepAliveIntervalInMs: 0,
    keepAliveTimeoutInMs: 0,
    logger: {
      warn: (message: string) => warnings.push(message),
      error: (...args: unknown[]) => errors.push(args),
    },
  });
  const started = client.start();
  await flushMicrotasks(2);
  sockets.last.accept("conn-1", "token-1");
  await started;
  const delivered: number[] = [];
  const listener = (e: { message: { sequenceId?: number } }) => {
    if (e.message.sequenceId !== undefined) delivered.push(e.message.sequenceId);
  };
  client.on("group-message", listener);
  client.on("server-message", listener);
  return { client, sockets, warnings, errors, delivered };
}

describe("the client under arbitrary service frames", () => {
  it("never throws, never delivers twice or out of order, reports what it drops, stays usable", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 25 }), async (frames) => {
        const { client, sockets, warnings, errors, delivered } = await connectedClient();
        try {
          let invalid = 0;
          for (const text of frames) {
            if (decodeFrame(protocol, text).status === "invalid") invalid++;
            expect(() => sockets.last.receive(text)).not.toThrow();
            expect(client.state).toBe("connected");
          }
          // Reported: one warning per refused frame.
          expect(warnings.filter((w) => w.includes("invalid frame")).length).toBe(invalid);
          expect(errors).toEqual([]);
          // Exactly once, in order.
          for (let i = 1; i < delivered.length; i++) expect(delivered[i]!).toBeGreaterThan(delivered[i - 1]!);
          // Still usable: an acked send round-trips, the next message is delivered.
          const sent = client.sendToGroupResult("g", "still alive", "text");
          const written = sockets.last.sent.at(-1);
          expect(written).toMatchObject({ type: "sendToGroup", data: "still alive" });
          sockets.last.receive({ kind: "ack", ackId: written!.ackId as number, success: true });
          expect((await sent).isOk()).toBe(true);
          const next = Math.max(0, ...delivered, client.actor.getSnapshot().context.lastSequenceId) + 1;
          sockets.last.receive({
            kind: "groupData",
            group: "g",
            fromUserId: "peer",
            dataType: "text",
            data: "after",
            sequenceId: next,
          });
          expect(delivered.at(-1)).toBe(next);
        } finally {
          client.stop();
          await flushMicrotasks(1);
        }
      }),
      { numRuns: 150, seed: 20_261_127 },
    );
  });

  it("a replayed or out-of-order sequence id is dropped; the next one gets through", async () => {
    const { client, sockets, delivered } = await connectedClient();
    const message = (sequenceId: number) =>
      ({
        kind: "groupData",
        group: "g",
        fromUserId: "peer",
        dataType: "text",
        data: `m${sequenceId}`,
        sequenceId,
      }) as const;
    for (const id of [1, 2, 2, 1, 3, 0, 3, 5, 4, 6]) sockets.last.receive(message(id));
    expect(delivered).toEqual([1, 2, 3, 5, 6]);
    client.stop();
  });
});
