/**
 * The inspector page in a real browser: headless Debian Chromium shows a live client, its
 * diagram's highlighted state follows connecting → connected → (dropped) recovering → connected;
 * and at 1400×1000 the active state's name is in view and legible without scrolling, states fold
 * and unfold on a click, the actor list names the client's user, and the log's filters work.
 *
 * Needs `/usr/bin/chromium` (`apt-get install -y chromium`). Without it `npm test` skips the test
 * (and says so at the end); `npm run test:all` and CI fail it rather than hide it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startInspectorRelay } from "../../src/inspect/relay.js";
import { requirement } from "../support/requirements.js";
import {
  highlighted,
  measureLabel,
  settled,
  startScenario,
  waitForHighlight,
  type Scenario,
} from "./scenario.js";

const chromium = requirement("chromium");

describe.skipIf(!chromium.run)("inspector page in headless Chromium", () => {
  let scenario: Scenario | undefined;

  afterEach(async () => {
    await scenario?.close();
    scenario = undefined;
  });

  it("highlights the client's state live: connecting → connected → recovering → connected", async () => {
    chromium.assertPresent();
    scenario = await startScenario();
    const { page, client, emulator, relay } = scenario;

    // Any request that leaves 127.0.0.1 would mean the page is not self-contained.
    const external: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.hostname !== "127.0.0.1" && url.protocol !== "data:") external.push(request.url());
    });

    await page.goto(relay.pageUrl);
    await page.locator("body[data-relay=open]").waitFor({ timeout: 10_000 });

    // The URL is held back: the client sits in connecting.resolvingUrl.
    const started = client.start();
    await waitForHighlight(
      page,
      ["running", "running.connecting", "running.connecting.resolvingUrl"],
      ["running.connected"],
    );
    await page
      .locator("#actor-list li.selected .actor-name", { hasText: /^client$/ })
      .waitFor({ timeout: 10_000 });

    scenario.releaseUrl();
    await started;
    await waitForHighlight(
      page,
      ["running", "running.connected", "running.connected.keepAlive", "running.connected.sequenceAck"],
      ["running.connecting"],
    );
    const connectionId = client.connectionId;
    expect(connectionId).toBeDefined();

    // Operation actors show up in the list, by kind and ackId (the runtime names them).
    await client.joinGroup("lobby");
    await client.sendToGroup("lobby", { hello: "world" }, "json");
    await page
      .locator("#actor-list li.actor", {
        has: page.locator(".actor-name", { hasText: /^operation$/ }),
        hasText: /sendToGroup \(ackId \d+\)/,
      })
      .first()
      .waitFor({ timeout: 10_000 });

    // Cut the TCP link; refuse upgrades for 2 s meanwhile so that `recovering` lasts long enough
    // to be seen (the refusal's Retry-After tells the client to come back in a second).
    emulator.faults.refuseConnections(2000);
    expect(emulator.faults.drop(connectionId!)).toBe(true);
    await waitForHighlight(page, ["running.recovering"], ["running.connected"]);
    expect(await highlighted(page)).toContain("running");

    await waitForHighlight(page, ["running.connected"], ["running.recovering"]);
    expect(client.connectionId).toBe(connectionId);

    // The log shows the transitions, newest first.
    await page.locator("#log li").first().waitFor({ timeout: 10_000 });
    const log = await page.locator("#log").innerText();
    expect(log).toContain("SOCKET.CLOSED");
    expect(log).toContain("running.recovering");
    expect(external).toEqual([]);
  }, 30_000);

  it("at 1400×1000: the active state's name is in view at ≥ 11 px, states fold and unfold, the user is named, filters change the log", async () => {
    chromium.assertPresent();
    scenario = await startScenario({ viewport: { width: 1400, height: 1000 } });
    const { page, client, relay } = scenario;
    const report: string[] = [];
    const legible = async (path: string): Promise<void> => {
      await settled(page);
      const label = await measureLabel(page, path);
      report.push(
        `${path} "${label.text}": ${label.height.toFixed(1)} px high, font ${label.fontPx.toFixed(1)} px`,
      );
      expect(label.inView, `${path}'s name is outside the view: ${JSON.stringify(label)}`).toBe(true);
      expect(label.pageScrolls).toBe(false);
      expect(label.height).toBeGreaterThanOrEqual(11);
    };

    // A page with nothing to show says how to attach a producer, with the option's value.
    const empty = await startInspectorRelay({ port: 0 });
    try {
      await page.goto(empty.pageUrl);
      await page
        .locator("#canvas .note", { hasText: `inspect: "${empty.url}"` })
        .waitFor({ timeout: 10_000 });
    } finally {
      await empty.close();
    }

    await page.goto(relay.pageUrl);
    await page.locator("body[data-relay=open]").waitFor({ timeout: 10_000 });
    const started = client.start();
    await waitForHighlight(page, ["running.connecting.resolvingUrl"]);
    await legible("running.connecting.resolvingUrl");
    scenario.releaseUrl();
    await started;
    await client.joinGroup("lobby");
    await client.sendToGroup("lobby", { hello: "world" }, "json");
    await waitForHighlight(
      page,
      ["running.connected", "running.connected.keepAlive"],
      ["running.connecting"],
    );
    for (const region of ["keepAlive", "liveness", "sequenceAck"])
      await legible(`running.connected.${region}`);

    // The header and the actor list name the client by its user; the header says where it is.
    await page.locator("#actor-list li.actor.selected .actor-identity", { hasText: "alice" }).waitFor();
    await expect.poll(() => page.locator("#selected-title").innerText()).toContain("client alice");
    expect(await page.locator("#state-text").innerText()).toContain("running.connected");

    // Unfold a folded region with a click: its states appear, the active one marked; fold it back.
    const keepAlive = '#diagram g[data-path="running.connected.keepAlive"]';
    await page.locator(`${keepAlive}[data-fold="folded"]`).click();
    await page.locator(`${keepAlive}[data-fold="open"]`).waitFor({ timeout: 10_000 });
    const inside = page.locator('#diagram g.active-leaf[data-path^="running.connected.keepAlive."]');
    await inside.first().waitFor({ timeout: 10_000 });
    await legible((await inside.first().getAttribute("data-path"))!);
    await page.locator(`${keepAlive}[data-fold="open"] > text`).first().click();
    await page.locator(`${keepAlive}[data-fold="folded"]`).waitFor({ timeout: 10_000 });
    expect(await inside.count()).toBe(0);

    // Filters change the log: socket commands and events are off by default, operations on.
    const lines = page.locator("#log li.log-line");
    await lines.first().waitFor();
    const categories = async (): Promise<Set<string>> =>
      new Set(
        (await lines.evaluateAll((items) => items.map((item) => item.className))).flatMap((name: string) =>
          name.split(" ").filter((part: string) => part.startsWith("cat-")),
        ),
      );
    expect(await categories()).toEqual(new Set(["cat-state", "cat-operation"]));
    await page.locator("#filter-commands").check();
    await expect.poll(categories).toContain("cat-command");
    expect(await page.locator("#log").innerText()).toMatch(/socket ← (OPEN|WRITE|WATCH)/);
    await page.locator("#filter-events").check();
    await expect.poll(categories).toContain("cat-event");
    await page.locator("#filter-operations").uncheck();
    await expect.poll(categories).not.toContain("cat-operation");

    // A click on a line shows the chart as it was then; "live" comes back.
    await page.locator("#log li.log-line", { hasText: "running.connecting.resolvingUrl" }).first().click();
    await page.locator("#scrub:not([hidden])").waitFor();
    await waitForHighlight(page, ["running.connecting.resolvingUrl"], ["running.connected"]);
    await page.locator("#scrub-live").click();
    await waitForHighlight(page, ["running.connected"], ["running.connecting"]);

    // The sequence view: the client's lanes, with the commands it sends its socket.
    await page.locator("#tab-sequence").click();
    await page.locator("#sequence .seq-head", { hasText: "socket" }).waitFor();
    await page
      .locator("#sequence .seq-msg.to-right", { hasText: /^(OPEN|WRITE|WATCH)$/ })
      .first()
      .waitFor();
    await page.locator("#tab-log").click();

    console.log(`[inspector at 1400×1000]\n  ${report.join("\n  ")}`);
  }, 40_000);
});
