/**
 * What every built-in protocol object (JSON, reliable JSON, protobuf, reliable protobuf) shares:
 * it is at once an official-style `WebPubSubClientProtocol` and our {@link FrameCodec}, and the
 * official interface's `parseMessages` / `writeMessage` are its codec's `decode` / `encode` with
 * the official error behaviour (throw) on top.
 *
 * Recognised by a registered symbol rather than `instanceof`: the protobuf protocols ship in their
 * own entry point (`web-pubsub-machine/protobuf`), whose build carries its own copy of this class,
 * and the client built from the main entry must still take them as its own codecs.
 */
import type { DecodedFrame, FrameCodec } from "./codec.js";
import { isUpstreamMessage } from "./messages.js";
import type { UpstreamMessage, WebPubSubClientProtocol, WebPubSubMessage } from "./messages.js";

const BUILT_IN = Symbol.for("web-pubsub-machine.built-in-protocol");

export abstract class BuiltInProtocol implements WebPubSubClientProtocol, FrameCodec {
  /** {@link FrameCodec}'s name for `isReliableSubProtocol`. */
  readonly reliable: boolean;

  constructor(
    readonly name: string,
    readonly isReliableSubProtocol: boolean,
  ) {
    this.reliable = isReliableSubProtocol;
  }

  /** {@link FrameCodec.encode}: one upstream message as a frame. */
  abstract encode(message: UpstreamMessage): string | Uint8Array;

  /**
   * {@link FrameCodec.decode}, also taking the byte views `parseMessages` accepts: the message
   * itself when valid (no wrapper allocated), else why not. Never throws.
   */
  abstract decode(frame: string | ArrayBuffer | Uint8Array): DecodedFrame;

  /**
   * Decodes one service → client frame.
   *
   * @returns The message, or `null` for a frame we do not know (forward compatibility).
   * @throws Error with the reason when the frame is invalid, as the official protocols do.
   */
  parseMessages(input: string | ArrayBuffer | Uint8Array): WebPubSubMessage | null {
    const result = this.decode(input);
    if ("kind" in result) return result;
    if (result.status === "ignored") return null;
    if (result.status === "ok") return result.message[0] ?? null;
    throw new Error(result.reason);
  }

  /**
   * Encodes one client → service message: text for JSON, an exact `ArrayBuffer` for binary
   * subprotocols (the official interface's types).
   *
   * @throws TypeError for a service → client kind (this is a client protocol) or a malformed
   *   message.
   */
  writeMessage(message: WebPubSubMessage): string | ArrayBuffer {
    if (!isUpstreamMessage(message)) {
      throw new TypeError(`The ${this.name} client protocol cannot write a "${message.kind}" message.`);
    }
    const frame = this.encode(message);
    if (typeof frame === "string") return frame;
    // A copy, always: in Node the bytes may be a `Buffer` in a shared pool, and `Buffer#slice`
    // does not copy.
    const copy = new Uint8Array(frame.byteLength);
    copy.set(frame);
    return copy.buffer;
  }
}
(BuiltInProtocol.prototype as unknown as Record<symbol, boolean>)[BUILT_IN] = true;
Object.freeze(BuiltInProtocol.prototype);

/**
 * Whether a protocol object is one of ours: frozen, and decoding exactly as its codec does, so the
 * client may use it as its {@link FrameCodec} and skip the throw/catch of `parseMessages`.
 */
export function isOurProtocol(
  protocol: WebPubSubClientProtocol,
): protocol is WebPubSubClientProtocol & BuiltInProtocol {
  return (protocol as unknown as Record<symbol, unknown>)[BUILT_IN] === true;
}
