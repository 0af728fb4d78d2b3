import { connect } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Emulator, EmulatorOptions } from "../../src/emulator/index.js";
import { hostileUpstreamFrame } from "../protocol/arbitraries.js";
import { ALL_ROLES, TestClient, recoveryUrl, refusedUpgrade, useEmulator, waitUntil } from "./helpers.js";

describe("bad input", () => {
  const fx = useEmulator();

  async function setup(options: EmulatorOptions = {}) {
    const emu = await fx.start(options);
    const url = await fx.url({ userId: "victim", roles: ALL_ROLES });
    const bystander = await TestClient.open(url);
    await bystander.client.request({ type: "joinGroup", group: "g", ackId: 1 });
    const attacker = await TestClient.open(url);
    const stillServing = async (): Promise<void> => {
      bystander.client.send({ type: "ping" });
      await bystander.client.next((f) => f.type === "pong");
    };
    return { emu, url, bystander, attacker, stillServing };
  }

  it("malformed JSON: system/disconnected, then 1007; the service keeps serving others", async () => {
    const { attacker, stillServing } = await setup();
    attacker.client.sendRaw("{not json");
    expect((await attacker.client.closed).code).toBe(1007);
    expect(attacker.client.received.at(-1)).toMatchObject({ type: "system", event: "disconnected" });
    await stillServing();
  });

  it("JSON that is not an object closes with 1007", async () => {
    const { attacker, stillServing } = await setup();
    attacker.client.sendRaw("[1,2,3]");
    expect((await attacker.client.closed).code).toBe(1007);
    await stillServing();
  });

  it("unknown types and missing fields without an ackId are ignored, the connection stays", async () => {
    const { attacker } = await setup();
    attacker.client.send({ type: "teleport" });
    attacker.client.send({ noType: true });
    attacker.client.send({ type: "joinGroup" });
    attacker.client.send({ type: "sendToGroup", group: "g" });
    attacker.client.send({ type: "sequenceAck", sequenceId: -5 });
    attacker.client.send({ type: "joinGroup", group: "g", ackId: "seven" });
    attacker.client.send({ type: "ping" });
    await attacker.client.next((f) => f.type === "pong");
    expect(attacker.client.received.filter((f) => f.type === "ack")).toHaveLength(0);
  });

  it("binary frames on a JSON subprotocol close with 1003", async () => {
    const { attacker, stillServing } = await setup();
    attacker.client.sendRaw(Buffer.from('{"type":"ping"}'), true);
    expect((await attacker.client.closed).code).toBe(1003);
    await stillServing();
  });

  it("invalid UTF-8 in a text frame closes with 1007", async () => {
    const { attacker, stillServing } = await setup();
    attacker.client.sendRaw(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), false);
    expect((await attacker.client.closed).code).toBe(1007);
    await stillServing();
  });

  it("a frame over 1 MiB closes with 1009 and the session is not kept", async () => {
    const { emu, attacker, stillServing } = await setup();
    attacker.client.send({
      type: "sendToGroup",
      group: "g",
      dataType: "text",
      data: "x".repeat(1024 * 1024 + 10),
    });
    expect((await attacker.client.closed).code).toBe(1009);
    await waitUntil(() => !emu.connections().some((c) => c.connectionId === attacker.connectionId));
    await stillServing();
    expect(unackedTotal(emu)).toBe(0);
  });

  it("huge but allowed frames go through", async () => {
    const { bystander, attacker } = await setup();
    await attacker.client.request({
      type: "sendToGroup",
      group: "g",
      ackId: 5,
      dataType: "text",
      data: "y".repeat(900 * 1024),
    });
    expect(((await bystander.client.message())["data"] as string).length).toBe(900 * 1024);
  });

  it("a recovery with another connection's id and the wrong token gets 1008 and none of its data", async () => {
    const { url, bystander, attacker } = await setup();
    await bystander.client.terminate();
    await attacker.client.request({
      type: "sendToGroup",
      group: "g",
      ackId: 9,
      dataType: "text",
      data: "secret",
    });
    const hijack = await TestClient.connect(
      recoveryUrl(url, bystander.connectionId, attacker.connected["reconnectionToken"] as string),
    );
    expect((await hijack.closed).code).toBe(1008);
    expect(hijack.received.some((f) => f.type === "message")).toBe(false);
  });

  it("garbage instead of HTTP gets a 400 and the service survives", async () => {
    const { emu, stillServing } = await setup();
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(emu.port, "127.0.0.1", () => socket.write("\x00\x01garbage\r\n\r\n"));
      let text = "";
      socket.on("data", (d) => (text += d.toString()));
      socket.on("close", () => resolve(text));
      socket.on("error", () => resolve(text));
    });
    expect(reply).toMatch(/400/);
    await stillServing();
  });

  it("never writes tokens to the logs", async () => {
    const { emu, url, attacker } = await setup({ logLevel: "debug" });
    const token = new URL(url).searchParams.get("access_token")!;
    const reconnectionToken = attacker.connected["reconnectionToken"] as string;
    await attacker.client.terminate();
    const recovered = await TestClient.connect(recoveryUrl(url, attacker.connectionId, reconnectionToken));
    recovered.sendRaw("{bad");
    await recovered.closed;
    await refusedUpgrade(`${url.split("?")[0]!}?access_token=${token}x`);
    await refusedUpgrade(await emu.getClientAccessUrl({ hub: "chat", expiresInMinutes: -5 }));
    await fetch(`${emu.endpoint}/api/hubs/chat/:send?api-version=2024-12-01`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}` },
      body: "x",
    });
    const lines = fx.logs.map((line) => line.message);
    expect(lines.length).toBeGreaterThan(3);
    const all = lines.join("\n");
    expect(all).not.toContain(token);
    expect(all).not.toContain(reconnectionToken);
    expect(all).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  });
});

function unackedTotal(emu: Emulator): number {
  return emu.connections().reduce((n, c) => n + c.unackedMessages, 0);
}

describe("fuzzed frames", () => {
  const fx = useEmulator();

  it("random frames never crash the service or reach other connections", async () => {
    await fx.start({ onInvoke: () => ({}) });
    const url = await fx.url({ userId: "fuzz", roles: ALL_ROLES });
    const bystander = await fx.open({ userId: "b" });
    const frames = fc.sample(hostileUpstreamFrame(), { numRuns: 300, seed: 42 });
    let client = await TestClient.connect(url);
    for (const text of frames) {
      if (client.closeCode !== undefined || client.ws.readyState !== client.ws.OPEN)
        client = await TestClient.connect(url);
      client.sendRaw(text);
    }
    bystander.client.send({ type: "ping" });
    await bystander.client.next((f) => f.type === "pong");
    // The bystander joined no group, so nothing the fuzzer sent may reach it.
    expect(bystander.client.received.filter((f) => f.type === "message")).toEqual([]);
  });
});
