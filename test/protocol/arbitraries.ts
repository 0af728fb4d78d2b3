/**
 * fast-check generators of application-form messages, shared by the protocol property tests.
 * Each generated message is one the encoders must accept and the decoders must give back.
 */
import fc from "fast-check";
import type {
  AckMessageError,
  ConnectedMessage,
  DisconnectedMessage,
  DownstreamMessage,
  GroupDataMessage,
  GroupStateItem,
  InvokeResponseMessage,
  JSONTypes,
  StartStreamOptions,
  StreamDataError,
  StreamEndError,
  StreamInfo,
  UpstreamMessage,
  WebPubSubDataType,
} from "../../src/protocol/messages.js";
import { UPSTREAM_KINDS } from "../../src/protocol/messages.js";

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

/** An ack or sequence id: small ones, and the largest safe integer. */
export const id: fc.Arbitrary<number> = fc.oneof(fc.nat(1000), fc.maxSafeNat());

/** `{}` or `{ [key]: value }`, so optional fields are absent rather than `undefined`. */
export function maybe<K extends string, V>(
  key: K,
  value: fc.Arbitrary<V>,
): fc.Arbitrary<Partial<Record<K, V>>> {
  return fc
    .option(value, { nil: undefined })
    .map((v) => (v === undefined ? {} : ({ [key]: v } as Record<K, V>)));
}

/** An ack's or invoke response's error; its message may be absent (the official reader leaves it so). */
const error = fc
  .tuple(anyText, maybe("message", anyText))
  .map(([name, message]) => ({ name, ...message }) as AckMessageError);

/** A stream's error, as readers see it. */
const streamDataError: fc.Arbitrary<StreamDataError> = fc
  .tuple(anyText, maybe("message", anyText), maybe("userErrorCode", anyText))
  .map(([name, message, code]) => ({ name, ...message, ...code }));

/** The `stream` of a group message, shaped as the official reader shapes it (all four fields). */
const streamInfo: fc.Arbitrary<StreamInfo> = fc
  .tuple(
    anyText,
    id,
    fc.option(fc.boolean(), { nil: undefined }),
    fc.option(streamDataError, { nil: undefined }),
  )
  .map(
    ([streamId, streamSequenceId, endOfStream, err]) =>
      ({ streamId, streamSequenceId, endOfStream, error: err }) as StreamInfo,
  );

/** A group-state dictionary (any keys, `__proto__` included, string values). */
const state: fc.Arbitrary<Record<string, string>> = fc
  .array(fc.tuple(anyText, anyText), { maxLength: 4 })
  .map((entries) => {
    const record: Record<string, string> = {};
    for (const [key, value] of entries)
      Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
    return record;
  });

const stateItem: fc.Arbitrary<GroupStateItem> = fc
  .tuple(anyText, maybe("userId", anyText), maybe("state", state), id)
  .map(([connectionId, userId, itemState, updatedAt]) => ({
    connectionId,
    ...userId,
    ...itemState,
    updatedAt,
  }));

/** A stream descriptor of a stream start. */
const startStream: fc.Arbitrary<StartStreamOptions> = fc
  .tuple(anyText, maybe("idleTimeoutInMs", id))
  .map(([streamId, idle]) => ({ streamId, ...idle }));

/** Any client → service message, optional fields absent or present. */
export const upstreamMessage: fc.Arbitrary<UpstreamMessage> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        "joinGroup" as const,
        "leaveGroup" as const,
        "subscribeGroupState" as const,
        "unsubscribeGroupState" as const,
      ),
      anyText,
      maybe("ackId", id),
    )
    .map(([kind, group, ack]) => ({ kind, group, ...ack })),
  fc
    .tuple(anyText, maybe("ackId", id), payload, fc.boolean(), maybe("stream", startStream))
    .map(([group, ack, body, noEcho, stream]) => ({
      kind: "sendToGroup" as const,
      group,
      ...ack,
      ...body,
      noEcho,
      ...stream,
    })),
  // A stream start: a descriptor and no payload.
  fc
    .tuple(anyText, maybe("ackId", id), fc.boolean(), startStream)
    .map(([group, ack, noEcho, stream]) => ({ kind: "sendToGroup" as const, group, ...ack, noEcho, stream })),
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
  invokeResponse(),
  // A fragment or a keep-alive.
  fc
    .tuple(anyText, fc.option(fc.tuple(id, payload), { nil: undefined }))
    .map(([streamId, fragment]) =>
      fragment === undefined
        ? { kind: "streamData" as const, streamId }
        : { kind: "streamData" as const, streamId, streamSequenceId: fragment[0], ...fragment[1] },
    ),
  fc
    .tuple(
      anyText,
      maybe(
        "error",
        fc
          .tuple(maybe("message", anyText), maybe("userErrorCode", anyText))
          .map(([message, code]): StreamEndError => ({ ...message, ...code })),
      ),
    )
    .map(([streamId, err]) => ({ kind: "streamEnd" as const, streamId, ...err })),
  fc
    .tuple(anyText, maybe("ackId", id), maybe("state", state))
    .map(([group, ack, groupState]) => ({ kind: "setGroupState" as const, group, ...ack, ...groupState })),
);

