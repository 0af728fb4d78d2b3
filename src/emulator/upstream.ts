/**
 * What the service does with each client message: acks (success, `Forbidden`, `Duplicate`,
 * `BadRequest`, `InternalServerError`), group membership, group fan-out, events, invocations,
 * sequence acks and pings.
 */
import { CloseCode } from "../protocol/messages.js";
import type { ClientConnection } from "./connection.js";
import {
  OutboundMessage,
  PONG_FRAME,
  ackFrame,
  fromAppData,
  invokeErrorFrame,
  invokeSuccessFrame,
  parseUpstream,
  toAppData,
} from "./frames.js";
import type { UpstreamFrame, WirePayload } from "./frames.js";
import type { Hub } from "./hub.js";
import type { Log } from "./logger.js";
import type { ClientError, EventHandler, InvokeHandler, InvokeResult } from "./types.js";

/** What message handling needs from the service. */
export interface UpstreamContext {
  readonly log: Log;
  readonly onEvent: EventHandler | undefined;
  readonly onInvoke: InvokeHandler | undefined;
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

/** Handles one incoming WebSocket frame. Never throws. */
export function handleFrame(
  ctx: UpstreamContext,
  connection: ClientConnection,
  data: Buffer,
  isBinary: boolean,
): void {
  if (isBinary) {
    connection.close(
      CloseCode.UnsupportedData,
      "Binary frames are not supported on JSON subprotocols",
      false,
    );
    return;
  }
  // `ws` has already rejected invalid UTF-8 in text frames (close 1007).
  const parsed = parseUpstream(data.toString("utf8"));
  if (!parsed.ok) {
    if (parsed.fatal) {
      ctx.log.info(`connection ${connection.id}: ${parsed.reason}; closing with 1007`);
      connection.close(CloseCode.InvalidPayload, `Invalid message: ${parsed.reason}`, false);
    } else if (parsed.ackId !== undefined) {
      connection.send(ackFrame(parsed.ackId, { name: "BadRequest", message: parsed.reason }));
    } else if (parsed.invocationId !== undefined) {
      connection.send(invokeErrorFrame(parsed.invocationId, { name: "BadRequest", message: parsed.reason }));
    } else {
      ctx.log.info(`connection ${connection.id}: ignored a message: ${parsed.reason}`);
    }
    return;
  }
  const hub = ctx.hubOf(connection);
  if (hub === undefined) return;
  try {
    dispatch(ctx, hub, connection, parsed.frame);
  } catch (error) {
    // A bug here must cost one message, not the service.
    ctx.log.error(`connection ${connection.id}: failed to handle ${parsed.frame.type}: ${String(error)}`);
    const ackId = "ackId" in parsed.frame ? parsed.frame.ackId : undefined;
    if (ackId !== undefined) connection.send(ackFrame(ackId, internalError(error)));
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
  if (error === undefined) {
    connection.ackIds.add(ackId);
    connection.send(ackFrame(ackId));
  } else {
    connection.send(ackFrame(ackId, error));
  }
}

/** How a payload reads in a log line: its type and a short preview (never the whole of it). */
function preview(payload: WirePayload | undefined): string {
  if (payload === undefined) return "no data";
  const text = typeof payload.data === "string" ? payload.data : JSON.stringify(payload.data);
  const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return `${payload.dataType} ${JSON.stringify(shown)}`;
}

/** One readable line per application request (the keep-alive and ack traffic stays quiet). */
function describe(frame: UpstreamFrame): string | undefined {
  const ack = "ackId" in frame && frame.ackId !== undefined ? ` (ackId ${frame.ackId})` : "";
  switch (frame.type) {
    case "joinGroup":
    case "leaveGroup":
      return `${frame.type} '${frame.group}'${ack}`;
    case "sendToGroup":
      return `sendToGroup '${frame.group}'${frame.noEcho ? " noEcho" : ""}: ${preview(frame.payload)}${ack}`;
    case "event":
      return `event '${frame.event}': ${preview(frame.payload)}${ack}`;
    case "invoke":
      return `invoke '${frame.event}' (${frame.invocationId}): ${preview(frame.payload)}`;
    default:
      return undefined;
  }
}

function dispatch(ctx: UpstreamContext, hub: Hub, connection: ClientConnection, frame: UpstreamFrame): void {
  if (ctx.log.enabled("info")) {
    const line = describe(frame);
    if (line !== undefined) {
      ctx.log.info(`connection ${connection.id} (${connection.userId ?? "anonymous"}): ${line}`);
    }
  }
  switch (frame.type) {
    case "ping":
      connection.send(PONG_FRAME);
      return;
    case "sequenceAck":
      connection.session?.ack(frame.sequenceId);
      return;
    case "cancelInvocation": {
      const controller = connection.invocations.get(frame.invocationId);
      if (controller === undefined) return;
      connection.invocations.delete(frame.invocationId);
      controller.abort();
      connection.send(
        invokeErrorFrame(frame.invocationId, {
          name: "Cancelled",
          message: "The invocation was cancelled by the client",
        }),
      );
      return;
    }
    case "invoke":
      invoke(ctx, connection, frame.invocationId, frame.event, frame.payload);
      return;
    default:
      break;
  }

  // Acked requests: Duplicate is checked before permissions, as the service does.
  if (frame.ackId !== undefined && connection.ackIds.has(frame.ackId)) {
    acknowledge(ctx, connection, frame.ackId, duplicate(frame.ackId));
    return;
  }
  switch (frame.type) {
    case "joinGroup":
    case "leaveGroup": {
      if (!connection.identity.permissions.canJoinLeave(frame.group)) {
        acknowledge(ctx, connection, frame.ackId, {
          name: "Forbidden",
          message: `The connection has no permission to join or leave group '${frame.group}'`,
        });
        return;
      }
      if (frame.type === "joinGroup") hub.join(connection, frame.group);
      else hub.leave(connection, frame.group);
      acknowledge(ctx, connection, frame.ackId);
      return;
    }
    case "sendToGroup": {
      if (!connection.identity.permissions.canSendTo(frame.group)) {
        acknowledge(ctx, connection, frame.ackId, {
          name: "Forbidden",
          message: `The connection has no permission to send to group '${frame.group}'`,
        });
        return;
      }
      const message = OutboundMessage.group(frame.group, connection.userId, frame.payload);
      hub.sendToGroup(frame.group, message, frame.noEcho ? connection : undefined);
      acknowledge(ctx, connection, frame.ackId);
      return;
    }
    case "event":
      event(ctx, hub, connection, frame.event, frame.ackId, frame.payload);
      return;
  }
}

function event(
  ctx: UpstreamContext,
  hub: Hub,
  connection: ClientConnection,
  name: string,
  ackId: number | undefined,
  payload: WirePayload,
): void {
  const handler = ctx.onEvent;
  if (handler === undefined) {
    acknowledge(ctx, connection, ackId);
    return;
  }
  const settle = (result: unknown): void => {
    if (connection.removed) return;
    const error =
      typeof result === "object" && result !== null ? (result as { error?: unknown }).error : undefined;
    acknowledge(
      ctx,
      connection,
      ackId,
      isClientError(error) ? { name: error.name, message: error.message } : undefined,
    );
  };
  const fail = (error: unknown): void => {
    ctx.log.warn(`onEvent handler failed for event '${name}': ${String(error)}`);
    if (!connection.removed) acknowledge(ctx, connection, ackId, internalError(error));
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
    });
    if (result instanceof Promise) result.then(settle, fail);
    else settle(result);
  } catch (error) {
    fail(error);
  }
}

