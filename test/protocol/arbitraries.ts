/**
 * fast-check generators of application-form messages, shared by the protocol property tests.
 * Each generated message is one the encoders must accept and the decoders must give back.
 */
import fc from "fast-check";
import type {
  DownstreamMessage,
  JSONTypes,
  UpstreamMessage,
  WebPubSubDataType,
} from "../../src/protocol/messages.js";

/** Strings including astral characters, controls, quotes and lone surrogates. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }),
);

/** A JSON payload as `JSON.parse` would hand it back: no `-0`, no top-level `null`. */
export const jsonData: fc.Arbitrary<JSONTypes> = fc
  .jsonValue()
  .filter((value) => value !== null)
  .map((value) => JSON.parse(JSON.stringify(value)) as JSONTypes);

/** Random bytes as an exact `ArrayBuffer` (the application form of binary payloads). */
export const bytes: fc.Arbitrary<ArrayBuffer> = fc
  .uint8Array({ maxLength: 300 })
  .map((array) => array.slice().buffer);

/** A `dataType` with matching application-form `data`. */
export const payload: fc.Arbitrary<{ dataType: WebPubSubDataType; data: JSONTypes | ArrayBuffer }> = fc.oneof(
  jsonData.map((data) => ({ dataType: "json" as const, data })),
  anyText.map((data) => ({ dataType: "text" as const, data })),
  bytes.map((data) => ({ dataType: "binary" as const, data })),
  bytes.map((data) => ({ dataType: "protobuf" as const, data })),
);

const id = fc.oneof(fc.nat(1000), fc.maxSafeNat());

/** `{}` or `{ [key]: value }`, so optional fields are absent rather than `undefined`. */
function maybe<K extends string, V>(key: K, value: fc.Arbitrary<V>): fc.Arbitrary<Partial<Record<K, V>>> {
  return fc
    .option(value, { nil: undefined })
    .map((v) => (v === undefined ? {} : ({ [key]: v } as Record<K, V>)));
}

const error = fc.record({ name: anyText, message: anyText }, { noNullPrototype: true });

/** Any client → service message, optional fields absent or present. */
export const upstreamMessage: fc.Arbitrary<UpstreamMessage> = fc.oneof(
  fc
    .tuple(fc.constantFrom("joinGroup" as const, "leaveGroup" as const), anyText, maybe("ackId", id))
    .map(([kind, group, ack]) => ({ kind, group, ...ack })),
  fc
    .tuple(anyText, maybe("ackId", id), payload, fc.boolean())
    .map(([group, ack, body, noEcho]) => ({ kind: "sendToGroup" as const, group, ...ack, ...body, noEcho })),
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

/** Any service → client message, optional fields absent or present. */
export const downstreamMessage: fc.Arbitrary<DownstreamMessage> = fc.oneof(
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
