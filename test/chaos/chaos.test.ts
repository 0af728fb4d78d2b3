/**
 * The chaos suite, short version (CI): clients exchange numbered messages through a fault proxy
 * while connections are cut, stalled, delayed and split at seeded random moments. The seed is
 * printed; `CHAOS_SEED=<n> npx vitest run test/chaos` replays a run. The long soak is `npm run soak`.
 */
import { describe, expect, it } from "vitest";
import { formatReport, runChaos } from "./checker.js";

const seed = Number(process.env.CHAOS_SEED ?? 20_261_127);

describe("chaos: the reliable protocol loses nothing", () => {
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
        log: process.env.CHAOS_LOG ? (line) => void process.stderr.write(`${line}\n`) : undefined,
        emulatorLog: process.env.CHAOS_LOG
          ? (level, line) => void process.stderr.write(`emu ${level} ${line}\n`)
          : undefined,
      });
      const summary = formatReport(report);
      console.log(`chaos ${summary}`);
      expect(report.faults.cut! + report.faults.stall!, "faults were injected").toBeGreaterThan(0);
      expect({ seed, losses: report.losses }).toEqual({ seed, losses: [] });
      expect({ seed, duplicates: report.duplicates }).toEqual({ seed, duplicates: [] });
      expect({ seed, orderViolations: report.orderViolations }).toEqual({ seed, orderViolations: [] });
      expect({ seed, hung: report.hung }).toEqual({ seed, hung: 0 });
      expect({ seed, leaks: report.leaks }).toEqual({ seed, leaks: [] });
      expect(report.acked, "most sends succeed").toBeGreaterThan(report.sent / 2);
    },
  );
});
