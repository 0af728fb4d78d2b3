/**
 * The structured parts of messages that look the same on the wire and in application form —
 * stream descriptors, stream errors, group state — and the messages made only of them
 * (`streamAck`, `streamNack`, `streamClosed`, `groupStateSnapshot`/`Update`, `cancelInvocation`).
 * Their readers serve the JSON decoders and the validation of what a third-party protocol object
 * returns (`normalizeDownstream`), so a rule is written once. Readers never throw; writers throw
 * `TypeError` for programmer errors, like the rest of the codec.
 */
import type { Rejected } from "../decoded.js";
import { isSafeUint } from "../ids.js";
import type {
  CancelInvocationMessage,
  ConnectedMessage,
  DisconnectedMessage,
  DownstreamMessage,
  GroupStateItem,
  GroupStateSnapshotMessage,
  GroupStateUpdateMessage,
  StartStreamOptions,
  StreamAckMessage,
  StreamClosedMessage,
  StreamDataError,
  StreamEndError,
  StreamInfo,
  StreamNackMessage,
} from "../messages.js";
import {
  bool,
  invalid,
  optionalBoolean,
  optionalString,
  quote,
  uint,
  WRONG,
  type Wire,
  type Wrong,
} from "./fields.js";

type ClosedError = NonNullable<StreamClosedMessage["error"]>;

// -- reading -----------------------------------------------------------------------------------

function isRecord(value: unknown): value is Wire {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `null`/absent → `undefined`; an object with a string `name` and optional string details. */
export function readStreamDataError(value: unknown): StreamDataError | undefined | Wrong {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value) || typeof value.name !== "string") return WRONG;
  const message = optionalString(value.message, undefined);
  const userErrorCode = optionalString(value.userErrorCode, undefined);
  if (message === WRONG || userErrorCode === WRONG) return WRONG;
  const error: StreamDataError = { name: value.name };
  if (message !== undefined) error.message = message;
  if (userErrorCode !== undefined) error.userErrorCode = userErrorCode;
  return error;
}

/** `null`/absent → `undefined`; an object whose `message` and `userErrorCode` are optional strings. */
export function readStreamEndError(value: unknown): StreamEndError | undefined | Wrong {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) return WRONG;
  const message = optionalString(value.message, undefined);
  const userErrorCode = optionalString(value.userErrorCode, undefined);
  if (message === WRONG || userErrorCode === WRONG) return WRONG;
  const error: StreamEndError = {};
  if (message !== undefined) error.message = message;
  if (userErrorCode !== undefined) error.userErrorCode = userErrorCode;
  return error;
}

function readClosedError(value: unknown): ClosedError | undefined | Wrong {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value) || typeof value.name !== "string") return WRONG;
  const message = optionalString(value.message, undefined);
  if (message === WRONG) return WRONG;
  return message === undefined ? { name: value.name } : { name: value.name, message };
}

/**
 * The `stream` of a group message. Built as the official reader builds it: all four fields, with
 * `endOfStream` and `error` `undefined` when the frame has none (its own spec pins that shape).
 */
export function readStreamInfo(value: unknown): StreamInfo | undefined | Wrong {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value) || typeof value.streamId !== "string" || !isSafeUint(value.streamSequenceId)) {
    return WRONG;
  }
  const endOfStream = optionalBoolean(value.endOfStream);
  const error = readStreamDataError(value.error);
  if (endOfStream === WRONG || error === WRONG) return WRONG;
  // The declared type (the official one) says "absent"; the official reader says "undefined".
  return {
    streamId: value.streamId,
    streamSequenceId: value.streamSequenceId,
    endOfStream,
    error,
  } as StreamInfo;
}

/** The `stream` of a `sendToGroup` as it is on the wire (`idleTimeoutMs`). */
export function readStartStream(value: unknown): StartStreamOptions | undefined | Wrong {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value) || typeof value.streamId !== "string") return WRONG;
  const idle = value.idleTimeoutMs;
  if (idle === undefined || idle === null) return { streamId: value.streamId };
  return isSafeUint(idle) ? { streamId: value.streamId, idleTimeoutInMs: idle } : WRONG;
}

/** `null`/absent → `undefined`; else an object of strings (the value itself: nothing to convert). */
export function readState(value: unknown): Record<string, string> | undefined | Wrong {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) return WRONG;
  for (const key of Object.keys(value)) if (typeof value[key] !== "string") return WRONG;
  return value as Record<string, string>;
}

