/**
 * The socket actor the client machine invokes: a `fromCallback` actor that opens sockets when
 * told (`OPEN`), writes (`WRITE`), closes (`CLOSE`, `TERMINATE`) and turns what a socket reports
 * into the machine's events. At most one socket exists at a time; a new `OPEN` drops the old one,
 * and the actor's cleanup (when the machine leaves `running`) drops whatever is left.
 *
 * Inbound frames are decoded here. Acks and invoke responses of application operations go
 * straight to the operation registry (`routeAck` / `routeInvokeResponse`); only those the
 * registry does not own (the machine's own rejoins) reach the machine, so the per-operation hot
 * path never pays for a machine transition. Group and server messages take the lean path while
 * the machine has delegated the sequence state to the shared `InboundSequence` (in `connected`;
 * see `machines/inbound.ts`): the sequence check, the immediate `sequenceAck` and the delivery
 * happen here, by the same rule as the machine's `MESSAGE.RECEIVED` transition.
 */
import { fromCallback, type AnyEventObject } from "xstate";
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
import { runWatchdog } from "../runtime/watchdog.js";
import type { SocketFactory, SocketLike } from "./socket.js";

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

export interface SocketActorOptions {
  readonly factory: SocketFactory;
  readonly link: Link;
  readonly logger: Logger;
  /** Returns `true` when the ack belonged to an application operation. */
  readonly routeAck: (message: AckMessage) => boolean;
  /** Returns `true` when an ack no operation owns belongs to the client machine (a rejoin). */
  readonly claimMachineAck?: (ackId: number) => boolean;
  /** Returns `true` when the response belonged to a pending invocation. */
  readonly routeInvokeResponse: (message: InvokeResponseMessage) => boolean;
  /** The lean data path: the state the machine delegates, and where accepted messages go. */
  readonly inbound?: {
    readonly sequence: InboundSequence;
    readonly reliable: boolean;
    readonly gapThreshold: number;
    readonly deliver: (message: GroupDataMessage | ServerDataMessage) => void;
  };
}

/** An ack the client machine owns (a rejoin), as its event. */
function ackEvent(message: AckMessage): ClientEvent {
  return message.error === undefined
    ? { type: "ACK.RECEIVED", ackId: message.ackId, success: message.success }
    : { type: "ACK.RECEIVED", ackId: message.ackId, success: message.success, error: message.error };
}

/**
 * The machine's `MESSAGE.RECEIVED` on `running` (guard `isNewMessage`, action `acceptMessage`)
 * while it has delegated the sequence state: drop a replay, record the id, ack at once past the
 * gap threshold, deliver. Returns `false` when not delegated (the machine handles it). A module
 * function rather than a closure per client.
 */
function acceptLean(
  inbound: SocketActorOptions["inbound"],
  link: Link,
  message: GroupDataMessage | ServerDataMessage,
): boolean {
  if (inbound === undefined || !inbound.sequence.delegated) return false;
  const sequence = inbound.sequence;
  const id = message.sequenceId;
  if (id !== undefined) {
    if (id <= sequence.lastSequenceId) return true;
    sequence.lastSequenceId = id;
    if (inbound.reliable && needsImmediateAck(id, sequence.ackedSequenceId, inbound.gapThreshold)) {
      link.write({ kind: "sequenceAck", sequenceId: id });
      sequence.ackedSequenceId = id;
    }
  }
  inbound.deliver(message);
  return true;
}

/** Builds the socket actor logic to provide as the client machine's `socket` actor. */
export function createSocketActor(options: SocketActorOptions) {
  return fromCallback<SocketCommand>(createSocketCallback(options));
}

/** What a socket actor is started with (the part of `fromCallback`'s arguments it uses). */
export interface SocketActorArgs {
  readonly sendBack: (event: AnyEventObject) => void;
  readonly receive: (listener: (command: SocketCommand) => void) => void;
}

/**
 * The socket actor's body for one client, for a `fromCallback` logic shared by many clients
 * (`src/runtime/client-actors.ts`): one machine definition per client would cost far more heap
 * than the client's own state.
 */
