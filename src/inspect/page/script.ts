/**
 * The inspector page's script. It runs in the browser, not in Node: `html.ts` inlines the source
 * of {@link inspectorPage} and of each part it is given (`names.ts`, `log.ts`, `actors.ts`,
 * `diagram-view.ts`), so the page is one self-contained document that tsup bundles with the CLI
 * and that works offline. Hence the rules for these files:
 * - each file's one exported function holds everything it uses (no imports, no module-level
 *   helpers: only the function's own text reaches the browser); types are erased, so
 *   `import type` is fine;
 * - the parts reach each other only through arguments (a bundler may rename a module's
 *   functions, never what a function's own body declares);
 * - plain DOM APIs, no framework.
 *
 * What it does: keeps the relay's picture (actors, diagrams, log) in memory, lists the actors,
 * shows the selected actor's chart with its active states (or, after a click in the log, the
 * states it had then), asks the relay for views with compound states folded as the active state
 * moves and as the user folds and unfolds, and shows the event log.
 */
import type { PageActor, PageDefinition, PageLogEntry, PageMessage, PageRequest } from "../protocol.js";
import type { pageActors } from "./actors.js";
import type { pageDiagram } from "./diagram-view.js";
import type { LogActor, LogFilter, pageLog } from "./log.js";
import type { ActorTitle, pageNames } from "./names.js";
import type { pageSequence } from "./sequence.js";

/** The parts `html.ts` hands the page. */
export interface PageParts {
  readonly names: typeof pageNames;
  readonly log: typeof pageLog;
  readonly actors: typeof pageActors;
  readonly diagram: typeof pageDiagram;
  readonly sequence: typeof pageSequence;
}

