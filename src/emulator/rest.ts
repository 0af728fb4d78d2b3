/**
 * The REST data plane `@azure/web-pubsub` 1.2's `WebPubSubServiceClient` calls (protocol.md §7),
 * with its exact status codes: the SDK treats any status its operation does not list as an error.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { CloseCode } from "../protocol/messages.js";
import type { JSONTypes } from "../protocol/messages.js";
import { mintClientToken } from "./auth.js";
import { bearerProblem } from "./bearer.js";
import type { ClientConnection } from "./connection.js";
import { parseFilter } from "./filter.js";
import type { Filter } from "./filter.js";
import type { Hub } from "./hub.js";
import { metadataFromHeaders } from "./metadata.js";
import type { Metadata } from "./metadata.js";
import { MAX_TTL_SECONDS } from "./protocols/json-upstream.js";
import { checkGroupName, checkHubName } from "./names.js";
import { OutboundMessage } from "./outbound.js";
import { toArrayBuffer } from "./payload.js";
import type { Payload } from "./payload.js";
import type { PermissionKind } from "./permissions.js";
import type { EmulatorService } from "./service.js";

/** Thrown inside a handler to answer with an `ErrorDetail`. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ code, message });
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "x-ms-error-code": code,
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
}

function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status, { "Content-Length": 0 });
  res.end();
}

/** Reads a request body up to `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new HttpError(413, "PayloadTooLarge", `The request body is larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on("error", (error) => {
      if (!failed) reject(error);
    });
  });
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A `:send` body as a message payload, by Content-Type (protocol.md §2). */
function payloadFromBody(contentType: string | undefined, body: Buffer): Payload {
  const mime = (contentType ?? "application/octet-stream").split(";")[0]?.trim().toLowerCase() ?? "";
  if (mime === "text/plain" || mime === "application/json") {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      throw new HttpError(400, "InvalidRequest", "The body is not valid UTF-8");
    }
    if (mime === "text/plain") return { dataType: "text", data: text };
    try {
      // JSON `null` included: it is passed on as the body had it.
      return { dataType: "json", data: JSON.parse(text) as JSONTypes };
    } catch {
      throw new HttpError(
        400,
        "InvalidRequest",
        "The body is not valid JSON (Content-Type: application/json)",
      );
    }
  }
  return { dataType: "binary", data: toArrayBuffer(body) };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, "InvalidRequest", "A path segment is not valid percent-encoding");
  }
}

/** Parses an OData filter, or answers 400 with a message that names it. */
function checkedFilter(text: string): Filter {
  const filter = parseFilter(text);
  if (typeof filter === "string") {
    const problem = filter.replace(/^invalid filter: /, "");
    throw new HttpError(400, "InvalidRequest", `Invalid filter '${text.slice(0, 200)}': ${problem}`);
  }
  return filter;
}

function filterFrom(url: URL): Filter | undefined {
  const text = url.searchParams.get("filter");
  if (text === null || text.trim() === "") return undefined;
  return checkedFilter(text);
}

/** `messageTtlSeconds`, when given, must be an integer from 0 to 300 (delivery stays immediate). */
function checkTtl(url: URL): void {
  const text = url.searchParams.get("messageTtlSeconds");
  if (text === null) return;
  const ttl = Number(text);
  if (text.trim() === "" || !Number.isInteger(ttl) || ttl < 0 || ttl > MAX_TTL_SECONDS) {
    throw new HttpError(
      400,
      "InvalidRequest",
      `'messageTtlSeconds' must be an integer from 0 to ${MAX_TTL_SECONDS}, got '${text.slice(0, 32)}'`,
    );
  }
}

/** A `:send` request's message: its payload by Content-Type, its `X-WebPubSub-Metadata-*` headers, a checked TTL. */
async function sentMessage(r: RestRequest): Promise<{ payload: Payload; metadata: Metadata | undefined }> {
  checkTtl(r.url);
  const metadata = metadataFromHeaders(r.req.headers);
  if ("problem" in metadata)
    throw new HttpError(400, "InvalidRequest", `Invalid metadata header: ${metadata.problem}`);
  return {
    payload: payloadFromBody(r.req.headers["content-type"], await r.body()),
    metadata: metadata.metadata,
  };
}

