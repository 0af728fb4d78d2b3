/**
 * The live inspector's relay: one HTTP + WebSocket server on 127.0.0.1.
 *
 * - `GET /` serves the page (self-contained: no CDN, no network).
 * - WebSocket on `/page-socket`: pages. Each gets the whole current picture first (so a page opened
 *   late sees every actor's latest state and the recent log), then coalesced updates.
 * - WebSocket on any other path: producers, i.e. clients with `inspect: "ws://…"` (our sender) or
 *   @statelyai/inspect's `createWebSocketInspector({ url })`.
 *
 * Memory is bounded whatever the producers do: at most `maxActors` actors (finished ones are
 * forgotten first: operation actors are many and short-lived), `maxLog` log lines, a capped
 * context per actor, and `maxDefinitions` diagrams.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { loadDefinition, type MachineDiagrams } from "./diagram.js";
import { contentId, stringifyCapped, toJsonSafe, VALUE_LIMITS, type Json } from "./json-safe.js";
import { pageHtml } from "./page/html.js";
import { pageNames } from "./page/names.js";
import {
  PAGE_SOCKET_PATH,
  type PageActor,
  type PageDefinition,
  type PageLogEntry,
  type PageMessage,
  type PageStateNode,
} from "./protocol.js";

/** Options of {@link startInspectorRelay}. */
export interface InspectorRelayOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Default `127.0.0.1`: the inspector shows application state, keep it local unless asked. */
  readonly host?: string;
  /** Actors kept; finished ones are dropped first. Default 200. */
  readonly maxActors?: number;
  /** Log lines kept for pages that connect later. Default 500. */
  readonly maxLog?: number;
  /** Distinct machine definitions kept (each rendered once). Default 50. */
  readonly maxDefinitions?: number;
  /** How often pages get the changes, in ms. Default 50. */
  readonly updateIntervalInMs?: number;
}

/** A running relay. */
export interface InspectorRelay {
  /** Where producers connect: the value of the client's `inspect` option. */
  readonly url: string;
  /** The page to open in a browser. */
  readonly pageUrl: string;
  readonly port: number;
  /** Producers connected now. */
  readonly producers: number;
  /** Closes every socket and stops listening. */
  close(): Promise<void>;
}

interface ActorRecord {
  sessionId: string;
  name: string;
  parentId: string | undefined;
  rootId: string | undefined;
  definitionId: string | undefined;
  producer: number;
  value: Json;
  status: string;
  context: string | undefined;
  identity: string | undefined;
  lastEvent: string | undefined;
  createdAt: number;
  updatedAt: number;
}

interface DefinitionRecord {
  id: string;
  machineId: string;
  svg: string | null;
  states: Record<string, string>;
  tree: readonly PageStateNode[];
  folded: readonly string[];
  error: string | undefined;
  diagrams: MachineDiagrams | undefined;
}

const MAX_CONTEXT_CHARS = 8192;
/** More folded states than any machine a page shows has: a request beyond it is not a page's. */
const MAX_FOLDED_PATHS = 1000;
const MAX_LOG_PER_UPDATE = 200;

/**
 * Starts the relay and resolves once it listens.
 * @throws the `listen` error (e.g. `EADDRINUSE`) when the port cannot be bound.
 */
