/**
 * Our client on the protobuf subprotocols and the official `@azure/web-pubsub-client` 1.1.0 (JSON,
 * unchanged) in one group of the emulator: text, json, binary and protobuf payloads both ways, as
 * the service's protobuf docs describe the crossing (a protobuf `Any` reaches JSON clients as
 * `dataType: "protobuf"` with its serialized bytes; JSON clients are told the sender, protobuf
 * clients are not).
 */
import type { OnGroupDataMessageArgs } from "@azure/web-pubsub-client";
import { describe, expect, it } from "vitest";
import { WebPubSubClient } from "../../src/client.js";
import type { GroupDataMessage, JSONTypes, WebPubSubDataType } from "../../src/protocol/messages.js";
import {
  WebPubSubProtobufProtocol,
  WebPubSubProtobufReliableProtocol,
} from "../../src/protocol/protobuf-protocol.js";
import { useEmulator, waitUntil } from "../emulator/helpers.js";
import { officialClientOn } from "./helpers.js";

const roles = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"];
/** A serialized google.protobuf.Any { type_url: "type.googleapis.com/t", value: 2a }. */
const ANY = Uint8Array.from([
  0x0a,
  0x15,
  ...new TextEncoder().encode("type.googleapis.com/t"),
  0x12,
  0x01,
  0x2a,
]).buffer;

const PAYLOADS: ReadonlyArray<readonly [WebPubSubDataType, JSONTypes | ArrayBuffer]> = [
  ["text", "héllo 🌍"],
  ["json", { list: [1, "two", null, { deep: true }] }],
  ["binary", new Uint8Array([0, 1, 2, 255]).buffer],
  ["protobuf", ANY],
];

describe.each([
  ["protobuf.reliable", WebPubSubProtobufReliableProtocol],
  ["protobuf", WebPubSubProtobufProtocol],
] as const)("our client on %s and the official JSON client in one group", (_name, protocol) => {
  const fx = useEmulator();

  it("exchange text, json, binary and protobuf payloads both ways", async () => {
    const emu = await fx.start();
    const official = officialClientOn(fx, { userId: "official", roles });
    const ours = new WebPubSubClient(
      { getClientAccessUrl: () => emu.getClientAccessUrl({ hub: "chat", userId: "ours", roles }) },
      { protocol: protocol() },
    );
    fx.defer(() => ours.stop());
    const atOfficial: Array<OnGroupDataMessageArgs["message"]> = [];
    const atOurs: GroupDataMessage[] = [];
    official.on("group-message", (e) => atOfficial.push(e.message));
    ours.on("group-message", (e) => atOurs.push(e.message));
    await official.start();
    await ours.start();
    await official.joinGroup("mixed");
    await ours.joinGroup("mixed");

    for (const [dataType, data] of PAYLOADS)
      await ours.sendToGroup("mixed", data, dataType, { noEcho: true });
    for (const [dataType, data] of PAYLOADS)
      await official.sendToGroup("mixed", data, dataType, { noEcho: true });
    await waitUntil(() => atOfficial.length === PAYLOADS.length && atOurs.length === PAYLOADS.length);

    // Protobuf → JSON: the official client is told the sender; a protobuf payload arrives as the
    // serialized Any's bytes.
    expect(atOfficial.map((m) => [m.dataType, m.data])).toEqual(PAYLOADS.map(([t, d]) => [t, d]));
    expect(atOfficial.every((m) => m.group === "mixed" && m.fromUserId === "ours")).toBe(true);
    // JSON → protobuf: the same payloads, and no sender (the subprotocol has no field for it).
    expect(atOurs.map((m) => [m.dataType, m.data])).toEqual(PAYLOADS.map(([t, d]) => [t, d]));
    expect(atOurs.every((m) => m.group === "mixed" && m.fromUserId === undefined)).toBe(true);
    expect(
      emu
        .connections()
        .map((c) => c.protocol)
        .sort(),
    ).toEqual(["json.reliable.webpubsub.azure.v1", protocol().name].sort());
  });
});
