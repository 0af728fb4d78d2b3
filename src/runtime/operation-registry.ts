/**
 * The operation registry: every pending acked operation, invocation and queued fire-and-forget
 * frame, in call order, keyed by ackId / invocationId. It routes the client machine's `link.*`
 * facts and the socket's acks to the operations, and keeps one outbound order.
 *
 * Each acked operation *is* an `operation.machine` actor, with two economies taken from DESIGN.md's
 * cost table. While an operation is on the happy path (written on a ready link, no inspector) it
 * is a plain record in `awaitingAck`, and the ack that settles it runs the machine's own
 * `awaitingAck → succeeded` step here. At the first deviation (error ack, ack timeout, link
 * suspended or lost, abort, stop) the actor is created in `awaitingAck` and the event is sent to
 * it, so every other path is the machine's. When an inspector is attached, every operation is an
 * actor from the start. And ack timeouts come from one deadline clock per registry
 * (`deadlines.ts`), which sends `ACK.TIMEOUT`, rather than from a delay in every operation.
 */
import { createActor, type Actor, type InspectionEvent, type Observer } from "xstate";
import {
  operationMachine,
  type OperationCorrelation,
  type OperationEvent,
  type OperationOutcome,
  type OperationPhase,
} from "../../machines/operation.machine.js";
import type { RetryPolicy } from "../../machines/retry.js";
import type { AckMessage, InvokeResponseMessage, UpstreamMessage } from "../protocol/messages.js";
import type { AbortSignalLike, InDoubtPolicy } from "../types.js";
import type { Logger } from "../logging.js";
import type { Link } from "../transport/socket-actor.js";
import { DeadlineQueue } from "./deadlines.js";

/** Outcome of a fire-and-forget send: `undefined` once written, or why it was not. */

/** More outstanding machine ackIds than this means old ones were lost with their connections. */
const MAX_MACHINE_ACK_IDS = 4096;
export type FireAndForgetOutcome =
  undefined | { readonly kind: "stopped" } | { readonly kind: "aborted"; readonly reason?: unknown };

type OperationActor = Actor<typeof operationMachine>;

interface OperationEntry {
  readonly kind: "operation";
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

interface FrameEntry {
  readonly kind: "frame";
  readonly message: UpstreamMessage;
  readonly settle: ((outcome: FireAndForgetOutcome) => void) | undefined;
  signal: AbortSignalLike | undefined;
  onAbort: (() => void) | undefined;
}

type Entry = OperationEntry | FrameEntry;

export interface RegistryOptions {
  readonly link: Link;
  readonly logger: Logger;
  readonly retry: RetryPolicy;
  readonly ackTimeoutInMs: number;
  readonly inDoubt: InDoubtPolicy;
  readonly inspect: Observer<InspectionEvent> | ((event: InspectionEvent) => void) | undefined;
  readonly random?: () => number;
}

/** The registry each live operation actor belongs to (see {@link PROVIDED_OPERATION_MACHINE}). */
const OWNERS = new WeakMap<object, OperationRegistry>();

/**
 * The operation machine with the registry's actions, provided once for every registry:
 * `provide` builds a whole machine (~20 KiB of heap), too much to pay per client. The actions
 * find their registry by the operation actor (`self`) they run in.
 */
const PROVIDED_OPERATION_MACHINE = operationMachine.provide({
  actions: {
    writeFrame: ({ context, self }) => OWNERS.get(self)?.writeOperation(context.correlation),
    cancelInvocation: ({ context, self }) => {
      if (context.correlation.kind === "invoke") {
        OWNERS.get(self)?.writeOrQueue({
          kind: "cancelInvocation",
          invocationId: context.correlation.invocationId,
        });
      }
    },
  },
});

const SUCCEEDED: OperationOutcome = Object.freeze({ status: "succeeded", isDuplicated: false });
const DUPLICATED: OperationOutcome = Object.freeze({ status: "succeeded", isDuplicated: true });
const WRITTEN: Promise<FireAndForgetOutcome> = Promise.resolve(undefined);
const NO_RETRY: RetryPolicy = Object.freeze({
  maxRetries: 0,
  retryDelayInMs: 0,
  maxRetryDelayInMs: 0,
  mode: "Fixed",
  jitter: 0,
});

export class OperationRegistry {
  /** Everything pending, in call order. Keys: ackId (number), invocationId (string), or the entry itself. */
  private readonly entries = new Map<unknown, Entry>();
  /** The client is between `start()` and stopped: operations wait instead of failing. */
  private running = false;
  /** The link carries frames (`link.ready` seen, no `link.suspended`/`link.lost` since). */
  private ready = false;
  /**
   * AckIds handed to the client machine for its rejoins, until their acks arrive. Created at the
   * first rejoin (most clients never have one).
   */
  private machineAckIds: Set<number> | undefined;
  /** A flush is writing the backlog: new work queues behind it. */
  private flushing = false;
  private nextAckId = 1;
  private nextInvocationId = 1;
  private readonly alwaysActors: boolean;
  /** Ack deadlines, when operations have an ack timeout. */
  private readonly deadlines: DeadlineQueue<OperationEntry> | undefined;

