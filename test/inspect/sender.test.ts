/**
 * The inspector sender: what it puts on the wire, its bounded buffer, reconnecting, and that it
 * never keeps a process alive.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { WebSocketServer, type WebSocket } from "ws";
import { assign, createActor, createMachine, setup } from "xstate";
import { afterEach, describe, expect, it } from "vitest";
import { createInspectorSender, type InspectorSender } from "../../src/inspect/sender.js";

type Message = Record<string, unknown> & { type: string };

/** A WebSocket server on an ephemeral port that records every message it receives. */
async function startSink(port = 0): Promise<{
  url: string;
  port: number;
  messages: Message[];
  frames: number;
  waitFor(predicate: (messages: readonly Message[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}> {
  const wss = new WebSocketServer({ port, host: "127.0.0.1" });
  await once(wss, "listening");
  const messages: Message[] = [];
  const waiters: (() => void)[] = [];
  const sink = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    port: (wss.address() as AddressInfo).port,
    messages,
    frames: 0,
    waitFor(predicate: (messages: readonly Message[]) => boolean, timeoutMs = 5000): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (!predicate(messages)) return;
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(check), 1);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(check), 1);
          reject(new Error(`timed out; got ${messages.map((m) => m.type).join(", ")}`));
        }, timeoutMs);
        waiters.push(check);
        check();
      });
    },
    async close(): Promise<void> {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  wss.on("connection", (socket: WebSocket) => {
    socket.on("message", (data) => {
      sink.frames++;
      const parsed = JSON.parse(String(data)) as Message | Message[];
      messages.push(...(Array.isArray(parsed) ? parsed : [parsed]));
      for (const waiter of [...waiters]) waiter();
    });
  });
  return sink;
}

/** A port that nothing listens on (bound, then released). */
async function deadPort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const toggle = setup({
  types: { context: {} as { count: number; callback: () => number; blobs: string[]; self?: unknown } },
  actions: {
    bump: assign({ count: ({ context }) => context.count + 1 }),
  },
  guards: { isSmall: ({ context }) => context.count < 1000 },
}).createMachine({
  id: "toggle",
  context: () => {
    const context: { count: number; callback: () => number; blobs: string[]; self?: unknown } = {
      count: 0,
      callback: function allocateAckId() {
        return 1;
      },
      // 40 × 500 characters: each string is under the per-string cut, the whole is over the cap.
      blobs: Array.from({ length: 40 }, () => "x".repeat(500)),
    };
    context.self = context; // a cycle
    return context;
  },
  initial: "off",
  states: {
    off: { on: { TOGGLE: { target: "on", guard: "isSmall", actions: "bump" } } },
    on: { on: { TOGGLE: "off" }, after: { 60_000: "off" } },
  },
});

let sender: InspectorSender | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  sender?.stop();
  sender = undefined;
  for (const close of closers.splice(0)) await close();
});

