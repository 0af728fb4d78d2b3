/** `wps connect`'s `stream` commands: their grammar, their lines, and a piped script end to end. */
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/cli/connect/commands.js";
import { formatText } from "../../src/cli/connect/output.js";
import { jsonLines, runCli } from "./helpers.js";

describe("stream commands: grammar", () => {
  it.each([
    ["stream open room", { kind: "stream-open", group: "room" }],
    ["STREAM Open room s7", { kind: "stream-open", group: "room", streamId: "s7" }],
    [
      "stream write s1 hello  there",
      { kind: "stream-write", streamId: "s1", payload: { dataType: "text", data: "hello  there" } },
    ],
    [
      'stream write s1 {"n":1}',
      { kind: "stream-write", streamId: "s1", payload: { dataType: "json", data: { n: 1 } } },
    ],
    ["stream end s1", { kind: "stream-end", streamId: "s1" }],
    ["stream abort s1", { kind: "stream-abort", streamId: "s1" }],
    ["stream abort s1 changed my mind", { kind: "stream-abort", streamId: "s1", message: "changed my mind" }],
  ])("parses %j", (line, expected) => {
    expect(parseCommand(line)).toEqual(expected);
  });

  it.each([
    ["stream", /usage: stream open <group> \[id\] \| stream write/],
    ["stream close s1", /usage: stream open/],
    ["stream open", /usage: stream open <group> \[id\]/],
    ["stream open room s1 extra", /usage: stream open <group> \[id\]/],
    ["stream write s1", /usage: stream write <id> <data…>/],
    ["stream end", /usage: stream end <id>/],
    ["stream end s1 now", /usage: stream end <id>/],
    ["stream abort", /usage: stream abort <id>/],
  ])("refuses %j with a usage hint", (line, message) => {
    const command = parseCommand(line);
    expect(command.kind).toBe("invalid");
    expect(command.kind === "invalid" && command.message).toMatch(message);
  });
});

describe("stream commands: text lines", () => {
  it.each([
    [{ type: "stream", action: "opened", streamId: "s1", group: "room" }, "✓ stream s1 opened to [room]"],
    [{ type: "stream", action: "written", streamId: "s1", n: 2 }, "✓ stream s1 #2 written"],
    [{ type: "stream", action: "aborted", streamId: "s1" }, "✓ stream s1 aborted"],
    [
      {
        type: "stream-fragment",
        group: "room",
        streamId: "s1",
        fromUserId: "ann",
        n: 3,
        dataType: "json",
        data: { a: 1 },
      },
      '⇠ [room] ann stream s1 #3: {"a":1}',
    ],
    [{ type: "stream-end", group: "room", streamId: "s1" }, "⇠ [room] stream s1 completed"],
    [
      {
        type: "stream-end",
        group: "room",
        streamId: "s1",
        error: "UserError",
        message: "nope",
        userErrorCode: "E1",
      },
      "✗ [room] stream s1 failed: UserError: nope (E1)",
    ],
  ] as const)("%j", (record, text) => {
    expect(formatText(record)).toBe(text);
  });
});

describe("stream commands: a piped script against an embedded emulator", () => {
  it("opens, writes, ends and aborts streams, and prints its own streams as they arrive", async () => {
    const script = [
      "join room",
      "stream open room",
      "stream write s1 hello",
      'stream write s1 {"n":1}',
      "stream end s1",
      "stream open room second",
      "stream write second part",
      "stream abort second changed my mind",
      "stream write nope x",
      // Acked after the service published every end above to this connection.
      "send room done",
    ].join("\n");
    const run = await runCli(["connect", "--emulator", "--json", "--user", "ann"], { input: script });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const records = jsonLines(run.stdout).map(({ time: _time, ...record }) => record);
    expect(records.filter((r) => r["type"] === "stream")).toEqual([
      { type: "stream", action: "opened", streamId: "s1", group: "room" },
      { type: "stream", action: "written", streamId: "s1", n: 1 },
      { type: "stream", action: "written", streamId: "s1", n: 2 },
      { type: "stream", action: "ended", streamId: "s1" },
      { type: "stream", action: "opened", streamId: "second", group: "room" },
      { type: "stream", action: "written", streamId: "second", n: 1 },
      { type: "stream", action: "aborted", streamId: "second" },
    ]);
    expect(records.filter((r) => r["type"] === "error")).toEqual([
      {
        type: "error",
        command: "stream write",
        target: "nope",
        error: "Error",
        message: "no open stream 'nope' (open one with: stream open <group> [id])",
      },
    ]);
    const inbound = records.filter((r) => r["type"] === "stream-fragment" || r["type"] === "stream-end");
    expect(inbound).toEqual([
      {
        type: "stream-fragment",
        group: "room",
        streamId: "s1",
        fromUserId: "ann",
        n: 1,
        dataType: "text",
        data: "hello",
      },
      {
        type: "stream-fragment",
        group: "room",
        streamId: "s1",
        fromUserId: "ann",
        n: 2,
        dataType: "json",
        data: { n: 1 },
      },
      { type: "stream-end", group: "room", streamId: "s1" },
      {
        type: "stream-fragment",
        group: "room",
        streamId: "second",
        fromUserId: "ann",
        n: 1,
        dataType: "text",
        data: "part",
      },
      {
        type: "stream-end",
        group: "room",
        streamId: "second",
        error: "UserError",
        message: "changed my mind",
      },
    ]);
    // A stream's messages are not printed again as group messages.
    expect(records.filter((r) => r["type"] === "group-message").map((r) => r["data"])).toEqual(["done"]);
  });
});
