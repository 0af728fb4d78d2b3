/**
 * Event handlers at work: the service's side of the CloudEvents conversation with an app server.
 * `connect` (blocking, before the upgrade completes), `connected` and `disconnected`
 * (notifications: failures are logged, never fatal), and user events (blocking: the answer becomes
 * a message to the client and decides its ack). Each connection's ids, connection state
 * (`ce-connectionState`) and order live here: its events reach the handlers one at a time.
 */
import type { IncomingMessage } from "node:http";
import type { Log } from "../logger.js";
import { metadataFromHeaders } from "../metadata.js";
import type { Metadata } from "../metadata.js";
import type { Payload } from "../payload.js";
import { toArrayBuffer } from "../payload.js";
import { cloudEventHeaders, eventType } from "./cloud-events.js";
import type { EventSubject } from "./cloud-events.js";
import { connectRequestBody, readConnectDecision } from "./connect.js";
import type { ConnectDecision } from "./connect.js";
import { HandlerCallError, HandlerHttp } from "./http.js";
import type { HandlerResponse, ResolvedPolicy } from "./http.js";
import { expandUrlTemplate, systemEventHandler, userEventHandler } from "./settings.js";
import type { HandlerTable, ResolvedEventHandler, SystemEventName } from "./settings.js";
import { AbuseProtection } from "./validation.js";

/** A connection as the handlers see it. */
export interface HandledConnection {
  readonly id: string;
  /** Lower-cased. */
  readonly hub: string;
  readonly userId: string | null;
  readonly subprotocol: string | undefined;
}

/** What the `connect` handler said. */
export type ConnectOutcome =
  | { readonly ok: true; readonly decision: ConnectDecision }
  | { readonly ok: false; readonly status: number; readonly reason: string };

/** A user event's answer: a message for the client (if the body had one), or a failure. */
export type UserEventOutcome =
  | {
      readonly ok: true;
      readonly reply: { readonly payload: Payload; readonly metadata?: Metadata } | undefined;
    }
  | { readonly ok: false; readonly reason: string };

/** A user event on its way to a handler. */
export interface UserEvent {
  readonly event: string;
  readonly payload: Payload;
  readonly metadata?: Metadata | undefined;
  /** Raw clients get a JSON answer as the text it was, not re-serialised. */
  readonly replyAsText?: boolean;
  /** Aborts the call (a cancelled invocation). */
  readonly signal?: AbortSignal;
}

interface ConnectionRecord {
  subject: EventSubject;
  nextId: number;
  /** The tail of the connection's event queue. */
  queue: Promise<unknown>;
  /** Whether the connection was opened (so `disconnected` is owed). */
  opened: boolean;
}

const CONTENT_TYPES: Readonly<Record<Payload["dataType"], string>> = {
  text: "text/plain; charset=utf-8",
  json: "application/json",
  binary: "application/octet-stream",
  protobuf: "application/x-protobuf",
};

/** How long `close` waits for notifications already on their way (a `disconnected` per client). */
const CLOSE_GRACE_MS = 1000;

const utf8 = new TextDecoder("utf-8", { fatal: true });

function bodyOf(payload: Payload): Buffer {
  if (payload.data instanceof ArrayBuffer) return Buffer.from(payload.data);
  return Buffer.from(payload.dataType === "text" ? (payload.data as string) : JSON.stringify(payload.data));
}

function shortText(body: Buffer): string {
  const text = body.toString("utf8").replace(/\s+/g, " ").trim();
  return text.length > 200 ? `${text.slice(0, 197)}…` : text;
}

/** A 2xx answer to a user event as a message, or why it cannot be one. */
function replyOf(
  response: HandlerResponse,
  replyAsText: boolean,
): { readonly payload: Payload; readonly metadata?: Metadata } | undefined | string {
  const headerMetadata = metadataFromHeaders(response.headers);
  if ("problem" in headerMetadata)
    return `the answer's metadata headers are invalid: ${headerMetadata.problem}`;
  const metadata = headerMetadata.metadata;
  const withMetadata = (payload: Payload) => (metadata === undefined ? { payload } : { payload, metadata });
  if (response.body.length === 0) {
    // An empty answer is no message, unless it carries metadata (then an empty text message).
    return metadata === undefined ? undefined : withMetadata({ dataType: "text", data: "" });
  }
  const mime = (response.headers["content-type"] ?? "application/octet-stream")
    .split(";")[0]
    ?.trim()
    .toLowerCase();
  switch (mime) {
    case "text/plain":
    case "application/json": {
      let text: string;
      try {
        text = utf8.decode(response.body);
      } catch {
        return `the answer (${mime}) is not valid UTF-8`;
      }
      if (mime === "text/plain" || replyAsText) return withMetadata({ dataType: "text", data: text });
      try {
        return withMetadata({ dataType: "json", data: JSON.parse(text) as Payload["data"] });
      } catch {
        return "the answer (application/json) is not valid JSON";
      }
    }
    case "application/octet-stream":
      return withMetadata({ dataType: "binary", data: toArrayBuffer(response.body) });
    case "application/x-protobuf":
      return withMetadata({ dataType: "protobuf", data: toArrayBuffer(response.body) });
    default:
      return `the answer's Content-Type '${mime ?? ""}' is not text/plain, application/json or application/octet-stream`;
  }
}

