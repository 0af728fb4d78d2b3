/**
 * The raw test client's frames on the protobuf subprotocols, read and written with
 * `@bufbuild/protobuf` (the OTHER library: the emulator writes with protobufjs), so the emulator's
 * bytes are checked against an independent reading of the schema.
 *
 * Frames are translated to and from the JSON subprotocol's shape (`{type: "ack", ackId, …}`,
 * bytes as base64), so that one assertion can hold for both families; {@link wireOf} gives the
 * decoded protobuf message behind a frame for wire-level checks (absent vs empty fields).
 */
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { AnySchema } from "@bufbuild/protobuf/wkt";
import protobuf from "protobufjs";
import {
  DownstreamMessageSchema,
  MessageDataSchema,
  UpstreamMessageSchema,
  type DownstreamMessage,
  type MessageData,
} from "../protocol/protobuf/webpubsub.v1_pb.js";
import type { Frame } from "./helpers.js";

const wires = new WeakMap<Frame, DownstreamMessage>();

/** `DataMessage.metadata`: the map field of the service's schema that this project's leaves out. */
const METADATA_FIELD = 5;

// The service's `DataMessage` with its metadata map, read by protobufjs reflection: neither the
// project's schema nor the code generated from it declares the field, so this reader is the
// service's definition, not the emulator's.
const serviceSchema = protobuf.parse(`syntax = "proto3";
  message DataMessage {
    string from = 1; optional string group = 2; optional uint64 sequence_id = 4;
    map<string, string> metadata = 5;
  }
  message DownstreamMessage { DataMessage data_message = 2; }`).root;
const ServiceDownstream = serviceSchema.lookupType("DownstreamMessage");

/** A data frame's metadata, read as the service's schema declares it (`{}` when there is none). */
export function serviceMetadataOf(frame: Uint8Array): Record<string, string> {
  const read = ServiceDownstream.toObject(ServiceDownstream.decode(frame), { defaults: true }) as {
    dataMessage?: { metadata: Record<string, string> };
  };
  return read.dataMessage?.metadata ?? {};
}

/** The decoded protobuf message a frame was translated from (`undefined` for JSON frames). */
export function wireOf(frame: Frame): DownstreamMessage | undefined {
  return wires.get(frame);
}

/** `MessageData` as the JSON subprotocol carries it: `dataType` and `data` (bytes as base64). */
function payload(data: MessageData | undefined): Frame {
  const member = data?.data;
  switch (member?.case) {
    case "textData":
      return { dataType: "text", data: member.value };
    case "jsonData":
      return { dataType: "json", data: JSON.parse(member.value) as unknown };
    case "binaryData":
      return { dataType: "binary", data: Buffer.from(member.value).toString("base64") };
    case "protobufData":
      return {
        dataType: "protobuf",
        data: Buffer.from(toBinary(AnySchema, member.value)).toString("base64"),
      };
    default:
      return {};
  }
}

function errorOf(error: { name: string; message: string } | undefined): Frame {
  return error === undefined ? {} : { error: { name: error.name, message: error.message } };
}

function translate(wire: DownstreamMessage, bytes: Buffer): Frame {
  const m = wire.message;
  switch (m.case) {
    case "ackMessage":
      return {
        type: "ack",
        ackId: Number(m.value.ackId),
        success: m.value.success,
        ...errorOf(m.value.error),
      };
    case "dataMessage": {
      const v = m.value;
      return {
        type: "message",
        from: v.from,
        ...(v.group === undefined ? {} : { group: v.group }),
        ...payload(v.data),
        ...(v.sequenceId === undefined ? {} : { sequenceId: Number(v.sequenceId) }),
        // Skipped by the project's schema (an unknown field here), so read by the service's.
        ...(v.$unknown?.some((field) => field.no === METADATA_FIELD) === true
          ? { metadata: serviceMetadataOf(bytes) }
          : {}),
      };
    }
    case "systemMessage": {
      const s = m.value.message;
      if (s.case === "connectedMessage") {
        const c = s.value;
        return {
          type: "system",
          event: "connected",
          connectionId: c.connectionId,
          userId: c.userId,
          ...(c.reconnectionToken === undefined ? {} : { reconnectionToken: c.reconnectionToken }),
        };
      }
      if (s.case === "disconnectedMessage") {
        return { type: "system", event: "disconnected", message: s.value.reason };
      }
      return { type: "system" };
    }
    case "pongMessage":
      return { type: "pong" };
    case "invokeResponseMessage": {
      const v = m.value;
      return {
        type: "invokeResponse",
        invocationId: v.invocationId,
        success: v.success,
        ...payload(v.data),
        ...errorOf(v.error),
      };
    }
    default:
      return { type: "<unknown>" };
  }
}

