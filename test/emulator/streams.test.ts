/**
 * Group streams (preview), wire level: a raw writer and raw readers against the emulator, one test
 * per rule of docs/streams.md ("The emulator").
 */
import { describe, expect, it } from "vitest";
import { serviceClient } from "../interop/helpers.js";
import { ALL_ROLES, JSON_SUBPROTOCOL, TestClient, recoveryUrl, useEmulator } from "./helpers.js";
import type { Frame, OpenedClient } from "./helpers.js";

const isStreamFrame =
  (type: string, streamId: string) =>
  (f: Frame): boolean =>
    f.type === type && f["streamId"] === streamId;

const streamOf = (f: Frame): Record<string, unknown> => f["stream"] as Record<string, unknown>;

describe("group streams", () => {
  const fx = useEmulator();

  /** A writer (user `w`, not in the group) and a reader (user `r`) in group `g`. */
  async function setup(writerRoles: readonly string[] = ALL_ROLES): Promise<{
    writer: OpenedClient;
    reader: OpenedClient;
  }> {
    const reader = await fx.open({ userId: "r", roles: ALL_ROLES });
    await reader.client.request({ type: "joinGroup", group: "g", ackId: 1 });
    const writer = await fx.open({ userId: "w", roles: writerRoles });
    return { writer, reader };
  }

  function start(writer: TestClient, streamId: string, extra: Record<string, unknown> = {}): void {
    writer.send({ type: "sendToGroup", group: "g", noEcho: false, stream: { streamId, ...extra } });
  }

  function fragment(writer: TestClient, streamId: string, n: number, data: unknown = `part ${n}`): void {
    writer.send({ type: "streamData", streamId, streamSequenceId: n, dataType: "text", data });
  }

  async function open(writer: TestClient, streamId: string, extra: Record<string, unknown> = {}) {
    start(writer, streamId, extra);
    return writer.next(isStreamFrame("streamAck", streamId));
  }

  it("acks a start with 1, publishes fragments as numbered group messages, ends with an empty text message and a clean streamClosed", async () => {
    await fx.start();
    const { writer, reader } = await setup();
    expect(await open(writer.client, "s1")).toEqual({
      type: "streamAck",
      streamId: "s1",
      expectedSequenceId: 1,
    });
    fragment(writer.client, "s1", 1);
    expect(await writer.client.next(isStreamFrame("streamAck", "s1"))).toMatchObject({
      expectedSequenceId: 2,
    });
    fragment(writer.client, "s1", 2);
    expect(await writer.client.next(isStreamFrame("streamAck", "s1"))).toMatchObject({
      expectedSequenceId: 3,
    });
    writer.client.send({ type: "streamEnd", streamId: "s1" });
    expect(await writer.client.next(isStreamFrame("streamClosed", "s1"))).toEqual({
      type: "streamClosed",
      streamId: "s1",
    });
    const messages = [
      await reader.client.message(),
      await reader.client.message(),
      await reader.client.message(),
    ];
    expect(messages).toEqual([
      {
        sequenceId: 1,
        type: "message",
        from: "group",
        group: "g",
        fromUserId: "w",
        dataType: "text",
        data: "part 1",
        stream: { streamId: "s1", streamSequenceId: 1 },
      },
      expect.objectContaining({
        sequenceId: 2,
        data: "part 2",
        stream: { streamId: "s1", streamSequenceId: 2 },
      }),
      expect.objectContaining({
        sequenceId: 3,
        dataType: "text",
        data: "",
        stream: { streamId: "s1", streamSequenceId: 3, endOfStream: true },
      }),
    ]);
  });

  it("re-acks a duplicate with the current expected id and does not publish it again", async () => {
    await fx.start();
    const { writer, reader } = await setup();
    await open(writer.client, "s");
    fragment(writer.client, "s", 1);
    fragment(writer.client, "s", 2);
    fragment(writer.client, "s", 1, "again");
    const acks = [1, 2, 3].map(() => writer.client.next(isStreamFrame("streamAck", "s")));
    expect((await Promise.all(acks)).map((a) => a["expectedSequenceId"])).toEqual([2, 3, 3]);
    writer.client.send({ type: "streamEnd", streamId: "s" });
    await writer.client.next(isStreamFrame("streamClosed", "s"));
    const data = [
      await reader.client.message(),
      await reader.client.message(),
      await reader.client.message(),
    ];
    expect(data.map((m) => [m["data"], streamOf(m)["streamSequenceId"]])).toEqual([
      ["part 1", 1],
      ["part 2", 2],
      ["", 3],
    ]);
    expect(writer.client.received.some((f) => f.type === "streamNack")).toBe(false);
  });

  it("nacks a gap (and an id of 0) with InvalidSequenceId and the expected id; the stream stays open", async () => {
    await fx.start();
    const { writer, reader } = await setup();
    await open(writer.client, "s");
    fragment(writer.client, "s", 2);
    expect(await writer.client.next(isStreamFrame("streamNack", "s"))).toMatchObject({
      name: "InvalidSequenceId",
      expectedSequenceId: 1,
    });
    fragment(writer.client, "s", 0);
    expect(await writer.client.next(isStreamFrame("streamNack", "s"))).toMatchObject({
      name: "InvalidSequenceId",
      expectedSequenceId: 1,
    });
    fragment(writer.client, "s", 1);
    expect(await writer.client.next(isStreamFrame("streamAck", "s"))).toMatchObject({
      expectedSequenceId: 2,
    });
    expect(await reader.client.message()).toMatchObject({ data: "part 1", stream: { streamSequenceId: 1 } });
  });

  it("does not ack a keep-alive, and answers frames of unknown streams with StreamNotFound", async () => {
    await fx.start();
    const { writer } = await setup();
    await open(writer.client, "s");
    writer.client.send({ type: "streamData", streamId: "s" });
    writer.client.send({ type: "ping" });
    await writer.client.next((f) => f.type === "pong");
    expect(writer.client.received.filter((f) => f.type === "streamAck")).toHaveLength(1);
    for (const frame of [
      { type: "streamData", streamId: "nope" },
      { type: "streamData", streamId: "nope", streamSequenceId: 1, dataType: "text", data: "x" },
      { type: "streamEnd", streamId: "nope" },
    ]) {
      writer.client.send(frame);
      expect(await writer.client.next(isStreamFrame("streamClosed", "nope"))).toMatchObject({
        error: { name: "StreamNotFound" },
      });
    }
  });

  it("closes an idle stream with IdleTimeout for writer and readers (the start's idleTimeoutMs)", async () => {
    await fx.start();
    const { writer, reader } = await setup();
    await open(writer.client, "s", { idleTimeoutMs: 100 });
    fragment(writer.client, "s", 1);
    const closed = await writer.client.next(isStreamFrame("streamClosed", "s"));
    expect(closed).toMatchObject({ error: { name: "IdleTimeout" } });
    await reader.client.message();
    expect(streamOf(await reader.client.message())).toMatchObject({
      streamSequenceId: 2,
      endOfStream: true,
      error: { name: "IdleTimeout" },
    });
  });

  it("uses streamIdleTimeoutMs for a start that names no idle timeout", async () => {
    await fx.start({ streamIdleTimeoutMs: 100 });
    const { writer } = await setup();
    await open(writer.client, "s");
    expect(await writer.client.next(isStreamFrame("streamClosed", "s"))).toMatchObject({
      error: { name: "IdleTimeout", message: expect.stringContaining("100 ms") },
    });
  });

  it("refuses a start without the send role with Forbidden and publishes nothing", async () => {
    await fx.start();
    const { writer, reader } = await setup(["webpubsub.joinLeaveGroup"]);
    start(writer.client, "s");
    expect(await writer.client.next(isStreamFrame("streamClosed", "s"))).toMatchObject({
      error: { name: "Forbidden" },
    });
    fragment(writer.client, "s", 1);
    expect(await writer.client.next(isStreamFrame("streamClosed", "s"))).toMatchObject({
      error: { name: "Forbidden" },
    });
    // The reader's own message is the first it gets: nothing of the stream came before it.
    await reader.client.request({
      type: "sendToGroup",
      group: "g",
      ackId: 2,
      dataType: "text",
      data: "mine",
    });
    expect(await reader.client.message()).toMatchObject({ fromUserId: "r", data: "mine" });
    expect(reader.client.received.some((f) => f["stream"] !== undefined)).toBe(false);
  });

  it("ends a stream with Forbidden when the writer's send permission is revoked mid-stream", async () => {
    await fx.start();
    const { writer, reader } = await setup(["webpubsub.joinLeaveGroup"]);
    const service = serviceClient(fx.emu, "chat");
    await service.grantPermission(writer.connectionId, "sendToGroup", { targetName: "g" });
    await open(writer.client, "s");
    fragment(writer.client, "s", 1);
    await writer.client.next(isStreamFrame("streamAck", "s"));
    await service.revokePermission(writer.connectionId, "sendToGroup", { targetName: "g" });
    fragment(writer.client, "s", 2);
    expect(await writer.client.next(isStreamFrame("streamClosed", "s"))).toMatchObject({
      error: { name: "Forbidden" },
    });
    await reader.client.message();
    expect(streamOf(await reader.client.message())).toMatchObject({
      streamSequenceId: 2,
      endOfStream: true,
      error: { name: "Forbidden" },
    });
  });

  it("passes an abort to readers as UserError with the writer's message and code; the writer's streamClosed has no error", async () => {
    await fx.start();
    const { writer, reader } = await setup();
    await open(writer.client, "s");
    writer.client.send({
      type: "streamEnd",
      streamId: "s",
      error: { message: "gave up", userErrorCode: "E42" },
    });
    expect(await writer.client.next(isStreamFrame("streamClosed", "s"))).toEqual({
      type: "streamClosed",
      streamId: "s",
    });
    expect(await reader.client.message()).toMatchObject({
      dataType: "text",
      data: "",
      stream: {
        streamId: "s",
        streamSequenceId: 1,
        endOfStream: true,
        error: { name: "UserError", message: "gave up", userErrorCode: "E42" },
      },
    });
    await open(writer.client, "t");
    writer.client.send({ type: "streamEnd", streamId: "t", error: {} });
    await writer.client.next(isStreamFrame("streamClosed", "t"));
    expect(streamOf(await reader.client.message())["error"]).toEqual({ name: "UserError" });
  });

  it("ends the streams of a writer whose connection is removed with Cancelled", async () => {
    await fx.start();
    const { writer, reader } = await setup();
    await open(writer.client, "s");
    fragment(writer.client, "s", 1);
    await writer.client.next(isStreamFrame("streamAck", "s"));
    await writer.client.close(1000);
    await reader.client.message();
    expect(streamOf(await reader.client.message())).toMatchObject({
      streamId: "s",
      streamSequenceId: 2,
      endOfStream: true,
      error: { name: "Cancelled" },
    });
  });

  it("keeps a writer's streams across a recovered drop: re-sent fragments are re-acked, the rest go on", async () => {
    await fx.start();
    const { writer, reader } = await setup();
    await open(writer.client, "s");
    fragment(writer.client, "s", 1);
    await writer.client.next(isStreamFrame("streamAck", "s"));
    fx.emu.faults.drop(writer.connectionId);
    await writer.client.closed;
    const url = recoveryUrl(
      await fx.url(),
      writer.connectionId,
      writer.connected["reconnectionToken"] as string,
    );
    const recovered = await TestClient.connect(url);
    fragment(recovered, "s", 1);
    fragment(recovered, "s", 2);
    const acks = [
      await recovered.next(isStreamFrame("streamAck", "s")),
      await recovered.next(isStreamFrame("streamAck", "s")),
    ];
    expect(acks.map((a) => a["expectedSequenceId"])).toEqual([2, 3]);
    expect([await reader.client.message(), await reader.client.message()].map((m) => m["data"])).toEqual([
      "part 1",
      "part 2",
    ]);
  });

  it("sends system/connected again after a recovery, before the replayed messages", async () => {
    await fx.start();
    const { writer, reader } = await setup();
    await open(writer.client, "s");
    fragment(writer.client, "s", 1);
    await reader.client.message();
    fx.emu.faults.drop(reader.connectionId);
    await reader.client.closed;
    const token = reader.connected["reconnectionToken"] as string;
    const recovered = await TestClient.connect(recoveryUrl(await fx.url(), reader.connectionId, token));
    const replayed = await recovered.message();
    expect(replayed).toMatchObject({
      sequenceId: 1,
      data: "part 1",
      stream: { streamId: "s", streamSequenceId: 1 },
    });
    expect(recovered.received[0]).toEqual({
      type: "system",
      event: "connected",
      userId: "r",
      connectionId: reader.connectionId,
      reconnectionToken: token,
    });
  });

  it("replays unacknowledged fragments to a recovered reader, numbered as any data message", async () => {
    await fx.start();
    const { writer, reader } = await setup();
    await open(writer.client, "s");
    for (const n of [1, 2]) fragment(writer.client, "s", n);
    await reader.client.message();
    await reader.client.message();
    reader.client.send({ type: "sequenceAck", sequenceId: 2 });
    await reader.client.request({ type: "joinGroup", group: "other", ackId: 2 });
    fx.emu.faults.drop(reader.connectionId);
    await reader.client.closed;
    fragment(writer.client, "s", 3);
    writer.client.send({ type: "streamEnd", streamId: "s" });
    await writer.client.next(isStreamFrame("streamClosed", "s"));
    const token = reader.connected["reconnectionToken"] as string;
    const recovered = await TestClient.connect(recoveryUrl(await fx.url(), reader.connectionId, token));
    const replayed = [await recovered.message(), await recovered.message()];
    expect(replayed.map((m) => [m["sequenceId"], streamOf(m)])).toEqual([
      [3, { streamId: "s", streamSequenceId: 3 }],
      [4, { streamId: "s", streamSequenceId: 4, endOfStream: true }],
    ]);
  });

  it("respects noEcho: the writer's own connection gets its stream only without it", async () => {
    await fx.start();
    const writer = await fx.open({ userId: "w", roles: ALL_ROLES });
    await writer.client.request({ type: "joinGroup", group: "g", ackId: 1 });
    writer.client.send({ type: "sendToGroup", group: "g", noEcho: true, stream: { streamId: "quiet" } });
    await writer.client.next(isStreamFrame("streamAck", "quiet"));
    fragment(writer.client, "quiet", 1);
    writer.client.send({ type: "streamEnd", streamId: "quiet" });
    await writer.client.next(isStreamFrame("streamClosed", "quiet"));
    await open(writer.client, "loud");
    fragment(writer.client, "loud", 1);
    writer.client.send({ type: "streamEnd", streamId: "loud" });
    await writer.client.next(isStreamFrame("streamClosed", "loud"));
    const own = [await writer.client.message(), await writer.client.message()];
    expect(own.map((m) => streamOf(m)["streamId"])).toEqual(["loud", "loud"]);
    expect(
      writer.client.received.some((f) => f.type === "message" && streamOf(f)["streamId"] === "quiet"),
    ).toBe(false);
  });

  it("refuses a second start of an open stream id (ending the open one with BadRequest); a closed id may be used again", async () => {
    await fx.start();
    const { writer, reader } = await setup();
    await open(writer.client, "s");
    start(writer.client, "s");
    expect(await writer.client.next(isStreamFrame("streamClosed", "s"))).toMatchObject({
      error: { name: "BadRequest" },
    });
    expect(streamOf(await reader.client.message())).toMatchObject({
      endOfStream: true,
      error: { name: "BadRequest" },
    });
    expect(await open(writer.client, "s")).toMatchObject({ expectedSequenceId: 1 });
    fragment(writer.client, "s", 1);
    expect(streamOf(await reader.client.message())).toEqual({ streamId: "s", streamSequenceId: 1 });
  });

  it("answers a frame of a recently closed stream with how it closed", async () => {
    await fx.start();
    const { writer } = await setup();
    await open(writer.client, "s");
    writer.client.send({ type: "streamEnd", streamId: "s" });
    await writer.client.next(isStreamFrame("streamClosed", "s"));
    fragment(writer.client, "s", 1);
    expect(await writer.client.next(isStreamFrame("streamClosed", "s"))).toEqual({
      type: "streamClosed",
      streamId: "s",
    });
    writer.client.send({ type: "streamEnd", streamId: "s" });
    expect(await writer.client.next(isStreamFrame("streamClosed", "s"))).toEqual({
      type: "streamClosed",
      streamId: "s",
    });
  });

  it("refuses malformed stream frames with a BadRequest streamClosed (ending the stream when it is open)", async () => {
    await fx.start();
    const { writer, reader } = await setup();
    const refusals: Array<[Record<string, unknown>, RegExp]> = [
      [{ type: "sendToGroup", group: "g", ackId: 5, stream: { streamId: "a" } }, /no 'ackId'/],
      [
        { type: "sendToGroup", group: "g", dataType: "text", data: "x", stream: { streamId: "b" } },
        /no 'data'/,
      ],
      [{ type: "sendToGroup", group: "g", stream: { streamId: "c", idleTimeoutMs: 0 } }, /idleTimeoutMs/],
      [
        { type: "sendToGroup", group: "g", stream: { streamId: "d", idleTimeoutMs: "1" } },
        /'stream' must be/,
      ],
      [{ type: "sendToGroup", group: "", stream: { streamId: "e" } }, /group/],
      [{ type: "sendToGroup", group: "g", stream: { streamId: "" } }, /non-empty/],
      [{ type: "sendToGroup", group: "g", stream: { streamId: "x".repeat(257) } }, /longer than 256/],
    ];
    for (const [frame, reason] of refusals) {
      writer.client.send(frame);
      const streamId = (frame["stream"] as { streamId: string }).streamId;
      const closed = await writer.client.next(isStreamFrame("streamClosed", streamId));
      expect(closed["error"]).toMatchObject({ name: "BadRequest", message: expect.stringMatching(reason) });
    }
    expect(await writer.client.ack(5)).toMatchObject({ success: false, error: { name: "BadRequest" } });

    await open(writer.client, "s");
    writer.client.send({
      type: "streamData",
      streamId: "s",
      streamSequenceId: 1,
      dataType: "binary",
      data: "%%",
    });
    expect(await writer.client.next(isStreamFrame("streamClosed", "s"))).toMatchObject({
      error: { name: "BadRequest", message: expect.stringMatching(/base64/) },
    });
    expect(streamOf(await reader.client.message())).toMatchObject({
      endOfStream: true,
      error: { name: "BadRequest" },
    });
    for (const frame of [
      { type: "streamData", streamId: "t", streamSequenceId: 1 },
      { type: "streamData", streamId: "t", dataType: "text", data: "x" },
      { type: "streamData", streamId: "t", streamSequenceId: -1, dataType: "text", data: "x" },
      { type: "streamEnd", streamId: "t", error: "oops" },
    ]) {
      writer.client.send(frame);
      expect(await writer.client.next(isStreamFrame("streamClosed", "t"))).toMatchObject({
        error: { name: "BadRequest" },
      });
    }
  });

  it("carries json and binary fragments as the writer typed them", async () => {
    await fx.start();
    const { writer, reader } = await setup();
    await open(writer.client, "s");
    writer.client.send({
      type: "streamData",
      streamId: "s",
      streamSequenceId: 1,
      dataType: "json",
      data: { a: [1] },
    });
    writer.client.send({
      type: "streamData",
      streamId: "s",
      streamSequenceId: 2,
      dataType: "binary",
      data: "AAEC",
    });
    const [json, binary] = [await reader.client.message(), await reader.client.message()];
    expect([json["dataType"], json["data"], binary["dataType"], binary["data"]]).toEqual([
      "json",
      { a: [1] },
      "binary",
      "AAEC",
    ]);
  });

  it("non-reliable writers and readers stream too", async () => {
    await fx.start();
    const reader = await fx.open({ userId: "r", roles: ALL_ROLES, protocol: JSON_SUBPROTOCOL });
    await reader.client.request({ type: "joinGroup", group: "g", ackId: 1 });
    const writer = await fx.open({ userId: "w", roles: ALL_ROLES, protocol: JSON_SUBPROTOCOL });
    await open(writer.client, "s");
    fragment(writer.client, "s", 1);
    const message = await reader.client.message();
    expect(message).not.toHaveProperty("sequenceId");
    expect(streamOf(message)).toEqual({ streamId: "s", streamSequenceId: 1 });
    await writer.client.terminate();
    expect(streamOf(await reader.client.message())).toMatchObject({
      endOfStream: true,
      error: { name: "Cancelled" },
    });
  });
});
