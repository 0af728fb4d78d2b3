/**
 * Turning arbitrary runtime values (machine configs, contexts, events) into JSON that is always
 * serialisable and never huge. Contexts hold functions (`allocateAckId`), actor refs, byte
 * buffers and sometimes cycles; `JSON.stringify` would throw or drop them silently, and a large
 * payload in a context would be copied into every inspection message.
 */

/** JSON as it goes over the wire. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Limits of {@link toJsonSafe}. */
export interface JsonSafeLimits {
  /** Deeper values become `"[…]"`. */
  readonly maxDepth: number;
  /** Longer strings are cut and marked with `…`. */
  readonly maxStringLength: number;
  /** Arrays and objects keep this many entries; the rest is summarised in one marker entry. */
  readonly maxEntries: number;
  /**
   * How functions appear. `"type"` gives `{ type: name }`, the form @statelyai/inspect uses in
   * machine definitions, so `createMachine(JSON.parse(definition))` reads them as named
   * actions/guards; `"string"` gives `"[Function name]"`, for contexts.
   */
  readonly functions: "type" | "string";
}

/** Limits for machine definitions: configs are trees of modest size, keep them whole. */
export const DEFINITION_LIMITS: JsonSafeLimits = Object.freeze({
  maxDepth: 64,
  maxStringLength: 10_000,
  maxEntries: 10_000,
  functions: "type",
});

/** Limits for contexts and events: enough to read them, never enough to flood the relay. */
export const VALUE_LIMITS: JsonSafeLimits = Object.freeze({
  maxDepth: 6,
  maxStringLength: 512,
  maxEntries: 50,
  functions: "string",
});

/** A value converted to {@link Json}; see {@link JsonSafeLimits} for what is cut and how. */
export function toJsonSafe(value: unknown, limits: JsonSafeLimits): Json {
  // Ancestors only, not every object seen: the same object twice in one tree is fine, a cycle is not.
  const ancestors = new Set<object>();

  const convert = (input: unknown, depth: number): Json => {
    switch (typeof input) {
      case "string":
        return input.length > limits.maxStringLength ? `${input.slice(0, limits.maxStringLength)}…` : input;
      case "number":
        return Number.isFinite(input) ? input : String(input);
      case "boolean":
        return input;
      case "bigint":
        return `${input.toString()}n`;
      case "undefined":
        return null;
      case "symbol":
        return input.toString();
      case "function": {
        const name = input.name || "anonymous";
        return limits.functions === "type" ? { type: name } : `[Function ${name}]`;
      }
    }
    if (input === null) return null;
    const object = input as object;
    if (ancestors.has(object)) return "[Circular]";
    if (depth >= limits.maxDepth) return "[…]";
    if (object instanceof Date) return Number.isNaN(object.getTime()) ? "Invalid Date" : object.toISOString();
    if (object instanceof Error) return { name: object.name, message: convert(object.message, depth + 1) };
    if (object instanceof ArrayBuffer) return `[ArrayBuffer ${object.byteLength} bytes]`;
    if (ArrayBuffer.isView(object)) return `[${object.constructor.name} ${object.byteLength} bytes]`;
    if (isActorRef(object)) return { actorRef: object.sessionId };

    ancestors.add(object);
    try {
      if (Array.isArray(object) || object instanceof Set) {
        const items = Array.isArray(object) ? (object as unknown[]) : [...(object as Set<unknown>)];
        const out: Json[] = [];
        const shown = Math.min(items.length, limits.maxEntries);
        for (let i = 0; i < shown; i++) out.push(convert(items[i], depth + 1));
        if (items.length > shown) out.push(`[… ${items.length - shown} more]`);
        return out;
      }
      const entries: [string, unknown][] =
        object instanceof Map
          ? [...(object as Map<unknown, unknown>)].map(([key, entry]) => [String(key), entry])
          : Object.entries(object);
      const out: { [key: string]: Json } = {};
      const shown = Math.min(entries.length, limits.maxEntries);
      for (let i = 0; i < shown; i++) {
        const [key, entry] = entries[i]!;
        // `undefined` properties are left out, as JSON.stringify does.
        if (entry !== undefined) out[key] = convert(entry, depth + 1);
      }
      if (entries.length > shown) out["…"] = `${entries.length - shown} more entries`;
      return out;
    } finally {
      ancestors.delete(object);
    }
  };

  return convert(value, 0);
}

/**
 * `toJsonSafe` as a JSON text of at most `maxChars` characters: a larger value is replaced by a
 * marker object with the start of its text, so one message's size is bounded whatever the value.
 */
export function stringifyCapped(value: unknown, limits: JsonSafeLimits, maxChars: number): string {
  const text = JSON.stringify(toJsonSafe(value, limits));
  if (text.length <= maxChars) return text;
  return JSON.stringify({
    truncated: true,
    chars: text.length,
    preview: text.slice(0, Math.max(0, maxChars - 80)),
  });
}

function isActorRef(value: object): value is { sessionId: string } {
  const candidate = value as { sessionId?: unknown; send?: unknown; getSnapshot?: unknown };
  return (
    typeof candidate.sessionId === "string" &&
    typeof candidate.send === "function" &&
    typeof candidate.getSnapshot === "function"
  );
}

/**
 * FNV-1a over UTF-16 code units, 53 bits wide, as base-36 text: a content id for definitions, so
 * the same machine from any process maps to one rendered diagram. Not cryptographic (it does not
 * need to be, a collision would only show a wrong diagram) and free of Node APIs.
 */
export function contentId(text: string): string {
  // Two 32-bit FNV-1a lanes with different offsets, combined: plenty for a handful of machines.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193 + 2);
  }
  return `${(a >>> 0).toString(36)}${((b >>> 0) & 0x1fffff).toString(36)}`;
}
