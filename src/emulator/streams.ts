/**
 * Group streams (preview), as the service runs them: each connection's open streams, their
 * sequence ids and idle timers, and what readers and the writer are told at every step. The rules
 * and why they are so are in docs/streams.md ("The emulator").
 *
 * - A start (`sendToGroup` with a `stream` descriptor) is answered `streamAck` expecting 1, or
 *   `streamClosed` with `Forbidden` (no send role) or `BadRequest`.
 * - Fragment `expected` is published to the group and acked with `expected + 1`; one below it is a
 *   duplicate, not published again and re-acked with the current expected id; one above it is a
 *   gap, nacked `InvalidSequenceId` with the expected id (the stream stays open).
 * - A keep-alive (a `streamData` with only the id) restarts the idle timer and is not acked.
 * - The end publishes an empty `text` message with `endOfStream` and the next expected id to the
 *   group (with `UserError` when the writer gave an error), then answers `streamClosed` without an
 *   error. Idle streams, and streams whose writer lost its send role, close with `IdleTimeout` /
 *   `Forbidden` for readers and writer; a removed writer's streams end with `Cancelled`.
 * - Frames for a stream that is not open are answered `streamClosed`: with the same answer the
 *   stream closed with when it closed recently (a writer replaying after a recovery learns how its
 *   stream ended), else `StreamNotFound`.
 */
import type {
  SendToGroupMessage,
  StartStreamOptions,
  StreamClosedMessage,
  StreamDataError,
  StreamDataMessage,
  StreamEndMessage,
  StreamInfo,
} from "../protocol/messages.js";
import type { ClientConnection } from "./connection.js";
import type { Hub } from "./hub.js";
import type { Log } from "./logger.js";
import { OutboundMessage } from "./outbound.js";
import type { Payload } from "./payload.js";

/** The service's idle timeout for a stream whose start names none. */
export const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 300_000;

/** Longest idle timeout accepted: the longest delay a Node.js timer can wait. */
export const MAX_STREAM_IDLE_TIMEOUT_MS = 2_147_483_647;

/** Longest stream id accepted (the official clients use 36-character UUIDs). */
export const MAX_STREAM_ID_LENGTH = 256;

/** How many closed streams per connection are remembered, to answer a late frame with their outcome. */
const REMEMBERED_CLOSED_STREAMS = 256;

type ClosedError = NonNullable<StreamClosedMessage["error"]>;

/** One open stream of a connection. */
interface OpenStream {
  readonly id: string;
  readonly group: string;
  readonly noEcho: boolean;
  readonly idleTimeoutMs: number;
  /** The next `streamSequenceId` the service accepts. */
  expected: number;
  /** `Date.now()` of the last frame of this stream. */
  lastActivity: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** A connection's streams: open ones, and how recently closed ones ended. */
class ConnectionStreams {
  readonly open = new Map<string, OpenStream>();
  private readonly closed = new Map<string, StreamClosedMessage>();

  /** The answer a closed stream gave its writer, for frames that arrive after it closed. */
  closedAnswer(streamId: string): StreamClosedMessage | undefined {
    return this.closed.get(streamId);
  }

  remember(answer: StreamClosedMessage): void {
    this.closed.delete(answer.streamId);
    this.closed.set(answer.streamId, answer);
    if (this.closed.size > REMEMBERED_CLOSED_STREAMS) {
      const oldest = this.closed.keys().next().value as string;
      this.closed.delete(oldest);
    }
  }

  forget(streamId: string): void {
    this.closed.delete(streamId);
  }
}

/** What the stream rules need from the service around them. */
export interface StreamsContext {
  readonly log: Log;
  /** The idle timeout of a stream whose start names none. */
  readonly defaultIdleTimeoutMs: number;
  hubOf(connection: ClientConnection): Hub | undefined;
}

/** How a stream ends: what its readers see (`undefined`: completed) and what its writer is told. */
interface Ending {
  readonly readers: StreamDataError | undefined;
  readonly writer: ClosedError | undefined;
}

function closedAnswer(streamId: string, error: ClosedError | undefined): StreamClosedMessage {
  return error === undefined ? { kind: "streamClosed", streamId } : { kind: "streamClosed", streamId, error };
}

/** A group message of a stream (a fragment, or the empty last message). */
function streamMessage(
  connection: ClientConnection,
  stream: OpenStream,
  payload: Payload,
  info: StreamInfo,
): OutboundMessage {
  return new OutboundMessage({
    kind: "groupData",
    group: stream.group,
    fromUserId: connection.userId ?? "",
    dataType: payload.dataType,
    data: payload.data,
    stream: info,
  });
}

/**
 * The last message: a known `dataType` with an empty payload (a reader that does not know the
 * type would drop the message, and with it the end of the stream).
 */
const EMPTY_LAST: Payload = { dataType: "text", data: "" };

export class GroupStreams {
  private readonly byConnection = new WeakMap<ClientConnection, ConnectionStreams>();

