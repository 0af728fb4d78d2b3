/**
 * The end-to-end test page: bundled with esbuild from the package's browser entry (the same
 * plugin as the browser build), it puts a small driver on `window.wpm` for `page.evaluate` and
 * records what the test asserts: state transitions, lifecycle events, received messages, the
 * frames the page's WebSockets wrote, and the `online`/`offline` events the browser fired.
 */
import { WebPubSubClient } from "../../../src/index.browser.js";
import type {
  GroupDataMessage,
  JSONTypes,
  WebPubSubClientOptions,
  WebPubSubDataType,
} from "../../../src/index.browser.js";

/** A received group message, made serialisable (binary as a byte array). */
export interface PageMessage {
  readonly dataType: WebPubSubDataType;
  /** `null` for binary, whose bytes are in `bytes`. */
  readonly data: JSONTypes | null;
  readonly bytes?: number[];
  readonly fromUserId: string | undefined;
  readonly sequenceId: number | undefined;
}

/** What the page records, read by the test with `page.evaluate(() => window.wpm.record)`. */
export interface PageRecord {
  /** `client.state` each time it changed, starting with the first. */
  readonly states: string[];
  /** Lifecycle events with their connection ids, e.g. `connected:abc`, `recovering:abc`. */
  readonly events: string[];
  readonly messages: PageMessage[];
  /** Frames written by any WebSocket of the page: `type` of JSON frames, with the time. */
  readonly written: Array<{ readonly at: number; readonly type: string }>;
  /** `online` / `offline` events the window saw. */
  readonly network: string[];
  /** The full machine state value, each time it changed (JSON). */
  readonly values: string[];
}

/** The driver the test calls. */
export interface PageApi {
  readonly record: PageRecord;
  start(url: string, options: WebPubSubClientOptions): Promise<void>;
  state(): string;
  connectionId(): string | undefined;
  /** Whether the machine's current state matches a path, e.g. `running.recovering.waiting`. */
  matches(path: string): boolean;
  joinGroup(group: string): Promise<void>;
  /** Sends in order, each awaited; binary content is given as a byte array. */
  send(group: string, dataType: WebPubSubDataType, contents: Array<JSONTypes>): Promise<void>;
  stop(): void;
}

declare global {
  interface Window {
    wpm: PageApi;
  }
}

const record: PageRecord = { states: [], events: [], messages: [], written: [], network: [], values: [] };
let client: WebPubSubClient | undefined;

// Observe the wire without touching the client: every frame any socket of the page writes.
const originalSend = WebSocket.prototype.send;
WebSocket.prototype.send = function send(
  this: WebSocket,
  data: string | ArrayBufferLike | Blob | ArrayBufferView,
) {
  let type = "binary";
  if (typeof data === "string") {
    try {
      type = String((JSON.parse(data) as { type?: unknown }).type);
    } catch {
      type = "text";
    }
  }
  record.written.push({ at: performance.now(), type });
  originalSend.call(this, data);
};
window.addEventListener("online", () => record.network.push("online"));
window.addEventListener("offline", () => record.network.push("offline"));

function common(message: GroupDataMessage) {
  return { dataType: message.dataType, fromUserId: message.fromUserId, sequenceId: message.sequenceId };
}

function need(): WebPubSubClient {
  if (client === undefined) throw new Error("start() first");
  return client;
}

window.wpm = {
  record,
  async start(url, options) {
    const c = new WebPubSubClient(url, options);
    client = c;
    const observe = () => {
      const value = JSON.stringify(c.actor.getSnapshot().value);
      if (record.values.at(-1) !== value) record.values.push(value);
      const state = c.state;
      if (record.states.at(-1) !== state) record.states.push(state);
    };
    // `subscribe` reports changes only: record where the client starts, too.
    observe();
    c.actor.subscribe(observe);
    c.on("connected", (e) => record.events.push(`connected:${e.connectionId}`));
    c.on("disconnected", (e) => record.events.push(`disconnected:${e.connectionId ?? ""}:${e.code}`));
    c.on("recovering", (e) => record.events.push(`recovering:${e.connectionId}`));
    c.on("recovered", (e) => record.events.push(`recovered:${e.connectionId}`));
    c.on("stopped", () => record.events.push("stopped"));
    c.on("group-message", ({ message }) => {
      const data = message.data;
      const entry: PageMessage =
        data instanceof ArrayBuffer
          ? { ...common(message), data: null, bytes: [...new Uint8Array(data)] }
          : { ...common(message), data };
      record.messages.push(entry);
    });
    await c.start();
  },
  state: () => need().state,
  connectionId: () => need().connectionId,
  matches: (path) =>
    need()
      .actor.getSnapshot()
      .matches(path as never),
  async joinGroup(group) {
    await need().joinGroup(group);
  },
  async send(group, dataType, contents) {
    for (const content of contents) {
      const payload =
        dataType === "binary" && Array.isArray(content)
          ? new Uint8Array(content as number[]).buffer
          : content;
      await need().sendToGroup(group, payload, dataType);
    }
  },
  stop: () => need().stop(),
};