export class EventHandlers {
  private readonly http: HandlerHttp;
  private readonly protection: AbuseProtection;
  private readonly records = new Map<string, ConnectionRecord>();
  private readonly notifications = new Set<Promise<unknown>>();

  constructor(
    private readonly table: HandlerTable,
    policy: ResolvedPolicy,
    private readonly accessKey: string,
    /** The emulator's `host:port`: the origin it presents (`WebHook-Request-Origin`). */
    private readonly origin: () => string,
    private readonly log: Log,
  ) {
    this.http = new HandlerHttp(policy, log);
    this.protection = new AbuseProtection(this.http, origin, log);
  }

  /** Whether a hub has any event handler: then it is the app, and an event none takes fails. */
  hasHandlers(hub: string): boolean {
    return (this.table.get(hub)?.length ?? 0) > 0;
  }

  /** The handler that takes a user event of a hub, if any. */
  handlerFor(hub: string, event: string): ResolvedEventHandler | undefined {
    return userEventHandler(this.table, hub, event);
  }

  /**
   * The `connect` event for an upgrade that passed authentication. Without a `connect` handler
   * the client is accepted as its token says.
   */
  async connect(
    connection: HandledConnection,
    req: IncomingMessage,
    url: URL,
    claims: Readonly<Record<string, readonly string[]>>,
    offered: readonly string[],
  ): Promise<ConnectOutcome> {
    const handler = systemEventHandler(this.table, connection.hub, "connect");
    if (handler === undefined) return { ok: true, decision: {} };
    const record = this.record(connection);
    const body = Buffer.from(JSON.stringify(connectRequestBody(req, url, claims, offered)));
    const what = `connect event for ${connection.id}`;
    const outcome = await this.send(handler, record, "sys", "connect", body, "application/json", what);
    if (outcome instanceof HandlerCallError || typeof outcome === "string") {
      const reason = typeof outcome === "string" ? outcome : outcome.message;
      this.log.warn(`${what}: ${reason}; the upgrade is refused with 500`);
      this.records.delete(connection.id);
      return { ok: false, status: 500, reason: `The connect event handler failed: ${reason}` };
    }
    if (outcome.status < 200 || outcome.status > 299) {
      const detail = shortText(outcome.body);
      this.log.info(
        `${what}: refused by the handler (${outcome.status}${detail === "" ? "" : `: ${detail}`})`,
      );
      this.records.delete(connection.id);
      return {
        ok: false,
        status: outcome.status >= 400 && outcome.status <= 599 ? outcome.status : 500,
        reason: `Refused by the connect event handler${detail === "" ? "" : `: ${detail}`}`,
      };
    }
    const decision = readConnectDecision(outcome.body, offered);
    if (typeof decision === "string") {
      this.log.warn(`${what}: ${decision}; the upgrade is refused with 500`);
      this.records.delete(connection.id);
      return {
        ok: false,
        status: 500,
        reason: `The connect event handler's answer is unusable: ${decision}`,
      };
    }
    this.keepState(record, outcome);
    return { ok: true, decision };
  }

  /** The connection is open: `connected` (a notification) and, from now on, `disconnected` is owed. */
  opened(connection: HandledConnection): void {
    // A hub without handlers costs its connections nothing here.
    if (!this.hasHandlers(connection.hub)) return;
    const record = this.record(connection);
    record.subject = { ...record.subject, userId: connection.userId, subprotocol: connection.subprotocol };
    record.opened = true;
    this.notify(record, "connected", Buffer.from("{}"));
  }

  /** The connection is gone for good: `disconnected`, if it was opened. */
  closed(connectionId: string, reason: string): void {
    const record = this.records.get(connectionId);
    if (record === undefined) return;
    this.records.delete(connectionId);
    if (record.opened) this.notify(record, "disconnected", Buffer.from(JSON.stringify({ reason })));
  }

  /**
   * A user event to its handler, after the connection's earlier events. Resolves with the reply
   * (if any) or the failure; never rejects.
   */
  userEvent(
    connection: HandledConnection,
    handler: ResolvedEventHandler,
    event: UserEvent,
  ): Promise<UserEventOutcome> {
    const record = this.record(connection);
    return this.enqueue(record, () => this.callUserEvent(record, handler, event));
  }