function invoke(
  ctx: UpstreamContext,
  connection: ClientConnection,
  invocationId: string,
  name: string,
  payload: WirePayload | undefined,
): void {
  const handler = ctx.onInvoke;
  if (handler === undefined) {
    connection.send(invokeErrorFrame(invocationId, NO_INVOKE_HANDLER));
    return;
  }
  if (connection.invocations.has(invocationId)) {
    connection.send(
      invokeErrorFrame(invocationId, {
        name: "BadRequest",
        message: `Invocation '${invocationId}' is already in progress`,
      }),
    );
    return;
  }
  const controller = new AbortController();
  connection.invocations.set(invocationId, controller);
  const respond = (frame: string): void => {
    // A cancelled or disconnected invocation has already been answered (or cannot be).
    if (connection.invocations.get(invocationId) !== controller) return;
    connection.invocations.delete(invocationId);
    connection.send(frame);
  };
  const settle = (result: InvokeResult): void => {
    if (typeof result === "object" && result !== null && "error" in result) {
      const error = result.error;
      respond(
        invokeErrorFrame(
          invocationId,
          isClientError(error)
            ? error
            : { name: "InternalServerError", message: "The handler returned an invalid error" },
        ),
      );
      return;
    }
    if (result === undefined || result === null || result.dataType === undefined) {
      respond(invokeSuccessFrame(invocationId, undefined));
      return;
    }
    const wire = fromAppData(result.dataType, result.data);
    if (typeof wire === "string") {
      ctx.log.warn(`onInvoke handler returned an invalid result for '${name}': ${wire}`);
      respond(invokeErrorFrame(invocationId, { name: "InternalServerError", message: wire }));
      return;
    }
    respond(invokeSuccessFrame(invocationId, wire));
  };
  const fail = (error: unknown): void => {
    ctx.log.warn(`onInvoke handler failed for '${name}': ${String(error)}`);
    respond(invokeErrorFrame(invocationId, internalError(error)));
  };
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
