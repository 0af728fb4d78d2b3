/**
 * How the inspector page names things: actors by role and identity (`client alice · conn 3f2a…`,
 * `operation sendToGroup (ackId 17)`), states by their paths, XState's internal event types by
 * what they mean (`after recoveryDelay`, `onDone resolveUrl`), times and durations.
 *
 * Runs in the browser: `html.ts` inlines this function's source, so everything it uses lives
 * inside it (see `script.ts` for the rules). Pure, so the tests call it in Node.
 */
import type { PageActor, PageDefinition, PageStateNode } from "../protocol.js";

type JsonValue = PageActor["value"];

/** An actor's name as the page shows it. */
export interface ActorTitle {
  /** What it is: `client`, `operation`, `socket`, … */
  readonly role: string;
  /** Who it is: `alice · conn 3f2a…`, `sendToGroup (ackId 17)`; empty when nothing more is known. */
  readonly identity: string;
  /** Both, for headings and log lines. */
  readonly label: string;
}

export interface PageNames {
  /** Every active state path of a snapshot value, parents first, and the active leaves. */
  statePaths(value: JsonValue): { all: string[]; leaves: string[] };
  /** The active leaves, ` | `-separated (or the value as JSON when it is not a state value). */
  stateText(value: JsonValue): string;
  /** Where the actor is, in short: the deepest state all active leaves are in, plus the leaves below it. */
  stateSummary(value: JsonValue): string;
  /** An event type as people say it: `after recoveryDelay`, `onDone resolveUrl`, `start`. */
  eventName(type: string, definition?: PageDefinition): string;
  /** `hh:mm:ss.mmm`, local time. */
  time(at: number): string;
  /** `85 ms`, `4.2 s`, `3 min 5 s`. */
  duration(ms: number): string;
  /**
   * An actor's title. `known` keeps the identity last seen per actor, so a client that stopped
   * (and forgot its connection) is still called by it.
   */
  actorTitle(actor: PageActor, machineId: string | undefined, known: Map<string, string>): ActorTitle;
}

