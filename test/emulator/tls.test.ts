import { existsSync, readFileSync } from "node:fs";
import { request } from "node:https";
import WebSocket from "ws";
import { describe, expect, it } from "vitest";
import { hmacKey, mintServiceToken } from "../../src/emulator/auth.js";
import { JSON_RELIABLE_SUBPROTOCOL, useEmulator } from "./helpers.js";

describe("TLS mode", () => {
  const fx = useEmulator({ per: "file", options: { tls: true } });

  it("serves https/wss with a self-signed certificate written to disk", async () => {
    expect(fx.emu.endpoint).toBe(`https://127.0.0.1:${fx.emu.port}`);
    expect(fx.emu.connectionString).toContain(`Endpoint=https://127.0.0.1:${fx.emu.port};`);
    expect(fx.emu.tls?.certPath).toBeDefined();
    expect(readFileSync(fx.emu.tls!.certPath!, "utf8")).toBe(fx.emu.tls!.cert);
    const url = await fx.emu.getClientAccessUrl({ hub: "chat", userId: "secure" });
    expect(url.startsWith(`wss://127.0.0.1:${fx.emu.port}/client/hubs/chat?`)).toBe(true);

    // Trusting the generated certificate (as NODE_EXTRA_CA_CERTS would) is enough: it names 127.0.0.1.
    const ws = new WebSocket(url, JSON_RELIABLE_SUBPROTOCOL, { ca: fx.emu.tls!.cert });
    const first = await new Promise<string>((resolve, reject) => {
      ws.once("message", (data) => resolve((data as Buffer).toString()));
      ws.once("error", reject);
    });
    expect(JSON.parse(first)).toMatchObject({ event: "connected", userId: "secure" });
    ws.close(1000);
  });

  it("serves the REST data plane over https", async () => {
    const url = `${fx.emu.endpoint}/api/hubs/chat/users/nobody?api-version=2024-12-01`;
    const token = await mintServiceToken(hmacKey(fx.emu.accessKey), url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        url,
        { method: "HEAD", ca: fx.emu.tls!.cert, headers: { Authorization: `Bearer ${token}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(404);
  });

  it("deletes the generated certificate when it closes", async () => {
    const certPath = fx.emu.tls?.certPath;
    expect(certPath).toBeDefined();
    await fx.emu.close();
    expect(existsSync(certPath!)).toBe(false);
  });
});
