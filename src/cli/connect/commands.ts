/**
 * The typed-line language of `wps connect`: one command per line, parsed into a value so the
 * command runner stays a plain switch and the grammar is unit-tested on its own.
 */

/** A payload as typed: a JSON object or array is sent as `json`, anything else as `text`. */
export type TypedPayload =
  { readonly dataType: "json"; readonly data: object } | { readonly dataType: "text"; readonly data: string };

/** One parsed line. */
export type ConnectCommand =
  | { readonly kind: "join"; readonly group: string }
  | { readonly kind: "leave"; readonly group: string }
  | { readonly kind: "send"; readonly group: string; readonly payload: TypedPayload }
  | { readonly kind: "event"; readonly event: string; readonly payload: TypedPayload }
  | { readonly kind: "invoke"; readonly event: string; readonly payload: TypedPayload }
  | { readonly kind: "stream-open"; readonly group: string; readonly streamId?: string }
  | { readonly kind: "stream-write"; readonly streamId: string; readonly payload: TypedPayload }
  | { readonly kind: "stream-end"; readonly streamId: string }
  | { readonly kind: "stream-abort"; readonly streamId: string; readonly message?: string }
  | { readonly kind: "wait"; readonly ms: number }
  | { readonly kind: "state" }
  | { readonly kind: "help" }
  | { readonly kind: "quit" }
  /** A blank line or a `#` comment: nothing to do. */
  | { readonly kind: "empty" }
  | { readonly kind: "invalid"; readonly message: string };

/** The help text listing every command, shown by `help` and by `wps connect --help`. */
export const COMMAND_HELP = `Commands (one per line):
  join <group>             join a group
  leave <group>            leave a group
  send <group> <data…>     send to a group
  event <name> [data…]     send an event to the server's event handler
  invoke <name> [data…]    invoke the server's handler and print its response
  stream open <group> [id] open a group stream (preview); prints its id
  stream write <id> <data…> write one fragment to an open stream
  stream end <id>          end a stream
  stream abort <id> [why…] abort a stream: its readers get UserError with the reason
  wait <ms>                pause the script (useful when piping)
  state                    print the client's state, connection id, user and groups
  help                     show this list
  quit                     stop the client and exit (also: exit, Ctrl-D)
Data that is a JSON object or array is sent as json, anything else as text. Inbound streams are
printed fragment by fragment, then how they ended.
Blank lines and lines starting with # are ignored.`;

const USAGE: Record<string, string> = {
  join: "join <group>",
  leave: "leave <group>",
  send: "send <group> <data…>",
  event: "event <name> [data…]",
  invoke: "invoke <name> [data…]",
  wait: "wait <ms>",
  stream: "stream open <group> [id] | stream write <id> <data…> | stream end <id> | stream abort <id> [why…]",
};

/** Interprets typed data: `{…}`/`[…]` that parses as JSON is json; everything else is text, verbatim. */
export function parsePayload(text: string): TypedPayload {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (typeof value === "object" && value !== null) return { dataType: "json", data: value };
    } catch {
      // Not JSON after all: send what was typed.
    }
  }
  return { dataType: "text", data: text };
}

/** Splits off the first whitespace-delimited word. */
function firstWord(text: string): [word: string, rest: string] {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text);
  return match === null ? ["", ""] : [match[1] as string, match[2] as string];
}

function invalid(message: string): ConnectCommand {
  return { kind: "invalid", message };
}

/** `stream <open|write|end|abort> …`: the words after `stream`. */
function parseStreamCommand(text: string, usage: string): ConnectCommand {
  const [action, rest] = firstWord(text);
  const [first, more] = firstWord(rest);
  switch (action.toLowerCase()) {
    case "open": {
      const [streamId, extra] = firstWord(more);
      if (first === "" || extra !== "") return invalid(`usage: stream open <group> [id]`);
      return streamId === ""
        ? { kind: "stream-open", group: first }
        : { kind: "stream-open", group: first, streamId };
    }
    case "write":
      if (first === "" || more === "") return invalid(`usage: stream write <id> <data…>`);
      return { kind: "stream-write", streamId: first, payload: parsePayload(more) };
    case "end":
      if (first === "" || more !== "") return invalid(`usage: stream end <id>`);
      return { kind: "stream-end", streamId: first };
    case "abort":
      if (first === "") return invalid(`usage: stream abort <id> [why…]`);
      return more === ""
        ? { kind: "stream-abort", streamId: first }
        : { kind: "stream-abort", streamId: first, message: more };
    default:
      return invalid(`usage: ${usage}`);
  }
}

/** Parses one typed line. Never throws: a bad line becomes an `invalid` command with a usage hint. */
export function parseCommand(line: string): ConnectCommand {
  const trimmed = line.trim();
  if (trimmed === "" || trimmed.startsWith("#")) return { kind: "empty" };
  const [verb, rest] = firstWord(trimmed);
  const name = verb.toLowerCase();
  const usage = USAGE[name];
  switch (name) {
    case "join":
    case "leave": {
      const [group, extra] = firstWord(rest);
      if (group === "" || extra !== "") return invalid(`usage: ${usage}`);
      return { kind: name, group };
    }
    case "send": {
      const [group, data] = firstWord(rest);
      if (group === "" || data === "") return invalid(`usage: ${usage}`);
      return { kind: "send", group, payload: parsePayload(data) };
    }
    case "event":
    case "invoke": {
      const [event, data] = firstWord(rest);
      if (event === "") return invalid(`usage: ${usage}`);
      return { kind: name, event, payload: parsePayload(data) };
    }
    case "stream":
      return parseStreamCommand(rest, usage as string);
    case "wait": {
      const ms = Number(rest);
      if (rest === "" || !Number.isFinite(ms) || ms < 0 || ms > 600_000) {
        return invalid(`usage: ${usage} (0 to 600000)`);
      }
      return { kind: "wait", ms };
    }
    case "state":
    case "help":
      return rest === "" ? { kind: name } : invalid(`usage: ${name}`);
    case "quit":
    case "exit":
      return { kind: "quit" };
    default:
      return invalid(`unknown command '${verb}' (type help for the list)`);
  }
}
