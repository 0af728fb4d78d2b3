/**
 * Everything behind the facade, built and wired in one place: the client actor (the statechart,
 * provided once for every client, with this client's ports), the socket session, the link, the
 * operations, the listeners and the live inspector. It routes what the machine emits — `link.*`
 * facts to the operations, `start.*` facts to the `start()` promise, the rest to the
 * application's listeners — and runs the operations described in `operation-kinds.ts`.
 */
import { createActor, type Actor, type InspectionEvent, type Observer } from "xstate";
import { ResultAsync, err, errAsync, ok, type Result } from "neverthrow";
import type { ClientEmitted, ClientEvent } from "../../machines/client.machine.js";
import type { OperationOutcome } from "../../machines/operation.machine.js";
import { SendMessageError } from "../errors.js";
import { createInspectorSender, type InspectorSender } from "../inspect/sender.js";
import { createLogger, type Logger } from "../logging.js";
import { codecOf } from "../protocol/codec.js";
import type {
  GroupDataMessage,
  ServerDataMessage,
  StreamAckMessage,
  StreamClosedMessage,
  StreamDataError,
  StreamNackMessage,
} from "../protocol/messages.js";
// `ws` in Node; the browser build swaps in the global WebSocket (scripts/browser-build.ts).
import { createDefaultSocket } from "../transport/default-socket.js";
import type { SocketFactory } from "../transport/socket.js";
import type {
  GroupStream,
  GroupStreamSubscription,
  GroupStreamWriter,
  OnGroupStreamOptions,
  OpenGroupStreamOptions,
} from "../stream-types.js";
import type {
  AbortSignalLike,
  InvocationFailure,
  InvokeEventResult,
  OperationFailure,
  StartFailure,
  StartOptions,
  WebPubSubClientCredential,
  WebPubSubClientOptions,
  WebPubSubResult,
} from "../types.js";
import { attachPorts, providedClientMachine } from "./client-actors.js";
import { validateUrl } from "./credential.js";
import type { EnvironmentReporter } from "./environment.js";
import { Link } from "./link.js";
import { Listeners } from "./listeners.js";
import { INVOKE_EVENT, type AckedOperation, type EventArgs } from "./operation-kinds.js";
import { Operations } from "./operations/index.js";
import { isAckId } from "./operations/ack-ids.js";
import { resolveOptions } from "./options.js";
import { SocketSession, type StreamAnswers } from "./socket-session.js";
import { InboundStreams } from "./streams/inbound.js";
import { OutboundStreams } from "./streams/outbound.js";

/**
 * Options for tests and tools, not part of the documented API.
 * @internal
 */
export interface InternalClientOptions extends WebPubSubClientOptions {
  /** Replaces the `ws` socket (tests script a fake one). */
  socketFactory?: SocketFactory;
  /** Seeds the jitter of retry and reconnect delays (a random seed per client otherwise). */
  seed?: number;
  /** Replaces the environment's reporter (tests drive a fake page; Node's default reports nothing). */
  environment?: EnvironmentReporter;
  /** Delivers data messages directly while connected even under inspection (model runs of that path). */
  directDelivery?: boolean;
}

/** How an operation is asked for: the options every acked method takes. */
export interface OperationRequest {
  readonly ackId?: number | undefined;
  readonly abortSignal?: AbortSignalLike | undefined;
  readonly fireAndForget?: boolean | undefined;
}

type ClientActor = Actor<ReturnType<typeof providedClientMachine>>;

const NOT_STARTED: OperationFailure = Object.freeze({ kind: "stopped" });
const CONNECTION_LOST: StreamDataError = Object.freeze({
  name: "ConnectionLost",
  message: "The connection was lost and could not be recovered; fragments after it were not received.",
});
const STOPPED: StreamDataError = Object.freeze({ name: "Stopped", message: "The client stopped." });

