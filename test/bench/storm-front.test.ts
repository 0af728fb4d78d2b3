/**
 * The reconnect-storm benchmark's instrument: the counting front in front of a WebSocket service
 * (a real one, on an ephemeral port of 127.0.0.1). What the benchmark reports rests on it: one
 * attempt per upgrade request, attributed to its client, with the service's answer; resets while
 * blocked; no attempt lost to the front's own accept or connect limits when a crowd arrives.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { CountingFront, MAX_CONNECTING } from "../../bench/lib/front.js";

let http: Server;
let front: CountingFront;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  http = createServer();
  const wss = new WebSocketServer({ noServer: true });
  http.on("upgrade", (req, socket, head) => {
    if (req.url?.includes("refuse") === true) {
      socket.end("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, () => undefined);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  front = await CountingFront.start((http.address() as AddressInfo).port);
});

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await front.close();
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
});

/** Opens a WebSocket through the front; resolves "open" or the error's code. */
function attempt(query: string): Promise<string> {
  const ws = new WebSocket(`ws://127.0.0.1:${front.port}/client/hubs/h?${query}`);
  sockets.push(ws);
  return new Promise((resolve) => {
    ws.once("open", () => resolve("open"));
    ws.once("unexpected-response", (_req, res) => resolve(`HTTP ${res.statusCode}`));
    ws.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** Drains until `count` attempts have an answer (the status is filled when it arrives). */
async function drained(count: number): Promise<ReturnType<CountingFront["drain"]>["attempts"]> {
  const all: ReturnType<CountingFront["drain"]>["attempts"] = [];
  const deadline = Date.now() + 5000;
  while (all.length < count && Date.now() < deadline) {
    all.push(...front.drain().attempts);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return all;
}

describe("the counting front", () => {
  it("counts an accepted upgrade, attributed to the token's user, with the service's 101", async () => {
    front.register("tok-a", "ours-1-0");
    expect(await attempt("access_token=tok-a")).toBe("open");
    const [seen, ...more] = await drained(1);
    expect(more).toEqual([]);
    expect(seen).toMatchObject({ user: "ours-1-0", recovery: false, status: 101 });
  });

  it("records a refused upgrade's status and tells a recovery from a new connection", async () => {
    front.register("tok-b", "official-2-7");
    expect(await attempt("access_token=tok-b&awps_connection_id=c1&refuse=1")).toBe("HTTP 503");
    const [seen] = await drained(1);
    expect(seen).toMatchObject({ user: "official-2-7", recovery: true, status: 503 });
  });

  it("while blocked, resets every connection after counting it, and forwards again afterwards", async () => {
    front.register("tok-c", "ours-3-1");
    const back = front.blockFor(60_000);
    expect(back).toBeGreaterThan(performance.timeOrigin + performance.now());
    expect(await attempt("access_token=tok-c&awps_connection_id=c2")).toBe("ECONNRESET");
    expect(await drained(1)).toMatchObject([{ user: "ours-3-1", recovery: true, status: 0 }]);
    front.blockFor(0);
    expect(await attempt("access_token=tok-c")).toBe("open");
    expect(await drained(1)).toMatchObject([{ user: "ours-3-1", status: 101 }]);
  });

  it("counts a request with an unknown token as unattributed", async () => {
    expect(await attempt("access_token=nobody")).toBe("open");
    expect(await drained(1)).toMatchObject([{ user: "", status: 101 }]);
  });

  it("lets a crowd larger than its connect limit through, each counted once", async () => {
    const crowd = 3 * MAX_CONNECTING;
    for (let i = 0; i < crowd; i++) front.register(`t${i}`, `ours-4-${i}`);
    const results = await Promise.all(Array.from({ length: crowd }, (_, i) => attempt(`access_token=t${i}`)));
    expect(results.filter((r) => r !== "open")).toEqual([]);
    const seen = await drained(crowd);
    expect(seen).toHaveLength(crowd);
    expect(new Set(seen.map((a) => a.user)).size).toBe(crowd);
    expect(seen.every((a) => a.status === 101)).toBe(true);
  });
});
