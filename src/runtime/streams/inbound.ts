/**
 * Inbound group streams (`onGroupStream`): every subscription follows each stream it sees, keyed by
 * `(group, streamId)`, with an `inbound-stream.machine` actor (in order, replays, gaps, completion,
 * error, idle), and hands the application a {@link GroupStream} it reads with `for await`.
 */
import { createActor, type Actor, type InspectionEvent, type Observer } from "xstate";
import {
  inboundStreamMachine,
  type FragmentFacts,
  type InboundStreamOutcome,
} from "../../../machines/inbound-stream.machine.js";
import type { Logger } from "../../logging.js";
import type { GroupDataMessage, StreamDataError, StreamInfo } from "../../protocol/messages.js";
import type {
  GroupStream,
  GroupStreamMessage,
  GroupStreamSubscription,
  OnGroupStreamOptions,
} from "../../stream-types.js";

const DEFAULT_IDLE_TIMEOUT_MS = 300_000;

type StreamActor = Actor<typeof inboundStreamMachine>;

export interface InboundStreamsOptions {
  readonly logger: Logger;
  readonly inspect: Observer<InspectionEvent> | ((event: InspectionEvent) => void) | undefined;
}

/** One stream as its readers see it: fragments queued until read, then its end. */
class InboundGroupStream implements GroupStream {
  private readonly controller = new AbortController();
  private readonly queue: GroupStreamMessage[] = [];
  private readonly readers: Array<{
    resolve: (result: IteratorResult<GroupStreamMessage>) => void;
    reject: (error: unknown) => void;
  }> = [];
  private done = false;
  private error: Error | undefined;
  readonly abortSignal: AbortSignal = this.controller.signal;

  constructor(
    readonly groupName: string,
    readonly streamId: string,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<GroupStreamMessage> {
    return { next: () => this.next() };
  }

  enqueue(message: GroupStreamMessage): void {
    if (this.done) return;
    const reader = this.readers.shift();
    if (reader === undefined) this.queue.push(message);
    else reader.resolve({ done: false, value: message });
  }

  complete(error: StreamDataError | undefined): void {
    if (this.done) return;
    this.done = true;
    if (error !== undefined) {
      this.error = new Error(error.message ?? error.name);
      this.error.name = error.name;
      Object.assign(this.error, error);
    }
    this.controller.abort();
    for (const reader of this.readers.splice(0)) {
      if (this.error === undefined) reader.resolve({ done: true, value: undefined });
      else reader.reject(this.error);
    }
  }

  private next(): Promise<IteratorResult<GroupStreamMessage>> {
    const message = this.queue.shift();
    if (message !== undefined) return Promise.resolve({ done: false, value: message });
    if (this.done) {
      return this.error === undefined
        ? Promise.resolve({ done: true, value: undefined })
        : Promise.reject(this.error);
    }
    return new Promise((resolve, reject) => this.readers.push({ resolve, reject }));
  }
}

interface Followed {
  readonly actor: StreamActor;
  readonly stream: InboundGroupStream;
  /** The group message being handled (the machine's `deliver` delivers it). */
  current: GroupDataMessage | undefined;
}

/** Which subscription and stream each live actor serves. */
const OWNERS = new WeakMap<object, { subscription: Subscription; followed: Followed }>();

const PROVIDED = inboundStreamMachine.provide({
  actions: {
    open: ({ self }) => {
      const owner = OWNERS.get(self);
      owner?.subscription.hand(owner.followed);
    },
    deliver: ({ self }) => {
      const followed = OWNERS.get(self)?.followed;
      const message = followed?.current;
      if (followed === undefined || message === undefined || message.stream === undefined) return;
      followed.stream.enqueue(toFragment(message, message.stream));
    },
  },
});

function toFragment(message: GroupDataMessage, stream: StreamInfo): GroupStreamMessage {
  return {
    groupName: message.group,
    fromUserId: message.fromUserId,
    ...(message.sequenceId === undefined ? {} : { sequenceId: message.sequenceId }),
    dataType: message.dataType,
    data: message.data,
    stream,
  };
}

/** A last message may be empty: only data makes it a fragment. */
function hasPayload(message: GroupDataMessage): boolean {
  const data = message.data as unknown;
  if (message.dataType === undefined || data === undefined || data === null) return false;
  if (message.dataType === "text") return typeof data === "string" && data.length > 0;
  if (message.dataType === "binary" || message.dataType === "protobuf")
    return data instanceof ArrayBuffer && data.byteLength > 0;
  return true;
}

function facts(message: GroupDataMessage, stream: StreamInfo): FragmentFacts {
  const base = {
    streamSequenceId: stream.streamSequenceId,
    endOfStream: stream.endOfStream === true,
    hasPayload: hasPayload(message),
  };
  return stream.error === undefined ? base : { ...base, error: stream.error };
}

class Subscription implements GroupStreamSubscription {
  private active = true;
  private readonly followed = new Map<string, Followed>();
  private readonly groups: ReadonlySet<string> | undefined;

