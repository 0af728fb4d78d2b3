/**
 * Turning a failed first connection into one clear line. In Node the client's failure carries
 * the HTTP status and the service's reason of a refused upgrade; this adds what the status means
 * to a person.
 */
import { redact } from "../logging.js";
import type { StartFailure } from "../types.js";

const STATUS_HINTS: Record<number, string> = {
  400: "the service refused the request",
  401: "the service refused the access token",
  403: "the access token does not allow this connection",
  404: "no Web PubSub hub at this URL",
  429: "the service is throttling connections",
  503: "the service is unavailable",
};

/**
 * One line explaining why the first connection failed, e.g.
 * `the service refused the access token (HTTP 401): Unauthorized: the token has expired`.
 */
export function explainConnectFailure(failure: StartFailure, url: string): string {
  if (failure.kind === "connection-failed" && failure.status !== undefined) {
    const hint = STATUS_HINTS[failure.status] ?? "the service refused the connection";
    return redact(`${hint} (HTTP ${failure.status})${failure.reason ? `: ${failure.reason}` : ""}`);
  }
  const message = failure.message;
  if (/ECONNREFUSED/.test(message))
    return `nothing is listening at ${redact(new URL(url).host)} (${message})`;
  if (/ENOTFOUND|EAI_AGAIN/.test(message)) return `the host ${redact(new URL(url).host)} cannot be resolved`;
  return redact(message);
}
