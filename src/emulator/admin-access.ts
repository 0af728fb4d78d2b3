/**
 * Who may call the admin route (development and tests only; see docs/emulator.md):
 *
 * 1. the `Host` header names the emulator: its listening address, or a loopback name or address
 *    (any port) — else 421, so a DNS-rebound name cannot reach it from a browser;
 * 2. a request with an `Origin` header comes from the emulator's own origin — else 403, so no web
 *    page can drive it (CSRF);
 * 3. it carries a bearer token as the REST data plane does — else 401.
 */
import type { IncomingMessage } from "node:http";
import { networkInterfaces } from "node:os";
import { bearerProblem } from "./bearer.js";
import type { EmulatorService } from "./service.js";

/** A refusal: the HTTP status and why. */
export interface AdminRefusal {
  readonly status: 401 | 403 | 421;
  readonly message: string;
}

/** The admin route's root: a token whose audience is `{endpoint}/admin` opens every admin call. */
export const ADMIN_ROOT = "/admin";

const WILDCARDS = new Set(["", "0.0.0.0", "::", "[::]"]);

/** The host name of a `Host` header or an origin's host (lower-cased, IPv6 without brackets). */
function hostName(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  } catch {
    return undefined;
  }
}

function isLoopback(name: string): boolean {
  return (
    name === "localhost" ||
    name.endsWith(".localhost") ||
    name === "::1" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
  );
}

/** Whether `name` is an address the emulator listens on (every local address for a wildcard bind). */
function isListeningAddress(name: string, listenHost: string): boolean {
  const bound = listenHost.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (!WILDCARDS.has(bound)) return name === bound;
  return Object.values(networkInterfaces()).some((addresses) =>
    (addresses ?? []).some((a) => a.address.toLowerCase() === name),
  );
}

/** Why the `Host` header does not name this emulator, or `undefined` when it does. */
export function hostProblem(host: string | undefined, listenHost: string): string | undefined {
  const name = host === undefined ? undefined : hostName(host);
  if (name !== undefined && (isLoopback(name) || isListeningAddress(name, listenHost))) return undefined;
  return (
    `The Host header '${(host ?? "").slice(0, 100)}' does not name this emulator; the admin route ` +
    `answers only to its listening address or a loopback name (DNS rebinding protection)`
  );
}

/** Why the `Origin` header is not the emulator's own origin, or `undefined` (also when there is none). */
export function originProblem(
  origin: string | undefined,
  host: string | undefined,
  secure: boolean,
): string | undefined {
  if (origin === undefined) return undefined;
  if (host !== undefined && URL.canParse(origin)) {
    const url = new URL(origin);
    if (url.protocol === (secure ? "https:" : "http:") && url.host.toLowerCase() === host.toLowerCase()) {
      return undefined;
    }
  }
  return `Cross-origin requests to the admin route are refused (Origin '${origin.slice(0, 100)}')`;
}

/** Whether a request may use the admin route: `undefined` when it may, else the refusal. */
export async function adminRefusal(
  service: EmulatorService,
  req: IncomingMessage,
  url: URL,
): Promise<AdminRefusal | undefined> {
  const host = req.headers.host;
  const badHost = hostProblem(host, service.listenHost);
  if (badHost !== undefined) return { status: 421, message: badHost };
  const secure = "encrypted" in req.socket && req.socket.encrypted === true;
  const badOrigin = originProblem(req.headers.origin, host, secure);
  if (badOrigin !== undefined) return { status: 403, message: badOrigin };
  const unauthenticated = await bearerProblem(service, req, url.pathname, ADMIN_ROOT);
  if (unauthenticated !== undefined) return { status: 401, message: unauthenticated };
  return undefined;
}
