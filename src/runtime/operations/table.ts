/**
 * The pending acked operations and invocations, keyed by ackId / invocationId. Each one *is* an
 * `operation.machine` actor, with two economies (docs/architecture.md, "Hot paths"):
 *
 * - **Actorless operations.** While an operation is on the happy path (written on a ready link,
 *   no inspector) it is a plain record in `awaitingAck`; the ack that settles it runs the
 *   machine's own `awaitingAck → succeeded` step here, by the same rule (`classifyAck`). At the
 *   first deviation (error ack, ack timeout, link suspended or lost, abort, stop) the actor is
 *   created in `awaitingAck` and the event is sent to it, so every other path is the machine's.
 *   With an inspector attached every operation is an actor from the start.
 * - **One deadline clock.** Ack timeouts come from one queue and timer per client
 *   (`deadlines.ts`), which sends `ACK.TIMEOUT`, rather than from a delay in every operation.
 */
import { createActor, type Actor, type InspectionEvent, type Observer } from "xstate";
import {
  operationMachine,
  type OperationCorrelation,
  type OperationEvent,
  type OperationOutcome,
  type OperationPhase,
} from "../../../machines/operation.machine.js";
import { classifyAck } from "../../../machines/rules/ack.js";
import type { RetryPolicy } from "../../../machines/rules/retry.js";
import type { Logger } from "../../logging.js";
import type { AckMessage, InvokeResponseMessage, UpstreamMessage } from "../../protocol/messages.js";
import type { AbortSignalLike, InDoubtPolicy } from "../../types.js";
import { DeadlineQueue } from "../deadlines.js";
import type { Ordered } from "./outbox.js";

type OperationActor = Actor<typeof operationMachine>;

export interface OperationEntry extends Ordered {
  readonly key: number | string;
  readonly correlation: OperationCorrelation;
  readonly message: UpstreamMessage;
  readonly settle: (outcome: OperationOutcome) => void;
  actor: OperationActor | undefined;
  signal: AbortSignalLike | undefined;
  onAbort: (() => void) | undefined;
  /** The ack deadline of the attempt in flight (0: none); older deadlines in the queue are stale. */
  deadline: number;
}

/** Where the table writes: the operations, which own the link and the outbound order. */
export interface FrameWriter {
  /** Writes an operation's frame; `false` when no socket is open. */
  write(message: UpstreamMessage): boolean;
  /** Writes a frame now or queues it in the outbound order (a cancellation). */
  writeOrQueue(message: UpstreamMessage): void;
}

/** What the table needs from around it. */
export interface TableOptions {
  readonly logger: Logger;
  readonly retry: RetryPolicy;
  readonly ackTimeoutInMs: number;
  readonly inDoubt: InDoubtPolicy;
  readonly inspect: Observer<InspectionEvent> | ((event: InspectionEvent) => void) | undefined;
  /** Seeds the operations' retry jitter. */
  readonly seed: number;
}

/** The table each live operation actor belongs to (see {@link PROVIDED_OPERATION_MACHINE}). */
const OWNERS = new WeakMap<object, OperationTable>();

/**
 * The operation machine with the table's effects, provided once for every client: `provide`
 * builds a whole machine (~20 KiB of heap), too much to pay per client. The actions find their
 * table by the operation actor (`self`) they run in.
 */
const PROVIDED_OPERATION_MACHINE = operationMachine.provide({
  actions: {
    writeFrame: ({ context, self }) => OWNERS.get(self)?.writeFrame(context.correlation),
    cancelInvocation: ({ context, self }) => {
      if (context.correlation.kind === "invoke") {
        OWNERS.get(self)?.writer.writeOrQueue({
          kind: "cancelInvocation",
          invocationId: context.correlation.invocationId,
        });
      }
    },
  },
});

const NO_RETRY: RetryPolicy = Object.freeze({
  maxRetries: 0,
  retryDelayInMs: 0,
  maxRetryDelayInMs: 0,
  mode: "Fixed",
  jitter: 0,
});
const STOPPED: OperationOutcome = Object.freeze({
  status: "failed",
  failure: Object.freeze({ kind: "stopped" }),
});

export class OperationTable {
  /** Pending operations in call order. */
  private readonly entries = new Map<number | string, OperationEntry>();
  private readonly alwaysActors: boolean;
  /** Ack deadlines, when operations have an ack timeout. */
  private readonly deadlines: DeadlineQueue<OperationEntry> | undefined;

  constructor(
    readonly options: TableOptions,
    readonly writer: FrameWriter,
  ) {
    this.alwaysActors = options.inspect !== undefined;
    this.deadlines =
      options.ackTimeoutInMs > 0
        ? new DeadlineQueue(options.ackTimeoutInMs, (entry, at) => this.deadlineDue(entry, at))
        : undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: number | string): boolean {
    return this.entries.has(key);
  }

  /** Pending operations in call order (a live view). */
  values(): IterableIterator<OperationEntry> {
    return this.entries.values();
  }

  /**
   * Adds an operation. With `written` it went out on the ready link already and waits for its
   * ack as a plain record (unless every operation must be an actor); otherwise its actor starts
   * in `phase`.
   */
  add(entry: OperationEntry, phase: OperationPhase): void {
    this.entries.set(entry.key, entry);
    if (phase === "awaitingAck" && !this.alwaysActors) {
      if (this.deadlines !== undefined) entry.deadline = this.deadlines.add(entry);
    } else {
      this.materialize(entry, phase);
    }
  }

