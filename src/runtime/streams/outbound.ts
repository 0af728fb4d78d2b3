/**
 * Outbound group streams (`openGroupStream`): each one an `outbound-stream.machine` actor plus the
 * fragments it has not seen acknowledged, kept here so that after a recovered drop they are
 * written again, from the oldest (the service re-acknowledges what it already has).
 *
 * Choices (docs/streams.md): `write()` resolves once the fragment is written to the socket, as in
 * 1.1.0 (while the connection is recovered, once it is written after it); at most
 * {@link MAX_UNACKED} fragments wait for the service's acknowledgement, beyond that `write()` waits
 * too; `end()` / `abort()` resolve once the end frame is written after every fragment.
 */
import { createActor, type Actor, type InspectionEvent, type Observer } from "xstate";
import {
  outboundStreamMachine,
  type OutboundStreamEvent,
  type OutboundStreamOutcome,
} from "../../../machines/outbound-stream.machine.js";
import type { Logger } from "../../logging.js";
import type {
  JSONTypes,
  StreamAckMessage,
  StreamClosedMessage,
  StreamDataError,
  StreamEndError,
  StreamNackMessage,
  UpstreamMessage,
  WebPubSubDataType,
} from "../../protocol/messages.js";
import { validatePayload } from "../../protocol/payload.js";
import type {
  AbortGroupStreamOptions,
  EndGroupStreamOptions,
  GroupStreamWriteOptions,
  GroupStreamWriter,
  OpenGroupStreamOptions,
} from "../../stream-types.js";
import type { AbortSignalLike } from "../../types.js";

/** Fragments that may wait for the service's acknowledgement before `write()` waits too. */
export const MAX_UNACKED = 1000;
/** The service's idle timeout when the writer does not choose one (the docs' 300 s). */
const SERVICE_IDLE_TIMEOUT_MS = 300_000;
/** How long `ending` waits for the service's `streamClosed`. */
const END_TIMEOUT_MS = 10_000;

type StreamActor = Actor<typeof outboundStreamMachine>;

interface Fragment {
  readonly sequenceId: number;
  readonly message: UpstreamMessage;
  written: boolean;
  readonly settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
}

export interface OutboundStreamsOptions {
  readonly write: (message: UpstreamMessage) => boolean;
  readonly logger: Logger;
  readonly inspect: Observer<InspectionEvent> | ((event: InspectionEvent) => void) | undefined;
}

/** The stream each live actor belongs to (the machine is provided once, for every stream). */
const OWNERS = new WeakMap<object, OutboundStream>();

const PROVIDED = outboundStreamMachine.provide({
  actions: {
    writeStart: ({ self }) => OWNERS.get(self)?.writeStart(),
    flush: ({ self }) => OWNERS.get(self)?.flush(),
    rewind: ({ self, event }) =>
      OWNERS.get(self)?.rewind(event.type === "STREAM.NACKED" ? event.expectedSequenceId : undefined),
    writeKeepAlive: ({ self }) => OWNERS.get(self)?.writeKeepAlive(),
  },
});

/** An `Error` named like the service's error, as 1.1.0 throws them. */
function namedError(error: StreamDataError): Error {
  const result = new Error(error.message ?? error.name);
  result.name = error.name;
  return result;
}

function completed(streamId: string): Error {
  return new Error(`Stream '${streamId}' is completed.`);
}

/** One outbound stream: its actor, its unacknowledged fragments, its end. */
export class OutboundStream {
  readonly actor: StreamActor;
  private readonly fragments: Fragment[] = [];
  private nextSequenceId = 1;
  /** The end frame, once the application ends or aborts; `written` when it went out. */
  private end:
    { readonly message: UpstreamMessage; written: boolean; readonly settle: Fragment["settle"] } | undefined;
  private readonly errorListeners = new Set<(error: StreamDataError) => void>();
  /** `write()` calls waiting for the unacknowledged window to shrink. */
  private readonly windowWaiters: Array<() => void> = [];
  private outcome: OutboundStreamOutcome | undefined;
  readonly opened: Promise<void>;

