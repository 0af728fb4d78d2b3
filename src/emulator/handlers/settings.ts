/**
 * Event handler settings, as the service configures them per hub: an ordered list of handlers,
 * each a URL template, the system events it takes and a user-event pattern. The first handler
 * that takes an event wins; hub and event names match without case. Options, the `--config` file
 * and `--event-handler` flags all end up here, checked once at start.
 */
import { checkHubName } from "../names.js";
import { eventPattern, type EventPattern } from "./pattern.js";

/** The system events an event handler can take. */
export type SystemEventName = "connect" | "connected" | "disconnected";

/** Every system event name, in the order of a connection's life. */
export const SYSTEM_EVENTS: readonly SystemEventName[] = ["connect", "connected", "disconnected"];

/** One event handler of a hub, as the service's hub settings describe it. */
export interface EventHandlerSettings {
  /**
   * The handler's URL: absolute `http://` or `https://`, with `{hub}` and `{event}` replaced per
   * event (percent-encoded). The host cannot be templated. Abuse protection calls it with
   * `{event}` = `validate`.
   */
  readonly urlTemplate: string;
  /**
   * The user events it takes: `*` (all), a name, or a comma-separated list of names; a name may
   * use `*` and `?` wildcards. Compared without case. Default: none.
   */
  readonly eventPattern?: string | undefined;
  /** The system events it takes. Default: none. */
  readonly systemEvents?: readonly SystemEventName[] | undefined;
}

/** One hub's settings. */
export interface HubSettings {
  /** In priority order: the first that takes an event handles it. */
  readonly eventHandlers?: readonly EventHandlerSettings[] | undefined;
}

/** An event handler after checking. */
export interface ResolvedEventHandler {
  readonly urlTemplate: string;
  readonly userEvents: EventPattern;
  readonly systemEvents: ReadonlySet<SystemEventName>;
}

/** Every hub's handlers, by lower-cased hub name. */
export type HandlerTable = ReadonlyMap<string, readonly ResolvedEventHandler[]>;

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Why a URL template is refused, or `undefined` when it is fine. */
export function checkUrlTemplate(template: unknown): string | undefined {
  if (typeof template !== "string" || template.trim() === "")
    return "the URL template must be a non-empty string";
  for (const [, name] of template.matchAll(PLACEHOLDER)) {
    const lower = (name ?? "").toLowerCase();
    if (lower !== "hub" && lower !== "event") {
      return `'{${name ?? ""}}' is not supported in a URL template (only {hub} and {event}; Key Vault references need Azure)`;
    }
  }
  let url: URL;
  try {
    url = new URL(expandUrlTemplate(template, "hub", "event"));
  } catch {
    return `'${template}' is not an absolute URL`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `'${template}' must be an http:// or https:// URL (tunnel:// needs Azure)`;
  }
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(template)?.[1] ?? "";
  if (authority.includes("{")) return `'${template}': the host cannot contain {hub} or {event}`;
  return undefined;
}

/** A handler's URL for one event: `{hub}` and `{event}` (any case) replaced, percent-encoded. */
export function expandUrlTemplate(template: string, hub: string, event: string): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower === "hub") return encodeURIComponent(hub);
    if (lower === "event") return encodeURIComponent(event);
    return whole;
  });
}

function resolveHandler(hub: string, index: number, settings: EventHandlerSettings): ResolvedEventHandler {
  const where = `hubs.${hub}.eventHandlers[${index}]`;
  if (typeof settings !== "object" || settings === null) throw new RangeError(`${where} must be an object`);
  const problem = checkUrlTemplate(settings.urlTemplate);
  if (problem !== undefined) throw new RangeError(`${where}.urlTemplate: ${problem}`);
  const systemEvents = new Set<SystemEventName>();
  for (const name of settings.systemEvents ?? []) {
    const lower = typeof name === "string" ? name.toLowerCase() : "";
    if (!(SYSTEM_EVENTS as readonly string[]).includes(lower)) {
      throw new RangeError(
        `${where}.systemEvents: '${String(name)}' is not a system event (use ${SYSTEM_EVENTS.join(", ")})`,
      );
    }
    systemEvents.add(lower as SystemEventName);
  }
  const pattern = eventPattern(settings.eventPattern ?? "");
  if (typeof pattern === "string") throw new RangeError(`${where}.eventPattern: ${pattern}`);
  return { urlTemplate: settings.urlTemplate, userEvents: pattern, systemEvents };
}

/**
 * Checks every hub's settings and keys them by lower-cased hub name.
 * @throws RangeError naming the setting at fault.
 */
export function resolveHubSettings(hubs: Readonly<Record<string, HubSettings>> | undefined): HandlerTable {
  const table = new Map<string, readonly ResolvedEventHandler[]>();
  for (const [hub, settings] of Object.entries(hubs ?? {})) {
    const hubProblem = checkHubName(hub);
    if (hubProblem !== undefined) throw new RangeError(`hubs.${hub}: invalid hub name: ${hubProblem}`);
    const key = hub.toLowerCase();
    if (table.has(key))
      throw new RangeError(`hubs.${hub}: the hub is configured twice (hub names ignore case)`);
    const handlers = settings?.eventHandlers ?? [];
    if (!Array.isArray(handlers)) throw new RangeError(`hubs.${hub}.eventHandlers must be an array`);
    table.set(
      key,
      handlers.map((handler, index) => resolveHandler(hub, index, handler as EventHandlerSettings)),
    );
  }
  return table;
}

/** The first handler of a hub that takes a system event. */
export function systemEventHandler(
  table: HandlerTable,
  hub: string,
  event: SystemEventName,
): ResolvedEventHandler | undefined {
  return table.get(hub)?.find((handler) => handler.systemEvents.has(event));
}

/** The first handler of a hub that takes a user event. */
export function userEventHandler(
  table: HandlerTable,
  hub: string,
  event: string,
): ResolvedEventHandler | undefined {
  const handlers = table.get(hub);
  if (handlers === undefined) return undefined;
  const lower = event.toLowerCase();
  return handlers.find((handler) => handler.userEvents(lower));
}
