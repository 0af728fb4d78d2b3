/**
 * Message metadata (client `sendToGroup`/`event`, REST `X-WebPubSub-Metadata-*`) carried to JSON
 * and protobuf receivers and through a reliable replay, with the limits checked; `ttlSeconds` and
 * `messageTtlSeconds` validated (0–300); REST errors as JSON bodies that name the bad filter.
 */
import { describe, expect, it } from "vitest";
import { PROTOBUF_RELIABLE_SUBPROTOCOL } from "../../src/protocol/messages.js";
import { serviceClient } from "../interop/helpers.js";
import { ALL_ROLES, TestClient, recoveryUrl, restCall, useEmulator, waitUntil } from "./helpers.js";

describe("message metadata and TTLs", () => {
  const fx = useEmulator({ per: "file" });

  it("carries a client sendToGroup's metadata to JSON receivers", async () => {
    const { client: receiver } = await TestClient.open(await fx.url({ groups: ["m1"] }));
    const { client: sender } = await TestClient.open(await fx.url({ roles: [...ALL_ROLES], userId: "s" }));
    const ack = await sender.request({
      type: "sendToGroup",
      group: "m1",
      dataType: "text",
      data: "x",
      metadata: { trace: "t-1", "Content-Kind": "note" },
      ttlSeconds: 300,
      ackId: 1,
    });
    expect(ack).toMatchObject({ success: true });
    expect(await receiver.message()).toEqual({
      sequenceId: 1,
      type: "message",
      from: "group",
      group: "m1",
      fromUserId: "s",
      dataType: "text",
      data: "x",
      metadata: { trace: "t-1", "Content-Kind": "note" },
    });
    await Promise.all([receiver.close(), sender.close()]);
  });

  it("carries REST X-WebPubSub-Metadata-* headers (keys lower-cased) and keeps metadata through a reliable replay", async () => {
    const url = await fx.url({ groups: ["m2"] });
    const { client, connected, connectionId } = await TestClient.open(url);
    const sent = await restCall(fx.emu, "POST", "/api/hubs/chat/groups/m2/:send?messageTtlSeconds=0", {
      body: '{"n":1}',
      contentType: "application/json",
      headers: { "X-WebPubSub-Metadata-Source": "rest" },
    });
    expect(sent.status).toBe(202);
    expect(await client.message()).toMatchObject({ data: { n: 1 }, metadata: { source: "rest" } });
    // Not acked: the message is replayed on recovery, metadata and all.
    await client.terminate();
    await waitUntil(
      () => fx.emu.connections().find((c) => c.connectionId === connectionId)?.state === "recovering",
    );
    const again = await TestClient.connect(
      recoveryUrl(url, connectionId, connected["reconnectionToken"] as string),
    );
    expect(await again.message()).toMatchObject({
      sequenceId: 1,
      data: { n: 1 },
      metadata: { source: "rest" },
    });
    await again.close();
  });

  it("carries metadata to protobuf receivers as the service's DataMessage field 5, through a reliable replay too", async () => {
    const url = await fx.url({ groups: ["m4"] });
    const {
      client: receiver,
      connected,
      connectionId,
    } = await TestClient.open(url, PROTOBUF_RELIABLE_SUBPROTOCOL);
    const { client: sender } = await TestClient.open(await fx.url({ roles: [...ALL_ROLES], userId: "s" }));
    const ack = await sender.request({
      type: "sendToGroup",
      group: "m4",
      dataType: "text",
      data: "x",
      metadata: { trace: "t-1", "Content-Kind": "note" },
      ackId: 1,
    });
    expect(ack).toMatchObject({ success: true });
    const sent = await restCall(fx.emu, "POST", "/api/hubs/chat/groups/m4/:send", {
      body: "y",
      contentType: "text/plain",
      headers: { "X-WebPubSub-Metadata-Source": "rest" },
    });
    expect(sent.status).toBe(202);
    const first = [
      { type: "message", from: "group", group: "m4", dataType: "text", data: "x", sequenceId: 1 },
      { type: "message", from: "group", group: "m4", dataType: "text", data: "y", sequenceId: 2 },
    ];
    const metadata = [{ trace: "t-1", "Content-Kind": "note" }, { source: "rest" }];
    const expected = first.map((frame, i) => ({ ...frame, metadata: metadata[i] }));
    expect([await receiver.message(), await receiver.message()]).toEqual(expected);
    // Not acked: both are replayed on recovery, metadata and all.
    await receiver.terminate();
    await waitUntil(
      () => fx.emu.connections().find((c) => c.connectionId === connectionId)?.state === "recovering",
    );
    const again = await TestClient.connect(
      recoveryUrl(url, connectionId, connected["reconnectionToken"] as string),
      PROTOBUF_RELIABLE_SUBPROTOCOL,
    );
    expect([await again.message(), await again.message()]).toEqual(expected);
    await Promise.all([again.close(), sender.close()]);
  });

  it("refuses metadata past the limits, and ttlSeconds outside 0–300, with a BadRequest ack that says why", async () => {
    const { client } = await TestClient.open(await fx.url({ roles: [...ALL_ROLES] }));
    const send = (ackId: number, extra: Record<string, unknown>) =>
      client.request({ type: "sendToGroup", group: "m3", dataType: "text", data: "x", ackId, ...extra });
    const reason = async (ackId: number, extra: Record<string, unknown>) => {
      const ack = await send(ackId, extra);
      expect(ack).toMatchObject({ success: false, error: { name: "BadRequest" } });
      return (ack["error"] as { message: string }).message;
    };
    expect(await reason(1, { metadata: { "a b": "x" } })).toMatch(/must be an ASCII token/);
    expect(await reason(2, { metadata: { k: 1 } })).toMatch(/must be a string/);
    expect(await reason(3, { metadata: { k: "v".repeat(1025) } })).toMatch(/longer than 1024 bytes/);
    expect(await reason(4, { metadata: { ["k".repeat(257)]: "v" } })).toMatch(/longer than 256 bytes/);
    const many = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, "v".repeat(1000)]));
    expect(await reason(5, { metadata: many })).toMatch(/larger than 8192 bytes/);
    expect(await reason(6, { metadata: ["x"] })).toMatch(/must be an object/);
    expect(await reason(7, { ttlSeconds: 301 })).toMatch(/'ttlSeconds' must be an integer from 0 to 300/);
    expect(await reason(8, { ttlSeconds: -1 })).toMatch(/ttlSeconds/);
    expect(await reason(9, { ttlSeconds: 1.5 })).toMatch(/ttlSeconds/);
    expect(await send(10, { ttlSeconds: 0, metadata: { ok: "yes" } })).toMatchObject({ success: true });
    await client.close();
  });

  it("REST: messageTtlSeconds outside 0–300 and bad metadata headers are 400s with a JSON reason", async () => {
    const ttl = await restCall(fx.emu, "POST", "/api/hubs/chat/:send?messageTtlSeconds=301", {
      body: "x",
      contentType: "text/plain",
    });
    expect(ttl.status).toBe(400);
    expect(JSON.parse(ttl.text)).toEqual({
      code: "InvalidRequest",
      message: "'messageTtlSeconds' must be an integer from 0 to 300, got '301'",
    });
    const header = await restCall(fx.emu, "POST", "/api/hubs/chat/users/u/:send", {
      body: "x",
      contentType: "text/plain",
      headers: { "X-WebPubSub-Metadata-Big": "v".repeat(1025) },
    });
    expect(header.status).toBe(400);
    expect(JSON.parse(header.text).message).toMatch(
      /^Invalid metadata header: metadata 'big' is longer than 1024 bytes/,
    );
  });

  it("REST: an invalid filter is a 400 with a JSON body naming it, on a group send too (even to an empty group); the server SDK reads it", async () => {
    const group = await restCall(
      fx.emu,
      "POST",
      `/api/hubs/nohub/groups/empty/:send?filter=${encodeURIComponent("userId eq")}`,
      {
        body: "x",
        contentType: "text/plain",
      },
    );
    expect(group.status).toBe(400);
    expect(JSON.parse(group.text)).toEqual({
      code: "InvalidRequest",
      message: "Invalid filter 'userId eq': unexpected end of filter",
    });
    const service = serviceClient(fx.emu, "chat");
    const error = await service
      .group("nobody-here")
      .sendToAll("x", { filter: "groups has 'x'" })
      .catch((e: unknown) => e as { name: string; statusCode: number; message: string });
    // The SDK's RestError carries the body's message: the JSON body parsed.
    expect(error).toMatchObject({ name: "RestError", statusCode: 400 });
    expect((error as { message: string }).message).toContain("Invalid filter 'groups has 'x''");
  });
});
