/**
 * Client → service JSON frames, as the service reads them: stricter than a client codec (every
 * field is validated and every failure has a reason an ack can carry), into the typed upstream
 * messages. `binary` and `protobuf` payloads arrive as base64 and become bytes.
 */
import type { JSONTypes, UpstreamMessage, WebPubSubDataType } from "../../protocol/messages.js";
import { checkMetadata } from "../metadata.js";
import type { Metadata } from "../metadata.js";
import { checkEventName, checkGroupName } from "../names.js";
import { DATA_TYPES, toArrayBuffer } from "../payload.js";
import type { Payload } from "../payload.js";
import { parseStreamData, parseStreamEnd, parseStreamStart, withAckId } from "./json-stream-upstream.js";
import { anyProblem } from "./protobuf-any.js";
import { invalidMessage, type Decoded, type MessageExtras } from "./types.js";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

/** Whether `text` is standard base64 (padding optional). */
export function isBase64(text: string): boolean {
  return BASE64.test(text);
}

/** Validates a wire `dataType` + `data` pair (a missing `dataType` means `json`). */
export function readPayload(dataType: unknown, data: unknown): Payload | string {
  const type = dataType === undefined ? "json" : dataType;
  if (typeof type !== "string" || !DATA_TYPES.has(type)) {
    return "'dataType' must be one of json, text, binary, protobuf";
  }
  if (data === undefined || data === null) return "'data' is required";
  if (type === "text" && typeof data !== "string") return "'data' must be a string when dataType is text";
  if (type === "binary" || type === "protobuf") {
    if (typeof data !== "string" || !isBase64(data))
      return `'data' must be a base64 string when dataType is ${type}`;
    const bytes = Buffer.from(data, "base64");
    const problem = type === "protobuf" ? anyProblem(bytes) : undefined;
    return problem ?? { dataType: type, data: toArrayBuffer(bytes) };
  }
  return { dataType: type as WebPubSubDataType, data: data as JSONTypes };
}

/** The longest `ttlSeconds` a client may ask for (the service's limit). */
export const MAX_TTL_SECONDS = 300;

/** A request's optional `metadata`: absent, checked pairs, or why they are refused. */
function readMetadata(value: unknown): { readonly metadata?: Metadata } | string {
  if (value === undefined || value === null) return {};
  const checked = checkMetadata(value);
  return "problem" in checked ? checked.problem : { metadata: checked.metadata };
}

/** A `sendToGroup`'s optional `ttlSeconds`: an integer from 0 to 300. */
function readTtl(value: unknown): { readonly ttlSeconds?: number } | string {
  if (value === undefined || value === null) return {};
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_TTL_SECONDS) {
    return `'ttlSeconds' must be an integer from 0 to ${MAX_TTL_SECONDS}`;
  }
  return { ttlSeconds: value };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isSequenceNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/** A request's `metadata` (and, on `sendToGroup`, `ttlSeconds`), or why they are refused. */
function readExtras(parsed: Record<string, unknown>, withTtl: boolean): MessageExtras | string {
  const metadata = readMetadata(parsed["metadata"]);
  if (typeof metadata === "string") return metadata;
  if (!withTtl) return metadata;
  const ttl = readTtl(parsed["ttlSeconds"]);
  if (typeof ttl === "string") return ttl;
  return { ...metadata, ...ttl };
}

