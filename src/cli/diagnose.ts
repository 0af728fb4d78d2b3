/**
 * Turning a failed first connection into one clear line. The client reports an HTTP refusal as
 * `Unexpected server response: 401` (that is all `ws` says), but the service explains itself in
 * the response body; one extra handshake that reads the body gives the user the actual reason.
 */
import WebSocket from "ws";
import { redact } from "../logging.js";

const STATUS_HINTS: Record<number, string> = {
  400: "the service refused the request",
  401: "the service refused the access token",
  403: "the access token does not allow this connection",
  404: "no Web PubSub hub at this URL",
  429: "the service is throttling connections",
  503: "the service is unavailable",
};

/** Reads the body of an HTTP refusal of the WebSocket handshake, or `undefined` if there was none. */
export function probeRefusal(
  url: string,
  protocol: string,
  timeoutMs = 3000,
): Promise<{ status: number; body: string } | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: { status: number; body: string } | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const timer = setTimeout(() => {
      socket.terminate();
      finish(undefined);
    }, timeoutMs);
    const socket = new WebSocket(url, protocol);
    socket.on("unexpected-response", (request, response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => {
        if (chunks.length < 16) chunks.push(chunk);
      });
      response.on("end", () => {
        request.destroy();
        finish({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8").trim() });
      });
      response.on("error", () => finish({ status: response.statusCode ?? 0, body: "" }));
    });
    socket.on("open", () => {
      // Accepted this time: close politely and report nothing.
      socket.close(1000);
      finish(undefined);
    });
    socket.on("error", () => finish(undefined));
  });
}

/**
 * One line explaining why the first connection failed, e.g.
 * `the service refused the access token (HTTP 401): the token has expired`.
 */
export async function explainConnectFailure(message: string, url: string, protocol: string): Promise<string> {
  const status = /Unexpected server response: (\d{3})/.exec(message)?.[1];
  if (status === undefined) {
    if (/ECONNREFUSED/.test(message))
      return `nothing is listening at ${redact(new URL(url).host)} (${message})`;
    if (/ENOTFOUND|EAI_AGAIN/.test(message))
      return `the host ${redact(new URL(url).host)} cannot be resolved`;
    return redact(message);
  }
  const code = Number(status);
  const hint = STATUS_HINTS[code] ?? "the service refused the connection";
  const refusal = await probeRefusal(url, protocol);
  const body = refusal?.body.split("\n")[0]?.slice(0, 200);
  return redact(`${hint} (HTTP ${code})${body ? `: ${body}` : ""}`);
}
