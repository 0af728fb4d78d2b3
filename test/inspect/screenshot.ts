/**
 * `npm run inspector:screenshot`: regenerates the inspector screenshots in `visualizations/` for
 * the README, from the same scenario as the browser test (a client against the emulator, seen in
 * headless Chromium at 1400×1000):
 * - `inspector.png`: connected, after a few operations;
 * - `inspector-outage.png`: a link that keeps dropping, its recoveries folded into one log line,
 *   seen while the last one waits out a refusal;
 * - `inspector-sequence.png`: back to connected, the sequence view of the client's events.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumAvailable, CHROMIUM_PATH, settled, startScenario, waitForHighlight } from "./scenario.js";

const OUT = fileURLToPath(new URL("../../visualizations/", import.meta.url));

async function main(): Promise<void> {
  if (!chromiumAvailable()) throw new Error(`No Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  const scenario = await startScenario({ viewport: { width: 1400, height: 1000 } });
  const shoot = async (name: string): Promise<void> => {
    await settled(scenario.page);
    await scenario.page.screenshot({ path: path.join(OUT, name), fullPage: false });
    process.stdout.write(`wrote ${path.relative(process.cwd(), path.join(OUT, name))}\n`);
  };
  try {
    const { page, client, emulator, relay } = scenario;
    await page.goto(relay.pageUrl);
    await page.locator("body[data-relay=open]").waitFor({ timeout: 10_000 });
    scenario.releaseUrl();
    await client.start();
    await client.joinGroup("lobby");
    for (let i = 1; i <= 3; i++) await client.sendToGroup("lobby", { text: `hello #${i}` }, "json");
    await waitForHighlight(page, ["running.connected"]);
    await page.locator("#actor-list li.actor", { hasText: "succeeded" }).first().waitFor({ timeout: 10_000 });
    await shoot("inspector.png");

    // A link that keeps dropping: each drop is recovered, and the log folds the cycles into one
    // line. The last drop meets a refusal, so the chart is seen in `recovering`.
    for (let drop = 1; drop <= 4; drop++) {
      const recovered = new Promise<void>((resolve) => {
        const off = client.on("recovered", () => {
          off();
          resolve();
        });
      });
      emulator.faults.drop(client.connectionId ?? "");
      await recovered;
    }
    await page.locator("#log li.log-repeat .count", { hasText: /×[3-9]/ }).waitFor({ timeout: 10_000 });
    emulator.faults.refuseConnections(3000);
    emulator.faults.drop(client.connectionId ?? "");
    await waitForHighlight(page, ["running.recovering"]);
    await shoot("inspector-outage.png");

    await waitForHighlight(page, ["running.connected"], ["running.recovering"], 15_000);
    await client.sendToGroup("lobby", { text: "back again" }, "json");
    await page.locator("#tab-sequence").click();
    await page.locator("#sequence .seq-state", { hasText: "connected" }).last().waitFor({ timeout: 10_000 });
    await shoot("inspector-sequence.png");
  } finally {
    await scenario.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