/** A random stream id: `crypto.randomUUID` where it exists (not on plain-http pages), else 128 random bits. */
function newStreamId(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join(
    "",
  );
}

/**
 * Settles an operation. A function of its own so that the callback's closure holds `ackId` only
 * (closures made in one function share one context: heap per pending operation).
 */
function settleAcked(
  submitted: Promise<OperationOutcome>,
  ackId: number,
): Promise<Result<WebPubSubResult, OperationFailure>> {
  return submitted.then((outcome) => ackedResult(outcome, ackId));
}

function ackedResult(outcome: OperationOutcome, ackId: number): Result<WebPubSubResult, OperationFailure> {
  return outcome.status === "succeeded"
    ? ok({ ackId, isDuplicated: outcome.isDuplicated })
    : err(outcome.failure as OperationFailure);
}

function invalid(message: string): { kind: "invalid-argument"; message: string } {
  return { kind: "invalid-argument", message };
}

function aborted<T extends object>(ids: T, reason: unknown): T & { kind: "aborted"; reason?: unknown } {
  return reason === undefined ? { ...ids, kind: "aborted" } : { ...ids, kind: "aborted", reason };
}

export class ClientRuntime implements StreamAnswers {
  readonly actor: ClientActor;
  readonly listeners: Listeners;
  private readonly logger: Logger;
  private readonly operations: Operations;
  /** Made at the first stream (most clients never have one). */
  private readonly link: Link;
  private streams: { readonly outbound: OutboundStreams; readonly inbound: InboundStreams } | undefined;
  private readonly inspect: Observer<InspectionEvent> | ((event: InspectionEvent) => void) | undefined;
  private readonly credential: WebPubSubClientCredential;
  /** The pending `start()`: settled by the machine's facts (`connected`, `start.failed`, `stopped`). */
  private startWaiter: ((result: Result<void, StartFailure>) => void) | undefined;
  /** The live-inspector sender made for an `inspect` URL; stopped on dispose, not on `stop()`. */
  private readonly inspectorSender: InspectorSender | undefined;

  constructor(credential: WebPubSubClientCredential, options: WebPubSubClientOptions | undefined) {
    const internal = (options ?? {}) as InternalClientOptions;
    const resolved = resolveOptions(options);
    this.credential = credential;
    this.logger = createLogger(options?.logger);
    this.listeners = new Listeners(this.logger);
    const seed = internal.seed ?? (Math.random() * 0x1_0000_0000) | 0;
    // A URL means our live inspector (`wps inspect`): one sender serves the client and its operations.
    this.inspectorSender =
      typeof options?.inspect === "string" ? createInspectorSender(options.inspect) : undefined;
    const inspect =
      this.inspectorSender?.inspect ?? (typeof options?.inspect === "string" ? undefined : options?.inspect);
    const link = new Link(codecOf(resolved.protocol));
    this.link = link;
    this.operations = new Operations({
      link,
      logger: this.logger,
      retry: resolved.messageRetry,
      ackTimeoutInMs: resolved.ackTimeoutInMs,
      inDoubt: resolved.inDoubt,
      inspect,
      seed,
    });
    // Under inspection every data message goes through the machine, so that it shows as an event.
    const direct = internal.directDelivery ?? inspect === undefined;
    const config =
      direct === resolved.machine.directDelivery
        ? resolved.machine
        : { ...resolved.machine, directDelivery: direct };
    this.inspect = inspect;
    const socket = new SocketSession({
      factory: internal.socketFactory ?? createDefaultSocket,
      link,
      logger: this.logger,
      streams: this,
      operations: this.operations,
      ackIds: this.operations.ackIds,
      delivery: {
        reliable: config.reliable,
        gapThreshold: config.sequenceAckGapThreshold,
        // A bound method: smaller than a closure with its context, and kept for the client's life.
        deliver: this.deliverMessage.bind(this),
      },
    });
    // One machine definition shared by all clients; this client's ports are found by its system.
    this.actor = createActor(providedClientMachine(internal.environment), {
      input: { config, seed },
      ...(inspect !== undefined ? { inspect } : {}),
    });
    attachPorts(this.actor.system, { socket, credential });
    this.actor.on("*", (event) => this.onEmitted(event as ClientEmitted));
    this.actor.start();
  }

