/**
 * Raw `ws` clients speaking the JSON subprotocols, as thin as possible so that the benchmark
 * process costs little next to the emulator.
 */
import { WebSocket } from "ws";
import { decodeDownstream } from "../../src/protocol/json-codec.js";
import type {
  ConnectedMessage,
  DownstreamMessage,
  JsonSubprotocolName,
} from "../../src/protocol/messages.js";

export interface OpenClient {
  readonly ws: WebSocket;
  readonly connected: ConnectedMessage;
}

/** Decodes a frame that must be a known, valid downstream message. */
export function decodeFrame(data: Buffer | string): DownstreamMessage {
  const decoded = decodeDownstream(typeof data === "string" ? data : data.toString("utf8"));
  if (decoded.status !== "ok") throw new Error(`undecodable frame (${decoded.status}: ${decoded.reason})`);
  return decoded.message;
}

/**
 * Opens a WebSocket with `protocol` and resolves once `system/connected` has arrived (the
 * connection is then fully set up on the service side).
 */
export function openClient(
  url: string,
  protocol: JsonSubprotocolName,
  timeoutMs = 30_000,
): Promise<OpenClient> {
  return new Promise<OpenClient>((resolve, reject) => {
    const ws = new WebSocket(url, protocol, { perMessageDeflate: false, skipUTF8Validation: true });
    const timer = setTimeout(() => fail(new Error(`no system/connected within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on("error", () => {});
      ws.terminate();
      reject(error);
    };
    ws.once("error", fail);
    ws.once("unexpected-response", (_req, res) => fail(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
    ws.once("close", (code) => fail(new Error(`closed (${code}) before system/connected`)));
    ws.once("message", (data: Buffer) => {
      let message: DownstreamMessage;
      try {
        message = decodeFrame(data);
      } catch (error) {
        fail(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (message.kind !== "connected") {
        fail(new Error(`first frame was '${message.kind}', not system/connected`));
        return;
      }
      clearTimeout(timer);
      ws.removeAllListeners();
      // Callers attach their own handlers; an unhandled 'error' must never crash the run.
      ws.on("error", () => {});
      resolve({ ws, connected: message });
    });
  });
}

/** Closes sockets with 1000 (final: no recovery window) and waits for them to be closed. */
export async function closeAll(sockets: readonly WebSocket[], timeoutMs = 5_000): Promise<void> {
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) {
            resolve();
            return;
          }
          const timer = setTimeout(() => {
            ws.terminate();
            resolve();
          }, timeoutMs);
          ws.once("close", () => {
            clearTimeout(timer);
            resolve();
          });
          ws.on("error", () => {});
          ws.close(1000);
        }),
    ),
  );
}
