/**
 * Frames that need no ack (fire-and-forget sends, `cancelInvocation`) waiting for the link, in
 * call order. Every pending thing — these frames and the operations of the operation table — is
 * numbered at submission, so that when the link is ready again both are written in one order,
 * the order the application called them in.
 */
import type { UpstreamMessage } from "../../protocol/messages.js";
import type { AbortSignalLike } from "../../types.js";

/** Outcome of a fire-and-forget send: `undefined` once written, or why it was not. */
export type FireAndForgetOutcome =
  undefined | { readonly kind: "stopped" } | { readonly kind: "aborted"; readonly reason?: unknown };

/** One pending thing's place in the single outbound order. */
export interface Ordered {
  readonly order: number;
}

export interface QueuedFrame extends Ordered {
  readonly message: UpstreamMessage;
  /** Absent for frames the client writes for itself (a cancellation). */
  readonly settle: ((outcome: FireAndForgetOutcome) => void) | undefined;
  signal: AbortSignalLike | undefined;
  onAbort: (() => void) | undefined;
}

/** Nothing queued (most clients never queue a frame: the map is made at the first one). */
const EMPTY: ReadonlyMap<QueuedFrame, QueuedFrame> = new Map();

export class Outbox {
  private frames: Map<QueuedFrame, QueuedFrame> | undefined;
  private nextOrder = 0;

  /** The next place in the outbound order (for an operation or a frame). */
  takeOrder(): number {
    return this.nextOrder++;
  }

  get size(): number {
    return this.frames?.size ?? 0;
  }

  /** Queues a frame; with a signal, aborting it before it is written settles it `aborted`. */
  queue(message: UpstreamMessage, settle: QueuedFrame["settle"], signal: AbortSignalLike | undefined): void {
    const frame: QueuedFrame = {
      order: this.takeOrder(),
      message,
      settle,
      signal: undefined,
      onAbort: undefined,
    };
    const frames = (this.frames ??= new Map());
    frames.set(frame, frame);
    if (signal === undefined) return;
    frame.signal = signal;
    frame.onAbort = () => {
      if (!frames.delete(frame)) return;
      detach(frame);
      settle?.(
        signal.reason === undefined ? { kind: "aborted" } : { kind: "aborted", reason: signal.reason },
      );
    };
    signal.addEventListener("abort", frame.onAbort);
  }

  /** The queued frames, in order (a live view: frames queued meanwhile are visited too). */
  entries(): IterableIterator<QueuedFrame> {
    return (this.frames ?? EMPTY).values();
  }

  /** A queued frame was written. */
  written(frame: QueuedFrame): void {
    this.frames?.delete(frame);
    detach(frame);
    frame.settle?.(undefined);
  }

  /** The client stopped: every queued frame fails with `stopped`. */
  stopAll(): void {
    const frames = this.frames;
    if (frames === undefined) return;
    for (const frame of frames.values()) {
      frames.delete(frame);
      detach(frame);
      frame.settle?.({ kind: "stopped" });
    }
  }
}

function detach(frame: QueuedFrame): void {
  if (frame.signal !== undefined && frame.onAbort !== undefined)
    frame.signal.removeEventListener("abort", frame.onAbort);
  frame.signal = undefined;
  frame.onAbort = undefined;
}
