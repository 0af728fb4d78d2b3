/// <reference lib="esnext.disposable" />
/**
 * The facade: `WebPubSubClient`, a drop-in superset of `@azure/web-pubsub-client` 1.1's class.
 * Only translation lives here: methods become the runtime's operations and machine events
 * (`src/runtime/client-runtime.ts` builds and wires everything), and failures become the official
 * client's errors; the machine's facts reach the application through `on` / `once`.
 */
import type { Actor } from "xstate";
import { ResultAsync, type Result } from "neverthrow";
import type { clientMachine } from "../machines/client.machine.js";
import { StartError, toInvocationError, toSendMessageError } from "./errors.js";
import type { JSONTypes, WebPubSubDataType } from "./protocol/messages.js";
import { ClientRuntime } from "./runtime/client-runtime.js";
import type { Listener } from "./runtime/listeners.js";
import { JOIN_GROUP, LEAVE_GROUP, SEND_EVENT, SEND_TO_GROUP } from "./runtime/operation-kinds.js";
import type {
  GroupStream,
  GroupStreamSubscription,
  GroupStreamWriter,
  OnGroupStreamOptions,
  OpenGroupStreamOptions,
} from "./stream-types.js";
import type {
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
  WebPubSubClientOptions,
  WebPubSubClientState,
  WebPubSubResult,
} from "./types.js";

export type { InternalClientOptions } from "./runtime/client-runtime.js";

/** The state names, in the order their tags are checked. */
const STATES = ["connected", "connecting", "recovering", "reconnecting", "stopping"] as const;

/**
 * A client of Azure Web PubSub whose lifecycle is the statechart in `machines/client/`.
 *
 * Every operation comes in two forms: the Promise form of the official client (throws
 * `SendMessageError`, `InvocationError` or `StartError`) and a `…Result` form returning a
 * neverthrow `ResultAsync` whose error is a typed failure union.
 */
export class WebPubSubClient implements AsyncDisposable {
  private readonly runtime: ClientRuntime;

  /**
   * @param credential - A client access URL, or a credential whose `getClientAccessUrl` is asked
   *   for a URL on `start()` and on every new connection (not on recovery).
   * @param options - Options; the official client's, with its defaults, plus ours.
   * @throws TypeError for a credential of the wrong type; RangeError for negative keep-alive times.
   */
  constructor(credential: string | WebPubSubClientCredential, options?: WebPubSubClientOptions) {
    this.runtime = new ClientRuntime(toCredential(credential), options);
  }

  // -- read-only views ----------------------------------------------------------------------------

  /** The client statechart's actor, for inspection (`client.actor.subscribe(...)`, `getSnapshot()`). */
  get actor(): Actor<typeof clientMachine> {
    return this.runtime.actor as unknown as Actor<typeof clientMachine>;
  }

  /** The lifecycle state, from the statechart's tags. */
  get state(): WebPubSubClientState {
    const snapshot = this.runtime.actor.getSnapshot();
    return STATES.find((tag) => snapshot.hasTag(tag)) ?? "stopped";
  }

  /** The id of the current connection (also while it is being recovered). */
  get connectionId(): string | undefined {
    return this.runtime.actor.getSnapshot().context.connection?.connectionId;
  }

  /** The user id the service gave the current connection. */
  get userId(): string | undefined {
    return this.runtime.actor.getSnapshot().context.connection?.userId;
  }

  /** The groups joined with `joinGroup` (rejoined on a new connection when `autoRejoinGroups`). */
  get groups(): readonly string[] {
    return this.runtime.actor.getSnapshot().context.groups;
  }

