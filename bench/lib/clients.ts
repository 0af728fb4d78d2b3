/**
 * The three clients every scenario runs, behind one small interface:
 * - `ours`: `WebPubSubClient` from this package as it is published: the tsup build in `dist/`
 *   (`npm run bench` builds it first). `BENCH_OURS=src` runs `src/` through tsx instead, which
 *   is slower to start and heavier (tsx names every function: ~0.7 KiB more heap per client);

 * - `official`: `@azure/web-pubsub-client` 1.1.0 (devDependency, unchanged);
 * - `raw`: a bare `ws` socket that writes the same frames as ours and does by hand what a
 *   reliable client must do (acks by ackId, sequence de-duplication, `sequenceAck` every second
 *   and at a gap of 300, recovery with the reconnection token): the practical limit.
 * All three speak `json.reliable.webpubsub.azure.v1`, the default of both libraries.
 */
import { WebPubSubClient as OfficialClient } from "@azure/web-pubsub-client";
import type { InspectionEvent } from "xstate";
import WebSocket from "ws";
import { JSON_RELIABLE_SUBPROTOCOL } from "../../src/protocol/messages.js";
import { loadBefore, loadOurs } from "./ours.js";

const { WebPubSubClient } = await loadOurs();
type WebPubSubClient = InstanceType<typeof WebPubSubClient>;
/** `BENCH_BEFORE=<a checkout, built>`: an earlier build of ours, measured beside this one ("before"). */
const before = await loadBefore();

export type ClientKind = "ours" | "official" | "raw" | "before";
export const CLIENT_KINDS: readonly ClientKind[] =
  before === undefined ? ["ours", "official", "raw"] : ["ours", "official", "raw", "before"];

/** What a scenario asks of a client. `data` is the parsed JSON payload of a group message. */
export interface BenchClient {
  readonly kind: ClientKind;
  /**
   * The object that stays reachable for as long as anything of this client lingers after
   * `stop()` (the official client's keep-alive loop keeps its client for up to 20 s): what a heap
   * measurement waits to see collected.
   */
  readonly inner: object;
  start(): Promise<void>;
  joinGroup(group: string): Promise<void>;
  /** Acked `sendToGroup`; resolves on the ack. */
  send(group: string, data: unknown): Promise<unknown>;
  /** Fire-and-forget `sendToGroup`; ours and the official client resolve once written, raw at once. */
  sendFireAndForget(group: string, data: unknown): Promise<unknown> | undefined;
  onGroupMessage(handler: (data: unknown) => void): void;
  stop(): Promise<void>;
}

export interface ClientOptions {
  /** Ours only: an inspection observer (the "inspection on" rows). */
  readonly inspect?: (event: InspectionEvent) => void;
  /** Ours only: an ack timeout (the "ack timeout" row). */
  readonly ackTimeoutInMs?: number;
  /** Ours only: the keep-alive interval (`bench/idle-keepalive.ts`; 0 turns pings off). */
  readonly keepAliveIntervalInMs?: number;
}

export function createClient(kind: ClientKind, url: string, options: ClientOptions = {}): BenchClient {
  switch (kind) {
    case "ours":
      return new Ours(url, options, WebPubSubClient, "ours");
    case "before":
      if (before === undefined) throw new Error("BENCH_BEFORE is not set");
      return new Ours(url, options, before, "before");
    case "official":
      return new Official(url);
    case "raw":
      return new Raw(url);
  }
}

class Ours implements BenchClient {
  private readonly client: WebPubSubClient;
  get inner(): object {
    return this.client;
  }
  constructor(
    url: string,
    options: ClientOptions,
    Client: typeof WebPubSubClient,
    readonly kind: "ours" | "before",
  ) {
    this.client = new Client(url, {
      ...(options.inspect ? { inspect: options.inspect } : {}),
      ...(options.ackTimeoutInMs !== undefined ? { ackTimeoutInMs: options.ackTimeoutInMs } : {}),
      ...(options.keepAliveIntervalInMs !== undefined
        ? { keepAliveIntervalInMs: options.keepAliveIntervalInMs }
        : {}),
    });
  }
  start(): Promise<void> {
    return this.client.start();
  }
  async joinGroup(group: string): Promise<void> {
    await this.client.joinGroup(group);
  }
  send(group: string, data: unknown): Promise<unknown> {
    return this.client.sendToGroup(group, data as never, "json");
  }
  sendFireAndForget(group: string, data: unknown): Promise<unknown> {
    return this.client.sendToGroup(group, data as never, "json", { fireAndForget: true });
  }
  onGroupMessage(handler: (data: unknown) => void): void {
    this.client.on("group-message", (event) => handler(event.message.data));
  }
  stop(): Promise<void> {
    if (this.client.state === "stopped") return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.client.on("stopped", () => resolve());
      this.client.stop();
    });
  }
}

