/**
 * The inspector relay: a page that connects late sees the current picture; diagrams are drawn
 * server-side with a state-path → node-id map that matches the SVG; Stately's own inspector
 * format is accepted; memory is bounded.
 */
import { once } from "node:events";
import { connect } from "node:net";
import WebSocket from "ws";
import { assign, createActor, createMachine } from "xstate";
import { afterEach, describe, expect, it } from "vitest";
import { startInspectorRelay, type InspectorRelay } from "../../src/inspect/relay.js";
import { createInspectorSender, type InspectorSender } from "../../src/inspect/sender.js";
import {
  PAGE_SOCKET_PATH,
  type PageActor,
  type PageDefinition,
  type PageMessage,
} from "../../src/inspect/protocol.js";
import { clientMachine } from "../../machines/client.machine.js";

/** A page's view, built from the relay's messages as the real page builds it. */
class PageProbe {
  readonly actors = new Map<string, PageActor>();
  readonly definitions = new Map<string, PageDefinition>();
  /** Answers to view requests: `definitionId|folded,paths` → the message. */
  readonly views = new Map<string, Extract<PageMessage, { type: "view" }>>();
  readonly messages: PageMessage[] = [];
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as PageMessage;
      this.messages.push(message);
      if (message.type === "view") {
        this.views.set(`${message.definitionId}|${message.folded.join(",")}`, message);
      } else {
        for (const definition of message.definitions) this.definitions.set(definition.id, definition);
        for (const actor of message.actors) this.actors.set(actor.sessionId, actor);
        if (message.type === "update") for (const id of message.removed) this.actors.delete(id);
      }
      for (const waiter of [...this.waiters]) waiter();
    });
  }

  static async open(relay: InspectorRelay): Promise<PageProbe> {
    const socket = new WebSocket(`${relay.url}${PAGE_SOCKET_PATH}`);
    const probe = new PageProbe(socket);
    await once(socket, "open");
    return probe;
  }

  until(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((waiter) => waiter !== check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== check);
        reject(new Error(`timed out; actors: ${JSON.stringify([...this.actors.values()])}`));
      }, timeoutMs);
      this.waiters.push(check);
      check();
    });
  }

  close(): void {
    this.socket.close();
  }
}

const light = createMachine({
  id: "light",
  initial: "green",
  states: {
    green: { on: { NEXT: "yellow" } },
    yellow: { on: { NEXT: "red" } },
    red: {
      initial: "walk",
      states: { walk: { on: { COUNTDOWN: "wait" } }, wait: {} },
      on: { NEXT: "green" },
    },
  },
});

let relay: InspectorRelay | undefined;
let sender: InspectorSender | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  sender?.stop();
  sender = undefined;
  await relay?.close();
  relay = undefined;
});