/** The naming helpers; `html.ts` inlines this function and the page calls it once. */
export function pageNames(): PageNames {
  const statePaths = (value: JsonValue): { all: string[]; leaves: string[] } => {
    const all: string[] = [];
    const leaves: string[] = [];
    const walk = (node: JsonValue, at: string): void => {
      if (typeof node === "string") {
        const path = at === "" ? node : `${at}.${node}`;
        all.push(path);
        leaves.push(path);
        return;
      }
      if (typeof node !== "object" || node === null || Array.isArray(node)) return;
      const keys = Object.keys(node);
      if (keys.length === 0 && at !== "") leaves.push(at);
      for (const key of keys) {
        const path = at === "" ? key : `${at}.${key}`;
        all.push(path);
        walk(node[key] ?? null, path);
      }
    };
    walk(value, "");
    return { all, leaves };
  };

  const stateText = (value: JsonValue): string => {
    const { leaves } = statePaths(value);
    return leaves.length > 0 ? leaves.join(" | ") : value === null ? "" : JSON.stringify(value);
  };

  const stateSummary = (value: JsonValue): string => {
    const { leaves } = statePaths(value);
    if (leaves.length <= 1) return leaves[0] ?? stateText(value);
    const split = leaves.map((leaf) => leaf.split("."));
    let common = 0;
    while (split.every((parts) => parts.length > common + 1 && parts[common] === split[0]![common])) common++;
    const head = split[0]!.slice(0, common).join(".");
    const rest = split.map((parts) => parts.slice(common).join(".")).join(", ");
    return head === "" ? rest : `${head} (${rest})`;
  };

  const invokeName = (invokeId: string, definition: PageDefinition | undefined): string => {
    // XState names an invocation without an id `<index>.<state node id>`; the state node id is
    // the machine id and the state's path (a custom state id would not match: then the raw id).
    const match = /^(\d+)\.(.+)$/.exec(invokeId);
    if (match === null || definition === undefined) return invokeId;
    const prefix = `${definition.machineId}.`;
    const path = match[2]!.startsWith(prefix) ? match[2]!.slice(prefix.length) : match[2]!;
    const state: PageStateNode | undefined = definition.tree.find((node) => node.path === path);
    return state?.invokes?.[Number(match[1])] ?? invokeId;
  };

  const eventName = (type: string, definition?: PageDefinition): string => {
    if (type === "xstate.init") return "start";
    if (type === "xstate.stop") return "stop";
    if (type.startsWith("xstate.after.")) {
      const delay = type.slice("xstate.after.".length).split(".")[0] ?? "";
      return /^\d+$/.test(delay) ? `after ${delay} ms` : `after ${delay}`;
    }
    if (type.startsWith("xstate.done.actor.")) return `onDone ${invokeName(type.slice(18), definition)}`;
    if (type.startsWith("xstate.error.actor.")) return `onError ${invokeName(type.slice(19), definition)}`;
    if (type.startsWith("xstate.done.state.")) {
      const id = type.slice("xstate.done.state.".length);
      const prefix = definition === undefined ? "" : `${definition.machineId}.`;
      return `onDone ${prefix !== "" && id.startsWith(prefix) ? id.slice(prefix.length) : id}`;
    }
    return type;
  };

  const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
  const time = (at: number): string => {
    const d = new Date(at);
    return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  };

  const duration = (ms: number): string => {
    if (ms < 1000) return `${Math.round(ms)} ms`;
    if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
    const minutes = Math.floor(ms / 60_000);
    const seconds = Math.round((ms % 60_000) / 1000);
    return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
  };

  const parseContext = (text: string | undefined): Record<string, unknown> | undefined => {
    if (text === undefined) return undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  const field = (value: unknown, key: string): unknown =>
    typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  const text = (value: unknown): string | undefined =>
    typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : undefined;

  /** `client alice · conn 3f2a…` from a client context's `connection`. */
  const clientIdentity = (context: Record<string, unknown> | undefined): string => {
    const connection = field(context, "connection");
    const userId = text(field(connection, "userId"));
    const connectionId = text(field(connection, "connectionId"));
    const parts: string[] = [];
    if (userId !== undefined) parts.push(userId);
    if (connectionId !== undefined) {
      parts.push(`conn ${connectionId.length > 8 ? `${connectionId.slice(0, 6)}…` : connectionId}`);
    }
    return parts.join(" · ");
  };

  /** `sendToGroup (ackId 17)`: the kind from the actor's id when the runtime named it, the key from `correlation`. */
  const operationIdentity = (actor: PageActor, context: Record<string, unknown> | undefined): string => {
    // The runtime may name operation actors `operation:<kind>:<key>` (e.g. operation:sendToGroup:17).
    const named = /^operation[:. ]([A-Za-z][\w-]*)/.exec(actor.name);
    const kind = named?.[1];
    const correlation = field(context, "correlation");
    const ackId = text(field(correlation, "ackId"));
    const invocationId = text(field(correlation, "invocationId"));
    const key =
      ackId !== undefined ? `ackId ${ackId}` : invocationId !== undefined ? `invocation ${invocationId}` : "";
    if (kind === undefined) return key;
    return key === "" ? kind : `${kind} (${key})`;
  };

  const actorTitle = (
    actor: PageActor,
    machineId: string | undefined,
    known: Map<string, string>,
  ): ActorTitle => {
    const context = parseContext(actor.context);
    let role = machineId ?? actor.name;
    let identity = "";
    if (role === "client" || field(context, "connection") !== undefined) {
      role = "client";
      identity = clientIdentity(context);
    } else if (role === "operation") {
      identity = operationIdentity(actor, context);
    } else if (machineId === undefined && actor.name.includes(":")) {
      role = actor.name.split(":")[0]!;
    }
    if (identity === "") identity = known.get(actor.sessionId) ?? actor.identity ?? "";
    else known.set(actor.sessionId, identity);
    return { role, identity, label: identity === "" ? role : `${role} ${identity}` };
  };

  return { statePaths, stateText, stateSummary, eventName, time, duration, actorTitle };
}
