/**
 * The emulator tests' shared setup: one fixture (`useEmulator`) that starts an emulator on an
 * ephemeral port of 127.0.0.1 for each test (or for the file), opens raw clients on it, captures
 * its logs and tears everything down; a raw `ws` client that queues every frame and lets a test
 * wait for the next one matching a predicate; and handshake probes.
 */
import { afterAll, afterEach, beforeAll } from "vitest";
import WebSocket from "ws";
import { hmacKey, mintServiceToken } from "../../src/emulator/auth.js";
import { startEmulator } from "../../src/emulator/index.js";
import type { ClientAccessOptions, Emulator, EmulatorOptions, LogLevel } from "../../src/emulator/index.js";
import { JSON_RELIABLE_SUBPROTOCOL, JSON_SUBPROTOCOL } from "../../src/protocol/messages.js";
import { decodeProtobufFrame, encodeProtobufFrame } from "./protobuf-frames.js";

export { JSON_RELIABLE_SUBPROTOCOL, JSON_SUBPROTOCOL };

/** A frame as a plain object. */
export type Frame = Record<string, unknown> & { type?: string };

/** Starts a silent emulator on 127.0.0.1 and an ephemeral port. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, logger: false, ...options });
}

/** A raw client's token claims (hub `chat` unless given) and subprotocol (reliable JSON unless given). */
export interface ClientSpec extends Partial<ClientAccessOptions> {
  readonly protocol?: string;
}

/** A raw client after `system/connected`. */
export interface OpenedClient {
  readonly client: TestClient;
  readonly connected: Frame;
  readonly connectionId: string;
}

/** One line the emulator logged. */
export interface LogLine {
  readonly level: LogLevel;
  readonly message: string;
}

/** See {@link useEmulator}. */
export interface EmulatorFixture {
  /**
   * Starts the emulator: ephemeral port, 127.0.0.1, logs captured in {@link logs} (level `warn`
   * unless `options.logLevel` says otherwise), `options` on top. Once per test (per file with
   * `per: "file"`, where it is started for you).
   */
  start(options?: EmulatorOptions): Promise<Emulator>;
  /** The running emulator. */
  readonly emu: Emulator;
  /** What the running emulator logged, in order. */
  readonly logs: LogLine[];
  /** A client access URL minted by the running emulator. */
  url(spec?: ClientSpec): Promise<string>;
  /** A raw client on a freshly minted URL, once `system/connected` arrived. */
  open(spec?: ClientSpec): Promise<OpenedClient>;
  /** Runs `cleanup` at teardown, before the emulator closes (e.g. stops an official client). */
  defer(cleanup: () => unknown): void;
}

/**
 * The emulator fixture every emulator and interop test uses. Call it once in a `describe` (or at
 * the top of a file): `per: "test"` (the default) closes the emulator after each test, and each
 * test starts its own with {@link EmulatorFixture.start}; `per: "file"` starts one before the
 * first test (with `options`) and closes it after the last.
 */
