/**
 * The HTTP admin route: the fault operations and a connection listing over plain HTTP, so the CLI
 * and tests in other languages can drive them.
 *
 * - `GET  /admin/connections[?hub=h]` → 200 `ConnectionInfo[]`
 * - `POST /admin/connections/{id}/drop|blackhole|expire` → 204, 404 when unknown
 * - `POST /admin/connections/{id}/close?code=1011&reason=…` (or a JSON body `{code, reason}`) → 204
 * - `POST /admin/refuse-connections?ms=5000` (or `{ms}`) → 204
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody } from "./rest.js";
import type { EmulatorService } from "./service.js";
import type { EmulatorFaults } from "./types.js";

function reply(res: ServerResponse, status: number, value?: unknown): void {
  if (value === undefined) {
    res.writeHead(status, { "Content-Length": 0 });
    res.end();
    return;
  }
  const body = JSON.stringify(value);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
}

async function parameters(req: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
  const body = await readBody(req, 64 * 1024);
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (body.length > 0) {
    try {
      const parsed: unknown = JSON.parse(body.toString("utf8"));
      if (typeof parsed === "object" && parsed !== null) Object.assign(params, parsed);
    } catch {
      // Query parameters alone are fine.
    }
  }
  return params;
}

function numberParam(value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : Number.NaN;
}

/** Handles `/admin/...`. */
export async function handleAdmin(
  service: EmulatorService,
  faults: EmulatorFaults,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  try {
    const segments = url.pathname
      .split("/")
      .slice(2)
      .map((s) => decodeURIComponent(s));
    if (segments[0] === "connections" && segments.length === 1) {
      if (method !== "GET") return reply(res, 405, { message: "use GET" });
      return reply(res, 200, service.connections(url.searchParams.get("hub") ?? undefined));
    }
    if (segments[0] === "connections" && segments.length === 3 && segments[1] !== undefined) {
      if (method !== "POST") return reply(res, 405, { message: "use POST" });
      const id = segments[1];
      const params = await parameters(req, url);
      let found: boolean;
      switch (segments[2]) {
        case "drop":
          found = faults.drop(id);
          break;
        case "blackhole":
          found = faults.blackhole(id);
          break;
        case "expire":
          found = faults.expire(id);
          break;
        case "close": {
          const code = numberParam(params["code"]);
          const reason = typeof params["reason"] === "string" ? params["reason"] : undefined;
          found = faults.close(id, code, reason);
          break;
        }
        default:
          return reply(res, 404, { message: `unknown fault '${segments[2] ?? ""}'` });
      }
      return found ? reply(res, 204) : reply(res, 404, { message: `no connection '${id}'` });
    }
    if (segments[0] === "refuse-connections" && segments.length === 1) {
      if (method !== "POST") return reply(res, 405, { message: "use POST" });
      const ms = numberParam((await parameters(req, url))["ms"]);
      if (ms === undefined) return reply(res, 400, { message: "'ms' is required" });
      faults.refuseConnections(ms);
      return reply(res, 204);
    }
    return reply(res, 404, { message: `no admin route ${url.pathname}` });
  } catch (error) {
    if (error instanceof RangeError || error instanceof URIError)
      return reply(res, 400, { message: error.message });
    service.log.error(`admin ${url.pathname} failed: ${String(error)}`);
    return reply(res, 500, { message: "admin operation failed" });
  }
}
