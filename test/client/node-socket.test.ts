/**
 * The Node socket reads a refused upgrade the way the service wrote it: status, reason and
 * `Retry-After` (which `ws` alone drops), against the emulator over a real socket.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { JSON_RELIABLE_SUBPROTOCOL } from "../../src/protocol/messages.js";
import { createNodeSocket } from "../../src/transport/node-socket.js";
import type { SocketLike, SocketListener, UpgradeRefusal } from "../../src/transport/socket.js";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, logger: false });
});
afterAll(async () => {
  await emu.close();
});

/** Opens a socket and resolves with what it reported when it closed. */
function openAndClose(
  url: string,
): Promise<{ code: number; reason: string; refusal?: UpgradeRefusal; errors: string[] }> {
  return new Promise((resolve, reject) => {
    const errors: string[] = [];
    const timer = setTimeout(() => reject(new Error("the socket did not close within 5 s")), 5000);
    const listener: SocketListener = {
      socketOpened: (socket: SocketLike) => socket.close(1000, "unexpected open"),
      socketMessage: () => undefined,
      socketError: (_socket, message) => errors.push(message),
      socketClosed: (_socket, code, reason, refusal) => {
        clearTimeout(timer);
        resolve(refusal === undefined ? { code, reason, errors } : { code, reason, refusal, errors });
      },
    };
    createNodeSocket(url, JSON_RELIABLE_SUBPROTOCOL, listener);
  });
}

it("reports a 503 with the service's reason and its Retry-After", async () => {
  const url = await emu.getClientAccessUrl({ hub: "chat" });
  emu.faults.refuseConnections(30_000);
  try {
    const closed = await openAndClose(url);
    expect(closed.code).toBe(1006);
    expect(closed.refusal?.status).toBe(503);
    expect(closed.refusal?.reason).toMatch(/restarting/);
    // 30 s of refusal left, in whole seconds rounded down.
    expect(closed.refusal?.retryAfterMs).toBeGreaterThanOrEqual(28_000);
    expect(closed.refusal?.retryAfterMs).toBeLessThanOrEqual(30_000);
    expect(closed.errors).toEqual([
      expect.stringMatching(/^The service refused the WebSocket upgrade \(HTTP 503: /),
    ]);
  } finally {
    emu.faults.refuseConnections(0);
  }
});

it("reports a 401 without a Retry-After", async () => {
  const url = (await emu.getClientAccessUrl({ hub: "chat" })).replace(/access_token=[^&]+/, "access_token=x");
  const closed = await openAndClose(url);
  expect(closed.refusal).toMatchObject({ status: 401, reason: expect.stringMatching(/^Unauthorized/) });
  expect(closed.refusal?.retryAfterMs).toBeUndefined();
});
