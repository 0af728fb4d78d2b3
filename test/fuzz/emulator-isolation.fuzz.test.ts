/**
 * Arbitrary client frames hammer one emulator connection while two well-behaved clients keep
 * exchanging numbered messages through their own group: the emulator never crashes and the
 * bystanders see nothing of it (no close, no recovery, every message exactly once, in order).
 * (test/emulator/bad-input.test.ts covers a passive bystander; this one is busy.)
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WebPubSubClient } from "../../src/client.js";
import { ALL_ROLES, TestClient, useEmulator } from "../emulator/helpers.js";
import { hostileUpstreamFrame, hostileValue } from "../protocol/arbitraries.js";

const CALM = "calm";

// The fuzzer may do anything but join the bystanders' group (that would be legitimate traffic).
const fuzzFrame: fc.Arbitrary<string> = hostileUpstreamFrame(
  fc.oneof(hostileValue, fc.constantFrom("noise", "other")).filter((group) => group !== CALM),
);

describe("emulator isolation under fuzzing", () => {
  const fx = useEmulator();

  it("a fuzzed connection never disturbs a busy, well-behaved pair", async () => {
    await fx.start({ onInvoke: () => ({}), onEvent: () => undefined });
    const make = async (userId: string) => {
      const client = new WebPubSubClient(
        { getClientAccessUrl: () => fx.url({ userId, roles: ALL_ROLES }) },
        { keepAliveIntervalInMs: 0, keepAliveTimeoutInMs: 0 },
      );
      fx.defer(() => client[Symbol.asyncDispose]());
      const trouble: string[] = [];
      client.on("recovering", (e) => trouble.push(`recovering ${e.code}`));
      client.on("disconnected", (e) => trouble.push(`disconnected ${e.code}`));
      await client.start();
      await client.joinGroup(CALM);
      return { client, trouble };
    };
    const alice = await make("alice");
    const bob = await make("bob");
    const received: number[] = [];
    bob.client.on("group-message", (e) => {
      if (e.message.group === CALM) received.push((e.message.data as { n: number }).n);
    });

    const fuzzerUrl = await fx.url({ userId: "fuzz", roles: ALL_ROLES });
    const frames = fc.sample(fuzzFrame, { numRuns: 600, seed: 20_261_127 });
    let fuzzer = await TestClient.connect(fuzzerUrl);
    let reconnects = 0;
    const total = 120;
    for (let n = 1; n <= total; n++) {
      for (const text of frames.slice((n - 1) * 5, n * 5)) {
        if (fuzzer.closeCode !== undefined || fuzzer.ws.readyState !== fuzzer.ws.OPEN) {
          fuzzer = await TestClient.connect(fuzzerUrl);
          reconnects++;
        }
        fuzzer.sendRaw(text);
      }
      const result = await alice.client.sendToGroupResult(CALM, { n }, "json");
      expect(result.isOk(), `send #${n}`).toBe(true);
    }
    // Bob has everything, once, in order; nobody was disturbed.
    const deadline = Date.now() + 5000;
    while (received.length < total && Date.now() < deadline) {
      await new Promise<void>((resolve) => setTimeout(resolve, 10));
    }
    expect(received).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(alice.trouble).toEqual([]);
    expect(bob.trouble).toEqual([]);
    expect(alice.client.state).toBe("connected");
    expect(bob.client.state).toBe("connected");
    // The service still serves new connections, and the fuzzer really did get itself closed at times.
    const probe = await TestClient.open(fuzzerUrl);
    probe.client.send({ type: "ping" });
    await probe.client.next((f) => f.type === "pong");
    expect(reconnects).toBeGreaterThan(0);
  });
});
