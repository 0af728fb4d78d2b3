/**
 * The protobuf subprotocols as `WebPubSubClientProtocol` objects (and our {@link FrameCodec}s), the
 * counterparts of `WebPubSubJsonProtocol()` / `WebPubSubJsonReliableProtocol()`: pass one as the
 * client's `protocol` option and everything else — recovery, acks, retries, the statecharts, the
 * inspector — works unchanged. Frames are binary both ways.
 */
import { BuiltInProtocol } from "./built-in.js";
import type { DecodedFrame, FrameCodec } from "./codec.js";
import {
  PROTOBUF_RELIABLE_SUBPROTOCOL,
  PROTOBUF_SUBPROTOCOL,
  type ProtobufSubprotocolName,
  type UpstreamMessage,
  type WebPubSubClientProtocol,
} from "./messages.js";
import { decodeDownstreamMessage, encodeUpstream } from "./protobuf-codec.js";

/** Frozen, like the JSON protocol objects, so the client can trust it to decode as its codec does. */
class ProtobufProtocol extends BuiltInProtocol {
  constructor(name: ProtobufSubprotocolName, isReliableSubProtocol: boolean) {
    super(name, isReliableSubProtocol);
    Object.freeze(this);
  }

  /** {@link FrameCodec.encode}: one upstream message as the bytes of a binary frame. */
  encode(message: UpstreamMessage): Uint8Array {
    return encodeUpstream(message);
  }

  /** {@link FrameCodec.decode}: a binary frame; a text frame is `invalid`. Never throws. */
  decode(frame: string | ArrayBuffer | Uint8Array): DecodedFrame {
    return decodeDownstreamMessage(frame as ArrayBuffer | Uint8Array);
  }
}
Object.freeze(ProtobufProtocol.prototype);

/**
 * The `protobuf.webpubsub.azure.v1` subprotocol: binary frames, no sequence ids, no recovery.
 *
 * @returns A new (frozen) protocol object.
 */
export function WebPubSubProtobufProtocol(): WebPubSubClientProtocol & FrameCodec {
  return new ProtobufProtocol(PROTOBUF_SUBPROTOCOL, false);
}

/**
 * The `protobuf.reliable.webpubsub.azure.v1` subprotocol: binary frames, sequence ids,
 * `sequenceAck`, recovery.
 *
 * @returns A new (frozen) protocol object.
 */
export function WebPubSubProtobufReliableProtocol(): WebPubSubClientProtocol & FrameCodec {
  return new ProtobufProtocol(PROTOBUF_RELIABLE_SUBPROTOCOL, true);
}
