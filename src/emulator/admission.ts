/**
 * What a new connection will be, decided between a verified token and the accepted upgrade: its
 * protocol (a service subprotocol, or raw — none offered, or a custom one the `connect` handler
 * chose), its id, and its user, roles and groups once the `connect` event handler has had its say.
 */
import type { IncomingMessage } from "node:http";
import type { ClientClaims } from "./auth.js";
import { SERVICE_PROTOCOLS, chooseProtocol } from "./protocols/index.js";
import { parseRawMode, rawProtocol } from "./protocols/raw.js";
import type { ServiceProtocol } from "./protocols/types.js";
import { newConnectionId } from "./service.js";
import type { EmulatorService } from "./service.js";

/** An admitted connection, or the HTTP refusal. */
export type Admission =
  | {
      readonly ok: true;
      readonly id: string;
      readonly protocol: ServiceProtocol;
      readonly claims: Omit<ClientClaims, "claims">;
    }
  | { readonly ok: false; readonly status: number; readonly reason: string };

/** Why no protocol fits what the client offered. */
export function unsupportedSubprotocols(offered: readonly string[]): string {
  return (
    `Unsupported subprotocols: ${offered.join(", ")}. This emulator supports ` +
    `${SERVICE_PROTOCOLS.map((p) => p.name).join(" and ")}, or none (a raw WebSocket client); ` +
    "a custom subprotocol needs a connect event handler that chooses it"
  );
}

/** The name to echo in `Sec-WebSocket-Protocol` for a protocol (`false`: none). */
export function echoedSubprotocol(protocol: ServiceProtocol): string | false {
  if (protocol.simple === true) return (protocol as { readonly subprotocol?: string }).subprotocol ?? false;
  return protocol.name;
}

function union(a: readonly string[], b: readonly string[] | undefined): readonly string[] {
  return b === undefined ? a : [...new Set([...a, ...b])];
}

/** Admits a new (not recovering) connection whose token is verified. */
export async function admit(
  service: EmulatorService,
  req: IncomingMessage,
  url: URL,
  hub: string,
  verified: ClientClaims,
  offered: readonly string[],
): Promise<Admission> {
  const mode = parseRawMode(url.searchParams);
  if (typeof mode === "string") return { ok: false, status: 400, reason: mode };
  const id = newConnectionId();
  const outcome = await service.handlers.connect(
    { id, hub: hub.toLowerCase(), userId: verified.userId, subprotocol: undefined },
    req,
    url,
    verified.claims,
    offered,
  );
  if (!outcome.ok) return outcome;
  const decision = outcome.decision;
  const chosen = decision.subprotocol;
  const protocol =
    chosen === undefined
      ? (chooseProtocol(offered) ?? (offered.length === 0 ? rawProtocol(mode) : undefined))
      : (chooseProtocol([chosen]) ?? rawProtocol(mode, chosen));
  if (protocol === undefined) {
    service.handlers.closed(id, "refused at upgrade");
    return { ok: false, status: 400, reason: unsupportedSubprotocols(offered) };
  }
  return {
    ok: true,
    id,
    protocol,
    claims: {
      userId: decision.userId ?? verified.userId,
      roles: union(verified.roles, decision.roles),
      groups: union(verified.groups, decision.groups),
    },
  };
}
