/**
 * The silence watchdog the socket actor runs while the client machine is connected (`WATCH` /
 * `UNWATCH`): it tells a client `LINK.SILENT` when no frame has arrived on its link for the
 * timeout. The socket actor only stamps `link.lastInboundAt` per frame, so inbound frames cost no
 * machine event.
 *
 * One watchdog serves every client in the process (or page): a client's watch is an entry in a
 * set, sampled by one shared interval timer, instead of a timer per client (~0.3 KiB of heap each,
 * and a wake-up per client). The timer samples every tenth of the shortest timeout being watched,
 * so a dead link is found between 1.0 and 1.1 of its timeout after its last frame (sooner-sampled
 * watches with longer timeouts are only more precise). It runs only while something is watched,
 * and never keeps a process alive by itself (the watched sockets do).
 */
import type { Link } from "./link.js";

/** A link being watched, and who to tell when it falls silent. */
export interface SilenceWatch {
  readonly link: Link;
  /** Silence this long (ms) means the link is dead; must be positive. */
  readonly silenceTimeoutInMs: number;
  /** Called once, after which the watch is no longer sampled. */
  linkSilent(): void;
}

type Timer = ReturnType<typeof setInterval>;

class SilenceWatchdog {
  private readonly watches = new Set<SilenceWatch>();
  private timer: Timer | undefined = undefined;
  private periodInMs = Number.POSITIVE_INFINITY;

  /** Starts sampling `watch`; the silence is counted from now. */
  watch(watch: SilenceWatch): void {
    watch.link.lastInboundAt = Date.now();
    this.watches.add(watch);
    const period = Math.max(1, Math.floor(watch.silenceTimeoutInMs / 10));
    if (this.timer === undefined || period < this.periodInMs) this.restart(period);
  }

  unwatch(watch: SilenceWatch): void {
    if (this.watches.delete(watch) && this.watches.size === 0) this.stop();
  }

  private restart(periodInMs: number): void {
    this.stop();
    this.periodInMs = Math.min(periodInMs, this.periodInMs);
    const timer = setInterval(() => this.sample(), this.periodInMs);
    if (typeof timer === "object") timer.unref?.();
    this.timer = timer;
  }

  private stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (this.watches.size === 0) this.periodInMs = Number.POSITIVE_INFINITY;
  }

  private sample(): void {
    const now = Date.now();
    for (const watch of this.watches) {
      if (now - watch.link.lastInboundAt < watch.silenceTimeoutInMs) continue;
      this.watches.delete(watch);
      watch.linkSilent();
    }
    if (this.watches.size === 0) this.stop();
  }
}

/** The process-wide (page-wide) silence watchdog. */
export const silenceWatchdog = new SilenceWatchdog();