/** Parses one upstream text frame. Never throws. */
export function parseJsonUpstream(text: string): Decoded {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return invalidMessage("Malformed JSON");
  }
  if (!isRecord(parsed)) return invalidMessage("A message must be a JSON object");

  const rawAckId = parsed["ackId"];
  let ackId: number | undefined;
  if (rawAckId !== undefined && rawAckId !== null) {
    if (!isSequenceNumber(rawAckId)) {
      return { ok: false, fatal: false, reason: "'ackId' must be a non-negative integer" };
    }
    ackId = rawAckId;
  }
  const refuse = (reason: string): Decoded =>
    ackId === undefined ? { ok: false, fatal: false, reason } : { ok: false, fatal: false, reason, ackId };
  const ok = (message: UpstreamMessage & MessageExtras): Decoded => ({ ok: true, message });

  const type = parsed["type"];
  switch (type) {
    case "joinGroup":
    case "leaveGroup": {
      const group = parsed["group"];
      const problem = checkGroupName(group);
      if (problem !== undefined) return refuse(problem);
      return ok(
        ackId === undefined
          ? { kind: type, group: group as string }
          : { kind: type, group: group as string, ackId },
      );
    }
    case "sendToGroup": {
      if (parsed["stream"] !== undefined && parsed["stream"] !== null) return parseStreamStart(parsed, ackId);
      const group = parsed["group"];
      const groupProblem = checkGroupName(group);
      if (groupProblem !== undefined) return refuse(groupProblem);
      const noEcho = parsed["noEcho"];
      if (noEcho !== undefined && noEcho !== null && typeof noEcho !== "boolean") {
        return refuse("'noEcho' must be a boolean");
      }
      const payload = readPayload(parsed["dataType"], parsed["data"]);
      if (typeof payload === "string") return refuse(payload);
      const extras = readExtras(parsed, true);
      if (typeof extras === "string") return refuse(extras);
      const { dataType, data } = payload;
      return ok(
        ackId === undefined
          ? {
              kind: "sendToGroup",
              group: group as string,
              noEcho: noEcho === true,
              dataType,
              data,
              ...extras,
            }
          : {
              kind: "sendToGroup",
              group: group as string,
              ackId,
              noEcho: noEcho === true,
              dataType,
              data,
              ...extras,
            },
      );
    }
    case "event": {
      const event = parsed["event"];
      const eventProblem = checkEventName(event);
      if (eventProblem !== undefined) return refuse(eventProblem);
      const payload = readPayload(parsed["dataType"], parsed["data"]);
      if (typeof payload === "string") return refuse(payload);
      const extras = readExtras(parsed, false);
      if (typeof extras === "string") return refuse(extras);
      const { dataType, data } = payload;
      return ok(
        ackId === undefined
          ? { kind: "sendEvent", event: event as string, dataType, data, ...extras }
          : { kind: "sendEvent", event: event as string, ackId, dataType, data, ...extras },
      );
    }
    case "sequenceAck": {
      const sequenceId = parsed["sequenceId"];
      if (!isSequenceNumber(sequenceId)) return refuse("'sequenceId' must be a non-negative integer");
      return ok({ kind: "sequenceAck", sequenceId });
    }
    case "ping":
      return ok({ kind: "ping" });
    case "streamData":
      return withAckId(parseStreamData(parsed), ackId);
    case "streamEnd":
      return withAckId(parseStreamEnd(parsed), ackId);
    case "invoke":
    case "cancelInvocation": {
      const invocationId = parsed["invocationId"];
      if (typeof invocationId !== "string" || invocationId.length === 0 || invocationId.length > 256) {
        return refuse("'invocationId' must be a non-empty string");
      }
      if (type === "cancelInvocation") return ok({ kind: "cancelInvocation", invocationId });
      const invalid = (reason: string): Decoded => ({ ok: false, fatal: false, reason, invocationId });
      const target = parsed["target"];
      if (target !== undefined && target !== null && target !== "event") {
        return invalid("'target' must be 'event'");
      }
      const event = parsed["event"];
      const eventProblem = checkEventName(event);
      if (eventProblem !== undefined) return invalid(eventProblem);
      if (parsed["data"] === undefined && parsed["dataType"] === undefined) {
        return ok({ kind: "invoke", invocationId, event: event as string });
      }
      const payload = readPayload(parsed["dataType"], parsed["data"]);
      if (typeof payload === "string") return invalid(payload);
      return ok({
        kind: "invoke",
        invocationId,
        event: event as string,
        dataType: payload.dataType,
        data: payload.data,
      });
    }
    default:
      return refuse(
        typeof type === "string"
          ? `Unsupported message type '${type.slice(0, 64)}'`
          : "'type' is missing or not a string",
      );
  }
}
