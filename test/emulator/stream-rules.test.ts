/**
 * The stream rules' clock (src/emulator/streams.ts) under fake timers: what restarts the idle
 * timer, how many timers a stream holds, and what a removed writer leaves behind. The wire-level
 * rules are in streams.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ClientConnection } from "../../src/emulator/connection.js";
import { Hub } from "../../src/emulator/hub.js";
import type { Log } from "../../src/emulator/logger.js";
import type { OutboundMessage } from "../../src/emulator/outbound.js";
import { Permissions } from "../../src/emulator/permissions.js";
import type { ControlMessage } from "../../src/emulator/protocols/types.js";
import { GroupStreams } from "../../src/emulator/streams.js";

const silent: Log = { debug() {}, info() {}, warn() {}, error() {}, enabled: () => false };

/** The parts of a connection the stream rules use. */
function fakeConnection(id: string) {
  const sent: ControlMessage[] = [];
  const delivered: OutboundMessage[] = [];
  const connection = {
    id,
    userId: id,
    removed: false,
    groups: new Set<string>(),
    identity: { permissions: Permissions.fromRoles(["webpubsub.sendToGroup"]) },
    send: (message: ControlMessage) => sent.push(message),
    deliver: (message: OutboundMessage) => delivered.push(message),
  };
  return { connection: connection as unknown as ClientConnection, sent, delivered };
}

describe("stream rules: the idle clock", () => {
  let hub: Hub;
  let streams: GroupStreams;
  let writer: ReturnType<typeof fakeConnection>;
  let reader: ReturnType<typeof fakeConnection>;

  beforeEach(() => {
    vi.useFakeTimers();
    hub = new Hub("chat");
    streams = new GroupStreams({ log: silent, defaultIdleTimeoutMs: 1000, hubOf: () => hub });
    writer = fakeConnection("w");
    reader = fakeConnection("r");
    hub.add(writer.connection);
    hub.add(reader.connection);
    hub.join(reader.connection, "g");
    streams.start(
      hub,
      writer.connection,
      { kind: "sendToGroup", group: "g", noEcho: false },
      { streamId: "s" },
    );
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  const closed = () => writer.sent.filter((m) => m.kind === "streamClosed");
  const keepAlive = () => streams.data(hub, writer.connection, { kind: "streamData", streamId: "s" });
  const fragment = (n: number) =>
    streams.data(hub, writer.connection, {
      kind: "streamData",
      streamId: "s",
      streamSequenceId: n,
      dataType: "text",
      data: `part ${n}`,
    });

  it("closes a stream after the idle timeout with no traffic", () => {
    vi.advanceTimersByTime(999);
    expect(closed()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(closed()).toEqual([
      { kind: "streamClosed", streamId: "s", error: { name: "IdleTimeout", message: expect.any(String) } },
    ]);
    expect(reader.delivered.at(-1)?.message).toMatchObject({
      data: "",
      stream: { streamId: "s", streamSequenceId: 1, endOfStream: true, error: { name: "IdleTimeout" } },
    });
    expect(streams.openCount(writer.connection)).toBe(0);
  });

  it("restarts the idle timer on a keep-alive, a fragment, a duplicate and a gap", () => {
    for (const traffic of [keepAlive, () => fragment(1), () => fragment(1), () => fragment(5)]) {
      vi.advanceTimersByTime(900);
      traffic();
      expect(closed()).toEqual([]);
    }
    vi.advanceTimersByTime(999);
    expect(closed()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(closed()).toHaveLength(1);
  });

  it("holds one timer per stream however many fragments pass", () => {
    expect(vi.getTimerCount()).toBe(1);
    for (let n = 1; n <= 100; n++) fragment(n);
    expect(vi.getTimerCount()).toBe(1);
    expect(writer.sent.at(-1)).toEqual({ kind: "streamAck", streamId: "s", expectedSequenceId: 101 });
  });

  it("stops the timer when the stream ends, and when its writer is removed", () => {
    streams.end(hub, writer.connection, { kind: "streamEnd", streamId: "s" });
    expect(vi.getTimerCount()).toBe(0);
    streams.start(
      hub,
      writer.connection,
      { kind: "sendToGroup", group: "g", noEcho: false },
      { streamId: "t" },
    );
    expect(vi.getTimerCount()).toBe(1);
    (writer.connection as { removed: boolean }).removed = true;
    streams.cancelAll(hub, writer.connection);
    expect(vi.getTimerCount()).toBe(0);
    expect(reader.delivered.at(-1)?.message).toMatchObject({
      stream: { streamId: "t", endOfStream: true, error: { name: "Cancelled" } },
    });
    expect(writer.sent.filter((m) => m.kind === "streamClosed" && m.streamId === "t")).toEqual([]);
  });

  it("remembers how the last 256 closed streams ended, and no more", () => {
    streams.end(hub, writer.connection, { kind: "streamEnd", streamId: "s" });
    for (let i = 0; i < 256; i++) {
      const streamId = `x${i}`;
      streams.start(hub, writer.connection, { kind: "sendToGroup", group: "g", noEcho: false }, { streamId });
      streams.end(hub, writer.connection, { kind: "streamEnd", streamId });
    }
    writer.sent.length = 0;
    streams.end(hub, writer.connection, { kind: "streamEnd", streamId: "x0" });
    streams.end(hub, writer.connection, { kind: "streamEnd", streamId: "s" });
    expect(writer.sent).toEqual([
      { kind: "streamClosed", streamId: "x0" },
      { kind: "streamClosed", streamId: "s", error: { name: "StreamNotFound", message: expect.any(String) } },
    ]);
  });
});