export function createSocketCallback(options: SocketActorOptions): (args: SocketActorArgs) => () => void {
  const { factory, link, logger, routeAck, routeInvokeResponse, inbound } = options;
  const claimMachineAck = options.claimMachineAck ?? (() => true);
  const protocol = link.protocol;
  return ({ sendBack, receive }) => {
    const send = sendBack as (event: ClientEvent) => void;
    let current: SocketLike | undefined;
    /** The silence watchdog's cleanup while it runs (`WATCH` … `UNWATCH`). */
    let unwatch: (() => void) | undefined;

    const drop = () => {
      if (current === undefined) return;
      const socket = current;
      current = undefined;
      if (link.socket === socket) link.socket = undefined;
      socket.terminate();
    };

    const open = (url: string) => {
      drop();
      let socket: SocketLike;
      try {
        socket = factory(url, protocol.name);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        logger.warn(`Could not open a WebSocket to ${url}: ${reason}`);
        // Report asynchronously, as a real socket would: the machine is mid-transition now.
        queueMicrotask(() => send({ type: "SOCKET.CLOSED", code: 1006, reason }));
        return;
      }
      current = socket;
      let failure: string | undefined;
      socket.onopen = () => {
        if (current !== socket) return;
        link.socket = socket;
        link.lastInboundAt = Date.now();
        logger.debug("WebSocket opened");
        send({ type: "SOCKET.OPENED" });
      };
      socket.onerror = (message) => {
        failure = message;
        logger.warn(`WebSocket error: ${message}`);
      };
      socket.onclose = (code, reason) => {
        if (current !== socket) return;
        current = undefined;
        if (link.socket === socket) link.socket = undefined;
        const described = reason || failure || "";
        logger.info(`WebSocket closed: ${code}${described ? ` ${described}` : ""}`);
        send({ type: "SOCKET.CLOSED", code, reason: described });
      };
      const handle = (message: DownstreamMessage): void => {
        switch (message.kind) {
          case "ack":
            if (routeAck(message)) break;
            if (claimMachineAck(message.ackId)) send(ackEvent(message));
            else logger.warn(`Ignored an ack for ackId ${message.ackId}: no operation is waiting for it`);
            break;
          case "invokeResponse":
            if (!routeInvokeResponse(message)) {
              logger.debug(`Ignored an invokeResponse for unknown invocation ${message.invocationId}`);
            }
            break;
          case "groupData":
          case "serverData":
            if (!acceptLean(inbound, link, message)) send({ type: "MESSAGE.RECEIVED", message });
            break;
          case "connected":
            send({ type: "FRAME.CONNECTED", message });
            break;
          case "disconnected":
            send({ type: "FRAME.DISCONNECTED", message });
            break;
          case "pong":
            send({ type: "PONG.RECEIVED" });
            break;
        }
      };
      socket.onmessage = (data) => {
        if (current !== socket) return;
        link.lastInboundAt = Date.now();
        const decoded = decodeFrameLean(protocol, data);
        if ("kind" in decoded) return handle(decoded);
        if (decoded.status !== "ok") {
          if (decoded.status !== "invalid") return;
          logger.warn(`Dropped an invalid frame: ${decoded.reason}`);
          // A malformed ack whose ackId is readable still settles its operation, as a failed
          // attempt: the retry policy re-sends it with the same ackId, and the service de-duplicates.
          if (decoded.ackId !== undefined) {
            handle({
              kind: "ack",
              ackId: decoded.ackId,
              success: false,
              error: {
                name: "InvalidAck",
                message: `The service's ack could not be read: ${decoded.reason}`,
              },
            });
          }
          return;
        }
        for (const message of decoded.message) handle(message);
      };
    };

    receive((command) => {
      switch (command.type) {
        case "OPEN":
          open(command.url);
          break;
        case "WRITE":
          if (!link.write(command.message))
            logger.debug(`Not written (no open socket): ${command.message.kind}`);
          break;
        case "CLOSE":
          if (current === undefined) {
            // Nothing to close: say so, so that the machine does not wait for a close that never comes.
            queueMicrotask(() => send({ type: "SOCKET.CLOSED", code: command.code, reason: command.reason }));
          } else {
            current.close(command.code, command.reason);
          }
          break;
        case "TERMINATE":
          drop();
          break;
        case "WATCH":
          unwatch?.();
          unwatch = runWatchdog(link, { input: command, sendBack });
          break;
        case "UNWATCH":
          unwatch?.();
          unwatch = undefined;
          break;
      }
    });

    return () => {
      unwatch?.();
      drop();
    };
  };
}
