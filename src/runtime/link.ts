/**
 * The link: the open socket of the current connection, shared by the socket session (which owns
 * it: opens, closes, reads) and the operations (which write their frames through it without a
 * machine event per frame), with the codec of the subprotocol.
 */
import type { FrameCodec } from "../protocol/codec.js";
import type { UpstreamMessage } from "../protocol/messages.js";
import type { SocketLike } from "../transport/socket.js";

export class Link {
  /** The socket once it has opened, until it closes. */
  socket: SocketLike | undefined = undefined;
  /** When the last frame arrived (ms since the epoch), for the silence watchdog. */
  lastInboundAt = 0;

  constructor(readonly codec: FrameCodec) {}

  /** Writes a message if a socket is open. Returns whether it was written. */
  write(message: UpstreamMessage): boolean {
    const socket = this.socket;
    if (socket === undefined) return false;
    socket.send(this.codec.encode(message));
    return true;
  }
}
