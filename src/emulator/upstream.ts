/**
 * What the service does with each client message: acks (success, `Forbidden`, `Duplicate`,
 * `BadRequest`, `InternalServerError`), group membership, group fan-out, events, invocations,
 * sequence acks and pings; group streams are handed to `streams.ts`.
 */
import type {
  AckMessage,
  InvokeResponseMessage,
  JoinGroupMessage,
  LeaveGroupMessage,
  PongMessage,
  SendEventMessage,
  SendToGroupMessage,
  UpstreamMessage,
} from "../protocol/messages.js";
import type { ClientConnection } from "./connection.js";
import type { Hub } from "./hub.js";
import type { Log } from "./logger.js";
import { OutboundMessage } from "./outbound.js";
import { fromAppData, toAppData } from "./payload.js";
import type { Metadata } from "./metadata.js";
import type { Payload } from "./payload.js";
import type { MessageExtras } from "./protocols/types.js";
import type { GroupStreams } from "./streams.js";
import type { ClientError, EventHandler, InvokeHandler, InvokeResult } from "./types.js";
import { closeSimpleClient, eventToHandler, invokeHandler, unhandledEvent } from "./user-events.js";
import type { EventVerdict, UserEventContext } from "./user-events.js";

/** What message handling needs from the service. */
export interface UpstreamContext extends UserEventContext {
  readonly log: Log;
  readonly onEvent: EventHandler | undefined;
  readonly onInvoke: InvokeHandler | undefined;
  /** Group streams: starts, fragments, ends (streams.ts). */
  readonly streams: GroupStreams;
  hubOf(connection: ClientConnection): Hub | undefined;
}

const NO_INVOKE_HANDLER: ClientError = {
  name: "BadRequest",
  message: "No invoke handler is set on the emulator (pass onInvoke to startEmulator)",
};

function duplicate(ackId: number): ClientError {
  return { name: "Duplicate", message: `Message with ack-id: ${ackId} has been processed` };
}

function internalError(error: unknown): ClientError {
  return {
    name: "InternalServerError",
    message: error instanceof Error ? `The handler failed: ${error.message}` : "The handler failed",
  };
}

function isClientError(value: unknown): value is ClientError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { name?: unknown }).name === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

const PONG: PongMessage = { kind: "pong" };

function ack(ackId: number, error?: ClientError): AckMessage {
  return error === undefined
    ? { kind: "ack", ackId, success: true }
    : { kind: "ack", ackId, success: false, error };
}

function invokeError(invocationId: string, error: ClientError): InvokeResponseMessage {
  return { kind: "invokeResponse", invocationId, success: false, error };
}

/** Handles one incoming WebSocket frame, decoded by the connection's protocol. Never throws. */
export function handleFrame(
  ctx: UpstreamContext,
  connection: ClientConnection,
  data: Buffer,
  isBinary: boolean,
): void {
  const decoded = connection.protocol.decode(data, isBinary);
  if (!decoded.ok) {
    if (decoded.fatal) {
      ctx.log.info(`connection ${connection.id}: ${decoded.reason}; closing with ${decoded.closeCode}`);
      connection.close(decoded.closeCode, decoded.closeReason, false);
    } else if (decoded.ackId !== undefined || decoded.streamId !== undefined) {
      if (decoded.ackId !== undefined) {
        connection.send(ack(decoded.ackId, { name: "BadRequest", message: decoded.reason }));
      }
      if (decoded.streamId !== undefined) ctx.streams.refuse(connection, decoded.streamId, decoded.reason);
    } else if (decoded.invocationId !== undefined) {
      connection.send(invokeError(decoded.invocationId, { name: "BadRequest", message: decoded.reason }));
    } else {
      ctx.log.info(`connection ${connection.id}: ignored a message: ${decoded.reason}`);
    }
    return;
  }
  const hub = ctx.hubOf(connection);
  if (hub === undefined) return;
  const message = decoded.message;
  try {
    dispatch(ctx, hub, connection, message);
  } catch (error) {
    // A bug here must cost one message, not the service.
    ctx.log.error(`connection ${connection.id}: failed to handle ${message.kind}: ${String(error)}`);
    const ackId = "ackId" in message ? message.ackId : undefined;
    if (ackId !== undefined) connection.send(ack(ackId, internalError(error)));
  }
}

