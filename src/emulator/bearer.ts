/**
 * Bearer authentication of HTTP requests, as the service does it for the REST data plane: an
 * `Authorization: Bearer <JWT>` signed with the access key whose audience is the request URL.
 * The REST data plane and the admin route both use it.
 */
import type { IncomingMessage } from "node:http";
import { verifyServiceToken } from "./auth.js";
import type { EmulatorService } from "./service.js";

/**
 * Why a request is not authenticated, or `undefined` when it is. `alsoPath` is another audience
 * path accepted instead of the request's own (the admin route accepts its root, `/admin`).
 */
export async function bearerProblem(
  service: EmulatorService,
  req: IncomingMessage,
  path: string,
  alsoPath?: string,
): Promise<string | undefined> {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  if (match === null) return "Missing 'Authorization: Bearer <JWT>' header";
  const verified = await verifyServiceToken(
    match[1] as string,
    service.config.key,
    { path, alsoPath, hosts: [req.headers.host ?? service.endpointHost, service.endpointHost] },
    service.config.clockToleranceSeconds,
  );
  return verified.ok ? undefined : `Invalid bearer token: ${verified.reason}`;
}
