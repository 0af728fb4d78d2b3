/**
 * The JSON subprotocols as `WebPubSubClientProtocol` objects, drop-in compatible with
 * `@azure/web-pubsub-client`'s `WebPubSubJsonProtocol()` / `WebPubSubJsonReliableProtocol()`,
 * plus {@link decodeFrame}, the client's one entry point for decoding a frame with whichever
 * protocol object the application chose.
 */

import { decodeDownstreamMessage, encodeUpstream } from "./json-codec.js";
import type { Decoded, Rejected } from "./decoded.js";
import { isSafeUint } from "./ids.js";
import {
  JSON_RELIABLE_SUBPROTOCOL,
  JSON_SUBPROTOCOL,
  type DownstreamMessage,
  type GroupDataMessage,
  type JSONTypes,
  type JsonSubprotocolName,
  type UpstreamMessage,
  type WebPubSubClientProtocol,
  type WebPubSubDataType,
} from "./messages.js";
import { optionalString, readError, WRONG } from "./json/fields.js";
import { connectedMessage, disconnectedMessage, readPartsMessage, readStreamInfo } from "./json/parts.js";
import { decodeUtf8 } from "./utf8.js";
import type { DecodedFrame } from "./codec.js";
import { BuiltInProtocol, isOurProtocol } from "./built-in.js";

export { isOurProtocol };

const NOT_UTF8: Rejected = Object.freeze({ status: "invalid", reason: "Frame is not valid UTF-8." });
const NOT_A_FRAME: Rejected = Object.freeze({
  status: "invalid",
  reason: "Frame is neither a string nor bytes.",
});

/** Text frames pass through; binary frames must be strict UTF-8 JSON (the docs allow them). */
function frameText(input: string | ArrayBuffer | Uint8Array): string | Rejected {
  if (typeof input === "string") return input;
  if (input instanceof ArrayBuffer || input instanceof Uint8Array) return decodeUtf8(input) ?? NOT_UTF8;
  return NOT_A_FRAME;
}

/**
 * Our JSON protocol objects. Instances and the prototype are frozen so that {@link decodeFrame}
 * can trust them to decode exactly like `decodeDownstream` and skip the throw/catch of
 * `parseMessages`.
 */
class JsonProtocol extends BuiltInProtocol {
  constructor(name: JsonSubprotocolName, isReliableSubProtocol: boolean) {
    super(name, isReliableSubProtocol);
    Object.freeze(this);
  }

  /** {@link FrameCodec.encode}: one upstream message as a JSON text frame. */
  encode(message: UpstreamMessage): string {
    return encodeUpstream(message);
  }

  /** {@link FrameCodec.decode}: text, or UTF-8 bytes (the docs allow binary JSON frames). */
  decode(frame: string | ArrayBuffer | Uint8Array): DecodedFrame {
    const text = frameText(frame);
    return typeof text === "string" ? decodeDownstreamMessage(text) : text;
  }
}
Object.freeze(JsonProtocol.prototype);

/**
 * The `json.webpubsub.azure.v1` subprotocol: no sequence ids, no recovery.
 *
 * @returns A new (frozen) protocol object.
 */
export function WebPubSubJsonProtocol(): WebPubSubClientProtocol {
  return new JsonProtocol(JSON_SUBPROTOCOL, false);
}

/**
 * The `json.reliable.webpubsub.azure.v1` subprotocol: sequence ids, `sequenceAck`, recovery. The
 * official client's default.
 *
 * @returns A new (frozen) protocol object.
 */
export function WebPubSubJsonReliableProtocol(): WebPubSubClientProtocol {
  return new JsonProtocol(JSON_RELIABLE_SUBPROTOCOL, true);
}

/**
 * Decodes one incoming frame with any protocol object, never throwing.
 *
 * With one of our JSON protocols this calls the codec directly (no throw/catch per frame). With a
 * third-party protocol (e.g. a protobuf implementation written for the official client) it calls
 * `parseMessages` inside try/catch and then validates and normalises what came back, because the
 * client's machines rely on the message contract (`userId` a string, `ackId` an integer, binary
 * data an `ArrayBuffer`, …) and a foreign object may not honour it.
 *
 * Result shape: always an array, so that a protocol returning several messages per frame needs no
 * second code path; with our protocols it holds exactly one message. `null` elements are skipped;
 * a frame whose elements are all skipped or unknown is `ignored`; if any element is invalid the
 * whole frame is `invalid` (reporting the first problem), so a half-applied frame never exists.
 *
 * @param protocol - The protocol object the connection was opened with.
 * @param input - The frame: a string for text frames, bytes for binary frames.
 * @returns The decoded messages (never empty when `ok`), or why the frame was ignored or rejected.
 */
export function decodeFrame(
  protocol: WebPubSubClientProtocol,
  input: string | ArrayBuffer | Uint8Array,
): Decoded<readonly DownstreamMessage[]> {
  if (isOurProtocol(protocol)) {
    const result = protocol.decode(input);
    return "kind" in result ? { status: "ok", message: [result] } : result;
  }
  let parsed: unknown;
  try {
    parsed = protocol.parseMessages(input);
  } catch (error) {
    return { status: "invalid", reason: error instanceof Error ? error.message : String(error) };
  }
  if (!Array.isArray(parsed)) {
    if (parsed === null || parsed === undefined)
      return { status: "ignored", reason: "The protocol ignored the frame." };
    const one = normalizeDownstream(parsed);
    return "kind" in one ? { status: "ok", message: [one] } : one;
  }
  const messages: DownstreamMessage[] = [];
  let firstIgnored: Rejected | undefined;
  for (let i = 0; i < parsed.length; i++) {
    const element: unknown = parsed[i];
    if (element === null || element === undefined) continue;
    const one = normalizeDownstream(element);
    if ("kind" in one) messages.push(one);
    else if (one.status === "invalid") return { status: "invalid", reason: `Message ${i}: ${one.reason}` };
    else firstIgnored ??= one;
  }
  if (messages.length > 0) return { status: "ok", message: messages };
  return firstIgnored ?? { status: "ignored", reason: "The protocol returned no messages." };
}

