/**
 * The body of the socket actor the client machine invokes (a `fromCallback` actor, provided in
 * `client-actors.ts`): it carries out the machine's {@link SocketCommand}s — open, write, close,
 * watch for silence, rejoin groups, deliver data messages directly — and turns what a socket
 * reports into the machine's events. At most one socket exists at a time; a new `OPEN` drops the
 * old one, and the actor's cleanup (when the machine leaves `running`) drops whatever is left.
 *
 * Inbound frames are decoded here (the link's codec). Acks and invoke responses of application
 * operations go straight to the operations; acks of the machine's rejoins come back to it as
 * `REJOIN.ACKED`; so the per-operation hot path never pays for a machine transition. While the
 * machine has delegated its sequence state (`DELEGATE`, in `connected`), group and server
 * messages are delivered directly, by the machine's own rule (`machines/rules/inbound.ts`),
 * without a transition per message; `RECLAIM` hands the state back as `SEQUENCE.RECLAIMED`.
 *
 * One {@link SocketSession} object per client is also its sockets' listener and its watch in the
 * shared silence watchdog: a client holds a few fields here instead of a dozen closures (heap per
 * idle client is one of the benchmark's figures).
 */
import type { AnyEventObject } from "xstate";
import type { ClientEvent, SocketCommand } from "../../machines/client.machine.js";
import { acceptInbound, type InboundRules, type SequenceState } from "../../machines/rules/inbound.js";
import type { Logger } from "../logging.js";
import type {
  AckMessage,
  DownstreamMessage,
  GroupDataMessage,
  InvokeResponseMessage,
  ServerDataMessage,
  StreamAckMessage,
  StreamClosedMessage,
  StreamNackMessage,
} from "../protocol/messages.js";
import type { SocketFactory, SocketLike, SocketListener, UpgradeRefusal } from "../transport/socket.js";
import type { Link } from "./link.js";
import type { AckIds } from "./operations/ack-ids.js";
import { silenceWatchdog, type SilenceWatch } from "./watchdog.js";

/** Where acks and invoke responses go first (the operations). */
export interface OperationAnswers {
  /** Returns `true` when the ack belonged to a pending operation. */
  routeAck(message: AckMessage): boolean;
  /** Returns `true` when the response belonged to a pending invocation. */
  routeInvokeResponse(message: InvokeResponseMessage): boolean;
}

/** Where the service's stream answers go (the outbound streams). */
export interface StreamAnswers {
  /** Returns `true` when an outbound stream owned the message. */
  route(message: StreamAckMessage | StreamNackMessage | StreamClosedMessage): boolean;
}

/** Direct delivery of data messages: the rule's settings, and where accepted messages go. */
export interface DirectDelivery extends InboundRules {
  readonly deliver: (message: GroupDataMessage | ServerDataMessage) => void;
}

export interface SocketSessionOptions {
  readonly factory: SocketFactory;
  readonly link: Link;
  readonly logger: Logger;
  /** Where acks and invoke responses go first; without one, every ack is nobody's but a rejoin's. */
  readonly operations?: OperationAnswers;
  /** Where `streamAck`, `streamNack` and `streamClosed` go. */
  readonly streams?: StreamAnswers;
  /** The ackIds of rejoins come from here (the client's one source). */
  readonly ackIds: Pick<AckIds, "allocate">;
  /** Direct delivery; without it, `DELEGATE` is ignored and every data message is an event. */
  readonly delivery?: DirectDelivery;
}

/** More rejoins in flight than this means old ones were lost with their connections. */
const MAX_REJOINS_IN_FLIGHT = 4096;

const NO_ANSWERS: OperationAnswers = { routeAck: () => false, routeInvokeResponse: () => false };

/** The socket actor's state and behaviour for one client, across all of its runs. */
export class SocketSession implements SocketListener, SilenceWatch {
  readonly link: Link;
  private readonly factory: SocketFactory;
  private readonly logger: Logger;
  private readonly operations: OperationAnswers;
  private readonly streams: StreamAnswers | undefined;
  private readonly ackIds: Pick<AckIds, "allocate">;
  private readonly delivery: DirectDelivery | undefined;
  /** The machine's inbox while the actor runs (`start` … `stop`). */
  private sendBack: ((event: ClientEvent) => void) | undefined = undefined;
  /** Counts the actor's runs, so that a late cleanup of an old run cannot stop a newer one. */
  private run = 0;
  /** The socket this session owns, from `OPEN` until it closes or is dropped. */
  private current: SocketLike | undefined = undefined;
  /** The current socket's error, which explains its close. */
  private failure: string | undefined = undefined;
  /** Rejoins in flight: ackId → group. Created at the first rejoin (most clients never have one). */
  private rejoins: Map<number, string> | undefined = undefined;
  /** While delivering directly (`DELEGATE` … `RECLAIM`): the connection and its sequence state. */
  private delegatedTo: string | undefined = undefined;
  private sequence: SequenceState = { lastSequenceId: 0, ackedSequenceId: 0 };
  /** The watchdog's timeout while watched (`WATCH` … `UNWATCH`); 0 when not watched. */
  silenceTimeoutInMs = 0;

