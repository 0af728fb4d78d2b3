/**
 * The settings file Microsoft's emulator reads (`appsettings.json` style), so one team file serves
 * both: `WebPubSub.Hubs.<hub>.EventHandlers[]` with `UrlTemplate`, `EventPattern`, `SystemEvents`,
 * and `WebPubSub.AccessKey`. Keys ignore case, as .NET configuration keys do, and an array may be
 * written as an object with keys `0`, `1`, … (the environment-variable form). What the emulator
 * cannot do here (Event Hubs listeners, handler `Auth`) is reported, never silently dropped.
 */
import { readFile } from "node:fs/promises";
import type { EventHandlerSettings, HubSettings, SystemEventName } from "./settings.js";

/** What a settings file configures. */
export interface EmulatorSettings {
  /** Each hub's event handlers, in the `startEmulator({ hubs })` form. */
  readonly hubs: Record<string, HubSettings>;
  /** `WebPubSub.AccessKey`, when the file sets one. */
  readonly accessKey?: string | undefined;
  /** Parts of the file the emulator ignores, each with the reason (worth printing). */
  readonly ignored: readonly string[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A key's value whatever its case, as .NET configuration reads keys. */
function property(object: Json, name: string): unknown {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(object)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/** An array, or the `{"0": …, "1": …}` form configuration providers flatten arrays into. */
function list(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (isObject(value) && Object.keys(value).every((key) => /^\d+$/.test(key))) {
    return Object.entries(value)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, item]) => item);
  }
  throw new RangeError(`${where} must be an array`);
}

const HANDLER_KEYS = new Set(["urltemplate", "eventpattern", "systemevents", "auth"]);

function handlerFrom(value: unknown, where: string): EventHandlerSettings {
  if (!isObject(value)) throw new RangeError(`${where} must be an object`);
  for (const key of Object.keys(value)) {
    if (!HANDLER_KEYS.has(key.toLowerCase())) {
      throw new RangeError(
        `${where}.${key} is not an event handler setting (UrlTemplate, EventPattern, SystemEvents)`,
      );
    }
  }
  if (property(value, "Auth") !== undefined) {
    throw new RangeError(
      `${where}.Auth: handler authentication (managed identity) needs Azure; remove it to call the handler anonymously`,
    );
  }
  const urlTemplate = property(value, "UrlTemplate");
  if (typeof urlTemplate !== "string") throw new RangeError(`${where}.UrlTemplate must be a string`);
  const eventPattern = property(value, "EventPattern");
  if (eventPattern !== undefined && eventPattern !== null && typeof eventPattern !== "string") {
    throw new RangeError(`${where}.EventPattern must be a string`);
  }
  const rawSystemEvents = property(value, "SystemEvents");
  const systemEvents = (
    typeof rawSystemEvents === "string"
      ? rawSystemEvents.split(",")
      : list(rawSystemEvents, `${where}.SystemEvents`)
  ).map((name, i) => {
    if (typeof name !== "string") throw new RangeError(`${where}.SystemEvents[${i}] must be a string`);
    return name.trim() as SystemEventName;
  });
  return {
    urlTemplate,
    ...(typeof eventPattern === "string" ? { eventPattern } : {}),
    systemEvents: systemEvents.filter((name) => name.length > 0),
  };
}

/**
 * Reads the Microsoft emulator's settings shape from parsed JSON.
 * @throws RangeError naming the setting at fault.
 */
export function emulatorSettingsFromJson(json: unknown): EmulatorSettings {
  if (!isObject(json)) throw new RangeError("the settings must be a JSON object");
  const ignored: string[] = [];
  const webPubSub = property(json, "WebPubSub");
  if (webPubSub === undefined) {
    throw new RangeError(
      "the settings have no 'WebPubSub' section (expected WebPubSub.Hubs.<hub>.EventHandlers)",
    );
  }
  if (!isObject(webPubSub)) throw new RangeError("'WebPubSub' must be an object");
  const accessKey = property(webPubSub, "AccessKey");
  if (accessKey !== undefined && (typeof accessKey !== "string" || accessKey.length === 0)) {
    throw new RangeError("WebPubSub.AccessKey must be a non-empty string");
  }
  const hubs: Record<string, HubSettings> = {};
  const hubsSection = property(webPubSub, "Hubs") ?? {};
  if (!isObject(hubsSection)) throw new RangeError("WebPubSub.Hubs must be an object of hubs");
  for (const [hub, settings] of Object.entries(hubsSection)) {
    const where = `WebPubSub.Hubs.${hub}`;
    if (!isObject(settings)) throw new RangeError(`${where} must be an object`);
    for (const key of Object.keys(settings)) {
      const lower = key.toLowerCase();
      if (lower === "eventlisteners") {
        ignored.push(`${where}.${key}: Event Hubs listeners need Azure Event Hubs; not sent anywhere`);
      } else if (lower !== "eventhandlers") {
        ignored.push(`${where}.${key}: not a setting the emulator knows`);
      }
    }
    const handlers = list(property(settings, "EventHandlers"), `${where}.EventHandlers`);
    hubs[hub] = {
      eventHandlers: handlers.map((handler, i) => handlerFrom(handler, `${where}.EventHandlers[${i}]`)),
    };
  }
  return { hubs, ...(typeof accessKey === "string" ? { accessKey } : {}), ignored };
}

/**
 * Reads a settings file (JSON) in the Microsoft emulator's shape.
 * @throws when the file cannot be read, is not JSON, or holds an invalid setting (the message
 * names the file and the setting).
 */
export async function readEmulatorSettings(path: string): Promise<EmulatorSettings> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new Error(`${path} is not JSON: ${(error as Error).message}`);
  }
  try {
    return emulatorSettingsFromJson(json);
  } catch (error) {
    throw new RangeError(`${path}: ${(error as Error).message}`);
  }
}
