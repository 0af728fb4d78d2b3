/** Small shared pieces of the `wps` subcommands. */
import { parseArgs, type ParseArgsConfig } from "node:util";

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

export interface Subcommand {
  readonly summary: string;
  run(argv: readonly string[]): Promise<number>;
}

/** `parseArgs` with its errors turned into one-line {@link CliError}s. */
export function parseFlags<T extends NonNullable<ParseArgsConfig["options"]>>(
  argv: readonly string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  } catch (error) {
    // parseArgs explains some mistakes over several lines; the CLI promises one.
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(message.split("\n").filter(Boolean).join(" "));
  }
}

/** Parses a TCP port number, refusing anything else with a clear message. */
export function parsePort(text: string, flag: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
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
