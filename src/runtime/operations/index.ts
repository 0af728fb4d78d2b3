/**
 * The client's operations: acked operations and invocations (the {@link OperationTable}), frames
 * that need no ack (the {@link Outbox}), one ackId source ({@link AckIds}), and one value for the
 * link ({@link LinkState}), which the client runtime sets from the machine's `link.*` facts. The
 * socket session routes acks and invoke responses here, and writes through the same link.
 */
import type {
  OperationCorrelation,
  OperationEvent,
  OperationOutcome,
} from "../../../machines/operation.machine.js";
import type { AckMessage, InvokeResponseMessage, UpstreamMessage } from "../../protocol/messages.js";
import type { AbortSignalLike } from "../../types.js";
import type { Link } from "../link.js";
import { AckIds } from "./ack-ids.js";
import type { LinkState } from "./link-state.js";
import { Outbox, type FireAndForgetOutcome, type QueuedFrame } from "./outbox.js";
import { OperationTable, type FrameWriter, type OperationEntry, type TableOptions } from "./table.js";

export type { FireAndForgetOutcome } from "./outbox.js";
export type { LinkState } from "./link-state.js";

/** The table's options, and the link. */
export interface OperationsOptions extends TableOptions {
  readonly link: Link;
}

const WRITTEN: Promise<FireAndForgetOutcome> = Promise.resolve(undefined);

export class Operations implements FrameWriter {
  readonly ackIds: AckIds;
  private readonly table: OperationTable;
  private readonly outbox = new Outbox();
  private readonly link: Link;
  private state: LinkState = "stopped";
  /** A flush is writing the backlog: new work queues behind it. */
  private flushing = false;
  private nextInvocationId = 1;

  constructor(options: OperationsOptions) {
    this.link = options.link;
    this.table = new OperationTable(options, this);
    this.ackIds = new AckIds(this.table);
  }

  /** Pending operations and queued frames. */
  get size(): number {
    return this.table.size + this.outbox.size;
  }

  get linkState(): LinkState {
    return this.state;
  }

  isPending(key: number | string): boolean {
    return this.table.has(key);
  }

  allocateInvocationId(): string {
    let id = String(this.nextInvocationId++);
    while (this.table.has(id)) id = String(this.nextInvocationId++);
    return id;
  }

  /** Frames may be written now, in order (no backlog being flushed ahead of them). */
  private get writable(): boolean {
    return this.state === "ready" && !this.flushing;
  }

  // -- submitting ---------------------------------------------------------------------------------

  /** Starts an acked operation or an invocation. Never rejects: resolves with the machine's outcome. */
  submit(
    correlation: OperationCorrelation,
    message: UpstreamMessage,
    signal: AbortSignalLike | undefined,
  ): Promise<OperationOutcome> {
    const key = correlation.kind === "ack" ? correlation.ackId : correlation.invocationId;
    return new Promise<OperationOutcome>((resolve) => {
      const entry: OperationEntry = {
        order: this.outbox.takeOrder(),
        key,
        correlation,
        message,
        settle: resolve,
        actor: undefined,
        signal: undefined,
        onAbort: undefined,
        deadline: 0,
      };
      const written = this.writable && this.table.actorless && this.link.write(message);
      this.table.add(entry, written ? "awaitingAck" : this.writable ? "sending" : "waiting");
      if (signal !== undefined && this.table.has(key)) {
        entry.signal = signal;
        entry.onAbort = () => this.table.abort(entry, signal.reason);
        signal.addEventListener("abort", entry.onAbort);
      }
    });
  }

  /** Writes a frame that needs no ack, at once when the link is ready, else in call order later. */
  submitFireAndForget(
    message: UpstreamMessage,
    signal: AbortSignalLike | undefined,
  ): Promise<FireAndForgetOutcome> {
    if (this.state === "stopped") return Promise.resolve({ kind: "stopped" });
    if (this.writable && this.link.write(message)) return WRITTEN;
    return new Promise<FireAndForgetOutcome>((resolve) => this.outbox.queue(message, resolve, signal));
  }

  /** {@link FrameWriter.write}: an operation's frame, on the link. */
  write(message: UpstreamMessage): boolean {
    return this.link.write(message);
  }

  /** Writes a frame now, or queues it in call order (the operation machine's `cancelInvocation`). */
  writeOrQueue(message: UpstreamMessage): void {
    if (this.writable && this.link.write(message)) return;
    this.outbox.queue(message, undefined, undefined);
  }

  // -- the link (from the client machine's link.* facts) -----------------------------------------

  /** `start()`: operations wait for the connection from now on. */
  start(): void {
    this.state = "waiting";
  }

  /** The link carries frames: re-send / write everything pending, in call order. */
  linkReady(resumed: boolean): void {
    this.state = "ready";
    this.flushing = true;
    const event: OperationEvent = { type: "LINK.READY", resumed };
    try {
      // Live iterators: work queued during the flush is visited too, in its place.
      const operations = this.table.values();
      const frames = this.outbox.entries();
      let operation = operations.next();
      let frame = frames.next();
      while (this.state === "ready" && !(operation.done && frame.done)) {
        if (frame.done || (!operation.done && operation.value.order < frame.value.order)) {
          this.table.linkReady(operation.value as OperationEntry, event);
          operation = operations.next();
        } else {
          const queued = frame.value as QueuedFrame;
          if (!this.link.write(queued.message)) break;
          this.outbox.written(queued);
          frame = frames.next();
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** The link dropped; the connection may be recovered. */
  linkSuspended(): void {
    this.state = "suspended";
    this.table.broadcast({ type: "LINK.SUSPENDED" });
  }

  /** The connection is gone for good: written-but-unacked operations are in doubt. */
  linkLost(): void {
    this.state = "waiting";
    this.table.broadcast({ type: "LINK.LOST" });
  }

  /** The client stopped (or its start failed): fail everything pending with `stopped`. */
  stopAll(): void {
    this.state = "stopped";
    this.outbox.stopAll();
    this.table.broadcast({ type: "STOP" });
  }

  // -- answers from the socket ------------------------------------------------------------------

  routeAck(message: AckMessage): boolean {
    return this.table.routeAck(message);
  }

  routeInvokeResponse(message: InvokeResponseMessage): boolean {
    return this.table.routeInvokeResponse(message);
  }
}
