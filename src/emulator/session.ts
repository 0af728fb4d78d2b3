/**
 * What survives a dropped socket: a reliable connection's sequence numbers and unacked buffer
 * (protocol.md §4), the recovery-window timer, and the per-connection set of processed ackIds.
 * The buffer holds frames exactly as the connection's protocol produced them, whatever it is.
 */
import type { Frame } from "./protocols/types.js";

/** Limits of one reliable session's unacked buffer. */
export interface SessionLimits {
  /** Most unacked data messages kept (service: 1000). */
  readonly maxMessages: number;
  /** Most unacked bytes kept (service: 16 MiB). */
  readonly maxBytes: number;
}

/**
 * How far past its limits a session may grow for a moment. A publisher's burst is fanned out
 * before the event loop gets round to reading the receivers' `sequenceAck`s, so a receiver that
 * acks promptly can look over the limit for one burst; the connection re-checks the limit shortly
 * after (see `Connection.deliver`) and only then closes. Past this factor it closes at once, so
 * memory stays bounded.
 */
const BURST_FACTOR = 2;

function frameBytes(frame: Frame): number {
  return typeof frame === "string" ? Buffer.byteLength(frame) : frame.length;
}

/**
 * The outgoing half of a reliable connection. Sequence ids start at 1 and continue across
 * recoveries; `ack(n)` is cumulative; `unacked()` is what a recovery replays, in order.
 */
export class ReliableSession {
  private nextSequenceId = 1;
  // A FIFO with a moving head: trimming on ack is O(trimmed), not O(buffer).
  private frames: Frame[] = [];
  private sequenceIds: number[] = [];
  private head = 0;
  private bytes = 0;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly limits: SessionLimits) {}

  /** Number of unacked messages. */
  get pendingCount(): number {
    return this.frames.length - this.head;
  }

  /** Bytes of unacked messages. */
  get pendingBytes(): number {
    return this.bytes;
  }

  /** The id the next message will get. */
  get nextId(): number {
    return this.nextSequenceId;
  }

  /** Whether the recovery-window timer is running (the socket is gone). */
  get detached(): boolean {
    return this.expiryTimer !== undefined;
  }

  /** Whether the unacked buffer is past the service's limits (the connection must close unless acks catch up). */
  get overLimit(): boolean {
    return this.pendingCount > this.limits.maxMessages || this.bytes > this.limits.maxBytes;
  }

  /**
   * Keeps `frame`, the data frame numbered {@link nextId}, until acked. Returns false when keeping
   * it would exceed the limits by more than a burst allows: the caller must then close the
   * connection with 1008. Past the limits but within a burst, the caller checks {@link overLimit}
   * again shortly.
   */
  enqueue(frame: Frame): boolean {
    const size = frameBytes(frame);
    if (
      this.pendingCount + 1 > this.limits.maxMessages * BURST_FACTOR ||
      this.bytes + size > this.limits.maxBytes * BURST_FACTOR
    ) {
      return false;
    }
    this.frames.push(frame);
    this.sequenceIds.push(this.nextSequenceId++);
    this.bytes += size;
    return true;
  }

  /** Cumulative ack: drops every message with a sequence id ≤ `sequenceId`. 0 and repeats are fine. */
  ack(sequenceId: number): void {
    let head = this.head;
    const ids = this.sequenceIds;
    while (head < ids.length && (ids[head] as number) <= sequenceId) {
      this.bytes -= frameBytes(this.frames[head] as Frame);
      head++;
    }
    if (head === this.head) return;
    this.head = head;
    if (head === ids.length) {
      this.frames = [];
      this.sequenceIds = [];
      this.head = 0;
    } else if (head > 1024 && head * 2 > ids.length) {
      this.frames = this.frames.slice(head);
      this.sequenceIds = ids.slice(head);
      this.head = 0;
    }
  }

  /** The unacked frames in sequence order: what a recovered socket receives before anything new. */
  unacked(): Frame[] {
    return this.frames.slice(this.head);
  }

  /**
   * The socket is gone: keep the session for `windowMs`, then call `onExpire`. The only timer a
   * session ever holds, and only while disconnected, so idle connected sessions cost no timers.
   */
  detach(windowMs: number, onExpire: () => void): void {
    this.clearTimer();
    const timer = setTimeout(() => {
      this.expiryTimer = undefined;
      onExpire();
    }, windowMs);
    // A pending recovery window must not keep a process alive on its own.
    timer.unref?.();
    this.expiryTimer = timer;
  }

  /** A socket is back: stop the recovery-window timer. */
  attach(): void {
    this.clearTimer();
  }

  /** Forgets everything and stops the timer. */
  dispose(): void {
    this.clearTimer();
    this.frames = [];
    this.sequenceIds = [];
    this.head = 0;
    this.bytes = 0;
  }

  private clearTimer(): void {
    if (this.expiryTimer !== undefined) {
      clearTimeout(this.expiryTimer);
      this.expiryTimer = undefined;
    }
  }
}

/**
 * The ackIds that succeeded on one connection (idempotency, protocol.md §4). Only successes are
 * recorded, so a failed request can be retried with the same ackId. Bounded: the oldest ids are
 * forgotten first, so a connection that sends for days does not grow without limit.
 */
export class ProcessedAckIds {
  private readonly ids = new Set<number>();
  private readonly order: number[];
  private next = 0;

  constructor(private readonly capacity = 65_536) {
    this.order = [];
  }

  /** Whether `ackId` already succeeded on this connection. */
  has(ackId: number): boolean {
    return this.ids.has(ackId);
  }

  /** Records a success. */
  add(ackId: number): void {
    if (this.ids.has(ackId)) return;
    if (this.order.length < this.capacity) {
      this.order.push(ackId);
    } else {
      // Ring buffer: overwrite (and forget) the oldest id.
      this.ids.delete(this.order[this.next] as number);
      this.order[this.next] = ackId;
      this.next = (this.next + 1) % this.capacity;
    }
    this.ids.add(ackId);
  }

  /** Number of remembered ackIds. */
  get size(): number {
    return this.ids.size;
  }
}
