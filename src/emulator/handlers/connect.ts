/**
 * The blocking `connect` event: what its request body says about the client, and what a
 * handler's answer may change (`userId`, `roles`, `groups`, `subprotocol`).
 */
import type { IncomingMessage } from "node:http";
import { checkGroupName } from "../names.js";

/** The body of a `connect` request, as `@azure/web-pubsub-express`'s `ConnectRequest` reads it. */
export interface ConnectRequestBody {
  readonly claims: Readonly<Record<string, readonly string[]>>;
  readonly query: Readonly<Record<string, readonly string[]>>;
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly subprotocols: readonly string[];
  /** Always empty: the emulator does not ask clients for certificates. */
  readonly clientCertificates: readonly never[];
}

/** What a handler's 2xx answer changes; absent fields change nothing. */
export interface ConnectDecision {
  readonly userId?: string;
  /** Added to the token's roles. */
  readonly roles?: readonly string[];
  /** Joined on connect, beside the token's groups. */
  readonly groups?: readonly string[];
  readonly subprotocol?: string;
}

// Never passed on: the client's credentials.
const HIDDEN_QUERY = new Set(["access_token"]);
const HIDDEN_HEADERS = new Set(["authorization"]);

/** The `connect` request body for an upgrade request. */
export function connectRequestBody(
  req: IncomingMessage,
  url: URL,
  claims: Readonly<Record<string, readonly string[]>>,
  subprotocols: readonly string[],
): ConnectRequestBody {
  const query: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) {
    if (HIDDEN_QUERY.has(name.toLowerCase())) continue;
    (query[name] ??= []).push(value);
  }
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (HIDDEN_HEADERS.has(name) || values === undefined) continue;
    headers[name] = values;
  }
  return { claims, query, headers, subprotocols, clientCertificates: [] };
}

function stringList(value: unknown, name: string): readonly string[] | string {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    return `'${name}' must be an array of strings`;
  }
  return value as string[];
}

/**
 * Reads a 2xx answer's body (empty or JSON `null`: nothing changes), or says why it is unusable.
 * The subprotocol must be one the client offered.
 */
export function readConnectDecision(body: Buffer, offered: readonly string[]): ConnectDecision | string {
  const text = body.toString("utf8").trim();
  if (text === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return "the connect handler's answer is not JSON";
  }
  if (parsed === null) return {};
  if (typeof parsed !== "object" || Array.isArray(parsed))
    return "the connect handler's answer is not a JSON object";
  const answer = parsed as Record<string, unknown>;
  const decision: { -readonly [K in keyof ConnectDecision]: ConnectDecision[K] } = {};
  const userId = answer["userId"];
  if (userId !== undefined && userId !== null) {
    if (typeof userId !== "string") return "'userId' must be a string";
    if (userId !== "") decision.userId = userId;
  }
  const roles = stringList(answer["roles"], "roles");
  if (typeof roles === "string") return roles;
  if (roles.length > 0) decision.roles = roles;
  const groups = stringList(answer["groups"], "groups");
  if (typeof groups === "string") return groups;
  for (const group of groups) {
    const problem = checkGroupName(group);
    if (problem !== undefined) return `'groups' holds an invalid group name: ${problem}`;
  }
  if (groups.length > 0) decision.groups = groups;
  const subprotocol = answer["subprotocol"];
  if (subprotocol !== undefined && subprotocol !== null && subprotocol !== "") {
    if (typeof subprotocol !== "string") return "'subprotocol' must be a string";
    if (!offered.includes(subprotocol)) {
      return `the connect handler chose subprotocol '${subprotocol.slice(0, 64)}', which the client did not offer`;
    }
    decision.subprotocol = subprotocol;
  }
  return decision;
}
