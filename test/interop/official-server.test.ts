import type { OnGroupDataMessageArgs, OnServerDataMessageArgs } from "@azure/web-pubsub-client";
import { odata } from "@azure/web-pubsub";
import { describe, expect, it } from "vitest";
import { useEmulator, waitUntil } from "../emulator/helpers.js";
import { nextEvent, officialClientOn, serviceClient } from "./helpers.js";

describe("@azure/web-pubsub 1.2.0 WebPubSubServiceClient against the emulator", () => {
  const fx = useEmulator();

  /** Two connected official clients (alice, bob) plus a third (carol) in another hub. */
  async function setup() {
    const emu = await fx.start();
    const service = serviceClient(emu, "chat");
    const start = async (hub: string, userId: string) => {
      const client = officialClientOn(
        fx,
        { userId, roles: ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"] },
        {},
        hub,
      );
      const connected = nextEvent<{ connectionId: string }>(
        (h) => client.on("connected", h),
        (h) => client.off("connected", h),
      );
      await client.start();
      const { connectionId } = await connected;
      const serverMessages: unknown[] = [];
      const groupMessages: Array<{ group: string; data: unknown }> = [];
      client.on("server-message", (e: OnServerDataMessageArgs) => serverMessages.push(e.message.data));
      client.on("group-message", (e: OnGroupDataMessageArgs) =>
        groupMessages.push({ group: e.message.group, data: e.message.data }),
      );
      return { client, connectionId, serverMessages, groupMessages };
    };
    const alice = await start("chat", "alice");
    const bob = await start("chat", "bob");
    const carol = await start("other", "carol");
    return { emu, service, alice, bob, carol };
  }

  it("sendToAll reaches every connection of the hub only, with the right data types", async () => {
    const { service, alice, bob, carol } = await setup();
    await service.sendToAll({ kind: "json" });
    await service.sendToAll("plain", { contentType: "text/plain" });
    await service.sendToAll(new Uint8Array([7, 8]).buffer);
    await waitUntil(() => alice.serverMessages.length === 3 && bob.serverMessages.length === 3);
    expect(alice.serverMessages[0]).toEqual({ kind: "json" });
    expect(alice.serverMessages[1]).toBe("plain");
    expect([...new Uint8Array(alice.serverMessages[2] as ArrayBuffer)]).toEqual([7, 8]);
    expect(carol.serverMessages).toHaveLength(0);
  });

  it("sendToAll honours excluded connections and OData filters", async () => {
    const { service, alice, bob } = await setup();
    await service.sendToAll("not alice", {
      contentType: "text/plain",
      excludedConnections: [alice.connectionId],
    });
    await service.sendToAll("only alice", { contentType: "text/plain", filter: odata`userId eq ${"alice"}` });
    await waitUntil(() => bob.serverMessages.length === 1 && alice.serverMessages.length === 1);
    expect(bob.serverMessages).toEqual(["not alice"]);
    expect(alice.serverMessages).toEqual(["only alice"]);
  });

  it("sendToUser and sendToConnection reach the right client", async () => {
    const { service, alice, bob } = await setup();
    await service.sendToUser("bob", "for bob", { contentType: "text/plain" });
    await service.sendToConnection(alice.connectionId, "for alice", { contentType: "text/plain" });
    await waitUntil(() => bob.serverMessages.length === 1 && alice.serverMessages.length === 1);
    expect(bob.serverMessages).toEqual(["for bob"]);
    expect(alice.serverMessages).toEqual(["for alice"]);
  });

  it("adds and removes connections and users to and from groups, and sends to groups", async () => {
    const { service, alice, bob } = await setup();
    const team = service.group("team");
    expect(await service.groupExists("team")).toBe(false);
    await team.addConnection(alice.connectionId);
    expect(await service.groupExists("team")).toBe(true);
    await team.addUser("bob");
    await team.sendToAll("hello team", { contentType: "text/plain" });
    await waitUntil(() => alice.groupMessages.length === 1 && bob.groupMessages.length === 1);
    expect(alice.groupMessages[0]).toEqual({ group: "team", data: "hello team" });

    const members = [];
    for await (const member of await team.listConnections()) members.push(member);
    expect(members.map((m) => m.connectionId).sort()).toEqual([alice.connectionId, bob.connectionId].sort());

    await team.removeConnection(alice.connectionId);
    await team.removeUser("bob");
    expect(await service.groupExists("team")).toBe(false);
    await team.sendToAll("nobody hears", { contentType: "text/plain" });
    await service.sendToAll("probe", { contentType: "text/plain" });
    await waitUntil(() => alice.serverMessages.length === 1);
    expect(alice.groupMessages).toHaveLength(1);

    await expect(team.addConnection("no-such-connection")).rejects.toMatchObject({ statusCode: 404 });
  });

  it("pages through listConnections", async () => {
    const { service, alice } = await setup();
    const crowd = service.group("crowd");
    await crowd.addConnection(alice.connectionId);
    const extra = await Promise.all(
      [1, 2, 3, 4].map(async (i) => {
        const client = officialClientOn(fx, { userId: `extra${i}` });
        const connected = nextEvent<{ connectionId: string }>(
          (h) => client.on("connected", h),
          (h) => client.off("connected", h),
        );
        await client.start();
        return (await connected).connectionId;
      }),
    );
    for (const id of extra) await crowd.addConnection(id);
    const pages = [];
    for await (const page of (await crowd.listConnections({ maxPageSize: 2 })).byPage())
      pages.push(page.map((m) => m.connectionId));
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat().sort()).toEqual([alice.connectionId, ...extra].sort());
    const top = [];
    for await (const member of await crowd.listConnections({ maxPageSize: 2, top: 3 })) top.push(member);
    expect(top).toHaveLength(3);
  });

  it("removeConnectionFromAllGroups, removeUserFromAllGroups and addConnectionsToGroups", async () => {
    const { emu, service, alice, bob } = await setup();
    await alice.client.joinGroup("a");
    await alice.client.joinGroup("b");
    await service.removeConnectionFromAllGroups(alice.connectionId);
    expect(emu.connections("chat").find((c) => c.connectionId === alice.connectionId)?.groups).toEqual([]);
    await bob.client.joinGroup("c");
    await service.removeUserFromAllGroups("bob");
    expect(emu.connections("chat").find((c) => c.connectionId === bob.connectionId)?.groups).toEqual([]);
    await service.addConnectionsToGroups(["x", "y"], odata`userId eq ${"bob"}`);
    expect(emu.connections("chat").find((c) => c.connectionId === bob.connectionId)?.groups).toEqual([
      "x",
      "y",
    ]);
    expect(emu.connections("chat").find((c) => c.connectionId === alice.connectionId)?.groups).toEqual([]);
    await service.removeConnectionsFromGroups(["x"], odata`userId eq ${"bob"}`);
    expect(emu.connections("chat").find((c) => c.connectionId === bob.connectionId)?.groups).toEqual(["y"]);
  });

  it("connectionExists, userExists and groupExists", async () => {
    const { service, alice } = await setup();
    expect(await service.connectionExists(alice.connectionId)).toBe(true);
    expect(await service.connectionExists("nope")).toBe(false);
    expect(await service.userExists("alice")).toBe(true);
    expect(await service.userExists("carol")).toBe(false);
    await alice.client.joinGroup("g");
    expect(await service.groupExists("g")).toBe(true);
    expect(await service.groupExists("h")).toBe(false);
  });

  it("closeConnection sends the reason and ends the connection for good", async () => {
    const { emu, service, alice, bob } = await setup();
    const disconnected = nextEvent<{ message?: { message: string } }>(
      (h) => alice.client.on("disconnected", h),
      (h) => alice.client.off("disconnected", h),
    );
    await service.closeConnection(alice.connectionId, { reason: "bye alice" });
    expect((await disconnected).message?.message).toBe("bye alice");
    await waitUntil(() => !emu.connections().some((c) => c.connectionId === alice.connectionId));
    expect(await service.connectionExists(bob.connectionId)).toBe(true);
  });

  it("closeUserConnections and closeAllConnections close the right connections", async () => {
    const { emu, service, alice, bob, carol } = await setup();
    const ids = (): string[] => emu.connections().map((c) => c.connectionId);
    await service.closeUserConnections("bob", { reason: "bye bob" });
    await waitUntil(() => !ids().includes(bob.connectionId));
    expect(ids()).toContain(alice.connectionId);
    await service.closeAllConnections({ reason: "maintenance" });
    await waitUntil(() => !ids().includes(alice.connectionId));
    expect(ids()).toContain(carol.connectionId);
  });

  it("grants, checks and revokes permissions", async () => {
    const emu = await fx.start();
    const service = serviceClient(emu, "chat");
    const client = officialClientOn(fx, { userId: "p" });
    const connected = nextEvent<{ connectionId: string }>(
      (h) => client.on("connected", h),
      (h) => client.off("connected", h),
    );
    await client.start();
    const { connectionId } = await connected;
    await expect(client.joinGroup("vip")).rejects.toMatchObject({ errorDetail: { name: "Forbidden" } });
    expect(await service.hasPermission(connectionId, "joinLeaveGroup", { targetName: "vip" })).toBe(false);
    await service.grantPermission(connectionId, "joinLeaveGroup", { targetName: "vip" });
    expect(await service.hasPermission(connectionId, "joinLeaveGroup", { targetName: "vip" })).toBe(true);
    await client.joinGroup("vip");
    await service.revokePermission(connectionId, "joinLeaveGroup", { targetName: "vip" });
    await expect(client.leaveGroup("vip")).rejects.toMatchObject({ errorDetail: { name: "Forbidden" } });
  });

  it("emu.getClientAccessToken mints the same token as the SDK's getClientAccessToken", async () => {
    const emu = await fx.start();
    const service = serviceClient(emu, "chat");
    const decode = (token: string): string[] =>
      token
        .split(".")
        .slice(0, 2)
        .map((part) =>
          Buffer.from(part, "base64url")
            .toString("utf8")
            .replace(/"(iat|exp)":\d+/g, '"$1":0'),
        );
    for (const options of [
      {},
      { userId: "u1", roles: ["webpubsub.sendToGroup.g"], groups: ["g"], expiresInMinutes: 7 },
    ]) {
      const sdkOptions = {
        ...("userId" in options
          ? { userId: options.userId, roles: options.roles, groups: options.groups }
          : {}),
        ...("expiresInMinutes" in options ? { expirationTimeInMinutes: options.expiresInMinutes } : {}),
      };
      const [ours, theirs] = await Promise.all([
        emu.getClientAccessToken({ hub: "chat", ...options }),
        service.getClientAccessToken(sdkOptions),
      ]);
      expect(decode(ours.token)).toEqual(decode(theirs.token));
      expect(ours.baseUrl).toBe(theirs.baseUrl);
    }
  });

  it("getClientAccessToken URLs carry roles and groups the emulator honours", async () => {
    const emu = await fx.start();
    const service = serviceClient(emu, "chat");
    const { url, baseUrl, token } = await service.getClientAccessToken({
      userId: "z",
      groups: ["auto"],
      expirationTimeInMinutes: 5,
    });
    expect(baseUrl).toBe(`ws://127.0.0.1:${emu.port}/client/hubs/chat`);
    expect(url).toBe(`${baseUrl}?access_token=${token}`);
    const client = officialClientOn(fx, { userId: "z", groups: ["auto"] });
    await client.start();
    await waitUntil(() => emu.connections("chat").some((c) => c.userId === "z" && c.groups.includes("auto")));
  });
});
