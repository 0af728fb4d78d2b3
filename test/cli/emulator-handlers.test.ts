/**
 * `wps emulator --event-handler` and `--config`: the process calls your app server as the
 * service would, says what it configured, and refuses bad settings as usage mistakes.
 */
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TestClient } from "../emulator/helpers.js";
import { isEvent, startHandlerServer } from "../emulator/handler-server.js";
import type { FakeHandlerServer } from "../emulator/handler-server.js";
import { LineReader, runCli, spawnCli } from "./helpers.js";

describe("wps emulator with event handlers", () => {
  let app: FakeHandlerServer | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** Runs `wps emulator` with `args` until its banner, connects a client with the printed URL, stops it. */
  async function connectThrough(args: readonly string[]): Promise<string> {
    const emulator = spawnCli(["emulator", "--port", "0", "--quiet", ...args]);
    const out = new LineReader(emulator);
    try {
      await out.waitFor((line) => line === "Press Ctrl-C to stop.", 15_000);
      const text = out.lines.join("\n");
      const url = /^ {2}(ws:\/\/127\.0\.0\.1:\d+\/client\/hubs\/chat\?access_token=\S+)$/m.exec(text)?.[1];
      const { client } = await TestClient.open(url!);
      await client.close();
      return text;
    } finally {
      emulator.kill("SIGINT");
      await once(emulator, "close");
    }
  }

  it("--event-handler sends every event of the hub to the URL, and the banner says so", async () => {
    app = await startHandlerServer();
    const text = await connectThrough(["--event-handler", `chat=${app.url}/eventhandler/{event}`]);
    expect(text).toContain(
      `Event handler for hub "chat": ${app.url}/eventhandler/{event} (system events: connect,connected,disconnected; user events: *)`,
    );
    const connect = await app.next(isEvent("connect"));
    expect(connect.path).toBe("/eventhandler/connect");
    await app.next(isEvent("connected"));
  });

  it("--config reads the Microsoft emulator's settings file and reports what it ignores", async () => {
    app = await startHandlerServer();
    dir = mkdtempSync(path.join(os.tmpdir(), "wps-config-"));
    const file = path.join(dir, "appsettings.json");
    writeFileSync(
      file,
      JSON.stringify({
        WebPubSub: {
          Hubs: {
            chat: {
              EventHandlers: [{ UrlTemplate: `${app.url}/api/{hub}/{event}`, SystemEvents: ["connected"] }],
              EventListeners: [],
            },
          },
        },
      }),
    );
    const text = await connectThrough(["--config", file]);
    expect(text).toContain(
      `Event handler for hub "chat": ${app.url}/api/{hub}/{event} (system events: connected; user events: none)`,
    );
    expect(text).toContain(
      "Ignored from --config: WebPubSub.Hubs.chat.EventListeners: Event Hubs listeners need Azure Event Hubs",
    );
    expect((await app.next(isEvent("connected"))).path).toBe("/api/chat/connected");
    expect(app.events("connect")).toEqual([]);
  });

  it("refuses bad handler settings as usage mistakes", async () => {
    const bad = await runCli(["emulator", "--port", "0", "--event-handler", "chat=ftp://x/{event}"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "wps: hubs.chat.eventHandlers[0].urlTemplate: 'ftp://x/{event}' must be an http:// or https:// URL (tunnel:// needs Azure)\n",
    );
    const shape = await runCli(["emulator", "--port", "0", "--event-handler", "http://x/{event}"]);
    expect(shape.code).toBe(2);
    expect(shape.stderr).toMatch(/^wps: --event-handler wants <hub>=<urlTemplate>/);
    const missing = await runCli(["emulator", "--port", "0", "--config", "/nonexistent/settings.json"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("wps: --config: cannot read /nonexistent/settings.json: ENOENT\n");
  });
});