describe("startInspectorRelay", () => {
  it("serves the self-contained page on 127.0.0.1", async () => {
    relay = await startInspectorRelay({ port: 0 });
    expect(relay.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(relay.pageUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('id="diagram"');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/); // nothing fetched from elsewhere
    expect((await fetch(new URL("/nope", relay.pageUrl))).status).toBe(404);
  });

  it("gives a page that connects late the current state, and the diagram with its state map", async () => {
    relay = await startInspectorRelay({ port: 0 });
    sender = createInspectorSender(relay.url);
    const actor = createActor(light, { inspect: sender.inspect }).start();
    cleanups.push(() => actor.stop());
    actor.send({ type: "NEXT" });
    actor.send({ type: "NEXT" });
    actor.send({ type: "COUNTDOWN" });

    // A first page waits for the events to have reached the relay; a second page, opened
    // afterwards, must get everything in its hello.
    const early = await PageProbe.open(relay);
    cleanups.push(() => early.close());
    await early.until(() => JSON.stringify(early.actors.get(actor.sessionId)?.value) === '{"red":"wait"}');

    const late = await PageProbe.open(relay);
    cleanups.push(() => late.close());
    await late.until(() => late.messages.length > 0);
    const hello = late.messages[0]!;
    if (hello.type !== "hello") throw new Error(`the first message is ${hello.type}, not hello`);
    const shown = hello.actors.find((a) => a.sessionId === actor.sessionId);
    expect(shown).toMatchObject({
      name: "light",
      status: "active",
      value: { red: "wait" },
      lastEvent: "COUNTDOWN",
    });
    expect(hello.log.map((line) => line.eventType)).toEqual(expect.arrayContaining(["NEXT", "COUNTDOWN"]));

    await late.until(() => late.definitions.get(shown!.definitionId!)?.svg != null);
    const definition = late.definitions.get(shown!.definitionId!)!;
    expect(definition.machineId).toBe("light");
    expect(definition.states).toEqual({
      green: "green",
      yellow: "yellow",
      red: "red",
      "red.walk": "walk",
      "red.wait": "wait",
    });
    // Atomic states are graphviz nodes titled with the id, compound ones clusters titled cluster_<id>.
    expect(definition.svg).toContain("<title>wait</title>");
    expect(definition.svg).toContain("<title>cluster_red</title>");
  });

  it("maps every state of the client machine to a node or cluster of its SVG", async () => {
    relay = await startInspectorRelay({ port: 0 });
    sender = createInspectorSender(relay.url);
    const page = await PageProbe.open(relay);
    cleanups.push(() => page.close());
    // Not started: only its @xstate.actor (with the definition) is needed.
    const actor = createActor(clientMachine, {
      input: { config: {} as never },
      inspect: sender.inspect,
    });
    await page.until(() =>
      [...page.definitions.values()].some((d) => d.machineId === "client" && d.svg !== null),
    );
    const definition = [...page.definitions.values()].find((d) => d.machineId === "client")!;
    expect(definition.error).toBeUndefined();
    const paths = Object.keys(definition.states);
    expect(paths).toEqual(
      expect.arrayContaining([
        "stopped",
        "running",
        "running.connecting",
        "running.connecting.resolvingUrl",
        "running.connected",
        "running.connected.keepAlive.idle",
        "running.recovering",
        "running.recovering.attempting",
      ]),
    );
    for (const [path, id] of Object.entries(definition.states)) {
      const drawn =
        definition.svg!.includes(`<title>${id}</title>`) ||
        definition.svg!.includes(`<title>cluster_${id}</title>`);
      expect(drawn, `${path} → ${id} is not in the SVG`).toBe(true);
    }
    expect(actor.sessionId).toBeTruthy();
  });

  it("draws views with compound states folded on a page's request, and says what a default view folds", async () => {
    relay = await startInspectorRelay({ port: 0 });
    sender = createInspectorSender(relay.url);
    const page = await PageProbe.open(relay);
    cleanups.push(() => page.close());
    createActor(clientMachine, {
      input: { config: {} as never },
      inspect: sender.inspect,
    });
    await page.until(() =>
      [...page.definitions.values()].some((d) => d.machineId === "client" && d.svg !== null),
    );
    const definition = [...page.definitions.values()].find((d) => d.machineId === "client")!;
    // The default view of the client unfolds `running` and folds what is inside it.
    expect(definition.folded).toEqual(
      expect.arrayContaining(["running.connecting", "running.connected", "running.recovering"]),
    );
    expect(definition.folded).not.toContain("running");
    expect(definition.tree.find((state) => state.path === "running.connected")?.kind).toBe("parallel");
    expect(
      definition.tree.find((state) => state.path === "running.connecting.resolvingUrl")?.invokes,
    ).toEqual(["resolveUrl"]);

    const folded = ["running.connected", "running.recovering"];
    page.socket.send(JSON.stringify({ type: "view", definitionId: definition.id, folded }));
    const key = `${definition.id}|${folded.join(",")}`;
    await page.until(() => page.views.has(key));
    const view = page.views.get(key)!;
    expect(view.error).toBeUndefined();
    // Folded: one node of its own (class "collapsed"), nothing inside it drawn.
    expect(view.svg).toMatch(/<g id="[^"]+" class="node collapsed">\s*<title>recovering<\/title>/);
    expect(view.svg).toContain("states inside");
    expect(view.svg).not.toContain("<title>attempting</title>");
    expect(view.svg).not.toContain("<title>cluster_connected</title>");
    // Unfolded: a cluster with its states.
    expect(view.svg).toContain("<title>cluster_connecting</title>");
    expect(view.svg).toContain("<title>resolvingUrl</title>");

    // Unknown definitions get an error; garbage is ignored.
    page.socket.send("not json");
    page.socket.send(JSON.stringify({ type: "view", definitionId: 5, folded: [] }));
    page.socket.send(JSON.stringify({ type: "view", definitionId: "nope", folded: [] }));
    await page.until(() => page.views.has("nope|"));
    expect(page.views.get("nope|")!.error).toMatch(/not \(or no longer\) known/);
    expect([...page.views.keys()].sort()).toEqual([key, "nope|"].sort());
  });

  it("keeps a client's identity after its context forgets it, for pages that open later", async () => {
    relay = await startInspectorRelay({ port: 0 });
    sender = createInspectorSender(relay.url);
    const client = createMachine({
      id: "client",
      types: {} as { context: { connection: { userId: string; connectionId: string } | undefined } },
      context: { connection: undefined },
      initial: "stopped",
      states: {
        stopped: {
          on: {
            CONNECTED: {
              target: "connected",
              actions: assign({ connection: { userId: "erin", connectionId: "c0ffee12345" } }),
            },
          },
        },
        connected: { on: { STOP: { target: "stopped", actions: assign({ connection: undefined }) } } },
      },
    });
    const actor = createActor(client, { inspect: sender.inspect }).start();
    cleanups.push(() => actor.stop());
    actor.send({ type: "CONNECTED" });
    actor.send({ type: "STOP" });
    const late = await PageProbe.open(relay);
    cleanups.push(() => late.close());
    await late.until(() => late.actors.get(actor.sessionId)?.lastEvent === "STOP");
    const shown = late.actors.get(actor.sessionId)!;
    expect(shown.context).toBe("{}"); // the connection is gone from the context…
    expect(shown.identity).toBe("erin · conn c0ffee…"); // …not from the inspector
  });

  it("marks log lines of snapshots that left the state where it was", async () => {
    relay = await startInspectorRelay({ port: 0 });
    sender = createInspectorSender(relay.url);
    const page = await PageProbe.open(relay);
    cleanups.push(() => page.close());
    const counter = createMachine({
      id: "counter",
      context: { n: 0 },
      initial: "idle",
      states: {
        idle: { on: { BUMP: { actions: assign({ n: ({ context }) => context.n + 1 }) }, GO: "busy" } },
        busy: {},
      },
    });
    const actor = createActor(counter, { inspect: sender.inspect }).start();
    cleanups.push(() => actor.stop());
    actor.send({ type: "BUMP" });
    actor.send({ type: "GO" });
    await page.until(() => page.actors.get(actor.sessionId)?.value === "busy");
    const lines = page.messages.flatMap((message) => (message.type === "view" ? [] : message.log));
    const snapshots = lines.filter((line) => line.kind === "snapshot" && line.sessionId === actor.sessionId);
    expect(snapshots.map((line) => [line.eventType, line.changed])).toEqual([
      ["xstate.init", true],
      ["BUMP", false],
      ["GO", true],
    ]);
  });

  it("accepts @statelyai/inspect's createWebSocketInspector as a producer", async () => {
    relay = await startInspectorRelay({ port: 0 });
    const page = await PageProbe.open(relay);
    cleanups.push(() => page.close());
    const { createWebSocketInspector } = await import("@statelyai/inspect");
    const inspector = createWebSocketInspector({ url: relay.url });
    cleanups.push(() => inspector.stop());
    const actor = createActor(light, { inspect: inspector.inspect }).start();
    cleanups.push(() => actor.stop());
    actor.send({ type: "NEXT" });
    await page.until(() => page.actors.get(actor.sessionId)?.value === "yellow");
    const shown = page.actors.get(actor.sessionId)!;
    expect(shown.name).toBe("light");
    await page.until(() => page.definitions.get(shown.definitionId!)?.svg != null);
  });

  it("keeps at most maxActors, forgetting finished ones first", async () => {
    relay = await startInspectorRelay({ port: 0, maxActors: 3 });
    sender = createInspectorSender(relay.url);
    const page = await PageProbe.open(relay);
    cleanups.push(() => page.close());
    const live = createActor(light, { inspect: sender.inspect }).start();
    cleanups.push(() => live.stop());
    const finished: string[] = [];
    for (let i = 0; i < 5; i++) {
      const actor = createActor(light, { inspect: sender.inspect }).start();
      finished.push(actor.sessionId);
      actor.stop();
    }
    await page.until(
      () => page.actors.has(finished[4]!) && page.actors.get(finished[4]!)?.status === "stopped",
    );
    expect(page.actors.size).toBe(3);
    expect(page.actors.has(live.sessionId)).toBe(true);
    expect([...page.actors.keys()]).toEqual(expect.arrayContaining([finished[3], finished[4]]));
  });

  it("marks a producer's actors disconnected when it goes away", async () => {
    relay = await startInspectorRelay({ port: 0 });
    const page = await PageProbe.open(relay);
    cleanups.push(() => page.close());
    sender = createInspectorSender(relay.url);
    const actor = createActor(light, { inspect: sender.inspect }).start();
    cleanups.push(() => actor.stop());
    await page.until(() => page.actors.get(actor.sessionId)?.status === "active");
    expect(relay.producers).toBe(1);
    sender.stop();
    await page.until(() => page.actors.get(actor.sessionId)?.status === "disconnected");
  });

  it("closes promptly while a browser holds a connection it has not used yet", async () => {
    const closing = await startInspectorRelay({ port: 0 });
    // Chromium opens spare connections ahead of need; one that has sent nothing is not idle to
    // Node, and server.close() alone would wait for it until the headers timeout (a minute).
    const spare = connect(closing.port, "127.0.0.1");
    cleanups.push(() => spare.destroy());
    await once(spare, "connect");
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outcome = await Promise.race([
      closing.close().then(() => "closed"),
      new Promise<string>((resolve) => (timer = setTimeout(() => resolve("still open after 5 s"), 5000))),
    ]);
    clearTimeout(timer);
    expect(outcome).toBe("closed");
  });

  it("ignores garbage from producers", async () => {
    relay = await startInspectorRelay({ port: 0 });
    const page = await PageProbe.open(relay);
    cleanups.push(() => page.close());
    const producer = new WebSocket(relay.url);
    cleanups.push(() => producer.close());
    await once(producer, "open");
    producer.send("not json");
    producer.send(
      JSON.stringify([null, 1, { type: "@xstate.snapshot" }, { type: "@xstate.actor", sessionId: 5 }]),
    );
    producer.send(
      JSON.stringify({
        type: "@xstate.actor",
        sessionId: "x:9",
        name: "bad",
        definition: '{"initial": "nope", "states": {"a": {}}}',
        snapshot: {},
      }),
    );
    await page.until(() => page.actors.has("x:9"));
    const id = page.actors.get("x:9")!.definitionId!;
    await page.until(() => page.definitions.get(id)?.error !== undefined);
    expect(page.definitions.get(id)!.error).toMatch(/could not be drawn/);
  });
});
