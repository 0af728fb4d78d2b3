/**
 * Event handlers, against a fake app server that records what the emulator sends: abuse
 * protection, the CloudEvents headers and signature, `connect` (its body, refusals, what its
 * answer changes), `connected`/`disconnected`, user events and their answers, connection state,
 * metadata, retries, timeouts, recovery, and how handlers and the `onEvent`/`onInvoke` hooks
 * share the work.
 */
import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { EmulatorOptions, EventHandlerSettings } from "../../src/emulator/index.js";
import { answering, startHandlerServer, isEvent } from "./handler-server.js";
import type { FakeHandlerServer, RecordedRequest } from "./handler-server.js";
import {
  JSON_RELIABLE_SUBPROTOCOL,
  TestClient,
  recoveryUrl,
  refusedUpgrade,
  useEmulator,
  waitUntil,
} from "./helpers.js";

const ALL_SYSTEM: EventHandlerSettings["systemEvents"] = ["connect", "connected", "disconnected"];

describe("event handlers (CloudEvents over HTTP)", () => {
  const fx = useEmulator();
  let app: FakeHandlerServer | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  /** An emulator whose hub `chat` sends everything to the fake app server. */
  async function start(options: EmulatorOptions = {}, handler: Partial<EventHandlerSettings> = {}) {
    app ??= await startHandlerServer();
    return fx.start({
      logLevel: "info",
      hubs: {
        chat: {
          eventHandlers: [
            {
              urlTemplate: `${app.url}/eventhandler/{hub}/{event}`,
              systemEvents: ALL_SYSTEM,
              eventPattern: "*",
              ...handler,
            },
          ],
        },
      },
      eventHandlerPolicy: { retryDelaysMs: [10, 20], timeoutMs: 2000 },
      ...options,
    });
  }

  const header = (request: RecordedRequest, name: string): string | undefined => {
    const value = request.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(", ") : value;
  };

  it("validates the handler first (OPTIONS, WebHook-Request-Origin), then sends connect with CloudEvents headers and the signature", async () => {
    app = await startHandlerServer();
    const emu = await start();
    const url = `${await fx.url({ userId: "alice" })}&extra=1`;
    const { client, connectionId } = await TestClient.open(url);

    const validation = app.requests[0]!;
    expect(validation.method).toBe("OPTIONS");
    expect(validation.path).toBe("/eventhandler/chat/validate");
    expect(header(validation, "WebHook-Request-Origin")).toBe(`127.0.0.1:${emu.port}`);
    expect(header(validation, "ce-awpsversion")).toBe("1.0");

    const connect = await app.next(isEvent("connect"));
    expect(connect.path).toBe("/eventhandler/chat/connect");
    expect(connect.headers).toMatchObject({
      "content-type": "application/json",
      "webhook-request-origin": `127.0.0.1:${emu.port}`,
      "ce-specversion": "1.0",
      "ce-awpsversion": "1.0",
      "ce-type": "azure.webpubsub.sys.connect",
      "ce-source": `/hubs/chat/client/${connectionId}`,
      "ce-hub": "chat",
      "ce-connectionid": connectionId,
      "ce-eventname": "connect",
      "ce-userid": "alice",
      "ce-signature": `sha256=${createHmac("sha256", emu.accessKey).update(connectionId).digest("hex")}`,
    });
    expect(Number.isNaN(Date.parse(header(connect, "ce-time") ?? ""))).toBe(false);
    const body = JSON.parse(connect.body.toString()) as Record<string, Record<string, string[]>>;
    expect(body["claims"]!["sub"]).toEqual(["alice"]);
    expect(body["query"]).toEqual({ extra: ["1"] }); // never the access token
    expect(body["headers"]!["authorization"]).toBeUndefined();
    expect(body["headers"]!["host"]).toEqual([`127.0.0.1:${emu.port}`]);
    expect(body["subprotocols"]).toEqual([JSON_RELIABLE_SUBPROTOCOL]);
    expect(body["clientCertificates"]).toEqual([]);

    const connected = await app.next(isEvent("connected"));
    expect(connected.headers).toMatchObject({
      "ce-type": "azure.webpubsub.sys.connected",
      "ce-subprotocol": JSON_RELIABLE_SUBPROTOCOL,
    });
    expect(connected.body.toString()).toBe("{}");
    expect(header(connected, "ce-id")).not.toBe(header(connect, "ce-id"));
    // Validated once: the second event needed no new OPTIONS.
    expect(app.requests.filter((r) => r.method === "OPTIONS")).toHaveLength(1);
    await client.close();
  });

  it("sends no event to a handler that does not allow the emulator's origin: the upgrade is refused and the log says why", async () => {
    app = await startHandlerServer((r) =>
      r.method === "OPTIONS" ? { headers: { "WebHook-Allowed-Origin": "elsewhere.example:443" } } : {},
    );
    await start();
    const refused = await refusedUpgrade(await fx.url());
    expect(refused.status).toBe(500);
    expect(refused.body).toContain("WebHook-Allowed-Origin is 'elsewhere.example:443'");
    expect(app.requests.filter((r) => r.method === "POST")).toEqual([]);
    expect(fx.logs.some((l) => l.level === "warn" && /not validated/.test(l.message))).toBe(true);
  });

  it("connect: a refusal's status and message reach the client; no connected or disconnected follows", async () => {
    app = await startHandlerServer(answering({ connect: { status: 401, body: "who are you?" } }));
    await start();
    const refused = await refusedUpgrade(await fx.url());
    expect(refused).toEqual({ status: 401, body: "Refused by the connect event handler: who are you?\n" });
    expect(fx.emu.connections()).toEqual([]);
    await waitUntil(() => fx.logs.some((l) => /refused by the handler \(401/.test(l.message)));
    expect(app.events("connected")).toEqual([]);
    expect(app.events("disconnected")).toEqual([]);
  });

  it("connect: the answer sets the user id and adds roles and groups to the token's", async () => {
    app = await startHandlerServer(
      answering({
        connect: {
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({
            userId: "bob",
            roles: ["webpubsub.sendToGroup.room"],
            groups: ["room"],
          }),
        },
      }),
    );
    await start();
    const { client, connected } = await TestClient.open(await fx.url({ userId: "alice", groups: ["lobby"] }));
    expect(connected["userId"]).toBe("bob");
    expect(fx.emu.connections("chat")[0]).toMatchObject({ userId: "bob", groups: ["lobby", "room"] });
    const sent = await client.request({
      type: "sendToGroup",
      group: "room",
      dataType: "text",
      data: "hi",
      ackId: 1,
    });
    expect(sent).toMatchObject({ success: true });
    const elsewhere = await client.request({
      type: "sendToGroup",
      group: "lobby",
      dataType: "text",
      data: "x",
      ackId: 2,
    });
    expect(elsewhere).toMatchObject({ success: false, error: { name: "Forbidden" } });
    expect(header(await app.next(isEvent("connected")), "ce-userId")).toBe("bob");
    await client.close();
  });

  it("user events: text, JSON and binary arrive with their content types; the answer is a server message before the ack", async () => {
    app = await startHandlerServer(
      answering({ echo: (r) => ({ headers: { "Content-Type": header(r, "content-type")! }, body: r.body }) }),
    );
    await start();
    const { client } = await TestClient.open(await fx.url({ userId: "u" }));
    client.send({ type: "event", event: "echo", dataType: "text", data: "héllo", ackId: 1 });
    client.send({ type: "event", event: "echo", dataType: "json", data: { a: [1, 2] }, ackId: 2 });
    client.send({ type: "event", event: "echo", dataType: "binary", data: "AAEC", ackId: 3 });
    const frames = [];
    for (let i = 0; i < 6; i++)
      frames.push(await client.next((f) => f.type === "message" || f.type === "ack"));
    expect(frames.map((f) => [f.type, f["dataType"] ?? f["ackId"], f["data"]])).toEqual([
      ["message", "text", "héllo"],
      ["ack", 1, undefined],
      ["message", "json", { a: [1, 2] }],
      ["ack", 2, undefined],
      ["message", "binary", "AAEC"],
      ["ack", 3, undefined],
    ]);
    const [text, json, binary] = app.events("echo");
    expect(header(text!, "content-type")).toBe("text/plain; charset=utf-8");
    expect(text!.body.toString()).toBe("héllo");
    expect(header(json!, "content-type")).toBe("application/json");
    expect(JSON.parse(json!.body.toString())).toEqual({ a: [1, 2] });
    expect(header(binary!, "content-type")).toBe("application/octet-stream");
    expect([...binary!.body]).toEqual([0, 1, 2]);
    expect(text!.headers).toMatchObject({ "ce-type": "azure.webpubsub.user.echo", "ce-eventname": "echo" });
    await client.close();
  });

  it("a non-2xx answer fails the event's ack with InternalServerError (the same ackId may be retried)", async () => {
    app = await startHandlerServer(answering({ bad: { status: 400, body: "nope" } }));
    await start();
    const { client } = await TestClient.open(await fx.url());
    const ack = await client.request({ type: "event", event: "bad", dataType: "text", data: "x", ackId: 7 });
    expect(ack).toMatchObject({ success: false, error: { name: "InternalServerError" } });
    expect((ack["error"] as { message: string }).message).toContain("answered 400: nope");
    app.respond(() => ({}));
    expect(
      await client.request({ type: "event", event: "bad", dataType: "text", data: "x", ackId: 7 }),
    ).toMatchObject({
      success: true,
    });
    await client.close();
  });

  it("an event no handler takes fails on a hub with handlers; a hub without handlers acks it (the emulator's default)", async () => {
    app = await startHandlerServer();
    await start({}, { eventPattern: "known" });
    const { client } = await TestClient.open(await fx.url());
    expect(
      await client.request({ type: "event", event: "known", dataType: "text", data: "x", ackId: 1 }),
    ).toMatchObject({
      success: true,
    });
    const unknown = await client.request({
      type: "event",
      event: "other",
      dataType: "text",
      data: "x",
      ackId: 2,
    });
    expect(unknown).toMatchObject({
      success: false,
      error: {
        name: "InternalServerError",
        message: "No event handler of hub 'chat' takes the event 'other'",
      },
    });
    const { client: elsewhere } = await TestClient.open(await fx.url({ hub: "lobby" }));
    expect(
      await elsewhere.request({ type: "event", event: "other", dataType: "text", data: "x", ackId: 1 }),
    ).toMatchObject({
      success: true,
    });
    await Promise.all([client.close(), elsewhere.close()]);
  });

  it("retries a 503 with the same event id, then delivers", async () => {
    let failures = 1;
    app = await startHandlerServer(
      answering({
        flaky: () =>
          failures-- > 0 ? { status: 503 } : { headers: { "Content-Type": "text/plain" }, body: "done" },
      }),
    );
    await start({ eventHandlerPolicy: { retryDelaysMs: [10, 20, 30], timeoutMs: 3000 } });
    const { client } = await TestClient.open(await fx.url());
    const ack = await client.request({
      type: "event",
      event: "flaky",
      dataType: "text",
      data: "x",
      ackId: 1,
    });
    expect(ack).toMatchObject({ success: true });
    const attempts = app.events("flaky");
    expect(attempts).toHaveLength(2);
    expect(header(attempts[1]!, "ce-id")).toBe(header(attempts[0]!, "ce-id"));
    expect(fx.logs.some((l) => /answered 503; attempt 2 of 4 in 10 ms/.test(l.message))).toBe(true);
    await client.close();
  });

  it("retries a handler that refuses connections, then refuses the upgrade and logs why", async () => {
    const gone = await startHandlerServer();
    const url = gone.url;
    await gone.close(); // nothing listens there any more
    await fx.start({
      logLevel: "info",
      hubs: { chat: { eventHandlers: [{ urlTemplate: `${url}/{event}`, systemEvents: ["connect"] }] } },
      eventHandlerPolicy: { retryDelaysMs: [5, 5], timeoutMs: 2000 },
    });
    const refused = await refusedUpgrade(await fx.url());
    expect(refused.status).toBe(500);
    expect(refused.body).toMatch(/connection refused .*is the handler running\?/);
    expect(fx.logs.filter((l) => /connection refused.*attempt \d of 3/.test(l.message))).toHaveLength(2);
  });

  it("fails the event once the retries are spent, and when the handler does not answer in time", async () => {
    app = await startHandlerServer(answering({ down: { status: 500 }, slow: { hang: true } }));
    await start({ eventHandlerPolicy: { retryDelaysMs: [5, 5], timeoutMs: 400 } });
    const { client } = await TestClient.open(await fx.url());
    const down = await client.request({
      type: "event",
      event: "down",
      dataType: "text",
      data: "x",
      ackId: 1,
    });
    expect(down).toMatchObject({ success: false, error: { name: "InternalServerError" } });
    expect(app.events("down")).toHaveLength(3);
    const slow = await client.request({
      type: "event",
      event: "slow",
      dataType: "text",
      data: "x",
      ackId: 2,
    });
    expect((slow["error"] as { message: string }).message).toMatch(/no answer within \d+ ms/);
    expect(app.events("slow")).toHaveLength(1); // a timeout is not retried: the handler may have acted
    await client.close();
  });

  it("keeps ce-connectionState from connect, sends it with later events, and lets an event's answer replace it", async () => {
    app = await startHandlerServer(
      answering({
        connect: { status: 204, headers: { "ce-connectionState": "c3RhdGUtMQ==" } },
        bump: { headers: { "ce-connectionState": "c3RhdGUtMg==" } },
      }),
    );
    await start();
    const { client } = await TestClient.open(await fx.url());
    expect(header(await app.next(isEvent("connected")), "ce-connectionState")).toBe("c3RhdGUtMQ==");
    await client.request({ type: "event", event: "bump", dataType: "text", data: "1", ackId: 1 });
    expect(header(app.events("bump")[0]!, "ce-connectionState")).toBe("c3RhdGUtMQ==");
    await client.request({ type: "event", event: "look", dataType: "text", data: "2", ackId: 2 });
    expect(header(app.events("look")[0]!, "ce-connectionState")).toBe("c3RhdGUtMg==");
    await client.close();
    expect(header(await app.next(isEvent("disconnected")), "ce-connectionState")).toBe("c3RhdGUtMg==");
  });

  it("metadata travels as x-webpubsub-metadata-* headers to the handler, and back from its answer", async () => {
    app = await startHandlerServer(
      answering({
        m: { headers: { "Content-Type": "text/plain", "X-WebPubSub-Metadata-Result": "ok" }, body: "r" },
      }),
    );
    await start();
    const { client } = await TestClient.open(await fx.url());
    client.send({
      type: "event",
      event: "m",
      dataType: "text",
      data: "x",
      metadata: { Trace: "abc" },
      ackId: 1,
    });
    expect(await client.message()).toMatchObject({ from: "server", data: "r", metadata: { result: "ok" } });
    expect(header(app.events("m")[0]!, "x-webpubsub-metadata-trace")).toBe("abc");
    await client.close();
  });

  it("connected and disconnected are notifications: a failing handler costs the client nothing; disconnected says why", async () => {
    app = await startHandlerServer(answering({ connected: { status: 400 } }));
    await start();
    const { client, connectionId } = await TestClient.open(
      await fx.url({ protocol: "json.webpubsub.azure.v1" }),
    );
    await app.next(isEvent("connected"));
    expect(await client.request({ type: "joinGroup", group: "g", ackId: 1 })).toMatchObject({
      success: false,
    }); // no role, but alive
    await waitUntil(() =>
      fx.logs.some((l) => l.level === "warn" && /connected event for .*answered 400/.test(l.message)),
    );
    await client.close();
    const disconnected = await app.next(isEvent("disconnected"));
    expect(header(disconnected, "ce-connectionId")).toBe(connectionId);
    expect(JSON.parse(disconnected.body.toString())).toEqual({
      reason: expect.stringContaining("socket closed (1000)"),
    });
  });

  it("a reliable recovery calls neither connect nor connected again; disconnected comes once, when the session ends", async () => {
    app = await startHandlerServer();
    await start({ recoveryWindowMs: 5000 });
    const url = await fx.url();
    const { client, connected, connectionId } = await TestClient.open(url);
    await app.next(isEvent("connected"));
    await client.terminate();
    await waitUntil(() => fx.emu.connections()[0]?.state === "recovering");
    const again = await TestClient.connect(
      recoveryUrl(url, connectionId, connected["reconnectionToken"] as string),
    );
    await waitUntil(() => fx.emu.connections()[0]?.state === "connected");
    expect(app.events("connect")).toHaveLength(1);
    expect(app.events("connected")).toHaveLength(1);
    expect(app.events("disconnected")).toHaveLength(0);
    await again.close(1000);
    await app.next(isEvent("disconnected"));
    expect(app.events("disconnected")).toHaveLength(1);
  });

  it("the first handler that takes an event wins; hub and event names ignore case", async () => {
    app = await startHandlerServer();
    await fx.start({
      hubs: {
        Chat: {
          eventHandlers: [
            { urlTemplate: `${app.url}/first/{event}`, eventPattern: "Chat.*, PING" },
            {
              urlTemplate: `${app.url}/second/{hub}/{event}`,
              eventPattern: "*",
              systemEvents: ["CONNECTED"] as never,
            },
          ],
        },
      },
    });
    const { client } = await TestClient.open(await fx.url({ hub: "CHAT" }));
    await client.request({ type: "event", event: "chat.hello", dataType: "text", data: "x", ackId: 1 });
    await client.request({ type: "event", event: "ping", dataType: "text", data: "x", ackId: 2 });
    await client.request({ type: "event", event: "other", dataType: "text", data: "x", ackId: 3 });
    const paths = app.requests.filter((r) => r.method === "POST").map((r) => r.path);
    expect(paths).toEqual([
      "/second/chat/connected",
      "/first/chat.hello",
      "/first/ping",
      "/second/chat/other",
    ]);
    await client.close();
  });

  it("handlers answer before the onEvent hook, which answers the events no handler takes", async () => {
    const hooked: string[] = [];
    app = await startHandlerServer();
    await start({ onEvent: (request) => void hooked.push(request.event) }, { eventPattern: "server.*" });
    const { client } = await TestClient.open(await fx.url());
    await client.request({ type: "event", event: "server.save", dataType: "text", data: "x", ackId: 1 });
    await client.request({ type: "event", event: "local", dataType: "text", data: "x", ackId: 2 });
    expect(app.events("server.save")).toHaveLength(1);
    expect(app.events("local")).toHaveLength(0);
    expect(hooked).toEqual(["local"]);
    await client.close();
  });

  it("invoke: the handler's answer is the invocation's response; a failure is an error response; onInvoke takes the rest", async () => {
    app = await startHandlerServer(
      answering({
        sum: (r) => ({
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify((JSON.parse(r.body.toString()) as number[]).reduce((a, b) => a + b, 0)),
        }),
        broken: { status: 500 },
      }),
    );
    await start(
      { onInvoke: () => ({ dataType: "text", data: "from the hook" }) },
      { eventPattern: "sum,broken" },
    );
    const { client } = await TestClient.open(await fx.url());
    const response = (id: string) =>
      client.next((f) => f.type === "invokeResponse" && f["invocationId"] === id);
    client.send({
      type: "invoke",
      invocationId: "1",
      target: "event",
      event: "sum",
      dataType: "json",
      data: [1, 2, 3],
    });
    expect(await response("1")).toMatchObject({ success: true, dataType: "json", data: 6 });
    client.send({
      type: "invoke",
      invocationId: "2",
      target: "event",
      event: "broken",
      dataType: "text",
      data: "x",
    });
    expect(await response("2")).toMatchObject({ success: false, error: { name: "InternalServerError" } });
    client.send({
      type: "invoke",
      invocationId: "3",
      target: "event",
      event: "local",
      dataType: "text",
      data: "x",
    });
    expect(await response("3")).toMatchObject({ success: true, dataType: "text", data: "from the hook" });
    await client.close();
  });
});