describe("createInspectorSender", () => {
  it("sends @statelyai/inspect-format events; definitions rebuild; contexts are safe and capped", async () => {
    const sink = await startSink();
    closers.push(sink.close);
    sender = createInspectorSender(sink.url, { maxContextChars: 2000 });
    const first = createActor(toggle, { inspect: sender.inspect }).start();
    first.send({ type: "TOGGLE" });
    const second = createActor(toggle, { inspect: sender.inspect }).start();
    await sink.waitFor((messages) =>
      messages.some((m) => m.type === "@xstate.snapshot" && m["sessionId"] === second.sessionId),
    );
    first.stop();
    second.stop();

    const actors = sink.messages.filter((m) => m.type === "@xstate.actor");
    expect(actors.map((m) => m["sessionId"])).toEqual([first.sessionId, second.sessionId]);
    for (const m of sink.messages) {
      expect(m["_version"]).toBe("0.7.2");
      expect(typeof m["createdAt"]).toBe("string");
    }
    // The definition travels once per connection; later actors of the same machine name it by id.
    const [a, b] = actors;
    expect(a!["name"]).toBe("toggle");
    expect(typeof a!["definition"]).toBe("string");
    expect(b!["definition"]).toBeUndefined();
    expect(b!["definitionId"]).toBe(a!["definitionId"]);
    const definition = JSON.parse(a!["definition"] as string) as { context: unknown; states: unknown };
    expect(definition.context).toEqual({ type: "context" }); // functions → { type: name }
    const rebuilt = createMachine(definition as Parameters<typeof createMachine>[0]);
    expect(Object.keys(rebuilt.root.states)).toEqual(["off", "on"]);

    const snapshot = sink.messages.find(
      (m) =>
        m.type === "@xstate.snapshot" &&
        m["sessionId"] === first.sessionId &&
        (m["event"] as Message).type === "TOGGLE",
    ) as unknown as {
      snapshot: { value: unknown; status: string; context: Record<string, unknown> };
      event: { type: string };
    };
    expect(snapshot.event.type).toBe("TOGGLE");
    expect(snapshot.snapshot.value).toBe("on");
    expect(snapshot.snapshot.status).toBe("active");
    // 20 kB of context is over the 2,000-character cap: a marker with a preview instead.
    expect(snapshot.snapshot.context["truncated"]).toBe(true);
    expect(JSON.stringify(snapshot.snapshot.context).length).toBeLessThan(2200);

    const events = sink.messages
      .filter((m) => m.type === "@xstate.event")
      .map((m) => (m["event"] as Message).type);
    expect(events).toContain("TOGGLE");
    // Batched: far fewer frames than messages.
    expect(sink.frames).toBeLessThan(sink.messages.length);
  });

  it("makes contexts JSON-safe: functions, cycles, bigints, buffers", async () => {
    const sink = await startSink();
    closers.push(sink.close);
    sender = createInspectorSender(sink.url);
    const machine = createMachine({
      id: "safe",
      context: {
        fn: function allocateAckId() {
          return 1;
        },
        big: 10n,
        bytes: new Uint8Array(3),
        when: new Date(0),
        list: Array.from({ length: 80 }, (_, i) => i),
      },
      initial: "a",
      states: { a: {} },
    });
    const actor = createActor(machine, { inspect: sender.inspect }).start();
    await sink.waitFor((messages) => messages.some((m) => m.type === "@xstate.snapshot"));
    actor.stop();
    const context = (
      sink.messages.find((m) => m.type === "@xstate.snapshot") as unknown as {
        snapshot: { context: Message };
      }
    ).snapshot.context;
    expect(context["fn"]).toBe("[Function allocateAckId]");
    expect(context["big"]).toBe("10n");
    expect(context["bytes"]).toBe("[Uint8Array 3 bytes]");
    expect(context["when"]).toBe("1970-01-01T00:00:00.000Z");
    expect((context["list"] as unknown[]).length).toBe(51);
    expect((context["list"] as unknown[])[50]).toBe("[… 30 more]");
  });

  it("buffers a bounded number of events while the relay is away, drops the oldest, then delivers", async () => {
    const port = await deadPort();
    sender = createInspectorSender(`ws://127.0.0.1:${port}`, {
      maxBufferedEvents: 10,
      reconnectDelayInMs: 20,
      maxReconnectDelayInMs: 40,
    });
    const actor = createActor(toggle, { inspect: sender.inspect }).start();
    for (let i = 0; i < 30; i++) actor.send({ type: "TOGGLE" });
    actor.stop();
    expect(sender.buffered).toBe(10);
    expect(sender.dropped).toBeGreaterThan(50);
    const dropped = sender.dropped;

    // The relay appears on that port: the sender reconnects and delivers the newest 10.
    const sink = await startSink(port);
    closers.push(sink.close);
    await sink.waitFor((messages) => messages.length >= 11, 10_000);
    expect(sink.messages[0]).toEqual({ type: "@wps.dropped", count: dropped });
    expect(sink.messages.length).toBe(11);
    const last = sink.messages.at(-1)!;
    expect(last.type).toBe("@xstate.snapshot");
    expect((last["snapshot"] as { status: string }).status).toBe("stopped");
    expect(sender.buffered).toBe(0);
    expect(sender.state).toBe("open");
  });

  it("ignores events after stop() and can be stopped twice", async () => {
    const port = await deadPort();
    sender = createInspectorSender(`ws://127.0.0.1:${port}`);
    sender.stop();
    sender.stop();
    createActor(toggle, { inspect: sender.inspect }).start().stop();
    expect(sender.state).toBe("stopped");
    expect(sender.buffered).toBe(0);
  });

  it("refuses a URL that is not ws:, wss:, http: or https:", () => {
    expect(() => createInspectorSender("ftp://127.0.0.1:1")).toThrow(TypeError);
    expect(() => createInspectorSender("not a url")).toThrow(TypeError);
  });

  it.each([
    ["without sender.stop()", "0"],
    ["with sender.stop()", "1"],
  ])(
    "never keeps the process alive when no relay listens (%s)",
    async (_name, stop) => {
      const port = await deadPort();
      const child = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          fileURLToPath(new URL("./fixtures/hang-child.ts", import.meta.url)),
          `ws://127.0.0.1:${port}`,
        ],
        {
          cwd: fileURLToPath(new URL("../..", import.meta.url)),
          env: { ...process.env, SENDER_STOP: stop },
          stdio: "pipe",
        },
      );
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      let doneAt = 0;
      child.stdout.on("data", () => {
        if (doneAt === 0 && stdout.includes("done")) doneAt = Date.now();
      });
      const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      const [code, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
      clearTimeout(killer);
      expect(signal, `the child hung and was killed\nstdout: ${stdout}\nstderr: ${stderr}`).toBeNull();
      expect(code, stderr).toBe(0);
      expect(stdout).toMatch(stop === "1" ? /done stopped/ : /done (waiting|connecting)/);
      // From the end of its work to its exit: no timer or socket of the sender held it.
      expect(Date.now() - doneAt).toBeLessThan(3000);
    },
    20_000,
  );
});
