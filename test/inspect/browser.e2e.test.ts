/**
 * The inspector page in a real browser: headless Debian Chromium shows a live client, its
 * diagram's highlighted state follows connecting → connected → (dropped) recovering → connected.
 *
 * Needs `/usr/bin/chromium` (`apt-get install -y chromium`). Without it the test is skipped,
 * except in CI (`CI` set), where a missing browser must fail the run rather than hide it.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  chromiumAvailable,
  CHROMIUM_PATH,
  highlighted,
  startScenario,
  waitForHighlight,
  type Scenario,
} from "./scenario.js";

const available = chromiumAvailable();
const inCi = process.env["CI"] !== undefined && process.env["CI"] !== "" && process.env["CI"] !== "false";

if (!available && !inCi) {
  console.warn(
    `[inspector browser test] skipped: no Chromium at ${CHROMIUM_PATH}. ` +
      "Install it with `apt-get install -y chromium` (CI must), or set CHROMIUM_PATH.",
  );
}

describe.skipIf(!available && !inCi)("inspector page in headless Chromium", () => {
  let scenario: Scenario | undefined;

  afterEach(async () => {
    await scenario?.close();
    scenario = undefined;
  });

  it("highlights the client's state live: connecting → connected → recovering → connected", async () => {
    if (!available) {
      throw new Error(
        `CI is set but there is no Chromium at ${CHROMIUM_PATH}: .ci/run must apt-get install chromium`,
      );
    }
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
});
