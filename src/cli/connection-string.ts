/**
 * Connection strings and client access URLs, offline: parsing exactly as `@azure/web-pubsub`'s
 * `parseConnectionString` does, and minting with the emulator's `mintClientToken` (which signs the
 * same header and claims as the server SDK's `getClientAccessToken`), so a URL from `wps token`
 * works against a real Azure resource as well as the emulator.
 */
import { hmacKey, mintClientToken, mintServiceToken } from "../emulator/auth.js";
import { Permissions } from "../emulator/permissions.js";
import { CliError } from "./cli-kit.js";

/** A parsed connection string. */
export interface ParsedConnectionString {
  /** The http(s) endpoint with a trailing slash and the `Port` override applied, as the SDK keeps it. */
  readonly endpoint: string;
  readonly accessKey: string;
}

/** What goes into a client access token, in the server SDK's terms. */
export interface ClientTokenRequest {
  readonly hub: string;
  readonly userId?: string | undefined;
  readonly roles?: readonly string[] | undefined;
  readonly groups?: readonly string[] | undefined;
  readonly expiresInMinutes?: number | undefined;
}

/** The same shape `getClientAccessToken` returns. */
export interface MintedClientAccess {
  readonly token: string;
  /** `ws(s)://host[:port]/client/hubs/{hub}`. */
  readonly baseUrl: string;
  /** `baseUrl?access_token={token}`. */
  readonly url: string;
}

/**
 * Parses `Endpoint=…;AccessKey=…;Version=1.0;[Port=…]` as the server SDK does: keys are
 * case-insensitive, `https://` is assumed when the endpoint has no scheme, `Port` overrides the
 * URL's port.
 * @throws CliError naming what is missing or malformed (never echoing the key).
 */
export function parseConnectionString(text: string): ParsedConnectionString {
  const parts = new Map<string, string>();
  for (const part of text.split(";")) {
    const at = part.indexOf("=");
    if (at === -1) continue;
    parts.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  let endpoint = parts.get("endpoint");
  if (!endpoint) throw new CliError("the connection string has no Endpoint=…");
  const accessKey = parts.get("accesskey");
  if (!accessKey) throw new CliError("the connection string has no AccessKey=…");
  if (!endpoint.startsWith("http")) endpoint = `https://${endpoint}`;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new CliError(`the connection string's Endpoint '${endpoint}' is not a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CliError(`the connection string's Endpoint must be http(s), not ${url.protocol}`);
  }
  const port = parts.get("port");
  if (port !== undefined) {
    if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
      throw new CliError(`the connection string's Port must be a port number, got '${port}'`);
    }
    url.port = port;
  }
  return { endpoint: url.toString(), accessKey };
}

/** Refuses roles the service would silently ignore (a typo would otherwise grant nothing). */
export function checkRoles(roles: readonly string[]): void {
  for (const role of roles) {
    if (Permissions.fromRoles([role]).ignoredRoles.length > 0) {
      throw new CliError(
        `unknown role '${role}': expected webpubsub.joinLeaveGroup, webpubsub.sendToGroup, ` +
          `either with .<group>, or webpubsub.joinLeaveGroups.<pattern> / webpubsub.sendToGroups.<pattern>`,
      );
    }
  }
}

/**
 * Mints a client access URL for `hub` the way `WebPubSubServiceClient.getClientAccessToken` does
 * with an access key: `aud` is the http(s) `{endpoint}client/hubs/{hub}`, the URL its ws(s) twin.
 */
export async function mintClientAccess(
  connection: ParsedConnectionString,
  request: ClientTokenRequest,
): Promise<MintedClientAccess> {
  const endpoint = connection.endpoint.endsWith("/") ? connection.endpoint : `${connection.endpoint}/`;
  const clientPath = `client/hubs/${request.hub}`;
  const token = await mintClientToken(hmacKey(connection.accessKey), {
    audience: endpoint + clientPath,
    userId: request.userId,
    roles: request.roles,
    groups: request.groups,
    expiresInMinutes: request.expiresInMinutes,
  });
  const baseUrl = endpoint.replace(/^http(s?):\/\//i, "ws$1://") + clientPath;
  return { token, baseUrl, url: `${baseUrl}?access_token=${token}` };
}

/**
 * Mints a bearer token for the emulator's admin route: audience `{endpoint}admin`, which the
 * emulator accepts for every call under `/admin/` (a real service has no such route).
 */
export function mintAdminToken(connection: ParsedConnectionString, expiresInMinutes = 60): Promise<string> {
  const endpoint = connection.endpoint.endsWith("/") ? connection.endpoint : `${connection.endpoint}/`;
  return mintServiceToken(hmacKey(connection.accessKey), `${endpoint}admin`, expiresInMinutes);
}
