/**
 * The inspector page's pure parts (naming, the log's lines and folding, the actor list's order),
 * run the way the page runs them: from their source text alone, in a context that has nothing of
 * their modules (a part that used a module-level name would fail here before it fails in a browser).
 */
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { pageActors } from "../../src/inspect/page/actors.js";
import { pageLog, type LogActor, type LogFilter, type LogLine } from "../../src/inspect/page/log.js";
import { pageNames, type PageNames } from "../../src/inspect/page/names.js";
import { pageSequence } from "../../src/inspect/page/sequence.js";
import type { PageActor, PageDefinition, PageLogEntry } from "../../src/inspect/protocol.js";

/** Evaluates a part's source text in a fresh context, as the page's inline script does. */
function fromSource<T extends (...args: never[]) => unknown>(part: T): T {
  // A fresh context has its own built-ins and nothing else (`__name`: see html.ts).
  const context = vm.createContext({ __name: (target: unknown) => target });
  return vm.runInContext(`(${part.toString()})`, context) as T;
}

const names: PageNames = fromSource(pageNames)();
const log = fromSource(pageLog)(names);
const actorsPart = fromSource(pageActors)(names);
const sequence = fromSource(pageSequence)(names);

const clientDefinition: PageDefinition = {
  id: "d1",
  machineId: "client",
  svg: null,
  states: {},
  folded: [],
  tree: [
    { path: "running.connecting.resolvingUrl", id: "resolvingUrl", kind: "atomic", invokes: ["resolveUrl"] },
  ],
};

