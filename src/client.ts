/// <reference lib="esnext.disposable" />
/**
 * The facade: `WebPubSubClient`, a drop-in superset of `@azure/web-pubsub-client` 1.1's class.
 * Thin on purpose: methods become events for the client machine or submissions to the operation
 * registry; what the machine emits becomes callbacks and settled promises.
 */
import { createActor, type Actor } from "xstate";
import { errAsync, ResultAsync, err, ok, type Result } from "neverthrow";
import type { clientMachine, ClientEmitted } from "../machines/client.machine.js";
import { InboundSequence } from "../machines/inbound.js";
import type { OperationOutcome } from "../machines/operation.machine.js";
import { SendMessageError, StartError, toInvocationError, toSendMessageError } from "./errors.js";
import { createLogger, type Logger } from "./logging.js";
import { validatePayload } from "./protocol/json-codec.js";
import type {
  GroupDataMessage,
  JSONTypes,
  ServerDataMessage,
  UpstreamMessage,
  WebPubSubDataType,
} from "./protocol/messages.js";
import { OperationRegistry } from "./runtime/operation-registry.js";
import { resolveOptions, type ResolvedOptions } from "./runtime/options.js";
import type { EnvironmentReporter } from "./runtime/environment.js";
import { attachPorts, providedClientMachine, type ClientPorts } from "./runtime/client-actors.js";
// `ws` in Node; the browser build swaps in the global WebSocket (scripts/browser-build.ts).
import { createDefaultSocket } from "./transport/default-socket.js";
import { createInspectorSender, type InspectorSender } from "./inspect/sender.js";
import type { SocketFactory } from "./transport/socket.js";
import { Link, SocketSession } from "./transport/socket-actor.js";
import { validateUrl } from "./runtime/credential.js";
import type {
  AbortSignalLike,
  InvocationFailure,
  InvokeEventOptions,
  InvokeEventResult,
  JoinGroupOptions,
  LeaveGroupOptions,
  OperationFailure,
  SendEventOptions,
  SendToGroupOptions,
  StartFailure,
  StartOptions,
  WebPubSubClientCredential,
  WebPubSubClientEventName,
  WebPubSubClientEvents,
  WebPubSubClientOptions,
  WebPubSubClientState,
  WebPubSubResult,
} from "./types.js";

/**
 * Options for tests and tools, not part of the documented API.
 * @internal
 */
export interface InternalClientOptions extends WebPubSubClientOptions {
  /** Replaces the `ws` socket (tests script a fake one). */
  socketFactory?: SocketFactory;
  /** Replaces `Math.random` for jitter. */
  random?: () => number;
  /** Replaces the environment's reporter (tests drive a fake page; Node's default reports nothing). */
  environment?: EnvironmentReporter;
}

type Listener<E extends WebPubSubClientEventName> = (args: WebPubSubClientEvents[E]) => void;
type AnyListener = (args: never) => void;

interface StartWaiter {
  resolve: (result: Result<void, StartFailure>) => void;
  aborted: boolean;
}

const NOT_STARTED: OperationFailure = Object.freeze({ kind: "stopped" });

