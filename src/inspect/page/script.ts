/**
 * The inspector page's script. It runs in the browser, not in Node: `html.ts` inlines this
 * function's source (`inspectorPage.toString()`), so the page is one self-contained document that
 * tsup bundles with the CLI and that works offline. Hence the rules for this file:
 * - everything lives inside {@link inspectorPage} (no imports, no module-level helpers: only the
 *   function's own text reaches the browser); types are erased, so `import type` is fine;
 * - plain DOM APIs, no framework.
 *
 * What it does: keeps the relay's picture (actors, diagrams, log) in memory, lists the actors,
 * shows the selected actor's diagram with its active states highlighted, and the event log.
 */
import type { PageActor, PageDefinition, PageLogEntry, PageMessage } from "../protocol.js";

/** The page's entry point; `html.ts` runs it as `(inspectorPage)()`. */
export function inspectorPage(): void {
  type JsonValue = PageActor["value"];

  const MAX_LOG_LINES = 200;
  const MAX_FINISHED_SHOWN = 100;

  const actors = new Map<string, PageActor>();
  const definitions = new Map<string, PageDefinition>();
  let selected: string | undefined;
  /** The user clicked an actor: stop auto-selecting. */
  let pinned = false;
  let shownDefinition: string | undefined;
  let shownSvg: string | null = null;
  /** `<title>` text → its `<g class="node|cluster">`, for the diagram on screen. */
  let diagramIndex = new Map<string, Element>();
  let highlighted: Element[] = [];
  let logLines: PageLogEntry[] = [];
  let retryDelay = 250;

  const byId = (id: string): HTMLElement => {
    const element = document.getElementById(id);
    if (element === null) throw new Error(`#${id} is missing from the page`);
    return element;
  };
  const statusEl = byId("status");
  const producersEl = byId("producers");
  const droppedEl = byId("dropped");
  const actorListEl = byId("actor-list");
  const titleEl = byId("selected-title");
  const stateEl = byId("state-text");
  const diagramEl = byId("diagram");
  const contextEl = byId("context");
  const logEl = byId("log");
  const logFilterEl = byId("log-filter") as HTMLInputElement;
  const zoomEl = byId("zoom");

  /** `snapshot.value` → every active state path, parents first: `{a: {b: "c"}}` → a, a.b, a.b.c. */
  const statePaths = (value: JsonValue, prefix = ""): { all: string[]; leaves: string[] } => {
    const all: string[] = [];
    const leaves: string[] = [];
    const walk = (node: JsonValue, at: string): void => {
      if (typeof node === "string") {
        const path = at === "" ? node : `${at}.${node}`;
        all.push(path);
        leaves.push(path);
        return;
      }
      if (typeof node !== "object" || node === null || Array.isArray(node)) return;
      const keys = Object.keys(node);
      if (keys.length === 0 && at !== "") leaves.push(at);
      for (const key of keys) {
        const path = at === "" ? key : `${at}.${key}`;
        all.push(path);
        walk(node[key] ?? null, path);
      }
    };
    walk(value, prefix);
    return { all, leaves };
  };

  const stateText = (actor: PageActor): string => {
    const { leaves } = statePaths(actor.value);
    return leaves.length > 0 ? leaves.join(" | ") : actor.value === null ? "" : JSON.stringify(actor.value);
  };

  const shortId = (sessionId: string): string => sessionId;

  const nameOf = (sessionId: string): string => {
    const actor = actors.get(sessionId);
    return actor === undefined ? sessionId : `${actor.name} ${shortId(sessionId)}`;
  };

  const time = (at: number): string => {
    const d = new Date(at);
    const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
    return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  };

  /**
   * The actor to show when the user has not chosen one: the oldest live machine (a client's
   * machine is created before any of its operations). A choice is kept while that actor lives.
   */
  const autoSelect = (): void => {
    const current = selected === undefined ? undefined : actors.get(selected);
    if (current !== undefined && (pinned || current.status === "active")) return;
    let best: PageActor | undefined;
    for (const actor of actors.values()) {
      if (actor.definitionId === undefined) continue;
      const live = actor.status === "active";
      const bestLive = best?.status === "active";
      if (
        best === undefined ||
        (live && !bestLive) ||
        (live === bestLive && actor.createdAt < best.createdAt)
      ) {
        best = actor;
      }
    }
    if (best !== undefined) selected = best.sessionId;
  };

  const renderActorList = (): void => {
    const live: PageActor[] = [];
    const finished: PageActor[] = [];
    for (const actor of actors.values()) (actor.status === "active" ? live : finished).push(actor);
    live.sort((a, b) => a.createdAt - b.createdAt);
    finished.sort((a, b) => b.updatedAt - a.updatedAt);
    const fragment = document.createDocumentFragment();
    const item = (actor: PageActor): void => {
      const li = document.createElement("li");
      li.dataset["sessionId"] = actor.sessionId;
      li.className = `actor status-${actor.status}${actor.sessionId === selected ? " selected" : ""}${actor.definitionId === undefined ? " no-diagram" : ""}`;
      const name = document.createElement("span");
      name.className = "actor-name";
      name.textContent = actor.name;
      const id = document.createElement("span");
      id.className = "actor-id";
      id.textContent = shortId(actor.sessionId);
      const state = document.createElement("span");
      state.className = "actor-state";
      state.textContent =
        actor.status === "active" ? stateText(actor) : `${stateText(actor)} (${actor.status})`;
      li.append(name, " ", id, state);
      fragment.append(li);
    };
    live.forEach(item);
    if (finished.length > 0) {
      const heading = document.createElement("li");
      heading.className = "group-heading";
      heading.textContent = `finished (${finished.length})`;
      fragment.append(heading);
      finished.slice(0, MAX_FINISHED_SHOWN).forEach(item);
    }
    actorListEl.replaceChildren(fragment);
  };

  const clearHighlight = (): void => {
    for (const element of highlighted) element.classList.remove("active", "active-leaf");
    highlighted = [];
  };

  const renderSelected = (): void => {
    const actor = selected === undefined ? undefined : actors.get(selected);
    if (actor === undefined) {
      titleEl.textContent = "No actor yet: start a client with the inspect option";
      stateEl.textContent = "";
      contextEl.textContent = "";
      diagramEl.replaceChildren();
      diagramEl.dataset["activeStates"] = "";
      shownDefinition = undefined;
      shownSvg = null;
      return;
    }
    titleEl.textContent = `${actor.name} ${shortId(actor.sessionId)} — ${actor.status}`;
    const definition = actor.definitionId === undefined ? undefined : definitions.get(actor.definitionId);
    const svg = definition?.svg ?? null;
    if (actor.definitionId !== shownDefinition || svg !== shownSvg) {
      shownDefinition = actor.definitionId;
      shownSvg = svg;
      highlighted = [];
      diagramIndex = new Map();
      if (svg !== null) {
        // The SVG was drawn by the relay from the machine's definition (Graphviz escapes labels).
        diagramEl.innerHTML = svg;
        diagramEl.querySelectorAll("g.node, g.cluster").forEach((group) => {
          const title = group.querySelector(":scope > title")?.textContent;
          if (title) diagramIndex.set(title, group);
        });
      } else {
        const note = document.createElement("p");
        note.className = "note";
        note.textContent =
          definition?.error ??
          (actor.definitionId === undefined ? "Not a state machine: no diagram." : "Drawing…");
        diagramEl.replaceChildren(note);
      }
    }
    clearHighlight();
    const { all, leaves } = statePaths(actor.value);
    const states = definition?.states ?? {};
    const leafSet = new Set(leaves);
    for (const path of all) {
      const nodeId = states[path];
      if (nodeId === undefined) continue;
      const element = diagramIndex.get(nodeId) ?? diagramIndex.get(`cluster_${nodeId}`);
      if (element === undefined) continue;
      element.classList.add("active");
      if (leafSet.has(path)) element.classList.add("active-leaf");
      highlighted.push(element);
    }
    diagramEl.dataset["activeStates"] = leaves.join(" ");
    diagramEl.dataset["sessionId"] = actor.sessionId;
    stateEl.textContent = stateText(actor) + (actor.lastEvent ? `   (after ${actor.lastEvent})` : "");
    contextEl.textContent = actor.context === undefined ? "" : prettyJson(actor.context);
  };

  const prettyJson = (text: string): string => {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  };

  const logText = (entry: PageLogEntry): string => {
    const who = nameOf(entry.sessionId);
    if (entry.kind === "snapshot") {
      const state = entry.value === undefined ? "" : statePaths(entry.value).leaves.join(" | ");
      return `${who}  ⇒ ${state}  (${entry.eventType})`;
    }
    const from = entry.sourceId === undefined ? "" : `  from ${nameOf(entry.sourceId)}`;
    return `${who}  ← ${entry.eventType}${from}`;
  };

  const renderLog = (): void => {
    const onlySelected = logFilterEl.checked;
    const fragment = document.createDocumentFragment();
    let shown = 0;
    for (let i = logLines.length - 1; i >= 0 && shown < MAX_LOG_LINES; i--) {
      const entry = logLines[i]!;
      if (onlySelected && entry.sessionId !== selected) continue;
      const li = document.createElement("li");
      li.className = `log-${entry.kind}`;
      const at = document.createElement("time");
      at.textContent = time(entry.at);
      li.append(at, ` ${logText(entry)}`);
      fragment.append(li);
      shown++;
    }
    logEl.replaceChildren(fragment);
  };

  const render = (): void => {
    autoSelect();
    renderActorList();
    renderSelected();
    renderLog();
  };

  const apply = (message: PageMessage): void => {
    if (message.type === "hello") {
      actors.clear();
      definitions.clear();
      logLines = [];
      shownDefinition = undefined;
      shownSvg = null;
    }
    for (const definition of message.definitions) definitions.set(definition.id, definition);
    for (const actor of message.actors) actors.set(actor.sessionId, actor);
    if (message.type === "update") for (const id of message.removed) actors.delete(id);
    logLines = logLines.concat(message.log);
    if (logLines.length > MAX_LOG_LINES * 2) logLines = logLines.slice(-MAX_LOG_LINES);
    producersEl.textContent = `${message.producers} producer${message.producers === 1 ? "" : "s"} connected`;
    droppedEl.textContent = message.dropped > 0 ? `${message.dropped} events dropped by senders` : "";
    render();
  };

  actorListEl.addEventListener("click", (event) => {
    const target = (event.target as Element | null)?.closest("li.actor");
    const id = target instanceof HTMLElement ? target.dataset["sessionId"] : undefined;
    if (id === undefined) return;
    selected = id;
    pinned = true;
    render();
  });
  logFilterEl.addEventListener("change", renderLog);
  zoomEl.addEventListener("click", () => {
    // Large machines are unreadable when fitted to the width: let the user see them 1:1 and scroll.
    const natural = diagramEl.classList.toggle("natural");
    zoomEl.textContent = natural ? "fit width" : "natural size";
  });

  const setStatus = (text: string, state: string): void => {
    statusEl.textContent = text;
    statusEl.className = `status-${state}`;
    document.body.dataset["relay"] = state;
  };

  const connect = (): void => {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(`${scheme}//${location.host}/page-socket`);
    setStatus("connecting to the relay…", "connecting");
    socket.addEventListener("open", () => {
      retryDelay = 250;
      setStatus("live", "open");
    });
    socket.addEventListener("message", (event: MessageEvent) => {
      if (typeof event.data !== "string") return;
      apply(JSON.parse(event.data) as PageMessage);
    });
    socket.addEventListener("close", () => {
      setStatus("relay unreachable — retrying", "closed");
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 5000);
    });
  };

  render();
  connect();
}
