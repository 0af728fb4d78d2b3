import type { OnConnectedArgs, OnDisconnectedArgs, OnGroupDataMessageArgs } from "@azure/web-pubsub-client";
import { SendMessageError } from "@azure/web-pubsub-client";
import { WebPubSubJsonProtocol } from "@azure/web-pubsub-client";
import { describe, expect, it } from "vitest";
import { useEmulator, waitUntil } from "../emulator/helpers.js";
import { nextEvent, officialClientOn, serviceClient } from "./helpers.js";

type Client = ReturnType<typeof officialClientOn>;

describe("@azure/web-pubsub-client 1.1.0 against the emulator", () => {
  const fx = useEmulator();
  const logs = (): string[] => fx.logs.map((line) => line.message);

  async function setup() {
    const emu = await fx.start({ logLevel: "info" });
    const service = serviceClient(emu, "chat");
    const make = (
      token: Parameters<typeof officialClientOn>[1] = {},
      options: Parameters<typeof officialClientOn>[2] = {},
    ): Client => officialClientOn(fx, token, options);
    return { emu, service, make };
  }

  const connected = (client: Client): Promise<OnConnectedArgs> =>
    nextEvent<OnConnectedArgs>(
      (h) => client.on("connected", h),
      (h) => client.off("connected", h),
    );

  const roles = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"];

  it("connects, joins, sends and receives", async () => {
    const { make } = await setup();
    const alice = make({ userId: "alice", roles });
    const bob = make({ userId: "bob", roles });
    const aliceConnected = connected(alice);
    await alice.start();
    expect(await aliceConnected).toMatchObject({ userId: "alice" });
    await bob.start();
    await alice.joinGroup("room");
    await bob.joinGroup("room");
    const received = nextEvent<OnGroupDataMessageArgs>(
      (h) => alice.on("group-message", h),
      (h) => alice.off("group-message", h),
    );
    const result = await bob.sendToGroup("room", { hello: "world" }, "json");
    expect(result.isDuplicated).toBe(false);
    expect((await received).message).toMatchObject({
      group: "room",
      fromUserId: "bob",
      dataType: "json",
      data: { hello: "world" },
      sequenceId: 1,
    });

    const binary = nextEvent<OnGroupDataMessageArgs>(
      (h) => alice.on("group-message", h),
      (h) => alice.off("group-message", h),
    );
    await bob.sendToGroup("room", new Uint8Array([1, 2, 3]).buffer, "binary");
    const bytes = (await binary).message.data as ArrayBuffer;
    expect([...new Uint8Array(bytes)]).toEqual([1, 2, 3]);
    await alice.sendEvent("ping", "x", "text");
  });

  it("works on the non-reliable protocol too", async () => {
    const { make } = await setup();
    const client = make({ roles }, { protocol: WebPubSubJsonProtocol() });
    await client.start();
    await client.joinGroup("g");
    const received = nextEvent<OnGroupDataMessageArgs>(
      (h) => client.on("group-message", h),
      (h) => client.off("group-message", h),
    );
    await client.sendToGroup("g", "hi", "text");
    expect((await received).message).toMatchObject({ data: "hi" });
  });

  it("recovers after faults.drop with no message lost or duplicated", async () => {
    const { emu, make } = await setup();
    const receiver = make({ userId: "rx", roles });
    const sender = make({ userId: "tx", roles });
    const seen: number[] = [];
    receiver.on("group-message", (e) => seen.push(e.message.data as number));
    let connectedCount = 0;
    receiver.on("connected", () => connectedCount++);
    const firstConnection = connected(receiver);
    await receiver.start();
    const { connectionId } = await firstConnection;
    await sender.start();
    await receiver.joinGroup("g");

    const total = 60;
    for (let i = 1; i <= total; i++) {
      await sender.sendToGroup("g", i, "json", { noEcho: true });
      if (i === 20 || i === 40) emu.faults.drop(connectionId);
    }
    await waitUntil(() => seen.length >= total, 10_000, "all messages");
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(connectedCount).toBe(1);
    expect(logs().filter((line) => line.includes(`connection ${connectionId} recovered`))).toHaveLength(2);
    expect(emu.connections().find((c) => c.userId === "rx")?.connectionId).toBe(connectionId);
  });

  it("recovers after a service restart close (1011) and after upgrades were refused for a while", async () => {
    const { emu, make } = await setup();
    const receiver = make({ userId: "rx", roles });
    const sender = make({ userId: "tx", roles });
    const seen: string[] = [];
    receiver.on("group-message", (e) => seen.push(e.message.data as string));
    const first = connected(receiver);
    await receiver.start();
    const { connectionId } = await first;
    await sender.start();
    await receiver.joinGroup("g");

    emu.faults.close(connectionId, 1011, "service restart");
    await sender.sendToGroup("g", "during restart", "text", { noEcho: true });
    await waitUntil(() => seen.length === 1, 5000, "replayed message");

    // Recovery retries every second while upgrades are refused, then succeeds.
    emu.faults.refuseConnections(600);
    emu.faults.drop(connectionId);
    await sender.sendToGroup("g", "while refused", "text", { noEcho: true });
    await waitUntil(() => seen.length === 2, 8000, "message after refusal");
    expect(seen).toEqual(["during restart", "while refused"]);
    expect(emu.connections().find((c) => c.userId === "rx")?.connectionId).toBe(connectionId);
  });

  it("reconnects with a new connection and rejoins its groups after faults.expire", async () => {
    const { emu, make } = await setup();
    const receiver = make({ userId: "rx", roles });
    const sender = make({ userId: "tx", roles });
    const first = connected(receiver);
    await receiver.start();
    const { connectionId } = await first;
    await sender.start();
    await receiver.joinGroup("g");

    const disconnected = nextEvent<OnDisconnectedArgs>(
      (h) => receiver.on("disconnected", h),
      (h) => receiver.off("disconnected", h),
    );
    const second = connected(receiver);
    emu.faults.expire(connectionId);
    await disconnected;
    const reconnected = await second;
    expect(reconnected.connectionId).not.toBe(connectionId);
    await waitUntil(
      () =>
        emu
          .connections()
          .find((c) => c.connectionId === reconnected.connectionId)
          ?.groups.includes("g") === true,
    );

    const received = nextEvent<OnGroupDataMessageArgs>(
      (h) => receiver.on("group-message", h),
      (h) => receiver.off("group-message", h),
    );
    await sender.sendToGroup("g", "after expire", "text", { noEcho: true });
    expect((await received).message.data).toBe("after expire");
  });

  it("gets SendMessageError with Forbidden without the role", async () => {
    const { make } = await setup();
    const client = make({ userId: "u" });
    await client.start();
    const error = await client.sendToGroup("g", "x", "text").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendMessageError);
    expect((error as SendMessageError).errorDetail).toMatchObject({ name: "Forbidden" });
    await expect(client.joinGroup("g")).rejects.toMatchObject({ errorDetail: { name: "Forbidden" } });
  });

  it("gets isDuplicated for a repeated ackId", async () => {
    const { make } = await setup();
    const client = make({ roles });
    await client.start();
    expect(await client.sendToGroup("g", "x", "text", { ackId: 42 })).toEqual({
      ackId: 42,
      isDuplicated: false,
    });
    expect(await client.sendToGroup("g", "x", "text", { ackId: 42 })).toEqual({
      ackId: 42,
      isDuplicated: true,
    });
    expect((await client.sendEvent("e", "x", "text", { ackId: 43 })).isDuplicated).toBe(false);
  });

  it("invokeEvent reaches onInvoke", async () => {
    await fx.start({ onInvoke: (r) => ({ dataType: "text", data: `hello ${String(r.data)}` }) });
    const client = officialClientOn(fx);
    await client.start();
    expect(await client.invokeEvent("greet", "world", "text")).toMatchObject({
      dataType: "text",
      data: "hello world",
    });
  });
});