  /** A user event outside the connection's queue (an invocation: concurrent and cancellable). */
  invoke(
    connection: HandledConnection,
    handler: ResolvedEventHandler,
    event: UserEvent,
  ): Promise<UserEventOutcome> {
    return this.callUserEvent(this.record(connection), handler, event);
  }

  /** Stops: notifications on their way get a moment, then every call is cut. */
  async close(): Promise<void> {
    if (this.notifications.size > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.allSettled([...this.notifications]),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS))),
      ]);
      clearTimeout(timer);
    }
    this.http.close();
  }

  private record(connection: HandledConnection): ConnectionRecord {
    let record = this.records.get(connection.id);
    if (record === undefined) {
      record = {
        subject: {
          hub: connection.hub,
          connectionId: connection.id,
          userId: connection.userId,
          subprotocol: connection.subprotocol,
          connectionState: undefined,
        },
        nextId: 1,
        queue: Promise.resolve(),
        opened: false,
      };
      this.records.set(connection.id, record);
    }
    return record;
  }

  private enqueue<T>(record: ConnectionRecord, task: () => Promise<T>): Promise<T> {
    const run = record.queue.then(task, task);
    record.queue = run.catch(() => undefined);
    return run;
  }

  private notify(record: ConnectionRecord, event: Exclude<SystemEventName, "connect">, body: Buffer): void {
    const handler = systemEventHandler(this.table, record.subject.hub, event);
    if (handler === undefined) return;
    const what = `${event} event for ${record.subject.connectionId}`;
    const sent = this.enqueue(record, async () => {
      const outcome = await this.send(handler, record, "sys", event, body, "application/json", what);
      if (outcome instanceof HandlerCallError || typeof outcome === "string") {
        this.log.warn(`${what} failed: ${typeof outcome === "string" ? outcome : outcome.message}`);
      } else if (outcome.status < 200 || outcome.status > 299) {
        this.log.warn(`${what}: the handler answered ${outcome.status}`);
      }
    });
    this.notifications.add(sent);
    void sent.finally(() => this.notifications.delete(sent));
  }

  private async callUserEvent(
    record: ConnectionRecord,
    handler: ResolvedEventHandler,
    event: UserEvent,
  ): Promise<UserEventOutcome> {
    const what = `event '${event.event}' from ${record.subject.connectionId}`;
    const outcome = await this.send(
      handler,
      record,
      "user",
      event.event,
      bodyOf(event.payload),
      CONTENT_TYPES[event.payload.dataType],
      what,
      event.metadata,
      event.signal,
    );
    const fail = (reason: string): UserEventOutcome => {
      this.log.warn(`${what}: ${reason}`);
      return { ok: false, reason };
    };
    if (outcome instanceof HandlerCallError) return fail(outcome.message);
    if (typeof outcome === "string") return fail(outcome);
    if (outcome.status < 200 || outcome.status > 299) {
      const detail = shortText(outcome.body);
      return fail(`the handler answered ${outcome.status}${detail === "" ? "" : `: ${detail}`}`);
    }
    const reply = replyOf(outcome, event.replyAsText === true);
    if (typeof reply === "string") return fail(reply);
    this.keepState(record, outcome);
    return { ok: true, reply };
  }

  /** A 2xx answer's `ce-connectionState` replaces the state (an empty value clears it). */
  private keepState(record: ConnectionRecord, response: HandlerResponse): void {
    const state = response.headers["ce-connectionstate"];
    if (state === undefined) return;
    record.subject = { ...record.subject, connectionState: Array.isArray(state) ? state.at(-1) : state };
  }

  /** One event to a handler: validated URL, CloudEvents headers, retries. A string says why it was not sent. */
  private async send(
    handler: ResolvedEventHandler,
    record: ConnectionRecord,
    kind: "sys" | "user",
    name: string,
    body: Buffer,
    contentType: string,
    what: string,
    metadata?: Metadata,
    signal?: AbortSignal,
  ): Promise<HandlerResponse | HandlerCallError | string> {
    const hub = record.subject.hub;
    const allowed = await this.protection.check(expandUrlTemplate(handler.urlTemplate, hub, "validate"));
    if (allowed !== true) return `the handler is not validated (abuse protection): ${allowed}`;
    const id = String(record.nextId++);
    const headers = cloudEventHeaders(
      record.subject,
      { type: eventType(kind, name), eventName: name, id, contentType, metadata },
      this.accessKey,
      this.origin(),
    );
    const url = expandUrlTemplate(handler.urlTemplate, hub, name);
    try {
      return await this.http.call({ method: "POST", url, headers, body, signal }, `${what} (POST ${url})`);
    } catch (error) {
      return error instanceof HandlerCallError ? error : new HandlerCallError("network", String(error));
    }
  }
}
