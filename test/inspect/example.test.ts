/**
 * `examples/statelyai-inspect.ts` runs as documented and exits by itself: with our relay
 * listening (the @statelyai/inspect path, whose events reach the relay) and with nothing
 * listening (our sender's path). Its type-checking is `npm run typecheck` (tsconfig includes examples/).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { afterEach, describe, expect, it } from "vitest";
import { startInspectorRelay, type InspectorRelay } from "../../src/inspect/relay.js";
import { PAGE_SOCKET_PATH, type PageActor, type PageMessage } from "../../src/inspect/protocol.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const EXAMPLE = fileURLToPath(new URL("../../examples/statelyai-inspect.ts", import.meta.url));

async function runExample(
  inspectorUrl: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", EXAMPLE], {
    cwd: ROOT,
    env: { ...process.env, INSPECTOR_URL: inspectorUrl },
    stdio: "pipe",
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  // A hang is the failure this guards against: kill it and let the assertion say so.
  const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  const [code] = (await once(child, "exit")) as [number | null];
  clearTimeout(killer);
  return { code, stdout, stderr };
}

let relay: InspectorRelay | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

describe("examples/statelyai-inspect.ts", () => {
  it("with a relay listening: @statelyai/inspect delivers the client's actors, and the process exits", async () => {
    relay = await startInspectorRelay({ port: 0 });
    const page = new WebSocket(`${relay.url}${PAGE_SOCKET_PATH}`);
    const actors = new Map<string, PageActor>();
    page.on("message", (data) => {
      const message = JSON.parse(String(data)) as PageMessage;
      if (message.type === "view") return;
      for (const actor of message.actors) actors.set(actor.sessionId, actor);
    });
    await once(page, "open");
    const run = await runExample(relay.url);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("with @statelyai/inspect");
    // The client actor's last state reached the relay before the example exited.
    const seen = (): PageActor | undefined => [...actors.values()].find((actor) => actor.name === "client");
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no stopped client reached the page: ${JSON.stringify([...actors.values()].map((a) => [a.name, a.value]))}`,
            ),
          ),
        5000,
      );
      const check = (): void => {
        if (seen()?.value !== "stopped") return;
        clearTimeout(timer);
        page.off("message", check);
        resolve();
      };
      page.on("message", check);
      check();
    });
    page.close();
  }, 30_000);

  it("with nothing listening: falls back to our sender and still exits", async () => {
    const probe = createServer().listen(0, "127.0.0.1");
    await once(probe, "listening");
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const run = await runExample(`ws://127.0.0.1:${port}`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("used our sender");
  }, 30_000);
});
