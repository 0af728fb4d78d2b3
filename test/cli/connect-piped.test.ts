/** `wps connect` with stdin and stdout piped: a script in, JSON lines out. */
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { jsonLines, LineReader, runCli, spawnCli } from "./helpers.js";

const ROLES = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"];

describe("wps connect (piped)", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, logger: false });
  });
  afterAll(() => emu.close());

  it("runs a script against an embedded emulator and prints one JSON object per line", async () => {
    const script = [
      "# comments and blank lines are ignored",
      "",
      "join room",
      "send room hello there",
      'send room {"n":1}',
      "event greet hi",
      'invoke echo {"x":2}',
      "bogus",
      "state",
      "leave room",
    ].join("\n");
    const run = await runCli(["connect", "--emulator", "--json", "--user", "eve"], { input: script });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const records = jsonLines(run.stdout);
    for (const record of records) expect(record["time"]).toMatch(/^\d{4}-\d\d-\d\dT/);
    const types = records.map((r) => r["type"]);
    expect(types[0]).toBe("emulator");
    expect(records.filter((r) => r["type"] === "state").map((r) => `${r["from"]}>${r["to"]}`)).toEqual([
      "stopped>connecting",
      "connecting>connected",
      "connected>stopping",
      "stopping>stopped",
    ]);
    // Command results come in script order (messages may interleave).
    const results = records.filter((r) => ["ok", "error", "info"].includes(r["type"] as string));
    expect(results.map((r) => `${r["type"]}:${r["command"] ?? ""}`)).toEqual([
      "ok:join",
      "ok:send",
      "ok:send",
      "ok:event",
      "ok:invoke",
      "error:",
      "info:",
      "ok:leave",
    ]);
    expect(results[4]).toMatchObject({ target: "echo", dataType: "json", data: { x: 2 } });
    expect(results[5]!["message"]).toMatch(/unknown command 'bogus'/);
    expect(results[6]).toMatchObject({ state: "connected", userId: "eve", groups: ["room"] });
    const messages = records.filter((r) => r["type"] === "group-message");
    expect(messages).toEqual([
      expect.objectContaining({ group: "room", fromUserId: "eve", dataType: "text", data: "hello there" }),
      expect.objectContaining({ group: "room", fromUserId: "eve", dataType: "json", data: { n: 1 } }),
    ]);
    expect(types.at(-2)).toBe("stopped");
  });

  it("streams what arrives, through a recovery, until it is stopped", async () => {
    const aliceUrl = await emu.getClientAccessUrl({ hub: "chat", userId: "alice", roles: ROLES });
    const alice = spawnCli(["connect", aliceUrl, "--json", "--join", "room", "--stay"]);
    const stderr: string[] = [];
    alice.stderr.setEncoding("utf8").on("data", (chunk: string) => stderr.push(chunk));
    const out = new LineReader(alice);
    try {
      await out.waitFor((line) => line.includes('"command":"join"'));
      const bobUrl = await emu.getClientAccessUrl({ hub: "chat", userId: "bob", roles: ROLES });
      const bob = await runCli(["connect", bobUrl, "--json"], { input: "send room hello from bob\n" });
      expect(bob.code).toBe(0);
      await out.waitFor((line) => line.includes('"data":"hello from bob"'));

      const connected = JSON.parse(await out.waitFor((line) => line.includes('"type":"connected"'))) as {
        connectionId: string;
      };
      emu.faults.drop(connected.connectionId);
      await out.waitFor((line) => line.includes('"type":"recovering"'));
      await out.waitFor((line) => line.includes('"type":"recovered"'));
      const bob2 = await runCli(["connect", bobUrl, "--json"], { input: "send room after the cut\n" });
      expect(bob2.code).toBe(0);
      await out.waitFor((line) => line.includes('"data":"after the cut"'));
    } finally {
      alice.kill("SIGTERM");
    }
    const [code] = (await once(alice, "close")) as [number | null];
    expect(stderr.join("")).toBe("");
    expect(code).toBe(0);
    expect(out.lines.at(-1)).toContain('"to":"stopped"');
  });

  it("reports a forbidden send as an error line and carries on", async () => {
    const url = await emu.getClientAccessUrl({
      hub: "chat",
      userId: "reader",
      roles: ["webpubsub.joinLeaveGroup"],
    });
    const run = await runCli(["connect", url], { input: "join room\nsend room hi\nstate\n" });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}✓ join room \(ackId \d+\)$/m);
    expect(run.stdout).toMatch(/✗ send room failed: Forbidden: .*permission/);
    expect(run.stdout).toMatch(/state connected {2}connection \w+ {2}user reader {2}groups room/);
  });

  it.concurrent.each([
    [["not-a-url"], 2, /'not-a-url' is not a valid client access URL/],
    [["ftp://example.com/client/hubs/x"], 2, /must start with wss:\/\//],
    [[], 2, /give exactly one of/],
    [
      ["--emulator", "--protocol", "xml"],
      2,
      /--protocol must be json.reliable, json, protobuf-reliable or protobuf, got .xml./,
    ],
    [
      ["ws://127.0.0.1:1/client/hubs/chat?access_token=x"],
      1,
      /could not connect: nothing is listening at 127\.0\.0\.1:1/,
    ],
  ])("refuses %j with exit code %i and one line", async (args, code, message) => {
    const run = await runCli(["connect", ...args], { input: "quit\n" });
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("says so when the embedded emulator's port is taken", async () => {
    const run = await runCli(["connect", "--emulator", "--port", String(emu.port)], { input: "quit\n" });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`wps: port ${emu.port} on 127.0.0.1 is already in use (try --port 0)\n`);
  });
});
