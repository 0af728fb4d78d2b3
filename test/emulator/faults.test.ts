import { describe, expect, it } from "vitest";
import { ALL_ROLES, TestClient, recoveryUrl, refusedUpgrade, useEmulator, waitUntil } from "./helpers.js";

describe("fault injection", () => {
  const fx = useEmulator();

  async function connect() {
    const emu = await fx.start();
    const url = await fx.url({ userId: "u", roles: ALL_ROLES });
    const opened = await TestClient.open(url);
    const state = (): string | undefined =>
      emu.connections().find((c) => c.connectionId === opened.connectionId)?.state;
    return { ...opened, url, state, emu };
  }

  it("drop destroys the socket without a close frame and keeps the session recoverable", async () => {
    const { client, connectionId, connected, url, state, emu } = await connect();
    expect(emu.faults.drop(connectionId)).toBe(true);
    expect((await client.closed).code).toBe(1006);
    expect(client.received.some((f) => f["event"] === "disconnected")).toBe(false);
    await waitUntil(() => state() === "recovering");
    const recovered = await TestClient.connect(
      recoveryUrl(url, connectionId, connected["reconnectionToken"] as string),
    );
    recovered.send({ type: "ping" });
    await recovered.next((f) => f.type === "pong");
  });

  it("close sends system/disconnected then the code; 1011 keeps the session, 1000 ends it", async () => {
    const { client, connectionId, state, emu } = await connect();
    emu.faults.close(connectionId, 1011, "service restart");
    expect(await client.closed).toEqual({ code: 1011, reason: "service restart" });
    expect(client.received.at(-1)).toEqual({
      type: "system",
      event: "disconnected",
      message: "service restart",
    });
    await waitUntil(() => state() === "recovering");

    const other = await fx.open();
    emu.faults.close(other.connectionId);
    expect((await other.client.closed).code).toBe(1000);
    expect(emu.connections().some((c) => c.connectionId === other.connectionId)).toBe(false);
  });

  it("blackhole stops reading and writing but keeps the socket open", async () => {
    const { client, connectionId, state, emu } = await connect();
    await client.request({ type: "joinGroup", group: "g", ackId: 1 });
    emu.faults.blackhole(connectionId);
    expect(state()).toBe("blackholed");
    client.send({ type: "ping" });
    const sender = await fx.open({ roles: ALL_ROLES });
    await sender.client.request({
      type: "sendToGroup",
      group: "g",
      ackId: 1,
      dataType: "text",
      data: "lost?",
    });
    await expect(client.next((f) => f.type === "pong" || f.type === "message", 200)).rejects.toThrow(
      /timed out/,
    );
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    expect(emu.connections().find((c) => c.connectionId === connectionId)?.unackedMessages).toBe(1);
  });

  it("expire drops the socket and forgets the session: recovery gets 1008", async () => {
    const { client, connectionId, connected, url, emu } = await connect();
    expect(emu.faults.expire(connectionId)).toBe(true);
    expect((await client.closed).code).toBe(1006);
    expect(emu.connections()).toHaveLength(0);
    const recovered = await TestClient.connect(
      recoveryUrl(url, connectionId, connected["reconnectionToken"] as string),
    );
    expect((await recovered.closed).code).toBe(1008);
  });

  it("refuseConnections refuses upgrades with 503 for a while", async () => {
    const emu = await fx.start();
    const url = await fx.url();
    emu.faults.refuseConnections(60_000);
    expect((await refusedUpgrade(url)).status).toBe(503);
    emu.faults.refuseConnections(0);
    const { client } = await TestClient.open(url);
    await client.close();
  });

  it("reports unknown connections and refuses invalid close codes", async () => {
    const { connectionId, emu } = await connect();
    expect(emu.faults.drop("nope")).toBe(false);
    expect(emu.faults.close("nope")).toBe(false);
    expect(emu.faults.blackhole("nope")).toBe(false);
    expect(emu.faults.expire("nope")).toBe(false);
    expect(() => emu.faults.close(connectionId, 1006)).toThrow(RangeError);
    expect(() => emu.faults.refuseConnections(-1)).toThrow(RangeError);
  });
});