  constructor(options: SocketSessionOptions) {
    this.factory = options.factory;
    this.link = options.link;
    this.logger = options.logger;
    this.operations = options.operations ?? NO_ANSWERS;
    this.streams = options.streams;
    this.ackIds = options.ackIds;
    this.delivery = options.delivery;
  }

  /** A run of the socket actor begins: events go to `sendBack` until {@link stop}. Returns the run. */
  start(sendBack: (event: AnyEventObject) => void): number {
    this.stop(this.run);
    this.sendBack = sendBack as (event: ClientEvent) => void;
    return ++this.run;
  }

  /** Run `run` ends (the machine left `running`): unwatch, drop the socket, send nothing more. */
  stop(run: number): void {
    if (run !== this.run) return;
    this.unwatch();
    this.drop();
    this.delegatedTo = undefined;
    this.sendBack = undefined;
  }

  /** One command from the machine. */
  command(command: SocketCommand): void {
    switch (command.type) {
      case "OPEN":
        this.open(command.url);
        break;
      case "WRITE":
        if (!this.link.write(command.message))
          this.logger.debug(`Not written (no open socket): ${command.message.kind}`);
        break;
      case "CLOSE":
        if (this.current === undefined) {
          // Nothing to close: say so, so that the machine does not wait for a close that never comes.
          this.sendLater({ type: "SOCKET.CLOSED", code: command.code, reason: command.reason });
        } else {
          this.current.close(command.code, command.reason);
        }
        break;
      case "TERMINATE":
        this.drop();
        break;
      case "WATCH":
        this.unwatch();
        if (command.timeoutInMs > 0) {
          this.silenceTimeoutInMs = command.timeoutInMs;
          silenceWatchdog.watch(this);
        }
        break;
      case "UNWATCH":
        this.unwatch();
        break;
      case "REJOIN":
        this.rejoin(command.groups);
        break;
      case "DELEGATE":
        if (this.delivery === undefined) break;
        this.delegatedTo = command.connectionId;
        this.sequence = { lastSequenceId: command.lastSequenceId, ackedSequenceId: command.ackedSequenceId };
        break;
      case "RECLAIM":
        this.reclaim();
        break;
      case "ACKNOWLEDGE":
        this.acknowledge();
        break;
    }
  }

  // -- SilenceWatch ---------------------------------------------------------------------------

  linkSilent(): void {
    this.silenceTimeoutInMs = 0;
    this.send({ type: "LINK.SILENT" });
  }

  // -- SocketListener (only the current socket is heard) ---------------------------------------

  socketOpened(socket: SocketLike): void {
    if (socket !== this.current) return;
    this.link.socket = socket;
    this.link.lastInboundAt = Date.now();
    this.logger.debug("WebSocket opened");
    this.send({ type: "SOCKET.OPENED" });
  }

  socketError(socket: SocketLike, message: string): void {
    if (socket !== this.current) return;
    this.failure = message;
    this.logger.warn(`WebSocket error: ${message}`);
  }

  socketClosed(socket: SocketLike, code: number, reason: string, refusal?: UpgradeRefusal): void {
    if (socket !== this.current) return;
    this.current = undefined;
    if (this.link.socket === socket) this.link.socket = undefined;
    const described = reason || this.failure || "";
    this.logger.info(`WebSocket closed: ${code}${described ? ` ${described}` : ""}`);
    this.send(
      refusal === undefined
        ? { type: "SOCKET.CLOSED", code, reason: described }
        : { type: "SOCKET.CLOSED", code, reason: described, refusal },
    );
  }

  socketMessage(socket: SocketLike, data: string | ArrayBuffer): void {
    if (socket !== this.current) return;
    this.link.lastInboundAt = Date.now();
    const decoded = this.link.codec.decode(data);
    if ("kind" in decoded) return this.handle(decoded);
    if (decoded.status !== "ok") {
      if (decoded.status !== "invalid") return;
      this.logger.warn(`Dropped an invalid frame: ${decoded.reason}`);
      // A malformed ack whose ackId is readable still settles its operation, as a failed
      // attempt: the retry policy re-sends it with the same ackId, and the service de-duplicates.
      if (decoded.ackId !== undefined) {
        this.handle({
          kind: "ack",
          ackId: decoded.ackId,
          success: false,
          error: { name: "InvalidAck", message: `The service's ack could not be read: ${decoded.reason}` },
        });
      }
      return;
    }
    for (const message of decoded.message) this.handle(message);
  }

  // -- internals -------------------------------------------------------------------------------