export function useEmulator(
  setup: { per?: "test" | "file"; options?: EmulatorOptions } = {},
): EmulatorFixture {
  let current: Emulator | undefined;
  let cleanups: Array<() => unknown> = [];
  const logs: LogLine[] = [];
  const fixture: EmulatorFixture = {
    async start(options = {}) {
      if (current !== undefined) throw new Error("the emulator fixture is already started");
      logs.length = 0;
      current = await startTestEmulator({
        logger: (level, message) => logs.push({ level, message }),
        logLevel: "warn",
        ...options,
      });
      return current;
    },
    get emu() {
      if (current === undefined) throw new Error("start the emulator fixture first");
      return current;
    },
    logs,
    url({ protocol: _protocol, hub = "chat", ...claims } = {}) {
      return fixture.emu.getClientAccessUrl({ hub, ...claims });
    },
    async open(spec = {}) {
      return TestClient.open(await fixture.url(spec), spec.protocol);
    },
    defer(cleanup) {
      cleanups.push(cleanup);
    },
  };
  const teardown = async (): Promise<void> => {
    const pending = cleanups;
    cleanups = [];
    for (const cleanup of pending.reverse()) await cleanup();
    const emu = current;
    current = undefined;
    await emu?.close();
  };
  if (setup.per === "file") {
    beforeAll(async () => {
      await fixture.start(setup.options);
    });
    afterAll(teardown);
  } else {
    afterEach(teardown);
  }
  return fixture;
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

function decodeJsonFrame(data: Buffer, isBinary: boolean): Frame {
  const text = isBinary ? `<binary ${data.length}>` : data.toString("utf8");
  try {
    return JSON.parse(text) as Frame;
  } catch {
    return { type: "<unparseable>", text };
  }
}

/**
 * A raw WebSocket client. On the JSON subprotocols frames are JSON objects; on the protobuf ones
 * they are translated to and from the same shape (`protobuf-frames.ts`), so one assertion can
 * hold for both.
 */
export class TestClient {
  /** Frames received and not yet taken by `next`. */
  readonly inbox: Frame[] = [];
  /** Every frame ever received, in order. */
  readonly received: Frame[] = [];
  /** Binary frames received (JSON subprotocols must only ever get text frames). */
  binaryFrames = 0;
  /** Text frames received (protobuf subprotocols must only ever get binary frames). */
  textFrames = 0;
  /** Resolves with the close code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Waiter[] = [];
  private closeInfo: { code: number; reason: string } | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data, isBinary) => {
      if (isBinary) this.binaryFrames++;
      else this.textFrames++;
      const frame = this.protobuf
        ? decodeProtobufFrame(data as Buffer, isBinary)
        : decodeJsonFrame(data as Buffer, isBinary);
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

  /** Whether the negotiated subprotocol is a protobuf one. */
  get protobuf(): boolean {
    return this.ws.protocol.startsWith("protobuf.");
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
    if (this.protobuf) this.ws.send(encodeProtobufFrame(frame as Frame), { binary: true });
    else this.ws.send(JSON.stringify(frame));
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

/**
 * Sends text to `group` from `sender`, each message with the next ack id after `lastAckId` and
 * `noEcho` (the sender is not a receiver under test); resolves with the ack.
 */
export function groupTextSender(
  sender: TestClient,
  group: string,
  lastAckId: number,
): (data: string) => Promise<Frame> {
  let ackId = lastAckId;
  return (data) =>
    sender.request({ type: "sendToGroup", group, ackId: ++ackId, noEcho: true, dataType: "text", data });
}

/** Roles that allow everything. */
export const ALL_ROLES = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"] as const;

/** What a REST call sends besides its method and path. */
export interface RestInit {
  readonly body?: string;
  readonly contentType?: string;
  /** The bearer token; default: one minted for the request URL, as the server SDK does; `null`: none. */
  readonly token?: string | null;
  readonly headers?: Record<string, string>;
}

/** A REST data-plane call with `api-version`, as the official server SDK makes it. */
export async function restCall(
  emu: Emulator,
  method: string,
  path: string,
  init: RestInit = {},
): Promise<{ status: number; text: string; errorCode: string | null }> {
  const url = `${emu.endpoint}${path}${path.includes("?") ? "&" : "?"}api-version=2024-12-01`;
  const headers: Record<string, string> = { ...init.headers };
  const token = init.token === undefined ? await mintServiceToken(hmacKey(emu.accessKey), url) : init.token;
  if (token !== null) headers["Authorization"] = `Bearer ${token}`;
  if (init.contentType !== undefined) headers["Content-Type"] = init.contentType;
  const response = await fetch(url, {
    method,
    headers,
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = method === "HEAD" ? "" : await response.text();
  return { status: response.status, text, errorCode: response.headers.get("x-ms-error-code") };
}
