/**
 * End to end in headless Debian Chromium (`playwright-core`, never a downloaded browser): a page
 * bundled from the package's browser entry talks to the local emulator on 127.0.0.1 alongside a
 * Node client — text, JSON and binary both ways, a network drop (recovered, nothing lost), an
 * expired session (reconnected, rejoined), going offline and back online (attempt at once, not
 * after the backoff), a laptop sleep (`page.clock.fastForward`: an immediate ping), and
 * `pagehide` (a clean 1000 close, no session left to recover).
 *
 * The page bundle is built here with esbuild and the browser build's plugin, so the test does
 * not depend on `npm run build`. No sleeps: every wait is for a condition, with a timeout.
 * Without /usr/bin/chromium `npm test` skips the suite (and says so); `npm run test:all` fails it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, requirement } from "../support/requirements.js";
import { browserModules } from "../../scripts/browser-build.js";
import { WebPubSubClient } from "../../src/client.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import type { GroupDataMessage } from "../../src/protocol/messages.js";
import type { WebPubSubClientOptions } from "../../src/types.js";
import type { PageRecord } from "./page/entry.js";

const chromiumBrowser = requirement("chromium");

const here = path.dirname(fileURLToPath(import.meta.url));
const ROLES = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"];
const GROUP = "room";

/** The page client's timings: quick recovery, no periodic keep-alive (pings only when probed). */
const PAGE_OPTIONS: WebPubSubClientOptions = {
  recoveryRetryOptions: { retryDelayInMs: 20, maxRetryDelayInMs: 100 },
  reconnectRetryOptions: { retryDelayInMs: 20, maxRetryDelayInMs: 100 },
  keepAliveIntervalInMs: 0,
  keepAliveTimeoutInMs: 0,
  pongTimeoutInMs: 3000,
};
const NODE_OPTIONS: WebPubSubClientOptions = { ...PAGE_OPTIONS };

let emu: Emulator;
let server: Server;
let baseUrl: string;
let context: BrowserContext;
let workDir: string;
const emulatorLog: string[] = [];
const cleanups: Array<() => Promise<void> | void> = [];
let hubs = 0;

async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    // A poll interval, not a fixed wait: the condition decides, the deadline bounds it.
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
  }
}

function record(page: Page): Promise<PageRecord> {
  return page.evaluate(() => window.wpm.record);
}

async function openPage(options: WebPubSubClientOptions = PAGE_OPTIONS, hub = `browser${++hubs}`) {
  const page = await context.newPage();
  cleanups.push(() => page.close());
  page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
  await page.goto(`${baseUrl}/`);
  await page.waitForFunction(() => window.wpm !== undefined);
  const url = await emu.getClientAccessUrl({ hub, roles: ROLES, userId: "browser" });
  await page.evaluate(({ url, options }) => window.wpm.start(url, options), { url, options });
  await page.evaluate((group) => window.wpm.joinGroup(group), GROUP);
  const connectionId = await page.evaluate(() => window.wpm.connectionId());
  if (connectionId === undefined) throw new Error("the page has no connection id");
  return { page, hub, connectionId };
}

async function nodePeer(hub: string) {
  const client = new WebPubSubClient(
    { getClientAccessUrl: () => emu.getClientAccessUrl({ hub, roles: ROLES, userId: "node" }) },
    NODE_OPTIONS,
  );
  cleanups.push(() => client[Symbol.asyncDispose]());
  const received: GroupDataMessage[] = [];
  client.on("group-message", ({ message }) => {
    if (message.fromUserId === "browser") received.push(message);
  });
  await client.start();
  await client.joinGroup(GROUP);
  return { client, received };
}

const fromNode = (r: PageRecord) => r.messages.filter((m) => m.fromUserId === "node");