  private send(event: ClientEvent): void {
    this.sendBack?.(event);
  }

  /** Reports asynchronously, as a real socket would: the machine is mid-transition now. */
  private sendLater(event: ClientEvent): void {
    const sendBack = this.sendBack;
    if (sendBack !== undefined) queueMicrotask(() => sendBack(event));
  }

  private unwatch(): void {
    if (this.silenceTimeoutInMs === 0) return;
    this.silenceTimeoutInMs = 0;
    silenceWatchdog.unwatch(this);
  }

  private drop(): void {
    const socket = this.current;
    if (socket === undefined) return;
    this.current = undefined;
    if (this.link.socket === socket) this.link.socket = undefined;
    socket.terminate();
  }

  private open(url: string): void {
    this.drop();
    this.failure = undefined;
    try {
      this.current = this.factory(url, this.link.codec.name, this);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Could not open a WebSocket to ${url}: ${reason}`);
      this.sendLater({ type: "SOCKET.CLOSED", code: 1006, reason });
    }
  }

  /** One `joinGroup` per group, with ackIds from the client's one source. */
  private rejoin(groups: readonly string[]): void {
    const rejoins = (this.rejoins ??= new Map());
    // Rejoin acks lost with their connection are never claimed; keep the map from growing forever.
    if (rejoins.size + groups.length > MAX_REJOINS_IN_FLIGHT) rejoins.clear();
    for (const group of groups) {
      const ackId = this.ackIds.allocate();
      rejoins.set(ackId, group);
      this.link.write({ kind: "joinGroup", group, ackId });
    }
  }

  /** Direct delivery ends: the machine gets the sequence state back (in order, before any later frame). */
  private reclaim(): void {
    const connectionId = this.delegatedTo;
    if (connectionId === undefined) return;
    this.delegatedTo = undefined;
    const { lastSequenceId, ackedSequenceId } = this.sequence;
    this.send({ type: "SEQUENCE.RECLAIMED", connectionId, lastSequenceId, ackedSequenceId });
  }

  /** The machine's `acknowledgeSequence` while delivering directly: ack the latest, if unacknowledged. */
  private acknowledge(): void {
    const { lastSequenceId, ackedSequenceId } = this.sequence;
    if (this.delegatedTo === undefined || lastSequenceId === ackedSequenceId) return;
    this.link.write({ kind: "sequenceAck", sequenceId: lastSequenceId });
    this.sequence = { lastSequenceId, ackedSequenceId: lastSequenceId };
  }

  private handle(message: DownstreamMessage): void {
    switch (message.kind) {
      case "ack": {
        if (this.operations.routeAck(message)) break;
        const group = this.rejoins?.get(message.ackId);
        if (group !== undefined) {
          this.rejoins?.delete(message.ackId);
          this.send(
            message.error === undefined
              ? { type: "REJOIN.ACKED", group, success: message.success }
              : { type: "REJOIN.ACKED", group, success: message.success, error: message.error },
          );
        } else this.logger.warn(`Ignored an ack for ackId ${message.ackId}: no operation is waiting for it`);
        break;
      }
      case "invokeResponse":
        if (!this.operations.routeInvokeResponse(message)) {
          this.logger.debug(`Ignored an invokeResponse for unknown invocation ${message.invocationId}`);
        }
        break;
      case "groupData":
      case "serverData":
        if (this.delegatedTo === undefined) this.send({ type: "MESSAGE.RECEIVED", message });
        else this.deliverDirectly(message);
        break;
      case "connected":
        this.send({ type: "FRAME.CONNECTED", message });
        break;
      case "disconnected":
        this.send({ type: "FRAME.DISCONNECTED", message });
        break;
      case "pong":
        this.send({ type: "PONG.RECEIVED" });
        break;
      case "streamAck":
      case "streamNack":
      case "streamClosed":
        if (this.streams?.route(message) !== true)
          this.logger.debug(`Ignored a ${message.kind} for unknown stream ${message.streamId}`);
        break;
    }
  }

  /**
   * The machine's `MESSAGE.RECEIVED` on `running` (guard `isNewMessage`, action `acceptMessage`),
   * by the same rule, while it has delegated the sequence state.
   */
  private deliverDirectly(message: GroupDataMessage | ServerDataMessage): void {
    const delivery = this.delivery!;
    const verdict = acceptInbound(this.sequence, message.sequenceId, delivery);
    if (!verdict.deliver) return;
    this.sequence = verdict.state;
    if (verdict.ackNow !== undefined) this.link.write({ kind: "sequenceAck", sequenceId: verdict.ackNow });
    // The first message left unacknowledged: the machine's `sequenceAck` region starts its timer.
    else if (verdict.firstUnacked) this.send({ type: "SEQUENCE.UNACKED" });
    delivery.deliver(message);
  }
}
