import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import {
  audienceMatches,
  hmacKey,
  mintClientToken,
  mintServiceToken,
  sameHost,
  verifyClientToken,
  verifyServiceToken,
} from "../../src/emulator/auth.js";
import { DEFAULT_ACCESS_KEY } from "../../src/emulator/index.js";

const key = hmacKey(DEFAULT_ACCESS_KEY);
const rule = { path: "/client/hubs/chat", hosts: ["127.0.0.1:8080"] };
const audience = "http://127.0.0.1:8080/client/hubs/chat";

async function sign(
  claims: Record<string, unknown>,
  options: { aud?: string; exp?: number; sub?: string; k?: Uint8Array; alg?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setExpirationTime(options.exp ?? now + 3600)
    .setAudience(options.aud ?? audience);
  if (options.sub !== undefined) jwt.setSubject(options.sub);
  return jwt.sign(options.k ?? key);
}

describe("client tokens", () => {
  it("mints the same claims as @azure/web-pubsub's getClientAccessToken", async () => {
    const token = await mintClientToken(key, {
      audience,
      userId: "alice",
      roles: ["webpubsub.joinLeaveGroup"],
      groups: ["g"],
      expiresInMinutes: 5,
    });
    const [header, payload] = token
      .split(".")
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, "base64url").toString()) as Record<string, unknown>);
    expect(header).toEqual({ alg: "HS256", typ: "JWT" });
    expect(payload).toMatchObject({
      aud: audience,
      sub: "alice",
      role: ["webpubsub.joinLeaveGroup"],
      "webpubsub.group": ["g"],
    });
    expect((payload!["exp"] as number) - (payload!["iat"] as number)).toBe(300);
  });

  it("omits sub, role and group when not given, and defaults to one hour", async () => {
    const token = await mintClientToken(key, { audience });
    const payload = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as Record<
      string,
      unknown
    >;
    expect(Object.keys(payload).sort()).toEqual(["aud", "exp", "iat"]);
    expect((payload["exp"] as number) - (payload["iat"] as number)).toBe(3600);
  });

  it("verifies a minted token and reads its claims", async () => {
    const token = await mintClientToken(key, {
      audience,
      userId: "bob",
      roles: ["r1", "r2"],
      groups: ["a", "b"],
    });
    const result = await verifyClientToken(token, key, rule);
    expect(result).toEqual({
      ok: true,
      value: {
        userId: "bob",
        roles: ["r1", "r2"],
        groups: ["a", "b"],
        // Every claim as a list of strings, as a connect event handler receives them.
        claims: {
          aud: [audience],
          sub: ["bob"],
          role: ["r1", "r2"],
          "webpubsub.group": ["a", "b"],
          iat: [expect.stringMatching(/^\d+$/)],
          exp: [expect.stringMatching(/^\d+$/)],
        },
      },
    });
  });

  it("accepts role and webpubsub.group as single strings (.NET-style tokens)", async () => {
    const token = await sign({ role: "webpubsub.sendToGroup", "webpubsub.group": "lobby" });
    const result = await verifyClientToken(token, key, rule);
    expect(result).toEqual({
      ok: true,
      value: {
        userId: null,
        roles: ["webpubsub.sendToGroup"],
        groups: ["lobby"],
        claims: expect.objectContaining({ role: ["webpubsub.sendToGroup"], "webpubsub.group": ["lobby"] }),
      },
    });
  });

  it("refuses a token signed with another key", async () => {
    const token = await sign({}, { k: hmacKey("another key") });
    const result = await verifyClientToken(token, key, rule);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/signature/);
  });

  it("refuses an expired token, honouring the clock tolerance", async () => {
    const token = await sign({}, { exp: Math.floor(Date.now() / 1000) - 60 });
    const result = await verifyClientToken(token, key, rule);
    expect(!result.ok && result.reason).toMatch(/expired/);
    expect((await verifyClientToken(token, key, rule, 300)).ok).toBe(true);
  });

  it("refuses a token for another hub or host", async () => {
    const other = await sign({}, { aud: "http://127.0.0.1:8080/client/hubs/other" });
    expect((await verifyClientToken(other, key, rule)).ok).toBe(false);
    const otherHost = await sign({}, { aud: "http://example.com:8080/client/hubs/chat" });
    expect((await verifyClientToken(otherHost, key, rule)).ok).toBe(false);
  });

  it("refuses a token that never expires", async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setAudience(audience)
      .sign(key);
    const result = await verifyClientToken(token, key, rule);
    expect(result).toEqual({ ok: false, reason: "the token has no 'exp' claim (a token must expire)" });
    expect((await verifyServiceToken(token, key, rule)).ok).toBe(false);
  });

  it("refuses garbage, alg none and malformed claims", async () => {
    expect((await verifyClientToken("not.a.jwt", key, rule)).ok).toBe(false);
    expect((await verifyClientToken("", key, rule)).ok).toBe(false);
    const none = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${Buffer.from(JSON.stringify({ aud: audience })).toString("base64url")}.`;
    expect((await verifyClientToken(none, key, rule)).ok).toBe(false);
    const badRole = await sign({ role: 42 });
    expect((await verifyClientToken(badRole, key, rule)).ok).toBe(false);
  });
});

describe("audiences", () => {
  it("accepts case differences, a trailing slash, ws schemes and loopback aliases", () => {
    expect(audienceMatches("HTTP://127.0.0.1:8080/Client/Hubs/CHAT/", rule)).toBe(true);
    expect(audienceMatches("ws://127.0.0.1:8080/client/hubs/chat", rule)).toBe(true);
    expect(audienceMatches("http://localhost:8080/client/hubs/chat", rule)).toBe(true);
    expect(audienceMatches("http://localhost:8081/client/hubs/chat", rule)).toBe(false);
    expect(audienceMatches("ftp://127.0.0.1:8080/client/hubs/chat", rule)).toBe(false);
    expect(audienceMatches("nonsense", rule)).toBe(false);
  });

  it("compares group, user and connection names exactly, and the hub without case", () => {
    const at = (path: string) => ({ path, hosts: ["127.0.0.1:8080"] });
    const aud = (path: string) => `http://127.0.0.1:8080${path}`;
    expect(
      audienceMatches(aud("/api/hubs/chat/groups/Admins/:send"), at("/api/hubs/chat/groups/admins/:send")),
    ).toBe(false);
    expect(
      audienceMatches(aud("/api/hubs/chat/users/Alice/:send"), at("/api/hubs/chat/users/alice/:send")),
    ).toBe(false);
    expect(audienceMatches(aud("/api/hubs/chat/connections/AbC"), at("/api/hubs/chat/connections/abc"))).toBe(
      false,
    );
    expect(
      audienceMatches(aud("/api/hubs/Chat/groups/Admins/:send"), at("/api/hubs/chat/groups/Admins/:send")),
    ).toBe(true);
    expect(
      audienceMatches(aud("/API/Hubs/chat/Users/Alice/Groups/G"), at("/api/hubs/chat/users/Alice/groups/G")),
    ).toBe(true);
    // A percent-encoded slash stays inside its segment.
    expect(
      audienceMatches(aud("/api/hubs/chat/groups/a%2Fb/:send"), at("/api/hubs/chat/groups/a/b/:send")),
    ).toBe(false);
  });

  it("treats loopback names as one host", () => {
    expect(sameHost("localhost:1", "127.0.0.1:1")).toBe(true);
    expect(sameHost("[::1]:1", "localhost:1")).toBe(true);
    expect(sameHost("example.com:1", "127.0.0.1:1")).toBe(false);
  });

  it("accepts REST audiences with and without the query, and URL-decoded", async () => {
    const restRule = { path: "/api/hubs/chat/groups/a b/:send", hosts: ["127.0.0.1:8080"] };
    for (const aud of [
      "http://127.0.0.1:8080/api/hubs/chat/groups/a%20b/:send?api-version=2024-12-01",
      "http://127.0.0.1:8080/api/hubs/chat/groups/a%20b/:send",
      "http://127.0.0.1:8080/api/hubs/chat/groups/a b/:send",
    ]) {
      const token = await mintServiceToken(key, aud);
      expect((await verifyServiceToken(token, key, restRule)).ok).toBe(true);
    }
    const wrong = await mintServiceToken(key, "http://127.0.0.1:8080/api/hubs/chat/:send");
    expect((await verifyServiceToken(wrong, key, restRule)).ok).toBe(false);
  });
});
