/**
 * The HTTP(S) server: REST data plane under `/api/`, admin under `/admin/`, WebSocket upgrades
 * for clients under `/client/`, and a small info page at `/`.
 */
import { createServer as createHttpServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { Duplex } from "node:stream";
import { handleAdmin } from "./admin.js";
import { handleRest } from "./rest.js";
import type { EmulatorService } from "./service.js";
import type { TlsMaterial } from "./tls.js";
import type { EmulatorFaults } from "./types.js";
import { createUpgradeHandler } from "./upgrade.js";

export interface EmulatorServer {
  readonly server: Server;
  /** Sockets that asked to upgrade and are still open (the HTTP server stops tracking them). */
  readonly upgraded: Set<Duplex>;
}

function text(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

export function createEmulatorServer(
  service: EmulatorService,
  faults: EmulatorFaults,
  tls: TlsMaterial | undefined,
  admin: boolean,
): EmulatorServer {
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://emulator");
    } catch {
      text(res, 400, "Malformed request URL\n");
      return;
    }
    const path = url.pathname;
    const failed = (error: unknown): void => {
      service.log.error(`request ${path} failed: ${String(error)}`);
      if (!res.headersSent) text(res, 500, "Internal error\n");
      else res.destroy();
    };
    if (path === "/api" || path.startsWith("/api/")) {
      handleRest(service, req, res, url).catch(failed);
    } else if (admin && path.startsWith("/admin/")) {
      handleAdmin(service, faults, req, res, url).catch(failed);
    } else if (path === "/client" || path.startsWith("/client/")) {
      text(res, 426, "WebSocket upgrade required: connect with a WebSocket client\n", {
        Upgrade: "websocket",
      });
    } else if (path === "/" && (req.method === "GET" || req.method === "HEAD")) {
      text(
        res,
        200,
        "web-pubsub-machine emulator: a local Azure Web PubSub service.\n" +
          "Clients: /client/hubs/{hub}?access_token=...  REST: /api/hubs/{hub}/...  Admin: /admin/connections\n",
      );
    } else {
      text(res, 404, `No such path: ${path}\n`);
    }
  };

  const server: Server =
    tls === undefined
      ? createHttpServer(onRequest)
      : createHttpsServer({ key: tls.key, cert: tls.cert }, onRequest);
  const upgraded = new Set<Duplex>();
  const onUpgrade = createUpgradeHandler(service);
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgraded.add(socket);
    socket.once("close", () => upgraded.delete(socket));
    onUpgrade(req, socket, head);
  });
  server.on("clientError", (_error: Error, socket: Duplex) => {
    // Garbage instead of HTTP: answer if possible, never crash.
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });
  return { server, upgraded };
}
