/**
 * The reconnect-storm benchmark's arithmetic and its results file: figures from the stored data,
 * the timeline's bins, and a RESULTS.md whose storm section and main part can each be rerun alone.
 */
import { describe, expect, it } from "vitest";
import { composeResults, mainPart } from "../../bench/lib/results.js";
import {
  binAttempts,
  histogram,
  peakWindow,
  quantiles,
  stormFigures,
  stringifyCompact,
  type StormEpisode,
  type StormRun,
} from "../../bench/lib/storm-data.js";
import { STORM_MARKER } from "../../bench/lib/storm-report.js";
import { TEST_MACHINE } from "./machine.js";

const machine = TEST_MACHINE;

/** Four clients, a 2 s outage: two back 0.5 s and 1 s after the service, one later, one never. */
function episode(overrides: Partial<StormEpisode> = {}): StormEpisode {
  return {
    population: "ours",
    kind: "unreachable",
    outageMs: 2000,
    clients: 4,
    dropped: 4,
    dropsDoneMs: 1,
    backMs: 2000,
    recoveryMs: quantiles([2500, 3000, 4000, Infinity]),
    notRecovered: 1,
    timeoutMs: 12_000,
    firstAttemptMs: quantiles([10, 20, 30, 40]),
    attemptsHistogram: histogram([3, 4, 5, 8]),
    whileDownHistogram: histogram([2, 3, 4, 7]),
    unattributed: 0,
    timeline: binAttempts(
      [
        { at: 1000, status: 0, recovery: true },
        { at: 1050, status: 0, recovery: true },
        { at: 3500, status: 101, recovery: true },
        { at: 3600, status: 503, recovery: false },
      ],
      1000,
      100,
    ),
    runnerLoopDelayMs: { p99: 1, max: 2 },
    runnerCpuMs: 10,
    serviceLoopDelayMs: { p99: 1, max: 2 },
    ...overrides,
  };
}

function stormRun(): StormRun {
  return {
    machine,
    command: "npm run bench -- --only reconnect-storm",
    settleMs: 1000,
    graceMs: 10_000,
    warmup: 1,
    episodes: [episode()],
  };
}

describe("storm figures", () => {
  it("reads percentiles, means and maxima from the stored distributions", () => {
    const f = stormFigures(episode());
    expect(f.recoveryP50).toBe(3000);
    // The client that never recovered is the p99 and the max: never, not the slowest that did.
    expect(f.recoveryP99).toBe(Infinity);
    expect(f.recoveryMax).toBe(Infinity);
    expect(f.afterBackP50).toBe(1000);
    expect(f.firstAttemptP50).toBe(20);
    expect(f.firstAttemptMax).toBe(40);
    expect(f.attemptsMean).toBe(5);
    expect(f.attemptsMax).toBe(8);
    expect(f.ratePerClientMean).toBe(2); // 4 attempts on average in 2 s
    expect(f.ratePerClientMax).toBe(3.5);
    expect(f.peakPerSecond).toBe(2);
  });

  it("keeps a never as null through the JSON file", () => {
    const back = JSON.parse(stringifyCompact(stormRun())) as StormRun;
    expect(back.episodes[0]!.recoveryMs[100]).toBeNull();
    expect(stormFigures(back.episodes[0]!)).toEqual(stormFigures(episode()));
  });

  it("bins attempts from the outage start by the service's answer", () => {
    const t = episode().timeline;
    expect(t.reset.slice(0, 2)).toEqual([2, 0]);
    expect(t.accepted[25]).toBe(1);
    expect(t.refused[26]).toBe(1);
    expect(t.fresh[26]).toBe(1);
    expect(t.accepted).toHaveLength(27);
  });

  it("finds the busiest window", () => {
    expect(peakWindow([1, 5, 0, 0, 3, 3], 2)).toBe(6);
  });
});

describe("RESULTS.md with the storm section", () => {
  const storm = stormRun();

  it("appends the storm section to the main part, and a storm-only run keeps that main part", () => {
    const first = composeResults("# Client benchmark results\n\nmain table\n", storm);
    expect(first).toContain("main table");
    expect(first).toContain(STORM_MARKER);
    expect(first).toContain("## 8. Reconnect storm");
    // The next storm-only run: the main part as it was, one storm section.
    const second = composeResults(mainPart(first), storm);
    expect(second).toBe(first);
    expect(second.split(STORM_MARKER)).toHaveLength(2);
  });

  it("shows a client that never recovered as never, and misses the target", () => {
    const text = composeResults("# main\n", storm);
    expect(text).toMatch(/\| 2 s, unreachable \| recovery max, from the drop \(ms\) \| \*\*never\*\* \|/);
    expect(text).toMatch(
      /\| 2 s, unreachable \| not recovered \(clients\) \| \*\*1\*\* \| – \| – \| ❌ ≤ 0 clients \|/,
    );
  });
});
