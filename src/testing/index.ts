/**
 * Test helpers for applications built on `web-pubsub-machine`: a scripted socket factory that plays
 * the service, a client wired to it, frame builders, and the statecharts themselves so that paths
 * can be generated with `xstate/graph` and replayed against the real client.
 *
 * ```ts
 * import { createScriptedSockets, createScriptedClient, frames } from "web-pubsub-machine/testing";
 * const sockets = createScriptedSockets();
 * const client = createScriptedClient(sockets, { keepAliveIntervalInMs: 0 });
 * const started = client.start();
 * await Promise.resolve();           // the URL resolves, the socket is created
 * sockets.last.accept();             // open + system/connected
 * await started;
 * ```
 */
import { WebPubSubClient, type InternalClientOptions } from "../client.js";
import * as json from "../protocol/json-codec.js";
import type { Decoded } from "../protocol/decoded.js";
import type { DownstreamMessage, UpstreamMessage } from "../protocol/messages.js";
import type { SocketFactory, SocketLike } from "../transport/socket.js";
import type { WebPubSubClientCredential } from "../types.js";

export { clientMachine } from "../../machines/client.machine.js";
export type {
  ClientEmitted,
  ClientEvent,
  ClientMachineConfig,
  ClientMachineInput,
  SocketCommand,
} from "../../machines/client.machine.js";
export { operationMachine } from "../../machines/operation.machine.js";
export {
  CLOSE_BY_CLIENT,
  clientModelEvents,
  clientModelInput,
  clientModelKey,
  MODEL_URL,
  modelGroupMessage,
  RESOLVE_URL_INVOKE,
  type ClientSnapshot,
} from "./model.js";
export type { OperationEvent, OperationMachineInput } from "../../machines/operation.machine.js";

/**
 * A frame the client wrote, in the JSON subprotocol's shape (`{ type: "joinGroup", group, ackId }`)
 * whatever the subprotocol: parsed from JSON, or decoded by the scripted service's codec and
 * written as JSON would have it.
 */
export type WrittenFrame = Readonly<Record<string, unknown>> & { readonly type?: unknown };

/**
 * How the scripted service reads the client's frames and writes its own: the service's half of a
 * subprotocol's codec. JSON unless given; for the protobuf subprotocols pass the module
 * `web-pubsub-machine/protobuf` itself (it exports both functions):
 *
 * ```ts
 * import * as protobuf from "web-pubsub-machine/protobuf";
 * const sockets = createScriptedSockets({ service: protobuf });
 * const client = createScriptedClient(sockets, { protocol: protobuf.WebPubSubProtobufReliableProtocol() });
 * ```
 */
export interface ScriptedService {
  decodeUpstream(frame: Uint8Array): Decoded<UpstreamMessage>;
  encodeDownstream(message: DownstreamMessage): Uint8Array;
}

/** One socket the client opened; the test plays the service on it. */
export interface ScriptedSocket extends SocketLike {
  readonly url: string;
  readonly protocolName: string;
  /** Frames the client wrote, decoded into the JSON shape, in order. */
  readonly sent: WrittenFrame[];
  /** The close handshake the client started, if any. */
  readonly closeRequested: { readonly code: number; readonly reason: string } | undefined;
  /** `terminate()` was called (the client dropped the socket without a handshake). */
  readonly terminated: boolean;
  /** The socket has reported its close (or was terminated). */
  readonly ended: boolean;
  /** The upgrade succeeded. */
  open(): void;
  /**
   * Delivers a service frame: a typed message (encoded as the service would), an object (a JSON
   * frame; with a binary `service`, its typed message encoded by it) or raw text (a text frame).
   */
  receive(frame: DownstreamMessage | object | string): void;
  /** Opens the socket and sends `system/connected`. */
  accept(connectionId?: string, reconnectionToken?: string, userId?: string): void;
  /** The service (or the network) closes the connection. */
  drop(code?: number, reason?: string): void;
  /** The upgrade fails: an error, then a close with 1006. */
  fail(message: string): void;
  /** Answers the close handshake the client started (no-op when none was started). */
  completeClose(): void;
}

export interface ScriptedSocketsOptions {
  /** Answer `close()` on the next microtask, as a live service would (default `true`). */
  readonly autoCompleteClose?: boolean;
  /** The subprotocol the service speaks, when it is not JSON (see {@link ScriptedService}). */
  readonly service?: ScriptedService;
}

export interface ScriptedSockets {
  /** Give this to the client as `socketFactory`. */
  readonly factory: SocketFactory;
  /** Every socket the client opened, oldest first. */
  readonly sockets: readonly ScriptedSocket[];
  /** The newest socket; throws when the client opened none. */
  readonly last: ScriptedSocket;
}

function isDownstream(frame: object): frame is DownstreamMessage {
  return "kind" in frame && typeof (frame as { kind: unknown }).kind === "string";
}

/** What the client wrote, as a binary service reads it, in the JSON shape. */
function writtenFrame(service: ScriptedService, frame: string | ArrayBuffer | Uint8Array): WrittenFrame {
  if (typeof frame === "string") throw new TypeError("the scripted service speaks binary frames");
  const decoded = service.decodeUpstream(frame instanceof Uint8Array ? frame : new Uint8Array(frame));
  if (decoded.status !== "ok")
    throw new TypeError(`the client wrote a frame the service cannot read: ${decoded.reason}`);
  return JSON.parse(json.encodeUpstream(decoded.message)) as WrittenFrame;
}