/** A downstream protobuf frame in the JSON shape; a text frame or unreadable bytes say so. */
export function decodeProtobufFrame(data: Buffer, isBinary: boolean): Frame {
  if (!isBinary) return { type: "<text frame>", text: data.toString("utf8") };
  let wire: DownstreamMessage;
  try {
    wire = fromBinary(DownstreamMessageSchema, data);
  } catch (error) {
    return { type: "<unparseable>", error: String(error) };
  }
  const frame = translate(wire, data);
  wires.set(frame, wire);
  return frame;
}

/** A JSON-shaped payload (`dataType` absent = json, bytes as base64) as `MessageData`. */
export function messageData(dataType: unknown, data: unknown): MessageData {
  switch (dataType ?? "json") {
    case "text":
      return create(MessageDataSchema, { data: { case: "textData", value: data as string } });
    case "binary":
      return create(MessageDataSchema, {
        data: { case: "binaryData", value: Buffer.from(data as string, "base64") },
      });
    case "protobuf":
      return create(MessageDataSchema, {
        data: { case: "protobufData", value: fromBinary(AnySchema, Buffer.from(data as string, "base64")) },
      });
    default:
      return create(MessageDataSchema, { data: { case: "jsonData", value: JSON.stringify(data) } });
  }
}

type Upstream = NonNullable<MessageInitShape<typeof UpstreamMessageSchema>["message"]>;

function ackIdOf(frame: Frame): { ackId?: bigint } {
  return typeof frame["ackId"] === "number" ? { ackId: BigInt(frame["ackId"]) } : {};
}

function upstream(frame: Frame): Upstream {
  const group = frame["group"] as string;
  switch (frame.type) {
    case "joinGroup":
      return { case: "joinGroupMessage", value: { group, ...ackIdOf(frame) } };
    case "leaveGroup":
      return { case: "leaveGroupMessage", value: { group, ...ackIdOf(frame) } };
    case "sendToGroup":
      return {
        case: "sendToGroupMessage",
        value: {
          group,
          data: messageData(frame["dataType"], frame["data"]),
          ...ackIdOf(frame),
          ...(frame["noEcho"] === true ? { noEcho: true } : {}),
        },
      };
    case "event":
      return {
        case: "eventMessage",
        value: {
          event: frame["event"] as string,
          data: messageData(frame["dataType"], frame["data"]),
          ...ackIdOf(frame),
        },
      };
    case "sequenceAck":
      return { case: "sequenceAckMessage", value: { sequenceId: BigInt(frame["sequenceId"] as number) } };
    case "ping":
      return { case: "pingMessage", value: {} };
    case "invoke":
      return {
        case: "invokeEventMessage",
        value: {
          event: frame["event"] as string,
          invocationId: frame["invocationId"] as string,
          ...(frame["data"] === undefined ? {} : { data: messageData(frame["dataType"], frame["data"]) }),
        },
      };
    case "cancelInvocation":
      return { case: "cancelInvocationMessage", value: { invocationId: frame["invocationId"] as string } };
    default:
      throw new Error(`no protobuf form for a '${String(frame.type)}' frame`);
  }
}

/** A JSON-shaped upstream frame as the bytes of a protobuf `UpstreamMessage`. */
export function encodeProtobufFrame(frame: Frame): Buffer {
  return Buffer.from(
    toBinary(UpstreamMessageSchema, create(UpstreamMessageSchema, { message: upstream(frame) })),
  );
}
