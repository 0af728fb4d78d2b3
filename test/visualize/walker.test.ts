import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createMachine, fromPromise, setup } from "xstate";
import {
  discoverMachines,
  isMachine,
  orphanedFiles,
  README_BEGIN,
  README_END,
  renderSvg,
  spliceReadme,
  toChartModel,
  toDot,
  toMermaid,
} from "../../src/visualize/index.js";
import { doorMachine } from "./fixtures/door.machine.js";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

/** The lines directly inside `state <id> {` … `}` (nested blocks included), unindented. */
function block(mermaid: string, id: string): string[] {
  const lines = mermaid.split("\n");
  const start = lines.findIndex((line) => new RegExp(`^\\s*state (".*" as )?${id} \\{$`).test(line));
  expect(start, `no block for ${id}`).toBeGreaterThanOrEqual(0);
  const indent = lines[start]!.length - lines[start]!.trimStart().length;
  const end = lines.findIndex((line, index) => index > start && line === `${" ".repeat(indent)}}`);
  return lines.slice(start + 1, end).map((line) => line.trim());
}

describe("toMermaid on the fixture", () => {
  const mermaid = toMermaid(doorMachine);
  const lines = mermaid.split("\n").map((line) => line.trim());

  it("is a stateDiagram-v2 with the top-level initial arrow", () => {
    expect(mermaid.startsWith("stateDiagram-v2\n")).toBe(true);
    expect(lines).toContain("[*] --> closed");
  });

  it("nests compound states and gives each its own initial arrow", () => {
    const locking = block(mermaid, "locking");
    expect(locking).toContain("[*] --> fetching");
    expect(locking).toEqual(expect.arrayContaining(["fetching", "checking", "done"]));
    expect(block(mermaid, "light")).toContain("[*] --> on");
    expect(block(mermaid, "alarm")).toContain("[*] --> armed");
  });

  it("separates parallel regions with -- and gives the parallel state no initial arrow", () => {
    const open = block(mermaid, "open");
    const light = open.indexOf("state light {");
    const divider = open.indexOf("--");
    const alarm = open.indexOf("state alarm {");
    expect(light).toBeGreaterThanOrEqual(0);
    expect(divider).toBeGreaterThan(light);
    expect(alarm).toBeGreaterThan(divider);
    expect(open.filter((line) => line === "--")).toHaveLength(1);
    expect(open.some((line) => line.startsWith("[*] --> light") || line.startsWith("[*] --> alarm"))).toBe(
      false,
    );
  });

  it("ends final states with --> [*] inside their own composite", () => {
    expect(block(mermaid, "locking")).toContain("done --> [*]");
    expect(lines).toContain("broken --> [*]");
  });

  it("labels guards, delays, always, invocations and done/error events", () => {
    expect(lines).toContain("closed --> opening : OPEN [canRetry]");
    expect(lines).toContain("closed --> closed : OPEN");
    expect(lines).toContain("closed --> locking : LOCK.REQUESTED [hasKey]");
    expect(lines).toContain("open --> closed : CLOSE [and(canRetry, not(isNight))]");
    expect(lines).toContain("opening --> open : after 1000ms");
    expect(lines).toContain("on --> off : after autoCloseDelay");
    expect(lines).toContain("checking --> done : always [canRetry]");
    expect(lines).toContain("checking --> closed : always");
    expect(lines).toContain("fetching --> checking : onDone fetchCode");
    expect(lines).toContain("fetching --> fetching : onError fetchCode");
    expect(lines).toContain("locking --> locked : onDone");
    expect(lines).toContain("opening : invoke motor");
  });

  it("keeps the state name as the title of a box with details", () => {
    const at = lines.indexOf("closed : closed");
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe("closed : entry / log");
  });

  it("draws machine-level transitions from an 'any state' node, targetless ones as loops", () => {
    expect(lines).toContain('state "any state" as door_root_any');
    expect(lines).toContain("door_root_any --> broken : BREAK");
    expect(lines).toContain("door_root_any --> door_root_any : KNOCK");
  });

  it("puts a parallel state's 'any state' node beside it, not inside its first region", () => {
    expect(block(mermaid, "open")).not.toContain('state "any state in open" as open_any');
    expect(lines).toContain('state "any state in open" as open_any');
    expect(lines).toContain("open_any --> open_any : KNOCK");
  });

  it("declares every state before the first transition, and transitions only at the top level", () => {
    const firstEdge = mermaid.split("\n").findIndex((line) => /^ {2}\w+ --> \w+ : /.test(line));
    const lastBrace = mermaid.split("\n").lastIndexOf("  }");
    expect(firstEdge).toBeGreaterThan(lastBrace);
    for (const line of mermaid.split("\n").slice(firstEdge)) {
      if (line.includes("-->")) expect(line.startsWith("  ") && !line.startsWith("   ")).toBe(true);
    }
  });

  it("is deterministic", () => {
    expect(toMermaid(doorMachine)).toBe(mermaid);
  });

  it("shows transition actions only when asked", () => {
    expect(mermaid).not.toContain("KNOCK / ring");
    expect(toMermaid(doorMachine, { actions: true })).toContain(
      "door_root_any --> door_root_any : KNOCK / ring",
    );
  });
});

