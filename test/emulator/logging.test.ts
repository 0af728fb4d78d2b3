import { describe, expect, it } from "vitest";
import type { LogLevel } from "../../src/emulator/index.js";
import { redact } from "../../src/emulator/logger.js";
import { useEmulator } from "./helpers.js";

describe("logs", () => {
  const fx = useEmulator();

  async function logged(level: LogLevel): Promise<string[]> {
    await fx.start({ logLevel: level });
    const { client } = await fx.open({ userId: "alice", roles: ["webpubsub.joinLeaveGroup"] });
    await client.request({ type: "joinGroup", group: "room", ackId: 1 });
    await client.request({ type: "sendToGroup", group: "room", ackId: 2, dataType: "text", data: "hello" });
    await client.request({ type: "event", event: "typing", ackId: 3, dataType: "json", data: { x: 1 } });
    return fx.logs.map((line) => line.message);
  }

  it("at info, one readable line per application request, and the refusals with their reason", async () => {
    const lines = await logged("info");
    const id = /connection (\w+) opened: hub 'chat', user 'alice'/.exec(lines.join("\n"))?.[1];
    expect(id).toBeDefined();
    expect(lines).toContain(`connection ${id} (alice): joinGroup 'room' (ackId 1)`);
    expect(lines).toContain(`connection ${id} (alice): sendToGroup 'room': text "hello" (ackId 2)`);
    expect(lines).toContain(`connection ${id} (alice): event 'typing': json "{\\"x\\":1}" (ackId 3)`);
    expect(lines).toContain(
      `connection ${id}: ackId 2 failed: Forbidden: The connection has no permission to send to group 'room'`,
    );
  });

  it("at warn (the library default), says nothing about requests", async () => {
    const lines = await logged("warn");
    expect(lines.filter((line) => line.includes("sendToGroup"))).toEqual([]);
  });
});

describe("redaction", () => {
  it("removes tokens from URLs and headers", () => {
    const text = redact(
      "GET /client/hubs/h?access_token=eyJabc.def.ghi&awps_reconnection_token=secret Authorization: Bearer abc.def",
    );
    expect(text).not.toMatch(/eyJabc|secret|abc\.def/);
    expect(text).toContain("access_token=[REDACTED]");
  });
});