function actor(overrides: Partial<PageActor> & Pick<PageActor, "sessionId">): PageActor {
  return {
    name: "client",
    parentId: undefined,
    rootId: undefined,
    definitionId: "d1",
    producer: 1,
    value: "stopped",
    status: "active",
    context: undefined,
    identity: undefined,
    lastEvent: undefined,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

describe("names", () => {
  it("summarises where a machine is: the state all active leaves share, then the leaves below it", () => {
    const value = { running: { connected: { keepAlive: "idle", liveness: "assumed" } } };
    expect(names.stateSummary(value)).toBe("running.connected (keepAlive.idle, liveness.assumed)");
    expect(names.stateSummary({ running: { recovering: "waiting" } })).toBe("running.recovering.waiting");
    expect(names.stateSummary("stopped")).toBe("stopped");
  });

  it("names XState's own events as the diagrams do", () => {
    expect(names.eventName("xstate.after.recoveryDelay.client.running.recovering.waiting")).toBe(
      "after recoveryDelay",
    );
    expect(names.eventName("xstate.after.1000.door.opening")).toBe("after 1000 ms");
    expect(
      names.eventName("xstate.done.actor.0.client.running.connecting.resolvingUrl", clientDefinition),
    ).toBe("onDone resolveUrl");
    expect(
      names.eventName("xstate.error.actor.0.client.running.connecting.resolvingUrl", clientDefinition),
    ).toBe("onError resolveUrl");
    expect(names.eventName("xstate.done.state.client.running.closing", clientDefinition)).toBe(
      "onDone running.closing",
    );
    expect(names.eventName("xstate.init")).toBe("start");
    expect(names.eventName("SOCKET.CLOSED")).toBe("SOCKET.CLOSED");
  });

  it("calls a client by its user and connection, and keeps calling it so once it forgets them", () => {
    const known = new Map<string, string>();
    const connected = actor({
      sessionId: "x:0",
      context: JSON.stringify({ connection: { userId: "alice", connectionId: "3f2a9c0d1e2b" } }),
    });
    expect(names.actorTitle(connected, "client", known)).toEqual({
      role: "client",
      identity: "alice · conn 3f2a9c…",
      label: "client alice · conn 3f2a9c…",
    });
    const stopped = actor({ sessionId: "x:0", context: JSON.stringify({ connection: null }) });
    expect(names.actorTitle(stopped, "client", known).label).toBe("client alice · conn 3f2a9c…");
    expect(names.actorTitle(actor({ sessionId: "x:9" }), "client", known).label).toBe("client");
  });

  it("calls an operation by its kind (when the runtime names the actor) and its ackId or invocation", () => {
    const known = new Map<string, string>();
    const correlation = (value: object): string => JSON.stringify({ correlation: value });
    const plain = actor({
      sessionId: "x:5",
      name: "operation",
      context: correlation({ kind: "ack", ackId: 17 }),
    });
    expect(names.actorTitle(plain, "operation", known).label).toBe("operation ackId 17");
    const named = actor({
      sessionId: "x:6",
      name: "operation:sendToGroup:17",
      context: correlation({ kind: "ack", ackId: 17 }),
    });
    expect(names.actorTitle(named, "operation", known).label).toBe("operation sendToGroup (ackId 17)");
    const invoke = actor({
      sessionId: "x:7",
      name: "operation",
      context: correlation({ kind: "invoke", invocationId: "abc" }),
    });
    expect(names.actorTitle(invoke, "operation", known).label).toBe("operation invocation abc");
  });

  it("writes durations people read", () => {
    expect(names.duration(85)).toBe("85 ms");
    expect(names.duration(4200)).toBe("4.2 s");
    expect(names.duration(42_000)).toBe("42 s");
    expect(names.duration(185_000)).toBe("3 min 5 s");
  });
});

describe("log", () => {
  const actors: Record<string, LogActor> = {
    "x:0": { label: "client alice", machineId: "client", definition: clientDefinition },
    "x:1": { label: "socket", machineId: undefined, definition: undefined },
    "x:5": { label: "operation ackId 1", machineId: "operation", definition: undefined },
  };
  const who = (id: string): LogActor =>
    actors[id] ?? { label: id, machineId: undefined, definition: undefined };
  let seq = 0;
  const entry = (
    sessionId: string,
    kind: "event" | "snapshot",
    eventType: string,
    extra: Partial<PageLogEntry> = {},
  ) => ({ seq: ++seq, at: seq * 100, sessionId, kind, eventType, ...extra }) as PageLogEntry;
  const filter = (overrides: Partial<LogFilter> = {}): LogFilter => ({
    events: false,
    commands: false,
    operations: false,
    only: undefined,
    ...overrides,
  });
  const texts = (entries: PageLogEntry[], chosen: LogFilter): string[] =>
    entries.flatMap((e) => log.line(e, who, chosen) ?? []).map((line) => line.text);

  const entries = [
    entry("x:0", "event", "SOCKET.CLOSED", { sourceId: "x:1" }),
    entry("x:0", "snapshot", "SOCKET.CLOSED", {
      value: { running: { recovering: "waiting" } },
      changed: true,
    }),
    entry("x:1", "event", "WRITE", { sourceId: "x:0" }),
    entry("x:1", "snapshot", "WRITE", { value: null, changed: false }), // a callback actor's: never shown
    entry("x:0", "snapshot", "MESSAGE.RECEIVED", {
      value: { running: { recovering: "waiting" } },
      changed: false,
    }),
    entry("x:5", "snapshot", "ACK.RECEIVED", { value: "succeeded", changed: true }),
    entry("x:0", "snapshot", "xstate.after.recoveryDelay.client.running.recovering.waiting", {
      value: { running: { recovering: "attempting" } },
      changed: true,
    }),
  ];

  it("shows state changes by default, with their cause in people's words", () => {
    expect(texts(entries, filter())).toEqual([
      "client alice → running.recovering.waiting  (SOCKET.CLOSED)",
      "client alice → running.recovering.attempting  (after recoveryDelay)",
    ]);
  });

  it("adds events, socket commands and operations when asked", () => {
    expect(texts(entries, filter({ events: true }))).toEqual([
      "client alice ← SOCKET.CLOSED  from socket",
      "client alice → running.recovering.waiting  (SOCKET.CLOSED)",
      "client alice stays in running.recovering.waiting on MESSAGE.RECEIVED",
      "client alice → running.recovering.attempting  (after recoveryDelay)",
    ]);
    expect(texts(entries, filter({ commands: true }))).toContain("socket ← WRITE  from client alice");
    const everything = texts(entries, filter({ events: true, commands: true, operations: true }));
    expect(everything.filter((text) => text.startsWith("socket"))).toEqual([
      "socket ← WRITE  from client alice",
    ]);
    expect(texts(entries, filter({ operations: true }))).toContain(
      "operation ackId 1 → succeeded  (ACK.RECEIVED)",
    );
    expect(texts(entries, filter({ operations: true, only: "x:5" }))).toEqual([
      "operation ackId 1 → succeeded  (ACK.RECEIVED)",
    ]);
  });

  const line = (text: string, at: number): LogLine => ({
    entry: { seq: at, at, sessionId: "x:0", kind: "snapshot", eventType: "E" },
    category: "state",
    text,
  });

  it("folds a cycle that repeats back to back into one row with a count", () => {
    const lines = [line("connected", 0)];
    for (let i = 0; i < 5; i++) lines.push(line("attempting", 100 + i * 85), line("waiting", 110 + i * 85));
    lines.push(line("connected", 1000));
    const rows = log.rows(lines);
    expect(
      rows.map((row) =>
        row.kind === "line" ? row.line.text : `${row.count}× ${row.cycle.map((l) => l.text).join("+")}`,
      ),
    ).toEqual(["connected", "5× attempting+waiting", "connected"]);
    const repeat = rows[1]!;
    expect(repeat.kind === "repeat" && repeat.lines.length).toBe(10);
    expect([repeat.first, repeat.last]).toEqual([100, 110 + 4 * 85]);
  });

  it("leaves lines that do not repeat alone, and folds a single repeated line too", () => {
    const distinct = [line("a", 1), line("b", 2), line("a", 3), line("c", 4)];
    expect(log.rows(distinct).every((row) => row.kind === "line")).toBe(true);
    const same = [line("a", 1), line("a", 2), line("a", 3)];
    expect(log.rows(same)).toMatchObject([{ kind: "repeat", count: 3 }]);
  });
});

describe("actor list", () => {
  const titleOf = (a: PageActor) => names.actorTitle(a, a.name === "socket" ? undefined : a.name, new Map());

  it("puts each client's own actors and (one client per producer) its operations beneath it", () => {
    const arranged = actorsPart.arrange(
      [
        actor({ sessionId: "op:2", name: "operation", createdAt: 3 }),
        actor({ sessionId: "c:1", name: "client", createdAt: 1 }),
        actor({ sessionId: "s:1", name: "socket", parentId: "c:1", definitionId: undefined, createdAt: 2 }),
        actor({ sessionId: "c:2", name: "client", producer: 2, createdAt: 4 }),
        actor({ sessionId: "op:1", name: "operation", status: "done", updatedAt: 5 }),
        actor({ sessionId: "op:3", name: "operation", status: "done", updatedAt: 9 }),
      ],
      titleOf,
    );
    expect(arranged.live.map((item) => `${"  ".repeat(item.depth)}${item.actor.sessionId}`)).toEqual([
      "c:1",
      "  s:1",
      "  op:2",
      "c:2",
    ]);
    expect(arranged.finished.map((item) => item.actor.sessionId)).toEqual(["op:3", "op:1"]);
  });
});

describe("sequence", () => {
  const who = (id: string): LogActor => ({
    label: { "c:1": "client alice", "s:1": "socket", "op:1": "operation ackId 1" }[id] ?? id,
    machineId: id === "op:1" ? "operation" : id === "c:1" ? "client" : undefined,
    definition: id === "c:1" ? clientDefinition : undefined,
  });
  const at = (seq: number, sessionId: string, kind: "event" | "snapshot", eventType: string, extra = {}) =>
    ({ seq, at: seq, sessionId, kind, eventType, ...extra }) as PageLogEntry;

  it("draws one client's events between its lanes, and its state changes on its lane", () => {
    const { lanes, steps } = sequence.steps(
      [
        at(1, "c:1", "event", "START"),
        at(2, "c:1", "snapshot", "START", {
          value: { running: { connecting: "resolvingUrl" } },
          changed: true,
        }),
        at(3, "s:1", "event", "OPEN", { sourceId: "c:1" }),
        at(4, "c:1", "event", "SOCKET.OPENED", { sourceId: "s:1" }),
        at(5, "c:1", "snapshot", "SOCKET.OPENED", {
          value: { running: { connecting: "handshaking" } },
          changed: false,
        }),
        at(6, "op:1", "event", "LINK.READY"),
        at(7, "x:9", "event", "OPEN", { sourceId: "x:8" }), // another client's
        at(8, "c:1", "event", "xstate.after.recoveryDelay.client.running.recovering.waiting", {
          sourceId: "c:1",
        }),
      ],
      "c:1",
      new Set(["s:1"]),
      new Set(["op:1"]),
      who,
    );
    expect(lanes.map((lane) => lane.label)).toEqual([
      "app / runtime",
      "client alice",
      "socket",
      "operations",
    ]);
    expect(
      steps.map((step) =>
        step.kind === "state" ? `[${step.lane}] ${step.label}` : `${step.from}→${step.to} ${step.label}`,
      ),
    ).toEqual([
      "0→1 START",
      "[1] → resolvingUrl",
      "1→2 OPEN",
      "2→1 SOCKET.OPENED",
      "0→3 LINK.READY → operation ackId 1",
      "1→1 after recoveryDelay",
    ]);
  });
});
