/**
 * Turning a failed first connection into one clear line. In Node the client's failure carries
 * the HTTP status and the service's reason of a refused upgrade; this adds what the status means
 * to a person, and what to do about a certificate Node does not trust.
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

/** Node's ways of saying a TLS certificate chain ends in a certificate it does not trust. */
const UNTRUSTED_CERTIFICATE =
  /self[- ]signed certificate|unable to (?:verify the first certificate|get local issuer certificate)/i;

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
  const untrusted = UNTRUSTED_CERTIFICATE.exec(message)?.[0];
  if (untrusted !== undefined) {
    return (
      `Node does not trust the service's TLS certificate (${untrusted}). For \`wps emulator --tls\`, ` +
      `start with the certificate it printed: NODE_EXTRA_CA_CERTS=<certificate> npx wps connect … ` +
      `(in a clone: NODE_EXTRA_CA_CERTS=<certificate> npm run wps -- connect …)`
    );
  }
  if (/ECONNREFUSED/.test(message))
    return `nothing is listening at ${redact(new URL(url).host)} (${message})`;
  if (/ENOTFOUND|EAI_AGAIN/.test(message)) return `the host ${redact(new URL(url).host)} cannot be resolved`;
  return redact(message);
}
