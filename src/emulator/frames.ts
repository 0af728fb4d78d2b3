/**
 * The emulator's JSON frames. Service-side parsing is stricter than a client codec (every field is
 * validated and every failure has a reason an ack can carry) and payloads stay in wire form:
 * a `binary` payload is checked as base64 but never decoded, and a group message is serialised
 * once per send however many connections receive it.
 */
import type { WebPubSubDataType } from "../protocol/messages.js";

/** A payload as it travels in JSON frames: JSON value, text, or base64 for binary/protobuf. */
export interface WirePayload {
  readonly dataType: WebPubSubDataType;
  /** The `data` value exactly as it will be written: a JSON value, or a string. */
  readonly data: unknown;
}

export type UpstreamFrame =
  | { readonly type: "joinGroup"; readonly group: string; readonly ackId: number | undefined }
  | { readonly type: "leaveGroup"; readonly group: string; readonly ackId: number | undefined }
  | {
      readonly type: "sendToGroup";
      readonly group: string;
      readonly ackId: number | undefined;
      readonly noEcho: boolean;
      readonly payload: WirePayload;
    }
  | {
      readonly type: "event";
      readonly event: string;
      readonly ackId: number | undefined;
      readonly payload: WirePayload;
    }
  | { readonly type: "sequenceAck"; readonly sequenceId: number }
  | { readonly type: "ping" }
  | {
      readonly type: "invoke";
      readonly invocationId: string;
      readonly event: string;
      readonly payload: WirePayload | undefined;
    }
  | { readonly type: "cancelInvocation"; readonly invocationId: string };

/**
 * - `fatal`: not a JSON object at all; the connection cannot be trusted and is closed (1007).
 * - otherwise the frame is refused with `reason`: acked as `BadRequest` when it carried a usable
 *   `ackId` (or answered with an `invokeResponse` when it carried an `invocationId`), else ignored.
 */
export type ParseResult =
  | { readonly ok: true; readonly frame: UpstreamFrame }
  | {
      readonly ok: false;
      readonly fatal: boolean;
      readonly reason: string;
      readonly ackId?: number;
      readonly invocationId?: string;
    };

/** Longest group name accepted. */
export const MAX_GROUP_LENGTH = 1024;
const EVENT_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;
const DATA_TYPES: ReadonlySet<string> = new Set(["json", "text", "binary", "protobuf"]);

/** Why a group name is refused, or `undefined` when it is fine. */
export function checkGroupName(group: unknown): string | undefined {
  if (typeof group !== "string" || group.length === 0) return "'group' must be a non-empty string";
  if (group.length > MAX_GROUP_LENGTH) return `'group' is longer than ${MAX_GROUP_LENGTH} characters`;
  if (group.trim().length === 0) return "'group' must not be blank";
  return undefined;
}

/** Why an event name is refused, or `undefined` when it is fine. */
export function checkEventName(event: unknown): string | undefined {
  if (typeof event !== "string" || !EVENT_NAME.test(event)) {
    return "'event' must start with a letter and contain only letters, digits, '_', '.', '-' (at most 128)";
  }
  return undefined;
}

/** Whether `text` is standard base64 (padding optional). */
export function isBase64(text: string): boolean {
  return BASE64.test(text);
}

