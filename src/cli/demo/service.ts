/**
 * Where the demo runs: the embedded emulator (every step, with fault injection), a service
 * reached with a connection string (URLs minted offline; fault injection when it is an emulator
 * whose `/admin` route answers, none on a real Azure resource), or a single client access URL
 * (every participant shares it; no faults, no per-user roles).
 */
import { startEmulator, type Emulator } from "../../emulator/index.js";
import { CliError } from "../cli-kit.js";
import { mintClientAccess, parseConnectionString } from "../connection-string.js";
import { adminFaults } from "./admin.js";

/** Server-side fault injection: the embedded emulator's, or an emulator's `/admin` route. */
export interface DemoFaults {
  /** Cuts the TCP connection with no close frame; the session stays recoverable. */
  drop(connectionId: string): Promise<boolean>;
  /** Forgets the session: recovery is refused and the client must reconnect. */
  expire(connectionId: string): Promise<boolean>;
  /** Messages the service holds unacknowledged for a connection (for replay on recovery). */
  unacked(connectionId: string): Promise<number | undefined>;
  /** The groups a connection is in, as the service sees them. */
  groupsOf(connectionId: string): Promise<readonly string[] | undefined>;
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
    drop: async (connectionId) => emulator.faults.drop(connectionId),
    expire: async (connectionId) => emulator.faults.expire(connectionId),
    unacked: async (connectionId) => find(connectionId)?.unackedMessages,
    groupsOf: async (connectionId) => find(connectionId)?.groups,
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

/**
 * A service reached through a connection string: URLs are minted offline with its key, and the
 * fault steps run when it is an emulator whose `/admin` route answers.
 */
export async function connectionStringService(connectionString: string, hub: string): Promise<DemoService> {
  const parsed = parseConnectionString(connectionString);
  const faults = await adminFaults(parsed, hub);
  const where = parsed.endpoint.replace(/\/$/, "");
  return {
    description:
      faults === undefined ? `service at ${where}` : `emulator at ${where} (faults through /admin)`,
    hub,
    perUserTokens: true,
    faults,
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
