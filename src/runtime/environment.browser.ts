/**
 * What a browser reports to the client machine (run inside its `socket` actor): it turns what the page knows about the
 * world into the machine's `EnvironmentEvent`s, which the official client ignores:
 *
 * - `online` / `offline` → `NETWORK.ONLINE` / `NETWORK.OFFLINE` (attempt at once / probe the link);
 * - the page visible again (`visibilitychange` after hidden, `pageshow` from the back/forward
 *   cache, `resume` after a freeze) → `PAGE.SHOWN` (probe the link, or attempt at once);
 * - a wall-clock jump → `CLOCK.JUMPED`: after a laptop sleep timers neither fired nor count the
 *   time asleep, while `Date.now()` does, so a coarse interval that sees the clock run far ahead of
 *   itself knows the machine slept and the socket may be half-open (Azure/azure-webpubsub#700);
 * - `pagehide` → `PAGE.HIDDEN` (the machine stops cleanly, so the service sees 1000, not 1006,
 *   and the page stays eligible for the back/forward cache).
 *
 * Everything it touches is feature-detected, so it also runs in a worker (no `document`) and
 * reports nothing where there is nothing to listen to.
 */
import type { EnvironmentReporter } from "./environment.js";

export type { EnvironmentReporter } from "./environment.js";

/** The part of `window` (or a worker's `self`) the environment listens to. */
export interface EnvironmentTarget {
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
}

/** The part of `document` the environment reads. */
export interface EnvironmentDocument extends EnvironmentTarget {
  readonly visibilityState: string;
}

/** Options of {@link createBrowserEnvironment}; tests replace the globals and the clock. */
export interface BrowserEnvironmentOptions {
  /** Default: `globalThis` when it has `addEventListener`. */
  readonly target?: EnvironmentTarget | undefined;
  /** Default: `globalThis.document` when there is one. */
  readonly document?: EnvironmentDocument | undefined;
  /** The wall clock. Default: `Date.now`. */
  readonly now?: () => number;
  /** How often the clock is compared with the timers. Default: 2,000 ms. */
  readonly clockCheckIntervalInMs?: number;
  /**
   * How far the clock may run ahead of one interval before it counts as a jump. Default: 10,000
   * ms: more than a busy main thread delays a timer, less than any sleep worth noticing.
   */
  readonly clockJumpThresholdInMs?: number;
  /** Report `pagehide` (the client then stops). Default: `true`. */
  readonly stopOnPageHide?: boolean;
}

const DEFAULT_CLOCK_CHECK_INTERVAL_MS = 2_000;
const DEFAULT_CLOCK_JUMP_THRESHOLD_MS = 10_000;

function isTarget(value: unknown): value is EnvironmentTarget {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Partial<EnvironmentTarget>).addEventListener === "function" &&
    typeof (value as Partial<EnvironmentTarget>).removeEventListener === "function"
  );
}

function isDocument(value: unknown): value is EnvironmentDocument {
  return isTarget(value) && typeof (value as Partial<EnvironmentDocument>).visibilityState === "string";
}

/** Builds the `environment` actor logic for a page (or worker). */
export function createBrowserEnvironment(options: BrowserEnvironmentOptions = {}): EnvironmentReporter {
  return ({ sendBack: send }) => {
    const global: unknown = globalThis;
    const target = options.target ?? (isTarget(global) ? global : undefined);
    const doc = options.document ?? (isDocument(globalThis.document) ? globalThis.document : undefined);
    const now = options.now ?? Date.now;
    const interval = options.clockCheckIntervalInMs ?? DEFAULT_CLOCK_CHECK_INTERVAL_MS;
    const threshold = options.clockJumpThresholdInMs ?? DEFAULT_CLOCK_JUMP_THRESHOLD_MS;
    const cleanups: Array<() => void> = [];
    const listen = (on: EnvironmentTarget, type: string, listener: (event: Event) => void) => {
      on.addEventListener(type, listener);
      cleanups.push(() => on.removeEventListener(type, listener));
    };

    if (target !== undefined) {
      listen(target, "online", () => send({ type: "NETWORK.ONLINE" }));
      listen(target, "offline", () => send({ type: "NETWORK.OFFLINE" }));
      listen(target, "pageshow", (event) => {
        // A first load is not a return; only a page restored from the back/forward cache is.
        if ((event as Partial<PageTransitionEvent>).persisted === true) send({ type: "PAGE.SHOWN" });
      });
      if (options.stopOnPageHide !== false) listen(target, "pagehide", () => send({ type: "PAGE.HIDDEN" }));
    }
    if (doc !== undefined) {
      let hidden = doc.visibilityState === "hidden";
      listen(doc, "visibilitychange", () => {
        if (doc.visibilityState === "hidden") hidden = true;
        else if (hidden) {
          hidden = false;
          send({ type: "PAGE.SHOWN" });
        }
      });
      // Chrome freezes background pages; timers and sockets stood still until `resume`.
      listen(doc, "resume", () => send({ type: "PAGE.SHOWN" }));
    }
    if (interval > 0) {
      let last = now();
      const timer = setInterval(() => {
        const current = now();
        const drift = current - last - interval;
        last = current;
        // A clock set back (NTP) says nothing about the link; only time lost ahead does.
        if (drift >= threshold) send({ type: "CLOCK.JUMPED", driftInMs: drift });
      }, interval);
      cleanups.push(() => clearInterval(timer));
    }
    return () => {
      for (const cleanup of cleanups.splice(0)) cleanup();
    };
  };
}

/** The environment of this build: the page's events and a wall-clock jump detector. */
export function createDefaultEnvironment(): EnvironmentReporter | undefined {
  return createBrowserEnvironment();
}