/** Acks (when asked) and records successes for `Duplicate`. */
function acknowledge(
  ctx: UpstreamContext,
  connection: ClientConnection,
  ackId: number | undefined,
  error?: ClientError,
): void {
  if (error !== undefined) {
    ctx.log.info(
      `connection ${connection.id}: ${ackId === undefined ? "request" : `ackId ${ackId}`} failed: ${error.name}: ${error.message}`,
    );
  }
  if (ackId === undefined) return;
  if (error === undefined) connection.ackIds.add(ackId);
  connection.send(ack(ackId, error));
}

/** How a payload reads in a log line: its type and a short preview (never the whole of it). */
function preview(payload: Payload | undefined): string {
  if (payload === undefined) return "no data";
  const text =
    payload.data instanceof ArrayBuffer
      ? Buffer.from(payload.data, 0, Math.min(payload.data.byteLength, 48)).toString("base64")
      : typeof payload.data === "string"
        ? payload.data
        : JSON.stringify(payload.data);
  const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return `${payload.dataType} ${JSON.stringify(shown)}`;
}

/** One readable line per application request (the keep-alive and ack traffic stays quiet). */
function describe(message: UpstreamMessage): string | undefined {
  const ack = "ackId" in message && message.ackId !== undefined ? ` (ackId ${message.ackId})` : "";
  switch (message.kind) {
    case "joinGroup":
    case "leaveGroup":
      return `${message.kind} '${message.group}'${ack}`;
    case "sendToGroup":
      if (message.stream !== undefined) {
        return `stream start '${message.stream.streamId}' to '${message.group}'${message.noEcho ? " noEcho" : ""}`;
      }
      return `sendToGroup '${message.group}'${message.noEcho ? " noEcho" : ""}: ${preview(payloadOf(message))}${ack}`;
    case "streamEnd":
      return `stream end '${message.streamId}'${message.error === undefined ? "" : ` (aborted${message.error.userErrorCode === undefined ? "" : `: ${message.error.userErrorCode}`})`}`;
    case "sendEvent":
      return `event '${message.event}': ${preview(payloadOf(message))}${ack}`;
    case "invoke":
      return `invoke '${message.event ?? ""}' (${message.invocationId}): ${preview(payloadOf(message))}`;
    default:
      return undefined;
  }
}

/** An invocation's payload, when it carries one. */
function payloadOf(message: { dataType?: Payload["dataType"]; data?: Payload["data"] }): Payload | undefined {
  return message.dataType === undefined || message.data === undefined
    ? undefined
    : { dataType: message.dataType, data: message.data };
}

function dispatch(
  ctx: UpstreamContext,
  hub: Hub,
  connection: ClientConnection,
  message: UpstreamMessage & MessageExtras,
): void {
  if (ctx.log.enabled("info")) {
    const line = describe(message);
    if (line !== undefined) {
      ctx.log.info(`connection ${connection.id} (${connection.userId ?? "anonymous"}): ${line}`);
    }
  }
  switch (message.kind) {
    case "ping":
      connection.send(PONG);
      return;
    case "sequenceAck":
      connection.session?.ack(message.sequenceId);
      return;
    case "cancelInvocation": {
      const controller = connection.invocations.get(message.invocationId);
      if (controller === undefined) return;
      connection.invocations.delete(message.invocationId);
      controller.abort();
      connection.send(
        invokeError(message.invocationId, {
          name: "Cancelled",
          message: "The invocation was cancelled by the client",
        }),
      );
      return;
    }
    case "invoke":
      invoke(
        ctx,
        connection,
        message.invocationId,
        message.event ?? "",
        payloadOf(message),
        message.metadata,
      );
      return;
    case "streamData":
      ctx.streams.data(hub, connection, message);
      return;
    case "streamEnd":
      ctx.streams.end(hub, connection, message);
      return;
    case "sendToGroup":
      if (message.stream !== undefined) {
        ctx.streams.start(hub, connection, message, message.stream);
        return;
      }
      break;
    default:
      break;
  }
  const request = servedRequest(message);
  if (request === undefined) {
    // The parsers yield none of these (group state is not served): say so, once.
    ctx.log.warn(`connection ${connection.id}: '${message.kind}' is not served by the emulator; ignored`);
    return;
  }
  handleAcked(ctx, hub, connection, request);
}

