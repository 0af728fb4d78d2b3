/**
 * The model-based paths on the protobuf subprotocols: the same paths (generated once, from the
 * JSON variants), run with the client on the protobuf twin of its subprotocol and the scripted
 * service reading and writing protobuf frames (`createScriptedSockets({ service })`). The
 * statecharts do not know the subprotocol; these runs prove the facade, the socket session and the
 * operations do not either — every step's frames, events and transitions must match the model's.
 */
import * as protobuf from "../../src/protobuf.js";
import type { ScriptedService } from "../../src/testing/index.js";
import type { DownstreamMessage, WebPubSubClientProtocol } from "../../src/protocol/messages.js";
import type { ClientPath } from "./client-model.js";

/** The service's half of the protobuf codec. */
export const PROTOBUF_SERVICE: ScriptedService = protobuf;

/** A service message as the protobuf subprotocol carries it (no sender user id, for one). */
export function carriedByProtobuf(message: DownstreamMessage): DownstreamMessage {
  const decoded = protobuf.decodeDownstream(protobuf.encodeDownstream(message));
  if (decoded.status !== "ok") throw new Error(`protobuf cannot carry ${message.kind}: ${decoded.reason}`);
  return decoded.message;
}

/** The protobuf subprotocol with the reliability of `reliable`. */
export function protobufTwin(reliable: boolean): WebPubSubClientProtocol {
  return reliable ? protobuf.WebPubSubProtobufReliableProtocol() : protobuf.WebPubSubProtobufProtocol();
}

/** `path` with the client on the protobuf twin of its variant's subprotocol. */
export function onProtobuf(path: ClientPath): ClientPath {
  const reliable = path.variant.options.protocol?.isReliableSubProtocol ?? true;
  const protocol = protobufTwin(reliable);
  const name = `${path.variant.name}, ${protocol.name}`;
  return {
    ...path,
    variant: {
      ...path.variant,
      name,
      options: { ...path.variant.options, protocol },
      service: PROTOBUF_SERVICE,
      carried: carriedByProtobuf,
    },
    name: path.name.replace(`[${path.variant.name}]`, `[${name}]`),
  };
}