  constructor(
    private readonly callback: (stream: GroupStream) => void | Promise<void>,
    private readonly options: OnGroupStreamOptions | undefined,
    private readonly owner: InboundStreamsOptions,
    private readonly remove: (subscription: Subscription) => void,
  ) {
    this.groups = options?.groupNames === undefined ? undefined : new Set(options.groupNames);
  }

  get isActive(): boolean {
    return this.active;
  }

  close(): Promise<void> {
    if (!this.active) return Promise.resolve();
    this.active = false;
    this.remove(this);
    this.closeAll(undefined);
    return Promise.resolve();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Every followed stream ends now (with `error`, or as completed). */
  closeAll(error: StreamDataError | undefined): void {
    for (const followed of [...this.followed.values()]) {
      followed.actor.send(error === undefined ? { type: "CLOSE" } : { type: "CLOSE", error });
    }
  }

  handle(message: GroupDataMessage, stream: StreamInfo): void {
    if (!this.active || (this.groups !== undefined && !this.groups.has(message.group))) return;
    const key = JSON.stringify([message.group, stream.streamId]);
    let followed = this.followed.get(key);
    if (followed === undefined) followed = this.follow(key, message.group, stream.streamId);
    followed.current = message;
    followed.actor.send({ type: "FRAGMENT", ...facts(message, stream) });
    followed.current = undefined;
  }

  /** The machine's `open`: the application's callback gets the stream. */
  hand(followed: Followed): void {
    try {
      void Promise.resolve(this.callback(followed.stream)).catch((error: unknown) =>
        this.owner.logger.warn("A group-stream callback failed", error),
      );
    } catch (error) {
      this.owner.logger.warn("A group-stream callback failed", error);
    }
  }

  private follow(key: string, group: string, streamId: string): Followed {
    const actor = createActor(PROVIDED, {
      id: `stream:in:${group}/${streamId}`,
      input: {
        idleTimeoutInMs: this.options?.idleTimeoutInMs ?? DEFAULT_IDLE_TIMEOUT_MS,
        handleFromStart: this.options?.handleFromStart ?? false,
      },
      ...(this.owner.inspect !== undefined ? { inspect: this.owner.inspect } : {}),
    });
    const followed: Followed = { actor, stream: new InboundGroupStream(group, streamId), current: undefined };
    OWNERS.set(actor, { subscription: this, followed });
    this.followed.set(key, followed);
    actor.subscribe({
      complete: () => {
        this.followed.delete(key);
        const outcome: InboundStreamOutcome = actor.getSnapshot().output ?? { status: "completed" };
        followed.stream.complete(outcome.status === "failed" ? outcome.error : undefined);
      },
      error: (error) => {
        this.followed.delete(key);
        this.owner.logger.error(`Inbound stream ${key}: its actor failed`, error);
        followed.stream.complete({ name: "InternalError", message: String(error) });
      },
    });
    actor.start();
    return followed;
  }
}

/** Every `onGroupStream` subscription of a client. */
export class InboundStreams {
  private readonly subscriptions: Subscription[] = [];

  constructor(private readonly options: InboundStreamsOptions) {}

  subscribe(
    callback: (stream: GroupStream) => void | Promise<void>,
    options?: OnGroupStreamOptions,
  ): GroupStreamSubscription {
    const subscription = new Subscription(callback, options, this.options, (done) => {
      const index = this.subscriptions.indexOf(done);
      if (index >= 0) this.subscriptions.splice(index, 1);
    });
    this.subscriptions.push(subscription);
    return subscription;
  }

  /** A group message: streams follow it when it belongs to one. */
  handle(message: GroupDataMessage): void {
    const stream = message.stream;
    if (stream === undefined || this.subscriptions.length === 0) return;
    for (const subscription of [...this.subscriptions]) subscription.handle(message, stream);
  }

  /** The connection is gone for good (or the client stopped): every followed stream fails with `error`. */
  closeAll(error: StreamDataError): void {
    for (const subscription of this.subscriptions) subscription.closeAll(error);
  }
}