  constructor(
    readonly streamId: string,
    private readonly group: string,
    private readonly options: OpenGroupStreamOptions,
    private readonly owner: OutboundStreamsOptions,
    onDone: () => void,
  ) {
    const idle = options.idleTimeoutInMs ?? SERVICE_IDLE_TIMEOUT_MS;
    this.actor = createActor(PROVIDED, {
      id: `stream:out:${streamId}`,
      input: {
        streamId,
        // A keep-alive at a third of the service's idle timeout keeps a quiet stream open.
        keepAliveIntervalInMs: Math.max(1000, Math.floor(idle / 3)),
        endTimeoutInMs: END_TIMEOUT_MS,
      },
      ...(owner.inspect !== undefined ? { inspect: owner.inspect } : {}),
    });
    OWNERS.set(this.actor, this);
    this.opened = new Promise<void>((resolve, reject) => {
      const subscription = this.actor.subscribe({
        next: (snapshot) => {
          if (snapshot.matches("streaming")) resolve();
        },
        complete: () => {
          subscription.unsubscribe();
          this.finish(this.actor.getSnapshot().output ?? { status: "failed", error: { name: "Unknown" } });
          onDone();
          if (this.outcome?.status === "failed") reject(namedError(this.outcome.error));
          else resolve();
        },
        error: (error) => {
          owner.logger.error(`Stream '${streamId}': its actor failed`, error);
          this.finish({ status: "failed", error: { name: "InternalError", message: String(error) } });
          onDone();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      });
    });
  }

  start(): void {
    this.actor.start();
  }

  send(event: OutboundStreamEvent): void {
    this.actor.send(event);
  }

  // -- the writer ---------------------------------------------------------------------------------

  writer(): GroupStreamWriter {
    return {
      streamId: this.streamId,
      write: (content, dataType, options) => this.write(content, dataType, options),
      end: (options) => this.finishWriting(undefined, options),
      abort: (error, options) => this.finishWriting(error, options),
      onError: (listener) => {
        this.errorListeners.add(listener);
        return () => this.errorListeners.delete(listener);
      },
    };
  }

  private async write(
    content: JSONTypes | ArrayBuffer,
    dataType: WebPubSubDataType,
    options: GroupStreamWriteOptions | undefined,
  ): Promise<void> {
    if (this.end !== undefined || this.outcome !== undefined) throw completed(this.streamId);
    const problem = validatePayload(dataType, content);
    if (problem !== undefined) throw new TypeError(problem);
    while (this.unacked() >= MAX_UNACKED && this.outcome === undefined) {
      await new Promise<void>((resolve) => this.windowWaiters.push(resolve));
    }
    if (this.outcome !== undefined) throw completed(this.streamId);
    const sequenceId = this.nextSequenceId++;
    const message: UpstreamMessage = {
      kind: "streamData",
      streamId: this.streamId,
      streamSequenceId: sequenceId,
      dataType,
      data: content,
    };
    const written = new Promise<void>((resolve, reject) => {
      this.fragments.push({ sequenceId, message, written: false, settle: { resolve, reject } });
    });
    this.send({ type: "FRAGMENT.QUEUED", sequenceId });
    await abortable(written, options?.abortSignal);
  }

  private async finishWriting(
    error: StreamEndError | undefined,
    options: EndGroupStreamOptions | AbortGroupStreamOptions | undefined,
  ): Promise<void> {
    if (this.end !== undefined || this.outcome !== undefined) throw completed(this.streamId);
    const message: UpstreamMessage =
      error === undefined
        ? { kind: "streamEnd", streamId: this.streamId }
        : { kind: "streamEnd", streamId: this.streamId, error };
    const written = new Promise<void>((resolve, reject) => {
      this.end = { message, written: false, settle: { resolve, reject } };
    });
    this.send(error === undefined ? { type: "END" } : { type: "ABORT" });
    await abortable(written, options?.abortSignal);
  }

  // -- effects the machine asks for -------------------------------------------------------------

  writeStart(): void {
    const stream =
      this.options.idleTimeoutInMs === undefined
        ? { streamId: this.streamId }
        : { streamId: this.streamId, idleTimeoutInMs: this.options.idleTimeoutInMs };
    const written = this.owner.write({
      kind: "sendToGroup",
      group: this.group,
      noEcho: this.options.noEcho ?? false,
      stream,
    });
    if (!written) this.owner.logger.debug(`Stream '${this.streamId}': start not written (link down)`);
  }

  /** Every fragment not yet written, in order, then the end if asked for. */
  flush(): void {
    for (const fragment of this.fragments) {
      if (fragment.written) continue;
      if (!this.owner.write(fragment.message)) return;
      fragment.written = true;
      fragment.settle?.resolve();
    }
    const end = this.end;
    if (end !== undefined && !end.written && this.owner.write(end.message)) {
      end.written = true;
      end.settle?.resolve();
    }
  }

  /** Everything from `from` (default: the oldest unacknowledged) counts as not written. */
  rewind(from?: number): void {
    for (const fragment of this.fragments) {
      if (from === undefined || fragment.sequenceId >= from) fragment.written = false;
    }
    if (this.end !== undefined) this.end.written = false;
  }

  writeKeepAlive(): void {
    this.owner.write({ kind: "streamData", streamId: this.streamId });
  }

  // -- the service's answers ----------------------------------------------------------------------

  acked(expectedSequenceId: number): void {
    while (this.fragments.length > 0 && this.fragments[0]!.sequenceId < expectedSequenceId) {
      this.fragments.shift();
    }
    if (this.unacked() < MAX_UNACKED) this.releaseWaiters();
    this.send({ type: "STREAM.ACKED", expectedSequenceId });
  }

  private unacked(): number {
    return this.fragments.length;
  }

  private releaseWaiters(): void {
    for (const wake of this.windowWaiters.splice(0)) wake();
  }

  private finish(outcome: OutboundStreamOutcome): void {
    if (this.outcome !== undefined) return;
    this.outcome = outcome;
    const error = outcome.status === "failed" ? namedError(outcome.error) : completed(this.streamId);
    for (const fragment of this.fragments) if (!fragment.written) fragment.settle?.reject(error);
    if (this.end !== undefined && !this.end.written) this.end.settle?.reject(error);
    this.releaseWaiters();
    if (outcome.status === "failed") {
      for (const listener of this.errorListeners) {
        try {
          listener(outcome.error);
        } catch (thrown) {
          this.owner.logger.error(`A stream error listener of '${this.streamId}' threw`, thrown);
        }
      }
    }
  }
}

/** Resolves with `promise`, or rejects when `signal` aborts first (the fragment still goes out). */
function abortable(promise: Promise<void>, signal: AbortSignalLike | undefined): Promise<void> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(abortError(signal.reason));
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal.reason));
    signal.addEventListener("abort", onAbort);
    promise.then(
      () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function abortError(reason: unknown): Error {
  const error = new Error(reason instanceof Error ? reason.message : "The operation was aborted.");
  error.name = "AbortError";
  return error;
}

/** Every outbound stream of a client, by stream id. */
export class OutboundStreams {
  private readonly streams = new Map<string, OutboundStream>();

  constructor(private readonly options: OutboundStreamsOptions) {}

  has(streamId: string): boolean {
    return this.streams.has(streamId);
  }

  /** Opens a stream; resolves with its writer once the service acknowledged the start. */
  async open(group: string, streamId: string, options: OpenGroupStreamOptions): Promise<GroupStreamWriter> {
    const stream = new OutboundStream(streamId, group, options, this.options, () => {
      if (this.streams.get(streamId) === stream) this.streams.delete(streamId);
    });
    this.streams.set(streamId, stream);
    stream.start();
    await stream.opened;
    return stream.writer();
  }

  /** A link fact, or `STOP`, for every stream. */
  broadcast(event: OutboundStreamEvent): void {
    for (const stream of [...this.streams.values()]) stream.send(event);
  }

  /** Routes the service's `streamAck` / `streamNack` / `streamClosed`; `false` when no stream owns it. */
  route(message: StreamAckMessage | StreamNackMessage | StreamClosedMessage): boolean {
    const stream = this.streams.get(message.streamId);
    if (stream === undefined) return false;
    switch (message.kind) {
      case "streamAck":
        stream.acked(message.expectedSequenceId);
        break;
      case "streamNack":
        this.options.logger.warn(
          `Stream '${message.streamId}': the service asks again from ${message.expectedSequenceId} (${message.name}${message.message ? `: ${message.message}` : ""})`,
        );
        stream.send({ type: "STREAM.NACKED", expectedSequenceId: message.expectedSequenceId });
        break;
      case "streamClosed":
        stream.send(
          message.error === undefined
            ? { type: "STREAM.CLOSED" }
            : { type: "STREAM.CLOSED", error: message.error },
        );
        break;
    }
    return true;
  }
}