  /** Whether operations may take the actorless path (no inspector wants every actor). */
  get actorless(): boolean {
    return !this.alwaysActors;
  }

  /** Routes an ack. Returns `false` when no pending operation owns the ackId. */
  routeAck(message: AckMessage): boolean {
    const entry = this.entries.get(message.ackId);
    if (entry === undefined || entry.correlation.kind !== "ack") return false;
    if (entry.actor === undefined) {
      // The machine's awaitingAck step, run without an actor on the happy path.
      const outcome = classifyAck(message);
      if (outcome.status === "succeeded") return (this.finish(entry, outcome), true);
    }
    const event: OperationEvent =
      message.error === undefined
        ? { type: "ACK.RECEIVED", success: message.success }
        : { type: "ACK.RECEIVED", success: message.success, error: message.error };
    this.ensureActor(entry).send(event);
    return true;
  }

  /** Routes an invoke response. Returns `false` when no pending invocation owns the id. */
  routeInvokeResponse(message: InvokeResponseMessage): boolean {
    const entry = this.entries.get(message.invocationId);
    if (entry === undefined || entry.correlation.kind !== "invoke") return false;
    if (entry.actor === undefined && message.success === true) {
      this.finish(entry, { status: "succeeded", isDuplicated: false, response: message });
      return true;
    }
    this.ensureActor(entry).send({ type: "INVOKE.RESPONDED", message });
    return true;
  }

  /** Sends a link fact (or `STOP`) to every pending operation, in call order. */
  broadcast(event: OperationEvent): void {
    for (const entry of this.entries.values()) this.ensureActor(entry).send(event);
  }

  /** The link is ready again: operations with an actor hear it (actorless ones are written already). */
  linkReady(entry: OperationEntry, event: OperationEvent): void {
    entry.actor?.send(event);
  }

  /** Aborting a pending operation (its signal fired). */
  abort(entry: OperationEntry, reason: unknown): void {
    if (this.entries.get(entry.key) !== entry) return;
    this.ensureActor(entry).send(reason === undefined ? { type: "ABORT" } : { type: "ABORT", reason });
  }

  /** The operation machine's `writeFrame`: the link is ready when it runs. */
  writeFrame(correlation: OperationCorrelation): void {
    const key = correlation.kind === "ack" ? correlation.ackId : correlation.invocationId;
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    // The attempt's deadline runs from now whether or not the frame could be written, as the
    // machine's `awaitingAck.timed` is entered either way.
    if (this.deadlines !== undefined) entry.deadline = this.deadlines.add(entry);
    if (!this.writer.write(entry.message)) {
      // The socket went away before the machine heard of it: the link.* fact that follows
      // decides (recovery re-sends written operations; a new connection treats them as in doubt).
      this.options.logger.debug(`Frame not written (link down): ${entry.message.kind}`);
    }
  }

  /** The actor of an entry, created in `awaitingAck` if the entry was actorless. */
  private ensureActor(entry: OperationEntry): OperationActor {
    return entry.actor ?? this.materialize(entry, "awaitingAck");
  }

  private materialize(entry: OperationEntry, phase: OperationPhase): OperationActor {
    const { options } = this;
    const actor = createActor(PROVIDED_OPERATION_MACHINE, {
      // What the inspector shows: `operation:sendToGroup:17` (kind, then ackId or invocationId).
      id: `operation:${entry.message.kind}:${entry.key}`,
      input: {
        correlation: entry.correlation,
        retry: entry.correlation.kind === "ack" ? options.retry : NO_RETRY,
        ackTimeoutInMs: options.ackTimeoutInMs,
        inDoubt: options.inDoubt,
        phase,
        seed: (options.seed + entry.order) | 0,
      },
      ...(options.inspect !== undefined ? { inspect: options.inspect } : {}),
    });
    entry.actor = actor;
    OWNERS.set(actor, this);
    actor.subscribe({
      complete: () => this.finish(entry, actor.getSnapshot().output ?? STOPPED),
      error: (error) => {
        options.logger.error("An operation actor failed", error);
        this.finish(entry, STOPPED);
      },
    });
    actor.start();
    return actor;
  }

  private finish(entry: OperationEntry, outcome: OperationOutcome): void {
    if (this.entries.get(entry.key) !== entry) return;
    this.entries.delete(entry.key);
    detachAbort(entry);
    if (this.entries.size === 0) this.deadlines?.clear();
    entry.settle(outcome);
  }

  /** An ack deadline came due: `ACK.TIMEOUT`, if it is the deadline of the attempt in flight. */
  private deadlineDue(entry: OperationEntry, at: number): void {
    if (this.entries.get(entry.key) !== entry || entry.deadline !== at) return;
    entry.deadline = 0;
    this.ensureActor(entry).send({ type: "ACK.TIMEOUT" });
  }
}

function detachAbort(entry: OperationEntry): void {
  if (entry.signal !== undefined && entry.onAbort !== undefined)
    entry.signal.removeEventListener("abort", entry.onAbort);
  entry.signal = undefined;
  entry.onAbort = undefined;
}
