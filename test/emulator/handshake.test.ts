import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { hmacKey } from "../../src/emulator/auth.js";
import {
  JSON_RELIABLE_SUBPROTOCOL,
  JSON_SUBPROTOCOL,
  TestClient,
  refusedUpgrade,
  useEmulator,
} from "./helpers.js";

describe("handshake", () => {
  const fx = useEmulator({ per: "file" });

  it("exposes the endpoint and a connection string with the development key", () => {
    expect(fx.emu.endpoint).toBe(`http://127.0.0.1:${fx.emu.port}`);
    expect(fx.emu.connectionString).toBe(
      `Endpoint=http://127.0.0.1:${fx.emu.port};AccessKey=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH;Version=1.0;`,
    );
  });

  it("mints ws:// client URLs for /client/hubs/{hub}", async () => {
    const url = await fx.emu.getClientAccessUrl({ hub: "chat" });
    expect(url).toMatch(
      new RegExp(
        `^ws://127\\.0\\.0\\.1:${fx.emu.port}/client/hubs/chat\\?access_token=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`,
      ),
    );
  });

  it("echoes the reliable subprotocol and sends connected with a reconnection token", async () => {
    const { client, connected } = await fx.open({ userId: "alice" });
    expect(client.ws.protocol).toBe(JSON_RELIABLE_SUBPROTOCOL);
    expect(connected).toMatchObject({ type: "system", event: "connected", userId: "alice" });
    expect(connected["connectionId"]).toMatch(/^[0-9a-f]{32}$/);
    expect(typeof connected["reconnectionToken"]).toBe("string");
    expect(client.received[0]).toBe(connected);
    await client.close();
  });

  it("echoes the plain subprotocol and sends no reconnection token", async () => {
    const { client, connected } = await fx.open({ protocol: JSON_SUBPROTOCOL });
    expect(client.ws.protocol).toBe(JSON_SUBPROTOCOL);
    expect(connected).not.toHaveProperty("reconnectionToken");
    await client.close();
  });

  it("sends an empty userId for anonymous connections", async () => {
    const { client, connected } = await fx.open();
    expect(connected["userId"]).toBe("");
    await client.close();
  });

  it("picks the first supported subprotocol the client offers", async () => {
    const url = await fx.url();
    const client = await TestClient.connect(url, ["mqtt.v5", JSON_SUBPROTOCOL, JSON_RELIABLE_SUBPROTOCOL]);
    expect(client.ws.protocol).toBe(JSON_SUBPROTOCOL);
    await client.close();
  });

  it("refuses an unknown subprotocol no connect handler chose, with a clear reason", async () => {
    const url = await fx.url();
    const unknown = await refusedUpgrade(url, "custom.subprotocol.v1");
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain("json.reliable.webpubsub.azure.v1");
    expect(unknown.body).toContain("protobuf.reliable.webpubsub.azure.v1");
    expect(unknown.body).toContain("a custom subprotocol needs a connect event handler that chooses it");
  });

  it("accepts /client/?hub= and case-insensitive hub names", async () => {
    const token = new URL(await fx.emu.getClientAccessUrl({ hub: "Chat" })).searchParams.get("access_token")!;
    const { client, connectionId } = await TestClient.open(
      `ws://127.0.0.1:${fx.emu.port}/client/?hub=CHAT&access_token=${token}`,
    );
    expect(fx.emu.connections("chat").map((c) => c.connectionId)).toContain(connectionId);
    expect(fx.emu.connections("CHAT").find((c) => c.connectionId === connectionId)?.hub).toBe("chat");
    await client.close();
  });

  it("accepts the token in an Authorization header", async () => {
    const { token, baseUrl } = await fx.emu.getClientAccessToken({ hub: "chat", userId: "hdr" });
    const ws = await import("ws");
    const socket = new ws.WebSocket(baseUrl, JSON_RELIABLE_SUBPROTOCOL, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const frame = await new Promise<string>((resolve, reject) => {
      socket.once("message", (data) => resolve((data as Buffer).toString()));
      socket.once("error", reject);
    });
    expect(JSON.parse(frame)).toMatchObject({ event: "connected", userId: "hdr" });
    socket.close(1000);
  });

  it("joins the token's groups on connect", async () => {
    const { client, connectionId } = await fx.open({ groups: ["a", "b"] });
    expect(fx.emu.connections().find((c) => c.connectionId === connectionId)?.groups).toEqual(["a", "b"]);
    await client.close();
  });

  it("refuses with 401 and a reason: no token, bad signature, expired, wrong hub, forged", async () => {
    const base = `ws://127.0.0.1:${fx.emu.port}/client/hubs/chat`;
    const before = fx.emu.connections().length;
    const missing = await refusedUpgrade(base);
    expect(missing.status).toBe(401);
    expect(missing.body).toMatch(/no access token/);

    const forged = await new SignJWT({ role: ["webpubsub.sendToGroup"] })
      .setProtectedHeader({ alg: "HS256" })
      .setAudience(`http://127.0.0.1:${fx.emu.port}/client/hubs/chat`)
      .setExpirationTime("1h")
      .sign(hmacKey("not the key"));
    const bad = await refusedUpgrade(`${base}?access_token=${forged}`);
    expect(bad.status).toBe(401);
    expect(bad.body).toMatch(/signature/);

    const expired = await fx.url({ expiresInMinutes: -1 });
    const old = await refusedUpgrade(expired);
    expect(old.status).toBe(401);
    expect(old.body).toMatch(/expired/);

    const otherHub = new URL(await fx.emu.getClientAccessUrl({ hub: "other" })).searchParams.get(
      "access_token",
    )!;
    const wrongHub = await refusedUpgrade(`${base}?access_token=${otherHub}`);
    expect(wrongHub.status).toBe(401);
    expect(wrongHub.body).toMatch(/audience/);

    const garbage = await refusedUpgrade(`${base}?access_token=garbage`);
    expect(garbage.status).toBe(401);
    expect(fx.emu.connections().length).toBe(before);
  });

  it("refuses a token without exp (the service requires one) and takes the hub's case as the service does", async () => {
    const base = `ws://127.0.0.1:${fx.emu.port}/client/hubs/chat`;
    const forever = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuedAt()
      .setAudience(`http://127.0.0.1:${fx.emu.port}/client/hubs/chat`)
      .sign(hmacKey(fx.emu.accessKey));
    const refused = await refusedUpgrade(`${base}?access_token=${forever}`);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatch(/no 'exp' claim/);

    // Hub names are case-insensitive: a token for "Chat" opens "chat" (and is the same hub).
    const upper = new URL(await fx.emu.getClientAccessUrl({ hub: "Chat" })).searchParams.get("access_token")!;
    const { client, connected } = await TestClient.open(`${base}?access_token=${upper}`);
    expect(connected).toMatchObject({ event: "connected" });
    await client.close();
  });

  it("refuses unknown paths and invalid hub names", async () => {
    const url = new URL(await fx.url());
    expect((await refusedUpgrade(`ws://127.0.0.1:${fx.emu.port}/elsewhere${url.search}`)).status).toBe(404);
    expect((await refusedUpgrade(`ws://127.0.0.1:${fx.emu.port}/client/hubs/9bad${url.search}`)).status).toBe(
      400,
    );
    expect((await refusedUpgrade(`ws://127.0.0.1:${fx.emu.port}/client/${url.search}`)).status).toBe(400);
  });

  it("answers plain HTTP on /client with 426 and / with an info page", async () => {
    expect((await fetch(`${fx.emu.endpoint}/client/hubs/chat`)).status).toBe(426);
    const root = await fetch(`${fx.emu.endpoint}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toMatch(/emulator/);
  });
});
