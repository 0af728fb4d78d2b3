/**
 * `examples/chat-app` runs as its README section says, in one command, against `wps emulator`
 * started with `--event-handler` and with `--config`: two clients chat through the Express app
 * server and the emulator, and the run exits 0.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

async function run(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "examples/chat-app/run.ts", ...args], {
    cwd: ROOT,
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  // A hang is the failure this guards against: kill it and let the assertions say so.
  const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const [code] = (await once(child, "exit")) as [number | null];
  clearTimeout(killer);
  return { code, output };
}

describe("examples/chat-app", () => {
  it.each([[[]], [["--config"]]] as const)(
    "runs in one command (%j) and the conversation goes through",
    async (args) => {
      const { code, output } = await run(args);
      expect(output).toContain("bob sees: alice: hi bob");
      expect(output).toContain("alice sees: bob: hello alice");
      expect(output).toContain("alice sees: (server) delivered #1");
      expect(output).toContain("server: alice disconnected");
      expect(output).toContain("chat app: done");
      expect(code, output).toBe(0);
    },
    40_000,
  );
});
