/**
 * The two protobuf libraries compared, behind one shape: encode a frame from a library-neutral
 * description, decode bytes. Each side uses its library as it is meant to be used with code
 * generated from `src/protocol/protobuf/webpubsub.v1.proto` by `npm run generate:protobuf`:
 *
 * - `@bufbuild/protobuf` 2: the TypeScript protoc-gen-es writes (test/protocol/protobuf/),
 *   `create` + `toBinary` / `fromBinary`;
 * - `protobufjs` 8: the static module protobufjs-cli's `pbjs -t static-module` writes
 *   (src/protocol/protobuf/, the one the codec uses: no reflection, no `eval`, so it runs under a
 *   strict CSP), `encode().finish()` / `decode()`.
 */
import { create, fromBinary, toBinary, type MessageInitShape } from "@bufbuild/protobuf";
import { azure } from "../../src/protocol/protobuf/webpubsub.v1.js";
import {
  DownstreamMessageSchema,
  UpstreamMessageSchema,
  type DownstreamMessage,
  type MessageDataSchema,
  type UpstreamMessage,
} from "../../test/protocol/protobuf/webpubsub.v1_pb.js";

/** A frame, described once for both libraries. */
export type Frame =
  | { readonly side: "down"; readonly kind: "ack"; readonly ackId: number }
  | {
      readonly side: "down";
      readonly kind: "group";
      readonly sequenceId: number;
      readonly data: Payload;
    }
  | { readonly side: "up"; readonly kind: "send"; readonly ackId: number; readonly data: Payload }
  | { readonly side: "up"; readonly kind: "sequenceAck"; readonly sequenceId: number };

export type Payload =
  | { readonly type: "text"; readonly value: string }
  | { readonly type: "json"; readonly value: string }
  | { readonly type: "binary"; readonly value: Uint8Array };

export interface Library {
  readonly name: string;
  /** Prepares what `encode` takes (built once, outside the timed loop, as a codec would not). */
  encoder(frame: Frame): () => Uint8Array;
  decode(side: "up" | "down", bytes: Uint8Array): unknown;
}

// -- @bufbuild/protobuf ---------------------------------------------------------------------------

function esData(data: Payload): MessageInitShape<typeof MessageDataSchema> {
  switch (data.type) {
    case "text":
      return { data: { case: "textData", value: data.value } };
    case "json":
      return { data: { case: "jsonData", value: data.value } };
    case "binary":
      return { data: { case: "binaryData", value: data.value } };
  }
}

function esInit(
  frame: Frame,
): MessageInitShape<typeof DownstreamMessageSchema | typeof UpstreamMessageSchema> {
  switch (frame.kind) {
    case "ack":
      return { message: { case: "ackMessage", value: { ackId: BigInt(frame.ackId), success: true } } };
    case "group":
      return {
        message: {
          case: "dataMessage",
          value: {
            from: "group",
            group: "chat",
            sequenceId: BigInt(frame.sequenceId),
            data: esData(frame.data),
          },
        },
      };
    case "send":
      return {
        message: {
          case: "sendToGroupMessage",
          value: { group: "chat", ackId: BigInt(frame.ackId), data: esData(frame.data) },
        },
      };
    case "sequenceAck":
      return { message: { case: "sequenceAckMessage", value: { sequenceId: BigInt(frame.sequenceId) } } };
  }
}

export const bufbuild: Library = {
  name: "@bufbuild/protobuf",
  encoder(frame) {
    const init = esInit(frame);
    // The codec builds the message from application data on every send: `create` is part of it.
    if (frame.side === "down") {
      return () =>
        toBinary(
          DownstreamMessageSchema,
          create(DownstreamMessageSchema, init as MessageInitShape<typeof DownstreamMessageSchema>),
        );
    }
    return () =>
      toBinary(
        UpstreamMessageSchema,
        create(UpstreamMessageSchema, init as MessageInitShape<typeof UpstreamMessageSchema>),
      );
  },
  decode(side, bytes): DownstreamMessage | UpstreamMessage {
    return side === "down"
      ? fromBinary(DownstreamMessageSchema, bytes)
      : fromBinary(UpstreamMessageSchema, bytes);
  },
};

// -- protobufjs (static module) ----------------------------------------------------------------------

function pbjsData(data: Payload): azure.webpubsub.MessageData.$Properties {
  switch (data.type) {
    case "text":
      return { textData: data.value };
    case "json":
      return { jsonData: data.value };
    case "binary":
      return { binaryData: data.value };
  }
}

export const protobufjs: Library = {
  name: "protobufjs (static module)",
  encoder(frame) {
    // Plain objects: the static code encodes them without `create`.
    switch (frame.kind) {
      case "ack": {
        const object = { ackMessage: { ackId: frame.ackId, success: true } };
        return () => azure.webpubsub.DownstreamMessage.encode(object).finish();
      }
      case "group": {
        const object = {
          dataMessage: {
            from: "group",
            group: "chat",
            sequenceId: frame.sequenceId,
            data: pbjsData(frame.data),
          },
        };
        return () => azure.webpubsub.DownstreamMessage.encode(object).finish();
      }
      case "send": {
        const object = {
          sendToGroupMessage: { group: "chat", ackId: frame.ackId, data: pbjsData(frame.data) },
        };
        return () => azure.webpubsub.UpstreamMessage.encode(object).finish();
      }
      case "sequenceAck": {
        const object = { sequenceAckMessage: { sequenceId: frame.sequenceId } };
        return () => azure.webpubsub.UpstreamMessage.encode(object).finish();
      }
    }
  },
  decode(side, bytes) {
    return side === "down"
      ? azure.webpubsub.DownstreamMessage.decode(bytes)
      : azure.webpubsub.UpstreamMessage.decode(bytes);
  },
};