  constructor(private readonly ctx: StreamsContext) {}

  /** How many streams `connection` has open. */
  openCount(connection: ClientConnection): number {
    return this.byConnection.get(connection)?.open.size ?? 0;
  }

  /** A stream start: acked with 1, or refused with `streamClosed`. */
  start(
    hub: Hub,
    connection: ClientConnection,
    message: SendToGroupMessage,
    start: StartStreamOptions,
  ): void {
    const streams = this.streamsOf(connection);
    const streamId = start.streamId;
    const open = streams.open.get(streamId);
    if (open !== undefined) {
      // The writer's view of this id is now unknown: the open stream ends, the new one is refused.
      const error = {
        name: "BadRequest",
        message: `Stream '${streamId}' is already open on this connection`,
      };
      this.close(hub, connection, streams, open, { readers: error, writer: error });
      return;
    }
    if (!connection.identity.permissions.canSendTo(message.group)) {
      this.answer(connection, streams, streamId, {
        name: "Forbidden",
        message: `The connection has no permission to send to group '${message.group}'`,
      });
      return;
    }
    streams.forget(streamId);
    const stream: OpenStream = {
      id: streamId,
      group: message.group,
      noEcho: message.noEcho,
      idleTimeoutMs: start.idleTimeoutInMs ?? this.ctx.defaultIdleTimeoutMs,
      expected: 1,
      lastActivity: Date.now(),
      timer: undefined,
    };
    streams.open.set(streamId, stream);
    this.armIdleTimer(hub, connection, streams, stream, stream.idleTimeoutMs);
    this.ctx.log.info(
      `connection ${connection.id}: stream '${streamId}' opened to group '${stream.group}'${stream.noEcho ? " (noEcho)" : ""}, idle timeout ${stream.idleTimeoutMs} ms`,
    );
    connection.send({ kind: "streamAck", streamId, expectedSequenceId: 1 });
  }

  /** A fragment or a keep-alive. */
  data(hub: Hub, connection: ClientConnection, message: StreamDataMessage): void {
    const streams = this.streamsOf(connection);
    const stream = streams.open.get(message.streamId);
    if (stream === undefined) {
      this.notOpen(connection, streams, message.streamId);
      return;
    }
    stream.lastActivity = Date.now();
    const sequenceId = message.streamSequenceId;
    if (sequenceId === undefined || message.dataType === undefined || message.data === undefined) return;
    if (sequenceId < 1) {
      this.nack(connection, stream, "streamSequenceId starts at 1");
      return;
    }
    if (sequenceId < stream.expected) {
      // Already published (a writer re-sending after a recovery): say again how far the stream is.
      connection.send({ kind: "streamAck", streamId: stream.id, expectedSequenceId: stream.expected });
      return;
    }
    if (sequenceId > stream.expected) {
      this.nack(connection, stream, `fragment ${sequenceId} arrived while ${stream.expected} was expected`);
      return;
    }
    if (!connection.identity.permissions.canSendTo(stream.group)) {
      const error = {
        name: "Forbidden",
        message: `The connection no longer has permission to send to group '${stream.group}'`,
      };
      this.close(hub, connection, streams, stream, { readers: error, writer: error });
      return;
    }
    const payload = { dataType: message.dataType, data: message.data };
    this.publish(
      hub,
      connection,
      stream,
      streamMessage(connection, stream, payload, {
        streamId: stream.id,
        streamSequenceId: sequenceId,
      }),
    );
    stream.expected = sequenceId + 1;
    connection.send({ kind: "streamAck", streamId: stream.id, expectedSequenceId: stream.expected });
  }

  /** The writer ends its stream, cleanly or (with an error) not. */
  end(hub: Hub, connection: ClientConnection, message: StreamEndMessage): void {
    const streams = this.streamsOf(connection);
    const stream = streams.open.get(message.streamId);
    if (stream === undefined) {
      this.notOpen(connection, streams, message.streamId);
      return;
    }
    const error = message.error;
    const readers: StreamDataError | undefined =
      error === undefined
        ? undefined
        : {
            name: "UserError",
            ...(error.message === undefined ? {} : { message: error.message }),
            ...(error.userErrorCode === undefined ? {} : { userErrorCode: error.userErrorCode }),
          };
    this.close(hub, connection, streams, stream, { readers, writer: undefined });
  }

