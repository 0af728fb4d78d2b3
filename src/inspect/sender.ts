/**
 * The producer side of the live inspector: an XState inspection observer that sends what it sees
 * to a relay (`wps inspect`) over a WebSocket, in the @statelyai/inspect event format.
 *
 * What it must never do is change the program it watches:
 * - It never keeps the process alive. Its socket and every timer it creates are `unref`ed, so a
 *   program that is done exits even while the relay is unreachable (the trap of
 *   @statelyai/inspect's `createWebSocketInspector`, whose 5 s retry timer is never cleared).
 * - It never grows without bound: events wait in a buffer of `maxBufferedEvents` (the oldest are
 *   dropped and counted) while the relay is unreachable or slower than the program.
 * - It costs little on the hot path: `inspect` only records references; serialisation happens
 *   once per tick, in one batched frame, and only for events that are actually sent.
 */
import net from "node:net";
import tls from "node:tls";
import WebSocket from "ws";
import type { InspectionEvent } from "xstate";
import {
  contentId,
  DEFINITION_LIMITS,
  stringifyCapped,
  toJsonSafe,
  VALUE_LIMITS,
  type Json,
} from "./json-safe.js";
import { STATELY_FORMAT_VERSION } from "./protocol.js";

/** Options of {@link createInspectorSender}. */
export interface InspectorSenderOptions {
  /** Events kept while the relay is unreachable or slow; beyond it the oldest are dropped. Default 2,000. */
  readonly maxBufferedEvents?: number;
  /** A snapshot's context is cut to a marker above this many characters of JSON. Default 8,192. */
  readonly maxContextChars?: number;
  /** First delay before reconnecting; doubles up to `maxReconnectDelayInMs`. Default 250 ms. */
  readonly reconnectDelayInMs?: number;
  /** Default 5,000 ms. */
  readonly maxReconnectDelayInMs?: number;
  /** Stop handing frames to the socket while this many bytes are still unsent. Default 4 MiB. */
  readonly maxSocketBufferBytes?: number;
}

/** Where the sender's connection is. */
export type InspectorSenderState = "connecting" | "open" | "waiting" | "stopped";

/**
 * A live-inspector producer. Pass {@link InspectorSender.inspect} wherever XState takes an
 * inspection observer (`createActor(machine, { inspect: sender.inspect })`, the client's
 * `inspect` option), and call {@link InspectorSender.stop} when done.
 */
export interface InspectorSender {
  /** The inspection observer. A no-op once stopped. */
  readonly inspect: (event: InspectionEvent) => void;
  /** The relay URL it sends to (`ws://…`). */
  readonly url: string;
  readonly state: InspectorSenderState;
  /** Events dropped so far because the buffer was full. */
  readonly dropped: number;
  /** Events waiting to be sent. */
  readonly buffered: number;
  /**
   * Sends what is buffered if the socket is open, closes it and ends reconnecting. Final: later
   * events are ignored. Safe to call more than once.
   */
  stop(): void;
}

type Pending =
  | {
      readonly kind: "actor";
      readonly at: number;
      readonly sessionId: string;
      readonly rootId: string | undefined;
      readonly parentId: string | undefined;
      readonly name: string;
      readonly definition: Definition | undefined;
      readonly snapshot: unknown;
    }
  | {
      readonly kind: "snapshot";
      readonly at: number;
      readonly sessionId: string;
      readonly rootId: string | undefined;
      readonly event: unknown;
      readonly snapshot: unknown;
    }
  | {
      readonly kind: "event";
      readonly at: number;
      readonly sessionId: string;
      readonly rootId: string | undefined;
      readonly sourceId: string | undefined;
      readonly event: unknown;
    };

interface Definition {
  readonly id: string;
  readonly text: string;
}

/** The parts of an actor ref the inspector reads beyond XState's public `ActorRefLike`. */
interface InspectableRef {
  readonly sessionId: string;
  readonly id?: string;
  readonly src?: unknown;
  readonly logic?: { readonly config?: unknown };
  readonly _parent?: { readonly sessionId: string };
  getSnapshot(): unknown;
}