describe.skipIf(!chromiumBrowser.run)("browser end to end (headless Chromium)", () => {
  beforeAll(async () => {
    chromiumBrowser.assertPresent();
    workDir = mkdtempSync(path.join(os.tmpdir(), "wpm-browser-"));
    const bundling = build({
      entryPoints: [path.join(here, "page", "entry.ts")],
      outfile: path.join(workDir, "page.js"),
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      logLevel: "silent",
      plugins: [browserModules()],
    });
    emu = await startEmulator({
      port: 0,
      host: "127.0.0.1",
      recoveryWindowMs: 30_000,
      logLevel: "info",
      logger: (_level, message) => emulatorLog.push(message),
    });
    await bundling;
    const script = await readFile(path.join(workDir, "page.js"));
    server = createServer((request, response) => {
      if (request.url === "/page.js") {
        response.writeHead(200, { "content-type": "text/javascript" }).end(script);
      } else if (request.url === "/") {
        response
          .writeHead(200, { "content-type": "text/html" })
          .end('<!doctype html><title>wpm</title><script type="module" src="/page.js"></script>');
      } else {
        response
          .writeHead(200, { "content-type": "text/html" })
          .end("<!doctype html><title>elsewhere</title>");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    context = await chromium.launchPersistentContext(path.join(workDir, "profile"), {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    });
  }, 30_000);

  afterEach(async () => {
    await context.setOffline(false);
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await emu?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it("connects, joins, and exchanges text, JSON and binary with a Node client both ways", async () => {
    const { page, hub, connectionId } = await openPage();
    expect(emu.connections(hub).find((c) => c.connectionId === connectionId)?.groups).toEqual([GROUP]);
    const peer = await nodePeer(hub);

    await peer.client.sendToGroup(GROUP, "hello from node", "text");
    await peer.client.sendToGroup(GROUP, { n: 1, list: [true, null, "é"] }, "json");
    await peer.client.sendToGroup(GROUP, new Uint8Array([0, 1, 127, 128, 255]).buffer, "binary");
    const got = await waitFor("3 messages in the page", async () => {
      const messages = fromNode(await record(page));
      return messages.length >= 3 && messages;
    });
    expect(got.map((m) => [m.dataType, m.bytes ?? m.data])).toEqual([
      ["text", "hello from node"],
      ["json", { n: 1, list: [true, null, "é"] }],
      ["binary", [0, 1, 127, 128, 255]],
    ]);

    await page.evaluate((group) => window.wpm.send(group, "text", ["hello from the page"]), GROUP);
    await page.evaluate((group) => window.wpm.send(group, "json", [{ from: "page", ok: true }]), GROUP);
    await page.evaluate((group) => window.wpm.send(group, "binary", [[9, 8, 7, 0, 255]]), GROUP);
    await waitFor("3 messages in Node", () => peer.received.length >= 3);
    expect(
      peer.received.map((m) => [
        m.dataType,
        m.data instanceof ArrayBuffer ? [...new Uint8Array(m.data)] : m.data,
      ]),
    ).toEqual([
      ["text", "hello from the page"],
      ["json", { from: "page", ok: true }],
      ["binary", [9, 8, 7, 0, 255]],
    ]);
    expect((await record(page)).states).toEqual(["stopped", "connecting", "connected"]);
  });

  it("faults.drop: recovers the same connection, nothing lost in either direction, in order", async () => {
    const { page, hub, connectionId } = await openPage();
    const peer = await nodePeer(hub);
    expect(emu.faults.drop(connectionId)).toBe(true);
    // Both sides send while the page's link is down or coming back.
    const fromPage = Array.from({ length: 10 }, (_, i) => `p${i}`);
    const pageSends = page.evaluate(({ group, items }) => window.wpm.send(group, "text", items), {
      group: GROUP,
      items: fromPage,
    });
    const fromNodeItems = Array.from({ length: 20 }, (_, i) => `n${i}`);
    for (const item of fromNodeItems) await peer.client.sendToGroup(GROUP, item, "text");
    await pageSends;

    const r = await waitFor("20 messages and recovered in the page", async () => {
      const current = await record(page);
      return (
        fromNode(current).length >= 20 && current.events.includes(`recovered:${connectionId}`) && current
      );
    });
    await waitFor("10 messages in Node", () => peer.received.length >= 10);
    expect(fromNode(r).map((m) => m.data)).toEqual(fromNodeItems);
    expect(peer.received.map((m) => m.data)).toEqual(fromPage);
    expect(r.events).toEqual([
      `connected:${connectionId}`,
      `recovering:${connectionId}`,
      `recovered:${connectionId}`,
    ]);
    expect(r.states).toEqual(["stopped", "connecting", "connected", "recovering", "connected"]);
    expect(await page.evaluate(() => window.wpm.connectionId())).toBe(connectionId);
  });

  it("faults.expire: reconnects with a new connection id and rejoins the group", async () => {
    const { page, hub, connectionId } = await openPage();
    const peer = await nodePeer(hub);
    expect(emu.faults.expire(connectionId)).toBe(true);
    const fresh = await waitFor("a new connection", async () => {
      const id = await page.evaluate(() =>
        window.wpm.state() === "connected" ? window.wpm.connectionId() : undefined,
      );
      return id !== undefined && id !== connectionId && id;
    });
    expect(emu.connections(hub).find((c) => c.connectionId === fresh)?.groups).toEqual([GROUP]);
    await peer.client.sendToGroup(GROUP, "after the expiry", "text");
    const r = await waitFor("the message on the new connection", async () => {
      const current = await record(page);
      return fromNode(current).some((m) => m.data === "after the expiry") && current;
    });
    expect(r.events).toEqual([
      `connected:${connectionId}`,
      `recovering:${connectionId}`,
      `disconnected:${connectionId}:1008`,
      `connected:${fresh}`,
    ]);
    expect(r.states).toEqual([
      "stopped",
      "connecting",
      "connected",
      "recovering",
      "reconnecting",
      "connecting",
      "connected",
    ]);
  });

  it("offline then online: recovers at once when the network is back, not after the 30 s backoff", async () => {
    const { page, connectionId } = await openPage({
      ...PAGE_OPTIONS,
      recoveryRetryOptions: { retryDelayInMs: 30_000, maxRetryDelayInMs: 30_000, jitter: 0 },
      reconnectRetryOptions: { retryDelayInMs: 30_000, maxRetryDelayInMs: 30_000, jitter: 0 },
    });
    await context.setOffline(true);
    // Headless Chromium fires `offline`/`online` for context.setOffline (checked here, not assumed).
    await waitFor("the offline event", async () => (await record(page)).network.includes("offline"));
    // The network is gone for the service too; the page's recovery attempt fails while offline.
    emu.faults.drop(connectionId);
    await waitFor(
      "recovery waiting out its 30 s delay",
      () => page.evaluate(() => window.wpm.matches("running.recovering.waiting")),
      10_000,
    );
    const back = Date.now();
    await context.setOffline(false);
    const r = await waitFor("recovered", async () => {
      const current = await record(page);
      return current.events.includes(`recovered:${connectionId}`) && current;
    });
    const took = Date.now() - back;
    expect(r.network).toEqual(["offline", "online"]);
    expect(took).toBeLessThan(5000);
    expect(r.states.slice(-2)).toEqual(["recovering", "connected"]);
  });

  it("a sleep (the wall clock jumps ten minutes) sends a ping at once and keeps the live connection", async () => {
    const page = await context.newPage();
    cleanups.push(() => page.close());
    // Fake time that keeps flowing; `fastForward` is the laptop lid closed and opened again.
    await page.clock.install();
    await page.goto(`${baseUrl}/`);
    await page.waitForFunction(() => window.wpm !== undefined);
    const hub = `browser${++hubs}`;
    const url = await emu.getClientAccessUrl({ hub, roles: ROLES, userId: "browser" });
    await page.evaluate(({ url, options }) => window.wpm.start(url, options), { url, options: PAGE_OPTIONS });
    const before = await record(page);
    expect(before.written.filter((w) => w.type === "ping")).toEqual([]);

    await page.clock.fastForward(600_000);
    const r = await waitFor("a probe answered", async () => {
      const current = await record(page);
      return (
        current.written.some((w) => w.type === "ping") &&
        current.values.some((v) => v.includes('"liveness":"probing"')) &&
        current.values.at(-1)?.includes('"liveness":"assumed"') === true &&
        current
      );
    });
    expect(r.written.filter((w) => w.type === "ping")).toHaveLength(1);
    expect(r.states).toEqual(["stopped", "connecting", "connected"]);
    expect(r.events.filter((e) => e.startsWith("recovering"))).toEqual([]);
  });

  it("pagehide stops the client cleanly: the service sees 1000 and keeps no session to recover", async () => {
    const { page, hub, connectionId } = await openPage();
    expect(emu.connections(hub).map((c) => c.connectionId)).toEqual([connectionId]);
    await page.goto(`${baseUrl}/elsewhere`);
    await waitFor("the connection gone", () => emu.connections(hub).length === 0, 5000);
    expect(emulatorLog).toContain(`connection ${connectionId} removed: socket closed (1000)`);
  });
});
