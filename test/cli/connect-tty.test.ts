/**
 * `wps connect` in a real terminal: tmux runs it in a pseudo-terminal, `send-keys` types,
 * `capture-pane` reads the screen. Without tmux `npm test` skips these tests (and says so at the
 * end); `npm run test:all` and CI, which install tmux, fail them instead.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { requirement } from "../support/requirements.js";
import { MAIN, ROOT } from "./helpers.js";

const tmuxTool = requirement("tmux");

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

async function waitForScreen(
  pattern: RegExp | ((text: string) => boolean),
  timeoutMs = 10_000,
): Promise<string> {
  const matches = typeof pattern === "function" ? pattern : (text: string) => pattern.test(text);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (matches(text)) return text;
    if (Date.now() > deadline) throw new Error(`screen never matched ${String(pattern)}:\n${text}`);
    // Polling another process's screen: there is no event to wait for.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The line the cursor is on: the prompt, once output has settled. */
function lastLine(text: string): string {
  return text.trimEnd().split("\n").at(-1) ?? "";
}

function type(line: string): void {
  tmux("send-keys", "-t", "wps", "-l", line);
  tmux("send-keys", "-t", "wps", "Enter");
}

function startInTmux(args: string): void {
  const command = `${JSON.stringify(process.execPath)} --import tsx ${MAIN} connect ${args}; echo "EXIT=$?"; sleep 30`;
  tmux("new-session", "-d", "-s", "wps", "-x", "200", "-y", "50", "-c", ROOT, command);
}

describe.skipIf(!tmuxTool.run)("wps connect (terminal)", () => {
  afterEach(() => {
    if (tmuxTool.present) spawnSync("tmux", ["-L", SOCKET, "kill-session", "-t", "wps"], { stdio: "ignore" });
  });
  afterAll(() => {
    if (tmuxTool.present) spawnSync("tmux", ["-L", SOCKET, "kill-server"], { stdio: "ignore" });
  });

  it("takes typed commands and prints what arrives, with timestamps and a state prompt", async () => {
    tmuxTool.assertPresent();
    startInTmux("--emulator --user tty");
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

  it("the prompt always shows the current state: recovering during an outage, connected once recovered", async () => {
    tmuxTool.assertPresent();
    const emu: Emulator = await startEmulator({ port: 0, logger: false });
    try {
      const url = await emu.getClientAccessUrl({
        hub: "chat",
        userId: "tty",
        roles: ["webpubsub.joinLeaveGroup"],
      });
      startInTmux(JSON.stringify(url));
      await waitForScreen((text) => lastLine(text) === "connected>");
      const [connection] = emu.connections("chat");
      // An outage of 4 s: the link is cut and every upgrade refused (503, Retry-After) meanwhile.
      emu.faults.refuseConnections(4_000);
      emu.faults.drop(connection!.connectionId);
      await waitForScreen(/state {6}connected → recovering/);
      // The prompt is redrawn with the state line; the outage is far from over.
      const during = await waitForScreen((text) => lastLine(text) === "recovering>", 1_000);
      expect(during).toMatch(/state {6}connected → recovering/);
      expect(during).not.toMatch(/recovering → connected/);
      await waitForScreen(/state {6}recovering → connected/, 15_000);
      const after = await waitForScreen((text) => lastLine(text) === "connected>", 5_000);
      expect(after).toMatch(/recovered {2}\w+: nothing lost/);
      type("quit");
      expect(await waitForScreen(/EXIT=\d+/)).toMatch(/EXIT=0/);
    } finally {
      await emu.close();
    }
  });
});
