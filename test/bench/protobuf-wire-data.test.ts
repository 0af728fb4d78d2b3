/**
 * The protobuf-vs-JSON benchmark's section of RESULTS.md: medians and ratios from the stored
 * rounds, and a results file whose main part, storm section and protobuf section can each be
 * rerun alone.
 */
import { describe, expect, it } from "vitest";
import { protobufWireChart, renderSvg } from "../../bench/lib/charts.js";
import { composeResults, mainPart, renderResults } from "../../bench/lib/results.js";
import {
  PROTOBUF_WIRE_MARKER,
  renderWireSection,
  type WireRun,
  type WireSample,
} from "../../bench/lib/protobuf-wire-data.js";
import { TEST_MACHINE } from "./machine.js";

const machine = TEST_MACHINE;

function sample(cpu: number, bytes: number, delivered = 1): WireSample {
  return {
    sendCpuUs: cpu,
    receiveCpuUs: cpu / 2,
    sendBytes: bytes,
    ackBytes: 10,
    receiveBytes: bytes + 1,
    delivered,
  };
}

const run: WireRun = {
  machine,
  command: "npm run bench -- --only protobuf-wire",
  rounds: 3,
  warmup: 1,
  receivers: 5,
  cases: [
    {
      dataType: "binary",
      bytes: 1024,
      samples: {
        json: [sample(10, 1400), sample(30, 1400), sample(20, 1400)],
        protobuf: [sample(5, 1050), sample(15, 1050), sample(10, 1050, 0.5)],
      },
    },
  ],
};

describe("the protobuf-wire section of RESULTS.md", () => {
  it("shows the median of each protocol and their ratio, and says when messages were missing", () => {
    const text = renderWireSection(run);
    expect(text).toContain(
      "| binary 1 KiB | 20.0 / 10.0 (0.50×) | 10.0 / 5.00 (0.50×) | 1,400 / 1,050 (0.75×) | 1,401 / 1,051 (0.75×) | 10 / 10 (1.00×) |",
    );
    expect(text).toContain(
      "Not every message arrived in some rounds (their CPU is per message received): binary 1 KiB on protobuf.",
    );
  });

  it("is kept when another part is rerun, and replaced when it is", () => {
    const first = composeResults("# Client benchmark results\n\nmain table\n", undefined, run);
    expect(first).toContain("main table");
    expect(first).toContain(PROTOBUF_WIRE_MARKER);
    expect(mainPart(first)).toBe("# Client benchmark results\n\nmain table\n");
    const second = composeResults(mainPart(first), undefined, run);
    expect(second).toBe(first);
    expect(second.split(PROTOBUF_WIRE_MARKER)).toHaveLength(2);
    expect(composeResults("# main\n", undefined, undefined)).toBe("# main\n");
  });
});

describe("scenario 11 among the stored results", () => {
  it("has its section and a line in RESULTS.md's table of runs", () => {
    const text = renderResults({ runs: [], wire: run, plots: [] });
    expect(text).toContain("## Protobuf vs JSON on the wire");
    expect(text).toMatch(
      /\| 11 \| `npm run bench -- --only protobuf-wire`; 3 measured round\(s\) after 1 warm-up \| abc \|/,
    );
  });

  it("is plotted as protobuf / JSON per payload and measure", async () => {
    const chart = protobufWireChart(run);
    expect(chart?.file).toBe("protobuf-wire.svg");
    const svg = await renderSvg(chart!.spec);
    expect(svg).toContain("binary 1 KiB");
    // send CPU 10 / 20, bytes written 1,050 / 1,400.
    expect(svg).toContain(">0.50<");
    expect(svg).toContain(">0.75<");
    expect(protobufWireChart(undefined)).toBeUndefined();
  });
});