/** An invokeResponse, which either side may send. */
function invokeResponse(): fc.Arbitrary<InvokeResponseMessage> {
  return fc
    .tuple(anyText, maybe("success", fc.boolean()), fc.option(payload), maybe("error", error))
    .map(([invocationId, success, body, err]) => ({
      kind: "invokeResponse" as const,
      invocationId,
      ...success,
      ...(body ?? {}),
      ...err,
    }));
}

/**
 * Any service → client message, optional fields absent or present — including the four the
 * official type declares but its reader leaves out when the frame has none (`userId`,
 * `reconnectionToken`, `fromUserId`, the `disconnected` reason).
 */
export const downstreamMessage: fc.Arbitrary<DownstreamMessage> = fc.oneof(
  fc
    .tuple(id, fc.boolean(), maybe("error", error))
    .map(([ackId, success, err]) => ({ kind: "ack" as const, ackId, success, ...err })),
  fc
    .tuple(
      payload,
      maybe("sequenceId", id),
      anyText,
      maybe("fromUserId", anyText),
      maybe("stream", streamInfo),
    )
    .map(
      ([body, seq, group, from, stream]) =>
        ({ kind: "groupData" as const, ...body, ...seq, group, ...from, ...stream }) as GroupDataMessage,
    ),
  fc
    .tuple(payload, maybe("sequenceId", id))
    .map(([body, seq]) => ({ kind: "serverData" as const, ...body, ...seq })),
  fc
    .tuple(anyText, maybe("userId", anyText), maybe("reconnectionToken", anyText))
    .map(
      ([connectionId, userId, token]) =>
        ({ kind: "connected" as const, connectionId, ...userId, ...token }) as ConnectedMessage,
    ),
  maybe("message", anyText).map(
    (reason) => ({ kind: "disconnected" as const, ...reason }) as DisconnectedMessage,
  ),
  fc.constant({ kind: "pong" as const }),
  invokeResponse(),
  anyText.map((invocationId) => ({ kind: "cancelInvocation" as const, invocationId })),
  fc
    .tuple(anyText, id)
    .map(([streamId, expectedSequenceId]) => ({ kind: "streamAck" as const, streamId, expectedSequenceId })),
  fc
    .tuple(anyText, anyText, maybe("message", anyText), id)
    .map(([streamId, name, message, expectedSequenceId]) => ({
      kind: "streamNack" as const,
      streamId,
      name,
      ...message,
      expectedSequenceId,
    })),
  fc
    .tuple(
      anyText,
      maybe(
        "error",
        fc.tuple(anyText, maybe("message", anyText)).map(([name, message]) => ({ name, ...message })),
      ),
    )
    .map(([streamId, err]) => ({ kind: "streamClosed" as const, streamId, ...err })),
  fc
    .tuple(
      fc.constantFrom("groupStateSnapshot" as const, "groupStateUpdate" as const),
      anyText,
      fc.array(stateItem, { maxLength: 3 }),
    )
    .map(([kind, group, items]) => ({ kind, group, items })),
);

// ---------------------------------------------------------------------------------------------
// Hostile frames: what a fuzzer, or a broken or malicious peer, sends
// ---------------------------------------------------------------------------------------------

/** The JSON `type` of every client → service message (`sendEvent` is `event` on the wire). */
export const UPSTREAM_WIRE_TYPES: readonly string[] = [...UPSTREAM_KINDS].map((kind) =>
  kind === "sendEvent" ? "event" : kind,
);

/** The JSON `type` of every service → client message. */
export const DOWNSTREAM_WIRE_TYPES = [
  "ack",
  "message",
  "system",
  "pong",
  "invokeResponse",
  "cancelInvocation",
  "streamAck",
  "streamNack",
  "streamClosed",
  "groupStateSnapshot",
  "groupStateUpdate",
] as const;

/** Any field value: JSON of every kind, plus ids past 2^53, negatives, huge numbers, junk base64. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -1, 1e300, "%%%", "AQI"),
);

/**
 * A client frame as a hostile peer sends it: any text, any JSON, or an object shaped like an
 * upstream message (a known type or an unknown one) whose every field may be junk.
 *
 * @param group - What the `group` field may hold (default: any hostile value).
 */
export function hostileUpstreamFrame(group: fc.Arbitrary<unknown> = hostileValue): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string(),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc
      .record(
        {
          type: fc.constantFrom<string>(...UPSTREAM_WIRE_TYPES, "zzz"),
          group,
          ackId: hostileValue,
          dataType: fc.oneof(fc.constantFrom("json", "text", "binary", "protobuf"), hostileValue),
          data: hostileValue,
          noEcho: hostileValue,
          event: hostileValue,
          sequenceId: hostileValue,
          invocationId: hostileValue,
        },
        { requiredKeys: ["type"] },
      )
      .map((f) => JSON.stringify(f)),
  );
}

