/** The client access URL: checking it, and getting a fresh one from a credential. */
import type { WebPubSubClientCredential } from "../types.js";

/** Why `url` cannot be a client access URL, or `undefined` when it can. */
export function validateUrl(url: unknown): string | undefined {
  if (typeof url !== "string") return `The client access URL must be a string but it is ${typeof url}.`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `The client access URL is not a valid URL.`;
  }
  if (!["ws:", "wss:", "http:", "https:"].includes(parsed.protocol)) {
    return `The client access URL must use ws:, wss:, http: or https:, not ${parsed.protocol}.`;
  }
  return undefined;
}

/** `ws` accepts http(s) too, but browsers do not: normalise. */
function toWebSocketUrl(url: string): string {
  return url.replace(/^http(s?):\/\//i, "ws$1://");
}

/**
 * A fresh client access URL from `credential`, checked and as a WebSocket URL; rejects with the
 * reason when the credential fails or gives something that is not a client access URL.
 */
export async function resolveClientAccessUrl(credential: WebPubSubClientCredential): Promise<string> {
  const source = credential.getClientAccessUrl;
  const url = typeof source === "string" ? source : await source({});
  const problem = validateUrl(url);
  if (problem !== undefined) throw new Error(problem);
  return toWebSocketUrl(url);
}
