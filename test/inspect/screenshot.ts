/**
 * `npm run inspector:screenshot`: regenerates `visualizations/inspector.png` for the README, from
 * the same scenario as the browser test (a client against the emulator, seen in headless
 * Chromium): connected, a few operations, one dropped link recovered.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumAvailable, CHROMIUM_PATH, startScenario, waitForHighlight } from "./scenario.js";

const OUTPUT = fileURLToPath(new URL("../../visualizations/inspector.png", import.meta.url));

async function main(): Promise<void> {
  if (!chromiumAvailable()) throw new Error(`No Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  const scenario = await startScenario({ viewport: { width: 1920, height: 1080 } });
  try {
    const { page, client, emulator, relay } = scenario;
    await page.goto(relay.pageUrl);
    await page.locator("body[data-relay=open]").waitFor({ timeout: 10_000 });
    scenario.releaseUrl();
    await client.start();
    await client.joinGroup("lobby");
    for (let i = 1; i <= 3; i++) await client.sendToGroup("lobby", { text: `hello #${i}` }, "json");

    // A 2 s refusal: long enough to see `recovering` (its Retry-After says come back in 1 s).
    emulator.faults.refuseConnections(2000);
    emulator.faults.drop(client.connectionId ?? "");
    await waitForHighlight(page, ["cluster_recovering"]);
    await waitForHighlight(page, ["cluster_connected"], ["cluster_recovering"]);
    await client.sendToGroup("lobby", { text: "back again" }, "json");
    await page.locator("#actor-list li.actor", { hasText: "succeeded" }).first().waitFor({ timeout: 10_000 });

    await page.screenshot({ path: OUTPUT, fullPage: false });
    process.stdout.write(`wrote ${path.relative(process.cwd(), OUTPUT)}\n`);
  } finally {
    await scenario.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
