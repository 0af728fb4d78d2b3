/**
 * The ack deadlines of one client's operations (`ackTimeoutInMs` after each write of an operation's
 * frame). Every deadline is its write time plus the same timeout, so they come due in the order
 * they were set: a queue, and one timer for the earliest, serve them all — instead of a delay per
 * operation, which would make every timed operation an actor with a timer of its own.
 *
 * Times are `Date.now()`, like the timers that tests fake. A wall clock set back cannot hold a
 * deadline back by more than the timeout: one further away than that counts as due.
 */
export class DeadlineQueue<T> {
  private readonly queue: Array<{ readonly item: T; readonly at: number }> = [];
  /** Index of the earliest deadline still queued (the queue is compacted now and then). */
  private head = 0;
  private timer: ReturnType<typeof setTimeout> | undefined = undefined;
  private firing = false;

  constructor(
    private readonly timeoutInMs: number,
    /** Called once per deadline that comes due, with the deadline `add` returned for it. */
    private readonly onDue: (item: T, at: number) => void,
  ) {}

  /** Sets a deadline for `item`, `timeoutInMs` from now, and returns it. */
  add(item: T): number {
    const at = Date.now() + this.timeoutInMs;
    this.queue.push({ item, at });
    if (this.timer === undefined && !this.firing) this.arm();
    return at;
  }

  /** Forgets every deadline. */
  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
    this.head = 0;
  }

  private arm(): void {
    const next = this.queue[this.head];
    if (next === undefined) {
      this.clear();
      return;
    }
    const wait = Math.min(Math.max(0, next.at - Date.now()), this.timeoutInMs);
    const timer = setTimeout(() => this.fire(), wait);
    // Never what keeps a process alive: a pending operation's socket does that.
    if (typeof timer === "object") timer.unref?.();
    this.timer = timer;
  }

  private fire(): void {
    this.timer = undefined;
    this.firing = true;
    try {
      const now = Date.now();
      while (this.head < this.queue.length) {
        const { item, at } = this.queue[this.head]!;
        if (at > now && at - now <= this.timeoutInMs) break;
        this.head++;
        this.onDue(item, at);
      }
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
    } finally {
      this.firing = false;
    }
    if (this.timer === undefined) this.arm();
  }
}
