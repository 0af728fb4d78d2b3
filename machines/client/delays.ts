/** The client machine's named delays: every timer it has, read from its configuration. */
import { attemptDelayInMs, jitterDraw } from "../rules/retry.js";
import type { ClientContext } from "./types.js";

/** With the pong timeout off, how long a recovery socket or a liveness probe may stay silent. */
export const DEFAULT_CONFIRM_TIMEOUT_MS = 10_000;

/** Draws for reconnect delays start here, so they never repeat the recovery delays' draws. */
const RECONNECT_DRAWS = 0x10000;

interface Args {
  readonly context: ClientContext;
}

export const delays = {
  keepAliveInterval: ({ context }: Args) => context.config.keepAliveIntervalInMs,
  pongTimeout: ({ context }: Args) => context.config.pongTimeoutInMs,
  /** How long a recovery socket may stay silent after our ping. */
  recoveryConfirmTimeout: ({ context }: Args) => context.config.pongTimeoutInMs || DEFAULT_CONFIRM_TIMEOUT_MS,
  /** How long a liveness probe waits for its pong. */
  livenessProbeTimeout: ({ context }: Args) => context.config.pongTimeoutInMs || DEFAULT_CONFIRM_TIMEOUT_MS,
  sequenceAckInterval: ({ context }: Args) => context.config.sequenceAckIntervalInMs,
  recoveryWindow: ({ context }: Args) => context.config.recoveryWindowInMs,
  /** Backoff (`machines/rules/retry.ts`), or later if the service's refusal said when to come back. */
  recoveryDelay: ({ context }: Args) =>
    attemptDelayInMs(
      context.config.recoveryRetry,
      context.recoveryAttempt + 1,
      jitterDraw(context.seed, context.recoveryAttempt + 1),
      context.refusal?.retryAfterMs,
    ),
  /** The first attempt is immediate (unless the service said when); then backoff. */
  reconnectDelay: ({ context }: Args) =>
    attemptDelayInMs(
      context.config.reconnectRetry,
      context.reconnectAttempt,
      jitterDraw(context.seed, RECONNECT_DRAWS + context.reconnectAttempt),
      context.refusal?.retryAfterMs,
    ),
  connectTimeout: ({ context }: Args) => context.config.connectTimeoutInMs,
  closeTimeout: ({ context }: Args) => context.config.closeTimeoutInMs,
};

export type ClientDelay = keyof typeof delays;