  // -- lifecycle --------------------------------------------------------------------------------

  start(options: StartOptions | undefined): ResultAsync<void, StartFailure> {
    if (!this.actor.getSnapshot().matches("stopped") || this.startWaiter !== undefined) {
      return errAsync({
        kind: "invalid-state",
        message: "The client can be started only when it is stopped.",
      });
    }
    if (typeof this.credential.getClientAccessUrl === "string") {
      const problem = validateUrl(this.credential.getClientAccessUrl);
      if (problem !== undefined) return errAsync(invalid(problem));
    }
    const signal = options?.abortSignal;
    const abortedStart = (): StartFailure =>
      aborted({ message: "start() was aborted." }, signal?.reason) as StartFailure;
    if (signal?.aborted) return errAsync(abortedStart());
    const promise = new Promise<Result<void, StartFailure>>((resolve) => {
      if (signal === undefined) {
        this.startWaiter = resolve;
        return;
      }
      // Aborting a start is stopping the client; the failure then says it was aborted.
      let wasAborted = false;
      const onAbort = () => {
        wasAborted = true;
        this.stop();
      };
      signal.addEventListener("abort", onAbort);
      this.startWaiter = (result) => {
        signal.removeEventListener("abort", onAbort);
        resolve(result.isErr() && wasAborted ? err(abortedStart()) : result);
      };
    });
    this.operations.start();
    this.actor.send({ type: "START" });
    return new ResultAsync(promise);
  }

  stop(): void {
    this.actor.send({ type: "STOP" });
  }

  /** Stops the client and waits for `stopped`. */
  async stopAndWait(): Promise<void> {
    if (this.actor.getSnapshot().matches("stopped")) return;
    const stopped = new Promise<void>((resolve) => this.listeners.once("stopped", () => resolve()));
    this.stop();
    await stopped;
  }

  async dispose(): Promise<void> {
    await this.stopAndWait();
    this.inspectorSender?.stop();
  }

  // -- operations -------------------------------------------------------------------------------

  /** Runs an acked operation (or a fire-and-forget send). Never rejects. */
  perform<Args>(
    kind: AckedOperation<Args>,
    args: Args,
    request: OperationRequest | undefined,
  ): Promise<Result<WebPubSubResult, OperationFailure>> {
    // Not `async`: a pending operation holds one promise and one callback, not a suspended frame
    // (heap per pending operation is one of the benchmark's figures).
    const problem = kind.validate(args);
    if (problem !== undefined) return Promise.resolve(err(invalid(problem)));
    const signal = request?.abortSignal;
    if (kind.fireAndForget && request?.fireAndForget === true) {
      if (signal?.aborted) return Promise.resolve(err(aborted({}, signal.reason)));
      return this.operations
        .submitFireAndForget(kind.frame(args, undefined), signal)
        .then((outcome) => (outcome === undefined ? ok({ isDuplicated: false }) : err(outcome)));
    }
    const requested = request?.ackId;
    if (requested !== undefined) {
      if (!isAckId(requested))
        return Promise.resolve(err(invalid("ackId must be a non-negative safe integer.")));
      if (this.operations.isPending(requested)) {
        return Promise.resolve(err(invalid(`An operation with ackId ${requested} is already pending.`)));
      }
    }
    if (this.operations.linkState === "stopped") {
      return Promise.resolve(
        err(requested === undefined ? NOT_STARTED : { kind: "stopped", ackId: requested }),
      );
    }
    let ackId: number;
    if (requested === undefined) ackId = this.operations.ackIds.allocate();
    else {
      ackId = requested;
      this.operations.ackIds.reserve(ackId);
    }
    if (signal?.aborted) return Promise.resolve(err(aborted({ ackId }, signal.reason)));
    const submitted = this.operations.submit({ kind: "ack", ackId }, kind.frame(args, ackId), signal);
    return kind.onSuccess === undefined
      ? settleAcked(submitted, ackId)
      : this.settleLearning(submitted, ackId, kind.onSuccess(args));
  }

