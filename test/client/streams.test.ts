/**
 * Group streams (preview) against a fake service: the writer's frames, its pause and re-send
 * across a recovered drop, its end and failures; the reader's fragments in order, its end, its
 * error, replays, gaps, idle timeout and `handleFromStart`.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { WebPubSubClient } from "../../src/client.js";
import type { GroupStream, GroupStreamMessage } from "../../src/stream-types.js";
import { settle, startedFakeClient, type FakeSocket } from "./fake-socket.js";

const clients: WebPubSubClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.stop();
  vi.useRealTimers();
});

async function started() {
  const result = await startedFakeClient({ recoveryRetryOptions: { retryDelayInMs: 0, jitter: 0 } });
  clients.push(result.client);
  return result;
}

const streamFrames = (socket: FakeSocket) =>
  socket.sent.filter((f) => f.type === "streamData" || f.type === "streamEnd" || f.stream !== undefined);

/** Opens stream `id` on group `g`, the fake service acknowledging the start. */
async function open(client: WebPubSubClient, socket: FakeSocket, id = "s1") {
  const opening = client.openGroupStream("g", { streamId: id });
  await settle();
  expect(socket.sent.at(-1)).toEqual({
    type: "sendToGroup",
    group: "g",
    noEcho: false,
    stream: { streamId: id },
  });
  socket.receive({ type: "streamAck", streamId: id, expectedSequenceId: 1 });
  return opening;
}

describe("openGroupStream: the writer", () => {
  it("opens on the start's ack, writes numbered fragments, ends, and closes on streamClosed", async () => {
    const { client, fake } = await started();
    const writer = await open(client, fake.last);
    expect(writer.streamId).toBe("s1");
    await writer.write("hello ", "text");
    await writer.write({ n: 1 }, "json");
    fake.last.receive({ type: "streamAck", streamId: "s1", expectedSequenceId: 3 });
    await writer.end();
    expect(streamFrames(fake.last).slice(1)).toEqual([
      { type: "streamData", streamId: "s1", streamSequenceId: 1, dataType: "text", data: "hello " },
      { type: "streamData", streamId: "s1", streamSequenceId: 2, dataType: "json", data: { n: 1 } },
      { type: "streamEnd", streamId: "s1" },
    ]);
    fake.last.receive({ type: "streamClosed", streamId: "s1" });
    await settle();
    // Closed: the id may be used again, and the old writer refuses more.
    await expect(writer.write("late", "text")).rejects.toThrow("Stream 's1' is completed.");
  });

  it("holds fragments while the connection is recovered and re-sends what was not acknowledged, from the oldest", async () => {
    const { client, fake } = await started();
    const writer = await open(client, fake.last);
    for (const text of ["a", "b", "c"]) await writer.write(text, "text");
    fake.last.receive({ type: "streamAck", streamId: "s1", expectedSequenceId: 2 }); // "a" acknowledged
    const first = fake.last;
    first.drop(1006);
    await settle();
    expect(client.state).toBe("recovering");
    const d = writer.write("d", "text"); // waits: the link is down
    let dWritten = false;
    void d.then(() => (dWritten = true));
    await settle();
    expect(dWritten).toBe(false);
    // The recovery socket opens; the pong confirms it.
    const second = fake.last;
    expect(second).not.toBe(first);
    second.open();
    await settle();
    second.receive({ type: "pong" });
    await settle();
    expect(client.state).toBe("connected");
    await d;
    expect(
      streamFrames(second).map((f) =>
        f.type === "streamData" ? `${String(f.streamSequenceId)}:${String(f.data)}` : f.type,
      ),
    ).toEqual(["2:b", "3:c", "4:d"]);
  });

  it("abort ends the stream with the error; streamClosed with an error calls onError and fails later writes", async () => {
    const { client, fake } = await started();
    const one = await open(client, fake.last, "one");
    await one.abort({ message: "gave up", userErrorCode: "E42" });
    expect(fake.last.sent.at(-1)).toEqual({
      type: "streamEnd",
      streamId: "one",
      error: { message: "gave up", userErrorCode: "E42" },
    });
    const two = await open(client, fake.last, "two");
    const errors: unknown[] = [];
    two.onError((error) => errors.push(error));
    fake.last.receive({
      type: "streamClosed",
      streamId: "two",
      error: { name: "IdleTimeout", message: "idle" },
    });
    await settle();
    expect(errors).toEqual([{ name: "IdleTimeout", message: "idle" }]);
    await expect(two.write("x", "text")).rejects.toThrow();
  });

  it("refuses to open when not connected, a used stream id, and a bad payload", async () => {
    const { client, fake } = await started();
    const writer = await open(client, fake.last);
    await expect(client.openGroupStream("g", { streamId: "s1" })).rejects.toThrow(
      "Stream 's1' already exists.",
    );
    await expect(writer.write(new ArrayBuffer(1), "json")).rejects.toThrow(TypeError);
    client.stop();
    await settle();
    await expect(client.openGroupStream("g", { streamId: "s2" })).rejects.toThrow(/not connected/);
  });

  it("a drop before the start is acknowledged fails the open", async () => {
    const { client, fake } = await started();
    const opening = client.openGroupStream("g", { streamId: "s" });
    await settle();
    fake.last.drop(1006);
    await expect(opening).rejects.toMatchObject({ name: "ConnectionLost" });
  });
});

