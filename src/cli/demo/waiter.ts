/**
 * Waiting on conditions without sleeping: every client event pokes the waiter, which re-checks
 * the pending conditions. The demo stays fast on an idle machine and bounded on a loaded one.
 */

/** A wait that ran out of time; its message is the reason shown in the summary. */
export class DemoTimeout extends Error {
  override name = "DemoTimeout";
}

interface Pending {
  readonly condition: () => boolean;
  readonly resolve: () => void;
}

/** Re-checks waiting conditions whenever something happened. */
export class Waiter {
  private readonly pending = new Set<Pending>();

  /** Something happened (a client event, a state change): re-check the conditions. */
  notify(): void {
    for (const entry of [...this.pending]) {
      if (entry.condition()) {
        this.pending.delete(entry);
        entry.resolve();
      }
    }
  }

  /**
   * Resolves once `condition()` is true; rejects with {@link DemoTimeout} naming `what` after
   * `timeoutMs`.
   */
  until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const entry: Pending = {
        condition,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.pending.delete(entry);
        reject(new DemoTimeout(`timed out after ${timeoutMs / 1000} s waiting for ${what}`));
      }, timeoutMs);
      this.pending.add(entry);
    });
  }
}
