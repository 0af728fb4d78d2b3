/**
 * Logging with secrets removed. Every line the client logs goes through {@link redact}, so an
 * `access_token`, a reconnection token or an `Authorization` header never reaches a log sink.
 *
 * Where lines go follows the Azure SDKs' convention unless the application passes a `logger`:
 * `@azure/logger`, under the namespace `web-pubsub-machine`, so `AZURE_LOG_LEVEL=verbose`
 * (`info`, `warning`, `error`) or `setLogLevel("verbose")` from `@azure/logger` turns the logs
 * on, and `AzureLogger.log = …` redirects them, exactly as for the official client.
 */
import { createClientLogger, type AzureLogger, type Debugger } from "@azure/logger";
import { redact } from "./redact.js";
import type { WebPubSubLogger } from "./types.js";

export { redact } from "./redact.js";

/** The logger the client's parts use: every level present, every argument redacted. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
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

/** The logger that drops everything. */
export const silentLogger: Logger = { debug: NOOP, info: NOOP, warn: NOOP, error: NOOP };

/** The namespace the client's lines carry under `@azure/logger` (`azure:web-pubsub-machine:info …`). */
export const AZURE_LOG_NAMESPACE = "web-pubsub-machine";

/** Created once: `@azure/logger` keeps every client logger it creates for the life of the process. */
let azureLogger: AzureLogger | undefined;
/** One for every client: it reads `enabled` at each call, so `setLogLevel` still applies. */
let sharedAzureSdkLogger: Logger | undefined;

/** Our levels in `@azure/logger`'s names. */
const AZURE_LEVEL = { debug: "verbose", info: "info", warn: "warning", error: "error" } as const;

/**
 * The client's lines through `@azure/logger`: each level checks whether it is enabled at the
 * moment of the call (so a later `setLogLevel` takes effect on a running client) and redacts
 * only what it writes.
 */
function azureSdkLogger(): Logger {
  const azure = (azureLogger ??= createClientLogger(AZURE_LOG_NAMESPACE));
  const level = (name: keyof Logger) => {
    const target: Debugger = azure[AZURE_LEVEL[name]];
    return (message: string, ...details: unknown[]) => {
      if (!target.enabled) return;
      try {
        target(redact(message), ...details.map(redactDetail));
      } catch {
        // A failing log sink must not break the client.
      }
    };
  };
  return { debug: level("debug"), info: level("info"), warn: level("warn"), error: level("error") };
}

/**
 * The client's logger. With an application `sink` (the `logger` option, `console` fits) every
 * level goes to it, redacted, and the sink filters; without one, lines go to `@azure/logger` at
 * the level `AZURE_LOG_LEVEL` or `setLogLevel` chose (none by default).
 */
export function createLogger(sink: WebPubSubLogger | undefined): Logger {
  if (sink === undefined) return (sharedAzureSdkLogger ??= azureSdkLogger());
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
