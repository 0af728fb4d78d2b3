/**
 * The messages of the live inspector, both legs:
 *
 * - producer → relay (`ws://host:port/`): the @statelyai/inspect event format (`@xstate.actor`,
 *   `@xstate.snapshot`, `@xstate.event`, each with `_version`, `createdAt`, `sessionId`, `rootId`),
 *   one object per frame as `createWebSocketInspector` sends it, or a JSON array of them as our
 *   sender batches them. Two additions, both optional so Stately's own inspector works unchanged:
 *   `definitionId` (a content id; `definition` is then sent once per connection, not per actor,
 *   which matters with one operation actor per acked send) and `@wps.dropped`.
 * - relay → page (`ws://host:port/page-socket`): {@link PageMessage}; page → relay: {@link PageRequest}
 *   (views of a diagram with some compound states folded).
 */
import type { Json } from "./json-safe.js";

/** The WebSocket path pages connect to; every other path is a producer. */
export const PAGE_SOCKET_PATH = "/page-socket";

/** The `_version` our sender writes: the @statelyai/inspect release whose format it follows. */
export const STATELY_FORMAT_VERSION = "0.7.2";

/** Fields every producer message has. */
export interface ProducerBase {
  readonly _version: string;
  readonly createdAt: string;
  readonly sessionId: string;
  readonly rootId: string | undefined;
  readonly id: null;
}

/** An actor was created. `definition` is the machine config as JSON; absent for non-machine logic. */
export interface ProducerActorMessage extends ProducerBase {
  readonly type: "@xstate.actor";
  readonly name: string;
  readonly parentId: string | undefined;
  readonly definition?: string;
  readonly definitionId?: string;
  readonly snapshot: Json;
}

/** An actor's snapshot changed because of `event`. */
export interface ProducerSnapshotMessage extends ProducerBase {
  readonly type: "@xstate.snapshot";
  readonly event: Json;
  readonly snapshot: Json;
}

/** An event was sent to an actor (`sessionId`), by `sourceId` when it came from another actor. */
export interface ProducerEventMessage extends ProducerBase {
  readonly type: "@xstate.event";
  readonly sourceId: string | undefined;
  readonly event: Json;
}

/** Our sender's notice that its bounded buffer dropped `count` events (relay unreachable or slow). */
export interface ProducerDroppedMessage {
  readonly type: "@wps.dropped";
  readonly count: number;
}

export type ProducerMessage =
  ProducerActorMessage | ProducerSnapshotMessage | ProducerEventMessage | ProducerDroppedMessage;

/** One state of a machine, as the page folds and unfolds it. */
export interface PageStateNode {
  /** The keys from the top level, joined with `.`: `running.connected`. */
  readonly path: string;
  /** Its diagram node id (see {@link PageDefinition.states}). */
  readonly id: string;
  readonly kind: "atomic" | "compound" | "parallel" | "final" | "history";
  /** The logic names of its `invoke`s, in order (the log names `xstate.done.actor.*` by them). */
  readonly invokes?: readonly string[];
}

/** A machine definition as the page needs it. */
export interface PageDefinition {
  readonly id: string;
  /** The machine's `id` (`client`, `operation`). */
  readonly machineId: string;
  /**
   * The whole diagram, nothing folded; `null` while rendering or when it failed (then `error` says
   * why). Views with compound states folded are asked for with a {@link PageRequest}.
   */
  readonly svg: string | null;
  /**
   * State path (`running.connected.keepAlive`) → diagram node id. A node id `N` is drawn as
   * `<g class="node"><title>N</title>` for an atomic state and as
   * `<g class="cluster"><title>cluster_N</title>` for a compound or parallel one.
   */
  readonly states: Readonly<Record<string, string>>;
  /** Every state, parents first (empty until the definition has been read). */
  readonly tree: readonly PageStateNode[];
  /**
   * The compound states a default view folds, so that it stays legible: whole levels are unfolded
   * while at most a dozen states show. A folded state is drawn as one node titled with its id.
   */
  readonly folded: readonly string[];
  readonly error?: string;
}

/** An actor as the page shows it. */
export interface PageActor {
  readonly sessionId: string;
  readonly name: string;
  readonly parentId: string | undefined;
  readonly rootId: string | undefined;
  readonly definitionId: string | undefined;
  /** The producer connection it came from (a number per connection, in order). */
  readonly producer: number;
  /** `snapshot.value`: a state name, or nested objects for compound and parallel states. */
  readonly value: Json;
  /** `active`, `done`, `error` or `stopped`; `disconnected` when its producer went away. */
  readonly status: string;
  /** The context, JSON-safe and capped (a JSON text). */
  readonly context: string | undefined;
  /**
   * Who it is, as last seen in its context (`alice · conn 3f2a…` for a client, `ackId 17` for an
   * operation): kept when the context forgets it (a stopped client has no connection).
   */
  readonly identity: string | undefined;
  /** The type of the event that produced the latest snapshot. */
  readonly lastEvent: string | undefined;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** One line of the event log. */
export interface PageLogEntry {
  readonly seq: number;
  readonly at: number;
  readonly sessionId: string;
  readonly kind: "event" | "snapshot";
  readonly eventType: string;
  /** For snapshots: the new state value. */
  readonly value?: Json;
  /** For snapshots: whether the value differs from the actor's previous one (else only context changed). */
  readonly changed?: boolean;
  readonly sourceId?: string;
}

/** What a page asks of the relay (page → relay, on the page socket). */
export type PageRequest =
  /** Draw a definition with these compound states (paths) folded; answered by a `view` message. */
  {
    readonly type: "view";
    readonly definitionId: string;
    readonly folded: readonly string[];
  };

export type PageMessage =
  /** The whole current picture, first thing on every page connection (a late page sees it all). */
  | {
      readonly type: "hello";
      readonly producers: number;
      readonly definitions: readonly PageDefinition[];
      readonly actors: readonly PageActor[];
      readonly log: readonly PageLogEntry[];
      readonly dropped: number;
    }
  /** Then changes, coalesced: new or changed definitions, actors and log lines. */
  | {
      readonly type: "update";
      readonly producers: number;
      readonly definitions: readonly PageDefinition[];
      readonly actors: readonly PageActor[];
      readonly removed: readonly string[];
      readonly log: readonly PageLogEntry[];
      readonly dropped: number;
    }
  /** The answer to a `view` request; `folded` is the request's, as sent. */
  | {
      readonly type: "view";
      readonly definitionId: string;
      readonly folded: readonly string[];
      readonly svg: string | null;
      readonly error?: string;
    };
