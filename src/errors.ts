/**
 * Error classes thrown by the Promise form of the client's methods. `SendMessageError` and
 * `InvocationError` have the official client's constructor and fields; each also carries the typed
 * `failure` that the `…Result` methods return, so code can branch on `error.failure.kind`.
 */
import type { AckMessageError, InvokeResponseError } from "./protocol/messages.js";
import type { InvocationFailure, OperationFailure, StartFailure } from "./types.js";

export interface SendMessageErrorOptions {
  ackId?: number;
  errorDetail?: AckMessageError;
  /** Beyond the official client: the typed reason. */
  failure?: OperationFailure;
}

/** An acked operation (join, leave, sendToGroup, sendEvent) failed. */
export class SendMessageError extends Error {
  override name = "SendMessageError";
  /** The ackId every attempt used: pass it as `options.ackId` to retry with de-duplication. */
  ackId?: number;
  /** The service's error, for `rejected` failures. */
  errorDetail?: AckMessageError;
  /** Why it failed. */
  readonly failure: OperationFailure;

  constructor(message: string, options: SendMessageErrorOptions) {
    super(message);
    if (options.ackId !== undefined) this.ackId = options.ackId;
    if (options.errorDetail !== undefined) this.errorDetail = options.errorDetail;
    this.failure = options.failure ?? fallbackOperationFailure(options);
  }
}

export interface InvocationErrorOptions {
  invocationId: string;
  errorDetail?: InvokeResponseError;
  /** Beyond the official client: the typed reason. */
  failure?: InvocationFailure;
}

/** An `invokeEvent` failed. */
export class InvocationError extends Error {
  override name = "InvocationError";
  invocationId: string;
  errorDetail?: InvokeResponseError;
  readonly failure: InvocationFailure;

  constructor(message: string, options: InvocationErrorOptions) {
    super(message);
    this.invocationId = options.invocationId;
    if (options.errorDetail !== undefined) this.errorDetail = options.errorDetail;
    this.failure =
      options.failure ??
      (options.errorDetail
        ? { kind: "rejected", invocationId: options.invocationId, errorDetail: options.errorDetail }
        : { kind: "outcome-unknown", invocationId: options.invocationId });
  }
}

/** `start()` failed. */
export class StartError extends Error {
  override name = "StartError";
  readonly failure: StartFailure;

  constructor(failure: StartFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

function fallbackOperationFailure(options: SendMessageErrorOptions): OperationFailure {
  if (options.ackId !== undefined && options.errorDetail !== undefined) {
    return { kind: "rejected", ackId: options.ackId, errorDetail: options.errorDetail };
  }
  if (options.ackId !== undefined) return { kind: "outcome-unknown", ackId: options.ackId };
  return { kind: "invalid-argument", message: "unspecified failure" };
}

/**
 * `name: message`, or the name alone: the service may send an error without a message (it is then
 * absent, as the official reader leaves it).
 */
export function describeErrorDetail(detail: AckMessageError | InvokeResponseError): string {
  return detail.message === undefined || detail.message === ""
    ? detail.name
    : `${detail.name}: ${detail.message}`;
}

/** The message a Promise-form error carries for a failure. */
export function describeOperationFailure(failure: OperationFailure): string {
  switch (failure.kind) {
    case "rejected":
      return `The service rejected the operation (ackId ${failure.ackId}): ${describeErrorDetail(failure.errorDetail)}`;
    case "timeout":
      return `No ack arrived in time (ackId ${failure.ackId})`;
    case "outcome-unknown":
      return `The connection was lost for good before the ack arrived (ackId ${failure.ackId}); the service may or may not have processed it. Retry with the same ackId on a connection that can de-duplicate it, or check the outcome`;
    case "stopped":
      return "The client is stopped";
    case "aborted":
      return "The operation was aborted";
    case "invalid-argument":
      return failure.message;
  }
}

/** Builds the Promise-form error for an operation failure. */
export function toSendMessageError(failure: OperationFailure): SendMessageError {
  const options: SendMessageErrorOptions = { failure };
  if ("ackId" in failure && failure.ackId !== undefined) options.ackId = failure.ackId;
  if (failure.kind === "rejected") options.errorDetail = failure.errorDetail;
  return new SendMessageError(describeOperationFailure(failure), options);
}

/** Builds the Promise-form error for an invocation failure. */
export function toInvocationError(failure: InvocationFailure): InvocationError {
  const invocationId = "invocationId" in failure ? failure.invocationId : "";
  const options: InvocationErrorOptions = { invocationId, failure };
  if (failure.kind === "rejected") options.errorDetail = failure.errorDetail;
  const message =
    failure.kind === "rejected"
      ? `The invocation failed: ${describeErrorDetail(failure.errorDetail)}`
      : failure.kind === "invalid-argument"
        ? failure.message
        : `The invocation ${invocationId} ended: ${failure.kind}`;
  return new InvocationError(message, options);
}
