/**
 * The chaos suite's streaming workload, short version: clients write and read group streams
 * through the fault proxy while connections are cut, stalled, delayed and split at seeded random
 * moments. `CHAOS_SEED=<n> npx vitest run test/chaos` replays a run.
 */
import { describe, expect, it } from "vitest";
import { formatStreamReport, runStreamChaos } from "./stream-checker.js";

const seed = Number(process.env.CHAOS_SEED ?? 20_261_127);

describe("chaos: group streams lose nothing", () => {
  it(
    `every fragment of every stream reaches every reader once, in order, then its end (seed ${seed})`,
    { timeout: 40_000 },
    async () => {
      const report = await runStreamChaos({
        seed,
        clients: 4,
        streamsPerClient: 3,
        fragmentsPerStream: 80,
        writeGapMs: 5,
        faultEveryMs: [30, 150],
        settleTimeoutMs: 12_000,
        log: process.env.CHAOS_LOG ? (line) => void process.stderr.write(`${line}\n`) : undefined,
      });
      console.log(`chaos streams ${formatStreamReport(report)}`);
      expect(report.faults.cut! + report.faults.stall!, "faults were injected").toBeGreaterThan(0);
      expect({ seed, violations: report.violations }).toEqual({ seed, violations: [] });
      expect({ seed, hung: report.hung }).toEqual({ seed, hung: 0 });
      expect({ seed, leaks: report.leaks }).toEqual({ seed, leaks: [] });
      expect(report.streams["ended"] ?? 0, "most streams end").toBeGreaterThan(12 / 2);
      expect(report.views["completed"] ?? 0, "most streams are read whole").toBeGreaterThan((12 * 4) / 2);
    },
  );
});
