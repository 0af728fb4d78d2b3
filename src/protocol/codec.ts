/**
 * The client's codec seam: one interface between frames on the wire and typed messages, whatever
 * the subprotocol. Our JSON protocols implement it directly (`json-protocol.ts`); a protocol object
 * written for the official client (`WebPubSubClientProtocol`) plugs in through
 * {@link codecOf}, which wraps its `writeMessage` / `parseMessages` and checks what they return.
 * A new subprotocol (protobuf, say) is a new implementation of this interface.
 */
import type { Decoded } from "./decoded.js";
import type { DownstreamMessage, UpstreamMessage, WebPubSubClientProtocol } from "./messages.js";
import { decodeFrame, isOurProtocol } from "./json-protocol.js";

/** One frame decoded: a single message as itself (the hot path allocates no wrapper), or a result. */
export type DecodedFrame = DownstreamMessage | Decoded<readonly DownstreamMessage[]>;

export interface FrameCodec {
  /** The subprotocol offered in the handshake. */
  readonly name: string;
  /** The subprotocol numbers data messages and supports recovery. */
  readonly reliable: boolean;
  /** One upstream message as a frame: text for JSON, bytes for binary subprotocols. */
  encode(message: UpstreamMessage): string | ArrayBuffer | Uint8Array;
  /** One downstream frame; never throws. Tell a bare message apart with `"kind" in result`. */
  decode(frame: string | ArrayBuffer): DecodedFrame;
}

/** The codec a protocol object stands for: itself when it is one of ours, else an adapter. */
export function codecOf(protocol: WebPubSubClientProtocol): FrameCodec {
  if (isOurProtocol(protocol)) return protocol;
  return {
    name: protocol.name,
    reliable: protocol.isReliableSubProtocol === true,
    encode: (message) => protocol.writeMessage(message) as string | ArrayBuffer | Uint8Array,
    decode: (frame) => decodeFrame(protocol, frame),
  };
}
