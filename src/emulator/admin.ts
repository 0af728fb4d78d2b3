/**
 * The HTTP admin route, for development and tests only: the fault operations and a connection
 * listing over plain HTTP, so scripts and tests in other languages can drive them. Every request
 * passes `adminRefusal` first (Host, Origin, bearer token; see admin-access.ts).
 *
 * - `GET  /admin/connections[?hub=h]` → 200 `ConnectionInfo[]`
 * - `POST /admin/connections/{id}/drop|blackhole|expire` → 204, 404 when unknown
 * - `POST /admin/connections/{id}/close?code=1011&reason=…` (or a JSON body `{code, reason}`) → 204
 * - `POST /admin/refuse-connections?ms=5000` (or `{ms}`; 0 to 600,000) → 204
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { adminRefusal } from "./admin-access.js";
import { isSendableCloseCode } from "./faults.js";
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

/** The longest refusal the admin route accepts: a restart, not a way to take the emulator down. */
export const MAX_REFUSE_MS = 10 * 60 * 1000;

function numberParam(value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const n = typeof value === "number" || typeof value === "string" ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : Number.NaN;
}

/** Thrown to answer 400 with a message. */
class BadParameter extends Error {}

function refuseMs(value: unknown): number {
  const ms = numberParam(value);
  if (ms === undefined) throw new BadParameter("'ms' is required");
  if (Number.isNaN(ms) || ms < 0 || ms > MAX_REFUSE_MS) {
    throw new BadParameter(`'ms' must be a number of milliseconds from 0 to ${MAX_REFUSE_MS} (10 minutes)`);
  }
  return ms;
}

function closeCode(value: unknown): number | undefined {
  const code = numberParam(value);
  if (code !== undefined && !isSendableCloseCode(code)) {
    throw new BadParameter(
      "'code' must be a close code that can be sent: 1000–1014 (not 1004–1006) or 3000–4999",
    );
  }
  return code;
}

function closeReasonParam(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new BadParameter("'reason' must be a string");
  return value;
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
    const refusal = await adminRefusal(service, req, url);
    if (refusal !== undefined) {
      service.log.warn(`admin ${method} ${url.pathname} refused (${refusal.status}): ${refusal.message}`);
      return reply(res, refusal.status, { message: refusal.message });
    }
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
        case "close":
          found = faults.close(id, closeCode(params["code"]), closeReasonParam(params["reason"]));
          break;
        default:
          return reply(res, 404, { message: `unknown fault '${segments[2] ?? ""}'` });
      }
      return found ? reply(res, 204) : reply(res, 404, { message: `no connection '${id}'` });
    }
    if (segments[0] === "refuse-connections" && segments.length === 1) {
      if (method !== "POST") return reply(res, 405, { message: "use POST" });
      faults.refuseConnections(refuseMs((await parameters(req, url))["ms"]));
      return reply(res, 204);
    }
    return reply(res, 404, { message: `no admin route ${url.pathname}` });
  } catch (error) {
    if (error instanceof BadParameter || error instanceof RangeError || error instanceof URIError)
      return reply(res, 400, { message: error.message });
    service.log.error(`admin ${url.pathname} failed: ${String(error)}`);
    return reply(res, 500, { message: "admin operation failed" });
  }
}
