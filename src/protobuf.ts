/**
 * `web-pubsub-machine/protobuf`: the protobuf subprotocols, in an entry point of their own so that
 * applications on the JSON protocols never load protobufjs.
 *
 * ```ts
 * import { WebPubSubClient } from "web-pubsub-machine";
 * import { WebPubSubProtobufReliableProtocol } from "web-pubsub-machine/protobuf";
 * const client = new WebPubSubClient(url, { protocol: WebPubSubProtobufReliableProtocol() });
 * ```
 *
 * The codec pairs are exported too: `encodeUpstream` / `decodeDownstream` (a client's side) and
 * `decodeUpstream` / `encodeDownstream` (a service's side).
 * @packageDocumentation
 */
export {
  WebPubSubProtobufProtocol,
  WebPubSubProtobufReliableProtocol,
} from "./protocol/protobuf-protocol.js";
export {
  decodeDownstream,
  decodeUpstream,
  encodeDownstream,
  encodeUpstream,
  type Decoded,
  type Rejected,
} from "./protocol/protobuf-codec.js";
export {
  PROTOBUF_RELIABLE_SUBPROTOCOL,
  PROTOBUF_SUBPROTOCOL,
  type ProtobufSubprotocolName,
} from "./protocol/messages.js";