/** A group message of stream `id`, fragment `n`. */
function fragment(id: string, n: number, data: string, extra: Record<string, unknown> = {}) {
  return {
    type: "message",
    from: "group",
    group: "g",
    fromUserId: "bob",
    dataType: "text",
    data,
    stream: { streamId: id, streamSequenceId: n, ...extra },
  };
}

/** Collects every stream the subscription hands over, and what reading each gives. */
function collect(client: WebPubSubClient, options = {}) {
  const results = new Map<string, { fragments: string[]; error?: unknown; done: boolean }>();
  const subscription = client.onGroupStream(async (stream: GroupStream) => {
    const result: { fragments: string[]; error?: unknown; done: boolean } = { fragments: [], done: false };
    results.set(stream.streamId, result);
    try {
      for await (const message of stream as AsyncIterable<GroupStreamMessage>)
        result.fragments.push(String(message.data));
    } catch (error) {
      result.error = error;
    }
    result.done = true;
  }, options);
  return { results, subscription };
}

describe("onGroupStream: the reader", () => {
  it("reads fragments in order, drops replays, and completes at the end; the empty last message is no fragment", async () => {
    const { client, fake } = await started();
    const { results } = collect(client);
    const messages: unknown[] = [];
    client.on("group-message", (e) => messages.push(e.message.data));
    fake.last.receive(fragment("s", 1, "a"));
    fake.last.receive(fragment("s", 2, "b"));
    fake.last.receive(fragment("s", 2, "b"));
    fake.last.receive(fragment("s", 3, "", { endOfStream: true }));
    await settle();
    expect(results.get("s")).toEqual({ fragments: ["a", "b"], done: true });
    // Every frame is also a group message, as in 1.1.0 (the replay is a stream-level duplicate only).
    expect(messages).toEqual(["a", "b", "b", ""]);
  });

  it("a stream that ends with an error throws it; a gap fails the stream", async () => {
    const { client, fake } = await started();
    const { results } = collect(client);
    fake.last.receive(fragment("bad", 1, "a"));
    fake.last.receive(
      fragment("bad", 2, "", { endOfStream: true, error: { name: "UserError", userErrorCode: "E1" } }),
    );
    fake.last.receive(fragment("gap", 1, "a"));
    fake.last.receive(fragment("gap", 3, "c"));
    await settle();
    expect(results.get("bad")?.fragments).toEqual(["a"]);
    expect(results.get("bad")?.error).toMatchObject({ name: "UserError", userErrorCode: "E1" });
    expect(results.get("gap")?.error).toMatchObject({ name: "StreamGap" });
  });

  it("handleFromStart ignores a stream first seen mid-way; without it, the stream starts there", async () => {
    const { client, fake } = await started();
    const strict = collect(client, { handleFromStart: true });
    const lenient = collect(client);
    fake.last.receive(fragment("late", 5, "e"));
    fake.last.receive(fragment("late", 6, "f", { endOfStream: true }));
    await settle();
    expect(strict.results.has("late")).toBe(false);
    expect(lenient.results.get("late")).toEqual({ fragments: ["e", "f"], done: true });
  });

  it("a silent stream times out with IdleTimeout; a closed subscription completes its streams", async () => {
    const { client, fake } = await started();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const quick = collect(client, { idleTimeoutInMs: 1000 });
    fake.last.receive(fragment("quiet", 1, "a"));
    await vi.advanceTimersByTimeAsync(999);
    fake.last.receive(fragment("quiet", 2, "b")); // restarts the timer
    await vi.advanceTimersByTimeAsync(999);
    expect(quick.results.get("quiet")?.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(quick.results.get("quiet")).toMatchObject({ fragments: ["a", "b"], done: true });
    expect(quick.results.get("quiet")?.error).toMatchObject({ name: "IdleTimeout" });
    vi.useRealTimers();
    const other = collect(client);
    fake.last.receive(fragment("open", 1, "x"));
    await settle();
    await other.subscription.close();
    await settle();
    expect(other.results.get("open")).toEqual({ fragments: ["x"], done: true });
    expect(other.subscription.isActive).toBe(false);
  });
});
