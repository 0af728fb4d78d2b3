/**
 * The emulator's logging: a level filter in front of a user-supplied sink, and redaction (the
 * client's rule, `src/redact.ts`) so that access tokens, reconnection tokens, bearer tokens and
 * access keys never reach a log line.
 */
import { redact } from "../redact.js";

export { redact } from "../redact.js";

/** Log levels, most verbose first. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** A logger object with one method per level (`console` fits). */
export interface EmulatorLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logging function receiving the level and an already-redacted message. */
export type LogFunction = (level: LogLevel, message: string) => void;

/** Where the emulator's log lines go. */
export type LogSink = EmulatorLogger | LogFunction;

const LEVEL_RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** The emulator-internal logger: already filtered by level, always redacting. */
export interface Log {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Whether a level would be written, so callers can skip building expensive messages. */
  enabled(level: LogLevel): boolean;
}

function defaultSink(): LogFunction {
  return (level, message) => {
    const line = `[wps-emulator] ${level}: ${message}`;
    if (level === "error") console.error(line);
    else if (level === "warn") console.warn(line);
    else console.log(line);
  };
}

/**
 * Builds the internal logger. `false` silences everything; `undefined` writes `warn` and above
 * to the console.
 */
export function createLog(sink: LogSink | false | undefined, level: LogLevel = "warn"): Log {
  const minimum = LEVEL_RANK[level];
  if (sink === false) {
    const noop = (): void => {};
    return { debug: noop, info: noop, warn: noop, error: noop, enabled: () => false };
  }
  const write: LogFunction =
    sink === undefined ? defaultSink() : typeof sink === "function" ? sink : (l, m) => sink[l](m);
  const at =
    (l: LogLevel) =>
    (message: string): void => {
      if (LEVEL_RANK[l] < minimum) return;
      try {
        write(l, redact(message));
      } catch {
        // A throwing user logger must not take the service down.
      }
    };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    enabled: (l) => LEVEL_RANK[l] >= minimum,
  };
}
