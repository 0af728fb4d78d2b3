/**
 * Group streams between the official `@azure/web-pubsub-client` 1.1.0 and our client, through our
 * emulator, in both directions: every data type, two streams at once, an abort, and a drop in the
 * middle of a stream with the writer and (separately) the reader as the victim. Every fragment
 * must arrive exactly once, in order, followed by the stream's completion (or its error).
 */
import type { GroupStream as OfficialGroupStream, OnConnectedArgs } from "@azure/web-pubsub-client";
import { describe, expect, it } from "vitest";
import { WebPubSubClient } from "../../src/client.js";
import type { JSONTypes, StreamDataError, WebPubSubDataType } from "../../src/protocol/messages.js";
import type { GroupStream, GroupStreamWriter, OpenGroupStreamOptions } from "../../src/stream-types.js";
import { useEmulator, type EmulatorFixture } from "../emulator/helpers.js";
import { nextEvent, officialClientOn } from "./helpers.js";

const ROLES = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"];

/** What a test needs of either client: the two stream calls and the connection to drop. */
interface Peer {
  readonly name: "official" | "ours";
  readonly connectionId: () => string;
  joinGroup(group: string): Promise<unknown>;
  openGroupStream(group: string, options?: OpenGroupStreamOptions): Promise<GroupStreamWriter>;
  onGroupStream(callback: (stream: GroupStream | OfficialGroupStream) => void): void;
  /** Resolves once the peer is back after a drop (recovered, or for the official client reconnected). */
  backAfterDrop(): Promise<void>;
}

async function official(fx: EmulatorFixture, userId: string): Promise<Peer> {
  const client = officialClientOn(fx, { userId, roles: ROLES });
  let connectionId = "";
  client.on("connected", (e: OnConnectedArgs) => (connectionId = e.connectionId));
  const connected = nextEvent<OnConnectedArgs>(
    (h) => client.on("connected", h),
    (h) => client.off("connected", h),
  );
  await client.start();
  await connected;
  return {
    name: "official",
    connectionId: () => connectionId,
    joinGroup: (group) => client.joinGroup(group),
    openGroupStream: (group, options) => client.openGroupStream(group, options),
    onGroupStream: (callback) => void client.onGroupStream(callback),
    // The official client has no recovery event; its writer resumes on `system/connected`.
    backAfterDrop: async () => undefined,
  };
}

async function ours(fx: EmulatorFixture, userId: string): Promise<Peer> {
  const client = new WebPubSubClient(
    { getClientAccessUrl: () => fx.emu.getClientAccessUrl({ hub: "chat", userId, roles: ROLES }) },
    {
      recoveryRetryOptions: { retryDelayInMs: 20, maxRetryDelayInMs: 100 },
      reconnectRetryOptions: { retryDelayInMs: 20, maxRetryDelayInMs: 100 },
    },
  );
  fx.defer(() => client[Symbol.asyncDispose]());
  await client.start();
  return {
    name: "ours",
    connectionId: () => client.connectionId ?? "",
    joinGroup: (group) => client.joinGroup(group),
    openGroupStream: (group, options) => client.openGroupStream(group, options),
    onGroupStream: (callback) => void client.onGroupStream(callback),
    backAfterDrop: () =>
      new Promise((resolve) => {
        const off = client.on("recovered", () => {
          off();
          resolve();
        });
      }),
  };
}

/** One stream as a reader saw it. */
interface Seen {
  readonly fragments: Array<{ dataType: WebPubSubDataType; data: JSONTypes | ArrayBuffer; n: number }>;
  readonly error: StreamDataError | undefined;
}

/** Reads every stream `peer` sees; `seen(id)` resolves once stream `id` has ended. */
function readAll(peer: Peer): (streamId: string) => Promise<Seen> {
  const streams = new Map<string, Promise<Seen>>();
  const waiting = new Map<string, (seen: Promise<Seen>) => void>();
  peer.onGroupStream((stream) => {
    const reading = (async (): Promise<Seen> => {
      const fragments: Seen["fragments"] = [];
      try {
        for await (const fragment of stream) {
          fragments.push({
            dataType: fragment.dataType,
            data: fragment.data,
            n: fragment.stream.streamSequenceId,
          });
        }
        return { fragments, error: undefined };
      } catch (error) {
        const { name, message, userErrorCode } = error as StreamDataError;
        return {
          fragments,
          error: { name, ...(message ? { message } : {}), ...(userErrorCode ? { userErrorCode } : {}) },
        };
      }
    })();
    streams.set(stream.streamId, reading);
    waiting.get(stream.streamId)?.(reading);
  });
  return (streamId) => {
    const known = streams.get(streamId);
    if (known !== undefined) return known;
    return new Promise<Promise<Seen>>((resolve) => waiting.set(streamId, resolve)).then((seen) => seen);
  };
}

