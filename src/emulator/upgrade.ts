/**
 * The WebSocket handshake: routing (`/client/hubs/{hub}`, `/client/?hub=`), subprotocol choice,
 * authentication (access token, or reconnection token for a recovery), and HTTP refusals with a
 * reason. Refusals never reach the WebSocket layer, so a refused client gets a plain HTTP status.
 */
import type { IncomingMessage } from "node:http";
import { STATUS_CODES } from "node:http";
import { timingSafeEqual } from "node:crypto";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { WebSocket } from "ws";
import { CloseCode } from "../protocol/messages.js";
import { verifyClientToken } from "./auth.js";
import { checkGroupName, checkHubName } from "./names.js";
import { admit, echoedSubprotocol, unsupportedSubprotocols } from "./admission.js";
import { chooseProtocol } from "./protocols/index.js";
import type { EmulatorService } from "./service.js";

function offeredSubprotocols(req: IncomingMessage): string[] {
  const header = req.headers["sec-websocket-protocol"];
  if (header === undefined) return [];
  return header
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Writes an HTTP error on a socket that asked to upgrade, then closes it. */
export function refuseUpgrade(
  socket: Duplex,
  status: number,
  reason: string,
  headers: Record<string, string> = {},
): void {
  if (socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${reason}\n`;
  const extra = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\n` +
      "Connection: close\r\n" +
      "Content-Type: text/plain; charset=utf-8\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      extra +
      "\r\n" +
      body,
  );
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Where a client URL points. */
type Route = { readonly hub: string } | { readonly status: number; readonly reason: string };

function route(url: URL): Route {
  const path = url.pathname;
  const hubsPrefix = "/client/hubs/";
  let hub: string | null;
  if (path.startsWith(hubsPrefix)) {
    const rest = path.slice(hubsPrefix.length).replace(/\/$/, "");
    try {
      hub = decodeURIComponent(rest);
    } catch {
      return { status: 400, reason: "The hub name in the path is not valid percent-encoding" };
    }
    if (hub.includes("/")) return { status: 404, reason: `No such path: ${path}` };
  } else if (path === "/client" || path === "/client/") {
    hub = url.searchParams.get("hub");
    if (hub === null) return { status: 400, reason: "The 'hub' query parameter is required on /client/" };
  } else {
    return { status: 404, reason: `No such path: ${path}. Clients connect to /client/hubs/{hub}` };
  }
  const problem = checkHubName(hub);
  if (problem !== undefined) return { status: 400, reason: `Invalid hub name: ${problem}` };
  return { hub };
}

/** Creates the handler for the HTTP server's `upgrade` event. */
export function createUpgradeHandler(
  service: EmulatorService,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  // The subprotocol each accepted request echoes, decided before the upgrade (a connect handler may choose it).
  const echoes = new WeakMap<IncomingMessage, string | false>();
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: service.limits.maxFrameBytes,
    // Already validated before the upgrade; this only echoes the choice in the handshake.
    handleProtocols: (protocols, request) => echoes.get(request) ?? chooseProtocol(protocols)?.name ?? false,
  });
  const log = service.log;

  const accept = (
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    then: (ws: WebSocket) => void,
  ): void => {
    if (socket.destroyed) return;
    wss.handleUpgrade(req, socket, head, then);
  };

  const handle = async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://emulator");
    } catch {
      refuseUpgrade(socket, 400, "Malformed request URL");
      return;
    }
    if (Date.now() < service.refuseUntil) {
      // Whole seconds (all HTTP allows), rounded down: a client told to wait never waits past
      // the moment the service is back (under a second left says 0: retry at your own pace).
      const seconds = Math.floor((service.refuseUntil - Date.now()) / 1000);
      refuseUpgrade(
        socket,
        503,
        "The service is restarting (refuseConnections fault) or shutting down; retry later",
        Number.isFinite(seconds) ? { "Retry-After": String(seconds) } : {},
      );
      return;
    }
    const target = route(url);
    if ("status" in target) {
      refuseUpgrade(socket, target.status, target.reason);
      return;
    }
    const offered = offeredSubprotocols(req);
    const recoveryId = url.searchParams.get("awps_connection_id");
    if (recoveryId !== null) {
      // Only the reliable subprotocols recover; a raw client has nothing to come back to.
      const protocol = chooseProtocol(offered);
      if (protocol === undefined) {
        refuseUpgrade(socket, 400, unsupportedSubprotocols(offered));
        return;
      }
      // Recovery authenticates with the reconnection token; a stale access_token is ignored.
      // Any failure is an accepted upgrade closed with 1008, so the client stops retrying at once.
      const token = url.searchParams.get("awps_reconnection_token") ?? "";
      const connection = service.find(recoveryId);
      const reason =
        connection === undefined
          ? "The connection no longer exists (unknown, closed or expired); reconnect"
          : connection.identity.hub !== target.hub.toLowerCase()
            ? "The connection belongs to another hub"
            : connection.identity.reconnectionToken === undefined ||
                !tokensEqual(connection.identity.reconnectionToken, token)
              ? "Invalid reconnection token"
              : connection.identity.protocol !== protocol
                ? `Recovery must use the connection's subprotocol (${connection.identity.protocol.name})`
                : undefined;
      accept(req, socket, head, (ws) => {
        if (reason !== undefined || connection === undefined || connection.removed) {
          log.info(`recovery of ${recoveryId.slice(0, 64)} refused: ${reason ?? "connection removed"}`);
          // No system/disconnected here (as the Microsoft emulator): the client keeps the reason
          // of the close that started the recovery, which is the one worth showing.
          const message = reason ?? "The connection no longer exists; reconnect";
          ws.close(CloseCode.PolicyViolation, message.slice(0, 120));
          ws.on("error", () => {});
          return;
        }
        connection.attach(ws, socket);
        // As the service: `system/connected` again (the official 1.1.0 client resumes its group
        // streams on it), then every unacknowledged message (docs/streams.md, "After a recovery").
        connection.sendConnected();
        connection.replay();
        log.info(
          `connection ${connection.id} recovered; replayed ${connection.session?.pendingCount ?? 0} messages`,
        );
      });
      return;
    }

    let token = url.searchParams.get("access_token");
    const authorization = req.headers.authorization;
    if (token === null && authorization !== undefined && /^Bearer\s+/i.test(authorization)) {
      token = authorization.replace(/^Bearer\s+/i, "").trim();
    }
    if (token === null || token.length === 0) {
      refuseUpgrade(
        socket,
        401,
        "Unauthorized: no access token (use ?access_token= or an Authorization: Bearer header)",
        {
          "WWW-Authenticate": "Bearer",
        },
      );
      return;
    }
    const host = req.headers.host ?? service.endpointHost;
    const verified = await verifyClientToken(
      token,
      service.config.key,
      { path: `/client/hubs/${target.hub}`, hosts: [host, service.endpointHost] },
      service.config.clockToleranceSeconds,
    );
    if (!verified.ok) {
      log.info(`client upgrade to hub '${target.hub}' refused: ${verified.reason}`);
      refuseUpgrade(socket, 401, `Unauthorized: ${verified.reason}`, {
        "WWW-Authenticate": 'Bearer error="invalid_token"',
      });
      return;
    }
    for (const group of verified.value.groups) {
      const problem = checkGroupName(group);
      if (problem !== undefined) {
        refuseUpgrade(socket, 400, `Invalid 'webpubsub.group' claim: ${problem}`);
        return;
      }
    }
    if (Date.now() < service.refuseUntil) {
      refuseUpgrade(socket, 503, "The service is restarting (refuseConnections fault); retry later");
      return;
    }
    const admission = await admit(service, req, url, target.hub, verified.value, offered);
    if (!admission.ok) {
      refuseUpgrade(socket, admission.status, admission.reason);
      return;
    }
    if (Date.now() < service.refuseUntil || socket.destroyed) {
      // The connect handler took a while: the emulator may be shutting down, the client gone.
      service.handlers.closed(admission.id, "refused at upgrade");
      refuseUpgrade(socket, 503, "The service is shutting down or restarting; retry later");
      return;
    }
    echoes.set(req, echoedSubprotocol(admission.protocol));
    accept(req, socket, head, (ws) => {
      service.open(target.hub, admission.protocol, admission.claims, ws, socket, admission.id);
    });
  };

  return (req, socket, head) => {
    // Until `ws` owns the socket, a reset must not surface as an unhandled error.
    socket.on("error", () => {});
    handle(req, socket, head).catch((error: unknown) => {
      log.error(`upgrade failed: ${String(error)}`);
      refuseUpgrade(socket, 500, "Internal error");
    });
  };
}
