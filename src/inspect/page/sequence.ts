/**
 * The inspector page's sequence view: the events between one client's actors as a sequence
 * diagram, one lane each for whoever sent events from outside the actors (the application, the
 * runtime), the client machine, the client's own actors (socket, URL source) and its operations
 * (all in one lane), oldest first; state changes are marked on their lane.
 *
 * Runs in the browser: `html.ts` inlines this function's source, so everything it uses lives
 * inside it (see `script.ts` for the rules). {@link PageSequence.steps} is pure, so the tests
 * call it in Node; {@link PageSequence.render} needs a DOM.
 */
import type { PageLogEntry } from "../protocol.js";
import type { LogActor } from "./log.js";
import type { PageNames } from "./names.js";

/** A lane: `outside` (no sending actor), an actor's session id, or `operations`. */
export interface SequenceLane {
  readonly id: string;
  readonly label: string;
}

export type SequenceStep =
  | {
      readonly kind: "message";
      readonly entry: PageLogEntry;
      readonly from: number;
      readonly to: number;
      readonly label: string;
    }
  | {
      readonly kind: "state";
      readonly entry: PageLogEntry;
      readonly lane: number;
      readonly label: string;
      /** Where the actor is, in full. */
      readonly detail: string;
    };

export interface PageSequence {
  /**
   * The lanes and steps for the client `root` (its own actors are `members`, its operations
   * `operations`), from log entries oldest first; at most `limit` steps, the most recent.
   */
  steps(
    entries: readonly PageLogEntry[],
    root: string,
    members: ReadonlySet<string>,
    operations: ReadonlySet<string>,
    who: (sessionId: string) => LogActor,
    limit?: number,
  ): { lanes: SequenceLane[]; steps: SequenceStep[] };
  render(container: HTMLElement, lanes: readonly SequenceLane[], steps: readonly SequenceStep[]): void;
}

/** The sequence view; `html.ts` inlines this function and the page calls it once. */
export function pageSequence(names: PageNames): PageSequence {
  const OUTSIDE = "outside";
  const OPERATIONS = "operations";

  const steps = (
    entries: readonly PageLogEntry[],
    root: string,
    members: ReadonlySet<string>,
    operations: ReadonlySet<string>,
    who: (sessionId: string) => LogActor,
    limit = 150,
  ): { lanes: SequenceLane[]; steps: SequenceStep[] } => {
    const laneOf = (sessionId: string | undefined): string | undefined => {
      if (sessionId === undefined) return OUTSIDE;
      if (sessionId === root || members.has(sessionId)) return sessionId;
      return operations.has(sessionId) ? OPERATIONS : undefined;
    };
    const used = new Set<string>([root]);
    const chosen: { entry: PageLogEntry; to: string; from?: string }[] = [];
    for (const entry of entries) {
      const to = laneOf(entry.sessionId);
      if (to === undefined) continue;
      if (entry.kind === "snapshot") {
        // A state change of a machine (callback and promise actors have no states).
        if (entry.changed === false || who(entry.sessionId).machineId === undefined) continue;
        chosen.push({ entry, to });
      } else {
        const from = laneOf(entry.sourceId);
        // An event from an actor of another client is not this client's business.
        if (from === undefined) continue;
        chosen.push({ entry, to, from });
      }
    }
    const recent = chosen.slice(-limit);
    for (const step of recent) {
      used.add(step.to);
      if (step.from !== undefined) used.add(step.from);
    }
    const order = [OUTSIDE, root, ...[...members].filter((id) => used.has(id)), OPERATIONS];
    const lanes: SequenceLane[] = order
      .filter((id) => used.has(id))
      .map((id) => ({
        id,
        label: id === OUTSIDE ? "app / runtime" : id === OPERATIONS ? "operations" : who(id).label,
      }));
    const index = new Map(lanes.map((lane, at) => [lane.id, at]));
    const out: SequenceStep[] = recent.map(({ entry, to, from }) => {
      const actor = who(entry.sessionId);
      if (from === undefined) {
        // Short, to fit a lane: the last step of where it is (`waiting`, not the regions' states);
        // the whole summary is the step's tooltip.
        const summary = entry.value === undefined ? "" : names.stateSummary(entry.value);
        const head = summary.includes(" (") ? summary.slice(0, summary.indexOf(" (")) : summary;
        const state = head.slice(head.lastIndexOf(".") + 1);
        const prefix = to === OPERATIONS ? `${actor.label.replace(/^operation /, "")} ` : "";
        return { kind: "state", entry, lane: index.get(to)!, label: `${prefix}→ ${state}`, detail: summary };
      }
      const event = names.eventName(entry.eventType, actor.definition);
      const label = to === OPERATIONS && from !== OPERATIONS ? `${event} → ${actor.label}` : event;
      return { kind: "message", entry, from: index.get(from)!, to: index.get(to)!, label };
    });
    return { lanes, steps: out };
  };

  const render = (
    container: HTMLElement,
    lanes: readonly SequenceLane[],
    drawn: readonly SequenceStep[],
  ): void => {
    const grid = document.createElement("div");
    grid.className = "seq-grid";
    grid.style.gridTemplateColumns = `4.6em repeat(${lanes.length}, minmax(5.5em, 1fr))`;
    const cell = (row: number, column: string, className: string, text = ""): HTMLDivElement => {
      const div = document.createElement("div");
      div.className = className;
      div.style.gridRow = String(row);
      div.style.gridColumn = column;
      div.textContent = text;
      grid.append(div);
      return div;
    };
    cell(1, "1", "seq-head", "");
    lanes.forEach((lane, at) => (cell(1, String(at + 2), "seq-head", lane.label).title = lane.label));
    drawn.forEach((step, at) => {
      const row = at + 2;
      cell(row, "1", "seq-time", names.time(step.entry.at).slice(3));
      for (let lane = 0; lane < lanes.length; lane++) cell(row, String(lane + 2), "seq-lane");
      if (step.kind === "state") {
        cell(row, String(step.lane + 2), "seq-state", step.label).title = step.detail;
        return;
      }
      if (step.from === step.to) {
        cell(row, String(step.to + 2), "seq-self", `↻ ${step.label}`).title = step.label;
        return;
      }
      const left = Math.min(step.from, step.to) + 2;
      const right = Math.max(step.from, step.to) + 3;
      const message = cell(
        row,
        `${left} / ${right}`,
        `seq-msg ${step.to > step.from ? "to-right" : "to-left"}`,
      );
      // The arrow runs from the middle of the first lane to the middle of the last (style.ts).
      message.style.setProperty("--span", String(right - left));
      const label = document.createElement("span");
      label.textContent = step.label;
      message.title = step.label;
      message.append(label);
    });
    container.replaceChildren(grid);
    container.scrollTop = container.scrollHeight;
  };

  return { steps, render };
}
