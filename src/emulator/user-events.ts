/**
 * Who answers a client's user event (`event`, `invoke`, a raw client's frame) and what the client
 * gets. In order: the hub's first event handler that takes the event (its answer becomes a
 * message to the client), else the `onEvent`/`onInvoke` hook, else nobody — which a hub without
 * event handlers treats as success (the emulator standing in for an app server that accepts
 * events) and a hub with them as a failure, as the service does. A raw client whose event fails
 * is closed with 1011.
 */
import { CloseCode } from "../protocol/messages.js";
import type { ClientConnection } from "./connection.js";
import type { EventHandlers, HandledConnection, UserEventOutcome } from "./handlers/dispatcher.js";
import type { ResolvedEventHandler } from "./handlers/settings.js";
import type { Metadata } from "./metadata.js";
import { OutboundMessage } from "./outbound.js";
import type { Payload } from "./payload.js";
import type { ClientError } from "./types.js";

/** What answering a user event needs from the service. */
export interface UserEventContext {
  readonly handlers: EventHandlers;
}

/** A user event, as a client sent it. */
export interface ClientEvent {
  readonly event: string;
  readonly payload: Payload;
  readonly metadata: Metadata | undefined;
}

/** How the event ended for the client: success, or the error its ack carries. */
export type EventVerdict = { readonly error?: ClientError };

/** A raw client's event failed: closed with 1011 and a reason that says nothing of the handler. */
export function closeSimpleClient(connection: ClientConnection): void {
  connection.close(CloseCode.InternalError, "The event could not be handled", false);
}

/** A connection as the event handlers see it. */
export function handledConnection(connection: ClientConnection): HandledConnection {
  return {
    id: connection.id,
    hub: connection.identity.hub,
    userId: connection.userId,
    subprotocol: undefined,
  };
}

function failure(outcome: Extract<UserEventOutcome, { ok: false }>): ClientError {
  return { name: "InternalServerError", message: `The event handler failed: ${outcome.reason}` };
}

/**
 * Sends an event to its handler and settles it: the reply (if any) is delivered to the client as
 * a server message before the verdict, so a client sees the answer before its ack.
 */
export async function eventToHandler(
  ctx: UserEventContext,
  connection: ClientConnection,
  handler: ResolvedEventHandler,
  request: ClientEvent,
): Promise<EventVerdict> {
  const outcome = await ctx.handlers.userEvent(handledConnection(connection), handler, {
    event: request.event,
    payload: request.payload,
    metadata: request.metadata,
    replyAsText: connection.protocol.simple === true,
  });
  if (!outcome.ok) return { error: failure(outcome) };
  const reply = outcome.reply;
  if (reply !== undefined && !connection.removed) {
    connection.deliver(OutboundMessage.server(reply.payload, reply.metadata));
  }
  return {};
}

/** No handler and no hook: success, unless the hub's event handlers are the app (then a failure). */
export function unhandledEvent(
  ctx: UserEventContext,
  connection: ClientConnection,
  event: string,
): EventVerdict {
  if (connection.protocol.simple !== true && !ctx.handlers.hasHandlers(connection.identity.hub)) return {};
  return {
    error: {
      name: "InternalServerError",
      message: `No event handler of hub '${connection.identity.hub}' takes the event '${event}'`,
    },
  };
}

/** An invocation's answer from its handler: the reply's payload, or the error. */
export async function invokeHandler(
  ctx: UserEventContext,
  connection: ClientConnection,
  handler: ResolvedEventHandler,
  request: ClientEvent | (Omit<ClientEvent, "payload"> & { readonly payload: undefined }),
  signal: AbortSignal,
): Promise<{ readonly payload?: Payload } | { readonly error: ClientError }> {
  const outcome = await ctx.handlers.invoke(handledConnection(connection), handler, {
    event: request.event,
    // An invocation without data is an empty text event to the handler.
    payload: request.payload ?? { dataType: "text", data: "" },
    metadata: request.metadata,
    signal,
  });
  if (!outcome.ok) return { error: failure(outcome) };
  return outcome.reply === undefined ? {} : { payload: outcome.reply.payload };
}
