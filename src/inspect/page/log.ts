/**
 * The inspector page's event log, made for debugging a connection: each line says who, what and
 * why in people's words; filters choose what is shown (state changes always; events that changed
 * nothing, commands to the socket and operation actors on request); a cycle that repeats (an
 * outage's attempt/close pairs) is folded into one line with a count; every line carries its
 * time and the time since the line before, and long pauses are marked.
 *
 * Runs in the browser: `html.ts` inlines this function's source, so everything it uses lives
 * inside it (see `script.ts` for the rules). The grouping and wording are pure, so the tests call
 * them in Node; {@link PageLog.render} needs a DOM.
 */
import type { PageDefinition, PageLogEntry } from "../protocol.js";
import type { PageNames } from "./names.js";

/**
 * - `state`: a machine's state changed;
 * - `context`: a machine took an event and stayed where it was (its context may have changed);
 * - `event`: an event a machine received;
 * - `command`: an event sent to an actor that is not a machine (the socket's OPEN, WRITE, WATCH…);
 * - `operation`: anything about an operation actor.
 */
export type LogCategory = "state" | "context" | "event" | "command" | "operation";

/** What the log shows besides state changes. */
export interface LogFilter {
  readonly events: boolean;
  readonly commands: boolean;
  readonly operations: boolean;
  /** Only this actor's lines, when set. */
  readonly only: string | undefined;
}

/** What the log needs to know about the actor a line is about. */
export interface LogActor {
  readonly label: string;
  readonly machineId: string | undefined;
  readonly definition: PageDefinition | undefined;
}

export interface LogLine {
  readonly entry: PageLogEntry;
  readonly category: LogCategory;
  readonly text: string;
}

export type LogRow =
  | { readonly kind: "line"; readonly line: LogLine; readonly first: number; readonly last: number }
  | {
      readonly kind: "repeat";
      /** One cycle of the lines that repeat, oldest first. */
      readonly cycle: readonly LogLine[];
      readonly count: number;
      /** Every line folded into the row, oldest first. */
      readonly lines: readonly LogLine[];
      readonly first: number;
      readonly last: number;
    };

export interface PageLog {
  /** The line for an entry, or `undefined` when the filter hides it. */
  line(entry: PageLogEntry, who: (sessionId: string) => LogActor, filter: LogFilter): LogLine | undefined;
  /**
   * Lines (oldest first) grouped into rows: a run of a cycle of up to `maxPeriod` lines that
   * repeats back to back at least twice becomes one `repeat` row.
   */
  rows(lines: readonly LogLine[], maxPeriod?: number): LogRow[];
  /** Draws rows newest first into `list`, with times, the time since the row before, and pauses. */
  render(
    list: HTMLElement,
    rows: readonly LogRow[],
    expanded: ReadonlySet<number>,
    selectedSeq: number | undefined,
  ): void;
}

