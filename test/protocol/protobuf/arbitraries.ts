/**
 * fast-check generators of the messages the protobuf subprotocols represent exactly (the kinds
 * the schema carries, well-formed strings, serialized `Any` payloads), for the protobuf property
 * tests. The JSON generators in `../arbitraries.ts` cover every kind, with any string.
 */
import fc from "fast-check";
import type {
  DownstreamMessage,
  JSONTypes,
  UpstreamMessage,
  WebPubSubDataType,
} from "../../../src/protocol/messages.js";
import { bytes, id, jsonData, maybe } from "../arbitraries.js";

/**
 * Well-formed strings only (no lone surrogates), astral characters and controls included: what a
 * protobuf `string` (UTF-8 on the wire) can carry. JSON escapes lone surrogates; UTF-8 cannot.
 */
export const wellFormedText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
  fc.string(),
);

/** A serialized `google.protobuf.Any` (type URL and value), the application form of `protobuf` data. */
export const serializedAny: fc.Arbitrary<ArrayBuffer> = fc
  .tuple(fc.string({ unit: "grapheme-ascii", maxLength: 60 }), fc.uint8Array({ maxLength: 200 }))
  .map(([typeUrl, value]) => {
    const url = new TextEncoder().encode(typeUrl);
    const out: number[] = [];
    const varint = (n: number) => {
      for (; n > 127; n >>>= 7) out.push((n & 127) | 128);
      out.push(n);
    };
    // Canonical protobuf: fields in order, default (empty) fields omitted.
    if (url.length > 0) {
      out.push(0x0a);
      varint(url.length);
      out.push(...url);
    }
    if (value.length > 0) {
      out.push(0x12);
      varint(value.length);
      out.push(...value);
    }
    return Uint8Array.from(out).buffer;
  });

/** A `dataType` with matching application-form `data`, strings drawn from `text`. */
function payloadOf(
  text: fc.Arbitrary<string>,
  protobuf: fc.Arbitrary<ArrayBuffer> = bytes,
): fc.Arbitrary<{ dataType: WebPubSubDataType; data: JSONTypes | ArrayBuffer }> {
  return fc.oneof(
    jsonData.map((data) => ({ dataType: "json" as const, data })),
    text.map((data) => ({ dataType: "text" as const, data })),
    bytes.map((data) => ({ dataType: "binary" as const, data })),
    protobuf.map((data) => ({ dataType: "protobuf" as const, data })),
  );
}

/** Any client → service message, optional fields absent or present, strings drawn from `anyText`. */
function upstreamMessageOf(
  anyText: fc.Arbitrary<string>,
  payload: fc.Arbitrary<{ dataType: WebPubSubDataType; data: JSONTypes | ArrayBuffer }>,
): fc.Arbitrary<UpstreamMessage> {
  return fc.oneof(
    fc
      .tuple(fc.constantFrom("joinGroup" as const, "leaveGroup" as const), anyText, maybe("ackId", id))
      .map(([kind, group, ack]) => ({ kind, group, ...ack })),
    fc.tuple(anyText, maybe("ackId", id), payload, fc.boolean()).map(([group, ack, body, noEcho]) => ({
      kind: "sendToGroup" as const,
      group,
      ...ack,
      ...body,
      noEcho,
    })),
    fc
      .tuple(anyText, maybe("ackId", id), payload)
      .map(([event, ack, body]) => ({ kind: "sendEvent" as const, event, ...ack, ...body })),
    id.map((sequenceId) => ({ kind: "sequenceAck" as const, sequenceId })),
    fc.constant({ kind: "ping" as const }),
    fc
      .tuple(
        anyText,
        maybe("target", fc.constant("event" as const)),
        maybe("event", anyText),
        fc.option(payload),
      )
      .map(([invocationId, target, event, body]) => ({
        kind: "invoke" as const,
        invocationId,
        ...target,
        ...event,
        ...(body ?? {}),
      })),
    anyText.map((invocationId) => ({ kind: "cancelInvocation" as const, invocationId })),
  );
}

/** Any service → client message, optional fields absent or present, strings drawn from `anyText`. */
function downstreamMessageOf(
  anyText: fc.Arbitrary<string>,
  payload: fc.Arbitrary<{ dataType: WebPubSubDataType; data: JSONTypes | ArrayBuffer }>,
): fc.Arbitrary<DownstreamMessage> {
  const error = fc.record({ name: anyText, message: anyText }, { noNullPrototype: true });
  return fc.oneof(
    fc
      .tuple(id, fc.boolean(), maybe("error", error))
      .map(([ackId, success, err]) => ({ kind: "ack" as const, ackId, success, ...err })),
    fc.tuple(payload, maybe("sequenceId", id), anyText, anyText).map(([body, seq, group, fromUserId]) => ({
      kind: "groupData" as const,
      ...body,
      ...seq,
      group,
      fromUserId,
    })),
    fc
      .tuple(payload, maybe("sequenceId", id))
      .map(([body, seq]) => ({ kind: "serverData" as const, ...body, ...seq })),
    fc.tuple(anyText, anyText, anyText).map(([connectionId, userId, reconnectionToken]) => ({
      kind: "connected" as const,
      connectionId,
      userId,
      reconnectionToken,
    })),
    anyText.map((message) => ({ kind: "disconnected" as const, message })),
    fc.constant({ kind: "pong" as const }),
    fc
      .tuple(anyText, maybe("success", fc.boolean()), fc.option(payload), maybe("error", error))
      .map(([invocationId, success, body, err]) => ({
        kind: "invokeResponse" as const,
        invocationId,
        ...success,
        ...(body ?? {}),
        ...err,
      })),
  );
}

// ---------------------------------------------------------------------------------------------
// The protobuf subprotocols' canonical forms
// ---------------------------------------------------------------------------------------------

const protobufPayload = payloadOf(wellFormedText, serializedAny);

/**
 * Any client → service message the protobuf schema represents exactly: well-formed strings, a
 * serialized `Any` as protobuf data, and an invoke's target and event always set (its message has
 * no target, and an absent event name is the empty string).
 */
export const protobufUpstreamMessage: fc.Arbitrary<UpstreamMessage> = upstreamMessageOf(
  wellFormedText,
  protobufPayload,
).map((message) =>
  message.kind === "invoke" ? { ...message, target: "event" as const, event: message.event ?? "" } : message,
);

/**
 * Any service → client message the protobuf schema represents exactly: as above, plus no sender
 * user id (the schema has none) and an invoke response's `success` always set (a plain bool).
 */
export const protobufDownstreamMessage: fc.Arbitrary<DownstreamMessage> = downstreamMessageOf(
  wellFormedText,
  protobufPayload,
).map((message) => {
  if (message.kind === "groupData") {
    const { fromUserId: _none, ...rest } = message;
    return rest as DownstreamMessage;
  }
  if (message.kind === "invokeResponse") return { ...message, success: message.success ?? false };
  return message;
});
