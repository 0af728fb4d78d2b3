/**
 * The socket actor the client machine invokes: a `fromCallback` actor that opens sockets when
 * told (`OPEN`), writes (`WRITE`), closes (`CLOSE`, `TERMINATE`) and turns what a socket reports
 * into the machine's events. At most one socket exists at a time; a new `OPEN` drops the old one,
 * and the actor's cleanup (when the machine leaves `running`) drops whatever is left.
 *
 * Inbound frames are decoded here. Acks and invoke responses of application operations go
 * straight to the operation registry (`routeAck` / `routeInvokeResponse`); only those the
 * registry does not own (the machine's own rejoins) reach the machine, so the per-operation hot
 * path never pays for a machine transition.
 */
import { fromCallback } from "xstate";
import type { ClientEvent, SocketCommand } from "../../machines/client.machine.js";
import { decodeFrame } from "../protocol/json-protocol.js";
import type {
  AckMessage,
  InvokeResponseMessage,
  UpstreamMessage,
  WebPubSubClientProtocol,
} from "../protocol/messages.js";
import type { Logger } from "../logging.js";
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
  /** Returns `true` when the response belonged to a pending invocation. */
  readonly routeInvokeResponse: (message: InvokeResponseMessage) => boolean;
}

/** Builds the socket actor logic to provide as the client machine's `socket` actor. */
export function createSocketActor(options: SocketActorOptions) {
  const { factory, link, logger, routeAck, routeInvokeResponse } = options;
  const protocol = link.protocol;
  return fromCallback<SocketCommand>(({ sendBack, receive }) => {
    const send = sendBack as (event: ClientEvent) => void;
    let current: SocketLike | undefined;

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
      socket.onmessage = (data) => {
        if (current !== socket) return;
        link.lastInboundAt = Date.now();
        const decoded = decodeFrame(protocol, data);
        if (decoded.status !== "ok") {
          if (decoded.status === "invalid") logger.warn(`Dropped an invalid frame: ${decoded.reason}`);
          return;
        }
        for (const message of decoded.message) {
          switch (message.kind) {
            case "ack":
              if (!routeAck(message)) {
                const event: ClientEvent =
                  message.error === undefined
                    ? { type: "ACK.RECEIVED", ackId: message.ackId, success: message.success }
                    : {
                        type: "ACK.RECEIVED",
                        ackId: message.ackId,
                        success: message.success,
                        error: message.error,
                      };
                send(event);
              }
              break;
            case "invokeResponse":
              if (!routeInvokeResponse(message)) {
                logger.debug(`Ignored an invokeResponse for unknown invocation ${message.invocationId}`);
              }
              break;
            case "groupData":
            case "serverData":
              send({ type: "MESSAGE.RECEIVED", message });
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
        }
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
      }
    });

    return drop;
  });
}
