/**
 * Helpers for emulator tests: an emulator on an ephemeral port, a raw `ws` client that queues
 * every frame and lets a test wait for the next one matching a predicate, and handshake probes.
 */
import WebSocket from "ws";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator, EmulatorOptions } from "../../src/emulator/index.js";
import { JSON_RELIABLE_SUBPROTOCOL, JSON_SUBPROTOCOL } from "../../src/protocol/messages.js";

export { JSON_RELIABLE_SUBPROTOCOL, JSON_SUBPROTOCOL };

/** A frame as a plain object. */
export type Frame = Record<string, unknown> & { type?: string };

/** Starts a silent emulator on 127.0.0.1 and an ephemeral port. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, logger: false, ...options });
}

/** Resolves when `predicate` holds, polling on the event loop; rejects after `timeoutMs`. */
export async function waitUntil(
  predicate: () => boolean,
  timeoutMs = 3000,
  what = "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

interface Waiter {
  predicate: (frame: Frame) => boolean;
  resolve: (frame: Frame) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** A raw WebSocket client for the JSON subprotocols. */
export class TestClient {
  /** Frames received and not yet taken by `next`. */
  readonly inbox: Frame[] = [];
  /** Every frame ever received, in order. */
  readonly received: Frame[] = [];
  /** Binary frames received (JSON subprotocols must only ever get text frames). */
  binaryFrames = 0;
  /** Resolves with the close code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Waiter[] = [];
  private closeInfo: { code: number; reason: string } | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data, isBinary) => {
      if (isBinary) this.binaryFrames++;
      const text = isBinary ? `<binary ${(data as Buffer).length}>` : (data as Buffer).toString("utf8");
      let frame: Frame;
      try {
        frame = JSON.parse(text) as Frame;
      } catch {
        frame = { type: "<unparseable>", text };
      }
      this.received.push(frame);
      const index = this.waiters.findIndex((w) => w.predicate(frame));
      if (index >= 0) {
        const [waiter] = this.waiters.splice(index, 1);
        clearTimeout(waiter!.timer);
        waiter!.resolve(frame);
      } else {
        this.inbox.push(frame);
      }
    });
    this.closed = new Promise((resolve) => {
      ws.on("close", (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        resolve(this.closeInfo);
      });
    });
    ws.on("error", () => {});
  }

  /** Opens a client and waits for the socket to open. */
  static async connect(
    url: string,
    protocol: string | string[] = JSON_RELIABLE_SUBPROTOCOL,
  ): Promise<TestClient> {
    const ws = new WebSocket(url, protocol);
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
      ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    return client;
  }

  /** Opens a client and waits for `system/connected`. */
  static async open(
    url: string,
    protocol: string = JSON_RELIABLE_SUBPROTOCOL,
  ): Promise<{ client: TestClient; connected: Frame; connectionId: string }> {
    const client = await TestClient.connect(url, protocol);
    const connected = await client.next((f) => f.type === "system" && f["event"] === "connected");
    return { client, connected, connectionId: connected["connectionId"] as string };
  }

  get closeCode(): number | undefined {
    return this.closeInfo?.code;
  }

  /** Takes the next frame matching `predicate` (already queued or yet to come). */
  next(predicate: (frame: Frame) => boolean = () => true, timeoutMs = 3000): Promise<Frame> {
    const index = this.inbox.findIndex(predicate);
    if (index >= 0) return Promise.resolve(this.inbox.splice(index, 1)[0]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(
          new Error(`timed out waiting for a frame; inbox: ${JSON.stringify(this.inbox).slice(0, 500)}`),
        );
      }, timeoutMs);
      this.waiters.push({ predicate, resolve, reject, timer });
    });
  }

  /** The ack for `ackId`. */
  ack(ackId: number, timeoutMs?: number): Promise<Frame> {
    return this.next((f) => f.type === "ack" && f["ackId"] === ackId, timeoutMs);
  }

  /** The next data message (`type: "message"`). */
  message(timeoutMs?: number): Promise<Frame> {
    return this.next((f) => f.type === "message", timeoutMs);
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  /** Sends a request and waits for its ack. */
  async request(frame: Frame & { ackId: number }): Promise<Frame> {
    this.send(frame);
    return this.ack(frame.ackId);
  }

  /** Closes with `code` and waits for the close to complete. */
  async close(code = 1000): Promise<void> {
    if (this.closeInfo === undefined) this.ws.close(code);
    await this.closed;
  }

  /** Cuts the TCP connection from the client side (no close frame). */
  async terminate(): Promise<void> {
    this.ws.terminate();
    await this.closed;
  }
}

/** Attempts an upgrade that should be refused; resolves with the HTTP status and body. */
export function refusedUpgrade(
  url: string,
  protocol: string | string[] | null = JSON_RELIABLE_SUBPROTOCOL,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws =
      protocol === null ? new WebSocket(url, { headers }) : new WebSocket(url, protocol, { headers });
    ws.on("open", () => {
      ws.terminate();
      reject(new Error("the upgrade was accepted"));
    });
    ws.on("error", () => {});
    ws.on("unexpected-response", (_req, res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
        ws.terminate();
      });
    });
  });
}

/** Adds recovery parameters to a client URL, as the official client does. */
export function recoveryUrl(url: string, connectionId: string, reconnectionToken: string): string {
  const u = new URL(url);
  u.searchParams.append("awps_connection_id", connectionId);
  u.searchParams.append("awps_reconnection_token", reconnectionToken);
  return u.toString();
}

/** Roles that allow everything. */
export const ALL_ROLES = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"] as const;
