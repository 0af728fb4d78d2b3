/**
 * Where the demo runs: the embedded emulator (every step, with fault injection), a real service
 * reached with a connection string (URLs minted offline; no server-side faults), or a single
 * client access URL (every participant shares it; no faults, no per-user roles).
 */
import { startEmulator, type Emulator } from "../../emulator/index.js";
import { CliError } from "../cli-kit.js";
import { mintClientAccess, parseConnectionString } from "../connection-string.js";

/** Server-side fault injection, available only with the embedded emulator. */
export interface DemoFaults {
  /** Cuts the TCP connection with no close frame; the session stays recoverable. */
  drop(connectionId: string): boolean;
  /** Forgets the session: recovery is refused and the client must reconnect. */
  expire(connectionId: string): boolean;
  /** Messages the service holds unacknowledged for a connection (for replay on recovery). */
  unacked(connectionId: string): number | undefined;
  /** The groups a connection is in, as the service sees them. */
  groupsOf(connectionId: string): readonly string[] | undefined;
}

/** The service the demo talks to. */
export interface DemoService {
  /** For the banner and the summary, e.g. `embedded emulator on http://127.0.0.1:41234`. */
  readonly description: string;
  readonly hub: string;
  /** Whether each participant can have its own user id and roles. */
  readonly perUserTokens: boolean;
  /** Server-side faults, or `undefined` when the service is not ours to break. */
  readonly faults: DemoFaults | undefined;
  /** A client access URL for a participant. */
  urlFor(userId: string, roles: readonly string[]): Promise<string>;
  close(): Promise<void>;
}

function emulatorFaults(emulator: Emulator, hub: string): DemoFaults {
  const find = (connectionId: string) =>
    emulator.connections(hub).find((connection) => connection.connectionId === connectionId);
  return {
    drop: (connectionId) => emulator.faults.drop(connectionId),
    expire: (connectionId) => emulator.faults.expire(connectionId),
    unacked: (connectionId) => find(connectionId)?.unackedMessages,
    groupsOf: (connectionId) => find(connectionId)?.groups,
  };
}

/** Starts an embedded emulator on an ephemeral port of 127.0.0.1. */
export async function embeddedService(hub: string): Promise<DemoService> {
  const emulator = await startEmulator({ port: 0, logger: false });
  return {
    description: `embedded emulator on ${emulator.endpoint}`,
    hub,
    perUserTokens: true,
    faults: emulatorFaults(emulator, hub),
    urlFor: (userId, roles) => emulator.getClientAccessUrl({ hub, userId, roles }),
    close: () => emulator.close(),
  };
}

/** A service reached through a connection string: URLs are minted offline with its key. */
export function connectionStringService(connectionString: string, hub: string): DemoService {
  const parsed = parseConnectionString(connectionString);
  return {
    description: `service at ${parsed.endpoint.replace(/\/$/, "")}`,
    hub,
    perUserTokens: true,
    faults: undefined,
    urlFor: async (userId, roles) => (await mintClientAccess(parsed, { hub, userId, roles })).url,
    close: async () => {},
  };
}

/** A service reached through one client access URL that every participant shares. */
export function urlService(url: string): DemoService {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError("--url is not a valid client access URL");
  }
  if (!["ws:", "wss:", "http:", "https:"].includes(parsed.protocol)) {
    throw new CliError(`--url must be a wss:// client access URL, not ${parsed.protocol}//`);
  }
  const hub = /\/client\/hubs\/([^/?#]+)/i.exec(parsed.pathname)?.[1];
  if (hub === undefined)
    throw new CliError("--url must be a client access URL (…/client/hubs/<hub>?access_token=…)");
  return {
    description: `service at ${parsed.protocol}//${parsed.host}`,
    hub: decodeURIComponent(hub),
    perUserTokens: false,
    faults: undefined,
    urlFor: () => Promise.resolve(url),
    close: async () => {},
  };
}