  /** Settles an operation whose success teaches the machine something (`learned`). */
  private settleLearning(
    submitted: Promise<OperationOutcome>,
    ackId: number,
    learned: ClientEvent,
  ): Promise<Result<WebPubSubResult, OperationFailure>> {
    return submitted.then((outcome) => {
      if (outcome.status === "succeeded") this.actor.send(learned);
      return ackedResult(outcome, ackId);
    });
  }

  /** Runs an invocation. Never rejects. */
  async invoke(
    args: EventArgs,
    request:
      | { readonly invocationId?: string | undefined; readonly abortSignal?: AbortSignalLike | undefined }
      | undefined,
  ): Promise<Result<InvokeEventResult, InvocationFailure>> {
    const problem = INVOKE_EVENT.validate(args);
    if (problem !== undefined) return err(invalid(problem));
    const requested = request?.invocationId;
    if (requested !== undefined && (typeof requested !== "string" || requested === "")) {
      return err(invalid("invocationId must be a non-empty string."));
    }
    if (requested !== undefined && this.operations.isPending(requested)) {
      return err(invalid(`An invocation with id ${requested} is already pending.`));
    }
    const invocationId = requested ?? this.operations.allocateInvocationId();
    if (this.operations.linkState === "stopped") return err({ kind: "stopped", invocationId });
    const signal = request?.abortSignal;
    if (signal?.aborted) return err(aborted({ invocationId }, signal.reason));
    const outcome: OperationOutcome = await this.operations.submit(
      { kind: "invoke", invocationId },
      INVOKE_EVENT.frame(args, invocationId),
      signal,
    );
    if (outcome.status === "failed") return err(outcome.failure as InvocationFailure);
    const response = outcome.response;
    const result: InvokeEventResult = { invocationId };
    if (response?.dataType !== undefined) result.dataType = response.dataType;
    if (response?.data !== undefined) result.data = response.data;
    return ok(result);
  }

  // -- group streams (preview) -----------------------------------------------------------------

  /** Opens an outbound stream; resolves with its writer once the service acknowledged the start. */
  async openGroupStream(
    group: string,
    options: OpenGroupStreamOptions | undefined,
  ): Promise<GroupStreamWriter> {
    if (typeof group !== "string" || group === "")
      throw new TypeError("groupName must be a non-empty string.");
    const streamId = options?.streamId ?? newStreamId();
    if (typeof streamId !== "string" || streamId === "")
      throw new TypeError("streamId must be a non-empty string.");
    if (this.streams?.outbound.has(streamId) === true)
      throw new Error(`Stream '${streamId}' already exists.`);
    if (this.operations.linkState !== "ready") {
      throw new Error(
        `Stream '${streamId}' cannot be opened: the client is not connected (state ${this.stateName()}).`,
      );
    }
    return this.streamsInUse().outbound.open(group, streamId, options ?? {});
  }

  /** Subscribes to inbound group streams. */
  onGroupStream(
    callback: (stream: GroupStream) => void | Promise<void>,
    options: OnGroupStreamOptions | undefined,
  ): GroupStreamSubscription {
    if (typeof callback !== "function") throw new TypeError("callback must be a function.");
    return this.streamsInUse().inbound.subscribe(callback, options);
  }

  /** {@link StreamAnswers.route}: the service's stream answers, for the outbound streams. */
  route(message: StreamAckMessage | StreamNackMessage | StreamClosedMessage): boolean {
    return this.streams?.outbound.route(message) ?? false;
  }