// ---------------------------------------------------------------------------------------------
// Validation of application-form messages from third-party protocols
// ---------------------------------------------------------------------------------------------

type Loose = { readonly [field: string]: unknown };

function bad(reason: string): Rejected {
  return { status: "invalid", reason };
}

/** The application-form payload, or a rejection. Byte views are copied into an exact `ArrayBuffer`. */
function normalizePayload(
  dataType: unknown,
  data: unknown,
): { dataType: WebPubSubDataType; data: JSONTypes | ArrayBuffer } | Rejected {
  const type = dataType === undefined || dataType === null ? "json" : dataType;
  switch (type) {
    case "json":
      return data === undefined || data === null
        ? bad("data is required.")
        : { dataType: "json", data: data as JSONTypes };
    case "text":
      return typeof data === "string"
        ? { dataType: "text", data }
        : bad(`data must be a string when dataType is "text".`);
    case "binary":
    case "protobuf": {
      const binaryType: WebPubSubDataType = type === "binary" ? "binary" : "protobuf";
      if (data instanceof ArrayBuffer) return { dataType: binaryType, data };
      if (ArrayBuffer.isView(data)) {
        const copy = new Uint8Array(data.byteLength);
        copy.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        return { dataType: binaryType, data: copy.buffer };
      }
      return bad(`data must be an ArrayBuffer when dataType is "${binaryType}".`);
    }
    default:
      return typeof type === "string"
        ? { status: "ignored", reason: `Unknown dataType "${type}".` }
        : bad("dataType must be a string.");
  }
}

/**
 * Validates a message object produced by a third-party protocol and rebuilds it in the shape our
 * JSON protocols parse to: only known fields; a `null` optional field is left out, like an absent
 * one (`userId`, `fromUserId`, `reconnectionToken` and the `disconnected` reason included). Unknown
 * kinds, and kinds only a client writes, are `ignored`.
 *
 * @internal Exported for tests.
 */
export function normalizeDownstream(value: unknown): DownstreamMessage | Rejected {
  if (typeof value !== "object" || value === null) return bad("Message is not an object.");
  const m = value as Loose;
  switch (m.kind) {
    case "ack": {
      if (!isSafeUint(m.ackId)) return bad("ackId must be a non-negative safe integer.");
      if (typeof m.success !== "boolean") return bad("success must be a boolean.");
      const error = readError(m.error);
      if (error === WRONG) return bad("error must be an object with a string name.");
      return error === undefined
        ? { kind: "ack", ackId: m.ackId, success: m.success }
        : { kind: "ack", ackId: m.ackId, success: m.success, error };
    }
    case "groupData":
    case "serverData": {
      const sequenceId = m.sequenceId;
      if (sequenceId !== undefined && sequenceId !== null && !isSafeUint(sequenceId)) {
        return bad("sequenceId must be a non-negative safe integer.");
      }
      const body = normalizePayload(m.dataType, m.data);
      if ("status" in body) return body;
      if (m.kind === "serverData") {
        return isSafeUint(sequenceId)
          ? { kind: "serverData", ...body, sequenceId }
          : { kind: "serverData", ...body };
      }
      if (typeof m.group !== "string") return bad("group must be a string.");
      const fromUserId = optionalString(m.fromUserId, undefined);
      if (fromUserId === WRONG) return bad("fromUserId must be a string.");
      const stream = readStreamInfo(m.stream);
      if (stream === WRONG) return bad("stream must be {streamId, streamSequenceId, endOfStream?, error?}.");
      const message = { kind: "groupData", ...body, group: m.group } as GroupDataMessage;
      if (isSafeUint(sequenceId)) message.sequenceId = sequenceId;
      if (fromUserId !== undefined) message.fromUserId = fromUserId;
      if (stream !== undefined) message.stream = stream;
      return message;
    }
    case "connected": {
      if (typeof m.connectionId !== "string") return bad("connectionId must be a string.");
      const userId = optionalString(m.userId, undefined);
      const reconnectionToken = optionalString(m.reconnectionToken, undefined);
      if (userId === WRONG) return bad("userId must be a string.");
      if (reconnectionToken === WRONG) return bad("reconnectionToken must be a string.");
      return connectedMessage(m.connectionId, userId, reconnectionToken);
    }
    case "disconnected": {
      const message = optionalString(m.message, undefined);
      return message === WRONG ? bad("message must be a string.") : disconnectedMessage(message);
    }
    case "pong":
      return { kind: "pong" };
    case "invokeResponse": {
      if (typeof m.invocationId !== "string") return bad("invocationId must be a string.");
      if (m.success !== undefined && m.success !== null && typeof m.success !== "boolean") {
        return bad("success must be a boolean.");
      }
      const error = readError(m.error);
      if (error === WRONG) return bad("error must be an object with a string name.");
      let body = {};
      if (m.data !== undefined && m.data !== null) {
        const payload = normalizePayload(m.dataType, m.data);
        if ("status" in payload) return payload;
        body = payload;
      }
      return {
        kind: "invokeResponse",
        invocationId: m.invocationId,
        ...(typeof m.success === "boolean" ? { success: m.success } : {}),
        ...body,
        ...(error === undefined ? {} : { error }),
      };
    }
    default:
      return (
        readPartsMessage(m.kind, m) ?? {
          status: "ignored",
          reason: `Unknown message kind ${JSON.stringify(String(m.kind))}.`,
        }
      );
  }
}