const texts = (seen: Seen): unknown[] => seen.fragments.map((f) => f.data);
const numbers = (seen: Seen): number[] => seen.fragments.map((f) => f.n);
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

const PAIRS = [
  { writer: official, reader: ours, title: "official writer → our reader" },
  { writer: ours, reader: official, title: "our writer → official reader" },
] as const;

describe.each(PAIRS)(
  "group streams through the emulator: $title",
  ({ writer: makeWriter, reader: makeReader }) => {
    const fx = useEmulator();

    async function setup() {
      await fx.start();
      const reader = await makeReader(fx, "reader");
      await reader.joinGroup("g");
      const seen = readAll(reader);
      const writer = await makeWriter(fx, "writer");
      return { reader, writer, seen };
    }

    it("carries text, json and binary fragments in order, then completes", async () => {
      const { writer, seen } = await setup();
      const stream = await writer.openGroupStream("g", { streamId: "kinds" });
      await stream.write("hello", "text");
      await stream.write({ n: [1, 2] }, "json");
      await stream.write(new Uint8Array([0, 1, 255]).buffer, "binary");
      await stream.write("", "text");
      await stream.end();
      const result = await seen("kinds");
      expect(result.error).toBeUndefined();
      expect(result.fragments.slice(0, 3).map((f) => f.dataType)).toEqual(["text", "json", "binary"]);
      expect(texts(result).slice(0, 2)).toEqual(["hello", { n: [1, 2] }]);
      expect([...new Uint8Array(result.fragments[2]!.data as ArrayBuffer)]).toEqual([0, 1, 255]);
      // An empty fragment is still a fragment (only the empty last message is not).
      expect(numbers(result)).toEqual([1, 2, 3, 4]);
    });

    it("keeps two streams at once apart, each in order", async () => {
      const { writer, seen } = await setup();
      const [a, b] = await Promise.all([
        writer.openGroupStream("g", { streamId: "a" }),
        writer.openGroupStream("g", { streamId: "b" }),
      ]);
      for (let i = 1; i <= 20; i++) {
        await Promise.all([a.write(`a${i}`, "text"), b.write(`b${i}`, "text")]);
      }
      await Promise.all([a.end(), b.end()]);
      const [seenA, seenB] = await Promise.all([seen("a"), seen("b")]);
      expect(texts(seenA)).toEqual(range(20).map((i) => `a${i}`));
      expect(texts(seenB)).toEqual(range(20).map((i) => `b${i}`));
      expect([seenA.error, seenB.error]).toEqual([undefined, undefined]);
    });

    it("passes an abort to the reader after the fragments written before it", async () => {
      const { writer, seen } = await setup();
      const stream = await writer.openGroupStream("g", { streamId: "aborted" });
      for (let i = 1; i <= 5; i++) await stream.write(`f${i}`, "text");
      await stream.abort({ message: "changed my mind", userErrorCode: "E_ABORT" });
      const result = await seen("aborted");
      expect(texts(result)).toEqual(range(5).map((i) => `f${i}`));
      expect(result.error).toEqual({
        name: "UserError",
        message: "changed my mind",
        userErrorCode: "E_ABORT",
      });
    });

    for (const victim of ["writer", "reader"] as const) {
      it(`survives a drop of the ${victim} mid-stream: every fragment once, in order, then completion`, async () => {
        const { writer, reader, seen } = await setup();
        const stream = await writer.openGroupStream("g", { streamId: `drop-${victim}` });
        const dropped = victim === "writer" ? writer : reader;
        const back = dropped.backAfterDrop();
        const writes: Array<Promise<void>> = [];
        for (let i = 1; i <= 200; i++) {
          writes.push(stream.write(i, "json"));
          if (i === 100) {
            await writes.at(-1);
            expect(fx.emu.faults.drop(dropped.connectionId())).toBe(true);
          }
        }
        await Promise.all(writes);
        await stream.end();
        const result = await seen(`drop-${victim}`);
        await back;
        expect(result.error).toBeUndefined();
        expect(texts(result)).toEqual(range(200));
        expect(numbers(result)).toEqual(range(200));
      });
    }
  },
);
