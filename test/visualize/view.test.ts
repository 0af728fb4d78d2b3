import { describe, expect, it } from "vitest";
import {
  defaultCollapsed,
  modelToDot,
  modelToMermaid,
  sheetsOf,
  toChartModel,
  viewModel,
  type ChartModel,
  type ChartNode,
} from "../../src/visualize/index.js";
import { doorMachine } from "./fixtures/door.machine.js";

const model = toChartModel(doorMachine);

function child(node: ChartNode, key: string): ChartNode {
  const found = node.children.find((candidate) => candidate.key === key);
  expect(found, `${node.key} has no child ${key}`).toBeDefined();
  return found!;
}

function edges(view: ChartModel): string[] {
  return view.edges.map((edge) => `${edge.source} -> ${edge.target} : ${edge.trigger}`);
}

describe("defaultCollapsed", () => {
  it("unfolds whole levels while the states shown fit the budget", () => {
    // door: 6 top-level states; open and locking unfolded show 9; light and alarm too, 11.
    expect(defaultCollapsed(model, model.root.id, 12)).toEqual([]);
    expect(defaultCollapsed(model, model.root.id, 10)).toEqual(["light", "alarm"]);
    // A folded state's compound descendants are folded too (unfolding it shows one level).
    expect(defaultCollapsed(model, model.root.id, 8)).toEqual(["open", "light", "alarm", "locking"]);
  });

  it("applies the same rule inside one compound state", () => {
    expect(defaultCollapsed(model, "open", 3)).toEqual(["light", "alarm"]);
    expect(defaultCollapsed(model, "open", 4)).toEqual([]);
  });
});

describe("viewModel", () => {
  const folded = viewModel(model, { collapsed: ["open", "locking"] });

  it("draws a folded state as one box that counts the states inside it", () => {
    const open = child(folded.root, "open");
    expect(open.children).toEqual([]);
    expect(open.collapsedStates).toBe(6);
    expect(child(folded.root, "locking").collapsedStates).toBe(3);
    expect(child(folded.root, "closed").collapsedStates).toBeUndefined();
  });

  it("moves transitions to the folded box and leaves out those inside it", () => {
    const shown = edges(folded);
    expect(shown).toContain("closed -> locking : LOCK.REQUESTED");
    expect(shown).toContain("locking -> closed : always"); // checking → #door.closed
    expect(shown).toContain("locking -> locked : onDone");
    expect(shown).toContain("open -> closed : CLOSE");
    expect(shown.filter((edge) => edge.startsWith("locking -> locking"))).toEqual([]);
    expect(shown.some((edge) => edge.includes("fetching") || edge.includes("open_any"))).toBe(false);
    // The machine-level "any state" node stays; the folded parallel state's goes with it.
    expect(folded.anyNodes.map((any) => any.id)).toEqual(["door_root_any"]);
  });

  it("shows one compound state's inside, with stubs for the states its transitions reach", () => {
    const sheet = viewModel(model, { focus: "locking" });
    expect(sheet.title).toBe("door › locking");
    expect(sheet.root.children.map((node) => `${node.key}${node.external ? " (outside)" : ""}`)).toEqual([
      "fetching",
      "checking",
      "done",
      "closed (outside)",
      "locked (outside)",
    ]);
    const shown = edges(sheet);
    // Entering the state from outside ends at its initial dot (the root); its own transitions
    // leave from its "any state" node; transitions declared above it are the parent's business.
    expect(shown).toContain("closed -> locking : LOCK.REQUESTED");
    expect(shown).toContain("locking_any -> locked : onDone");
    expect(shown).toContain("checking -> closed : always");
    expect(shown.some((edge) => edge.includes("door_root_any") || edge.includes("broken"))).toBe(false);
  });

  it("leaves the model it views untouched", () => {
    const before = JSON.stringify(model);
    viewModel(model, { focus: "open", collapsed: ["light"] });
    expect(JSON.stringify(model)).toBe(before);
  });
});

describe("sheetsOf", () => {
  it("is empty when the whole machine fits, else an overview and one sheet per folded state", () => {
    expect(sheetsOf(model, 12)).toEqual([]);
    const sheets = sheetsOf(model, 8);
    expect(sheets.map((sheet) => sheet.path.join("."))).toEqual(["", "open", "locking"]);
    // The open sheet fits the budget with its regions unfolded.
    expect(child(sheets[1]!.model.root, "light").children.map((node) => node.key)).toEqual(["on", "off"]);
  });
});

describe("writers on views", () => {
  const folded = viewModel(model, { collapsed: ["open", "locking"] });
  const sheet = viewModel(model, { focus: "locking" });

  it("DOT: folded boxes say what they hide, stubs are dashed, the sheet is titled", () => {
    const dot = modelToDot(folded);
    expect(dot).toMatch(
      /"open" \[label=<<b>open<\/b> <i>\(parallel\)<\/i>.*\+ 6 states inside.*class="collapsed"/,
    );
    expect(dot).not.toContain("cluster_open");
    const sheetDot = modelToDot(sheet);
    expect(sheetDot).toContain("label=<<b>door › locking</b>>");
    expect(sheetDot).toMatch(/"closed" \[label="closed", style="rounded,dashed".*class="external"\]/);
    // Entering from outside ends at the initial dot; closed is also a target, so it is drawn
    // below and the arrow is written the other way round with dir=back.
    expect(sheetDot).toContain(
      '"locking__start" -> "closed" [label=" LOCK.REQUESTED \\n [hasKey] ", dir=back]',
    );
  });

  it("DOT: an 'any state' node is ranked beside the initial dot, where it does not widen the drawing", () => {
    expect(modelToDot(sheet)).toContain('{ rank=same; "locking__start"; "locking_any"; }');
  });

  it("DOT: parallel regions are stacked unless asked not to", () => {
    const open = viewModel(model, { focus: "open" });
    expect(modelToDot(open)).toContain('-> "alarm__anchor" [style=invis, minlen=2]');
    expect(modelToDot(open, { stackRegions: false })).not.toContain("style=invis, minlen=2");
  });

  it("Mermaid: declares the sheet's any node and enters the sheet at its initial state", () => {
    const mermaid = modelToMermaid(sheet);
    expect(mermaid).toContain('state "any state" as locking_any');
    expect(mermaid).toContain("closed --> fetching : LOCK.REQUESTED");
    expect(mermaid).toContain("class closed,locked outside");
    expect(modelToMermaid(folded)).toContain("open : + 6 states inside");
  });
});
