/** The client machine's guards: questions about the context and the event, answered purely. */
import { CloseCode } from "../../src/protocol/messages.js";
import { isNewSequence } from "../rules/inbound.js";
import { canRetry } from "../rules/retry.js";
import type { ClientContext, ClientEvent } from "./types.js";

interface Args {
  readonly context: ClientContext;
  readonly event: ClientEvent;
}

export const guards = {
  isFirstConnection: ({ context }: Args) => !context.everConnected,
  canReconnect: ({ context }: Args) =>
    context.config.autoReconnect && canRetry(context.config.reconnectRetry, context.reconnectAttempt + 1),
  isAutoReconnect: ({ context }: Args) => context.config.autoReconnect,
  canRecover: ({ context }: Args) =>
    context.config.reliable &&
    context.connection !== undefined &&
    // The token is absent (not "") when the service sent none, as the official reader leaves it.
    Boolean(context.connection.reconnectionToken) &&
    // 1008: the session is gone; 1000: the service closed it on purpose (it removes the session).
    context.lastClose?.code !== CloseCode.PolicyViolation &&
    context.lastClose?.code !== CloseCode.Normal,
  isSessionGone: ({ event }: Args) =>
    event.type === "SOCKET.CLOSED" && event.code === CloseCode.PolicyViolation,
  rejoinsSettled: ({ context }: Args) => context.rejoins.length === 0,
  isNewMessage: ({ context, event }: Args) =>
    event.type === "MESSAGE.RECEIVED" && isNewSequence(context.lastSequenceId, event.message.sequenceId),
  isNotReliable: ({ context }: Args) => !context.config.reliable,
  /** Something received is not acknowledged yet (entering `connected`, before delegating). */
  hasUnackedSequence: ({ context }: Args) => context.lastSequenceId !== context.ackedSequenceId,
  /** The sequence state sent back is this connection's (not a stale answer after it ended). */
  isCurrentSequence: ({ context, event }: Args) =>
    event.type === "SEQUENCE.RECLAIMED" && event.connectionId === context.connection?.connectionId,
  isPingEnabled: ({ context }: Args) => context.config.keepAliveIntervalInMs > 0,
  isPongTimeoutEnabled: ({ context }: Args) => context.config.pongTimeoutInMs > 0,
};

export type ClientGuard = keyof typeof guards;