  /** A stream frame the service could not read: the stream (if open) ends with `BadRequest`. */
  refuse(connection: ClientConnection, streamId: string, reason: string): void {
    const streams = this.streamsOf(connection);
    const error = { name: "BadRequest", message: reason };
    const stream = streams.open.get(streamId);
    const hub = this.ctx.hubOf(connection);
    if (stream !== undefined && hub !== undefined) {
      this.close(hub, connection, streams, stream, { readers: error, writer: error });
    } else {
      this.answer(connection, streams, streamId, error);
    }
  }

  /** The connection is forgotten: its streams end for readers with `Cancelled`. */
  cancelAll(hub: Hub | undefined, connection: ClientConnection): void {
    const streams = this.byConnection.get(connection);
    if (streams === undefined) return;
    this.byConnection.delete(connection);
    for (const stream of [...streams.open.values()]) {
      const readers = { name: "Cancelled", message: "The writer's connection went away" };
      if (hub === undefined) this.stopTimer(stream);
      else this.close(hub, connection, streams, stream, { readers, writer: undefined });
    }
  }

  private streamsOf(connection: ClientConnection): ConnectionStreams {
    let streams = this.byConnection.get(connection);
    if (streams === undefined) this.byConnection.set(connection, (streams = new ConnectionStreams()));
    return streams;
  }

  private publish(
    hub: Hub,
    connection: ClientConnection,
    stream: OpenStream,
    message: OutboundMessage,
  ): void {
    hub.sendToGroup(stream.group, message, stream.noEcho ? connection : undefined);
  }

  private nack(connection: ClientConnection, stream: OpenStream, why: string): void {
    connection.send({
      kind: "streamNack",
      streamId: stream.id,
      name: "InvalidSequenceId",
      message: `Stream '${stream.id}': ${why}; send from ${stream.expected}`,
      expectedSequenceId: stream.expected,
    });
  }

  /** A frame for a stream that is not open: how it ended, if it ended recently; else `StreamNotFound`. */
  private notOpen(connection: ClientConnection, streams: ConnectionStreams, streamId: string): void {
    const remembered = streams.closedAnswer(streamId);
    if (remembered !== undefined) {
      connection.send(remembered);
      return;
    }
    connection.send(
      closedAnswer(streamId, {
        name: "StreamNotFound",
        message: `Stream '${streamId}' is not open on this connection`,
      }),
    );
  }

  /** Tells the writer its stream is closed, and remembers it for late frames. */
  private answer(
    connection: ClientConnection,
    streams: ConnectionStreams,
    streamId: string,
    error: ClosedError | undefined,
  ): void {
    const answer = closedAnswer(streamId, error);
    streams.remember(answer);
    if (error !== undefined) {
      this.ctx.log.info(
        `connection ${connection.id}: stream '${streamId}' closed: ${error.name}: ${error.message ?? ""}`,
      );
    }
    if (!connection.removed) connection.send(answer);
  }

  /** Ends an open stream: the last message to the group, then `streamClosed` to the writer. */
  private close(
    hub: Hub,
    connection: ClientConnection,
    streams: ConnectionStreams,
    stream: OpenStream,
    ending: Ending,
  ): void {
    this.stopTimer(stream);
    streams.open.delete(stream.id);
    const info: StreamInfo = { streamId: stream.id, streamSequenceId: stream.expected, endOfStream: true };
    if (ending.readers !== undefined) info.error = ending.readers;
    this.publish(hub, connection, stream, streamMessage(connection, stream, EMPTY_LAST, info));
    if (ending.readers !== undefined) {
      this.ctx.log.info(
        `connection ${connection.id}: stream '${stream.id}' to '${stream.group}' ended for readers with ${ending.readers.name}`,
      );
    }
    this.answer(connection, streams, stream.id, ending.writer);
  }

  private armIdleTimer(
    hub: Hub,
    connection: ClientConnection,
    streams: ConnectionStreams,
    stream: OpenStream,
    delayMs: number,
  ): void {
    // One timer per stream, re-armed only when it fires: a fragment costs a clock read, not a timer.
    const timer = setTimeout(() => {
      stream.timer = undefined;
      if (streams.open.get(stream.id) !== stream) return;
      const quiet = Date.now() - stream.lastActivity;
      if (quiet < stream.idleTimeoutMs) {
        this.armIdleTimer(hub, connection, streams, stream, stream.idleTimeoutMs - quiet);
        return;
      }
      const error = {
        name: "IdleTimeout",
        message: `Stream '${stream.id}' had no traffic for ${stream.idleTimeoutMs} ms`,
      };
      this.close(hub, connection, streams, stream, { readers: error, writer: error });
    }, delayMs);
    timer.unref?.();
    stream.timer = timer;
  }

  private stopTimer(stream: OpenStream): void {
    if (stream.timer !== undefined) clearTimeout(stream.timer);
    stream.timer = undefined;
  }
}