  private streamsInUse(): { readonly outbound: OutboundStreams; readonly inbound: InboundStreams } {
    const link = this.link;
    return (this.streams ??= {
      outbound: new OutboundStreams({
        write: (message) => link.write(message),
        logger: this.logger,
        inspect: this.inspect,
      }),
      inbound: new InboundStreams({ logger: this.logger, inspect: this.inspect }),
    });
  }

  private stateName(): string {
    return JSON.stringify(this.actor.getSnapshot().value);
  }

  // -- what the machine and the socket session say ---------------------------------------------

  /** A data message the socket session delivered directly (`machines/rules/inbound.ts`). */
  private deliverMessage(message: GroupDataMessage | ServerDataMessage): void {
    if (message.kind === "groupData") this.groupMessage(message);
    else this.listeners.dispatch("server-message", { message });
  }

  /** A group message: the application's listeners hear it, and stream subscriptions follow it. */
  private groupMessage(message: GroupDataMessage): void {
    this.listeners.dispatch("group-message", { message });
    this.streams?.inbound.handle(message);
  }

  /** `stop()`: every pending operation and stream ends. */
  private stopAll(): void {
    this.operations.stopAll();
    this.streams?.outbound.broadcast({ type: "STOP" });
    this.streams?.inbound.closeAll(STOPPED);
  }

  private settleStart(result: Result<void, StartFailure>): void {
    const waiter = this.startWaiter;
    if (waiter === undefined) return;
    this.startWaiter = undefined;
    waiter(result);
  }

  private onEmitted(event: ClientEmitted): void {
    const { listeners, logger } = this;
    switch (event.type) {
      case "link.ready":
        this.operations.linkReady(event.resumed);
        return this.streams?.outbound.broadcast({ type: "LINK.READY", resumed: event.resumed });
      case "link.suspended":
        this.operations.linkSuspended();
        return this.streams?.outbound.broadcast({ type: "LINK.SUSPENDED" });
      case "link.lost":
        this.operations.linkLost();
        this.streams?.outbound.broadcast({ type: "LINK.LOST" });
        return this.streams?.inbound.closeAll(CONNECTION_LOST);
      case "link.stopped":
        return this.stopAll();
      case "start.failed": {
        this.stopAll();
        const { type: _type, ...facts } = event;
        logger.warn(`start() failed: ${event.message}`);
        return this.settleStart(err({ kind: "connection-failed", ...facts }));
      }
      case "connected":
        logger.info(`Connected: ${event.connectionId}`);
        this.settleStart(ok(undefined));
        return listeners.dispatch("connected", { connectionId: event.connectionId, userId: event.userId });
      case "disconnected": {
        const { type: _type, ...args } = event;
        logger.info(`Disconnected: ${event.code} ${event.reason}`);
        return listeners.dispatch("disconnected", args);
      }
      case "stopped":
        this.stopAll();
        this.settleStart(err({ kind: "stopped", message: "The client was stopped before it connected." }));
        return listeners.dispatch("stopped", {});
      case "recovering": {
        const { type: _type, ...args } = event;
        logger.info(`Recovering ${event.connectionId} after close ${event.code}`);
        return listeners.dispatch("recovering", args);
      }
      case "recovered":
        logger.info(`Recovered ${event.connectionId}`);
        return listeners.dispatch("recovered", { connectionId: event.connectionId });
      case "server-message":
        return listeners.dispatch("server-message", { message: event.message });
      case "group-message":
        return this.groupMessage(event.message);
      case "rejoin-group-failed": {
        const error = new SendMessageError(
          `Failed to rejoin group ${event.group}: ${event.error.name}: ${event.error.message}`,
          { errorDetail: event.error },
        );
        return listeners.dispatch("rejoin-group-failed", { group: event.group, error });
      }
    }
  }
}
