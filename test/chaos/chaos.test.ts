/**
 * The chaos suite, short version (CI): clients exchange numbered messages through a fault proxy
 * while connections are cut, stalled, delayed and split at seeded random moments. The seed is
 * printed; `CHAOS_SEED=<n> npx vitest run test/chaos` replays a run. The long soak is `npm run soak`.
 */
import { describe, expect, it } from "vitest";
import { WebPubSubJsonReliableProtocol } from "../../src/protocol/json-protocol.js";
import { JSON_RELIABLE_SUBPROTOCOL, PROTOBUF_RELIABLE_SUBPROTOCOL } from "../../src/protocol/messages.js";
import { WebPubSubProtobufReliableProtocol } from "../../src/protocol/protobuf-protocol.js";
import { formatReport, runChaos, type ChaosOptions } from "./checker.js";

const seed = Number(process.env.CHAOS_SEED ?? 20_261_127);

describe.each([
  ["reliable JSON", undefined, [JSON_RELIABLE_SUBPROTOCOL]],
  // Two clients on reliable protobuf, two on reliable JSON (one of each with an ack timeout): the
  // protobuf path and the crossing between the encodings, under the same faults.
  [
    "reliable protobuf and JSON in one group",
    (i: number) => (i < 2 ? WebPubSubProtobufReliableProtocol() : WebPubSubJsonReliableProtocol()),
    [JSON_RELIABLE_SUBPROTOCOL, PROTOBUF_RELIABLE_SUBPROTOCOL],
  ],
] as const satisfies ReadonlyArray<readonly [string, ChaosOptions["protocolOf"], readonly string[]]>)(
  "chaos: the reliable protocol loses nothing (%s)",
  (name, protocolOf, subprotocols) => {
    it(
      `every acked message reaches every member exactly once, in order (seed ${seed})`,
      { timeout: 40_000 },
      async () => {
        const report = await runChaos({
          seed,
          clients: 4,
          messagesPerClient: 300,
          sendGapMs: 8,
          inFlight: 4,
          faultEveryMs: [30, 150],
          settleTimeoutMs: 10_000,
          protocolOf,
          log: process.env.CHAOS_LOG ? (line) => void process.stderr.write(`${line}\n`) : undefined,
          emulatorLog: process.env.CHAOS_LOG
            ? (level, line) => void process.stderr.write(`emu ${level} ${line}\n`)
            : undefined,
        });
        const summary = formatReport(report);
        console.log(`chaos (${name}) ${summary}`);
        expect(report.subprotocols).toEqual(subprotocols);
        expect(report.faults.cut! + report.faults.stall!, "faults were injected").toBeGreaterThan(0);
        expect({ seed, losses: report.losses }).toEqual({ seed, losses: [] });
        expect({ seed, duplicates: report.duplicates }).toEqual({ seed, duplicates: [] });
        expect({ seed, orderViolations: report.orderViolations }).toEqual({ seed, orderViolations: [] });
        expect({ seed, hung: report.hung }).toEqual({ seed, hung: 0 });
        expect({ seed, leaks: report.leaks }).toEqual({ seed, leaks: [] });
        expect(report.acked, "most sends succeed").toBeGreaterThan(report.sent / 2);
      },
    );
  },
);