function readItems(value: unknown): GroupStateItem[] | Wrong {
  if (!Array.isArray(value)) return WRONG;
  const items: GroupStateItem[] = [];
  for (const entry of value as unknown[]) {
    if (!isRecord(entry) || typeof entry.connectionId !== "string" || !isSafeUint(entry.updatedAt)) {
      return WRONG;
    }
    const userId = optionalString(entry.userId, undefined);
    const state = readState(entry.state);
    if (userId === WRONG || state === WRONG) return WRONG;
    const item: GroupStateItem = { connectionId: entry.connectionId, updatedAt: entry.updatedAt };
    if (userId !== undefined) item.userId = userId;
    if (state !== undefined) item.state = state;
    items.push(item);
  }
  return items;
}

// -- messages made only of these parts (wire form = application form) ---------------------------

function readStreamAck(m: Wire): StreamAckMessage | Rejected {
  if (typeof m.streamId !== "string") return invalid("streamId is missing or not a string.");
  if (!isSafeUint(m.expectedSequenceId))
    return invalid("expectedSequenceId must be a non-negative safe integer.");
  return { kind: "streamAck", streamId: m.streamId, expectedSequenceId: m.expectedSequenceId };
}

function readStreamNack(m: Wire): StreamNackMessage | Rejected {
  if (typeof m.streamId !== "string") return invalid("streamId is missing or not a string.");
  if (!isSafeUint(m.expectedSequenceId))
    return invalid("expectedSequenceId must be a non-negative safe integer.");
  if (typeof m.name !== "string") return invalid("name is missing or not a string.");
  const message = optionalString(m.message, undefined);
  if (message === WRONG) return invalid("message must be a string.");
  const nack: StreamNackMessage = {
    kind: "streamNack",
    streamId: m.streamId,
    name: m.name,
    expectedSequenceId: m.expectedSequenceId,
  };
  if (message !== undefined) nack.message = message;
  return nack;
}

function readStreamClosed(m: Wire): StreamClosedMessage | Rejected {
  if (typeof m.streamId !== "string") return invalid("streamId is missing or not a string.");
  const error = readClosedError(m.error);
  if (error === WRONG) return invalid("error must be an object with a string name.");
  return error === undefined
    ? { kind: "streamClosed", streamId: m.streamId }
    : { kind: "streamClosed", streamId: m.streamId, error };
}

function readGroupState(
  kind: "groupStateSnapshot" | "groupStateUpdate",
  m: Wire,
): GroupStateSnapshotMessage | GroupStateUpdateMessage | Rejected {
  if (typeof m.group !== "string") return invalid("group is missing or not a string.");
  const items = readItems(m.items);
  if (items === WRONG) {
    return invalid("items must be an array of {connectionId, userId?, state?, updatedAt}.");
  }
  return { kind, group: m.group, items };
}

export function readCancelInvocation(m: Wire): CancelInvocationMessage | Rejected {
  return typeof m.invocationId === "string"
    ? { kind: "cancelInvocation", invocationId: m.invocationId }
    : invalid("invocationId is missing or not a string.");
}

/**
 * The messages made only of these parts, read by their kind (their wire `type` is the same word),
 * or `undefined` for any other kind.
 */
export function readPartsMessage(kind: unknown, m: Wire): DownstreamMessage | Rejected | undefined {
  switch (kind) {
    case "cancelInvocation":
      return readCancelInvocation(m);
    case "streamAck":
      return readStreamAck(m);
    case "streamNack":
      return readStreamNack(m);
    case "streamClosed":
      return readStreamClosed(m);
    case "groupStateSnapshot":
    case "groupStateUpdate":
      return readGroupState(kind, m);
    default:
      return undefined;
  }
}

/**
 * A `connected` message as the official reader leaves it: `userId` and `reconnectionToken` only
 * when the frame has them (`null` counts as absent). The official type declares both; its reader
 * does not fill them in, and neither do we.
 */
