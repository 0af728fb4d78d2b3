/**
 * The emulator's fault injection over HTTP (`/admin/…`), for a demo that reaches an emulator
 * through its connection string instead of embedding one. Every call is authenticated as the
 * REST data plane is: a bearer JWT signed with the access key whose audience is the request URL.
 */
import { hmacKey, mintServiceToken } from "../../emulator/auth.js";
import type { ConnectionInfo } from "../../emulator/index.js";
import type { ParsedConnectionString } from "../connection-string.js";
import type { DemoFaults } from "./service.js";

/** How long an admin call may take before the target is taken for one without `/admin`. */
const ADMIN_TIMEOUT_MS = 5000;

/** The one place the demo calls `/admin/…`: `path` is relative to it, e.g. `connections?hub=demo`. */
export async function adminRequest(
  connection: ParsedConnectionString,
  method: "GET" | "POST",
  path: string,
): Promise<Response> {
  const url = new URL(`admin/${path}`, connection.endpoint).toString();
  const token = await mintServiceToken(hmacKey(connection.accessKey), url);
  return fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(ADMIN_TIMEOUT_MS),
  });
}

async function connectionsOf(connection: ParsedConnectionString, hub: string): Promise<ConnectionInfo[]> {
  const response = await adminRequest(connection, "GET", `connections?hub=${encodeURIComponent(hub)}`);
  if (response.status !== 200) throw new Error(`GET /admin/connections answered ${response.status}`);
  const body: unknown = await response.json();
  if (!Array.isArray(body)) throw new Error("GET /admin/connections did not answer a list");
  return body as ConnectionInfo[];
}

/**
 * Fault injection through the target's `/admin` route, or `undefined` when it has none (a real
 * Azure resource, an emulator started with `admin: false`, or one that refuses our token).
 */
export async function adminFaults(
  connection: ParsedConnectionString,
  hub: string,
): Promise<DemoFaults | undefined> {
  try {
    await connectionsOf(connection, hub);
  } catch {
    return undefined;
  }
  const find = async (connectionId: string) =>
    (await connectionsOf(connection, hub)).find((info) => info.connectionId === connectionId);
  const fault = async (connectionId: string, name: "drop" | "expire") => {
    const response = await adminRequest(
      connection,
      "POST",
      `connections/${encodeURIComponent(connectionId)}/${name}`,
    );
    return response.status === 204;
  };
  return {
    drop: (connectionId) => fault(connectionId, "drop"),
    expire: (connectionId) => fault(connectionId, "expire"),
    unacked: async (connectionId) => (await find(connectionId))?.unackedMessages,
    groupsOf: async (connectionId) => (await find(connectionId))?.groups,
  };
}
