/**
 * `wps connect --inspect [port|url]`: watch the client in the live inspector. With a port (8081
 * when none is given, 0 for a free one) the inspector runs in this process, as `wps inspect`
 * would; with a `ws://` URL the client reports to one already running (`wps inspect`).
 *
 * Node's `parseArgs` has no flags with an optional value, so this one is taken out of the
 * arguments first.
 */
import { startInspectorRelay } from "../../inspect/relay.js";
import { CliError, listenOrExplain, parsePort } from "../cli-kit.js";

/** Where the inspector is: started here on `port`, or already running at `url`. */
export type InspectChoice = { readonly port: number } | { readonly url: string };

/** The port `--inspect` alone starts the inspector on (as `wps inspect`). */
export const DEFAULT_INSPECT_PORT = 8081;

const FLAG = "--inspect";

/**
 * Removes `--inspect`, `--inspect <port|url>` or `--inspect=<port|url>` from `argv`. A following
 * argument is the flag's value only when it is a port or an inspector URL (a `ws:`/`wss:`/
 * `http(s):` URL that is not a client access URL, whose path has `/client/hubs/`).
 * @throws CliError for a value that is neither, or a repeated flag.
 */
export function takeInspectFlag(argv: readonly string[]): {
  readonly rest: string[];
  readonly choice: InspectChoice | undefined;
} {
  const rest: string[] = [];
  let choice: InspectChoice | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg !== FLAG && !arg.startsWith(`${FLAG}=`)) {
      rest.push(arg);
      continue;
    }
    if (choice !== undefined) throw new CliError(`${FLAG} was given twice`);
    if (arg.startsWith(`${FLAG}=`)) {
      choice = parseChoice(arg.slice(FLAG.length + 1));
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && (/^\d+$/.test(next) || isInspectorUrl(next))) {
      choice = parseChoice(next);
      i++;
    } else {
      choice = { port: DEFAULT_INSPECT_PORT };
    }
  }
  return { rest, choice };
}

function isInspectorUrl(text: string): boolean {
  return /^(wss?|https?):\/\//i.test(text) && !/\/client\/hubs\//i.test(text);
}

function parseChoice(value: string): InspectChoice {
  if (/^\d+$/.test(value)) return { port: parsePort(value, FLAG) };
  if (isInspectorUrl(value)) return { url: value };
  throw new CliError(`${FLAG} takes a port or the inspector's ws:// URL, not '${value.slice(0, 60)}'`);
}

/** An inspector the client can report to. */
export interface ConnectInspector {
  /** The client's `inspect` option. */
  readonly url: string;
  /** The page to open, when the inspector runs in this process. */
  readonly pageUrl: string | undefined;
  close(): Promise<void>;
}

/** Starts the inspector for a port choice (explaining a taken port), or just names the URL. */
export async function openInspector(choice: InspectChoice): Promise<ConnectInspector> {
  if ("url" in choice) return { url: choice.url, pageUrl: undefined, close: async () => {} };
  const where = { port: choice.port, host: "127.0.0.1", portFlag: FLAG, what: "the inspector" };
  let relay;
  try {
    relay = await listenOrExplain(() => startInspectorRelay({ port: choice.port }), where);
  } catch (error) {
    // Most likely `wps inspect` already runs there, and reporting to it is what was wanted.
    if (error instanceof CliError && error.message.includes("already in use")) {
      throw new CliError(
        `${error.message}, or --inspect ws://127.0.0.1:${choice.port} to report to the inspector running there`,
        error.exitCode,
      );
    }
    throw error;
  }
  return { url: relay.url, pageUrl: relay.pageUrl, close: () => relay.close() };
}