describe("toMermaid escaping", () => {
  const awkward = createMachine({
    id: "odd.machine",
    initial: "first-state",
    states: {
      "first-state": {
        on: {
          "DATA:RECEIVED;x": { target: "default", guard: { type: "is{ok}" } },
        },
      },
      default: {
        initial: "a.b",
        states: { "a.b": { on: { 'QUOTE"D': "c" } }, c: {} },
      },
    },
  });
  const mermaid = toMermaid(awkward);

  it("aliases ids that Mermaid cannot take and keeps the original names as labels", () => {
    expect(mermaid).toContain('state "first-state" as first_state');
    expect(mermaid).toContain('state "default" as s_default {');
    expect(mermaid).toContain('state "a.b" as a_b');
    for (const line of mermaid.split("\n")) {
      const edge = /^\s*(\S+) --> (\S+)/.exec(line);
      if (edge) {
        expect(edge[1]).toMatch(/^(\[\*\]|[A-Za-z_][A-Za-z0-9_]*)$/);
        expect(edge[2]).toMatch(/^(\[\*\]|[A-Za-z_][A-Za-z0-9_]*)$/);
      }
    }
  });

  it("keeps labels free of the characters that end or open Mermaid syntax", () => {
    const edge = mermaid.split("\n").find((line) => line.includes("first_state --> s_default"));
    expect(edge).toBeDefined();
    const text = edge!.slice(edge!.indexOf(" : ") + 3);
    expect(text).not.toMatch(/[:;{}"]/);
    expect(text).toContain("DATA∶RECEIVED,x");
    expect(mermaid).not.toContain('QUOTE"D');
  });
});

describe("toChartModel", () => {
  it("names invoked actors by src, or by invoke id for inline logic", () => {
    const named = setup({ actors: { named: fromPromise(async () => 1) } }).createMachine({
      initial: "a",
      states: { a: { invoke: { src: "named" } } },
    });
    const inline = createMachine({
      initial: "a",
      states: {
        a: {
          invoke: [{ id: "loader", src: fromPromise(async () => 2) }, { src: fromPromise(async () => 3) }],
        },
      },
    });
    expect(toChartModel(named).root.children[0]!.invokes).toEqual(["named"]);
    expect(toChartModel(inline).root.children[0]!.invokes).toEqual(["loader", "inline actor"]);
  });

  it("draws a child re-entering its parent without clipping at the parent's border", () => {
    const machine = createMachine({
      id: "m",
      initial: "outer",
      states: {
        outer: { initial: "x", states: { x: { on: { AGAIN: "#m.outer" } } } },
      },
    });
    const dot = toDot(machine);
    // Written head-first with dir=back (an arrow back up the reading order): it still ends at the dot.
    expect(dot).toContain('"outer__start" -> "x" [label=" AGAIN ", dir=back]');
  });
});

describe("toDot and renderSvg", () => {
  const dot = toDot(doorMachine);

  it("makes clusters of compound and parallel states, with border-clipped edges", () => {
    for (const id of ["open", "light", "alarm", "locking"])
      expect(dot).toContain(`subgraph "cluster_${id}" {`);
    expect(dot).toContain("compound=true");
    expect(dot).toContain(
      '"closed" -> "locking__anchor" [label=" LOCK.REQUESTED \\n [hasKey] ", lhead="cluster_locking"]',
    );
    // open → closed goes back up the reading order: written closed → open with dir=back, so the
    // cluster it leaves is the head's.
    expect(dot).toContain(
      '"closed" -> "open__anchor" [label=" CLOSE \\n [and(canRetry, not(isNight))] ", dir=back, lhead="cluster_open"]',
    );
    expect(dot).toContain('"door_root_any" -> "door_root_any" [label=" KNOCK ", style=dashed]');
  });

  it("renders a deterministic SVG offline", async () => {
    const first = await renderSvg(dot);
    const second = await renderSvg(dot);
    expect(first).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\n$/);
    expect(first).toContain("after autoCloseDelay");
    expect(second).toBe(first);
  });
});

describe("discoverMachines", () => {
  it("finds exported machines in *.machine.ts and folder index.ts files, each once, ignoring other exports", async () => {
    const found = await discoverMachines(fixtures, path.resolve(fixtures, "../../.."));
    expect(found.map(({ name, exportName, file }) => ({ name, exportName, file }))).toEqual([
      { name: "door", exportName: "doorMachine", file: "test/visualize/fixtures/door.machine.ts" },
      { name: "gate", exportName: "gateMachine", file: "test/visualize/fixtures/gate/index.ts" },
    ]);
  });

  it("recognises machines by shape", () => {
    expect(isMachine(doorMachine)).toBe(true);
    expect(isMachine(fromPromise(async () => 1))).toBe(false);
    expect(isMachine({ id: "x", root: {}, config: {} })).toBe(false);
    expect(isMachine(null)).toBe(false);
  });
});

describe("orphanedFiles", () => {
  it("lists diagrams of vanished machines with their SVG, and leaves other files alone", () => {
    const generated = new Map([
      ["client.mmd", ""],
      ["client.svg", ""],
    ]);
    const present = ["client.mmd", "client.svg", "old.mmd", "old.svg", "logo.svg", "inspector.html"];
    expect(orphanedFiles(present, generated)).toEqual(["old.mmd", "old.svg"]);
  });
});

describe("spliceReadme", () => {
  it("replaces only the text between the markers", () => {
    const readme = `intro\n${README_BEGIN}\nold\n${README_END}\noutro\n`;
    expect(spliceReadme(readme, "new\n")).toBe(`intro\n${README_BEGIN}\nnew\n${README_END}\noutro\n`);
  });
  it("refuses a README without both markers in order", () => {
    expect(spliceReadme("no markers", "x")).toBeUndefined();
    expect(spliceReadme(`${README_END}\n${README_BEGIN}`, "x")).toBeUndefined();
  });
});
