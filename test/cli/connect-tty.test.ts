/**
 * `wps connect` in a real terminal: tmux runs it in a pseudo-terminal, `send-keys` types,
 * `capture-pane` reads the screen. Without tmux the test is skipped locally, but fails in CI
 * (`CI` set), where tmux is installed on purpose.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { MAIN, ROOT } from "./helpers.js";

const hasTmux = spawnSync("tmux", ["-V"], { stdio: "ignore" }).status === 0;
const inCi = process.env["CI"] !== undefined && process.env["CI"] !== "" && process.env["CI"] !== "false";
if (!hasTmux && !inCi) {
  console.warn("skipping the wps connect terminal test: tmux is not installed (apt-get install -y tmux)");
}

/** A private tmux server, so the test never touches the user's sessions. */
const SOCKET = `wps-test-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync("tmux", ["-L", SOCKET, ...args], {
    encoding: "utf8",
    env: { ...process.env, TERM: process.env["TERM"] ?? "xterm-256color" },
  });
}

function screen(): string {
  return tmux("capture-pane", "-p", "-J", "-t", "wps", "-S", "-200");
}

async function waitForScreen(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`screen never matched ${pattern}:\n${text}`);
    // Polling another process's screen: there is no event to wait for.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function type(line: string): void {
  tmux("send-keys", "-t", "wps", "-l", line);
  tmux("send-keys", "-t", "wps", "Enter");
}

describe.skipIf(!hasTmux && !inCi)("wps connect (terminal)", () => {
  afterAll(() => {
    if (hasTmux) spawnSync("tmux", ["-L", SOCKET, "kill-server"], { stdio: "ignore" });
  });

  it("takes typed commands and prints what arrives, with timestamps and a state prompt", async () => {
    expect(hasTmux, "tmux must be installed in CI (apt-get install -y tmux)").toBe(true);
    const command = `${JSON.stringify(process.execPath)} --import tsx ${MAIN} connect --emulator --user tty; echo "EXIT=$?"; sleep 30`;
    tmux("new-session", "-d", "-s", "wps", "-x", "160", "-y", "50", "-c", ROOT, command);
    await waitForScreen(/connected> $/m);
    type("join room");
    await waitForScreen(/^\d\d:\d\d:\d\d\.\d{3} {2}✓ join room \(ackId 1\)$/m);
    type("send room hello from a terminal");
    await waitForScreen(/← \[room\] tty: hello from a terminal/);
    type("state");
    await waitForScreen(/state connected {2}connection \w+ {2}user tty {2}groups room/);
    type("nonsense");
    await waitForScreen(/✗ unknown command 'nonsense'/);
    type("quit");
    const final = await waitForScreen(/EXIT=\d+/);
    expect(final).toMatch(/EXIT=0/);
    expect(final).toMatch(/state {6}connecting → connected/);
    expect(final).toMatch(/stopped/);
  });
});
