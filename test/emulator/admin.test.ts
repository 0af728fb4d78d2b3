/**
 * The HTTP admin route: what it does for a caller it accepts, and whom it refuses (no or bad
 * token, a foreign Origin as a CSRF page would send, a Host that is not the emulator's as after a
 * DNS rebinding), and its parameter bounds.
 */
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { hmacKey, mintServiceToken } from "../../src/emulator/auth.js";
import type { Emulator } from "../../src/emulator/index.js";
import { refusedUpgrade, useEmulator } from "./helpers.js";

describe("admin route", () => {
  const fx = useEmulator();

  /** A bearer token for every admin call (audience `{endpoint}/admin`), as `wps token --admin` mints. */
  const rootToken = (e: Emulator, key = e.accessKey): Promise<string> =>
    mintServiceToken(hmacKey(key), `${e.endpoint}/admin`);

  async function admin(
    path: string,
    init: { method?: string; body?: string; token?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const e = fx.emu;
    const token = init.token === undefined ? await rootToken(e) : init.token;
    return fetch(`${e.endpoint}/admin/${path}`, {
      method: init.method ?? "GET",
      headers: { ...(token === null ? {} : { Authorization: `Bearer ${token}` }), ...init.headers },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
  }

  /** A raw request with a Host header of our choosing (fetch does not let us set one). */
  function withHost(host: string, path: string, token: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: fx.emu.port,
          path: `/admin/${path}`,
          headers: { Host: host, Authorization: `Bearer ${token}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end();
    });
  }

  it("lists connections and applies faults over HTTP", async () => {
    await fx.start();
    const url = await fx.url({ userId: "u", groups: ["g"] });
    const a = await fx.open({ userId: "u", groups: ["g"] });
    const b = await fx.open({ userId: "u", groups: ["g"] });
    const list = (await (await admin("connections?hub=chat")).json()) as Array<Record<string, unknown>>;
    expect(list.map((c) => c["connectionId"]).sort()).toEqual([a.connectionId, b.connectionId].sort());
    expect(list[0]).toMatchObject({
      userId: "u",
      hub: "chat",
      groups: ["g"],
      protocol: "json.reliable.webpubsub.azure.v1",
      state: "connected",
    });

    const close = await admin(`connections/${a.connectionId}/close?code=1011&reason=restart`, {
      method: "POST",
    });
    expect(close.status).toBe(204);
    expect(await a.client.closed).toEqual({ code: 1011, reason: "restart" });

    const drop = await admin(`connections/${b.connectionId}/drop`, { method: "POST" });
    expect(drop.status).toBe(204);
    expect((await b.client.closed).code).toBe(1006);

    expect((await admin(`connections/${b.connectionId}/expire`, { method: "POST" })).status).toBe(204);
    expect((await admin(`connections/${b.connectionId}/blackhole`, { method: "POST" })).status).toBe(404);
    expect(
      (
        await admin(`connections/${a.connectionId}/close`, {
          method: "POST",
          body: JSON.stringify({ code: 1006 }),
        })
      ).status,
    ).toBe(400);

    const refuse = await admin("refuse-connections", {
      method: "POST",
      body: JSON.stringify({ ms: 60_000 }),
    });
    expect(refuse.status).toBe(204);
    expect((await refusedUpgrade(url)).status).toBe(503);
  });

  it("accepts a token whose audience is the request URL, as the REST data plane does", async () => {
    const emu = await fx.start();
    const token = await mintServiceToken(hmacKey(emu.accessKey), `${emu.endpoint}/admin/connections`);
    expect((await admin("connections", { token })).status).toBe(200);
    // …and only for that URL.
    expect((await admin("refuse-connections?ms=0", { method: "POST", token })).status).toBe(401);
  });

  it("refuses requests without a token or with a bad one (401), and changes nothing", async () => {
    const emu = await fx.start();
    const { connectionId } = await fx.open();
    const attempts = [
      await admin("connections", { token: null }),
      await admin(`connections/${connectionId}/drop`, { method: "POST", token: null }),
      await admin(`connections/${connectionId}/drop`, {
        method: "POST",
        token: await rootToken(emu, "another key"),
      }),
      await admin(`connections/${connectionId}/drop`, { method: "POST", token: "garbage" }),
      await admin(`connections/${connectionId}/drop`, {
        method: "POST",
        token: await mintServiceToken(hmacKey(emu.accessKey), `${emu.endpoint}/api/hubs/chat/:send`),
      }),
      await admin(`connections/${connectionId}/drop`, {
        method: "POST",
        token: await mintServiceToken(hmacKey(emu.accessKey), `${emu.endpoint}/admin`, -5),
      }),
    ];
    expect(attempts.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(emu.connections().map((c) => c.state)).toEqual(["connected"]);
  });

  it("refuses a cross-origin POST (CSRF) with 403 even with a valid token; its own origin is fine", async () => {
    const emu = await fx.start();
    const { connectionId } = await fx.open();
    // What a page on another site can send without a preflight: a "simple" POST.
    const csrf = await admin(`connections/${connectionId}/drop`, {
      method: "POST",
      token: null,
      headers: { Origin: "http://evil.example", "Content-Type": "text/plain" },
      body: "{}",
    });
    expect(csrf.status).toBe(403);
    for (const origin of ["http://evil.example", "null", `https://127.0.0.1:${emu.port}`]) {
      const forged = await admin(`connections/${connectionId}/drop`, {
        method: "POST",
        headers: { Origin: origin },
      });
      expect(forged.status).toBe(403);
    }
    expect(emu.connections().map((c) => c.state)).toEqual(["connected"]);
    expect((await admin("connections", { headers: { Origin: emu.endpoint } })).status).toBe(200);
  });

  it("answers only to its own address or a loopback name in Host (421 otherwise: DNS rebinding)", async () => {
    const emu = await fx.start();
    const token = await rootToken(emu);
    expect(await withHost(`evil.example:${emu.port}`, "connections", token)).toBe(421);
    expect(await withHost("192.0.2.1", "connections", token)).toBe(421);
    for (const host of [`127.0.0.1:${emu.port}`, `localhost:${emu.port}`, "localhost", `[::1]:${emu.port}`]) {
      expect(await withHost(host, "connections", token)).toBe(200);
    }
  });

  it("bounds refuse-connections to 10 minutes and validates close codes (400)", async () => {
    const emu = await fx.start();
    const { connectionId } = await fx.open();
    const refuse = (ms: string) => admin(`refuse-connections?ms=${ms}`, { method: "POST" });
    for (const ms of ["1e308", "600001", "-1", "abc", "Infinity", ""]) {
      const response = await refuse(ms);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(/'ms'/);
    }
    expect((await admin("refuse-connections", { method: "POST", body: '{"ms":"5"}' })).status).toBe(204);
    expect((await refuse("600000")).status).toBe(204);
    expect((await refuse("0")).status).toBe(204);
    for (const code of ["abc", "999", "1006", "5000"]) {
      const response = await admin(`connections/${connectionId}/close?code=${code}`, { method: "POST" });
      expect(response.status).toBe(400);
    }
    const badReason = await admin(`connections/${connectionId}/close`, {
      method: "POST",
      body: JSON.stringify({ reason: 42 }),
    });
    expect(badReason.status).toBe(400);
    expect(emu.connections().map((c) => c.state)).toEqual(["connected"]);
  });

  it("is not served at all with admin: false (404)", async () => {
    await fx.start({ admin: false });
    expect((await admin("connections")).status).toBe(404);
  });
});
