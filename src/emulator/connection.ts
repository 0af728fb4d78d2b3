/**
 * One logical client connection: identity, permissions, groups, and the socket currently carrying
 * it (if any). A reliable connection outlives its socket for the recovery window; a new socket
 * can take over (recovery) and first receives every unacked message.
 */
import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";
import { CloseCode, type ConnectedMessage } from "../protocol/messages.js";
import type { Log } from "./logger.js";
import type { OutboundMessage } from "./outbound.js";
import type { Permissions } from "./permissions.js";
import type { ControlMessage, Frame, ServiceProtocol } from "./protocols/types.js";
import { ProcessedAckIds, ReliableSession } from "./session.js";
import type { ConnectionInfo, ConnectionState, EmulatorLimits } from "./types.js";

/**
 * How long a reliable buffer may stay past its limits before the connection is closed with 1008:
 * long enough for acks a prompt receiver already sent to arrive, short enough that a receiver
 * that does not ack is cut off at once in human terms.
 */
const OVERFLOW_GRACE_MS = 50;

/** What a connection needs from the service around it. */
export interface ConnectionContext {
  readonly log: Log;
  readonly limits: EmulatorLimits;
  readonly recoveryWindowMs: number;
  /** Forgets the connection everywhere (hub, groups, users, index). */
  remove(connection: ClientConnection, reason: string): void;
  /** Handles one incoming frame. */
  onFrame(connection: ClientConnection, data: Buffer, isBinary: boolean): void;
}

/** Fixed facts about a connection, decided at connect time. */
export interface ConnectionIdentity {
  readonly id: string;
  /** Lower-cased hub name. */
  readonly hub: string;
  readonly userId: string | null;
  /** The subprotocol chosen at upgrade: every frame of this connection goes through it. */
  readonly protocol: ServiceProtocol;
  readonly permissions: Permissions;
  /** Opaque secret for recovery; `undefined` on non-reliable subprotocols. */
  readonly reconnectionToken: string | undefined;
}

// A WebSocket close reason is at most 123 bytes.
function closeReason(reason: string): string {
  const bytes = Buffer.from(reason);
  return bytes.length <= 123
    ? reason
    : bytes
        .subarray(0, 120)
        .toString("utf8")
        .replace(/\uFFFD+$/, "") + "...";
}

function uncork(connection: ClientConnection, raw: Duplex): void {
  connection.releaseCork(raw);
}

const TEXT_FRAME = { binary: false } as const;
const BINARY_FRAME = { binary: true } as const;

export class ClientConnection {
  /** Groups this connection is in (the hub keeps the reverse index). */
  readonly groups = new Set<string>();
  /** Successful ackIds, for `Duplicate`. Survives recovery. */
  readonly ackIds: ProcessedAckIds;
  /** Present on reliable subprotocols. */
  readonly session: ReliableSession | undefined;
  /** Invocations waiting for the `onInvoke` hook, by invocationId. */
  readonly invocations = new Map<string, AbortController>();
  /** Set once the connection has been forgotten; everything becomes a no-op. */
  removed = false;

  private ws: WebSocket | undefined;
  private raw: Duplex | undefined;
  private blackholed = false;
  /** A server-initiated close is in progress on the current socket; `keep` = session survives it. */
  private closing: { readonly keep: boolean } | undefined;
  /** A pending re-check of a reliable buffer that went past its limits. */
  private overflowCheckPending = false;
  /** The socket corked for the current tick, if any. */
  private corked: Duplex | undefined;
  /** How frames are sent; `undefined` for a `mixed` protocol, where each frame's type decides. */
  private readonly sendOptions: { readonly binary: boolean } | undefined;

  constructor(
    readonly identity: ConnectionIdentity,
    private readonly ctx: ConnectionContext,
  ) {
    this.ackIds = new ProcessedAckIds(ctx.limits.processedAckIds);
    const frames = identity.protocol.frames;
    this.sendOptions = frames === "mixed" ? undefined : frames === "binary" ? BINARY_FRAME : TEXT_FRAME;
    this.session = identity.protocol.reliable
      ? new ReliableSession({
          maxMessages: ctx.limits.reliableBufferMessages,
          maxBytes: ctx.limits.reliableBufferBytes,
        })
      : undefined;
  }

  get id(): string {
    return this.identity.id;
  }

  get userId(): string | null {
    return this.identity.userId;
  }

  get protocol(): ServiceProtocol {
    return this.identity.protocol;
  }

  get state(): ConnectionState {
    if (this.ws === undefined) return "recovering";
    return this.blackholed ? "blackholed" : "connected";
  }

