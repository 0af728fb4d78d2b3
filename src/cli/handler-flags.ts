/**
 * `wps emulator`'s event handler flags: `--config <file>` (the Microsoft emulator's settings
 * shape) and `--event-handler <hub>=<urlTemplate>` (repeatable), whose system events and user
 * event pattern come from `--system-events` and `--event-pattern`. All of them end up as one
 * `hubs` option: the file's handlers first, then the flags', in the order given.
 */
import type { EmulatorSettings, HubSettings, SystemEventName } from "../emulator/index.js";
import { readEmulatorSettings } from "../emulator/index.js";
import { CliError } from "./cli-kit.js";

/** What the flags configure. */
export interface HandlerFlags {
  readonly config?: string | undefined;
  readonly eventHandlers: readonly string[];
  readonly systemEvents: string;
  readonly eventPattern: string;
}

/** The `--system-events` default: every system event. */
export const ALL_SYSTEM_EVENTS = "connect,connected,disconnected";

/** What the flags amount to: the hubs option, a key from the file, and what the file had that was ignored. */
export interface ResolvedHandlerFlags {
  readonly hubs: Record<string, HubSettings>;
  readonly accessKey: string | undefined;
  readonly ignored: readonly string[];
}

function parseEventHandler(value: string, systemEvents: readonly SystemEventName[], eventPattern: string) {
  const separator = value.indexOf("=");
  const hub = separator > 0 ? value.slice(0, separator).trim() : "";
  const urlTemplate = separator > 0 ? value.slice(separator + 1).trim() : "";
  if (hub === "" || urlTemplate === "") {
    throw new CliError(
      `--event-handler wants <hub>=<urlTemplate>, e.g. "chat=http://127.0.0.1:3000/eventhandler/{event}", got '${value}'`,
    );
  }
  return { hub, handler: { urlTemplate, systemEvents, eventPattern } };
}

/** Reads the file (if any) and the flags. @throws CliError for a bad file or flag. */
export async function resolveHandlerFlags(flags: HandlerFlags): Promise<ResolvedHandlerFlags> {
  let settings: EmulatorSettings = { hubs: {}, ignored: [] };
  if (flags.config !== undefined) {
    try {
      settings = await readEmulatorSettings(flags.config);
    } catch (error) {
      throw new CliError(`--config: ${(error as Error).message}`, 1);
    }
  }
  const hubs: Record<string, HubSettings> = {};
  const keyOf = new Map<string, string>();
  const add = (hub: string, handlers: HubSettings["eventHandlers"]): void => {
    const key = keyOf.get(hub.toLowerCase()) ?? hub;
    keyOf.set(hub.toLowerCase(), key);
    hubs[key] = { eventHandlers: [...(hubs[key]?.eventHandlers ?? []), ...(handlers ?? [])] };
  };
  for (const [hub, hubSettings] of Object.entries(settings.hubs)) add(hub, hubSettings.eventHandlers);
  const systemEvents = flags.systemEvents
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name.length > 0) as SystemEventName[];
  for (const value of flags.eventHandlers) {
    const { hub, handler } = parseEventHandler(value, systemEvents, flags.eventPattern);
    add(hub, [handler]);
  }
  return { hubs, accessKey: settings.accessKey, ignored: settings.ignored };
}
