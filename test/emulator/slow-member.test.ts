/**
 * One member of a group stops reading (its TCP socket is paused, so the kernel buffers fill and
 * the emulator's send buffer grows past `limits.sendBufferBytes`). That member alone must go; the
 * group, the publisher and the REST data plane carry on.
 */
import { describe, expect, it } from "vitest";
import { hmacKey, mintServiceToken } from "../../src/emulator/auth.js";
import { ALL_ROLES, JSON_RELIABLE_SUBPROTOCOL, JSON_SUBPROTOCOL, useEmulator } from "./helpers.js";
import type { Frame } from "./helpers.js";

const MESSAGES = 200;
const PAYLOAD = "x".repeat(256 * 1024);

describe("a member that stops reading", () => {
  const fx = useEmulator();

  it.each([JSON_SUBPROTOCOL, JSON_RELIABLE_SUBPROTOCOL])(
    "is closed once (1008) while the rest of its group gets every message (stuck member on %s)",
    async (stuckProtocol) => {
      const emu = await fx.start();
      const member = (userId: string, protocol: string) => fx.open({ userId, roles: ALL_ROLES, protocol });

      const stuck = await member("stuck", stuckProtocol);
      const plain = await member("plain", JSON_SUBPROTOCOL);
      const reliable = await member("reliable", JSON_RELIABLE_SUBPROTOCOL);
      for (const member of [stuck, plain, reliable]) {
        await member.client.request({ type: "joinGroup", group: "g", ackId: 1 });
      }
      // A prompt reliable receiver acks what it gets, so its own unacked buffer stays small.
      reliable.client.ws.on("message", (data: Buffer) => {
        const id = /^\{"sequenceId":(\d+),/.exec(data.subarray(0, 32).toString("latin1"))?.[1];
        if (id !== undefined) reliable.client.send({ type: "sequenceAck", sequenceId: Number(id) });
      });
      // The stuck member stops reading at the TCP level (ws.pause() pauses its socket).
      stuck.client.ws.pause();

      const publisher = await member("pub", JSON_SUBPROTOCOL);
      const acks: Array<Promise<Frame>> = [];
      for (let i = 1; i <= MESSAGES; i++) {
        publisher.client.send({
          type: "sendToGroup",
          group: "g",
          ackId: i,
          dataType: "text",
          data: `${i}:${PAYLOAD}`,
        });
        acks.push(publisher.client.ack(i, 15_000));
      }
      const restUrl = `${emu.endpoint}/api/hubs/chat/groups/g/:send?api-version=2024-12-01`;
      const rest = await fetch(restUrl, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${await mintServiceToken(hmacKey(emu.accessKey), restUrl)}`,
          "Content-Type": "text/plain",
        },
        body: "from the server",
      });
      expect(rest.status).toBe(202);

      const settled = await Promise.all(acks);
      expect(settled.filter((ack) => ack["success"] !== true)).toEqual([]);

      for (const member of [plain, reliable]) {
        const numbers: number[] = [];
        while (numbers.length < MESSAGES) {
          const message = await member.client.next(
            (f) => f.type === "message" && f["fromUserId"] === "pub",
            15_000,
          );
          numbers.push(Number(String(message["data"]).split(":")[0]));
        }
        expect(numbers).toEqual(Array.from({ length: MESSAGES }, (_, i) => i + 1));
        await member.client.next((f) => f.type === "message" && f["data"] === "from the server", 15_000);
      }

      // Gone from the service, closed once, logged once.
      expect(emu.connections().map((c) => c.userId)).not.toContain("stuck");
      const slow = fx.logs.filter((l) => /slow client|buffer full/.test(l.message));
      expect(slow).toHaveLength(1);
      expect(slow[0]!.level).toBe("warn");
      expect(fx.logs.filter((l) => l.level === "error")).toEqual([]);

      // Once it reads again it finds what was buffered before the limit, in order, then 1008.
      stuck.client.ws.resume();
      const closed = await stuck.client.closed;
      expect(closed.code).toBe(1008);
      expect(closed.reason).toMatch(/SlowClient|buffer overflow/);
      const got = stuck.client.received
        .filter((f) => f.type === "message" && f["fromUserId"] === "pub")
        .map((f) => Number(String(f["data"]).split(":")[0]));
      expect(got.length).toBeLessThan(MESSAGES);
      expect(got).toEqual(Array.from({ length: got.length }, (_, i) => i + 1));
    },
  );
});