/** `excluded` (repeated) plus `filter`, as one predicate; `undefined` when there are neither. */
function selection(url: URL): ((c: ClientConnection) => boolean) | undefined {
  const excluded = new Set(url.searchParams.getAll("excluded"));
  const filter = filterFrom(url);
  if (excluded.size === 0 && filter === undefined) return undefined;
  return (c) =>
    !excluded.has(c.id) &&
    (filter === undefined || filter({ connectionId: c.id, userId: c.userId, groups: c.groups }));
}

function requireGroupName(group: string): string {
  const problem = checkGroupName(group);
  if (problem !== undefined) throw new HttpError(400, "InvalidRequest", `Invalid group name: ${problem}`);
  return group;
}

function permissionKind(name: string): PermissionKind {
  if (name === "sendToGroup" || name === "joinLeaveGroup") return name;
  throw new HttpError(
    400,
    "InvalidRequest",
    `Unknown permission '${name}': use sendToGroup or joinLeaveGroup`,
  );
}

function reasonOf(url: URL): string {
  return url.searchParams.get("reason") ?? "Closed by the app server";
}

function closeAll(connections: Iterable<ClientConnection>, url: URL): void {
  const excluded = new Set(url.searchParams.getAll("excluded"));
  const reason = reasonOf(url);
  for (const connection of [...connections]) {
    if (!excluded.has(connection.id)) connection.close(CloseCode.Normal, reason, false);
  }
}

function groupsBody(body: Buffer): { groups: string[]; filter: Filter | undefined } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new HttpError(400, "InvalidRequest", 'The body must be JSON: {"groups":[...],"filter":"..."}');
  }
  const record = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const groups = record["groups"];
  if (!Array.isArray(groups) || !groups.every((g) => typeof g === "string")) {
    throw new HttpError(400, "InvalidRequest", "'groups' must be an array of group names");
  }
  groups.forEach(requireGroupName);
  const filterText = record["filter"];
  let filter: Filter | undefined;
  if (typeof filterText === "string" && filterText.trim() !== "") filter = checkedFilter(filterText);
  return { groups, filter };
}

interface RestRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly method: string;
  readonly hub: Hub | undefined;
  readonly hubName: string;
  readonly rest: readonly string[];
  body(): Promise<Buffer>;
}

/** Handles `/api/...`. */
export async function handleRest(
  service: EmulatorService,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  try {
    await route(service, req, res, url);
  } catch (error) {
    if (error instanceof HttpError) {
      sendError(res, error.status, error.code, error.message);
    } else {
      service.log.error(`REST ${req.method ?? "?"} ${url.pathname} failed: ${String(error)}`);
      sendError(res, 500, "InternalServerError", "The emulator failed to handle the request");
    }
  }
}

async function route(
  service: EmulatorService,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const segments = url.pathname.split("/").slice(1);
  if (segments[0] !== "api") throw new HttpError(404, "NotFound", `No such path: ${url.pathname}`);
  if (segments[1] === "health" && segments.length === 2) {
    sendEmpty(res, 200);
    return;
  }

  // Every data-plane call carries a bearer JWT signed with the access key, audience = its URL.
  const problem = await bearerProblem(service, req, url.pathname);
  if (problem !== undefined) throw new HttpError(401, "Unauthorized", problem);

  if (segments[1] !== "hubs" || segments[2] === undefined || segments[2] === "") {
    throw new HttpError(404, "NotFound", `No such path: ${url.pathname}`);
  }
  const hubName = decodeSegment(segments[2]);
  const hubProblem = checkHubName(hubName);
  if (hubProblem !== undefined) throw new HttpError(400, "InvalidRequest", `Invalid hub name: ${hubProblem}`);
  const rest = segments.slice(3).map(decodeSegment);
  const limit = service.limits.maxRestBodyBytes;
  let body: Promise<Buffer> | undefined;
  await hubRoute(service, {
    req,
    res,
    url,
    method,
    hub: service.findHub(hubName),
    hubName,
    rest,
    body: () => (body ??= readBody(req, limit)),
  });
}

function methodNotAllowed(r: RestRequest): never {
  throw new HttpError(405, "MethodNotAllowed", `${r.method} is not allowed on ${r.url.pathname}`);
}

function notFound(r: RestRequest): never {
  throw new HttpError(404, "NotFound", `No such path: ${r.url.pathname}`);
}

