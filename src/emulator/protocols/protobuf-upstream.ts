/**
 * Client → service protobuf frames, as the service reads them: the codec's `decodeUpstream` (the
 * one definition of the wire form), then the service's own rules on what it read (group, event and
 * invocation names, as on JSON), into the seam's {@link Decoded}.
 *
 * What becomes of a frame (docs/emulator.md, "Protobuf frames the service declines"):
 * - a text frame: closed with 1003, as a binary frame on a JSON subprotocol is;
 * - a frame the codec finds `invalid` (bytes that are not an `UpstreamMessage`, a payload that does
 *   not fit its kind, an id past 2^53 - 1): a `BadRequest` ack when its ackId could be read (an
 *   error `invokeResponse` when it is an invocation), otherwise closed with 1007;
 * - a message kind the schema does not know (`ignored`, e.g. a newer preview): skipped;
 * - a well-formed message whose names the service refuses: refused exactly as on JSON.
 */
import { decodeUpstream } from "../../protocol/protobuf-codec.js";
import { schema } from "../../protocol/protobuf/fields.js";
import { CloseCode } from "../../protocol/messages.js";
import type { UpstreamMessage } from "../../protocol/messages.js";
import { checkEventName, checkGroupName } from "../names.js";
import { invalidMessage, type Decoded } from "./types.js";

const MAX_INVOCATION_ID_LENGTH = 256;

const TEXT_FRAME: Decoded = {
  ok: false,
  fatal: true,
  reason: "a text frame on a protobuf subprotocol",
  closeCode: CloseCode.UnsupportedData,
  closeReason: "Text frames are not supported on protobuf subprotocols",
};

function checkInvocationId(invocationId: string): string | undefined {
  return invocationId.length === 0 || invocationId.length > MAX_INVOCATION_ID_LENGTH
    ? "'invocationId' must be a non-empty string"
    : undefined;
}

/**
 * The invocation id of an invoke frame the codec refused (its payload did not fit), so that the
 * refusal can be answered as the invocation's error. Decodes again: a cold path.
 */
function invocationIdOf(frame: Buffer): string | undefined {
  try {
    const wire = schema.UpstreamMessage.decode(frame);
    const invocationId = wire.invokeEventMessage?.invocationId;
    return invocationId !== undefined && checkInvocationId(invocationId) === undefined
      ? invocationId
      : undefined;
  } catch {
    return undefined;
  }
}

/** The service's rules on a well-formed message: the same names JSON clients may use. */
function checkNames(message: UpstreamMessage): Decoded {
  let problem: string | undefined;
  switch (message.kind) {
    case "joinGroup":
    case "leaveGroup":
    case "sendToGroup":
      problem = checkGroupName(message.group);
      break;
    case "sendEvent":
      problem = checkEventName(message.event);
      break;
    case "invoke": {
      const idProblem = checkInvocationId(message.invocationId);
      if (idProblem !== undefined) return { ok: false, fatal: false, reason: idProblem };
      const eventProblem = checkEventName(message.event);
      if (eventProblem !== undefined) {
        return { ok: false, fatal: false, reason: eventProblem, invocationId: message.invocationId };
      }
      break;
    }
    case "cancelInvocation":
      problem = checkInvocationId(message.invocationId);
      break;
    default:
      break;
  }
  if (problem === undefined) return { ok: true, message };
  const ackId = "ackId" in message ? message.ackId : undefined;
  return ackId === undefined
    ? { ok: false, fatal: false, reason: problem }
    : { ok: false, fatal: false, reason: problem, ackId };
}

/** Decodes one upstream frame of a protobuf connection. Never throws. */
export function decodeProtobufUpstream(data: Buffer, isBinary: boolean): Decoded {
  if (!isBinary) return TEXT_FRAME;
  const decoded = decodeUpstream(data);
  switch (decoded.status) {
    case "ok":
      return checkNames(decoded.message);
    case "ignored":
      return { ok: false, fatal: false, reason: decoded.reason };
    case "invalid": {
      if (decoded.ackId !== undefined) {
        return { ok: false, fatal: false, reason: decoded.reason, ackId: decoded.ackId };
      }
      const invocationId = invocationIdOf(data);
      return invocationId === undefined
        ? invalidMessage(decoded.reason)
        : { ok: false, fatal: false, reason: decoded.reason, invocationId };
    }
  }
}