/** Validates a `dataType` + `data` pair; a missing `dataType` means `json`. */
export function checkPayload(dataType: unknown, data: unknown): WirePayload | string {
  const type = dataType === undefined ? "json" : dataType;
  if (typeof type !== "string" || !DATA_TYPES.has(type)) {
    return "'dataType' must be one of json, text, binary, protobuf";
  }
  if (data === undefined || data === null) return "'data' is required";
  if (type === "text" && typeof data !== "string") return "'data' must be a string when dataType is text";
  if ((type === "binary" || type === "protobuf") && (typeof data !== "string" || !isBase64(data))) {
    return `'data' must be a base64 string when dataType is ${type}`;
  }
  return { dataType: type as WebPubSubDataType, data };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isSequenceNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/** Parses one upstream text frame. Never throws. */
export function parseUpstream(text: string): ParseResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, fatal: true, reason: "Malformed JSON" };
  }
  if (!isRecord(parsed)) return { ok: false, fatal: true, reason: "A message must be a JSON object" };

  const rawAckId = parsed["ackId"];
  let ackId: number | undefined;
  if (rawAckId !== undefined && rawAckId !== null) {
    if (!isSequenceNumber(rawAckId)) {
      return { ok: false, fatal: false, reason: "'ackId' must be a non-negative integer" };
    }
    ackId = rawAckId;
  }
  const refuse = (reason: string): ParseResult =>
    ackId === undefined ? { ok: false, fatal: false, reason } : { ok: false, fatal: false, reason, ackId };

  const type = parsed["type"];
  switch (type) {
    case "joinGroup":
    case "leaveGroup": {
      const group = parsed["group"];
      const problem = checkGroupName(group);
      if (problem !== undefined) return refuse(problem);
      return { ok: true, frame: { type, group: group as string, ackId } };
    }
    case "sendToGroup": {
      const group = parsed["group"];
      const groupProblem = checkGroupName(group);
      if (groupProblem !== undefined) return refuse(groupProblem);
      const noEcho = parsed["noEcho"];
      if (noEcho !== undefined && noEcho !== null && typeof noEcho !== "boolean") {
        return refuse("'noEcho' must be a boolean");
      }
      const payload = checkPayload(parsed["dataType"], parsed["data"]);
      if (typeof payload === "string") return refuse(payload);
      return { ok: true, frame: { type, group: group as string, ackId, noEcho: noEcho === true, payload } };
    }
    case "event": {
      const event = parsed["event"];
      const eventProblem = checkEventName(event);
      if (eventProblem !== undefined) return refuse(eventProblem);
      const payload = checkPayload(parsed["dataType"], parsed["data"]);
      if (typeof payload === "string") return refuse(payload);
      return { ok: true, frame: { type, event: event as string, ackId, payload } };
    }
    case "sequenceAck": {
      const sequenceId = parsed["sequenceId"];
      if (!isSequenceNumber(sequenceId)) return refuse("'sequenceId' must be a non-negative integer");
      return { ok: true, frame: { type, sequenceId } };
    }
    case "ping":
      return { ok: true, frame: { type } };
    case "invoke":
    case "cancelInvocation": {
      const invocationId = parsed["invocationId"];
      if (typeof invocationId !== "string" || invocationId.length === 0 || invocationId.length > 256) {
        return refuse("'invocationId' must be a non-empty string");
      }
      if (type === "cancelInvocation") return { ok: true, frame: { type, invocationId } };
      const invalid = (reason: string): ParseResult => ({ ok: false, fatal: false, reason, invocationId });
      const target = parsed["target"];
      if (target !== undefined && target !== null && target !== "event") {
        return invalid("'target' must be 'event'");
      }
      const event = parsed["event"];
      const eventProblem = checkEventName(event);
      if (eventProblem !== undefined) return invalid(eventProblem);
      let payload: WirePayload | undefined;
      if (parsed["data"] !== undefined || parsed["dataType"] !== undefined) {
        const checked = checkPayload(parsed["dataType"], parsed["data"]);
        if (typeof checked === "string") return invalid(checked);
        payload = checked;
      }
      return { ok: true, frame: { type, invocationId, event: event as string, payload } };
    }
    default:
      return refuse(
        typeof type === "string"
          ? `Unsupported message type '${type.slice(0, 64)}'`
          : "'type' is missing or not a string",
      );
  }
}

// ---------------------------------------------------------------------------------------------
// Service → client frames
// ---------------------------------------------------------------------------------------------

/**
 * A data message serialised once for any number of receivers. `tail` is the frame without its
 * opening brace; reliable receivers prepend `{"sequenceId":N,`, the others share `plain`.
 */
export class OutboundMessage {
  private plainFrame: Buffer | undefined;

  private constructor(readonly tail: Buffer) {}

