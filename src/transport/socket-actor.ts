/**
 * The body of the socket actor the client machine invokes (a `fromCallback` actor, provided in
 * `src/runtime/client-actors.ts`): it opens sockets when told (`OPEN`), writes (`WRITE`), closes
 * (`CLOSE`, `TERMINATE`), runs the silence watchdog (`WATCH`, `UNWATCH`) and turns what a socket
 * reports into the machine's events. At most one socket exists at a time; a new `OPEN` drops the
 * old one, and the actor's cleanup (when the machine leaves `running`) drops whatever is left.
 *
 * Inbound frames are decoded here. Acks and invoke responses of application operations go
 * straight to the operation registry (`routeAck` / `routeInvokeResponse`); only those the
 * registry does not own (the machine's own rejoins) reach the machine, so the per-operation hot
 * path never pays for a machine transition. Group and server messages take the lean path while
 * the machine has delegated the sequence state to the shared `InboundSequence` (in `connected`;
 * see `machines/inbound.ts`): the sequence check, the immediate `sequenceAck` and the delivery
 * happen here, by the same rule as the machine's `MESSAGE.RECEIVED` transition.
 *
 * The body is one {@link SocketSession} object per client, which is also its sockets' listener
 * and its watch in the shared silence watchdog: a client holds a few fields here instead of a
 * dozen closures (heap per idle client is one of the benchmark's figures).
 */
import type { AnyEventObject } from "xstate";
import type { ClientEvent, SocketCommand } from "../../machines/client.machine.js";
import { needsImmediateAck, type InboundSequence } from "../../machines/inbound.js";
import { decodeFrameLean } from "../protocol/json-protocol.js";
import type {
  AckMessage,
  DownstreamMessage,
  GroupDataMessage,
  InvokeResponseMessage,
  ServerDataMessage,
  UpstreamMessage,
  WebPubSubClientProtocol,
} from "../protocol/messages.js";
import type { Logger } from "../logging.js";
import { silenceWatchdog, type SilenceWatch } from "../runtime/watchdog.js";
import type { SocketFactory, SocketLike, SocketListener, UpgradeRefusal } from "./socket.js";

/**
 * The open socket shared by the machine's socket actor and the operation registry, which writes
 * operation frames through it without a machine event per frame.
 */
export class Link {
  /** The socket once it has opened, until it closes. */
  socket: SocketLike | undefined = undefined;
  /** When the last frame arrived (ms since the epoch), for the silence watchdog. */
  lastInboundAt = 0;

  constructor(readonly protocol: WebPubSubClientProtocol) {}

  /** Writes a message if a socket is open. Returns whether it was written. */
  write(message: UpstreamMessage): boolean {
    const socket = this.socket;
    if (socket === undefined) return false;
    socket.send(this.protocol.writeMessage(message));
    return true;
  }
}

/** Where acks and invoke responses go first (the operation registry). */
export interface OperationRouter {
  /** Returns `true` when the ack belonged to an application operation. */
  routeAck(message: AckMessage): boolean;
  /** Returns `true` when an ack no operation owns belongs to the client machine (a rejoin). */
  claimMachineAck(ackId: number): boolean;
  /** Returns `true` when the response belonged to a pending invocation. */
  routeInvokeResponse(message: InvokeResponseMessage): boolean;
}

/** The lean data path: the state the machine delegates, and where accepted messages go. */
export interface InboundPath {
  readonly sequence: InboundSequence;
  readonly reliable: boolean;
  readonly gapThreshold: number;
  readonly deliver: (message: GroupDataMessage | ServerDataMessage) => void;
}

export interface SocketSessionOptions {
  readonly factory: SocketFactory;
  readonly link: Link;
  readonly logger: Logger;
  /** Where acks and invoke responses go first; without one, every ack is the machine's. */
  readonly operations?: OperationRouter;
  /** The lean data path; without one, every data message is a `MESSAGE.RECEIVED` event. */
  readonly inbound?: InboundPath;
}