/** The acked requests the emulator serves, each with its payload where it has one. */
type AckedRequest =
  | JoinGroupMessage
  | LeaveGroupMessage
  | (SendToGroupMessage & Payload & MessageExtras)
  | (SendEventMessage & Payload & MessageExtras);

function servedRequest(message: UpstreamMessage & MessageExtras): AckedRequest | undefined {
  switch (message.kind) {
    case "joinGroup":
    case "leaveGroup":
      return message;
    case "sendToGroup":
    case "sendEvent":
      return message.dataType !== undefined && message.data !== undefined
        ? (message as AckedRequest)
        : undefined;
    default:
      return undefined;
  }
}

function handleAcked(
  ctx: UpstreamContext,
  hub: Hub,
  connection: ClientConnection,
  message: AckedRequest,
): void {
  // Acked requests: Duplicate is checked before permissions, as the service does.
  if (message.ackId !== undefined && connection.ackIds.has(message.ackId)) {
    acknowledge(ctx, connection, message.ackId, duplicate(message.ackId));
    return;
  }
  switch (message.kind) {
    case "joinGroup":
    case "leaveGroup": {
      if (!connection.identity.permissions.canJoinLeave(message.group)) {
        acknowledge(ctx, connection, message.ackId, {
          name: "Forbidden",
          message: `The connection has no permission to join or leave group '${message.group}'`,
        });
        return;
      }
      if (message.kind === "joinGroup") hub.join(connection, message.group);
      else hub.leave(connection, message.group);
      acknowledge(ctx, connection, message.ackId);
      return;
    }
    case "sendToGroup": {
      if (!connection.identity.permissions.canSendTo(message.group)) {
        acknowledge(ctx, connection, message.ackId, {
          name: "Forbidden",
          message: `The connection has no permission to send to group '${message.group}'`,
        });
        return;
      }
      const outbound = OutboundMessage.group(message.group, connection.userId, message, message.metadata);
      hub.sendToGroup(message.group, outbound, message.noEcho ? connection : undefined);
      acknowledge(ctx, connection, message.ackId);
      return;
    }
    case "sendEvent":
      event(ctx, hub, connection, message.event, message.ackId, message, message.metadata);
      return;
  }
}

/**
 * A user event: to the hub's event handler that takes it, else to the `onEvent` hook, else
 * settled by `unhandledEvent` (see `user-events.ts`). A raw client's failed event closes it.
 */
