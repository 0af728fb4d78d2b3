/** The typed-line grammar of `wps connect`. */
import { describe, expect, it } from "vitest";
import { parseCommand, parsePayload } from "../../src/cli/connect/commands.js";

describe("parseCommand", () => {
  it.each([
    ["join room", { kind: "join", group: "room" }],
    ["  LEAVE   room  ", { kind: "leave", group: "room" }],
    [
      "send room hello  world",
      { kind: "send", group: "room", payload: { dataType: "text", data: "hello  world" } },
    ],
    [
      'send room {"a": [1, 2]}',
      { kind: "send", group: "room", payload: { dataType: "json", data: { a: [1, 2] } } },
    ],
    ["send room [1,2", { kind: "send", group: "room", payload: { dataType: "text", data: "[1,2" } }],
    ["send room 42", { kind: "send", group: "room", payload: { dataType: "text", data: "42" } }],
    ["event ping", { kind: "event", event: "ping", payload: { dataType: "text", data: "" } }],
    ['invoke echo {"x":1}', { kind: "invoke", event: "echo", payload: { dataType: "json", data: { x: 1 } } }],
    ["wait 250", { kind: "wait", ms: 250 }],
    ["state", { kind: "state" }],
    ["help", { kind: "help" }],
    ["quit", { kind: "quit" }],
    ["exit", { kind: "quit" }],
    ["", { kind: "empty" }],
    ["   ", { kind: "empty" }],
    ["# a comment", { kind: "empty" }],
  ])("parses %j", (line, expected) => {
    expect(parseCommand(line)).toEqual(expected);
  });

  it.each([
    ["join", /usage: join <group>/],
    ["join a b", /usage: join <group>/],
    ["send room", /usage: send <group> <data…>/],
    ["event", /usage: event <name>/],
    ["wait soon", /usage: wait <ms>/],
    ["wait -1", /usage: wait <ms>/],
    ["state now", /usage: state/],
    ["frobnicate x", /unknown command 'frobnicate'/],
  ])("refuses %j with a usage hint", (line, message) => {
    const command = parseCommand(line);
    expect(command.kind).toBe("invalid");
    expect(command.kind === "invalid" && command.message).toMatch(message);
  });
});

describe("parsePayload", () => {
  it("keeps text verbatim, including leading spaces inside", () => {
    expect(parsePayload("a  b ")).toEqual({ dataType: "text", data: "a  b " });
  });
  it("does not treat JSON scalars as json", () => {
    expect(parsePayload('"quoted"')).toEqual({ dataType: "text", data: '"quoted"' });
    expect(parsePayload("null")).toEqual({ dataType: "text", data: "null" });
  });
});