  /** Whether a socket is attached (blackholed or not). */
  get attached(): boolean {
    return this.ws !== undefined;
  }

  info(): ConnectionInfo {
    return {
      connectionId: this.id,
      userId: this.userId,
      hub: this.identity.hub,
      protocol: this.identity.protocol.name,
      groups: [...this.groups].sort(),
      state: this.state,
      unackedMessages: this.session?.pendingCount ?? 0,
    };
  }

  /**
   * Puts a socket under this connection. A socket already attached (one the client gave up on,
   * e.g. blackholed) is destroyed silently; its close event is then ignored.
   */
  attach(ws: WebSocket, raw: Duplex): void {
    const previous = this.raw;
    this.ws = ws;
    this.raw = raw;
    this.blackholed = false;
    this.closing = undefined;
    previous?.destroy();
    this.session?.attach();
    ws.on("message", (data, isBinary) => {
      if (this.ws !== ws || this.blackholed || this.closing !== undefined) return;
      this.ctx.onFrame(this, data as Buffer, isBinary);
    });
    ws.on("error", (error) => {
      if (this.ws !== ws) return;
      // `ws` reports protocol violations (oversized frame → 1009, bad UTF-8 → 1007) here and closes
      // the socket itself; such a client is not given a session to come back to.
      this.closing ??= { keep: false };
      this.ctx.log.info(`connection ${this.id}: socket error: ${error.message}`);
    });
    ws.on("close", (code) => this.onSocketClosed(ws, code));
  }

  /** Sends `system/connected`: the first frame of a new connection, and of a recovered one. */
  sendConnected(): void {
    const token = this.identity.reconnectionToken;
    // No reconnection token on the plain subprotocols: the field is left out, not empty.
    this.send(
      token === undefined
        ? ({ kind: "connected", connectionId: this.id, userId: this.userId ?? "" } as ConnectedMessage)
        : { kind: "connected", connectionId: this.id, userId: this.userId ?? "", reconnectionToken: token },
    );
  }

  /** Recovery: every unacked message, in order, before anything new. */
  replay(): void {
    if (this.session === undefined) return;
    for (const frame of this.session.unacked()) this.write(frame);
  }

  /** Sends a control message (ack, pong, invokeResponse, …). Lost if no socket is attached: acks are not buffered. */
  send(message: ControlMessage): void {
    const frame = this.identity.protocol.encode(message);
    if (frame !== undefined) this.write(frame);
  }

  /**
   * Delivers a data message: numbered and kept until acked on reliable connections. Never throws:
   * a fan-out calls this once per member, and one member's failure must not cost the others their
   * copy (the failing member is logged and closed instead).
   */
  deliver(message: OutboundMessage): void {
    if (this.removed) return;
    try {
      this.deliverNow(message);
    } catch (error) {
      this.failDelivery(error);
    }
  }

  private deliverNow(message: OutboundMessage): void {
    const protocol = this.identity.protocol;
    const encoded = message.encodedFor(protocol.dataEncoding);
    const session = this.session;
    if (session === undefined) {
      this.write(protocol.dataFrame(encoded, 0));
      return;
    }
    const frame = protocol.dataFrame(encoded, session.nextId);
    if (!session.enqueue(frame)) {
      this.closeForOverflow();
      return;
    }
    if (session.overLimit && !this.overflowCheckPending) {
      // Judge the receiver only once its acks had time to arrive (the grace period) AND the event
      // loop has polled its socket since: one read of a publisher's backlog can fan out for longer
      // than any timer, with the receiver's acks waiting behind it. A setImmediate queued from the
      // timer runs after the next poll phase.
      this.overflowCheckPending = true;
      setTimeout(() => {
        setImmediate(() => {
          this.overflowCheckPending = false;
          if (!this.removed && this.session?.overLimit) this.closeForOverflow();
        });
      }, OVERFLOW_GRACE_MS).unref();
    }
    this.write(frame);
  }

  private failDelivery(error: unknown): void {
    this.ctx.log.error(`connection ${this.id}: delivery failed: ${String(error)}; closing with 1011`);
    try {
      this.close(CloseCode.InternalError, "The service failed to deliver a message", false);
    } catch {
      // The socket is beyond a close handshake: cut it and forget the connection.
      this.raw?.destroy();
      this.ctx.remove(this, "delivery failed");
    }
  }

  private closeForOverflow(): void {
    const session = this.session;
    if (session === undefined || this.removed) return;
    this.ctx.log.warn(
      `connection ${this.id}: reliable buffer full (${session.pendingCount} messages, ${session.pendingBytes} bytes unacked); closing with 1008`,
    );
    this.close(
      CloseCode.PolicyViolation,
      "Reliable message buffer overflow: messages were not acknowledged in time",
      false,
    );
  }