/** Routes nothing: every ack and response is the machine's (or nobody's). */
const NO_OPERATIONS: OperationRouter = {
  routeAck: () => false,
  claimMachineAck: () => true,
  routeInvokeResponse: () => false,
};

/** An ack the client machine owns (a rejoin), as its event. */
function ackEvent(message: AckMessage): ClientEvent {
  return message.error === undefined
    ? { type: "ACK.RECEIVED", ackId: message.ackId, success: message.success }
    : { type: "ACK.RECEIVED", ackId: message.ackId, success: message.success, error: message.error };
}

/** The socket actor's state and behaviour for one client, across all of its runs. */
export class SocketSession implements SocketListener, SilenceWatch {
  readonly link: Link;
  private readonly factory: SocketFactory;
  private readonly logger: Logger;
  private readonly operations: OperationRouter;
  private readonly inbound: InboundPath | undefined;
  /** The machine's inbox while the actor runs (`start` … `stop`). */
  private sendBack: ((event: ClientEvent) => void) | undefined = undefined;
  /** Counts the actor's runs, so that a late cleanup of an old run cannot stop a newer one. */
  private run = 0;
  /** The socket this session owns, from `OPEN` until it closes or is dropped. */
  private current: SocketLike | undefined = undefined;
  /** The current socket's error, which explains its close. */
  private failure: string | undefined = undefined;
  /** The watchdog's timeout while watched (`WATCH` … `UNWATCH`); 0 when not watched. */
  silenceTimeoutInMs = 0;

  constructor(options: SocketSessionOptions) {
    this.factory = options.factory;
    this.link = options.link;
    this.logger = options.logger;
    this.operations = options.operations ?? NO_OPERATIONS;
    this.inbound = options.inbound;
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
    const decoded = decodeFrameLean(this.link.protocol, data);
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
      this.current = this.factory(url, this.link.protocol.name, this);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Could not open a WebSocket to ${url}: ${reason}`);
      this.sendLater({ type: "SOCKET.CLOSED", code: 1006, reason });
    }
  }

  private handle(message: DownstreamMessage): void {
    switch (message.kind) {
      case "ack":
        if (this.operations.routeAck(message)) break;
        if (this.operations.claimMachineAck(message.ackId)) this.send(ackEvent(message));
        else this.logger.warn(`Ignored an ack for ackId ${message.ackId}: no operation is waiting for it`);
        break;
      case "invokeResponse":
        if (!this.operations.routeInvokeResponse(message)) {
          this.logger.debug(`Ignored an invokeResponse for unknown invocation ${message.invocationId}`);
        }
        break;
      case "groupData":
      case "serverData":
        if (!this.acceptLean(message)) this.send({ type: "MESSAGE.RECEIVED", message });
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
    }
  }

  /**
   * The machine's `MESSAGE.RECEIVED` on `running` (guard `isNewMessage`, action `acceptMessage`)
   * while it has delegated the sequence state: drop a replay, record the id, ack at once past the
   * gap threshold (or else, when it is the first unacknowledged one, say so), deliver. Returns `false` when not delegated (the machine handles it).
   */
  private acceptLean(message: GroupDataMessage | ServerDataMessage): boolean {
    const inbound = this.inbound;
    if (inbound === undefined || !inbound.sequence.delegated) return false;
    const sequence = inbound.sequence;
    const id = message.sequenceId;
    if (id !== undefined) {
      if (id <= sequence.lastSequenceId) return true;
      const allAcked = sequence.lastSequenceId === sequence.ackedSequenceId;
      sequence.lastSequenceId = id;
      if (inbound.reliable && needsImmediateAck(id, sequence.ackedSequenceId, inbound.gapThreshold)) {
        this.link.write({ kind: "sequenceAck", sequenceId: id });
        sequence.ackedSequenceId = id;
      } else if (inbound.reliable && allAcked) {
        // The first message left unacknowledged: the machine's `sequenceAck` region starts its timer.
        this.send({ type: "SEQUENCE.UNACKED" });
      }
    }
    inbound.deliver(message);
    return true;
  }
}
