/** The `wps` entry point: the command table, help, and one-line errors. */
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";

describe("wps", () => {
  it("lists its commands with --help", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    for (const name of ["emulator", "connect", "token", "demo"]) {
      expect(run.stdout).toMatch(new RegExp(`^  ${name} +\\S`, "m"));
    }
  });

  it("refuses an unknown command", async () => {
    const run = await runCli(["frobnicate"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^wps: unknown command 'frobnicate'/);
  });

  it.concurrent.each(["emulator", "connect", "token", "demo"])("%s --help shows its usage", async (name) => {
    const run = await runCli([name, "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: wps ${name}`));
  });
});