  private write(frame: Frame): void {
    const ws = this.ws;
    if (ws === undefined || this.blackholed || this.closing !== undefined || ws.readyState !== ws.OPEN)
      return;
    if (!this.hasRoom(ws)) {
      // The frame is not written: a client that stopped reading gets nothing more queued for it.
      this.ctx.log.warn(
        `connection ${this.id}: ${ws.bufferedAmount} bytes waiting to be sent; closing as a slow client`,
      );
      this.close(CloseCode.PolicyViolation, "SlowClient: the client does not read fast enough", false);
      return;
    }
    this.put(ws, frame);
  }

  /** Whether the socket's send buffer can take another frame (a slow client's cannot). */
  private hasRoom(ws: WebSocket): boolean {
    return ws.bufferedAmount <= this.ctx.limits.sendBufferBytes;
  }

  private put(ws: WebSocket, frame: Frame): void {
    // Frames written in the same tick (a fan-out burst, acks for a batch of requests) leave in
    // one write: the socket stays corked until the tick ends. This, not JSON, is what a
    // delivery costs most (one syscall per frame otherwise).
    const raw = this.raw;
    if (raw !== undefined && this.corked !== raw) {
      this.corked = raw;
      raw.cork();
      process.nextTick(uncork, this, raw);
    }
    ws.send(frame, this.sendOptions ?? (typeof frame === "string" ? TEXT_FRAME : BINARY_FRAME));
  }

  /** @internal */
  releaseCork(raw: Duplex): void {
    if (this.corked === raw) this.corked = undefined;
    raw.uncork();
  }

  /**
   * Server-initiated close: `system/disconnected` first, then the close frame. With `keep` a
   * reliable session stays recoverable; otherwise the connection is forgotten now.
   */
  close(code: number, reason: string, keep: boolean): void {
    const ws = this.ws;
    if (ws !== undefined && this.closing === undefined) {
      // Marked first: from here on nothing else is written to this socket and a second close
      // (e.g. from a write that finds the send buffer full) is a no-op.
      this.closing = { keep };
      if (this.blackholed) {
        // A half-open link cannot carry a close handshake.
        this.raw?.destroy();
      } else {
        // `system/disconnected` only if the send buffer has room: a slow client gets the close alone.
        const farewell = this.identity.protocol.encode({ kind: "disconnected", message: reason });
        if (farewell !== undefined && ws.readyState === ws.OPEN && this.hasRoom(ws)) {
          try {
            this.put(ws, farewell);
          } catch {
            // A socket that cannot take the farewell frame still gets its close frame.
          }
        }
        ws.close(code, closeReason(reason));
      }
    }
    if (!keep || this.session === undefined)
      this.ctx.remove(this, `closed by the service (${code} ${reason})`);
  }

  /** Network loss: destroy the TCP socket, no close frame. */
  drop(): void {
    this.raw?.destroy();
  }

  /** Half-open link: stop reading and writing, keep the socket. */
  blackhole(): void {
    if (this.ws === undefined) return;
    this.blackholed = true;
    this.ws.pause();
  }

  /** Destroys the socket without ceremony (after the connection was removed). */
  destroySocket(): void {
    this.raw?.destroy();
  }

  /** Called by the service when the connection is forgotten. */
  dispose(): void {
    this.removed = true;
    this.session?.dispose();
    this.abortInvocations();
  }

  private abortInvocations(): void {
    for (const controller of this.invocations.values()) controller.abort();
    this.invocations.clear();
  }

  private onSocketClosed(ws: WebSocket, code: number): void {
    if (this.ws !== ws) return;
    const closing = this.closing;
    this.ws = undefined;
    this.raw = undefined;
    this.blackholed = false;
    this.closing = undefined;
    this.abortInvocations();
    if (this.removed) return;
    // Only a deliberate client close (1000) is final; 1005 (the SDK's stop()), 1006 (network) and
    // the rest leave the session recoverable.
    const keep = closing !== undefined ? closing.keep : code !== CloseCode.Normal;
    if (this.session !== undefined && keep) {
      this.ctx.log.info(
        `connection ${this.id}: socket closed (${code}); recoverable for ${this.ctx.recoveryWindowMs} ms`,
      );
      this.session.detach(this.ctx.recoveryWindowMs, () => this.ctx.remove(this, "recovery window expired"));
    } else {
      this.ctx.remove(this, `socket closed (${code})`);
    }
  }
}
