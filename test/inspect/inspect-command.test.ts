/** `wps inspect`: prints the page URL and the client option, serves the page, stops on Ctrl-C. */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const RUNNER = fileURLToPath(new URL("./fixtures/run-inspect-command.ts", import.meta.url));

function start(args: readonly string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", RUNNER, ...args], { cwd: ROOT, stdio: "pipe" });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  const exited = once(child, "exit").then(([code]) => {
    clearTimeout(killer);
    return code as number | null;
  });
  const output = (pattern: RegExp): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const match = stdout.match(pattern);
        if (match) {
          child.stdout.off("data", check);
          resolve(match);
        }
      };
      child.stdout.on("data", check);
      void exited.then(() => reject(new Error(`exited before printing ${pattern}\n${stdout}\n${stderr}`)));
      check();
    });
  return { child, exited, output, stdout: () => stdout, stderr: () => stderr };
}

describe("wps inspect", () => {
  it("prints the page and the one client option, serves the page, exits 0 on SIGINT", async () => {
    const run = start(["--port", "0"]);
    const [, pageUrl] = await run.output(/Inspector page: +(http:\/\/127\.0\.0\.1:\d+\/)/);
    const [, option] = await run.output(/Client option: +(.*)/);
    expect(option).toMatch(/^new WebPubSubClient\(url, \{ inspect: "ws:\/\/127\.0\.0\.1:\d+" \}\)$/);
    const response = await fetch(pageUrl!);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("web-pubsub-machine inspector");
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(0);
  });

  it("shows its usage with --help", async () => {
    const run = start(["--help"]);
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toMatch(/^Usage: wps inspect/);
  });

  it("refuses a bad port with a one-line error", async () => {
    const run = start(["--port", "nope"]);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toBe("wps: --port must be a port number from 0 to 65535, got 'nope'\n");
  });
});