class Official implements BenchClient {
  readonly kind = "official";
  private readonly client: OfficialClient;
  get inner(): object {
    return this.client;
  }
  private stopped = true;
  constructor(url: string) {
    this.client = new OfficialClient(url);
  }
  async start(): Promise<void> {
    await this.client.start();
    this.stopped = false;
  }
  async joinGroup(group: string): Promise<void> {
    await this.client.joinGroup(group);
  }
  send(group: string, data: unknown): Promise<unknown> {
    return this.client.sendToGroup(group, data as never, "json");
  }
  sendFireAndForget(group: string, data: unknown): Promise<unknown> {
    return this.client.sendToGroup(group, data as never, "json", { fireAndForget: true });
  }
  onGroupMessage(handler: (data: unknown) => void): void {
    this.client.on("group-message", (event) => handler(event.message.data));
  }
  stop(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.stopped = true;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3000);
      this.client.on("stopped", () => {
        clearTimeout(timer);
        resolve();
      });
      this.client.stop();
    });
  }
}

interface RawFrame {
  type?: string;
  event?: string;
  ackId?: number;
  success?: boolean;
  sequenceId?: number;
  connectionId?: string;
  reconnectionToken?: string;
  data?: unknown;
}

/** Recovery retry delay of the raw baseline after the first, immediate attempt. */
const RAW_RECOVERY_DELAY_MS = 50;

class Raw implements BenchClient {
  readonly kind = "raw";
  get inner(): object {
    return this;
  }
  private ws: WebSocket | undefined;
  private nextAckId = 1;
  private readonly acks = new Map<number, () => void>();
  private handler: ((data: unknown) => void) | undefined;
  private lastSequenceId = 0;
  private ackedSequenceId = 0;
  private connectionId = "";
  private reconnectionToken = "";
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  constructor(private readonly url: string) {}

  start(): Promise<void> {
    this.running = true;
    this.timer = setInterval(() => this.sequenceAck(), 1000);
    return this.open(this.url, true);
  }

  private open(url: string, fresh: boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(url, JSON_RELIABLE_SUBPROTOCOL, { perMessageDeflate: false });
      this.ws = ws;
      let opened = false;
      ws.on("open", () => {
        opened = true;
        if (!fresh) resolve();
      });
      ws.on("message", (raw: Buffer) => {
        const frame = JSON.parse(raw.toString("utf8")) as RawFrame;
        if (frame.type === "ack") {
          const done = this.acks.get(frame.ackId!);
          if (done !== undefined) {
            this.acks.delete(frame.ackId!);
            done();
          }
          return;
        }
        if (frame.type === "message") {
          const id = frame.sequenceId;
          if (id !== undefined) {
            if (id <= this.lastSequenceId) return;
            this.lastSequenceId = id;
            if (id - this.ackedSequenceId > 300) this.sequenceAck();
          }
          this.handler?.(frame.data);
          return;
        }
        if (frame.type === "system" && frame.event === "connected") {
          this.connectionId = frame.connectionId ?? "";
          this.reconnectionToken = frame.reconnectionToken ?? "";
          if (fresh) resolve();
        }
      });
      ws.on("error", (error) => {
        if (!opened) reject(error);
      });
      ws.on("close", () => {
        // A failed attempt (refused upgrade) is retried by `recover`, not here.
        if (this.ws !== ws || !this.running || !opened) return;
        this.ws = undefined;
        void this.recover();
      });
    });
  }

  /** Recovery by hand: the first attempt at once, then every 50 ms. */
  private async recover(): Promise<void> {
    const url = `${this.url}&awps_connection_id=${encodeURIComponent(this.connectionId)}&awps_reconnection_token=${encodeURIComponent(this.reconnectionToken)}`;
    while (this.running) {
      try {
        await this.open(url, false);
        return;
      } catch {
        this.ws = undefined;
        await new Promise((resolve) => setTimeout(resolve, RAW_RECOVERY_DELAY_MS));
      }
    }
  }

  private sequenceAck(): void {
    if (this.lastSequenceId === this.ackedSequenceId || this.ws?.readyState !== WebSocket.OPEN) return;
    this.ackedSequenceId = this.lastSequenceId;
    this.ws.send(`{"type":"sequenceAck","sequenceId":${this.lastSequenceId}}`);
  }

  joinGroup(group: string): Promise<void> {
    const ackId = this.nextAckId++;
    return new Promise<void>((resolve) => {
      this.acks.set(ackId, resolve);
      this.ws!.send(`{"type":"joinGroup","group":${JSON.stringify(group)},"ackId":${ackId}}`);
    });
  }

  send(group: string, data: unknown): Promise<unknown> {
    const ackId = this.nextAckId++;
    return new Promise<void>((resolve) => {
      this.acks.set(ackId, resolve);
      this.ws!.send(
        `{"type":"sendToGroup","group":${JSON.stringify(group)},"ackId":${ackId},"noEcho":false,"dataType":"json","data":${JSON.stringify(data)}}`,
      );
    });
  }

  sendFireAndForget(group: string, data: unknown): undefined {
    this.ws!.send(
      `{"type":"sendToGroup","group":${JSON.stringify(group)},"noEcho":false,"dataType":"json","data":${JSON.stringify(data)}}`,
    );
    return undefined;
  }

  onGroupMessage(handler: (data: unknown) => void): void {
    this.handler = handler;
  }

  stop(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    const ws = this.ws;
    this.ws = undefined;
    if (ws === undefined || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise<void>((resolve) => {
      ws.once("close", () => resolve());
      ws.close(1000);
    });
  }
}
