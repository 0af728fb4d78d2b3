/**
 * Logging with secrets removed. Every line the client logs goes through {@link redact}, so an
 * `access_token`, a reconnection token or an `Authorization` header never reaches a log sink.
 */
import type { WebPubSubLogger } from "./types.js";

/** The logger the client's parts use: every level present, every argument redacted. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // Query parameters: access_token=…, awps_reconnection_token=…
  [/((?:access_token|awps_reconnection_token|reconnection_token)=)[^&#\s"']+/gi, "$1[REDACTED]"],
  // JSON fields: "reconnectionToken":"…", "access_token":"…", "token":"…"
  [/("(?:reconnectionToken|access_token|accessToken|token)"\s*:\s*")[^"]*(")/gi, "$1[REDACTED]$2"],
  // Authorization headers.
  [/(Bearer\s+)[A-Za-z0-9\-_.~+/]+=*/g, "$1[REDACTED]"],
];

/** Removes access tokens and reconnection tokens from a text. */
export function redact(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

function redactDetail(detail: unknown): unknown {
  if (typeof detail === "string") return redact(detail);
  if (detail instanceof Error) {
    const copy = new Error(redact(detail.message));
    copy.name = detail.name;
    if (detail.stack !== undefined) copy.stack = redact(detail.stack);
    return copy;
  }
  if (typeof detail === "object" && detail !== null) {
    try {
      return JSON.parse(redact(JSON.stringify(detail))) as unknown;
    } catch {
      return "[unserialisable detail]";
    }
  }
  return detail;
}

const NOOP = (): void => undefined;

/** The logger that drops everything (the default). */
export const silentLogger: Logger = { debug: NOOP, info: NOOP, warn: NOOP, error: NOOP };

/** Wraps an application logger: redacts every argument and never lets the sink throw into the client. */
export function createLogger(sink: WebPubSubLogger | undefined): Logger {
  if (sink === undefined) return silentLogger;
  const level = (name: keyof WebPubSubLogger) => {
    const write = sink[name];
    if (write === undefined) return NOOP;
    return (message: string, ...details: unknown[]) => {
      try {
        write.call(sink, `[web-pubsub-machine] ${redact(message)}`, ...details.map(redactDetail));
      } catch {
        // A failing log sink must not break the client.
      }
    };
  };
  return { debug: level("debug"), info: level("info"), warn: level("warn"), error: level("error") };
}
