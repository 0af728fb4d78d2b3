import { describe, expect, it } from "vitest";
import { ALL_ROLES, JSON_RELIABLE_SUBPROTOCOL, JSON_SUBPROTOCOL, useEmulator } from "./helpers.js";

describe("client messages", () => {
  const fx = useEmulator();

  it("joinGroup and sendToGroup deliver to members with sender, group and payload", async () => {
    await fx.start();
    const { client: a } = await fx.open({ userId: "alice", roles: ALL_ROLES });
    const { client: b } = await fx.open({ userId: "bob", roles: ALL_ROLES });
    expect(await a.request({ type: "joinGroup", group: "room", ackId: 1 })).toEqual({
      type: "ack",
      ackId: 1,
      success: true,
    });
    await b.request({ type: "joinGroup", group: "room", ackId: 1 });
    expect(
      await b.request({ type: "sendToGroup", group: "room", ackId: 2, dataType: "json", data: { n: 1 } }),
    ).toMatchObject({ success: true });
    for (const client of [a, b]) {
      expect(await client.message()).toEqual({
        sequenceId: 1,
        type: "message",
        from: "group",
        group: "room",
        fromUserId: "bob",
        dataType: "json",
        data: { n: 1 },
      });
    }
  });

  it("carries text, binary and protobuf payloads unchanged", async () => {
    await fx.start();
    const { client } = await fx.open({ userId: "u", roles: ALL_ROLES, protocol: JSON_SUBPROTOCOL });
    await client.request({ type: "joinGroup", group: "g", ackId: 1 });
    client.send({ type: "sendToGroup", group: "g", dataType: "text", data: "héllo" });
    client.send({ type: "sendToGroup", group: "g", dataType: "binary", data: "AAEC/w==" });
    client.send({ type: "sendToGroup", group: "g", dataType: "protobuf", data: "CgNhYmM=" });
    expect(await client.message()).toMatchObject({ dataType: "text", data: "héllo" });
    expect(await client.message()).toMatchObject({ dataType: "binary", data: "AAEC/w==" });
    const last = await client.message();
    expect(last).toMatchObject({ dataType: "protobuf", data: "CgNhYmM=" });
    expect(last).not.toHaveProperty("sequenceId");
    // JSON always travels in text frames (the official client cannot parse binary ones).
    expect(client.binaryFrames).toBe(0);
  });

  it("noEcho skips the sender only", async () => {
    await fx.start();
    const { client: a } = await fx.open({ userId: "a", roles: ALL_ROLES });
    const { client: b } = await fx.open({ userId: "b", roles: ALL_ROLES });
    await a.request({ type: "joinGroup", group: "g", ackId: 1 });
    await b.request({ type: "joinGroup", group: "g", ackId: 1 });
    await a.request({ type: "sendToGroup", group: "g", ackId: 2, noEcho: true, dataType: "text", data: "1" });
    await a.request({
      type: "sendToGroup",
      group: "g",
      ackId: 3,
      noEcho: false,
      dataType: "text",
      data: "2",
    });
    expect((await b.message())["data"]).toBe("1");
    expect((await b.message())["data"]).toBe("2");
    expect((await a.message())["data"]).toBe("2");
    expect(a.inbox.filter((f) => f.type === "message")).toHaveLength(0);
  });

  it("leaveGroup stops delivery", async () => {
    await fx.start();
    const { client: a } = await fx.open({ userId: "a", roles: ALL_ROLES });
    const { client: b } = await fx.open({ userId: "b", roles: ALL_ROLES });
    await a.request({ type: "joinGroup", group: "g", ackId: 1 });
    await a.request({ type: "leaveGroup", group: "g", ackId: 2 });
    await b.request({ type: "sendToGroup", group: "g", ackId: 1, dataType: "text", data: "x" });
    await a.request({ type: "joinGroup", group: "probe", ackId: 3 });
    await b.request({ type: "sendToGroup", group: "probe", ackId: 2, dataType: "text", data: "after" });
    expect((await a.message())["data"]).toBe("after");
  });

  it("omits fromUserId for anonymous senders", async () => {
    await fx.start();
    const { client } = await fx.open({ roles: ALL_ROLES });
    await client.request({ type: "joinGroup", group: "g", ackId: 1 });
    client.send({ type: "sendToGroup", group: "g", dataType: "text", data: "x" });
    expect(await client.message()).not.toHaveProperty("fromUserId");
  });

  it("answers Forbidden without the role, per group and for wildcards", async () => {
    await fx.start();
    const { client } = await fx.open({
      userId: "u",
      roles: ["webpubsub.joinLeaveGroup.allowed", "webpubsub.sendToGroups.news.*"],
    });
    expect(await client.request({ type: "joinGroup", group: "other", ackId: 1 })).toMatchObject({
      success: false,
      error: { name: "Forbidden" },
    });
    expect(await client.request({ type: "joinGroup", group: "allowed", ackId: 2 })).toMatchObject({
      success: true,
    });
    expect(
      await client.request({ type: "sendToGroup", group: "allowed", ackId: 3, dataType: "text", data: "x" }),
    ).toMatchObject({ error: { name: "Forbidden" } });
    expect(
      await client.request({
        type: "sendToGroup",
        group: "news.today",
        ackId: 4,
        dataType: "text",
        data: "x",
      }),
    ).toMatchObject({ success: true });
    expect(
      await client.request({ type: "sendToGroup", group: "news.a.b", ackId: 5, dataType: "text", data: "x" }),
    ).toMatchObject({ error: { name: "Forbidden" } });
  });

  it("answers Duplicate for an ackId that already succeeded, checked before permissions", async () => {
    await fx.start();
    const { client: a } = await fx.open({ userId: "a", roles: ALL_ROLES });
    const { client: b } = await fx.open({ userId: "b", roles: ALL_ROLES });
    await b.request({ type: "joinGroup", group: "g", ackId: 1 });
    await a.request({ type: "sendToGroup", group: "g", ackId: 7, dataType: "text", data: "once" });
    expect(
      await a.request({ type: "sendToGroup", group: "g", ackId: 7, dataType: "text", data: "once" }),
    ).toEqual({
      type: "ack",
      ackId: 7,
      success: false,
      error: { name: "Duplicate", message: "Message with ack-id: 7 has been processed" },
    });
    expect((await b.message())["data"]).toBe("once");
    await b.request({ type: "sendToGroup", group: "g", ackId: 2, dataType: "text", data: "marker" });
    expect((await b.message())["data"]).toBe("marker");
    // The same ackId on another connection is not a duplicate.
    expect(await b.request({ type: "joinGroup", group: "x", ackId: 7 })).toMatchObject({ success: true });
  });

  it("does not record failed ackIds, so a retry with the same id can succeed", async () => {
    await fx.start();
    const { client } = await fx.open({ userId: "u", roles: [] });
    expect(await client.request({ type: "joinGroup", group: "g", ackId: 1 })).toMatchObject({
      error: { name: "Forbidden" },
    });
    expect(await client.request({ type: "joinGroup", group: "g", ackId: 1 })).toMatchObject({
      error: { name: "Forbidden" },
    });
  });

  it("answers BadRequest for invalid requests that carry an ackId", async () => {
    await fx.start();
    const { client } = await fx.open({ userId: "u", roles: ALL_ROLES });
    expect(await client.request({ type: "joinGroup", ackId: 1 })).toMatchObject({
      success: false,
      error: { name: "BadRequest" },
    });
    expect(
      await client.request({
        type: "sendToGroup",
        group: "g",
        ackId: 2,
        dataType: "binary",
        data: "not base64!",
      }),
    ).toMatchObject({ error: { name: "BadRequest" } });
    expect(await client.request({ type: "streamData", ackId: 3 })).toMatchObject({
      error: { name: "BadRequest", message: expect.stringMatching(/streamData/) as unknown },
    });
    expect(
      await client.request({ type: "event", event: "e", ackId: 4, dataType: "json", data: null }),
    ).toMatchObject({ error: { name: "BadRequest" } });
  });

  it("acks events by default and passes them to onEvent", async () => {
    const seen: unknown[] = [];
    await fx.start({
      onEvent: (request) => {
        seen.push(request);
        if (request.event === "deny") return { error: { name: "Forbidden", message: "not today" } };
        if (request.event === "boom") throw new Error("kaput");
        return undefined;
      },
    });
    const { client, connectionId } = await fx.open({ userId: "alice", roles: [] });
    expect(
      await client.request({ type: "event", event: "hello", ackId: 1, dataType: "binary", data: "AQID" }),
    ).toMatchObject({ success: true });
    expect(seen[0]).toMatchObject({
      hub: "chat",
      connectionId,
      userId: "alice",
      event: "hello",
      dataType: "binary",
      ackId: 1,
      data: new Uint8Array([1, 2, 3]),
    });
    expect(
      await client.request({ type: "event", event: "deny", ackId: 2, dataType: "text", data: "x" }),
    ).toMatchObject({ error: { name: "Forbidden", message: "not today" } });
    expect(
      await client.request({ type: "event", event: "boom", ackId: 3, dataType: "text", data: "x" }),
    ).toMatchObject({ error: { name: "InternalServerError" } });
    expect(
      await client.request({ type: "event", event: "hello", ackId: 1, dataType: "text", data: "x" }),
    ).toMatchObject({ error: { name: "Duplicate" } });
  });

  it("acks events without a handler, awaiting async handlers", async () => {
    await fx.start({
      onEvent: async () => new Promise((resolve) => setImmediate(() => resolve(undefined))),
    });
    const { client } = await fx.open({ userId: "u", roles: [] });
    expect(await client.request({ type: "event", event: "x", ackId: 9, data: { a: 1 } })).toMatchObject({
      success: true,
    });
  });

  it("answers ping with pong and accepts any sequenceAck", async () => {
    await fx.start();
    const { client } = await fx.open({ roles: ALL_ROLES });
    client.send({ type: "sequenceAck", sequenceId: 0 });
    client.send({ type: "sequenceAck", sequenceId: 12345 });
    client.send({ type: "ping" });
    expect(await client.next((f) => f.type === "pong")).toEqual({ type: "pong" });
  });

  it("answers invoke with an error when no handler is set", async () => {
    await fx.start();
    const { client } = await fx.open({ roles: ALL_ROLES });
    client.send({
      type: "invoke",
      invocationId: "1",
      target: "event",
      event: "echo",
      dataType: "text",
      data: "x",
    });
    const response = await client.next((f) => f.type === "invokeResponse");
    expect(response).toMatchObject({
      invocationId: "1",
      success: false,
      error: { name: "BadRequest", message: expect.stringMatching(/no invoke handler/i) as unknown },
    });
  });

  it("answers invoke with the handler's result or error", async () => {
    await fx.start({
      onInvoke: (request) => {
        if (request.event === "fail") return { error: { name: "Nope", message: "no" } };
        if (request.event === "bytes") return { dataType: "binary", data: new Uint8Array([9, 8]) };
        if (request.event === "empty") return {};
        return { dataType: "json", data: { echo: request.data, user: request.userId } };
      },
    });
    const { client } = await fx.open({ userId: "alice", roles: ALL_ROLES });
    client.send({
      type: "invoke",
      invocationId: "a",
      target: "event",
      event: "echo",
      dataType: "json",
      data: [1],
    });
    expect(await client.next((f) => f.type === "invokeResponse" && f["invocationId"] === "a")).toEqual({
      type: "invokeResponse",
      invocationId: "a",
      success: true,
      dataType: "json",
      data: { echo: [1], user: "alice" },
    });
    client.send({ type: "invoke", invocationId: "b", event: "fail" });
    expect(await client.next((f) => f["invocationId"] === "b")).toMatchObject({
      success: false,
      error: { name: "Nope" },
    });
    client.send({ type: "invoke", invocationId: "c", event: "bytes" });
    expect(await client.next((f) => f["invocationId"] === "c")).toMatchObject({
      success: true,
      dataType: "binary",
      data: "CQg=",
    });
    client.send({ type: "invoke", invocationId: "d", event: "empty" });
    expect(await client.next((f) => f["invocationId"] === "d")).toEqual({
      type: "invokeResponse",
      invocationId: "d",
      success: true,
    });
    client.send({ type: "invoke", invocationId: "e", event: "bad name!" });
    expect(await client.next((f) => f["invocationId"] === "e")).toMatchObject({
      success: false,
      error: { name: "BadRequest" },
    });
  });

  it("cancelInvocation aborts the handler and answers with a cancellation", async () => {
    let aborted = false;
    await fx.start({
      onInvoke: (request) =>
        new Promise((resolve) => {
          request.signal.addEventListener("abort", () => {
            aborted = true;
            resolve({ dataType: "text", data: "too late" });
          });
        }),
    });
    const { client } = await fx.open({ roles: ALL_ROLES });
    client.send({ type: "invoke", invocationId: "slow", event: "wait" });
    client.send({ type: "cancelInvocation", invocationId: "slow" });
    expect(await client.next((f) => f.type === "invokeResponse")).toMatchObject({
      invocationId: "slow",
      success: false,
      error: { name: "Cancelled" },
    });
    expect(aborted).toBe(true);
    client.send({ type: "ping" });
    await client.next((f) => f.type === "pong");
    expect(client.received.filter((f) => f.type === "invokeResponse")).toHaveLength(1);
  });

  it("fans a group message out to 100 receivers", async () => {
    await fx.start();
    const clients = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const { client } = await fx.open({
          userId: `u${i}`,
          roles: ALL_ROLES,
          protocol: i % 2 === 0 ? JSON_RELIABLE_SUBPROTOCOL : JSON_SUBPROTOCOL,
        });
        await client.request({ type: "joinGroup", group: "all", ackId: 1 });
        return client;
      }),
    );
    await clients[0]!.request({ type: "sendToGroup", group: "all", ackId: 2, dataType: "text", data: "fan" });
    const messages = await Promise.all(clients.map((c) => c.message()));
    expect(messages.every((m) => m["data"] === "fan")).toBe(true);
    expect(messages.filter((m) => m["sequenceId"] === 1)).toHaveLength(50);
    await Promise.all(clients.map((c) => c.close()));
  });
});