  constructor(private readonly options: RegistryOptions) {
    this.alwaysActors = options.inspect !== undefined;
    this.deadlines =
      options.ackTimeoutInMs > 0
        ? new DeadlineQueue(options.ackTimeoutInMs, (entry, at) => this.deadlineDue(entry, at))
        : undefined;
  }

  /** Number of pending entries (operations and queued frames). */
  get size(): number {
    return this.entries.size;
  }

  /** A fresh ackId, above every ackId a caller chose, so generated ones never collide with theirs. */
  allocateAckId(): number {
    let id = this.nextAckId++;
    while (this.entries.has(id)) id = this.nextAckId++;
    return id;
  }

  /**
   * A fresh ackId for the client machine's own requests (rejoins). Remembered, so that an ack no
   * operation owns can be told apart: the machine's goes to the machine, any other is logged.
   */
  allocateMachineAckId(): number {
    const id = this.allocateAckId();
    // Rejoin acks lost with their connection are never claimed; keep the set from growing forever.
    const ids = (this.machineAckIds ??= new Set());
    if (ids.size >= MAX_MACHINE_ACK_IDS) ids.clear();
    ids.add(id);
    return id;
  }

  /** Whether an ack that no operation owns belongs to the machine (and forgets it). */
  claimMachineAck(ackId: number): boolean {
    return this.machineAckIds?.delete(ackId) ?? false;
  }

  /** Reserves a caller's ackId: later generated ones start above it. */
  noteAckId(ackId: number): void {
    if (ackId >= this.nextAckId) this.nextAckId = ackId + 1;
  }

  allocateInvocationId(): string {
    let id = String(this.nextInvocationId++);
    while (this.entries.has(id)) id = String(this.nextInvocationId++);
    return id;
  }

  isPending(key: number | string): boolean {
    return this.entries.has(key);
  }

  // -------------------------------------------------------------------------------------------
  // Submitting
  // -------------------------------------------------------------------------------------------

  /**
   * Starts an acked operation or an invocation. The promise never rejects: it resolves with the
   * operation machine's outcome.
   */
  submit(
    correlation: OperationCorrelation,
    message: UpstreamMessage,
    signal: AbortSignalLike | undefined,
  ): Promise<OperationOutcome> {
    const key = correlation.kind === "ack" ? correlation.ackId : correlation.invocationId;
    return new Promise<OperationOutcome>((resolve) => {
      const entry: OperationEntry = {
        kind: "operation",
        key,
        correlation,
        message,
        settle: resolve,
        actor: undefined,
        signal: undefined,
        onAbort: undefined,
        deadline: 0,
      };
      this.entries.set(key, entry);
      if (this.ready && !this.flushing && !this.alwaysActors && this.options.link.write(message)) {
        // Fast path: written; the record waits in `awaitingAck` without an actor.
        if (this.deadlines !== undefined) entry.deadline = this.deadlines.add(entry);
      } else {
        this.materialize(entry, this.ready && !this.flushing ? "sending" : "waiting");
      }
      if (signal !== undefined && this.entries.get(key) === entry) {
        entry.signal = signal;
        entry.onAbort = () => this.abortOperation(entry, signal.reason);
        signal.addEventListener("abort", entry.onAbort);
      }
    });
  }

