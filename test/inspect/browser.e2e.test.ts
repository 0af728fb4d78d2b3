/**
 * The inspector page in a real browser: headless Debian Chromium shows a live client, its
 * diagram's highlighted state follows connecting → connected → (dropped) recovering → connected.
 *
 * Needs `/usr/bin/chromium` (`apt-get install -y chromium`). Without it `npm test` skips the test
 * (and says so at the end); `npm run test:all` and CI fail it rather than hide it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { requirement } from "../support/requirements.js";
import { highlighted, startScenario, waitForHighlight, type Scenario } from "./scenario.js";

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
      ["cluster_running", "cluster_connecting", "resolvingUrl"],
      ["cluster_connected"],
    );
    await page
      .locator("#actor-list li.selected .actor-name", { hasText: /^client$/ })
      .waitFor({ timeout: 10_000 });

    scenario.releaseUrl();
    await started;
    await waitForHighlight(
      page,
      ["cluster_running", "cluster_connected", "cluster_keepAlive", "cluster_sequenceAck"],
      ["cluster_connecting"],
    );
    const connectionId = client.connectionId;
    expect(connectionId).toBeDefined();

    // Operation actors show up in the list.
    await client.joinGroup("lobby");
    await client.sendToGroup("lobby", { hello: "world" }, "json");
    await page
      .locator("#actor-list li .actor-name", { hasText: /^operation:/ })
      .first()
      .waitFor({ timeout: 10_000 });

    // Cut the TCP link; refuse upgrades for 2 s meanwhile so that `recovering` lasts long enough
    // to be seen (the refusal's Retry-After tells the client to come back in a second).
    emulator.faults.refuseConnections(2000);
    expect(emulator.faults.drop(connectionId!)).toBe(true);
    await waitForHighlight(page, ["cluster_recovering"], ["cluster_connected"]);
    expect(await highlighted(page)).toContain("cluster_running");

    await waitForHighlight(page, ["cluster_connected"], ["cluster_recovering"]);
    expect(client.connectionId).toBe(connectionId);

    // The log shows the transitions, newest first.
    await page.locator("#log li").first().waitFor({ timeout: 10_000 });
    const log = await page.locator("#log").innerText();
    expect(log).toContain("SOCKET.CLOSED");
    expect(log).toContain("running.recovering");
    expect(external).toEqual([]);
  }, 30_000);
});