export function connectedMessage(
  connectionId: string,
  userId: string | undefined,
  reconnectionToken: string | undefined,
): ConnectedMessage {
  const message: Partial<ConnectedMessage> & Pick<ConnectedMessage, "kind" | "connectionId"> = {
    kind: "connected",
    connectionId,
  };
  if (userId !== undefined) message.userId = userId;
  if (reconnectionToken !== undefined) message.reconnectionToken = reconnectionToken;
  return message as ConnectedMessage;
}

/** A `disconnected` message: its `message` only when the frame has one (see {@link connectedMessage}). */
export function disconnectedMessage(reason: string | undefined): DisconnectedMessage {
  return (
    reason === undefined ? { kind: "disconnected" } : { kind: "disconnected", message: reason }
  ) as DisconnectedMessage;
}

// -- writing -----------------------------------------------------------------------------------

function object(value: unknown, what: string): Wire {
  if (!isRecord(value)) throw new TypeError(`${what} must be an object.`);
  return value;
}

function optionalField(name: string, value: unknown, what: string): string {
  return value === undefined ? "" : `"${name}":${quote(value, what)}`;
}

/** Joins `"a":1`-style members, skipping empty ones. */
function members(...parts: string[]): string {
  return parts.filter((part) => part !== "").join(",");
}

/** `,"stream":{"streamId":…,"idleTimeoutMs":…}`: the official writer's names and order. */
export function startStream(stream: StartStreamOptions): string {
  const s = object(stream, "stream");
  const idle =
    s.idleTimeoutInMs === undefined
      ? ""
      : `"idleTimeoutMs":${uint(s.idleTimeoutInMs, "stream.idleTimeoutInMs")}`;
  return `,"stream":{${members(`"streamId":${quote(s.streamId, "stream.streamId")}`, idle)}}`;
}

/** `{"message":…,"userErrorCode":…}` with the fields that are set (`{}` when none). */
export function streamEndError(error: StreamEndError): string {
  const e = object(error, "streamEnd error");
  return `{${members(
    optionalField("message", e.message, "streamEnd error.message"),
    optionalField("userErrorCode", e.userErrorCode, "streamEnd error.userErrorCode"),
  )}}`;
}

function streamDataError(error: StreamDataError): string {
  const e = object(error, "stream error");
  return `{${members(
    `"name":${quote(e.name, "stream error.name")}`,
    optionalField("message", e.message, "stream error.message"),
    optionalField("userErrorCode", e.userErrorCode, "stream error.userErrorCode"),
  )}}`;
}

/** `,"stream":{…}` of a group message, in the order the service documents. */
export function streamInfo(stream: StreamInfo): string {
  const s = object(stream, "stream");
  const end = s.endOfStream === undefined ? "" : `"endOfStream":${bool(s.endOfStream, "stream.endOfStream")}`;
  const error = s.error === undefined ? "" : `"error":${streamDataError(s.error as StreamDataError)}`;
  return `,"stream":{${members(
    `"streamId":${quote(s.streamId, "stream.streamId")}`,
    `"streamSequenceId":${uint(s.streamSequenceId, "stream.streamSequenceId")}`,
    end,
    error,
  )}}`;
}

/** `{"name":…,"message":…}` of `streamClosed`. */
export function closedError(error: ClosedError): string {
  const e = object(error, "streamClosed error");
  return `{${members(
    `"name":${quote(e.name, "streamClosed error.name")}`,
    optionalField("message", e.message, "streamClosed error.message"),
  )}}`;
}

/** A state object: every value a string. Written by `JSON.stringify`, as the official writer does. */
export function stateObject(state: Record<string, string>, what = "state"): string {
  if (!isRecord(state) || readState(state) === WRONG) {
    throw new TypeError(`${what} must be an object whose values are strings.`);
  }
  return JSON.stringify(state);
}

/** The `items` of a group-state message. */
export function stateItems(items: readonly GroupStateItem[]): string {
  if (!Array.isArray(items)) throw new TypeError("items must be an array.");
  return `[${items
    .map((entry: GroupStateItem) => {
      const item = object(entry, "item");
      return `{${members(
        `"connectionId":${quote(item.connectionId, "item.connectionId")}`,
        optionalField("userId", item.userId, "item.userId"),
        item.state === undefined
          ? ""
          : `"state":${stateObject(item.state as Record<string, string>, "item.state")}`,
        `"updatedAt":${uint(item.updatedAt, "item.updatedAt")}`,
      )}}`;
    })
    .join(",")}]`;
}
