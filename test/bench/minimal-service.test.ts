/**
 * The minimal raw `ws` service of the benchmarks (the client benchmark's service and the
 * emulator benchmark's raw broadcast server): its group messages must be frames the clients and
 * the emulator benchmark's receivers accept, as the emulator's are.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { MinimalService } from "../../bench/lib/minimal-service.js";
import { startMinimal } from "../../bench/lib/minimal-service.js";
import { decodeDownstream } from "../../src/protocol/json-codec.js";
import { JSON_RELIABLE_SUBPROTOCOL, JSON_SUBPROTOCOL } from "../../src/protocol/messages.js";

let service: MinimalService;
beforeAll(async () => {
  service = await startMinimal();
});
afterAll(() => service.close());

/** A client whose frames are queued as text until asked for. */
async function connect(protocol: string): Promise<{ ws: WebSocket; next: () => Promise<string> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${service.port}/client/hubs/test`, protocol);
  const frames: string[] = [];
  const waiting: ((frame: string) => void)[] = [];
  ws.on("message", (data: Buffer) => {
    const frame = data.toString("utf8");
    const waiter = waiting.shift();
    if (waiter !== undefined) waiter(frame);
    else frames.push(frame);
  });
  const next = (): Promise<string> =>
    frames.length > 0 ? Promise.resolve(frames.shift()!) : new Promise((resolve) => waiting.push(resolve));
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  expect(JSON.parse(await next())).toMatchObject({ type: "system", event: "connected" });
  return { ws, next };
}

function decode(frame: string) {
  const decoded = decodeDownstream(frame);
  if (decoded.status !== "ok") throw new Error(`undecodable: ${frame}`);
  return decoded.message;
}

describe("the minimal service's group messages", () => {
  it("numbers a reliable member's copies and sends a plain member the same message without", async () => {
    const plain = await connect(JSON_SUBPROTOCOL);
    const reliable = await connect(JSON_RELIABLE_SUBPROTOCOL);
    const sender = await connect(JSON_SUBPROTOCOL);
    for (const member of [plain, reliable]) {
      member.ws.send(JSON.stringify({ type: "joinGroup", group: "g", ackId: 1 }));
      expect(JSON.parse(await member.next())).toEqual({ type: "ack", ackId: 1, success: true });
    }
    for (const [ackId, n] of [
      [7, 1],
      [8, 2],
    ] as const) {
      sender.ws.send(
        JSON.stringify({ type: "sendToGroup", group: "g", ackId, dataType: "json", data: { n } }),
      );
      expect(JSON.parse(await sender.next())).toEqual({ type: "ack", ackId, success: true });
    }
    const expected = { kind: "groupData", group: "g", dataType: "json" };
    for (const n of [1, 2]) {
      const plainFrame = await plain.next();
      expect(plainFrame.startsWith('{"type":"message","from":"group"')).toBe(true);
      expect(decode(plainFrame)).toMatchObject({ ...expected, data: { n } });
      const reliableFrame = await reliable.next();
      expect(reliableFrame.startsWith(`{"sequenceId":${n},`)).toBe(true);
      expect(decode(reliableFrame)).toMatchObject({ ...expected, data: { n }, sequenceId: n });
    }
    for (const client of [plain, reliable, sender]) client.ws.close();
  });
});