function event(
  ctx: UpstreamContext,
  hub: Hub,
  connection: ClientConnection,
  name: string,
  ackId: number | undefined,
  payload: Payload,
  metadata: Metadata | undefined,
): void {
  const eventHandler = ctx.handlers.handlerFor(hub.name, name);
  const handler = ctx.onEvent;
  if (eventHandler === undefined && handler === undefined && connection.protocol.simple !== true) {
    // The hot path (no handler, no hook): settled at once, nothing allocated for later.
    acknowledge(ctx, connection, ackId, unhandledEvent(ctx, connection, name).error);
    return;
  }
  const settle = (verdict: EventVerdict): void => {
    if (connection.removed) return;
    if (verdict.error !== undefined && connection.protocol.simple === true) {
      ctx.log.info(
        `connection ${connection.id}: event '${name}' failed (${verdict.error.message}); closing with 1011`,
      );
      closeSimpleClient(connection);
      return;
    }
    acknowledge(ctx, connection, ackId, verdict.error);
  };
  if (eventHandler !== undefined) {
    eventToHandler(ctx, connection, eventHandler, { event: name, payload, metadata }).then(
      settle,
      (error: unknown) => settle({ error: internalError(error) }),
    );
    return;
  }
  if (handler === undefined) {
    settle(unhandledEvent(ctx, connection, name));
    return;
  }
  const settleHook = (result: unknown): void => {
    const error =
      typeof result === "object" && result !== null ? (result as { error?: unknown }).error : undefined;
    settle(isClientError(error) ? { error: { name: error.name, message: error.message } } : {});
  };
  const fail = (error: unknown): void => {
    ctx.log.warn(`onEvent handler failed for event '${name}': ${String(error)}`);
    settle({ error: internalError(error) });
  };
  try {
    const result = handler({
      hub: hub.name,
      connectionId: connection.id,
      userId: connection.userId,
      event: name,
      dataType: payload.dataType,
      data: toAppData(payload),
      ackId,
      ...(metadata === undefined ? {} : { metadata }),
    });
    if (result instanceof Promise) result.then(settleHook, fail);
    else settleHook(result);
  } catch (error) {
    fail(error);
  }
}

function invoke(
  ctx: UpstreamContext,
  connection: ClientConnection,
  invocationId: string,
  name: string,
  payload: Payload | undefined,
  metadata: Metadata | undefined,
): void {
  const eventHandler = ctx.handlers.handlerFor(connection.identity.hub, name);
  const handler = ctx.onInvoke;
  if (eventHandler === undefined && handler === undefined) {
    connection.send(invokeError(invocationId, NO_INVOKE_HANDLER));
    return;
  }
  if (connection.invocations.has(invocationId)) {
    connection.send(
      invokeError(invocationId, {
        name: "BadRequest",
        message: `Invocation '${invocationId}' is already in progress`,
      }),
    );
    return;
  }
  const controller = new AbortController();
  connection.invocations.set(invocationId, controller);
  const respond = (response: InvokeResponseMessage): void => {
    // A cancelled or disconnected invocation has already been answered (or cannot be).
    if (connection.invocations.get(invocationId) !== controller) return;
    connection.invocations.delete(invocationId);
    connection.send(response);
  };
  const settle = (result: InvokeResult): void => {
    if (typeof result === "object" && result !== null && "error" in result) {
      const error = result.error;
      respond(
        invokeError(
          invocationId,
          isClientError(error)
            ? error
            : { name: "InternalServerError", message: "The handler returned an invalid error" },
        ),
      );
      return;
    }
    if (result === undefined || result === null || result.dataType === undefined) {
      respond({ kind: "invokeResponse", invocationId, success: true });
      return;
    }
    const checked = fromAppData(result.dataType, result.data);
    if (typeof checked === "string") {
      ctx.log.warn(`onInvoke handler returned an invalid result for '${name}': ${checked}`);
      respond(invokeError(invocationId, { name: "InternalServerError", message: checked }));
      return;
    }
    respond({
      kind: "invokeResponse",
      invocationId,
      success: true,
      dataType: checked.dataType,
      data: checked.data,
    });
  };
  const fail = (error: unknown): void => {
    ctx.log.warn(`onInvoke handler failed for '${name}': ${String(error)}`);
    respond(invokeError(invocationId, internalError(error)));
  };
  if (eventHandler !== undefined) {
    // The handler's answer is the invocation's result: its body (if any) is the response's data.
    invokeHandler(ctx, connection, eventHandler, { event: name, payload, metadata }, controller.signal).then(
      (result) => settle("error" in result ? result : (result.payload ?? {})),
      fail,
    );
    return;
  }
  if (handler === undefined) return;
  try {
    const result = handler({
      hub: connection.identity.hub,
      connectionId: connection.id,
      userId: connection.userId,
      invocationId,
      event: name,
      dataType: payload?.dataType,
      data: payload === undefined ? undefined : toAppData(payload),
      signal: controller.signal,
    });
    if (result instanceof Promise) result.then(settle, fail);
    else settle(result);
  } catch (error) {
    fail(error);
  }
}
