/**
 * `wps emulator`: its admin route answers a token from `wps token --admin`, and `--no-admin`
 * turns the route off.
 */
import { describe, expect, it } from "vitest";
import { LineReader, runCli, spawnCli } from "./helpers.js";

/** Runs `wps emulator` on a free port until `use` is done, then stops it with Ctrl-C. */
async function withEmulator(
  args: readonly string[],
  use: (endpoint: string, connectionString: string, lines: LineReader) => Promise<void>,
): Promise<void> {
  const child = spawnCli(["emulator", "--port", "0", "--quiet", ...args]);
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  try {
    const lines = new LineReader(child);
    const listening = await lines.waitFor((line) => line.startsWith("Web PubSub emulator listening on "));
    const connection = await lines.waitFor((line) => line.startsWith("Connection string: "));
    await use(
      listening.slice("Web PubSub emulator listening on ".length),
      connection.slice("Connection string: ".length),
      lines,
    );
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  } finally {
    child.kill("SIGKILL");
  }
}

describe("wps emulator", () => {
  it("serves the admin route to a bearer token from `wps token --admin`, and to nothing else", async () => {
    await withEmulator([], async (endpoint, connectionString, lines) => {
      await lines.waitFor((line) => line.startsWith("Admin route (development and tests only): "));
      const minted = await runCli(["token", "--connection-string", connectionString, "--admin"]);
      expect(minted.stderr).toBe("");
      const token = minted.stdout.trim();
      const listed = await fetch(`${endpoint}/admin/connections`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(listed.status).toBe(200);
      expect(await listed.json()).toEqual([]);
      expect((await fetch(`${endpoint}/admin/connections`)).status).toBe(401);
    });
  });

  it("--no-admin does not serve the admin route (404)", async () => {
    await withEmulator(["--no-admin"], async (endpoint, connectionString, lines) => {
      await lines.waitFor((line) => line === "Admin route: off (--no-admin)");
      const token = (
        await runCli(["token", "--connection-string", connectionString, "--admin"])
      ).stdout.trim();
      const response = await fetch(`${endpoint}/admin/connections`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(404);
    });
  });
});

describe("wps token --admin", () => {
  it("refuses the client-token flags, which do not apply", async () => {
    const run = await runCli([
      "token",
      "--connection-string",
      "Endpoint=http://127.0.0.1:8080;AccessKey=k;Version=1.0;",
      "--admin",
      "--hub",
      "chat",
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--hub does not apply to --admin/);
  });
});
