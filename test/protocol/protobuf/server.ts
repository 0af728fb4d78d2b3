/**
 * A small Web PubSub-like service for the protobuf subprotocols that decodes and encodes with the
 * OTHER library: `@bufbuild/protobuf` and the TypeScript protoc-gen-es generates from the same
 * `webpubsub.v1.proto` (the client's codec is protobufjs). So our client is checked against an
 * independent reading of the schema, not only against itself.
 *
 * What it does, enough for one client at a time: echoes the subprotocol, sends `connected` (with a
 * reconnection token on the reliable subprotocol), acks every request that carries an ackId, echoes
 * group sends back as group messages (unless `no_echo`) and events as server messages, numbering
 * data messages on the reliable subprotocol, and answers `ping` with `pong`. Everything it receives
 * is kept, as decoded by @bufbuild/protobuf, for the test to look at. 127.0.0.1, ephemeral port.
 */
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import {
  DownstreamMessageSchema,
  UpstreamMessageSchema,
  type DownstreamMessage,
  type MessageData,
  type UpstreamMessage,
} from "./webpubsub.v1_pb.js";
import type { MessageInitShape } from "@bufbuild/protobuf";

const SUBPROTOCOLS = new Set(["protobuf.webpubsub.azure.v1", "protobuf.reliable.webpubsub.azure.v1"]);

export interface ProtobufTestServer {
  readonly url: string;
  /** Every frame received, decoded by @bufbuild/protobuf, in order. */
  readonly received: UpstreamMessage[];
  /** The subprotocol the last connection chose. */
  readonly protocol: () => string | undefined;
  /** Resolves when a received message satisfies `predicate` (already received ones count). */
  waitFor(predicate: (message: UpstreamMessage) => boolean, timeoutMs?: number): Promise<UpstreamMessage>;
  close(): Promise<void>;
}

export async function startProtobufTestServer(): Promise<ProtobufTestServer> {
  const wss = new WebSocketServer({
    host: "127.0.0.1",
    port: 0,
    handleProtocols: (offered) => [...offered].find((name) => SUBPROTOCOLS.has(name)) ?? false,
  });
  await new Promise<void>((resolve) => wss.once("listening", resolve));
  const received: UpstreamMessage[] = [];
  const waiters = new Set<() => void>();
  let chosen: string | undefined;

  wss.on("connection", (socket: WebSocket) => {
    chosen = socket.protocol;
    const reliable = socket.protocol.startsWith("protobuf.reliable.");
    let sequenceId = 0n;
    const send = (init: MessageInitShape<typeof DownstreamMessageSchema>) =>
      socket.send(toBinary(DownstreamMessageSchema, create(DownstreamMessageSchema, init)));
    const data = (from: "group" | "server", group: string | undefined, payload: MessageData | undefined) => {
      const message: MessageInitShape<typeof DownstreamMessageSchema>["message"] = {
        case: "dataMessage",
        value: {
          from,
          ...(group === undefined ? {} : { group }),
          ...(payload === undefined ? {} : { data: payload }),
        },
      };
      if (reliable) message.value.sequenceId = ++sequenceId;
      send({ message });
    };
    const ack = (ackId: bigint | undefined) => {
      if (ackId !== undefined) send({ message: { case: "ackMessage", value: { ackId, success: true } } });
    };

    send({
      message: {
        case: "systemMessage",
        value: {
          message: {
            case: "connectedMessage",
            value: {
              connectionId: "conn-1",
              userId: "user-1",
              ...(reliable ? { reconnectionToken: "token-1" } : {}),
            },
          },
        },
      },
    });

    socket.on("message", (frame: Buffer, isBinary: boolean) => {
      if (!isBinary) {
        socket.close(1003, "binary frames only");
        return;
      }
      let message: UpstreamMessage;
      try {
        message = fromBinary(UpstreamMessageSchema, frame);
      } catch {
        socket.close(1007, "malformed frame");
        return;
      }
      received.push(message);
      const m = message.message;
      switch (m.case) {
        case "joinGroupMessage":
        case "leaveGroupMessage":
          ack(m.value.ackId);
          break;
        case "sendToGroupMessage":
          ack(m.value.ackId);
          if (m.value.noEcho !== true) data("group", m.value.group, m.value.data);
          break;
        case "eventMessage":
          ack(m.value.ackId);
          data("server", undefined, m.value.data);
          break;
        case "pingMessage":
          send({ message: { case: "pongMessage", value: {} } });
          break;
        default:
          break;
      }
      for (const wake of [...waiters]) wake();
    });
  });

  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/client/hubs/hub?access_token=test`,
    received,
    protocol: () => chosen,
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find(predicate);
          if (found === undefined) return false;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const wake = () => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error("timed out waiting for a frame"));
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

export type { DownstreamMessage };
