/**
 * Public types of group streams (preview): the options, writer, inbound stream and subscription of
 * `openGroupStream()` and `onGroupStream()`, with the names and shapes of
 * `@azure/web-pubsub-client` 1.1's, so a program written for its streams compiles here.
 */
import type { AbortSignalLike } from "./types.js";
import type {
  JSONTypes,
  StreamDataError,
  StreamEndError,
  StreamInfo,
  WebPubSubDataType,
} from "./protocol/messages.js";

/** Options of `openGroupStream()`. */
export interface OpenGroupStreamOptions {
  /** The stream's id; the client generates one when it is absent. */
  streamId?: string;
  /** Whether the writer's own connection does not receive the stream. Default: false. */
  noEcho?: boolean;
  /** How long the service keeps the stream open without traffic (its default: 300,000 ms). */
  idleTimeoutInMs?: number;
}

/** Options of {@link GroupStreamWriter.write}. */
export interface GroupStreamWriteOptions {
  abortSignal?: AbortSignalLike;
}

/** Options of {@link GroupStreamWriter.end}. */
export interface EndGroupStreamOptions {
  abortSignal?: AbortSignalLike;
}

/** Options of {@link GroupStreamWriter.abort}. */
export interface AbortGroupStreamOptions {
  abortSignal?: AbortSignalLike;
}

/** Writes one stream to a group: fragments in order, then an end or an abort. */
export interface GroupStreamWriter {
  readonly streamId: string;
  /** Sends one fragment. */
  write(
    content: JSONTypes | ArrayBuffer,
    dataType: WebPubSubDataType,
    options?: GroupStreamWriteOptions,
  ): Promise<void>;
  /** Ends the stream successfully. */
  end(options?: EndGroupStreamOptions): Promise<void>;
  /** Ends the stream with an error its readers see. */
  abort(error: StreamEndError, options?: AbortGroupStreamOptions): Promise<void>;
  /** Calls `listener` when the stream fails; returns the function that removes it. */
  onError(listener: (error: StreamDataError) => void): () => void;
}

/** One fragment of an inbound stream. */
export interface GroupStreamMessage {
  readonly groupName: string;
  readonly fromUserId: string;
  /** The connection's sequence id (reliable subprotocols). */
  readonly sequenceId?: number;
  readonly dataType: WebPubSubDataType;
  readonly data: JSONTypes | ArrayBuffer;
  readonly stream: StreamInfo;
}

/** One inbound stream: its fragments in order, ending when the stream does (throwing if it failed). */
export interface GroupStream extends AsyncIterable<GroupStreamMessage> {
  readonly groupName: string;
  readonly streamId: string;
  /** Aborts when the stream completes, fails, times out, or its subscription is closed. */
  readonly abortSignal: AbortSignal;
}

/** What `onGroupStream()` returns. */
export interface GroupStreamSubscription {
  /** Stops delivering streams to the callback. */
  close(): Promise<void>;
  readonly isActive: boolean;
  /** `close()` for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Options of `onGroupStream()`, per registration; each applies to every stream, identified by its
 * `(group, streamId)`, on its own.
 */
export interface OnGroupStreamOptions {
  /** A stream without a fragment for this long ends with `IdleTimeout`. Default: 300,000 ms. */
  idleTimeoutInMs?: number;
  /** Ignore a stream first seen mid-way (its first fragment is not number 1). Default: false. */
  handleFromStart?: boolean;
  /** Only streams from these groups; all groups when absent. */
  groupNames?: string[];
}