/** The page's entry point; `html.ts` runs it as `(inspectorPage)(parts)`. */
export function inspectorPage(parts: PageParts): void {
  type JsonValue = PageActor["value"];

  const MAX_LOG_ENTRIES = 400;
  const MAX_LOG_ROWS = 200;
  const MAX_VIEWS = 64;

  const byId = (id: string): HTMLElement => {
    const element = document.getElementById(id);
    if (element === null) throw new Error(`#${id} is missing from the page`);
    return element;
  };
  const checkbox = (id: string): HTMLInputElement => byId(id) as HTMLInputElement;
  const statusEl = byId("status");
  const producersEl = byId("producers");
  const attachEl = byId("attach");
  const droppedEl = byId("dropped");
  const actorListEl = byId("actor-list");
  const titleEl = byId("selected-title");
  const actorStatusEl = byId("actor-status");
  const stateEl = byId("state-text");
  const scrubEl = byId("scrub");
  const scrubTextEl = byId("scrub-text");
  const contextEl = byId("context");
  const logEl = byId("log");
  const sequenceEl = byId("sequence");
  const logTabEl = byId("tab-log");
  const sequenceTabEl = byId("tab-sequence");
  const followEl = byId("follow");
  const filters = {
    events: checkbox("filter-events"),
    commands: checkbox("filter-commands"),
    operations: checkbox("filter-operations"),
    selected: checkbox("log-filter"),
  };

  const names = parts.names();
  const logView = parts.log(names);
  const actorsView = parts.actors(names);
  const sequenceView = parts.sequence(names);

  const actors = new Map<string, PageActor>();
  const definitions = new Map<string, PageDefinition>();
  /** Identities seen per actor (a stopped client forgets its connection; the page does not). */
  const identities = new Map<string, string>();
  let logEntries: PageLogEntry[] = [];
  let selected: string | undefined;
  /** The user clicked an actor: stop auto-selecting. */
  let pinned = false;
  /** Showing the selected actor as it was at this snapshot (a log line's `seq`), not live. */
  let scrubSeq: number | undefined;
  /** Views of diagrams (definition id | folded paths) the relay drew, and those asked for. */
  const views = new Map<string, { readonly svg: string | null; readonly error?: string }>();
  const requested = new Set<string>();
  /** The user's fold (true) and unfold (false) choices, per definition. */
  const choices = new Map<string, Map<string, boolean>>();
  const expandedRepeats = new Set<number>();
  let allFinished = false;
  let showSequence = false;
  let socket: WebSocket | undefined;
  let retryDelay = 250;

  const producerUrl = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}`;
  attachEl.textContent = `producers attach with inspect: "${producerUrl}"`;

  const diagram = parts.diagram(
    names,
    { viewport: byId("diagram"), canvas: byId("canvas"), zoomLabel: byId("zoom-level") },
    {
      onToggle(path, fold) {
        const definitionId = selectedActor()?.definitionId;
        if (definitionId === undefined) return;
        const mine = choices.get(definitionId) ?? new Map<string, boolean>();
        mine.set(path, fold);
        choices.set(definitionId, mine);
        renderSelected();
      },
      onFollow(following) {
        followEl.classList.toggle("on", following);
        followEl.setAttribute("aria-pressed", String(following));
      },
    },
  );

  const selectedActor = (): PageActor | undefined =>
    selected === undefined ? undefined : actors.get(selected);
  const definitionOf = (actor: PageActor | undefined): PageDefinition | undefined =>
    actor?.definitionId === undefined ? undefined : definitions.get(actor.definitionId);
  const titleOf = (actor: PageActor): ActorTitle =>
    names.actorTitle(actor, definitionOf(actor)?.machineId, identities);
  const who = (sessionId: string): LogActor => {
    const actor = actors.get(sessionId);
    const definition = definitionOf(actor);
    return {
      label: actor === undefined ? sessionId : titleOf(actor).label,
      machineId: definition?.machineId,
      definition,
    };
  };

  /** The snapshot shown while scrubbing, if it is still in the log. */
  const scrubEntry = (): PageLogEntry | undefined =>
    scrubSeq === undefined ? undefined : logEntries.find((entry) => entry.seq === scrubSeq);

  /**
   * The actor to show when the user has not chosen one: a live client first, else the oldest live
   * machine (a client's machine is created before any of its operations).
   */
  const autoSelect = (): void => {
    const current = selectedActor();
    if (current !== undefined && (pinned || current.status === "active")) return;
    let best: PageActor | undefined;
    const rank = (actor: PageActor): number =>
      (actor.status === "active" ? 2 : 0) + (titleOf(actor).role === "client" ? 1 : 0);
    for (const actor of actors.values()) {
      if (actor.definitionId === undefined) continue;
      if (
        best === undefined ||
        rank(actor) > rank(best) ||
        (rank(actor) === rank(best) && actor.createdAt < best.createdAt)
      )
        best = actor;
    }
    if (best !== undefined && best.sessionId !== selected) {
      selected = best.sessionId;
      scrubSeq = undefined;
    }
  };

  /**
   * The compound states to fold: the default view's, except the states active in `value` (a
   * parallel state's regions stay folded: their boxes name their active states), then the user's
   * own choices.
   */
  const foldedFor = (definition: PageDefinition, value: JsonValue): string[] => {
    const kinds = new Map(definition.tree.map((state) => [state.path, state.kind]));
    const folded = new Set(definition.folded);
    for (const path of names.statePaths(value).all) {
      const parent = path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "";
      if (kinds.get(parent) !== "parallel") folded.delete(path);
    }
    for (const [path, fold] of choices.get(definition.id) ?? []) {
      if (fold) folded.add(path);
      else folded.delete(path);
    }
    return [...folded].sort();
  };

  const requestView = (definitionId: string, folded: readonly string[], key: string): void => {
    if (requested.has(key) || socket?.readyState !== WebSocket.OPEN) return;
    requested.add(key);
    const request: PageRequest = { type: "view", definitionId, folded };
    socket.send(JSON.stringify(request));
  };

  const renderDiagram = (actor: PageActor | undefined, value: JsonValue): void => {
    if (actor === undefined) {
      diagram.note(
        `No actor yet. Attach a producer: new WebPubSubClient(url, { inspect: "${producerUrl}" }), ` +
          `or wps connect --emulator --inspect ${producerUrl}`,
      );
      return;
    }
    const definition = definitionOf(actor);
    if (definition === undefined || definition.error !== undefined || definition.tree.length === 0) {
      diagram.note(
        definition?.error ??
          (actor.definitionId === undefined ? "Not a state machine: no diagram." : "Drawing…"),
      );
      return;
    }
    const folded = foldedFor(definition, value);
    const key = `${definition.id}|${folded.join(",")}`;
    const view = folded.length === 0 ? { svg: definition.svg } : views.get(key);
    if (view === undefined) requestView(definition.id, folded, key);
    if (view?.error !== undefined) diagram.note(view.error);
    else if (view?.svg != null) diagram.show(key, view.svg, definition);
    // While a new view is being drawn the last one of the same machine stays, highlighted as it can.
    else if (!diagram.shown?.startsWith(`${definition.id}|`)) diagram.note("Drawing…");
    diagram.highlight(value);
  };

  const renderSelected = (): void => {
    const actor = selectedActor();
    const scrub = actor === undefined ? undefined : scrubEntry();
    const value = scrub?.value ?? actor?.value ?? null;
    byId("diagram").dataset["sessionId"] = actor?.sessionId ?? "";
    if (actor === undefined) {
      titleEl.textContent = "Waiting for a producer";
      actorStatusEl.textContent = "";
      actorStatusEl.className = "";
      stateEl.textContent = "";
      contextEl.textContent = "";
    } else {
      const definition = definitionOf(actor);
      titleEl.textContent = titleOf(actor).label;
      // The badge says where a live actor is (the state all its active states are in), else how it ended.
      const summary = names.stateSummary(value);
      const where = summary.includes(" (") ? summary.slice(0, summary.indexOf(" (")) : summary;
      actorStatusEl.textContent =
        actor.status === "active" ? where : actor.status === "disconnected" ? "producer gone" : actor.status;
      actorStatusEl.className = `badge status-${actor.status}`;
      const event = scrub?.eventType ?? actor.lastEvent;
      stateEl.textContent =
        summary + (event === undefined ? "" : `   ← ${names.eventName(event, definition)}`);
      contextEl.textContent =
        scrub !== undefined ? "(the context is shown live only)" : prettyJson(actor.context);
    }
    scrubEl.hidden = scrub === undefined;
    if (scrub !== undefined) scrubTextEl.textContent = `As it was at ${names.time(scrub.at)}`;
    renderDiagram(actor, value);
  };

  const prettyJson = (text: string | undefined): string => {
    if (text === undefined) return "";
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  };

  const currentFilter = (): LogFilter => ({
    events: filters.events.checked,
    commands: filters.commands.checked,
    operations: filters.operations.checked,
    only: filters.selected.checked ? selected : undefined,
  });

  /**
   * The client the selected actor belongs to, its own actors, and (when its producer runs only
   * it) that producer's operations: the cast of the sequence view.
   */
  const family = (): { root: string; members: Set<string>; operations: Set<string> } | undefined => {
    let actor = selectedActor();
    while (actor?.parentId !== undefined && actors.has(actor.parentId)) actor = actors.get(actor.parentId);
    if (actor === undefined) return undefined;
    const producer = actor.producer;
    const inProducer = [...actors.values()].filter((other) => other.producer === producer);
    const clients = inProducer.filter((other) => titleOf(other).role === "client");
    if (titleOf(actor).role === "operation") {
      if (clients.length !== 1) return { root: actor.sessionId, members: new Set(), operations: new Set() };
      actor = clients[0]!;
    }
    const root = actor.sessionId;
    const members = new Set<string>();
    const operations = new Set<string>();
    for (const other of inProducer) {
      if (other.sessionId === root) continue;
      let up = other;
      while (up.parentId !== undefined && up.parentId !== root && actors.has(up.parentId))
        up = actors.get(up.parentId)!;
      if (up.parentId === root) members.add(other.sessionId);
      else if (clients.length === 1 && titleOf(other).role === "operation") operations.add(other.sessionId);
    }
    return { root, members, operations };
  };

  const renderSequence = (): void => {
    const cast = family();
    if (cast === undefined) {
      sequenceEl.replaceChildren();
      return;
    }
    const { lanes, steps } = sequenceView.steps(logEntries, cast.root, cast.members, cast.operations, who);
    sequenceView.render(sequenceEl, lanes, steps);
  };

  const renderLog = (): void => {
    if (showSequence) {
      renderSequence();
      return;
    }
    const filter = currentFilter();
    const lines = logEntries.flatMap((entry) => logView.line(entry, who, filter) ?? []);
    const rows = logView.rows(lines);
    logView.render(logEl, rows.slice(-MAX_LOG_ROWS), expandedRepeats, scrubSeq);
  };

  const renderActors = (): void => {
    actorsView.render(actorListEl, actorsView.arrange(actors.values(), titleOf), selected, allFinished);
  };

  const render = (): void => {
    autoSelect();
    renderActors();
    renderSelected();
    renderLog();
  };

  const apply = (message: PageMessage): void => {
    if (message.type === "view") {
      const key = `${message.definitionId}|${message.folded.join(",")}`;
      requested.delete(key);
      views.set(
        key,
        message.error === undefined ? { svg: message.svg } : { svg: message.svg, error: message.error },
      );
      if (views.size > MAX_VIEWS) views.delete(views.keys().next().value!);
      renderSelected();
      return;
    }
    if (message.type === "hello") {
      actors.clear();
      definitions.clear();
      views.clear();
      requested.clear();
      logEntries = [];
      scrubSeq = undefined;
    }
    for (const definition of message.definitions) definitions.set(definition.id, definition);
    for (const actor of message.actors) actors.set(actor.sessionId, actor);
    if (message.type === "update") for (const id of message.removed) actors.delete(id);
    logEntries = logEntries.concat(message.log);
    if (logEntries.length > MAX_LOG_ENTRIES * 2) logEntries = logEntries.slice(-MAX_LOG_ENTRIES);
    producersEl.textContent = `${message.producers} producer${message.producers === 1 ? "" : "s"} connected`;
    droppedEl.textContent = message.dropped > 0 ? `${message.dropped} events dropped by senders` : "";
    render();
  };

  /** Shows `sessionId` as it was at the log entry `seq` (its latest snapshot at or before it). */
  const scrubTo = (sessionId: string, seq: number): void => {
    let found: PageLogEntry | undefined;
    for (const entry of logEntries) {
      if (entry.seq > seq) break;
      if (entry.sessionId === sessionId && entry.kind === "snapshot") found = entry;
    }
    selected = sessionId;
    pinned = true;
    scrubSeq = found?.seq;
    render();
  };

  /** The previous (`-1`) or next (`+1`) snapshot of the scrubbed actor; past the newest: live. */
  const step = (direction: -1 | 1): void => {
    const actor = selectedActor();
    if (actor === undefined) return;
    const snapshots = logEntries.filter(
      (entry) => entry.sessionId === actor.sessionId && entry.kind === "snapshot",
    );
    if (snapshots.length === 0) return;
    const at =
      scrubSeq === undefined ? snapshots.length : snapshots.findIndex((entry) => entry.seq === scrubSeq);
    const next = at + direction;
    if (next >= snapshots.length) scrubSeq = undefined;
    else scrubSeq = snapshots[Math.max(0, next)]!.seq;
    render();
  };

  actorListEl.addEventListener("click", (event) => {
    const target = event.target as Element | null;
    if (target?.closest("[data-action=toggle-finished]")) {
      allFinished = !allFinished;
      renderActors();
      return;
    }
    const item = target?.closest("li.actor");
    const id = item instanceof HTMLElement ? item.dataset["sessionId"] : undefined;
    if (id === undefined) return;
    selected = id;
    pinned = true;
    scrubSeq = undefined;
    render();
  });
  logEl.addEventListener("click", (event) => {
    const target = event.target as Element | null;
    const repeat = target?.closest("li.log-repeat");
    if (repeat instanceof HTMLElement) {
      const id = Number(repeat.dataset["repeat"]);
      if (expandedRepeats.has(id)) expandedRepeats.delete(id);
      else expandedRepeats.add(id);
      renderLog();
      return;
    }
    const line = target?.closest("li.log-line");
    if (line instanceof HTMLElement && line.dataset["sessionId"] !== undefined) {
      scrubTo(line.dataset["sessionId"], Number(line.dataset["seq"]));
    }
  });
  for (const input of Object.values(filters)) input.addEventListener("change", renderLog);
  const showTab = (sequence: boolean): void => {
    showSequence = sequence;
    logTabEl.classList.toggle("on", !sequence);
    sequenceTabEl.classList.toggle("on", sequence);
    logEl.hidden = sequence;
    sequenceEl.hidden = !sequence;
    byId("log-filters").hidden = sequence;
    // A sequence needs room for its lanes; the diagram follows into the space left.
    document.body.classList.toggle("wide-log", sequence);
    window.dispatchEvent(new Event("resize"));
    renderLog();
  };
  logTabEl.addEventListener("click", () => showTab(false));
  sequenceTabEl.addEventListener("click", () => showTab(true));
  byId("scrub-prev").addEventListener("click", () => step(-1));
  byId("scrub-next").addEventListener("click", () => step(1));
  byId("scrub-live").addEventListener("click", () => {
    scrubSeq = undefined;
    render();
  });
  followEl.addEventListener("click", () => diagram.follow());
  byId("fit").addEventListener("click", () => diagram.fit());
  byId("zoom-in").addEventListener("click", () => diagram.zoom(1.2));
  byId("zoom-out").addEventListener("click", () => diagram.zoom(1 / 1.2));
  byId("actual").addEventListener("click", () => diagram.actual());
  document.addEventListener("keydown", (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "[") step(-1);
    else if (event.key === "]") step(1);
    else if (event.key === "Escape" && scrubSeq !== undefined) {
      scrubSeq = undefined;
      render();
    } else return;
    event.preventDefault();
  });

  const setStatus = (text: string, state: string): void => {
    statusEl.textContent = text;
    statusEl.className = `status-${state}`;
    document.body.dataset["relay"] = state;
  };

  const connect = (): void => {
    const ws = new WebSocket(`${producerUrl}/page-socket`);
    socket = ws;
    setStatus("connecting to the relay…", "connecting");
    ws.addEventListener("open", () => {
      retryDelay = 250;
      setStatus("live", "open");
    });
    ws.addEventListener("message", (event: MessageEvent) => {
      if (typeof event.data !== "string") return;
      apply(JSON.parse(event.data) as PageMessage);
    });
    ws.addEventListener("close", () => {
      socket = undefined;
      requested.clear();
      setStatus("relay unreachable — retrying", "closed");
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 5000);
    });
  };

  render();
  connect();
}
