/**
 * The stream frames of a JSON client, as the service reads them: a stream start (a `sendToGroup`
 * with a `stream` descriptor and no payload), `streamData` (a fragment, or with only `streamId` a
 * keep-alive) and `streamEnd`. A frame refused here carries its `streamId` whenever it has a
 * readable one, so that the writer is answered with `streamClosed` (`BadRequest`) rather than left
 * waiting for an ack that will never come.
 */
import { WRONG } from "../../protocol/checks.js";
import { isSafeUint } from "../../protocol/ids.js";
import { readStartStream, readStreamEndError } from "../../protocol/json/parts.js";
import type { StartStreamOptions } from "../../protocol/messages.js";
import { checkGroupName } from "../names.js";
import { MAX_STREAM_ID_LENGTH, MAX_STREAM_IDLE_TIMEOUT_MS } from "../streams.js";
import { readPayload } from "./json-upstream.js";
import type { Decoded } from "./types.js";

type Wire = Record<string, unknown>;

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

/** A refusal answered on the stream (and with a `BadRequest` ack when an ackId came with it). */
function refuseStream(streamId: string, reason: string, ackId?: number): Decoded {
  return ackId === undefined
    ? { ok: false, fatal: false, reason, streamId }
    : { ok: false, fatal: false, reason, streamId, ackId };
}

/** Why a stream id is refused, or `undefined` when it is fine. */
function streamIdProblem(streamId: string): string | undefined {
  if (streamId.length === 0) return "'streamId' must be a non-empty string";
  if (streamId.length > MAX_STREAM_ID_LENGTH)
    return `'streamId' is longer than ${MAX_STREAM_ID_LENGTH} characters`;
  return undefined;
}

/** The `streamId` of a frame, when it has a string one (for answering a refusal). */
function streamIdOf(value: unknown): string | undefined {
  return typeof value === "object" && value !== null && typeof (value as Wire)["streamId"] === "string"
    ? ((value as Wire)["streamId"] as string)
    : undefined;
}

/**
 * A stream frame carries no ackId; one that is refused while carrying one is acked `BadRequest`
 * as well, as every refused request with an ackId is.
 */
export function withAckId(decoded: Decoded, ackId: number | undefined): Decoded {
  return decoded.ok || decoded.fatal || ackId === undefined ? decoded : { ...decoded, ackId };
}

/** A `sendToGroup` whose `stream` is set: a stream start. */
export function parseStreamStart(parsed: Wire, ackId: number | undefined): Decoded {
  const start = readStartStream(parsed["stream"]);
  if (start === undefined || start === WRONG) {
    const reason = "'stream' must be {streamId, idleTimeoutMs?} with a string id and an integer timeout";
    const streamId = streamIdOf(parsed["stream"]);
    if (streamId !== undefined) return refuseStream(streamId, reason, ackId);
    return ackId === undefined
      ? { ok: false, fatal: false, reason }
      : { ok: false, fatal: false, reason, ackId };
  }
  const { streamId } = start;
  const refuse = (reason: string): Decoded => refuseStream(streamId, reason, ackId);
  const idProblem = streamIdProblem(streamId);
  if (idProblem !== undefined) return refuse(idProblem);
  if (ackId !== undefined) {
    return refuse("a stream start takes no 'ackId': the service answers it with streamAck or streamClosed");
  }
  const group = parsed["group"];
  const groupProblem = checkGroupName(group);
  if (groupProblem !== undefined) return refuse(groupProblem);
  const noEcho = parsed["noEcho"];
  if (!isAbsent(noEcho) && typeof noEcho !== "boolean") return refuse("'noEcho' must be a boolean");
  if (!isAbsent(parsed["data"]) || !isAbsent(parsed["dataType"])) {
    return refuse("a stream start carries no 'data' or 'dataType': fragments are sent with streamData");
  }
  const idle = start.idleTimeoutInMs;
  if (idle !== undefined && (idle < 1 || idle > MAX_STREAM_IDLE_TIMEOUT_MS)) {
    return refuse(`'idleTimeoutMs' must be from 1 to ${MAX_STREAM_IDLE_TIMEOUT_MS}`);
  }
  const stream: StartStreamOptions = idle === undefined ? { streamId } : { streamId, idleTimeoutInMs: idle };
  return {
    ok: true,
    message: { kind: "sendToGroup", group: group as string, noEcho: noEcho === true, stream },
  };
}

/** `streamData`: a fragment (`streamSequenceId`, `dataType`, `data`) or a keep-alive (none of them). */
export function parseStreamData(parsed: Wire): Decoded {
  const streamId = parsed["streamId"];
  if (typeof streamId !== "string") {
    return { ok: false, fatal: false, reason: "streamData needs a string 'streamId'" };
  }
  const sequenceId = parsed["streamSequenceId"];
  const bare = isAbsent(parsed["data"]) && isAbsent(parsed["dataType"]);
  if (isAbsent(sequenceId)) {
    return bare
      ? { ok: true, message: { kind: "streamData", streamId } }
      : refuseStream(streamId, "a stream fragment needs 'streamSequenceId'");
  }
  if (!isSafeUint(sequenceId)) {
    return refuseStream(streamId, "'streamSequenceId' must be a non-negative integer");
  }
  if (bare) return refuseStream(streamId, "a stream fragment needs 'data'");
  const payload = readPayload(parsed["dataType"], parsed["data"]);
  if (typeof payload === "string") return refuseStream(streamId, payload);
  return {
    ok: true,
    message: {
      kind: "streamData",
      streamId,
      streamSequenceId: sequenceId,
      dataType: payload.dataType,
      data: payload.data,
    },
  };
}

/** `streamEnd`, with an optional `error` of the writer's (`message`, `userErrorCode`). */
export function parseStreamEnd(parsed: Wire): Decoded {
  const streamId = parsed["streamId"];
  if (typeof streamId !== "string") {
    return { ok: false, fatal: false, reason: "streamEnd needs a string 'streamId'" };
  }
  const error = readStreamEndError(parsed["error"]);
  if (error === undefined) return { ok: true, message: { kind: "streamEnd", streamId } };
  if (error === WRONG) {
    return refuseStream(
      streamId,
      "'error' must be an object of optional strings 'message' and 'userErrorCode'",
    );
  }
  return { ok: true, message: { kind: "streamEnd", streamId, error } };
}
