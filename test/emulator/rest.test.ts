import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { hmacKey, mintServiceToken, verifyClientToken } from "../../src/emulator/auth.js";
import { ALL_ROLES, restCall, useEmulator } from "./helpers.js";
import type { RestInit } from "./helpers.js";

describe("REST data plane (raw HTTP)", () => {
  const fx = useEmulator({ per: "file", options: { limits: { maxRestBodyBytes: 1024 } } });

  const call = (method: string, path: string, init: RestInit = {}) => restCall(fx.emu, method, path, init);

  it("answers the health probe without authentication", async () => {
    expect((await call("HEAD", "/api/health", { token: null })).status).toBe(200);
  });

  it("refuses missing, forged, expired and misdirected bearer tokens with 401", async () => {
    expect((await call("POST", "/api/hubs/chat/:send", { token: null, body: "x" })).status).toBe(401);
    const forged = await mintServiceToken(hmacKey("wrong"), `${fx.emu.endpoint}/api/hubs/chat/:send`);
    const bad = await call("POST", "/api/hubs/chat/:send", { token: forged, body: "x" });
    expect(bad).toMatchObject({ status: 401, errorCode: "Unauthorized" });
    expect(JSON.parse(bad.text)).toMatchObject({
      code: "Unauthorized",
      message: expect.stringMatching(/signature/) as unknown,
    });
    const expired = await mintServiceToken(
      hmacKey(fx.emu.accessKey),
      `${fx.emu.endpoint}/api/hubs/chat/:send`,
      -5,
    );
    expect((await call("POST", "/api/hubs/chat/:send", { token: expired, body: "x" })).status).toBe(401);
    const elsewhere = await mintServiceToken(
      hmacKey(fx.emu.accessKey),
      `${fx.emu.endpoint}/api/hubs/other/:send`,
    );
    expect((await call("POST", "/api/hubs/chat/:send", { token: elsewhere, body: "x" })).status).toBe(401);
  });

  it("takes group and user names in the audience exactly, and the hub without case", async () => {
    const key = hmacKey(fx.emu.accessKey);
    const forGroup = await mintServiceToken(key, `${fx.emu.endpoint}/api/hubs/chat/groups/Admins/:send`);
    const other = await call("POST", "/api/hubs/chat/groups/admins/:send", { token: forGroup, body: "x" });
    expect(other.status).toBe(401);
    expect(other.text).toMatch(/audience/);
    const same = await call("POST", "/api/hubs/chat/groups/Admins/:send", { token: forGroup, body: "x" });
    expect(same.status).toBe(202);
    const forUser = await mintServiceToken(key, `${fx.emu.endpoint}/api/hubs/chat/users/Alice/:send`);
    expect(
      (await call("POST", "/api/hubs/chat/users/alice/:send", { token: forUser, body: "x" })).status,
    ).toBe(401);
    const upperHub = await mintServiceToken(key, `${fx.emu.endpoint}/api/hubs/CHAT/groups/Admins/:send`);
    expect(
      (await call("POST", "/api/hubs/chat/groups/Admins/:send", { token: upperHub, body: "x" })).status,
    ).toBe(202);
  });

  it("refuses a bearer token without exp", async () => {
    const url = `${fx.emu.endpoint}/api/hubs/chat/:send`;
    const forever = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setAudience(url)
      .sign(hmacKey(fx.emu.accessKey));
    const result = await call("POST", "/api/hubs/chat/:send", { token: forever, body: "x" });
    expect(result.status).toBe(401);
    expect(result.text).toMatch(/no 'exp' claim/);
  });

  it("maps Content-Type to dataType", async () => {
    const { client } = await fx.open({ roles: ALL_ROLES });
    expect(
      (await call("POST", "/api/hubs/chat/:send", { body: "hi", contentType: "text/plain; charset=utf-8" }))
        .status,
    ).toBe(202);
    expect(
      (await call("POST", "/api/hubs/chat/:send", { body: '"hi"', contentType: "application/json" })).status,
    ).toBe(202);
    expect(
      (
        await call("POST", "/api/hubs/chat/:send", {
          body: "\u0001\u0002",
          contentType: "application/octet-stream",
        })
      ).status,
    ).toBe(202);
    expect(await client.message()).toMatchObject({ from: "server", dataType: "text", data: "hi" });
    expect(await client.message()).toMatchObject({ from: "server", dataType: "json", data: "hi" });
    expect(await client.message()).toMatchObject({ from: "server", dataType: "binary", data: "AQI=" });
    await client.close();
  });

  it("answers 400 for invalid JSON bodies, filters and names, 413 for big bodies", async () => {
    expect(
      (await call("POST", "/api/hubs/chat/:send", { body: "{", contentType: "application/json" })).status,
    ).toBe(400);
    expect(
      (
        await call("POST", "/api/hubs/chat/:send?filter=userId%20eq", {
          body: "x",
          contentType: "text/plain",
        })
      ).status,
    ).toBe(400);
    expect((await call("POST", "/api/hubs/9chat/:send", { body: "x" })).status).toBe(400);
    expect(
      (
        await call("POST", "/api/hubs/chat/:addToGroups", {
          body: '{"groups":5}',
          contentType: "application/json",
        })
      ).status,
    ).toBe(400);
    expect((await call("PUT", "/api/hubs/chat/permissions/admin/connections/c", {})).status).toBe(400);
    expect(
      (await call("POST", "/api/hubs/chat/:send", { body: "x".repeat(2048), contentType: "text/plain" }))
        .status,
    ).toBe(413);
  });

  it("answers 404 for unknown paths and 405 for wrong methods", async () => {
    expect((await call("GET", "/api/hubs/chat/nothing/here")).status).toBe(404);
    expect((await call("GET", "/api/hubs/chat/:send")).status).toBe(405);
    expect((await call("POST", "/api/hubs/chat/connections/x")).status).toBe(405);
  });

  it("returns the documented statuses for existence checks and idempotent deletes", async () => {
    expect((await call("HEAD", "/api/hubs/chat/connections/none")).status).toBe(404);
    expect((await call("HEAD", "/api/hubs/chat/groups/none")).status).toBe(404);
    expect((await call("HEAD", "/api/hubs/chat/users/none")).status).toBe(404);
    expect((await call("DELETE", "/api/hubs/chat/connections/none")).status).toBe(204);
    expect((await call("DELETE", "/api/hubs/chat/groups/g/connections/none")).status).toBe(204);
    expect((await call("PUT", "/api/hubs/chat/groups/g/connections/none")).status).toBe(404);
    expect((await call("POST", "/api/hubs/chat/connections/none/:send", { body: "x" })).status).toBe(202);
    expect((await call("PUT", "/api/hubs/chat/users/u/groups/g")).status).toBe(200);
    expect((await call("DELETE", "/api/hubs/chat/users/u/groups")).status).toBe(204);
  });

  it("generates client tokens for TokenCredential users", async () => {
    const result = await call(
      "POST",
      "/api/hubs/chat/:generateToken?userId=zed&role=webpubsub.sendToGroup&group=a&group=b&minutesToExpire=5",
    );
    expect(result.status).toBe(200);
    const { token } = JSON.parse(result.text) as { token: string };
    const verified = await verifyClientToken(token, hmacKey(fx.emu.accessKey), {
      path: "/client/hubs/chat",
      hosts: [`127.0.0.1:${fx.emu.port}`],
    });
    expect(verified).toEqual({
      ok: true,
      value: {
        userId: "zed",
        roles: ["webpubsub.sendToGroup"],
        groups: ["a", "b"],
        claims: expect.objectContaining({ sub: ["zed"], "webpubsub.group": ["a", "b"] }),
      },
    });
  });
});
