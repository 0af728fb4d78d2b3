/**
 * `protobuf.webpubsub.azure.v1` and `protobuf.reliable.webpubsub.azure.v1`: binary frames, one
 * `DownstreamMessage` each. Like the JSON pair, the two share one data encoding: a data message's
 * `DataMessage` body (`from`, `group`, `data`, `metadata`) is serialised once; a plain receiver's
 * frame is the `data_message` field wrapping it (built once, shared), a reliable receiver's is the
 * same with the body's length grown by `sequence_id` and that field appended after the body
 * (protobuf readers take fields in any order), one allocation and one copy per receiver. Control
 * frames are written by the client codec's `encodeDownstream`, the one definition of their wire
 * form.
 *
 * A data message carries no sender user id on this subprotocol (the schema has no field for it);
 * its metadata is the body's field 5, as the service's schema declares it.
 */
import { encodeDownstream } from "../../protocol/protobuf-codec.js";
import { messageData, schema } from "../../protocol/protobuf/fields.js";
import { PROTOBUF_RELIABLE_SUBPROTOCOL, PROTOBUF_SUBPROTOCOL } from "../../protocol/messages.js";
import { decodeProtobufUpstream } from "./protobuf-upstream.js";
import type { ControlMessage, DataEncoding, DataMessage, ServiceProtocol } from "./types.js";

/** `DownstreamMessage.data_message` (field 2, length-delimited). */
const DATA_MESSAGE_TAG = 0x12;
/** `DataMessage.sequence_id` (field 4, varint). */
const SEQUENCE_ID_TAG = 0x20;

/** How many bytes `value` (a non-negative safe integer) takes as a varint. */
export function varintLength(value: number): number {
  let length = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    length++;
  }
  return length;
}

/** Writes `value` as a varint at `offset`; returns the offset after it. Exact up to 2^53 - 1. */
function writeVarint(frame: Buffer, offset: number, value: number): number {
  while (value >= 0x80) {
    frame[offset++] = (value % 0x80) | 0x80;
    value = Math.floor(value / 0x80);
  }
  frame[offset++] = value;
  return offset;
}

/** A `data_message` frame around `body`, with `sequence_id` appended when given. */
function dataMessageFrame(body: Uint8Array, sequenceId: number | undefined): Buffer {
  const tail = sequenceId === undefined ? 0 : 1 + varintLength(sequenceId);
  const length = body.length + tail;
  const frame = Buffer.allocUnsafe(1 + varintLength(length) + length);
  frame[0] = DATA_MESSAGE_TAG;
  let offset = writeVarint(frame, 1, length);
  frame.set(body, offset);
  offset += body.length;
  if (sequenceId !== undefined) {
    frame[offset++] = SEQUENCE_ID_TAG;
    writeVarint(frame, offset, sequenceId);
  }
  return frame;
}

/** A data message serialised for protobuf receivers. */
export class ProtobufData {
  private plainFrame: Buffer | undefined;

  /** `body`: the serialized `DataMessage` without `sequence_id`. */
  constructor(readonly body: Uint8Array) {}

  /** The whole frame for non-reliable receivers, built on first use and then shared. */
  get plain(): Buffer {
    this.plainFrame ??= dataMessageFrame(this.body, undefined);
    return this.plainFrame;
  }

  /** A reliable receiver's frame. */
  sequenced(sequenceId: number): Buffer {
    return dataMessageFrame(this.body, sequenceId);
  }
}

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const LONE_SURROGATES = /[\uD800-\uDFFF]/gu;

/**
 * A string protobuf can carry: UTF-8 has no lone surrogates, so each becomes U+FFFD (as a UTF-16
 * service writing UTF-8 does). A JSON client's text may hold one; written as is, the receiver's
 * decoder would refuse the whole frame and the message would be lost.
 */
function wellFormed(text: string): string {
  return LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, "\uFFFD") : text;
}

/** `DataMessage.metadata` (field 5, `map<string, string>`): one entry message per pair. */
const METADATA_TAG = 0x2a;
/** The map entry's `key` (1) and `value` (2), both strings. */
const ENTRY_KEY_TAG = 0x0a;
const ENTRY_VALUE_TAG = 0x12;

// Built from the generated DataMessage rather than by `encodeDownstream`, so that the body can be
// shared, so that metadata can follow it, and so that a REST body of JSON `null` is passed on (as
// `json_data: "null"`) as the service's REST API received it, where the client codec refuses to
// write it. A group stream's fragment goes out as a plain group message: the schema has no stream.
function bodyOf(message: DataMessage): Uint8Array {
  const data =
    message.dataType === "json" && message.data === null
      ? { jsonData: "null" }
      : message.dataType === "text"
        ? { textData: wellFormed(message.data as string) }
        : messageData(message.dataType, message.data);
  const writer = schema.DownstreamMessage.DataMessage.encode(
    message.kind === "serverData"
      ? { from: "server", data }
      : { from: "group", group: wellFormed(message.group), data },
  );
  // The service's DataMessage has `metadata` (field 5); this project's schema leaves it out (the
  // client's message model has no metadata), so the pairs are written onto the same writer, as
  // generated code writes a map: receivers that declare the field read them, ours skip it.
  for (const [key, value] of Object.entries(message.metadata ?? {})) {
    writer
      .uint32(METADATA_TAG)
      .fork()
      .uint32(ENTRY_KEY_TAG)
      .string(key)
      .uint32(ENTRY_VALUE_TAG)
      .string(value)
      .ldelim();
  }
  return writer.finish();
}

const protobufData: DataEncoding<ProtobufData> = {
  name: "protobuf",
  encode: (message) => new ProtobufData(bodyOf(message)),
};

/** Bytes as a `Buffer` (protobufjs gives one in Node; anything else is wrapped, not copied). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const PONG = asBuffer(encodeDownstream({ kind: "pong" }));

function encode(message: ControlMessage): Buffer | undefined {
  switch (message.kind) {
    case "pong":
      return PONG;
    case "streamAck":
    case "streamNack":
    case "streamClosed":
      // No stream frames in this schema (a protobuf connection cannot open a stream to be told of).
      return undefined;
    default:
      return asBuffer(encodeDownstream(message));
  }
}

/** `protobuf.webpubsub.azure.v1`: no sequence ids, no recovery. */
export const protobufProtocol: ServiceProtocol<ProtobufData> = {
  name: PROTOBUF_SUBPROTOCOL,
  reliable: false,
  frames: "binary",
  dataEncoding: protobufData,
  dataFrame: (encoded) => encoded.plain,
  encode,
  decode: decodeProtobufUpstream,
};

/** `protobuf.reliable.webpubsub.azure.v1`: numbered data messages, `sequence_ack_message`, recovery. */
export const protobufReliableProtocol: ServiceProtocol<ProtobufData> = {
  name: PROTOBUF_RELIABLE_SUBPROTOCOL,
  reliable: true,
  frames: "binary",
  dataEncoding: protobufData,
  dataFrame: (encoded, sequenceId) => encoded.sequenced(sequenceId),
  encode,
  decode: decodeProtobufUpstream,
};