export async function startInspectorRelay(options: InspectorRelayOptions): Promise<InspectorRelay> {
  const host = options.host ?? "127.0.0.1";
  const maxActors = Math.max(1, options.maxActors ?? 200);
  const maxLog = Math.max(1, options.maxLog ?? 500);
  const maxDefinitions = Math.max(1, options.maxDefinitions ?? 50);
  const updateInterval = Math.max(1, options.updateIntervalInMs ?? 50);

  const actors = new Map<string, ActorRecord>();
  const definitions = new Map<string, DefinitionRecord>();
  /** Definition texts per producer connection: our sender sends each once per connection. */
  const producerDefinitions = new Map<WebSocket, Map<string, string>>();
  const log: PageLogEntry[] = [];
  const pages = new Set<WebSocket>();
  let logSeq = 0;
  let nextProducer = 1;
  let dropped = 0;

  // What changed since the last update to pages.
  const changedActors = new Set<string>();
  const removedActors = new Set<string>();
  const changedDefinitions = new Set<string>();
  let newLog: PageLogEntry[] = [];
  let updateTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const scheduleUpdate = (): void => {
    if (updateTimer !== undefined || closed || pages.size === 0) return;
    updateTimer = setTimeout(sendUpdate, updateInterval);
  };

  const pageActor = (record: ActorRecord): PageActor => ({ ...record });
  const pageDefinition = (record: DefinitionRecord): PageDefinition => {
    const { id, machineId, svg, states, tree, folded, error } = record;
    return error === undefined
      ? { id, machineId, svg, states, tree, folded }
      : { id, machineId, svg, states, tree, folded, error };
  };

  function sendUpdate(): void {
    updateTimer = undefined;
    const message: PageMessage = {
      type: "update",
      producers: producerDefinitions.size,
      definitions: [...changedDefinitions].flatMap((id) => {
        const record = definitions.get(id);
        return record === undefined ? [] : [pageDefinition(record)];
      }),
      actors: [...changedActors].flatMap((id) => {
        const record = actors.get(id);
        return record === undefined ? [] : [pageActor(record)];
      }),
      removed: [...removedActors],
      log: newLog.length > MAX_LOG_PER_UPDATE ? newLog.slice(-MAX_LOG_PER_UPDATE) : newLog,
      dropped,
    };
    changedActors.clear();
    removedActors.clear();
    changedDefinitions.clear();
    newLog = [];
    const text = JSON.stringify(message);
    for (const page of pages) page.send(text);
  }

  const helloMessage = (): PageMessage => ({
    type: "hello",
    producers: producerDefinitions.size,
    definitions: [...definitions.values()].map(pageDefinition),
    actors: [...actors.values()].map(pageActor),
    log: [...log],
    dropped,
  });

  const addLog = (entry: Omit<PageLogEntry, "seq">): void => {
    const line: PageLogEntry = { ...entry, seq: ++logSeq };
    log.push(line);
    if (log.length > maxLog) log.splice(0, log.length - maxLog);
    newLog.push(line);
    if (newLog.length > MAX_LOG_PER_UPDATE * 2) newLog = newLog.slice(-MAX_LOG_PER_UPDATE);
  };

  const ensureDefinition = (id: string, text: string): void => {
    if (definitions.has(id)) return;
    const record: DefinitionRecord = {
      id,
      machineId: "",
      svg: null,
      states: {},
      tree: [],
      folded: [],
      error: undefined,
      diagrams: undefined,
    };
    definitions.set(id, record);
    if (definitions.size > maxDefinitions) {
      const oldest = definitions.keys().next().value;
      if (oldest !== undefined) definitions.delete(oldest);
    }
    try {
      const parsed = JSON.parse(text) as { id?: unknown };
      if (typeof parsed.id === "string") record.machineId = parsed.id;
    } catch {
      // loadDefinition reports it.
    }
    Promise.resolve()
      .then(() => {
        const diagrams = loadDefinition(text);
        record.machineId = diagrams.machineId;
        record.states = diagrams.states;
        record.tree = diagrams.tree;
        record.folded = diagrams.folded;
        record.diagrams = diagrams;
        return diagrams.whole();
      })
      .then(
        (svg) => {
          record.svg = svg;
        },
        (error: unknown) => {
          record.error = `The diagram could not be drawn: ${describe(error)}`;
        },
      )
      .finally(() => {
        if (closed || !definitions.has(id)) return;
        changedDefinitions.add(id);
        scheduleUpdate();
      });
  };

  const evictIfFull = (): void => {
    while (actors.size > maxActors) {
      let victim: string | undefined;
      for (const [id, record] of actors) {
        if (record.status !== "active") {
          victim = id;
          break;
        }
      }
      victim ??= actors.keys().next().value;
      if (victim === undefined) return;
      actors.delete(victim);
      identities.delete(victim);
      changedActors.delete(victim);
      removedActors.add(victim);
    }
  };

  // Identities are read from contexts with the page's own naming rules, and kept: a page that
  // opens after a client stopped still sees whose client it was.
  const names = pageNames();
  const identities = new Map<string, string>();
  const noteIdentity = (record: ActorRecord, previousContext: string | undefined): void => {
    if (record.context === previousContext && record.identity !== undefined) return;
    const machineId =
      record.definitionId === undefined ? undefined : definitions.get(record.definitionId)?.machineId;
    names.actorTitle(record, machineId, identities);
    record.identity = identities.get(record.sessionId);
  };

  const snapshotFields = (
    snapshot: unknown,
  ): { value: Json; status: string; context: string | undefined } | undefined => {
    if (typeof snapshot !== "object" || snapshot === null) return undefined;
    const s = snapshot as { value?: unknown; status?: unknown; context?: unknown };
    return {
      value: s.value === undefined ? null : toJsonSafe(s.value, VALUE_LIMITS),
      status: typeof s.status === "string" ? s.status : "active",
      // Our sender already caps it; @statelyai/inspect sends contexts whole.
      context:
        s.context === undefined ? undefined : stringifyCapped(s.context, VALUE_LIMITS, MAX_CONTEXT_CHARS),
    };
  };

  const eventType = (event: unknown): string => {
    const type = typeof event === "object" && event !== null ? (event as { type?: unknown }).type : undefined;
    return typeof type === "string" ? type : "(unknown)";
  };

  const handleProducerMessage = (socket: WebSocket, producer: number, message: unknown): void => {
    if (typeof message !== "object" || message === null) return;
    const m = message as Record<string, unknown>;
    const now = Date.now();
    const at = typeof m["createdAt"] === "string" ? Number(m["createdAt"]) || now : now;
    const sessionId = typeof m["sessionId"] === "string" ? m["sessionId"] : undefined;
    switch (m["type"]) {
      case "@wps.dropped":
        if (typeof m["count"] === "number" && m["count"] > 0) dropped += m["count"];
        return;
      case "@xstate.actor": {
        if (sessionId === undefined) return;
        const known = producerDefinitions.get(socket);
        let definitionId = typeof m["definitionId"] === "string" ? m["definitionId"] : undefined;
        let text = typeof m["definition"] === "string" ? m["definition"] : undefined;
        if (text !== undefined) {
          definitionId ??= contentId(text);
          known?.set(definitionId, text);
        } else if (definitionId !== undefined) {
          text = known?.get(definitionId);
        }
        // Non-machine logic (callbacks, promises) has no states to draw: @statelyai/inspect sends
        // `{"id": name}` for it, which has no `states`.
        const drawable = text !== undefined && /"states"\s*:/.test(text);
        if (drawable && definitionId !== undefined && text !== undefined)
          ensureDefinition(definitionId, text);
        const fields = snapshotFields(m["snapshot"]);
        const record: ActorRecord = {
          sessionId,
          name: typeof m["name"] === "string" ? m["name"] : sessionId,
          parentId: typeof m["parentId"] === "string" ? m["parentId"] : undefined,
          rootId: typeof m["rootId"] === "string" ? m["rootId"] : undefined,
          definitionId: drawable ? definitionId : undefined,
          producer,
          value: fields?.value ?? null,
          status: fields?.status ?? "active",
          context: fields?.context,
          identity: identities.get(sessionId),
          lastEvent: undefined,
          createdAt: at,
          updatedAt: at,
        };
        noteIdentity(record, undefined);
        actors.delete(sessionId);
        actors.set(sessionId, record);
        changedActors.add(sessionId);
        removedActors.delete(sessionId);
        evictIfFull();
        scheduleUpdate();
        return;
      }
      case "@xstate.snapshot": {
        if (sessionId === undefined) return;
        const fields = snapshotFields(m["snapshot"]);
        if (fields === undefined) return;
        const type = eventType(m["event"]);
        let record = actors.get(sessionId);
        if (record === undefined) {
          // Its @xstate.actor was dropped by a full buffer, or evicted here: show what we know.
          record = {
            sessionId,
            name: sessionId,
            parentId: undefined,
            rootId: typeof m["rootId"] === "string" ? m["rootId"] : undefined,
            definitionId: undefined,
            producer,
            value: null,
            status: "active",
            context: undefined,
            identity: undefined,
            lastEvent: undefined,
            createdAt: at,
            updatedAt: at,
          };
          actors.set(sessionId, record);
          evictIfFull();
        }
        const changed = JSON.stringify(record.value) !== JSON.stringify(fields.value);
        const previousContext = record.context;
        record.value = fields.value;
        record.status = fields.status;
        record.context = fields.context;
        noteIdentity(record, previousContext);
        record.lastEvent = type;
        record.updatedAt = at;
        changedActors.add(sessionId);
        addLog({ at, sessionId, kind: "snapshot", eventType: type, value: fields.value, changed });
        scheduleUpdate();
        return;
      }
      case "@xstate.event": {
        if (sessionId === undefined) return;
        const sourceId = typeof m["sourceId"] === "string" ? m["sourceId"] : undefined;
        addLog(
          sourceId === undefined
            ? { at, sessionId, kind: "event", eventType: eventType(m["event"]) }
            : { at, sessionId, kind: "event", eventType: eventType(m["event"]), sourceId },
        );
        scheduleUpdate();
        return;
      }
    }
  };

  const onProducer = (socket: WebSocket): void => {
    const producer = nextProducer++;
    producerDefinitions.set(socket, new Map());
    scheduleUpdate();
    socket.on("message", (data: RawData, isBinary: boolean) => {
      if (isBinary) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(rawToString(data));
      } catch {
        return; // Not ours to fix: a producer speaking something else is ignored.
      }
      if (Array.isArray(parsed)) for (const item of parsed) handleProducerMessage(socket, producer, item);
      else handleProducerMessage(socket, producer, parsed);
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      producerDefinitions.delete(socket);
      const now = Date.now();
      for (const record of actors.values()) {
        if (record.producer === producer && record.status === "active") {
          record.status = "disconnected";
          record.updatedAt = now;
          changedActors.add(record.sessionId);
        }
      }
      scheduleUpdate();
    });
  };

  const onPage = (socket: WebSocket): void => {
    if (pages.size === 0) {
      // Changes kept while nobody watched are all in the hello.
      changedActors.clear();
      removedActors.clear();
      changedDefinitions.clear();
      newLog = [];
    }
    pages.add(socket);
    socket.send(JSON.stringify(helloMessage()));
    socket.on("message", (data: RawData, isBinary: boolean) => {
      if (!isBinary) answerPage(socket, rawToString(data));
    });
    socket.on("error", () => {});
    socket.on("close", () => pages.delete(socket));
  };

  /** A page's request for a view of a diagram; anything else a page sends is ignored. */
  const answerPage = (socket: WebSocket, text: string): void => {
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof request !== "object" || request === null) return;
    const { type, definitionId, folded } = request as Record<string, unknown>;
    if (type !== "view" || typeof definitionId !== "string" || !Array.isArray(folded)) return;
    if (folded.length > MAX_FOLDED_PATHS || !folded.every((path) => typeof path === "string")) return;
    const paths = folded as string[];
    const reply = (svg: string | null, error?: string): void => {
      if (closed || socket.readyState !== socket.OPEN) return;
      const message: PageMessage =
        error === undefined
          ? { type: "view", definitionId, folded: paths, svg }
          : { type: "view", definitionId, folded: paths, svg, error };
      socket.send(JSON.stringify(message));
    };
    const diagrams = definitions.get(definitionId)?.diagrams;
    if (diagrams === undefined) {
      reply(null, "That machine's definition is not (or no longer) known to the relay.");
      return;
    }
    diagrams.view(paths).then(
      (svg) => reply(svg),
      (error: unknown) => reply(null, `The diagram could not be drawn: ${describe(error)}`),
    );
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024, perMessageDeflate: false });
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    if (path === "/" || path === "/index.html") {
      const body = pageHtml();
      response.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        // The page is self-contained: forbid anything else, so it provably works offline.
        "content-security-policy":
          "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self' ws: wss:",
      });
      response.end(request.method === "HEAD" ? undefined : body);
      return;
    }
    if (path === "/healthz") {
      response.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
      return;
    }
    response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
  });
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A page reconnects as soon as its socket drops: once closing, accept nothing more, or the
    // new socket would hold the server open.
    if (closed) {
      socket.destroy();
      return;
    }
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    wss.handleUpgrade(request, socket, head, (ws) => {
      if (path === PAGE_SOCKET_PATH) onPage(ws);
      else onProducer(ws);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = host.includes(":") ? `[${host}]` : host;

  return {
    url: `ws://${hostInUrl}:${port}`,
    pageUrl: `http://${hostInUrl}:${port}/`,
    port,
    get producers() {
      return producerDefinitions.size;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (updateTimer !== undefined) clearTimeout(updateTimer);
      for (const client of wss.clients) client.terminate();
      wss.close();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // A browser keeps its HTTP connection to the page alive; it must not keep the relay alive.
      server.closeAllConnections();
      await stopped;
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data).toString("utf8");
}
