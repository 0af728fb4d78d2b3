/**
 * `wps connect --protocol protobuf|protobuf-reliable`: the option is parsed, and the client speaks
 * the chosen protobuf subprotocol — checked end to end against the @bufbuild/protobuf test service
 * and against `wps emulator`.
 */
import { once } from "node:events";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectProtocol } from "../../src/cli/connect/protocol.js";
import { startProtobufTestServer, type ProtobufTestServer } from "../protocol/protobuf/server.js";
import { LineReader, jsonLines, runCli, spawnCli } from "./helpers.js";

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

  it("connects to `wps emulator` on both protobuf subprotocols: join, send, invoke", async () => {
    const emulator = spawnCli(["emulator", "--port", "0", "--echo-invoke"]);
    const out = new LineReader(emulator);
    try {
      await out.waitFor((line) => line === "Press Ctrl-C to stop.", 15_000);
      const url = /^ {2}(ws:\/\/127\.0\.0\.1:\d+\/client\/hubs\/chat\?access_token=\S+)$/m.exec(
        out.lines.join("\n"),
      )?.[1];
      expect(url).toBeDefined();
      for (const [option, subprotocol, reliable] of [
        ["protobuf-reliable", "protobuf.reliable.webpubsub.azure.v1", true],
        ["protobuf", "protobuf.webpubsub.azure.v1", false],
      ] as const) {
        const run = await runCli(["connect", url!, "--protocol", option, "--json"], {
          input: 'join room\nsend room hello\ninvoke echo {"n":1}\n',
        });
        expect(run.stderr).toBe("");
        expect(run.code).toBe(0);
        const records = jsonLines(run.stdout);
        const connected = records.find((r) => r["type"] === "connected");
        expect(connected).toBeDefined();
        // The emulator logged the subprotocol it negotiated for this connection.
        await out.waitFor(
          (line) =>
            line.includes(`connection ${String(connected!["connectionId"])} opened`) &&
            line.includes(subprotocol),
        );
        const message = records.find((r) => r["type"] === "group-message");
        expect(message).toMatchObject({ group: "room", dataType: "text", data: "hello" });
        expect("sequenceId" in message!).toBe(reliable);
        expect(records).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ type: "ok", command: "invoke", dataType: "json", data: { n: 1 } }),
          ]),
        );
      }
    } finally {
      emulator.kill("SIGINT");
    }
    const [code] = (await once(emulator, "close")) as [number | null];
    expect(code).toBe(0);
  });
});