function isAckId(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function invalid(message: string): { kind: "invalid-argument"; message: string } {
  return { kind: "invalid-argument", message };
}

/**
 * A client of Azure Web PubSub whose lifecycle is the statechart in `machines/client.machine.ts`.
 *
 * Every operation comes in two forms: the Promise form of the official client (throws
 * `SendMessageError`, `InvocationError` or `StartError`) and a `…Result` form returning a
 * neverthrow `ResultAsync` whose error is a typed failure union.
 */
export class WebPubSubClient implements AsyncDisposable {
  private readonly credential: WebPubSubClientCredential;
  private readonly options: ResolvedOptions;
  private readonly logger: Logger;
  private readonly link: Link;
  private readonly registry: OperationRegistry;
  private readonly listeners = new Map<WebPubSubClientEventName, Set<AnyListener>>();
  private readonly rootActor: Actor<typeof clientMachine>;
  private startWaiter: StartWaiter | undefined;
  /** The live-inspector sender made for an `inspect` URL; stopped on dispose, not on `stop()`, so a restarted client keeps it. */
  private readonly inspectorSender: InspectorSender | undefined;

  /**
   * @param credential - A client access URL, or a credential whose `getClientAccessUrl` is asked
   *   for a URL on `start()` and on every new connection (not on recovery).
   * @param options - Options; the official client's, with its defaults, plus ours.
   * @throws TypeError for a credential of the wrong type; RangeError for negative keep-alive times.
   */
  constructor(credential: string | WebPubSubClientCredential, options?: WebPubSubClientOptions) {
    if (typeof credential === "string") {
      this.credential = { getClientAccessUrl: credential };
    } else if (
      typeof credential === "object" &&
      credential !== null &&
      (typeof credential.getClientAccessUrl === "string" ||
        typeof credential.getClientAccessUrl === "function")
    ) {
      this.credential = credential;
    } else {
      throw new TypeError(
        "The first argument must be a client access URL (string) or a credential with getClientAccessUrl.",
      );
    }
    const internal = (options ?? {}) as InternalClientOptions;
    this.options = resolveOptions(options);
    this.logger = createLogger(options?.logger);
    this.link = new Link(this.options.protocol);
    const random = internal.random;
    // A URL means our live inspector (`wps inspect`): one sender serves the client and its operations.
    this.inspectorSender =
      typeof options?.inspect === "string" ? createInspectorSender(options.inspect) : undefined;
    const inspect =
      this.inspectorSender?.inspect ?? (typeof options?.inspect === "string" ? undefined : options?.inspect);
    this.registry = new OperationRegistry({
      link: this.link,
      logger: this.logger,
      retry: this.options.messageRetry,
      ackTimeoutInMs: this.options.ackTimeoutInMs,
      inDoubt: this.options.inDoubt,
      inspect,
      ...(random ? { random } : {}),
    });
    // The lean path for data messages (machines/inbound.ts), except under inspection, where
    // every message is shown as a MESSAGE.RECEIVED event.
    const inbound = new InboundSequence(inspect === undefined);
    // The registry routes acks itself; the session is the socket actor's body, the sockets'
    // listener and the watchdog's watch at once (one object per client rather than closures).
    const registry = this.registry;
    const ports: ClientPorts = {
      socket: new SocketSession({
        factory: internal.socketFactory ?? createDefaultSocket,
        link: this.link,
        logger: this.logger,
        operations: registry,
        inbound: {
          sequence: inbound,
          reliable: this.options.machine.reliable,
          gapThreshold: this.options.machine.sequenceAckGapThreshold,
          // A bound method: smaller than a closure with its context, and kept for the client's life.
          deliver: this.deliverMessage.bind(this),
        },
      }),
      credential: this.credential,
    };
    // One machine definition shared by all clients; this client's ports are found by its system.
    this.rootActor = createActor(providedClientMachine(internal.environment), {
      input: {
        config: this.options.machine,
        allocateAckId: registry.allocateMachineAckId.bind(registry),
        inbound,
        ...(random ? { random } : {}),
      },
      ...(inspect !== undefined ? { inspect } : {}),
    });
    attachPorts(this.rootActor.system, ports);
    this.rootActor.on("*", (event) => this.handleEmitted(event as ClientEmitted));
    this.rootActor.start();
  }

  /** A data message the socket actor accepted on the lean path (machines/inbound.ts). */
  private deliverMessage(message: GroupDataMessage | ServerDataMessage): void {
    if (message.kind === "groupData") this.dispatch("group-message", { message });
    else this.dispatch("server-message", { message });
  }

  // -------------------------------------------------------------------------------------------
  // Read-only views
  // -------------------------------------------------------------------------------------------

  /** The client statechart's actor, for inspection (`client.actor.subscribe(...)`, `getSnapshot()`). */
  get actor(): Actor<typeof clientMachine> {
    return this.rootActor;
  }

  /** The lifecycle state, from the statechart's tags. */
  get state(): WebPubSubClientState {
    const snapshot = this.rootActor.getSnapshot();
    if (snapshot.hasTag("connected")) return "connected";
    if (snapshot.hasTag("connecting")) return "connecting";
    if (snapshot.hasTag("recovering")) return "recovering";
    if (snapshot.hasTag("reconnecting")) return "reconnecting";
    if (snapshot.hasTag("stopping")) return "stopping";
    return "stopped";
  }

  /** The id of the current connection (also while it is being recovered). */
  get connectionId(): string | undefined {
    return this.rootActor.getSnapshot().context.connection?.connectionId;
  }

  /** The user id the service gave the current connection. */
  get userId(): string | undefined {
    return this.rootActor.getSnapshot().context.connection?.userId;
  }

  /** The groups joined with `joinGroup` (rejoined on a new connection when `autoRejoinGroups`). */
  get groups(): readonly string[] {
    return this.rootActor.getSnapshot().context.groups;
  }

  // -------------------------------------------------------------------------------------------
  // Lifecycle
  // -------------------------------------------------------------------------------------------

  /**
   * Connects. Resolves once the service's `connected` message has arrived and groups were
   * rejoined; rejects with {@link StartError} when the first connection fails (the client is then
   * stopped again, with no automatic reconnect) or the client is not stopped.
   */
  async start(options?: StartOptions): Promise<void> {
    const result = await this.startResult(options);
    if (result.isErr()) throw new StartError(result.error);
  }

  /** {@link WebPubSubClient.start} as a `ResultAsync`. */
  startResult(options?: StartOptions): ResultAsync<void, StartFailure> {
    if (this.state !== "stopped" || this.startWaiter !== undefined) {
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
    if (signal?.aborted) {
      return errAsync(this.abortedStart(signal.reason));
    }
    const promise = new Promise<Result<void, StartFailure>>((resolve) => {
      const waiter: StartWaiter = { resolve, aborted: false };
      this.startWaiter = waiter;
      if (signal !== undefined) {
        const onAbort = () => {
          if (this.startWaiter !== waiter) return;
          waiter.aborted = true;
          this.stop();
        };
        signal.addEventListener("abort", onAbort);
        waiter.resolve = (result) => {
          signal.removeEventListener("abort", onAbort);
          if (result.isErr() && waiter.aborted) resolve(err(this.abortedStart(signal.reason)));
          else resolve(result);
        };
      }
    });
    this.registry.start();
    this.rootActor.send({ type: "START" });
    return new ResultAsync(promise);
  }

  /**
   * Stops the client from any state: closes the connection with 1000, ends recovery and
   * reconnect attempts, fails pending operations with a `stopped` failure, then emits `stopped`.
   */
  stop(): void {
    this.rootActor.send({ type: "STOP" });
  }

  /** `await using client = new WebPubSubClient(...)`: stops the client and waits for `stopped`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.stopAndWait();
    this.inspectorSender?.stop();
  }

  private async stopAndWait(): Promise<void> {
    if (this.state === "stopped") return;
    const stopped = new Promise<void>((resolve) => {
      const off = this.on("stopped", () => {
        off();
        resolve();
      });
    });
    this.stop();
    await stopped;
  }

  // -------------------------------------------------------------------------------------------
  // Events
  // -------------------------------------------------------------------------------------------

  /**
   * Adds a listener. Listeners that throw are caught and logged.
   * @returns A function that removes the listener.
   */
  on<E extends WebPubSubClientEventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as AnyListener);
    return () => this.off(event, listener);
  }

  /** Removes a listener added with {@link WebPubSubClient.on}. */
  off<E extends WebPubSubClientEventName>(event: E, listener: Listener<E>): void {
    this.listeners.get(event)?.delete(listener as AnyListener);
  }

  // -------------------------------------------------------------------------------------------
  // Operations
  // -------------------------------------------------------------------------------------------

  /** Joins a group. Every retry uses the same ackId. */
  async joinGroup(groupName: string, options?: JoinGroupOptions): Promise<WebPubSubResult> {
    return unwrapOperation(await this.joinGroupCore(groupName, options));
  }

  /** {@link WebPubSubClient.joinGroup} as a `ResultAsync`. */
  joinGroupResult(
    groupName: string,
    options?: JoinGroupOptions,
  ): ResultAsync<WebPubSubResult, OperationFailure> {
    return new ResultAsync(this.joinGroupCore(groupName, options));
  }

  /** Leaves a group. */
  async leaveGroup(groupName: string, options?: LeaveGroupOptions): Promise<WebPubSubResult> {
    return unwrapOperation(await this.leaveGroupCore(groupName, options));
  }

  /** {@link WebPubSubClient.leaveGroup} as a `ResultAsync`. */
  leaveGroupResult(
    groupName: string,
    options?: LeaveGroupOptions,
  ): ResultAsync<WebPubSubResult, OperationFailure> {
    return new ResultAsync(this.leaveGroupCore(groupName, options));
  }

  /** Sends to a group; with `fireAndForget` it resolves once written and carries no ackId. */
  sendToGroup(
    groupName: string,
    content: JSONTypes | ArrayBuffer,
    dataType: WebPubSubDataType,
    options?: SendToGroupOptions,
  ): Promise<WebPubSubResult> {
    return this.sendToGroupCore(groupName, content, dataType, options).then(unwrapOperation);
  }

  /** {@link WebPubSubClient.sendToGroup} as a `ResultAsync`. */
  sendToGroupResult(
    groupName: string,
    content: JSONTypes | ArrayBuffer,
    dataType: WebPubSubDataType,
    options?: SendToGroupOptions,
  ): ResultAsync<WebPubSubResult, OperationFailure> {
    return new ResultAsync(this.sendToGroupCore(groupName, content, dataType, options));
  }

  /** Sends an event to the server's event handler. */
  sendEvent(
    eventName: string,
    content: JSONTypes | ArrayBuffer,
    dataType: WebPubSubDataType,
    options?: SendEventOptions,
  ): Promise<WebPubSubResult> {
    return this.sendEventCore(eventName, content, dataType, options).then(unwrapOperation);
  }

  /** {@link WebPubSubClient.sendEvent} as a `ResultAsync`. */
  sendEventResult(
    eventName: string,
    content: JSONTypes | ArrayBuffer,
    dataType: WebPubSubDataType,
    options?: SendEventOptions,
  ): ResultAsync<WebPubSubResult, OperationFailure> {
    return new ResultAsync(this.sendEventCore(eventName, content, dataType, options));
  }

  /**
   * Invokes an event handler and waits for its response. Not retried; aborting a written
   * invocation sends `cancelInvocation`.
   */
  async invokeEvent(
    eventName: string,
    content: JSONTypes | ArrayBuffer,
    dataType: WebPubSubDataType,
    options?: InvokeEventOptions,
  ): Promise<InvokeEventResult> {
    const result = await this.invokeEventCore(eventName, content, dataType, options);
    if (result.isErr()) throw toInvocationError(result.error);
    return result.value;
  }

  /** {@link WebPubSubClient.invokeEvent} as a `ResultAsync`. */
  invokeEventResult(
    eventName: string,
    content: JSONTypes | ArrayBuffer,
    dataType: WebPubSubDataType,
    options?: InvokeEventOptions,
  ): ResultAsync<InvokeEventResult, InvocationFailure> {
    return new ResultAsync(this.invokeEventCore(eventName, content, dataType, options));
  }

  // -------------------------------------------------------------------------------------------
  // Internals
  // -------------------------------------------------------------------------------------------

  private async joinGroupCore(
    groupName: string,
    options: JoinGroupOptions | undefined,
  ): Promise<Result<WebPubSubResult, OperationFailure>> {
    if (typeof groupName !== "string" || groupName === "")
      return err(invalid("groupName must be a non-empty string."));
    const result = await this.runAcked(options?.ackId, options?.abortSignal, (ackId) => ({
      kind: "joinGroup",
      group: groupName,
      ackId,
    }));
    // The group set is the machine's: it rejoins these groups on a new connection.
    if (result.isOk()) this.rootActor.send({ type: "GROUP.JOINED", group: groupName });
    return result;
  }

  private async leaveGroupCore(
    groupName: string,
    options: LeaveGroupOptions | undefined,
  ): Promise<Result<WebPubSubResult, OperationFailure>> {
    if (typeof groupName !== "string" || groupName === "")
      return err(invalid("groupName must be a non-empty string."));
    const result = await this.runAcked(options?.ackId, options?.abortSignal, (ackId) => ({
      kind: "leaveGroup",
      group: groupName,
      ackId,
    }));
    if (result.isOk()) this.rootActor.send({ type: "GROUP.LEFT", group: groupName });
    return result;
  }

  private sendToGroupCore(
    groupName: string,
    content: JSONTypes | ArrayBuffer,
    dataType: WebPubSubDataType,
    options: SendToGroupOptions | undefined,
  ): Promise<Result<WebPubSubResult, OperationFailure>> {
    if (typeof groupName !== "string" || groupName === "") {
      return Promise.resolve(err(invalid("groupName must be a non-empty string.")));
    }
    const problem = validatePayload(dataType, content);
    if (problem !== undefined) return Promise.resolve(err(invalid(problem)));
    const noEcho = options?.noEcho ?? false;
    if (options?.fireAndForget === true) {
      return this.runFireAndForget(
        { kind: "sendToGroup", group: groupName, dataType, data: content, noEcho },
        options.abortSignal,
      );
    }
    return this.runAcked(options?.ackId, options?.abortSignal, (ackId) => ({
      kind: "sendToGroup",
      group: groupName,
      ackId,
      dataType,
      data: content,
      noEcho,
    }));
  }

  private sendEventCore(
    eventName: string,
    content: JSONTypes | ArrayBuffer,
    dataType: WebPubSubDataType,
    options: SendEventOptions | undefined,
  ): Promise<Result<WebPubSubResult, OperationFailure>> {
    if (typeof eventName !== "string" || eventName === "") {
      return Promise.resolve(err(invalid("eventName must be a non-empty string.")));
    }
    const problem = validatePayload(dataType, content);
    if (problem !== undefined) return Promise.resolve(err(invalid(problem)));
    if (options?.fireAndForget === true) {
      return this.runFireAndForget(
        { kind: "sendEvent", event: eventName, dataType, data: content },
        options.abortSignal,
      );
    }
    return this.runAcked(options?.ackId, options?.abortSignal, (ackId) => ({
      kind: "sendEvent",
      event: eventName,
      ackId,
      dataType,
      data: content,
    }));
  }

  private async invokeEventCore(
    eventName: string,
    content: JSONTypes | ArrayBuffer,
    dataType: WebPubSubDataType,
    options: InvokeEventOptions | undefined,
  ): Promise<Result<InvokeEventResult, InvocationFailure>> {
    if (typeof eventName !== "string" || eventName === "")
      return err(invalid("eventName must be a non-empty string."));
    const problem = validatePayload(dataType, content);
    if (problem !== undefined) return err(invalid(problem));
    const requested = options?.invocationId;
    if (requested !== undefined && (typeof requested !== "string" || requested === "")) {
      return err(invalid("invocationId must be a non-empty string."));
    }
    if (requested !== undefined && this.registry.isPending(requested)) {
      return err(invalid(`An invocation with id ${requested} is already pending.`));
    }
    const invocationId = requested ?? this.registry.allocateInvocationId();
    if (!this.registry.isRunning) return err({ kind: "stopped", invocationId });
    const signal = options?.abortSignal;
    if (signal?.aborted) return err(abortedInvocation(invocationId, signal.reason));
    const outcome = await this.registry.submit(
      { kind: "invoke", invocationId },
      { kind: "invoke", invocationId, target: "event", event: eventName, dataType, data: content },
      signal,
    );
    if (outcome.status === "failed") return err(outcome.failure as InvocationFailure);
    const response = outcome.response;
    const result: InvokeEventResult = { invocationId };
    if (response?.dataType !== undefined) result.dataType = response.dataType;
    if (response?.data !== undefined) result.data = response.data;
    return ok(result);
  }

  private runAcked(
    requestedAckId: number | undefined,
    signal: AbortSignalLike | undefined,
    build: (ackId: number) => UpstreamMessage,
  ): Promise<Result<WebPubSubResult, OperationFailure>> {
    if (requestedAckId !== undefined) {
      if (!isAckId(requestedAckId)) {
        return Promise.resolve(err(invalid("ackId must be a non-negative safe integer.")));
      }
      if (this.registry.isPending(requestedAckId)) {
        return Promise.resolve(err(invalid(`An operation with ackId ${requestedAckId} is already pending.`)));
      }
    }
    if (!this.registry.isRunning) {
      return Promise.resolve(
        err(requestedAckId === undefined ? NOT_STARTED : { kind: "stopped", ackId: requestedAckId }),
      );
    }
    let ackId: number;
    if (requestedAckId === undefined) ackId = this.registry.allocateAckId();
    else {
      ackId = requestedAckId;
      this.registry.noteAckId(ackId);
    }
    if (signal?.aborted) {
      return Promise.resolve(
        err(
          signal.reason === undefined
            ? { kind: "aborted", ackId }
            : { kind: "aborted", ackId, reason: signal.reason },
        ),
      );
    }
    return this.registry
      .submit({ kind: "ack", ackId }, build(ackId), signal)
      .then((outcome) => toAckedResult(outcome, ackId));
  }

  private async runFireAndForget(
    message: UpstreamMessage,
    signal: AbortSignalLike | undefined,
  ): Promise<Result<WebPubSubResult, OperationFailure>> {
    if (signal?.aborted) {
      return err(
        signal.reason === undefined ? { kind: "aborted" } : { kind: "aborted", reason: signal.reason },
      );
    }
    const outcome = await this.registry.submitFireAndForget(message, signal);
    return outcome === undefined ? ok({ isDuplicated: false }) : err(outcome);
  }

  private abortedStart(reason: unknown): StartFailure {
    return reason === undefined
      ? { kind: "aborted", message: "start() was aborted." }
      : { kind: "aborted", message: "start() was aborted.", reason };
  }

  private settleStart(result: Result<void, StartFailure>): void {
    const waiter = this.startWaiter;
    if (waiter === undefined) return;
    this.startWaiter = undefined;
    waiter.resolve(result);
  }

  private handleEmitted(event: ClientEmitted): void {
    switch (event.type) {
      case "link.ready":
        this.registry.linkReady(event.resumed);
        return;
      case "link.suspended":
        this.registry.linkSuspended();
        return;
      case "link.lost":
        this.registry.linkLost();
        return;
      case "link.stopped":
        this.registry.stopped();
        return;
      case "start.failed": {
        this.registry.stopped();
        const { type: _type, ...facts } = event;
        const failure: StartFailure = { kind: "connection-failed", ...facts };
        this.logger.warn(`start() failed: ${event.message}`);
        this.settleStart(err(failure));
        return;
      }
      case "connected":
        this.logger.info(`Connected: ${event.connectionId}`);
        this.settleStart(ok(undefined));
        this.dispatch("connected", { connectionId: event.connectionId, userId: event.userId });
        return;
      case "disconnected": {
        const { type: _type, ...args } = event;
        this.logger.info(`Disconnected: ${event.code} ${event.reason}`);
        this.dispatch("disconnected", args);
        return;
      }
      case "stopped":
        this.registry.stopped();
        this.settleStart(err({ kind: "stopped", message: "The client was stopped before it connected." }));
        this.dispatch("stopped", {});
        return;
      case "recovering": {
        const { type: _type, ...args } = event;
        this.logger.info(`Recovering ${event.connectionId} after close ${event.code}`);
        this.dispatch("recovering", args);
        return;
      }
      case "recovered":
        this.logger.info(`Recovered ${event.connectionId}`);
        this.dispatch("recovered", { connectionId: event.connectionId });
        return;
      case "server-message":
        this.dispatch("server-message", { message: event.message });
        return;
      case "group-message":
        this.dispatch("group-message", { message: event.message });
        return;
      case "rejoin-group-failed": {
        const error = new SendMessageError(
          `Failed to rejoin group ${event.group}: ${event.error.name}: ${event.error.message}`,
          { errorDetail: event.error },
        );
        this.dispatch("rejoin-group-failed", { group: event.group, error });
        return;
      }
    }
  }

  private dispatch<E extends WebPubSubClientEventName>(event: E, args: WebPubSubClientEvents[E]): void {
    const set = this.listeners.get(event);
    if (set === undefined || set.size === 0) return;
    for (const listener of set) {
      try {
        (listener as Listener<E>)(args);
      } catch (error) {
        // A throwing callback must not break the machine or the other listeners.
        this.logger.error(`A "${event}" listener threw`, error);
      }
    }
  }
}

function toAckedResult(outcome: OperationOutcome, ackId: number): Result<WebPubSubResult, OperationFailure> {
  if (outcome.status === "succeeded") return ok({ ackId, isDuplicated: outcome.isDuplicated });
  return err(outcome.failure as OperationFailure);
}

function unwrapOperation(result: Result<WebPubSubResult, OperationFailure>): WebPubSubResult {
  if (result.isErr()) throw toSendMessageError(result.error);
  return result.value;
}

function abortedInvocation(invocationId: string, reason: unknown): InvocationFailure {
  return reason === undefined ? { kind: "aborted", invocationId } : { kind: "aborted", invocationId, reason };
}
