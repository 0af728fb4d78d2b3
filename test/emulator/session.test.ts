import { afterEach, describe, expect, it, vi } from "vitest";
import { jsonReliableProtocol, sequencedFrame } from "../../src/emulator/protocols/json.js";
import type { Frame } from "../../src/emulator/protocols/types.js";
import { ProcessedAckIds, ReliableSession } from "../../src/emulator/session.js";

const tail = (text: string): Buffer =>
  Buffer.from(`"type":"message","from":"server","dataType":"text","data":${JSON.stringify(text)}}`);
const parse = (frame: Frame): { sequenceId: number; data: string } =>
  JSON.parse(frame.toString()) as { sequenceId: number; data: string };

/** Numbers a server text message as a reliable JSON connection does; the frame, or undefined when refused. */
function enqueue(session: ReliableSession, text: string): Frame | undefined {
  const encoded = jsonReliableProtocol.dataEncoding.encode({
    kind: "serverData",
    dataType: "text",
    data: text,
  });
  const frame = jsonReliableProtocol.dataFrame(encoded, session.nextId);
  return session.enqueue(frame) ? frame : undefined;
}

describe("reliable session", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("numbers messages from 1 and builds valid JSON frames", () => {
    const session = new ReliableSession({ maxMessages: 10, maxBytes: 1 << 20 });
    const first = enqueue(session, "a")!;
    const second = enqueue(session, "b")!;
    expect(parse(first)).toMatchObject({ sequenceId: 1, data: "a", type: "message" });
    expect(parse(second)).toMatchObject({ sequenceId: 2, data: "b" });
    expect(session.pendingCount).toBe(2);
    expect(sequencedFrame(7, tail("x")).toString()).toBe(`{"sequenceId":7,${tail("x").toString()}`);
  });

  it("trims the buffer on a cumulative ack and tolerates 0, repeats and ids beyond the last", () => {
    const session = new ReliableSession({ maxMessages: 100, maxBytes: 1 << 20 });
    for (let i = 0; i < 5; i++) enqueue(session, String(i));
    session.ack(0);
    expect(session.pendingCount).toBe(5);
    session.ack(3);
    expect(session.unacked().map((f) => parse(f).sequenceId)).toEqual([4, 5]);
    session.ack(3);
    session.ack(2);
    expect(session.pendingCount).toBe(2);
    session.ack(99);
    expect(session.pendingCount).toBe(0);
    expect(session.pendingBytes).toBe(0);
    expect(parse(enqueue(session, "next")!).sequenceId).toBe(6);
  });

  it("replays the unacked messages in order", () => {
    const session = new ReliableSession({ maxMessages: 5000, maxBytes: 1 << 24 });
    for (let i = 0; i < 3000; i++) enqueue(session, String(i));
    session.ack(2000);
    const ids = session.unacked().map((f) => parse(f).sequenceId);
    expect(ids).toHaveLength(1000);
    expect(ids[0]).toBe(2001);
    expect(ids.every((id, i) => i === 0 || id === ids[i - 1]! + 1)).toBe(true);
  });

  it("flags a buffer past the message limit, and refuses messages past twice the limit", () => {
    const session = new ReliableSession({ maxMessages: 3, maxBytes: 1 << 20 });
    for (const text of ["1", "2", "3"]) expect(enqueue(session, text)).toBeDefined();
    expect(session.overLimit).toBe(false);
    // A burst may run past the limit until acks already on the wire are read…
    expect(enqueue(session, "4")).toBeDefined();
    expect(session.overLimit).toBe(true);
    session.ack(1);
    expect(session.overLimit).toBe(false);
    for (const text of ["5", "6", "7"]) expect(enqueue(session, text)).toBeDefined();
    // …but never past twice the limit: memory stays bounded.
    expect(session.pendingCount).toBe(6);
    expect(enqueue(session, "8")).toBeUndefined();
    expect(session.pendingCount).toBe(6);
  });

  it("holds frames of any protocol as they were given, counting their bytes", () => {
    const session = new ReliableSession({ maxMessages: 10, maxBytes: 1000 });
    const text = '{"sequenceId":1,"é":1}';
    const bytes = Buffer.from([0x0a, 0x01, 0x02]);
    expect(session.enqueue(text)).toBe(true);
    expect(session.enqueue(bytes)).toBe(true);
    expect(session.pendingBytes).toBe(Buffer.byteLength(text) + 3);
    expect(session.unacked()).toEqual([text, bytes]);
    expect(session.unacked()[1]).toBe(bytes);
    session.ack(1);
    expect(session.pendingBytes).toBe(3);
  });

  it("flags a buffer past the byte limit, and refuses messages past twice the limit", () => {
    const session = new ReliableSession({ maxMessages: 1000, maxBytes: 250 });
    expect(enqueue(session, "x".repeat(100))).toBeDefined();
    expect(session.overLimit).toBe(false);
    expect(enqueue(session, "y".repeat(100))).toBeDefined();
    expect(session.overLimit).toBe(true);
    expect(enqueue(session, "z".repeat(200))).toBeUndefined();
    expect(session.pendingCount).toBe(2);
  });

  it("expires after the recovery window while detached, not before", () => {
    vi.useFakeTimers();
    const session = new ReliableSession({ maxMessages: 10, maxBytes: 1000 });
    const expired = vi.fn();
    session.detach(30_000, expired);
    expect(session.detached).toBe(true);
    vi.advanceTimersByTime(29_999);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledOnce();
    expect(session.detached).toBe(false);
  });

  it("attach stops the window timer", () => {
    vi.useFakeTimers();
    const session = new ReliableSession({ maxMessages: 10, maxBytes: 1000 });
    const expired = vi.fn();
    session.detach(1000, expired);
    vi.advanceTimersByTime(500);
    session.attach();
    vi.advanceTimersByTime(5000);
    expect(expired).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("holds no timer while attached", () => {
    vi.useFakeTimers();
    const session = new ReliableSession({ maxMessages: 10, maxBytes: 1000 });
    enqueue(session, "a");
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("processed ackIds", () => {
  it("remembers successes", () => {
    const ids = new ProcessedAckIds();
    ids.add(1);
    ids.add(1);
    expect(ids.has(1)).toBe(true);
    expect(ids.has(2)).toBe(false);
    expect(ids.size).toBe(1);
  });

  it("forgets the oldest beyond its capacity", () => {
    const ids = new ProcessedAckIds(3);
    for (const id of [1, 2, 3, 4, 5]) ids.add(id);
    expect([1, 2, 3, 4, 5].map((id) => ids.has(id))).toEqual([false, false, true, true, true]);
    expect(ids.size).toBe(3);
  });
});
