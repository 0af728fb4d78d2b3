/**
 * `wps connect --protocol protobuf|protobuf-reliable`: the option is parsed, and the client speaks
 * the chosen protobuf subprotocol — checked end to end against the @bufbuild/protobuf test service
 * (the emulator does not speak protobuf yet).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectProtocol } from "../../src/cli/connect/protocol.js";
import { startProtobufTestServer, type ProtobufTestServer } from "../protocol/protobuf/server.js";
import { jsonLines, runCli } from "./helpers.js";

describe("wps connect --protocol", () => {
  it.each([
    ["json.reliable", "json.reliable.webpubsub.azure.v1", true],
    ["json", "json.webpubsub.azure.v1", false],
    ["protobuf-reliable", "protobuf.reliable.webpubsub.azure.v1", true],
    ["protobuf.reliable", "protobuf.reliable.webpubsub.azure.v1", true],
    ["protobuf", "protobuf.webpubsub.azure.v1", false],
  ])("%s is the %s subprotocol", (option, name, reliable) => {
    const protocol = connectProtocol(option);
    expect([protocol.name, protocol.isReliableSubProtocol]).toStrictEqual([name, reliable]);
  });

  it("refuses a name it does not know", () => {
    expect(() => connectProtocol("toString")).toThrow(
      /--protocol must be json.reliable, json, protobuf-reliable or protobuf/,
    );
  });

  describe.each([
    ["protobuf-reliable", "protobuf.reliable.webpubsub.azure.v1"],
    ["protobuf", "protobuf.webpubsub.azure.v1"],
  ])("--protocol %s against a protobuf service", (option, subprotocol) => {
    let server: ProtobufTestServer;
    beforeEach(async () => {
      server = await startProtobufTestServer();
    });
    afterEach(() => server.close());

    it("connects on that subprotocol, joins, sends and prints the echo", async () => {
      const run = await runCli(["connect", server.url, "--protocol", option, "--json"], {
        input: "join room\nsend room hello\n",
      });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(server.protocol()).toBe(subprotocol);
      expect(server.received.map((m) => m.message.case)).toEqual(
        expect.arrayContaining(["joinGroupMessage", "sendToGroupMessage"]),
      );
      const records = jsonLines(run.stdout);
      expect(records).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: "group-message", group: "room", data: "hello" }),
        ]),
      );
    });
  });
});
