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
