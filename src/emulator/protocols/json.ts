/**
 * `json.webpubsub.azure.v1` and `json.reliable.webpubsub.azure.v1`: text frames, one JSON object
 * each. The two differ only in reliability, so they share one data encoding: a data message is
 * serialised once as its frame without the opening brace (the tail); a reliable receiver's frame is
 * `{"sequenceId":N,` followed by that tail (one allocation and one copy per receiver), the others
 * share `{` + tail. Control frames are written by the client codec's `encodeDownstream`, the one
 * definition of their wire form.
 */
import { encodeDownstream } from "../../protocol/json-codec.js";
import { streamInfo } from "../../protocol/json/parts.js";
import { CloseCode, JSON_RELIABLE_SUBPROTOCOL, JSON_SUBPROTOCOL } from "../../protocol/messages.js";
import { parseJsonUpstream } from "./json-upstream.js";
import type { ControlMessage, DataEncoding, DataMessage, Decoded, ServiceProtocol } from "./types.js";

/** A data message serialised for JSON receivers. */
export class JsonData {
  private plainFrame: Buffer | undefined;

  /** `tail`: the frame without its opening brace. */
  constructor(readonly tail: Buffer) {}

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

const SEQUENCE_PREFIX = '{"sequenceId":';

/** A reliable data frame: `{"sequenceId":N,` followed by the shared tail. */
export function sequencedFrame(sequenceId: number, tail: Buffer): Buffer {
  const head = `${SEQUENCE_PREFIX}${sequenceId},`;
  const frame = Buffer.allocUnsafe(head.length + tail.length);
  frame.write(head, 0, "latin1");
  tail.copy(frame, head.length);
  return frame;
}

// Built by hand rather than by `encodeDownstream` so that the tail can be shared, and so that a
// REST body of JSON `null` is passed on as the service's REST API received it.
function tailOf(message: DataMessage): string {
  const data =
    message.dataType === "binary" || message.dataType === "protobuf"
      ? `"${Buffer.from(message.data as ArrayBuffer).toString("base64")}"`
      : JSON.stringify(message.data);
  // Metadata follows the payload, as the service writes it; absent when the message has none.
  const metadata = message.metadata === undefined ? "" : `,"metadata":${JSON.stringify(message.metadata)}`;
  const stream =
    message.kind === "groupData" && message.stream !== undefined ? streamInfo(message.stream) : "";
  const payload = `"dataType":"${message.dataType}","data":${data}${metadata}${stream}}`;
  if (message.kind === "serverData") return `"type":"message","from":"server",${payload}`;
  // Anonymous senders and the server have no fromUserId on the wire, as in the service.
  const from = message.fromUserId === "" ? "" : `"fromUserId":${JSON.stringify(message.fromUserId)},`;
  return `"type":"message","from":"group","group":${JSON.stringify(message.group)},${from}${payload}`;
}

const jsonData: DataEncoding<JsonData> = {
  name: "json",
  encode: (message) => new JsonData(Buffer.from(tailOf(message))),
};

const PONG = encodeDownstream({ kind: "pong" });

function encode(message: ControlMessage): string {
  return message.kind === "pong" ? PONG : encodeDownstream(message);
}

const BINARY_FRAME: Decoded = {
  ok: false,
  fatal: true,
  reason: "a binary frame on a JSON subprotocol",
  closeCode: CloseCode.UnsupportedData,
  closeReason: "Binary frames are not supported on JSON subprotocols",
};

function decode(data: Buffer, isBinary: boolean): Decoded {
  // `ws` has already rejected invalid UTF-8 in text frames (close 1007).
  return isBinary ? BINARY_FRAME : parseJsonUpstream(data.toString("utf8"));
}

/** A JSON protocol: every control message has a frame. */
type JsonServiceProtocol = Omit<ServiceProtocol<JsonData>, "encode"> & {
  encode(message: ControlMessage): string;
};

/** `json.webpubsub.azure.v1`: no sequence ids, no recovery. */
export const jsonProtocol: JsonServiceProtocol = {
  name: JSON_SUBPROTOCOL,
  reliable: false,
  frames: "text",
  dataEncoding: jsonData,
  dataFrame: (encoded) => encoded.plain,
  encode,
  decode,
};

/** `json.reliable.webpubsub.azure.v1`: numbered data messages, `sequenceAck`, recovery. */
export const jsonReliableProtocol: JsonServiceProtocol = {
  name: JSON_RELIABLE_SUBPROTOCOL,
  reliable: true,
  frames: "text",
  dataEncoding: jsonData,
  dataFrame: (encoded, sequenceId) => sequencedFrame(sequenceId, encoded.tail),
  encode,
  decode,
};