/** Frames are cut at about this size so one busy tick does not become one huge message. */
const MAX_FRAME_CHARS = 512 * 1024;

/**
 * Creates a sender to a live-inspector relay (`wps inspect`, or anything that accepts the
 * @statelyai/inspect WebSocket format) and starts connecting.
 *
 * @param url - The relay's producer URL, e.g. `ws://127.0.0.1:8081` (`http:` is taken as `ws:`).
 * @throws TypeError when `url` is not a ws:, wss:, http: or https: URL.
 */
export function createInspectorSender(url: string, options: InspectorSenderOptions = {}): InspectorSender {
  const target = toWebSocketUrl(url);
  const maxBuffered = positive(options.maxBufferedEvents, 2000);
  const maxContextChars = positive(options.maxContextChars, 8192);
  const baseDelay = positive(options.reconnectDelayInMs, 250);
  const maxDelay = Math.max(baseDelay, positive(options.maxReconnectDelayInMs, 5000));
  const maxSocketBuffer = positive(options.maxSocketBufferBytes, 4 * 1024 * 1024);
  const secure = target.startsWith("wss:");

  // Definitions by machine config object: computed once per machine, not once per actor.
  const definitions = new WeakMap<object, Definition>();
  // Which definitions this connection has carried: the relay needs each once per connection.
  let sentDefinitions = new Set<string>();

  let queue: Pending[] = [];
  let head = 0;
  let dropped = 0;
  let droppedUnreported = 0;
  let state: InspectorSenderState = "connecting";
  let socket: WebSocket | undefined;
  let attempts = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let flushScheduled = false;

  const enqueue = (record: Pending): void => {
    queue.push(record);
    if (queue.length - head > maxBuffered) {
      head++;
      dropped++;
      droppedUnreported++;
    }
    // Compact now and then instead of shifting on every drop.
    if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    if (state === "open" && !flushScheduled) {
      flushScheduled = true;
      setImmediate(flushSoon);
    }
  };

  const definitionOf = (ref: InspectableRef): Definition | undefined => {
    const config = ref.logic?.config;
    if (typeof config !== "object" || config === null) return undefined;
    let definition = definitions.get(config);
    if (definition === undefined) {
      const text = JSON.stringify(toJsonSafe(config, DEFINITION_LIMITS));
      definition = { id: contentId(text), text };
      definitions.set(config, definition);
    }
    return definition;
  };

  const inspect = (event: InspectionEvent): void => {
    if (state === "stopped") return;
    const ref = event.actorRef as unknown as InspectableRef;
    const at = Date.now();
    switch (event.type) {
      case "@xstate.actor": {
        const definition = definitionOf(ref);
        let snapshot: unknown;
        try {
          snapshot = ref.getSnapshot();
        } catch {
          // Some logic has no snapshot until it starts; the first @xstate.snapshot brings it.
          snapshot = undefined;
        }
        const configId = (ref.logic?.config as { id?: unknown } | undefined)?.id;
        // XState names invoked actors `<index>.<state id>` unless given an id; their `src` (the
        // name in the machine's `actors`) says more.
        const id = ref.id;
        const generated = id === undefined || id === ref.sessionId || /^\d+\./.test(id);
        const name = !generated
          ? id
          : typeof ref.src === "string"
            ? ref.src
            : typeof configId === "string"
              ? configId
              : (id ?? ref.sessionId);
        enqueue({
          kind: "actor",
          at,
          sessionId: ref.sessionId,
          rootId: event.rootId,
          parentId: ref._parent?.sessionId,
          name,
          definition,
          snapshot,
        });
        return;
      }
      case "@xstate.snapshot":
        enqueue({
          kind: "snapshot",
          at,
          sessionId: ref.sessionId,
          rootId: event.rootId,
          event: event.event,
          snapshot: event.snapshot,
        });
        return;
      case "@xstate.event":
        enqueue({
          kind: "event",
          at,
          sessionId: ref.sessionId,
          rootId: event.rootId,
          sourceId: (event.sourceRef as InspectableRef | undefined)?.sessionId,
          event: event.event,
        });
        return;
      default:
        // @xstate.microstep, @xstate.action, @xstate.transition: as @statelyai/inspect, not sent.
        return;
    }
  };

  const serialize = (record: Pending): string => {
    const base = `"_version":"${STATELY_FORMAT_VERSION}","createdAt":"${record.at}","id":null,"sessionId":${JSON.stringify(record.sessionId)}${record.rootId === undefined ? "" : `,"rootId":${JSON.stringify(record.rootId)}`}`;
    switch (record.kind) {
      case "actor": {
        let definition = "";
        if (record.definition !== undefined) {
          definition = `,"definitionId":${JSON.stringify(record.definition.id)}`;
          if (!sentDefinitions.has(record.definition.id)) {
            sentDefinitions.add(record.definition.id);
            definition += `,"definition":${JSON.stringify(record.definition.text)}`;
          }
        }
        const parent = record.parentId === undefined ? "" : `,"parentId":${JSON.stringify(record.parentId)}`;
        return `{"type":"@xstate.actor",${base},"name":${JSON.stringify(record.name)}${parent}${definition},"snapshot":${serializeSnapshot(record.snapshot, maxContextChars)}}`;
      }
      case "snapshot":
        return `{"type":"@xstate.snapshot",${base},"event":${serializeEvent(record.event)},"snapshot":${serializeSnapshot(record.snapshot, maxContextChars)}}`;
      case "event": {
        const source = record.sourceId === undefined ? "" : `,"sourceId":${JSON.stringify(record.sourceId)}`;
        return `{"type":"@xstate.event",${base}${source},"event":${serializeEvent(record.event)}}`;
      }
    }
  };

  /** Writes buffered events to the open socket, in frames of bounded size. */
  const flush = (): void => {
    const ws = socket;
    if (state !== "open" || ws === undefined) return;
    let parts: string[] = [];
    let chars = 0;
    if (droppedUnreported > 0) {
      parts.push(`{"type":"@wps.dropped","count":${droppedUnreported}}`);
      droppedUnreported = 0;
    }
    while (head < queue.length) {
      if (ws.bufferedAmount > maxSocketBuffer) {
        // The relay reads slower than we write: keep the rest in the bounded buffer and retry.
        flushTimer ??= unref(setTimeout(flushLater, 20));
        break;
      }
      const record = queue[head]!;
      head++;
      let text: string;
      try {
        text = serialize(record);
      } catch {
        // A value that defeats even the safe conversion (a throwing getter): skip the event.
        continue;
      }
      parts.push(text);
      chars += text.length;
      if (chars >= MAX_FRAME_CHARS) {
        ws.send(`[${parts.join(",")}]`);
        parts = [];
        chars = 0;
      }
    }
    if (head === queue.length) {
      queue = [];
      head = 0;
    }
    if (parts.length > 0) ws.send(`[${parts.join(",")}]`);
  };

  function flushSoon(): void {
    flushScheduled = false;
    flush();
  }

  function flushLater(): void {
    flushTimer = undefined;
    flush();
  }

  const connect = (): void => {
    reconnectTimer = undefined;
    if (state === "stopped") return;
    state = "connecting";
    const unrefConnect = (connectOptions: net.NetConnectOpts & tls.ConnectionOptions): net.Socket => {
      const raw = secure
        ? tls.connect({ ...connectOptions, path: undefined } as tls.ConnectionOptions)
        : net.connect(connectOptions);
      raw.unref();
      return raw;
    };
    const clientOptions: WebSocket.ClientOptions & { closeTimeout: number } = {
      // The socket must not hold the event loop open: unref it the moment it exists, before the
      // TCP connect completes (a relay that never answers would otherwise pin the process).
      createConnection: unrefConnect as unknown as typeof net.createConnection,
      // ws (8.19+, typed later) arms a plain timer after `close()`: keep that wait short.
      closeTimeout: 1000,
      perMessageDeflate: false,
    };
    const ws = new WebSocket(target, clientOptions);
    socket = ws;
    ws.on("open", () => {
      if (socket !== ws) return;
      state = "open";
      attempts = 0;
      sentDefinitions = new Set();
      flush();
    });
    ws.on("message", () => {
      // The relay has nothing to say to producers; anything it sends is ignored.
    });
    ws.on("error", () => {
      // `close` follows and schedules the retry; an inspector's connection problems are not the
      // program's, so they are not reported as errors.
    });
    ws.on("close", () => {
      if (socket !== ws) return;
      socket = undefined;
      if (state === "stopped") return;
      state = "waiting";
      const delay = Math.min(maxDelay, baseDelay * 2 ** Math.min(attempts, 16));
      attempts++;
      // ±20 % jitter, so many clients restarted together do not reconnect in lockstep.
      reconnectTimer = unref(setTimeout(connect, delay * (0.8 + Math.random() * 0.4)));
    });
  };

  const stop = (): void => {
    if (state === "stopped") return;
    // Last chance for what is buffered (e.g. the final `stopped` snapshot): a write already
    // handed to the socket completes even though the socket is unref'd.
    flush();
    state = "stopped";
    if (reconnectTimer !== undefined) clearTimeout(reconnectTimer);
    if (flushTimer !== undefined) clearTimeout(flushTimer);
    reconnectTimer = undefined;
    flushTimer = undefined;
    queue = [];
    head = 0;
    const ws = socket;
    socket = undefined;
    if (ws !== undefined) {
      if (ws.readyState === WebSocket.OPEN) {
        ws.close(1000, "inspector stopped");
        // ws arms a plain (ref'd) timer that destroys the socket if the relay never answers the
        // close; unref it too, so even a hung relay cannot hold the process.
        (ws as unknown as { _closeTimer?: { unref?: () => void } })._closeTimer?.unref?.();
      } else {
        ws.terminate();
      }
    }
  };

  connect();

  return {
    inspect,
    url: target,
    get state() {
      return state;
    },
    get dropped() {
      return dropped;
    },
    get buffered() {
      return queue.length - head;
    },
    stop,
  };
}