  // -- lifecycle ----------------------------------------------------------------------------------

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
    return this.runtime.start(options);
  }

  /**
   * Stops the client from any state: closes the connection with 1000, ends recovery and
   * reconnect attempts, fails pending operations with a `stopped` failure, then emits `stopped`.
   */
  stop(): void {
    this.runtime.stop();
  }

  /** `await using client = new WebPubSubClient(...)`: stops the client and waits for `stopped`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.runtime.dispose();
  }

  // -- events -------------------------------------------------------------------------------------

  /**
   * Adds a listener. Listeners that throw are caught and logged.
   * @returns A function that removes the listener.
   */
  on<E extends WebPubSubClientEventName>(event: E, listener: Listener<E>): () => void {
    return this.runtime.listeners.on(event, listener);
  }

  /** Adds a listener for the next `event` only. @returns A function that removes it unheard. */
  once<E extends WebPubSubClientEventName>(event: E, listener: Listener<E>): () => void {
    return this.runtime.listeners.once(event, listener);
  }

  /** Removes a listener added with {@link WebPubSubClient.on}. */
  off<E extends WebPubSubClientEventName>(event: E, listener: Listener<E>): void {
    this.runtime.listeners.off(event, listener);
  }

  // -- operations ---------------------------------------------------------------------------------

  /** Joins a group. Every retry uses the same ackId. */
  joinGroup(groupName: string, options?: JoinGroupOptions): Promise<WebPubSubResult> {
    return this.runtime.perform(JOIN_GROUP, { group: groupName }, options).then(unwrap);
  }

  /** {@link WebPubSubClient.joinGroup} as a `ResultAsync`. */
  joinGroupResult(
    groupName: string,
    options?: JoinGroupOptions,
  ): ResultAsync<WebPubSubResult, OperationFailure> {
    return new ResultAsync(this.runtime.perform(JOIN_GROUP, { group: groupName }, options));
  }

  /** Leaves a group. */
  leaveGroup(groupName: string, options?: LeaveGroupOptions): Promise<WebPubSubResult> {
    return this.runtime.perform(LEAVE_GROUP, { group: groupName }, options).then(unwrap);
  }

  /** {@link WebPubSubClient.leaveGroup} as a `ResultAsync`. */
  leaveGroupResult(
    groupName: string,
    options?: LeaveGroupOptions,
  ): ResultAsync<WebPubSubResult, OperationFailure> {
    return new ResultAsync(this.runtime.perform(LEAVE_GROUP, { group: groupName }, options));
  }

  /** Sends to a group; with `fireAndForget` it resolves once written and carries no ackId. */
  sendToGroup(
    groupName: string,
    content: JSONTypes | ArrayBuffer,
    dataType: WebPubSubDataType,
    options?: SendToGroupOptions,
  ): Promise<WebPubSubResult> {
    return this.sendToGroupCore(groupName, content, dataType, options).then(unwrap);
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
    return this.runtime.perform(SEND_EVENT, { event: eventName, content, dataType }, options).then(unwrap);
  }

  /** {@link WebPubSubClient.sendEvent} as a `ResultAsync`. */
  sendEventResult(
    eventName: string,
    content: JSONTypes | ArrayBuffer,
    dataType: WebPubSubDataType,
    options?: SendEventOptions,
  ): ResultAsync<WebPubSubResult, OperationFailure> {
    return new ResultAsync(
      this.runtime.perform(SEND_EVENT, { event: eventName, content, dataType }, options),
    );
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
    const result = await this.runtime.invoke({ event: eventName, content, dataType }, options);
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
    return new ResultAsync(this.runtime.invoke({ event: eventName, content, dataType }, options));
  }

  /**
   * Opens a stream of fragments to a group (preview, as in 1.1.0): resolves with its writer once
   * the service acknowledged the start. Fragments the service has not acknowledged are re-sent
   * after a recovered drop; see docs/streams.md for when `write()` and `end()` resolve.
   * @throws Error when the client is not connected or the stream id is in use.
   */
  openGroupStream(groupName: string, options?: OpenGroupStreamOptions): Promise<GroupStreamWriter> {
    return this.runtime.openGroupStream(groupName, options);
  }

  /**
   * Calls `callback` with every new inbound group stream (preview, as in 1.1.0); each stream is
   * async-iterable over its fragments, in order, and throws its error if it fails.
   */
  onGroupStream(
    callback: (stream: GroupStream) => void | Promise<void>,
    options?: OnGroupStreamOptions,
  ): GroupStreamSubscription {
    return this.runtime.onGroupStream(callback, options);
  }

  private sendToGroupCore(
    group: string,
    content: JSONTypes | ArrayBuffer,
    dataType: WebPubSubDataType,
    options: SendToGroupOptions | undefined,
  ): Promise<Result<WebPubSubResult, OperationFailure>> {
    return this.runtime.perform(
      SEND_TO_GROUP,
      { group, content, dataType, noEcho: options?.noEcho ?? false },
      options,
    );
  }
}

function toCredential(credential: string | WebPubSubClientCredential): WebPubSubClientCredential {
  if (typeof credential === "string") return { getClientAccessUrl: credential };
  if (
    typeof credential === "object" &&
    credential !== null &&
    (typeof credential.getClientAccessUrl === "string" || typeof credential.getClientAccessUrl === "function")
  ) {
    return credential;
  }
  throw new TypeError(
    "The first argument must be a client access URL (string) or a credential with getClientAccessUrl.",
  );
}

function unwrap(result: Result<WebPubSubResult, OperationFailure>): WebPubSubResult {
  if (result.isErr()) throw toSendMessageError(result.error);
  return result.value;
}