  /** A group message. `fromUserId` is omitted for anonymous senders, as the service does. */
  static group(group: string, fromUserId: string | null, payload: WirePayload): OutboundMessage {
    const from = fromUserId === null ? "" : `,"fromUserId":${JSON.stringify(fromUserId)}`;
    return new OutboundMessage(
      Buffer.from(
        `"type":"message","from":"group","group":${JSON.stringify(group)}${from},"dataType":"${payload.dataType}","data":${JSON.stringify(payload.data)}}`,
      ),
    );
  }

  /** A message from the server (REST). */
  static server(payload: WirePayload): OutboundMessage {
    return new OutboundMessage(
      Buffer.from(
        `"type":"message","from":"server","dataType":"${payload.dataType}","data":${JSON.stringify(payload.data)}}`,
      ),
    );
  }

  /** The whole frame for non-reliable receivers, built on first use and then shared. */
  get plain(): Buffer {
    if (this.plainFrame === undefined) {
      const frame = Buffer.allocUnsafe(this.tail.length + 1);
      frame[0] = 0x7b; // "{"
      this.tail.copy(frame, 1);
      this.plainFrame = frame;
    }
    return this.plainFrame;
  }
}

/** `{"type":"ack",...}`. */
export function ackFrame(ackId: number, error?: { name: string; message: string }): string {
  return error === undefined
    ? `{"type":"ack","ackId":${ackId},"success":true}`
    : JSON.stringify({
        type: "ack",
        ackId,
        success: false,
        error: { name: error.name, message: error.message },
      });
}

/** `system/connected`; the reconnection token only on reliable subprotocols. */
export function connectedFrame(connectionId: string, userId: string, reconnectionToken?: string): string {
  return JSON.stringify(
    reconnectionToken === undefined
      ? { type: "system", event: "connected", userId, connectionId }
      : { type: "system", event: "connected", userId, connectionId, reconnectionToken },
  );
}

/** `system/disconnected`, sent before every server-initiated close. */
export function disconnectedFrame(message: string): string {
  return JSON.stringify({ type: "system", event: "disconnected", message });
}

/** The answer to `ping`. */
export const PONG_FRAME = '{"type":"pong"}';

/** `invokeResponse` with a result. */
export function invokeSuccessFrame(invocationId: string, payload: WirePayload | undefined): string {
  return JSON.stringify(
    payload === undefined
      ? { type: "invokeResponse", invocationId, success: true }
      : {
          type: "invokeResponse",
          invocationId,
          success: true,
          dataType: payload.dataType,
          data: payload.data,
        },
  );
}

/** `invokeResponse` with an error. */
export function invokeErrorFrame(invocationId: string, error: { name: string; message: string }): string {
  return JSON.stringify({
    type: "invokeResponse",
    invocationId,
    success: false,
    error: { name: error.name, message: error.message },
  });
}

// ---------------------------------------------------------------------------------------------
// Application form ⇄ wire form (for the onEvent / onInvoke hooks and the REST data plane)
// ---------------------------------------------------------------------------------------------

/** A payload in application form: a JSON value, a string, or bytes. */
export type AppData = unknown;

/** Wire form → application form: base64 becomes bytes, everything else is already its value. */
export function toAppData(payload: WirePayload): AppData {
  if (payload.dataType === "binary" || payload.dataType === "protobuf") {
    const bytes = Buffer.from(payload.data as string, "base64");
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return payload.data;
}

/** Application form → wire form. Returns an error message when the pair does not fit. */
export function fromAppData(dataType: WebPubSubDataType, data: AppData): WirePayload | string {
  if (dataType === "binary" || dataType === "protobuf") {
    if (data instanceof ArrayBuffer) return { dataType, data: Buffer.from(data).toString("base64") };
    if (ArrayBuffer.isView(data)) {
      return {
        dataType,
        data: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64"),
      };
    }
    return `data must be an ArrayBuffer or a typed array when dataType is ${dataType}`;
  }
  return checkPayload(dataType, data);
}