/** A value for a field that is sometimes right: a hostile value, or one of the field's own kind. */
function fieldOf<T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(good, hostileValue, fc.constant(undefined));
}

const sometimesDataType = fieldOf(fc.constantFrom("json", "text", "binary", "protobuf"));
const sometimesId = fieldOf(id);
const sometimesText = fieldOf(anyText);

/** Nested parts as a hostile peer sends them: well formed, half formed or junk. */
const sometimesStream = fieldOf(
  fc.record(
    {
      streamId: sometimesText,
      streamSequenceId: sometimesId,
      endOfStream: fieldOf(fc.boolean()),
      error: fieldOf(
        fc.record({ name: sometimesText, message: sometimesText, userErrorCode: sometimesText }),
      ),
      idleTimeoutMs: sometimesId,
    },
    { requiredKeys: [] },
  ),
);
const sometimesError = fieldOf(
  fc.record(
    { name: sometimesText, message: sometimesText, userErrorCode: sometimesText },
    { requiredKeys: [] },
  ),
);
const sometimesState = fieldOf(state);
const sometimesItems = fieldOf(
  fc.array(
    fieldOf(
      fc.record(
        { connectionId: sometimesText, userId: sometimesText, state: sometimesState, updatedAt: sometimesId },
        { requiredKeys: [] },
      ),
    ),
    { maxLength: 3 },
  ),
);

/**
 * A service frame as a hostile peer sends it: any text, any JSON, an object shaped like a
 * downstream message (a known type, an unknown one or none) whose every field may be junk, or a
 * valid frame with one field replaced.
 */
export function hostileDownstreamFrame(encode: (message: DownstreamMessage) => string): fc.Arbitrary<string> {
  const fields = {
    type: fc.oneof(fc.constantFrom<unknown>(...DOWNSTREAM_WIRE_TYPES, "zzz"), hostileValue),
    from: fieldOf(fc.constantFrom("group", "server")),
    event: fieldOf(fc.constantFrom("connected", "disconnected")),
    group: sometimesText,
    dataType: sometimesDataType,
    data: fieldOf(fc.constantFrom("AQID", "eHl6", "")),
    sequenceId: sometimesId,
    ackId: sometimesId,
    success: fieldOf(fc.boolean()),
    error: sometimesError,
    fromUserId: sometimesText,
    userId: sometimesText,
    connectionId: sometimesText,
    reconnectionToken: sometimesText,
    message: sometimesText,
    invocationId: sometimesText,
    streamId: sometimesText,
    expectedSequenceId: sometimesId,
    name: sometimesText,
    stream: sometimesStream,
    items: sometimesItems,
  };
  const names = Object.keys(fields) as (keyof typeof fields)[];
  return fc.oneof(
    fc.string(),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.record(fields, { requiredKeys: [] }).map((f) => JSON.stringify(f)),
    fc
      .tuple(downstreamMessage, fc.constantFrom(...names), fc.oneof(...names.map((name) => fields[name])))
      .map(([message, field, value]) => {
        const frame = JSON.parse(encode(message)) as Record<string, unknown>;
        frame[field] = value;
        return JSON.stringify(frame);
      }),
  );
}

/**
 * A message object as a JavaScript caller might hand it to `writeMessage`: any kind (known or
 * not), each field right, wrong or missing.
 */
export const looseMessage: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  upstreamMessage.map((message) => ({ ...message }) as Record<string, unknown>),
  fc.record(
    {
      kind: fc.oneof(fc.constantFrom<unknown>(...UPSTREAM_KINDS, "ack", "pong", "zzz"), hostileValue),
      group: sometimesText,
      event: sometimesText,
      ackId: sometimesId,
      noEcho: fieldOf(fc.boolean()),
      dataType: sometimesDataType,
      data: fieldOf(fc.oneof(jsonData, bytes)),
      sequenceId: sometimesId,
      invocationId: sometimesText,
      target: fieldOf(fc.constant("event")),
      success: fieldOf(fc.boolean()),
      error: sometimesError,
      streamId: sometimesText,
      streamSequenceId: sometimesId,
      stream: fieldOf(
        fc.record({ streamId: sometimesText, idleTimeoutInMs: sometimesId }, { requiredKeys: [] }),
      ),
      state: sometimesState,
    },
    { requiredKeys: ["kind"] },
  ),
  // A typed message with one field broken.
  fc
    .tuple(
      upstreamMessage,
      fc.constantFrom("ackId", "noEcho", "data", "dataType", "stream", "error", "state", "group"),
      hostileValue,
    )
    .map(([message, field, value]) => ({ ...message, [field]: value }) as Record<string, unknown>),
);
