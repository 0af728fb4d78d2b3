import { fromBinary, toBinary } from "@bufbuild/protobuf";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as json from "../../src/protocol/json-codec.js";
import {
  decodeDownstream,
  decodeUpstream,
  encodeDownstream,
  encodeUpstream,
} from "../../src/protocol/protobuf-codec.js";
import { WebPubSubProtobufReliableProtocol } from "../../src/protocol/protobuf-protocol.js";
import { protobufDownstreamMessage, protobufUpstreamMessage } from "./protobuf/arbitraries.js";
import { DownstreamMessageSchema, UpstreamMessageSchema } from "./protobuf/webpubsub.v1_pb.js";

const RUNS = { numRuns: 400 };

describe("protobuf codec properties", () => {
  it("every upstream message round-trips (client encodes, service decodes)", () => {
    fc.assert(
      fc.property(protobufUpstreamMessage, (message) => {
        expect(decodeUpstream(encodeUpstream(message))).toStrictEqual({ status: "ok", message });
      }),
      RUNS,
    );
  });

  it("every downstream message round-trips (service encodes, client decodes)", () => {
    const protocol = WebPubSubProtobufReliableProtocol();
    fc.assert(
      fc.property(protobufDownstreamMessage, (message) => {
        const frame = encodeDownstream(message);
        expect(decodeDownstream(frame)).toStrictEqual({ status: "ok", message });
        expect(protocol.parseMessages(frame)).toStrictEqual(message);
      }),
      RUNS,
    );
  });

  it("what we write, the other library (@bufbuild/protobuf) reads and writes back to the same message", () => {
    fc.assert(
      fc.property(protobufUpstreamMessage, protobufDownstreamMessage, (up, down) => {
        const upAgain = toBinary(
          UpstreamMessageSchema,
          fromBinary(UpstreamMessageSchema, encodeUpstream(up)),
        );
        expect(decodeUpstream(upAgain)).toStrictEqual({ status: "ok", message: up });
        const downAgain = toBinary(
          DownstreamMessageSchema,
          fromBinary(DownstreamMessageSchema, encodeDownstream(down)),
        );
        expect(decodeDownstream(downAgain)).toStrictEqual({ status: "ok", message: down });
      }),
      RUNS,
    );
  });

  it("a data message crosses to JSON and back unchanged", () => {
    const data = protobufDownstreamMessage.filter((m) => m.kind === "groupData" || m.kind === "serverData");
    fc.assert(
      fc.property(data, (message) => {
        const viaProtobuf = decodeDownstream(encodeDownstream(message));
        if (viaProtobuf.status !== "ok") throw new Error(viaProtobuf.reason);
        const viaJson = json.decodeDownstream(json.encodeDownstream(viaProtobuf.message));
        expect(viaJson).toStrictEqual({ status: "ok", message });
      }),
      RUNS,
    );
  });

  it("never throws on arbitrary bytes, nor on valid frames with bytes changed", () => {
    const mutated = fc
      .tuple(
        fc.oneof(
          protobufDownstreamMessage.map(encodeDownstream),
          protobufUpstreamMessage.map(encodeUpstream),
        ),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
      )
      .map(([frame, changes]) => {
        const bytes = Uint8Array.from(frame);
        for (const [at, value] of changes) if (bytes.length > 0) bytes[at % bytes.length] = value;
        return bytes;
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), mutated), (bytes) => {
        for (const result of [decodeDownstream(bytes), decodeUpstream(bytes)]) {
          expect(["ok", "ignored", "invalid"]).toContain(result.status);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
