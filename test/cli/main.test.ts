/** The `wps` entry point: the command table, help, version, and one-line usage errors (exit 2). */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { nearest } from "../../src/cli/cli-kit.js";
import { runCli } from "./helpers.js";

const VERSION = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;

describe("wps", () => {
  it("lists its commands with --help, and says how to run it in a clone and from a package", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    for (const name of ["emulator", "connect", "token", "demo", "inspect"]) {
      expect(run.stdout).toMatch(new RegExp(`^  ${name} +\\S`, "m"));
    }
    expect(run.stdout).toContain("`npx wps …`");
    expect(run.stdout).toContain("`npm run wps -- …`");
  });

  it("prints its version with --version and -v", async () => {
    for (const flag of ["--version", "-v"]) {
      const run = await runCli([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`web-pubsub-machine ${VERSION}\n`);
    }
  });

  it("run bare, prints the usage on stderr and exits 2 (a usage mistake)", async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^Usage: wps <command> \[options\]/);
  });

  it("refuses an unknown command, suggesting the nearest", async () => {
    const run = await runCli(["frobnicate"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("wps: unknown command 'frobnicate'; see 'wps --help'\n");
    const typo = await runCli(["emulater"]);
    expect(typo.stderr).toBe("wps: unknown command 'emulater' (did you mean emulator?); see 'wps --help'\n");
  });

  it.concurrent.each([
    [
      ["connect", "--prot", "json"],
      "unknown option '--prot' (did you mean --protocol?); see 'wps connect --help'",
    ],
    [["emulator", "--tsl"], "unknown option '--tsl' (did you mean --tls?); see 'wps emulator --help'"],
    [["token", "--xyzzy"], "unknown option '--xyzzy'; see 'wps token --help'"],
    [["--verison"], "unknown option '--verison' (did you mean --version?); see 'wps --help'"],
    [
      ["token", "--hub", "h", "--expires", "-1"],
      "write --expires=-1: a value that starts with '-' must be attached with '='; see 'wps token --help'",
    ],
    [["token", "--hub"], "--hub needs a value; see 'wps token --help'"],
    [["demo", "--quiet=yes"], "--quiet takes no value; see 'wps demo --help'"],
    [["inspect", "extra"], "unexpected argument 'extra'; see 'wps inspect --help'"],
    [["inspect", "--port="], "--port must be a port number from 0 to 65535, got ''"],
    [
      ["connect", "--connection-string", "Endpoint=https://x.webpubsub.azure.com;AccessKey=k;Version=1.0;"],
      "--connection-string needs --hub <name>, the hub your application's server uses; see 'wps connect --help'",
    ],
    [
      ["connect", "wss://x.webpubsub.azure.com/client/hubs/chat?access_token=t", "--hub", "other"],
      "--hub applies to --emulator and --connection-string; a client URL already decides it; see 'wps connect --help'",
    ],
  ])("%j: one lower-case line on stderr, exit 2", async (args, message) => {
    const run = await runCli(args);
    expect(run.stderr).toBe(`wps: ${message}\n`);
    expect(run.code).toBe(2);
  });

  it.concurrent.each(["emulator", "connect", "token", "demo", "inspect"])(
    "%s --help shows its usage and how to run it",
    async (name) => {
      const run = await runCli([name, "--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: wps ${name}`));
      expect(run.stdout).toContain("`npm run wps -- …` in a clone");
    },
  );
});

describe("nearest", () => {
  it("takes the only option a word abbreviates, else the closest within a few edits", () => {
    expect(nearest("--prot", ["--protocol", "--port", "--json"])).toBe("--protocol");
    expect(nearest("--jsno", ["--protocol", "--port", "--json"])).toBe("--json");
    expect(nearest("--p", ["--protocol", "--port"])).toBeUndefined();
    expect(nearest("--frobnicate", ["--protocol", "--port", "--json"])).toBeUndefined();
  });
});
