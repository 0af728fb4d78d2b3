/** `await using emu = await startEmulator()`: leaving the scope closes the emulator. */
import { describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import { startTestEmulator, TestClient } from "./helpers.js";

describe("the emulator handle is async-disposable", () => {
  it("closes its connections (1001) and stops listening at the end of an `await using` scope", async () => {
    let endpoint: string;
    let client: TestClient;
    let disposed: Emulator;
    {
      await using emu = await startTestEmulator();
      disposed = emu;
      endpoint = emu.endpoint;
      ({ client } = await TestClient.open(await emu.getClientAccessUrl({ hub: "chat", userId: "a" })));
      expect(emu.connections("chat")).toHaveLength(1);
    }
    expect((await client.closed).code).toBe(1001);
    await expect(fetch(`${endpoint}/api/health`, { method: "HEAD" })).rejects.toThrow();
    // Disposing again (or closing after disposal) is harmless: it is the same close.
    await expect(disposed[Symbol.asyncDispose]()).resolves.toBeUndefined();
  });
});