async function hubRoute(service: EmulatorService, r: RestRequest): Promise<void> {
  const { res, url, method, hub, rest } = r;
  const [first, second, third, fourth] = rest;
  const connectionIn = (id: string): ClientConnection | undefined => hub?.connections.get(id);

  if (rest.length === 1) {
    if (method !== "POST") methodNotAllowed(r);
    switch (first) {
      case ":send": {
        const include = selection(url);
        const { payload, metadata } = await sentMessage(r);
        hub?.broadcast(OutboundMessage.server(payload, metadata), include);
        sendEmpty(res, 202);
        return;
      }
      case ":closeConnections": {
        await r.body();
        if (hub !== undefined) closeAll(hub.connections.values(), url);
        sendEmpty(res, 204);
        return;
      }
      case ":addToGroups":
      case ":removeFromGroups": {
        const { groups, filter } = groupsBody(await r.body());
        if (hub !== undefined) {
          for (const connection of [...hub.connections.values()]) {
            if (
              filter !== undefined &&
              !filter({ connectionId: connection.id, userId: connection.userId, groups: connection.groups })
            ) {
              continue;
            }
            for (const group of groups) {
              if (first === ":addToGroups") hub.join(connection, group);
              else hub.leave(connection, group);
            }
          }
        }
        sendEmpty(res, 200);
        return;
      }
      case ":generateToken": {
        await r.body();
        const minutes = Number(url.searchParams.get("minutesToExpire") ?? "60");
        if (!Number.isFinite(minutes))
          throw new HttpError(400, "InvalidRequest", "'minutesToExpire' must be a number");
        const userId = url.searchParams.get("userId") ?? undefined;
        const token = await mintClientToken(service.config.key, {
          audience: `${clientAudienceBase(service, r.req)}/client/hubs/${r.hubName}`,
          userId,
          roles: url.searchParams.getAll("role"),
          groups: url.searchParams.getAll("group"),
          expiresInMinutes: minutes,
        });
        sendJson(res, 200, { token });
        return;
      }
      default:
        notFound(r);
    }
  }

  switch (first) {
    case "connections": {
      const id = second;
      if (id === undefined) notFound(r);
      if (rest.length === 2) {
        if (method === "HEAD") return sendEmpty(res, connectionIn(id) === undefined ? 404 : 200);
        if (method === "DELETE") {
          connectionIn(id)?.close(CloseCode.Normal, reasonOf(url), false);
          return sendEmpty(res, 204);
        }
        methodNotAllowed(r);
      }
      if (rest.length === 3 && third === ":send") {
        if (method !== "POST") methodNotAllowed(r);
        const { payload, metadata } = await sentMessage(r);
        connectionIn(id)?.deliver(OutboundMessage.server(payload, metadata));
        return sendEmpty(res, 202);
      }
      if (rest.length === 3 && third === "groups") {
        if (method !== "DELETE") methodNotAllowed(r);
        const connection = connectionIn(id);
        if (connection !== undefined) hub?.leaveAll(connection);
        return sendEmpty(res, 204);
      }
      notFound(r);
      break;
    }
    case "groups": {
      if (second === undefined) notFound(r);
      const group = requireGroupName(second);
      if (rest.length === 2) {
        if (method !== "HEAD") methodNotAllowed(r);
        return sendEmpty(res, hub?.hasGroup(group) === true ? 200 : 404);
      }
      if (rest.length === 3 && third === ":send") {
        if (method !== "POST") methodNotAllowed(r);
        // Checked before anything else, whether or not the hub or the group has anyone in it.
        const include = selection(url);
        const { payload, metadata } = await sentMessage(r);
        // Group sends from the server arrive as group messages without a sender (as in the service).
        hub?.sendToGroup(group, OutboundMessage.group(group, null, payload, metadata), undefined, include);
        return sendEmpty(res, 202);
      }
      if (rest.length === 3 && third === ":closeConnections") {
        if (method !== "POST") methodNotAllowed(r);
        await r.body();
        if (hub !== undefined) closeAll(hub.members(group), url);
        return sendEmpty(res, 204);
      }
      if (rest.length === 3 && third === "connections") {
        if (method !== "GET") methodNotAllowed(r);
        return listGroup(r, hub, group);
      }
      if (rest.length === 4 && third === "connections" && fourth !== undefined) {
        const connection = connectionIn(fourth);
        if (method === "PUT") {
          if (connection === undefined || hub === undefined) {
            throw new HttpError(404, "NotFound", `Connection '${fourth}' does not exist`);
          }
          hub.join(connection, group);
          return sendEmpty(res, 200);
        }
        if (method === "DELETE") {
          if (connection !== undefined) hub?.leave(connection, group);
          return sendEmpty(res, 204);
        }
        methodNotAllowed(r);
      }
      notFound(r);
      break;
    }
    case "users": {
      const userId = second;
      if (userId === undefined) notFound(r);
      const connections = (): ClientConnection[] => [...(hub?.userConnections(userId) ?? [])];
      if (rest.length === 2) {
        if (method !== "HEAD") methodNotAllowed(r);
        return sendEmpty(res, hub?.hasUser(userId) === true ? 200 : 404);
      }
      if (rest.length === 3 && third === ":send") {
        if (method !== "POST") methodNotAllowed(r);
        const include = selection(url);
        const { payload, metadata } = await sentMessage(r);
        const message = OutboundMessage.server(payload, metadata);
        for (const connection of connections()) {
          if (include === undefined || include(connection)) connection.deliver(message);
        }
        return sendEmpty(res, 202);
      }
      if (rest.length === 3 && third === ":closeConnections") {
        if (method !== "POST") methodNotAllowed(r);
        await r.body();
        closeAll(connections(), url);
        return sendEmpty(res, 204);
      }
      if (rest.length === 3 && third === "groups") {
        if (method !== "DELETE") methodNotAllowed(r);
        for (const connection of connections()) hub?.leaveAll(connection);
        return sendEmpty(res, 204);
      }
      if (rest.length === 4 && third === "groups" && fourth !== undefined) {
        const group = requireGroupName(fourth);
        if (method === "PUT") {
          for (const connection of connections()) hub?.join(connection, group);
          return sendEmpty(res, 200);
        }
        if (method === "DELETE") {
          for (const connection of connections()) hub?.leave(connection, group);
          return sendEmpty(res, 204);
        }
        methodNotAllowed(r);
      }
      notFound(r);
      break;
    }
    case "permissions": {
      if (second === undefined || third !== "connections" || fourth === undefined || rest.length !== 4)
        notFound(r);
      const kind = permissionKind(second);
      const target = url.searchParams.get("targetName") ?? undefined;
      const connection = connectionIn(fourth);
      const permissions = connection?.identity.permissions;
      if (method === "HEAD") return sendEmpty(res, permissions?.has(kind, target) === true ? 200 : 404);
      if (method === "PUT") {
        if (permissions === undefined)
          throw new HttpError(404, "NotFound", `Connection '${fourth}' does not exist`);
        permissions.grant(kind, target);
        return sendEmpty(res, 200);
      }
      if (method === "DELETE") {
        permissions?.revoke(kind, target);
        return sendEmpty(res, 204);
      }
      methodNotAllowed(r);
      break;
    }
    default:
      notFound(r);
  }
}

