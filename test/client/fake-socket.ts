/** A scripted socket factory for facade tests: every socket is recorded; the test plays the service. */
import { WebPubSubClient, type InternalClientOptions } from "../../src/client.js";
import type { SocketFactory, SocketLike } from "../../src/transport/socket.js";
import type { WebPubSubClientOptions } from "../../src/types.js";

/** The client access URL of facade tests (its token must never appear in a log). */
export const FAKE_URL = "wss://example.test/client/hubs/chat?access_token=SECRET-TOKEN";

export interface FakeSocket extends SocketLike {
  readonly url: string;
  readonly protocolName: string;
  /** Frames the client wrote, parsed. */
  readonly sent: Array<Record<string, unknown>>;
  closedWith: { code: number; reason: string } | undefined;
  terminated: boolean;
  open(): void;
  /** The socket reports an error (a close should follow). */
  error(message: string): void;
  /** Delivers a service frame (an object is sent as JSON text). */
  receive(frame: object | string): void;
  /** The service closes the connection. */
  drop(code?: number, reason?: string): void;
  /** Opens and sends `system/connected`. */
  accept(connectionId?: string, token?: string): void;
}

export function createFakeSockets() {
  const sockets: FakeSocket[] = [];
  const factory: SocketFactory = (url, protocolName, listener) => {
    const socket: FakeSocket = {
      url,
      protocolName,
      sent: [],
      closedWith: undefined,
      terminated: false,
      send(frame) {
        socket.sent.push(JSON.parse(String(frame)) as Record<string, unknown>);
      },
      close(code, reason) {
        socket.closedWith = { code, reason };
        // The service answers the close handshake on the next turn.
        queueMicrotask(() => listener.socketClosed(socket, code, reason));
      },
      terminate() {
        socket.terminated = true;
      },
      open() {
        listener.socketOpened(socket);
      },
      error(message) {
        listener.socketError(socket, message);
      },
      receive(frame) {
        listener.socketMessage(socket, typeof frame === "string" ? frame : JSON.stringify(frame));
      },
      drop(code = 1006, reason = "") {
        listener.socketClosed(socket, code, reason);
      },
      accept(connectionId = "conn-1", token = "reco-token") {
        socket.open();
        socket.receive({
          type: "system",
          event: "connected",
          connectionId,
          userId: "alice",
          reconnectionToken: token,
        });
      },
    };
    sockets.push(socket);
    return socket;
  };
  return {
    factory,
    sockets,
    get last(): FakeSocket {
      const socket = sockets.at(-1);
      if (!socket) throw new Error("no socket yet");
      return socket;
    },
  };
}

/** Lets promise callbacks and queued microtasks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A client on fake sockets, with no keep-alive, no watchdog and no jitter unless `options` say so. */
export function setupFakeClient(options: InternalClientOptions = {}) {
  const fake = createFakeSockets();
  const client = new WebPubSubClient(FAKE_URL, {
    keepAliveIntervalInMs: 0,
    keepAliveTimeoutInMs: 0,
    seed: 1,
    ...options,
    socketFactory: fake.factory,
  } as WebPubSubClientOptions);
  return { client, fake };
}

/** {@link setupFakeClient}, started: the socket accepted with `system/connected`. */
export async function startedFakeClient(options: InternalClientOptions = {}) {
  const { client, fake } = setupFakeClient(options);
  const start = client.start();
  await settle();
  fake.last.accept();
  await start;
  return { client, fake };
}