  /** Writes a frame that needs no ack, at once when the link is ready, else in call order later. */
  submitFireAndForget(
    message: UpstreamMessage,
    signal: AbortSignalLike | undefined,
  ): Promise<FireAndForgetOutcome> {
    if (!this.running) return Promise.resolve({ kind: "stopped" });
    if (this.ready && !this.flushing && this.options.link.write(message)) return WRITTEN;
    return new Promise<FireAndForgetOutcome>((resolve) => {
      const entry: FrameEntry = {
        kind: "frame",
        message,
        settle: resolve,
        signal: undefined,
        onAbort: undefined,
      };
      this.entries.set(entry, entry);
      if (signal !== undefined) {
        entry.signal = signal;
        entry.onAbort = () => {
          if (this.entries.delete(entry)) {
            this.detachAbort(entry);
            resolve(
              signal.reason === undefined ? { kind: "aborted" } : { kind: "aborted", reason: signal.reason },
            );
          }
        };
        signal.addEventListener("abort", entry.onAbort);
      }
    });
  }

  // -------------------------------------------------------------------------------------------
  // Facts from the client machine
  // -------------------------------------------------------------------------------------------

  /** `start()` was called: operations may wait for the connection from now on. */
  start(): void {
    this.running = true;
  }

  /** The link carries frames: re-send / write everything pending, in call order. */
  linkReady(resumed: boolean): void {
    this.ready = true;
    this.flushing = true;
    const event: OperationEvent = { type: "LINK.READY", resumed };
    try {
      // Map iteration visits entries added during the loop, so late arrivals keep their place.
      for (const entry of this.entries.values()) {
        if (!this.ready) break;
        if (entry.kind === "frame") {
          if (!this.options.link.write(entry.message)) break;
          this.entries.delete(entry);
          this.detachAbort(entry);
          entry.settle?.(undefined);
        } else if (entry.actor !== undefined) {
          entry.actor.send(event);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** The link dropped; the connection may be recovered. */
  linkSuspended(): void {
    this.ready = false;
    this.broadcast({ type: "LINK.SUSPENDED" });
  }

  /** The connection is gone for good: written-but-unacked operations are in doubt. */
  linkLost(): void {
    this.ready = false;
    this.broadcast({ type: "LINK.LOST" });
  }

  /** The client stopped (or its start failed): everything pending fails with `stopped`. */
  stopped(): void {
    this.running = false;
    this.ready = false;
    for (const entry of this.entries.values()) {
      if (entry.kind === "frame") {
        this.entries.delete(entry);
        this.detachAbort(entry);
        entry.settle?.({ kind: "stopped" });
      } else {
        this.ensureActor(entry).send({ type: "STOP" });
      }
    }
  }

  get isRunning(): boolean {
    return this.running;
  }

  // -------------------------------------------------------------------------------------------
  // Answers from the socket
  // -------------------------------------------------------------------------------------------

  /** Routes an ack. Returns `false` when no pending operation owns the ackId. */
  routeAck(message: AckMessage): boolean {
    const entry = this.entries.get(message.ackId);
    if (entry === undefined || entry.kind !== "operation") return false;
    if (entry.actor === undefined) {
      // The machine's awaitingAck step, run without an actor on the happy path.
      if (message.success) return (this.finish(entry, SUCCEEDED), true);
      if (message.error?.name === "Duplicate") return (this.finish(entry, DUPLICATED), true);
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
    if (entry === undefined || entry.kind !== "operation") return false;
    if (entry.actor === undefined && message.success === true) {
      this.finish(entry, { status: "succeeded", isDuplicated: false, response: message });
      return true;
    }
    this.ensureActor(entry).send({ type: "INVOKE.RESPONDED", message });
    return true;
  }

  // -------------------------------------------------------------------------------------------
  // Internals
  // -------------------------------------------------------------------------------------------

  private broadcast(event: OperationEvent): void {
    for (const entry of this.entries.values()) {
      if (entry.kind === "operation") this.ensureActor(entry).send(event);
    }
  }

  private abortOperation(entry: OperationEntry, reason: unknown): void {
    if (this.entries.get(entry.key) !== entry) return;
    this.ensureActor(entry).send(reason === undefined ? { type: "ABORT" } : { type: "ABORT", reason });
  }

  /** The actor of an entry, created in `awaitingAck` if the entry was on the fast path. */
  private ensureActor(entry: OperationEntry): OperationActor {
    return entry.actor ?? this.materialize(entry, "awaitingAck");
  }

  private materialize(entry: OperationEntry, phase: OperationPhase): OperationActor {
    const { options } = this;
    const actor = createActor(PROVIDED_OPERATION_MACHINE, {
      input: {
        correlation: entry.correlation,
        retry: entry.correlation.kind === "ack" ? options.retry : NO_RETRY,
        ackTimeoutInMs: options.ackTimeoutInMs,
        inDoubt: options.inDoubt,
        phase,
        ...(options.random ? { random: options.random } : {}),
      },
      ...(options.inspect !== undefined ? { inspect: options.inspect } : {}),
    });
    entry.actor = actor;
    OWNERS.set(actor, this);
    actor.subscribe({
      complete: () => {
        const snapshot = actor.getSnapshot();
        this.finish(entry, snapshot.output ?? { status: "failed", failure: { kind: "stopped" } });
      },
      error: (error) => {
        options.logger.error("An operation actor failed", error);
        this.finish(entry, { status: "failed", failure: { kind: "stopped" } });
      },
    });
    actor.start();
    return actor;
  }

  private finish(entry: OperationEntry, outcome: OperationOutcome): void {
    if (this.entries.get(entry.key) !== entry) return;
    this.entries.delete(entry.key);
    this.detachAbort(entry);
    if (this.entries.size === 0) this.deadlines?.clear();
    entry.settle(outcome);
  }

  /** An ack deadline came due: `ACK.TIMEOUT`, if it is the deadline of the attempt in flight. */
  private deadlineDue(entry: OperationEntry, at: number): void {
    if (this.entries.get(entry.key) !== entry || entry.deadline !== at) return;
    entry.deadline = 0;
    this.ensureActor(entry).send({ type: "ACK.TIMEOUT" });
  }

  private detachAbort(entry: Entry): void {
    if (entry.signal !== undefined && entry.onAbort !== undefined) {
      entry.signal.removeEventListener("abort", entry.onAbort);
    }
    entry.signal = undefined;
    entry.onAbort = undefined;
  }

  /** The operation machine's `writeFrame`: the link is ready when it runs. */
  writeOperation(correlation: OperationCorrelation): void {
    const key = correlation.kind === "ack" ? correlation.ackId : correlation.invocationId;
    const entry = this.entries.get(key);
    if (entry === undefined || entry.kind !== "operation") return;
    // The attempt's deadline runs from now whether or not the frame could be written, as the
    // machine's `awaitingAck.timed` is entered either way.
    if (this.deadlines !== undefined) entry.deadline = this.deadlines.add(entry);
    if (!this.options.link.write(entry.message)) {
      // The socket went away before the machine heard of it: the link.* fact that follows
      // decides (recovery re-sends written operations; a new connection treats them as in doubt).
      this.options.logger.debug(`Frame not written (link down): ${entry.message.kind}`);
    }
  }

  /** Writes a frame now, or queues it in call order (the operation machine's `cancelInvocation`). */
  writeOrQueue(message: UpstreamMessage): void {
    if (this.ready && !this.flushing && this.options.link.write(message)) return;
    const entry: FrameEntry = {
      kind: "frame",
      message,
      settle: undefined,
      signal: undefined,
      onAbort: undefined,
    };
    this.entries.set(entry, entry);
  }
}
