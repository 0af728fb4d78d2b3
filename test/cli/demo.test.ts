/** `wps demo` / `npm start`: the scenario runs, its checks pass, and its exit code says so. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/index.js";
import { LineReader, runCli, spawnCli } from "./helpers.js";

const CHECKS = ["connect", "chat", "recovery", "exactly-once", "reconnect", "rejoin", "forbidden", "dedupe"];

/** An emulator, started with `options`, for the tests of the enclosing describe block. */
function emulatorForBlock(options: EmulatorOptions = {}): () => Emulator {
  let emu: Emulator | undefined;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, logger: false, ...options });
  });
  afterAll(() => emu?.close());
  return () => emu as Emulator;
}

/** Runs `wps demo …` to the end and returns its stdout, asserting it succeeded with nothing on stderr. */
async function passingDemo(args: readonly string[]): Promise<string> {
  const run = await runCli(["demo", ...args], { timeoutMs: 20_000 });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return run.stdout;
}

function summary(stdout: string): string {
  return stdout.slice(stdout.indexOf("Summary — "));
}

describe("wps demo", () => {
  it("runs the whole scenario on an embedded emulator and exits 0", async () => {
    const started = Date.now();
    const out = await passingDemo([]);
    expect(out).toMatch(
      /^web-pubsub-machine demo — embedded emulator on http:\/\/127\.0\.0\.1:\d+, hub 'demo'$/m,
    );
    // Each client's transitions, as they happen.
    for (const name of ["alice", "bob", "carol"]) {
      expect(out).toMatch(new RegExp(`^ +\\d+\\.\\d\\ds  ${name} +stopped → connecting$`, "m"));
      expect(out).toMatch(new RegExp(`^ +\\d+\\.\\d\\ds  ${name} +connecting → connected  \\w{8}…$`, "m"));
    }
    expect(out).toMatch(/bob +← lobby {2}alice: hi all, alice here/);
    // The cut: recovering, then connected again on the same connection.
    expect(out).toMatch(/emu +faults\.drop\(\w{8}…\) after #15: TCP cut, no close frame/);
    expect(out).toMatch(/alice +connected → recovering\n.*alice +recovering → connected/);
    expect(out).toMatch(/✓ exactly-once: 40\/40 messages, each once, in order/);
    // The expiry: a new connection id, groups rejoined.
    expect(out).toMatch(/alice +disconnected \(1008/);
    expect(out).toMatch(/alice +reconnecting → connecting/);
    expect(out).toMatch(/✓ reconnect: alice reconnected as (\w{8})… \(was (?!\1)\w{8}…\)/);
    expect(out).toMatch(/✓ rejoin: alice is back in lobby and ticker/);
    expect(out).toMatch(/carol +✗ SendMessageError: Forbidden: /);
    expect(out).toMatch(/bob +✓ ackId 1000: isDuplicated=true/);
    const table = summary(out);
    for (const name of CHECKS) expect(table).toMatch(new RegExp(`^  ✓  ${name} `, "m"));
    expect(table.trimEnd().split("\n").at(-1)).toBe("All 8 checks passed.");
    // Quick by design (the scenario itself takes well under a second on an idle machine).
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("--quiet prints only the summary", async () => {
    const run = await runCli(["demo", "--quiet"], { timeoutMs: 20_000 });
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith("Summary — embedded emulator, ")).toBe(true);
    expect(run.stdout.trimEnd().split("\n")).toHaveLength(CHECKS.length + 2);
  });

  it("--inspect shows the run in the live inspector and keeps it open until Ctrl-C", async () => {
    const child = spawnCli(["demo", "--inspect", "--inspect-port", "0"]);
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      const lines = new LineReader(child);
      const pageLine = await lines.waitFor((line) => line.startsWith("Live inspector: "), 15_000);
      const pageUrl = /http:\/\/127\.0\.0\.1:\d+\/?/.exec(pageLine)?.[0];
      expect(pageUrl).toBeDefined();
      await lines.waitFor((line) => line === "All 8 checks passed.", 15_000);
      await lines.waitFor((line) => line.startsWith("The inspector keeps the run at "), 5_000);
      // The page is still served after the scenario ended.
      const page = await fetch(pageUrl!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("<html");
      child.kill("SIGINT");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  });

  describe("against a separate emulator behind a connection string", () => {
    const emulator = emulatorForBlock();

    it("runs the fault steps through its /admin route, and every check passes", async () => {
      const out = await passingDemo(["--connection-string", emulator().connectionString]);
      expect(out).toMatch(
        /^web-pubsub-machine demo — emulator at http:\/\/127\.0\.0\.1:\d+ \(faults through \/admin\), hub 'demo'$/m,
      );
      expect(out).toMatch(/emu +faults\.drop\(\w{8}…\) after #15: TCP cut, no close frame/);
      expect(out).toMatch(/✓ exactly-once: 40\/40 messages, each once, in order/);
      expect(out).toMatch(/✓ reconnect: alice reconnected as (\w{8})… \(was (?!\1)\w{8}…\)/);
      const table = summary(out);
      for (const name of CHECKS) expect(table).toMatch(new RegExp(`^  ✓  ${name} `, "m"));
      expect(table.trimEnd().split("\n").at(-1)).toBe("All 8 checks passed.");
    });

    it("exits 1 with the reason when a check fails (a refused key)", async () => {
      const connectionString = `Endpoint=${emulator().endpoint};AccessKey=not-the-key;Version=1.0;`;
      const run = await runCli(["demo", "--quiet", "--connection-string", connectionString], {
        timeoutMs: 20_000,
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        /^ {2}✗ {2}connect +alice could not connect: the service refused the access token \(HTTP 401\)/m,
      );
      expect(run.stdout).toMatch(/1 of 8 checks FAILED\./);
      expect(run.stderr).toMatch(/^wps demo: check 'connect' failed: alice could not connect: .*signature/);
    });
  });

  describe("against a service it cannot break (an emulator without /admin)", () => {
    const emulator = emulatorForBlock({ admin: false });

    it("skips the fault steps, says so, and exits 0", async () => {
      const out = await passingDemo(["--connection-string", emulator().connectionString]);
      expect(out).toMatch(/^web-pubsub-machine demo — service at http:\/\/127\.0\.0\.1:\d+, hub 'demo'$/m);
      expect(out).toMatch(/skipped: cutting a connection needs an emulator's fault injection/);
      const table = summary(out);
      for (const name of ["recovery", "exactly-once", "reconnect", "rejoin"]) {
        expect(table).toMatch(new RegExp(`^  –  ${name} +no faults\\.(drop|expire) on a real service$`, "m"));
      }
      for (const name of ["connect", "chat", "forbidden", "dedupe"]) {
        expect(table).toMatch(new RegExp(`^  ✓  ${name} `, "m"));
      }
      expect(table).toMatch(/All 4 checks passed \(4 skipped\)\./);
    });
  });
});