/** A service frame as a binary service writes it: a JSON object is read as its typed message. */
function binaryFrame(service: ScriptedService, frame: DownstreamMessage | object): ArrayBuffer {
  let message: DownstreamMessage;
  if (isDownstream(frame)) message = frame;
  else {
    const decoded = json.decodeDownstream(JSON.stringify(frame));
    if (decoded.status !== "ok") throw new TypeError(`not a service message: ${decoded.reason}`);
    message = decoded.message;
  }
  const bytes = service.encodeDownstream(message);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** A socket factory whose sockets do nothing until the test says so. */
export function createScriptedSockets(options: ScriptedSocketsOptions = {}): ScriptedSockets {
  const autoCompleteClose = options.autoCompleteClose ?? true;
  const service = options.service;
  const sockets: ScriptedSocket[] = [];
  const factory: SocketFactory = (url, protocolName, listener) => {
    let closeRequested: { code: number; reason: string } | undefined;
    let terminated = false;
    let ended = false;
    const end = (code: number, reason: string) => {
      if (ended) return;
      ended = true;
      if (!terminated) listener.socketClosed(socket, code, reason);
    };
    const socket: ScriptedSocket = {
      url,
      protocolName,
      sent: [],
      get closeRequested() {
        return closeRequested;
      },
      get terminated() {
        return terminated;
      },
      get ended() {
        return ended || terminated;
      },
      send(frame) {
        if (service !== undefined) {
          socket.sent.push(writtenFrame(service, frame));
          return;
        }
        if (typeof frame !== "string") throw new TypeError("the scripted socket speaks JSON text frames");
        socket.sent.push(JSON.parse(frame) as WrittenFrame);
      },
      close(code, reason) {
        if (closeRequested !== undefined || ended) return;
        closeRequested = { code, reason };
        if (autoCompleteClose) queueMicrotask(() => socket.completeClose());
      },
      terminate() {
        terminated = true;
      },
      open() {
        if (!socket.ended) listener.socketOpened(socket);
      },
      receive(frame) {
        if (socket.ended) return;
        const data =
          typeof frame === "string"
            ? frame
            : service !== undefined
              ? binaryFrame(service, frame)
              : isDownstream(frame)
                ? json.encodeDownstream(frame)
                : JSON.stringify(frame);
        listener.socketMessage(socket, data);
      },
      accept(connectionId = "conn-1", reconnectionToken = "reconnection-token", userId = "user") {
        socket.open();
        socket.receive({ kind: "connected", connectionId, userId, reconnectionToken });
      },
      drop(code = 1006, reason = "") {
        end(code, reason);
      },
      fail(message) {
        if (socket.ended) return;
        listener.socketError(socket, message);
        end(1006, "");
      },
      completeClose() {
        if (closeRequested !== undefined) end(closeRequested.code, closeRequested.reason);
      },
    };
    sockets.push(socket);
    return socket;
  };
  return {
    factory,
    sockets,
    get last(): ScriptedSocket {
      const socket = sockets.at(-1);
      if (socket === undefined) throw new Error("the client has not opened a socket yet");
      return socket;
    },
  };
}

/** The URL scripted clients use unless told otherwise (nothing listens there). */
export const SCRIPTED_URL = "wss://scripted.invalid/client/hubs/test?access_token=test";

/** A real {@link WebPubSubClient} whose sockets are `sockets`' scripted ones. */
export function createScriptedClient(
  sockets: ScriptedSockets,
  options: Omit<InternalClientOptions, "socketFactory"> = {},
  credential: string | WebPubSubClientCredential = SCRIPTED_URL,
): WebPubSubClient {
  const internal: InternalClientOptions = { ...options, socketFactory: sockets.factory };
  return new WebPubSubClient(credential, internal);
}

/** Service frames, typed. */
export const frames = {
  connected: (connectionId = "conn-1", reconnectionToken = "reconnection-token", userId = "user") =>
    ({ kind: "connected", connectionId, userId, reconnectionToken }) as const satisfies DownstreamMessage,
  disconnected: (message = "") => ({ kind: "disconnected", message }) as const satisfies DownstreamMessage,
  ack: (ackId: number, error?: { name: string; message: string }): DownstreamMessage =>
    error === undefined
      ? { kind: "ack", ackId, success: true }
      : { kind: "ack", ackId, success: false, error },
  groupMessage: (group: string, data: string, sequenceId?: number, fromUserId = "peer"): DownstreamMessage =>
    sequenceId === undefined
      ? { kind: "groupData", group, fromUserId, dataType: "text", data }
      : { kind: "groupData", group, fromUserId, dataType: "text", data, sequenceId },
  pong: (): DownstreamMessage => ({ kind: "pong" }),
};

/** Lets pending promise callbacks and microtasks run (uses `setImmediate`, which fake timers leave alone by default in these helpers' recipes). */
export async function flushMicrotasks(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