/** The log helpers; `html.ts` inlines this function and the page calls it once. */
export function pageLog(names: PageNames): PageLog {
  /** A pause at least this long between two rows is marked in the log. */
  const PAUSE_MS = 1000;

  const categorize = (entry: PageLogEntry, actor: LogActor): LogCategory => {
    if (actor.machineId === "operation") return "operation";
    if (entry.kind === "snapshot") return entry.changed === false ? "context" : "state";
    return actor.definition === undefined ? "command" : "event";
  };

  const shown = (category: LogCategory, entry: PageLogEntry, filter: LogFilter): boolean => {
    if (filter.only !== undefined && entry.sessionId !== filter.only) return false;
    switch (category) {
      case "state":
        return true;
      case "context":
      case "event":
        return filter.events;
      case "command":
        return filter.commands;
      case "operation":
        return filter.operations && (entry.kind === "snapshot" ? entry.changed !== false : filter.events);
    }
  };

  const line = (
    entry: PageLogEntry,
    who: (sessionId: string) => LogActor,
    filter: LogFilter,
  ): LogLine | undefined => {
    const actor = who(entry.sessionId);
    // Callback and promise actors (the socket, the URL source) have no states: their snapshots
    // say nothing the events to them and their parent's onDone/onError do not.
    if (entry.kind === "snapshot" && actor.machineId === undefined) return undefined;
    const category = categorize(entry, actor);
    if (!shown(category, entry, filter)) return undefined;
    const event = names.eventName(entry.eventType, actor.definition);
    let text: string;
    if (entry.kind === "snapshot") {
      const state = entry.value === undefined ? "" : names.stateSummary(entry.value);
      text =
        entry.changed === false
          ? `${actor.label} stays in ${state} on ${event}`
          : `${actor.label} → ${state}  (${event})`;
    } else {
      const from = entry.sourceId === undefined ? "" : `  from ${who(entry.sourceId).label}`;
      text = `${actor.label} ← ${event}${from}`;
    }
    return { entry, category, text };
  };

  const rows = (lines: readonly LogLine[], maxPeriod = 8): LogRow[] => {
    const key = (index: number): string => `${lines[index]!.entry.sessionId}\u0000${lines[index]!.text}`;
    const out: LogRow[] = [];
    let i = 0;
    while (i < lines.length) {
      let best: { period: number; count: number } | undefined;
      for (let period = 1; period <= maxPeriod && i + 2 * period <= lines.length; period++) {
        let count = 1;
        for (;;) {
          const start = i + count * period;
          if (start + period > lines.length) break;
          let same = true;
          for (let k = 0; k < period && same; k++) same = key(start + k) === key(i + k);
          if (!same) break;
          count++;
        }
        // Prefer the fold that swallows the most lines; the shorter cycle on a tie.
        if (count >= 2 && (best === undefined || count * period > best.count * best.period))
          best = { period, count };
      }
      if (best === undefined) {
        const only = lines[i]!;
        out.push({ kind: "line", line: only, first: only.entry.at, last: only.entry.at });
        i++;
        continue;
      }
      const folded = lines.slice(i, i + best.period * best.count);
      out.push({
        kind: "repeat",
        cycle: folded.slice(0, best.period),
        count: best.count,
        lines: folded,
        first: folded[0]!.entry.at,
        last: folded[folded.length - 1]!.entry.at,
      });
      i += folded.length;
    }
    return out;
  };

  const render = (
    list: HTMLElement,
    rowsToDraw: readonly LogRow[],
    expanded: ReadonlySet<number>,
    selectedSeq: number | undefined,
  ): void => {
    const fragment = document.createDocumentFragment();
    const lineItem = (logLine: LogLine, since: number | undefined, extraClass = ""): HTMLLIElement => {
      const li = document.createElement("li");
      li.className = `log-line cat-${logLine.category}${extraClass}${logLine.entry.seq === selectedSeq ? " selected" : ""}`;
      li.dataset["seq"] = String(logLine.entry.seq);
      li.dataset["sessionId"] = logLine.entry.sessionId;
      li.title = "Show the chart as it was then";
      const at = document.createElement("time");
      at.textContent = names.time(logLine.entry.at);
      const delta = document.createElement("span");
      delta.className = "delta";
      delta.textContent = since === undefined ? "" : `+${names.duration(since)}`;
      const text = document.createElement("span");
      text.className = "text";
      text.textContent = logLine.text;
      li.append(at, delta, text);
      return li;
    };
    for (let r = rowsToDraw.length - 1; r >= 0; r--) {
      const row = rowsToDraw[r]!;
      const previous = r > 0 ? rowsToDraw[r - 1] : undefined;
      // Lines from several producers arrive in order but their clocks are read apart: never below 0.
      const since = previous === undefined ? undefined : Math.max(0, row.first - previous.last);
      if (row.kind === "line") {
        fragment.append(lineItem(row.line, since));
      } else {
        const id = row.lines[0]!.entry.seq;
        const li = document.createElement("li");
        li.className = "log-repeat";
        li.dataset["repeat"] = String(id);
        li.title = expanded.has(id) ? "Fold the repeated lines" : "Show every repeated line";
        const at = document.createElement("time");
        at.textContent = names.time(row.first);
        const delta = document.createElement("span");
        delta.className = "delta";
        delta.textContent = since === undefined ? "" : `+${names.duration(since)}`;
        const text = document.createElement("span");
        text.className = "text";
        const count = document.createElement("b");
        count.className = "count";
        count.textContent = `×${row.count}`;
        const lastCycle = row.lines[row.cycle.length * (row.count - 1)]!.entry.at;
        const every = (lastCycle - row.first) / (row.count - 1);
        text.append(
          count,
          ` in ${names.duration(row.last - row.first)}, every ${names.duration(every)}: `,
          row.cycle.map((cycleLine) => cycleLine.text).join("  ·  "),
        );
        li.append(at, delta, text);
        fragment.append(li);
        if (expanded.has(id)) {
          for (let k = row.lines.length - 1; k >= 0; k--) {
            const inner = row.lines[k]!;
            const before = k > 0 ? row.lines[k - 1]!.entry.at : undefined;
            fragment.append(
              lineItem(inner, before === undefined ? undefined : inner.entry.at - before, " in-repeat"),
            );
          }
        }
      }
      if (since !== undefined && since >= PAUSE_MS) {
        const pause = document.createElement("li");
        pause.className = "log-pause";
        pause.textContent = `${names.duration(since)} pause`;
        fragment.append(pause);
      }
    }
    list.replaceChildren(fragment);
  };

  return { line, rows, render };
}
