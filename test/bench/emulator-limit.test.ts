/**
 * Scenario 12's stored data and what is rendered from it: the emulator / raw server ratio of the
 * fan-out against the 1.3× target, the broadcast's memory per connection and latency quantiles,
 * the RESULTS.md section and the two plots. No benchmark runs here.
 */
import { describe, expect, it } from "vitest";
import type { BroadcastResult } from "../../bench/emulator/broadcast.js";
import type { RoundResult } from "../../bench/emulator/fanout.js";
import type { VersusResult } from "../../bench/emulator/versus.js";
import { emulatorBroadcastChart, emulatorVersusChart, renderSvg } from "../../bench/lib/charts.js";
import type { EmulatorLimitRun } from "../../bench/lib/emulator-limit-data.js";
import { broadcastFigures, versusFigures } from "../../bench/lib/emulator-limit-data.js";
import { renderEmulatorLimitSection } from "../../bench/lib/emulator-limit-report.js";
import { renderResults } from "../../bench/lib/results.js";
import { quantiles } from "../../bench/lib/storm-data.js";
import { TEST_MACHINE } from "./machine.js";

/** Rounds of 1,000 deliveries costing `cpuUs` µs of the server's CPU each. */
const rounds = (...cpuUs: number[]): RoundResult[] =>
  cpuUs.map((c) => ({ elapsedMs: 10, deliveries: 1000, rate: 100_000, childCpuUs: c, benchCpuUs: 900 }));

const versusRow = (emulator: number[], raw: number[], error?: string): VersusResult => ({
  protocol: "json.webpubsub.azure.v1",
  mode: "fire-and-forget",
  pacing: "batched",
  messages: 10,
  rounds: { emulator: rounds(...emulator), raw: rounds(...raw) },
  error,
});

const memory = (heapUsed: number, rss: number) => ({
  rss,
  heapTotal: heapUsed,
  heapUsed,
  external: 0,
  arrayBuffers: 0,
});

/** 1,000 connections costing `heapKiB` each; deliveries 1..100 ms (p99 = 99 ms) times `slower`. */
const broadcast = (heapKiB: number, slower: number): BroadcastResult => ({
  connections: 1000,
  openMs: 2000,
  before: memory(8 << 20, 50 << 20),
  after: memory((8 << 20) + heapKiB * 1024 * 1000, (50 << 20) + 6 * 1024 * 1000),
  latencyMs: quantiles(Array.from({ length: 100 }, (_, i) => (i + 1) * slower)),
  completeMs: [100 * slower, 110 * slower, 90 * slower],
  broadcasts: 3,
  serverCpuUsPerDelivery: 17 * slower,
  serverCpuUsPerAck: 10,
});

const run: EmulatorLimitRun = {
  machine: { ...TEST_MACHINE, loadAfter: [2, 1, 1], otherCores: 0.5, date: "run E", wallSeconds: 70 },

  command: "npm run bench -- --only emulator-limit",
  runId: "run E",
  settings: {
    receivers: 100,
    messages: 10,
    rounds: 3,
    warmup: 1,
    payloadBytes: 1024,
    connections: 1000,
    batch: 200,
    broadcasts: 3,
  },
  versus: [
    // Medians 1.1 and 1.0 µs per delivery: 1.10×, within the target.
    versusRow([1100, 1000, 1200], [1000, 900, 1100]),
    // Medians 1.5 and 1.0: 1.50×, over it.
    versusRow([1500, 1500, 1500], [1000, 1000, 1000]),
    versusRow([], [], "receiver 3 closed (1008)"),
  ],
  scale: { emulator: broadcast(5, 1), raw: "failed: not within 30000 ms" },
};

describe("the emulator against its limit (scenario 12)", () => {
  it("takes each server's CPU per delivery from its rounds, and their ratio on the medians", () => {
    const f = versusFigures(versusRow([1100, 1000, 1200], [1000, 900, 1100]));
    expect(f.median).toEqual({ emulator: 1.1, raw: 1 });
    expect(f.ratio).toBeCloseTo(1.1);
    expect(f.perDelivery.raw).toEqual([1, 0.9, 1.1]);
  });

  it("takes the server's heap per connection and the latency quantiles of a broadcast", () => {
    const f = broadcastFigures(broadcast(5, 2));
    expect(f.heapKiB).toBeCloseTo(5);
    expect(f.rssKiB).toBeCloseTo(6);
    expect(f.p50).toBe(100);
    expect(f.p99).toBe(198);
    expect(f.completeMs).toBe(200);
  });

  it("judges every fan-out row against 1.3× and shows failures as such", () => {
    const section = renderEmulatorLimitSection(run);
    expect(section).toMatch(
      /\| fire-and-forget, batched \| \*\*1\.10\*\* <sub>1\.00–1\.20<\/sub> \| \*\*1\.00\*\* <sub>0\.90–1\.10<\/sub> \| \*\*1\.10×\*\* \| .* \| ✅ ≤ 1\.3× \|/,
    );
    expect(section).toMatch(/\| \*\*1\.50×\*\* \| .* \| ❌ ≤ 1\.3× \|/);
    expect(section).toContain("**failed**: receiver 3 closed (1008)");
    expect(section).toMatch(/\| emulator \| \*\*5\.00\*\* \| 6\.00 \| 50\.0 \| \*\*99\.0\*\* \| 100 \|/);
    expect(section).toContain("| raw ws server | **not measured**: failed: not within 30000 ms |");
    // No ratio line without both servers' broadcasts.
    expect(section).not.toContain("Emulator / raw server:");
  });

  it("compares the servers' broadcasts when both were measured", () => {
    const section = renderEmulatorLimitSection({
      ...run,
      scale: { emulator: broadcast(5, 2), raw: broadcast(2.5, 1) },
    });
    expect(section).toContain(
      "Emulator / raw server: p99 latency 2.00×, heap per connection 2.00×, CPU per delivery 2.00×.",
    );
  });

  it("is a section of RESULTS.md, with a line in the table of runs", () => {
    const text = renderResults({ runs: [], emulatorLimit: run, plots: [] });
    expect(text).toContain("## 12. The emulator against its limit");
    expect(text).toMatch(/\| 12 \| `npm run bench -- --only emulator-limit` \| abc \| run E \|/);
  });

  it("draws both plots from the data, and nothing without it", async () => {
    for (const chart of [emulatorVersusChart(run), emulatorBroadcastChart(run)]) {
      expect(chart).toBeDefined();
      const svg = await renderSvg(chart!.spec);
      expect(svg).toContain('fill="white"');
      expect(svg).toContain("emulator");
    }
    expect(await renderSvg(emulatorVersusChart(run)!.spec)).toContain("1.10×");
    expect(emulatorVersusChart(undefined)).toBeUndefined();
    expect(emulatorVersusChart({ ...run, versus: "failed: no children" })).toBeUndefined();
    expect(emulatorBroadcastChart({ ...run, scale: { raw: "failed" } })).toBeUndefined();
  });
});