function listGroup(r: RestRequest, hub: Hub | undefined, group: string): void {
  const { url, res } = r;
  const pageSize = Math.max(1, Math.min(200, Number(url.searchParams.get("maxpagesize") ?? "200") || 200));
  const top = url.searchParams.get("top");
  const limit = top === null ? Infinity : Math.max(0, Number(top) || 0);
  const offset = Math.max(0, Number(url.searchParams.get("continuationToken") ?? "0") || 0);
  const members = [...(hub?.members(group) ?? [])];
  const end = Math.min(members.length, limit, offset + pageSize);
  const value = members
    .slice(offset, end)
    .map((c) => (c.userId === null ? { connectionId: c.id } : { connectionId: c.id, userId: c.userId }));
  const body: { value: unknown[]; nextLink?: string } = { value };
  if (end < Math.min(members.length, limit)) {
    const next = new URL(url.toString());
    next.searchParams.set("continuationToken", String(end));
    body.nextLink = `${next.pathname}${next.search}`;
  }
  sendJson(res, 200, body);
}

function clientAudienceBase(service: EmulatorService, req: IncomingMessage): string {
  const secure = "encrypted" in req.socket && req.socket.encrypted === true;
  return `${secure ? "https" : "http"}://${req.headers.host ?? service.endpointHost}`;
}
