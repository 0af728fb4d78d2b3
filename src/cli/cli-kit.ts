/** Small shared pieces of the `wps` subcommands. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { InvokeHandler } from "../emulator/index.js";

/** A failure the user caused (bad flag, port in use): printed as one line, no stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** How to run `wps`, which depends on where you are: the last line of every help text. */
export const HOW_TO_RUN =
  "Run it as `npx wps …` where web-pubsub-machine is installed, or `npm run wps -- …` in a clone\n" +
  "of its repository (no build needed there; `npx wps` finds no binary in a clone).\n";

export interface Subcommand {
  readonly summary: string;
  run(argv: readonly string[]): Promise<number>;
}

/** The edit distance between two short strings (insertions, deletions, substitutions, swaps). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const above = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * The candidate a mistyped word most likely meant: the only one it abbreviates, or the closest
 * within a couple of edits; `undefined` when nothing is close.
 */
export function nearest(typed: string, candidates: readonly string[]): string | undefined {
  const abbreviated = candidates.filter((candidate) => candidate.startsWith(typed));
  if (abbreviated.length === 1) return abbreviated[0];
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(typed.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(typed, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

type FlagOptions = NonNullable<ParseArgsConfig["options"]>;

/** `--name` and `-x` for every option a subcommand takes. */
function spellings(options: FlagOptions): string[] {
  return Object.entries(options).flatMap(([name, option]) =>
    option.short === undefined ? [`--${name}`] : [`--${name}`, `-${option.short}`],
  );
}

/** parseArgs' explanation of a mistake, as one lower-case line that says what to type instead. */
function explainParseError(error: unknown, argv: readonly string[], options: FlagOptions): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string } | undefined)?.code;
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? "";
  const flag = quoted.replace(/ <value>$/, "");
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const guess = nearest(flag.replace(/=.*$/, ""), spellings(options));
      return `unknown option '${flag}'${guess === undefined ? "" : ` (did you mean ${guess}?)`}`;
    }
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument '${flag}'`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      if (/does not take an argument/.test(message)) return `${flag} takes no value`;
      if (/ambiguous/.test(message)) {
        // `--expires -1`: parseArgs will not take a value that looks like an option.
        const value = argv[argv.indexOf(flag) + 1] ?? "-…";
        return `write ${flag}=${value}: a value that starts with '-' must be attached with '='`;
      }
      return `${flag} needs a value`;
    }
    default:
      return message.split("\n").filter(Boolean).join(" ");
  }
}

/**
 * `parseArgs` with its errors turned into one-line {@link CliError}s (exit 2) that suggest the
 * nearest option and point at the subcommand's `--help`.
 */
export function parseFlags<T extends FlagOptions>(
  command: string,
  argv: readonly string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  } catch (error) {
    throw new CliError(`${explainParseError(error, argv, options)}; see 'wps ${command} --help'`);
  }
}

/** Answers every invoke with its own data: what `wps emulator --echo-invoke` and `wps connect --emulator` do. */
export const echoInvoke: InvokeHandler = (invocation) =>
  invocation.dataType === undefined ? {} : { dataType: invocation.dataType, data: invocation.data };

/** Parses a TCP port number, refusing anything else with a clear message. */
export function parsePort(text: string, flag: string): number {
  const port = Number(text);
  // Number("") is 0: an empty value must not quietly pick a free port.
  if (text.trim() === "" || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(`${flag} must be a port number from 0 to 65535, got '${text}'`);
  }
  return port;
}

/** Resolves when the process is asked to stop (Ctrl-C or SIGTERM). */
export function untilInterrupted(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolve(signal);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}

/**
 * Starts a server with `listen`, turning the usual listen failures (port taken, no such local
 * address) into one-line {@link CliError}s that name the flag to change.
 */
export async function listenOrExplain<T>(
  listen: () => Promise<T>,
  where: { readonly port: number; readonly host: string; readonly portFlag: string; readonly what?: string },
): Promise<T> {
  try {
    return await listen();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const what = where.what === undefined ? "port" : `${where.what}'s port`;
    if (code === "EADDRINUSE") {
      throw new CliError(
        `${what} ${where.port} on ${where.host} is already in use (try ${where.portFlag} 0)`,
        1,
      );
    }
    if (code === "EADDRNOTAVAIL")
      throw new CliError(`cannot listen on ${where.host}: no such local address`, 1);
    throw error;
  }
}
