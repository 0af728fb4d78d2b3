/**
 * A handler's user-event pattern, in the forms the service's hub settings take: `*` for every
 * user event, one event name, or a comma-separated list of them. A name may also hold `*` (any
 * run of characters) and `?` (one character), as Microsoft's emulator allows (`chat-*`).
 * Matching ignores case.
 */

/** Whether the pattern takes an event (the name already lower-cased). */
export type EventPattern = (lowerCasedEvent: string) => boolean;

const NOTHING: EventPattern = () => false;
const EVERYTHING: EventPattern = () => true;

function wildcard(name: string): RegExp {
  const source = name
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\-]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, "i");
}

/** Compiles a pattern; returns why it is refused when an entry is not a possible event name. */
export function eventPattern(text: string): EventPattern | string {
  if (typeof text !== "string") return "must be a string";
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) return NOTHING;
  if (entries.includes("*")) return EVERYTHING;
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const entry of entries) {
    if (!/^[A-Za-z0-9_.*?-]+$/.test(entry)) {
      return `'${entry}' is not an event name (letters, digits, '_', '.', '-', and the wildcards * and ?)`;
    }
    if (/[*?]/.test(entry)) patterns.push(wildcard(entry));
    else exact.add(entry.toLowerCase());
  }
  return (event) => exact.has(event) || patterns.some((pattern) => pattern.test(event));
}