function serializeSnapshot(snapshot: unknown, maxContextChars: number): string {
  if (typeof snapshot !== "object" || snapshot === null) return `{"status":"active"}`;
  const s = snapshot as {
    value?: unknown;
    status?: unknown;
    context?: unknown;
    output?: unknown;
    error?: unknown;
  };
  let out = `{"status":${JSON.stringify(typeof s.status === "string" ? s.status : "active")}`;
  if (s.value !== undefined) out += `,"value":${JSON.stringify(toJsonSafe(s.value, VALUE_LIMITS))}`;
  if (s.context !== undefined)
    out += `,"context":${stringifyCapped(s.context, VALUE_LIMITS, maxContextChars)}`;
  if (s.output !== undefined) out += `,"output":${stringifyCapped(s.output, VALUE_LIMITS, maxContextChars)}`;
  if (s.error !== undefined) out += `,"error":${stringifyCapped(s.error, VALUE_LIMITS, maxContextChars)}`;
  return `${out}}`;
}

function serializeEvent(event: unknown): string {
  const json: Json = toJsonSafe(event, VALUE_LIMITS);
  const text = JSON.stringify(json);
  // Events carry payloads (a 1 MiB message); the log only needs to see what kind of event it was.
  if (text.length <= 4096) return text;
  const type = typeof event === "object" && event !== null ? (event as { type?: unknown }).type : undefined;
  return JSON.stringify({ type: typeof type === "string" ? type : "unknown", truncated: true });
}

function toWebSocketUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`The inspector URL is not a valid URL: ${url}`);
  }
  if (parsed.protocol === "http:") parsed.protocol = "ws:";
  else if (parsed.protocol === "https:") parsed.protocol = "wss:";
  else if (parsed.protocol !== "ws:" && parsed.protocol !== "wss:") {
    throw new TypeError(`The inspector URL must use ws:, wss:, http: or https:, not ${parsed.protocol}`);
  }
  return parsed.toString();
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function unref<T extends { unref(): unknown }>(timer: T): T {
  timer.unref();
  return timer;
}
