/**
 * The emulator calling a real app server: Express with `@azure/web-pubsub-express` 1.1.0,
 * unchanged, as the upstream, with our client, the official client (`@azure/web-pubsub-client`
 * 1.1.0) and raw `ws` clients. Everything on 127.0.0.1, ephemeral ports.
 */
import type {
  ConnectRequest,
  ConnectedRequest,
  DisconnectedRequest,
  UserEventRequest,
  WebPubSubEventHandlerOptions,
} from "@azure/web-pubsub-express";
import type { OnGroupDataMessageArgs, OnServerDataMessageArgs } from "@azure/web-pubsub-client";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { WebPubSubClient } from "../../src/index.js";
import { refusedUpgrade, useEmulator, waitUntil } from "../emulator/helpers.js";
import { startExpressApp } from "./express-app.js";
import type { ExpressApp } from "./express-app.js";
import { nextEvent, officialClientOn, serviceClient } from "./helpers.js";

describe("event handlers in a real Express app (@azure/web-pubsub-express 1.1.0)", () => {
  const fx = useEmulator();
  let app: ExpressApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  /** What the app server saw. */
  interface Seen {
    connects: ConnectRequest[];
    connected: ConnectedRequest[];
    disconnected: DisconnectedRequest[];
    events: UserEventRequest[];
    /** Each event's connection state as it arrived (the package's `setState` changes the object later). */
    states: Array<Record<string, unknown>>;
  }

  /**
   * The emulator with hub `chat` sending everything to the Express app, whose handler (with
   * `allowedEndpoints` = the emulator's endpoint, so abuse protection is checked for real) is
   * built by `options`.
   */
  async function setup(options: (seen: Seen) => WebPubSubEventHandlerOptions) {
    app = await startExpressApp();
    const emu = await fx.start({
      logLevel: "info",
      hubs: {
        chat: {
          eventHandlers: [
            {
              urlTemplate: `${app.url}/eventhandler/{event}`,
              systemEvents: ["connect", "connected", "disconnected"],
              eventPattern: "*",
            },
          ],
        },
      },
      eventHandlerPolicy: { retryDelaysMs: [20], timeoutMs: 5000 },
    });
    const seen: Seen = { connects: [], connected: [], disconnected: [], events: [], states: [] };
    app.handle("chat", { allowedEndpoints: [emu.endpoint], ...options(seen) });
    return { emu, seen };
  }

  /** A chat app: connect names the user from the query and joins `lobby`; events are answered. */
  const chat = (seen: Seen): WebPubSubEventHandlerOptions => ({
    handleConnect: (req, res) => {
      seen.connects.push(req);
      const name = req.queries?.["name"]?.[0];
      if (name === "mallory") {
        res.fail(401, "mallory is not welcome");
        return;
      }
      res.setState("joinedAt", "connect");
      res.success({
        userId: name ?? req.context.userId ?? "anonymous",
        groups: ["lobby"],
        roles: ["webpubsub.sendToGroup.lobby", "webpubsub.joinLeaveGroup.lobby"],
      });
    },
    onConnected: (req) => void seen.connected.push(req),
    onDisconnected: (req) => void seen.disconnected.push(req),
    handleUserEvent: (req, res) => {
      seen.events.push(req);
      seen.states.push({ ...req.context.states });
      const count = Number(req.context.states["count"] ?? 0) + 1;
      res.setState("count", count);
      if (req.context.eventName === "fail") {
        res.fail(500, "handler failed");
      } else if (req.dataType === "binary") {
        // The package types this as an ArrayBuffer, but it hands it to Node's `res.end`, which wants a Buffer.
        res.success(Buffer.from([...new Uint8Array(req.data), count]) as unknown as ArrayBuffer, "binary");
      } else if (req.dataType === "json") {
        res.success(JSON.stringify({ echo: req.data, count, user: req.context.userId }), "json");
      } else {
        res.success(`${req.context.userId} said ${req.data} (#${count})`, "text");
      }
    },
  });

  it("with our client: connect names the user and joins groups, events get answers, state round-trips, connected/disconnected arrive", async () => {
    const { emu, seen } = await setup(chat);
    const url = `${await emu.getClientAccessUrl({ hub: "chat" })}&name=alice`;
    const client = new WebPubSubClient(url);
    fx.defer(() => client.stop());
    const replies: OnServerDataMessageArgs["message"][] = [];
    client.on("server-message", (e) => void replies.push(e.message));
    const connected = new Promise<{ userId: string }>((resolve) => client.on("connected", resolve));
    await client.start();
    expect((await connected).userId).toBe("alice");
    expect(emu.connections("chat")[0]?.groups).toEqual(["lobby"]);
    expect(seen.connects[0]).toMatchObject({ subprotocols: ["json.reliable.webpubsub.azure.v1"] });
    expect(seen.connects[0]?.claims).toBeDefined();

    await client.sendEvent("say", "hello", "text");
    await client.sendEvent("say", { n: 1 }, "json");
    await client.sendEvent("say", new Uint8Array([5]).buffer, "binary");
    await waitUntil(() => replies.length === 3);
    expect(replies[0]).toMatchObject({ dataType: "text", data: "alice said hello (#1)" });
    expect(replies[1]).toMatchObject({ dataType: "json", data: { echo: { n: 1 }, count: 2, user: "alice" } });
    expect(replies[2]?.dataType).toBe("binary");
    expect([...new Uint8Array(replies[2]!.data as ArrayBuffer)]).toEqual([5, 3]);
    // The state set at connect came back with every event, and each event's update with the next.
    expect(seen.states).toEqual([
      { joinedAt: "connect" },
      { joinedAt: "connect", count: 1 },
      { joinedAt: "connect", count: 2 },
    ]);

    const failed = await client.sendEvent("fail", "x", "text").catch((e: unknown) => e);
    expect(failed).toMatchObject({ name: "SendMessageError", errorDetail: { name: "InternalServerError" } });

    await waitUntil(() => seen.connected.length === 1);
    expect(seen.connected[0]?.context).toMatchObject({
      userId: "alice",
      hub: "chat",
      states: { joinedAt: "connect" },
    });
    client.stop();
    await waitUntil(() => seen.disconnected.length === 1, 5000, "disconnected");
    expect(seen.disconnected[0]?.context.userId).toBe("alice");
    expect(seen.disconnected[0]?.reason).toEqual(expect.any(String));
  });

  it("with the official client: connect's groups receive REST sends, events and invokes are answered by the handler", async () => {
    const { emu } = await setup(chat);
    const service = serviceClient(emu, "chat");
    const client = officialClientOn(fx, { userId: "bob" });
    await client.start();
    const reply = nextEvent<OnServerDataMessageArgs>(
      (h) => client.on("server-message", h),
      (h) => client.off("server-message", h),
    );
    await client.sendEvent("say", "hi", "text");
    expect((await reply).message).toMatchObject({ dataType: "text", data: "bob said hi (#1)" });

    const result = await client.invokeEvent("sum", { values: [1, 2] }, "json");
    expect(result).toMatchObject({
      dataType: "json",
      data: { echo: { values: [1, 2] }, count: 2, user: "bob" },
    });

    const lobby = nextEvent<OnGroupDataMessageArgs>(
      (h) => client.on("group-message", h),
      (h) => client.off("group-message", h),
    );
    await service.group("lobby").sendToAll("welcome", { contentType: "text/plain" });
    expect((await lobby).message).toMatchObject({ group: "lobby", data: "welcome" });
    // The connect answer's role lets it send to the lobby (and only there).
    await client.sendToGroup("lobby", "hello lobby", "text");
    await expect(client.sendToGroup("elsewhere", "x", "text")).rejects.toMatchObject({
      name: "SendMessageError",
    });
  });

  it("a refusing connect handler: the client gets its status and message, the app no connected event", async () => {
    const { emu, seen } = await setup(chat);
    const url = `${await emu.getClientAccessUrl({ hub: "chat" })}&name=mallory`;
    expect(await refusedUpgrade(url)).toEqual({
      status: 401,
      body: "Refused by the connect event handler: mallory is not welcome\n",
    });
    const client = new WebPubSubClient(url, { reconnectRetryOptions: { maxRetries: 0 } });
    await expect(client.start()).rejects.toThrow();
    client.stop();
    expect(seen.connects).toHaveLength(2);
    expect(seen.connected).toEqual([]);
  });

  it("with raw ws clients: frames are `message` events and the answers come back as bare frames", async () => {
    const { emu, seen } = await setup(chat);
    const ws = new WebSocket(`${await emu.getClientAccessUrl({ hub: "chat" })}&name=carol`);
    fx.defer(() => ws.terminate());
    const frames: Array<{ data: Buffer; binary: boolean }> = [];
    ws.on("message", (data, binary) => void frames.push({ data: data as Buffer, binary }));
    await new Promise((resolve) => ws.once("open", resolve));
    ws.send("hey");
    await waitUntil(() => frames.length === 1);
    expect(frames[0]).toEqual({ data: Buffer.from("carol said hey (#1)"), binary: false });
    ws.send(Buffer.from([1, 2]), { binary: true });
    await waitUntil(() => frames.length === 2);
    expect(frames[1]).toEqual({ data: Buffer.from([1, 2, 2]), binary: true });
    expect(seen.events.map((e) => [e.context.eventName, e.dataType])).toEqual([
      ["message", "text"],
      ["message", "binary"],
    ]);
    expect(seen.connects[0]?.subprotocols).toEqual([]);
  });

  it("abuse protection as the package checks it: an allowedEndpoints list without the emulator refuses every event", async () => {
    app = await startExpressApp();
    app.handle("chat", {
      allowedEndpoints: ["http://somewhere-else.example:8080"],
      handleConnect: (_req, res) => res.success(),
    });
    await fx.start({
      hubs: {
        chat: {
          eventHandlers: [{ urlTemplate: `${app.url}/eventhandler/{event}`, systemEvents: ["connect"] }],
        },
      },
      eventHandlerPolicy: { retryDelaysMs: [], timeoutMs: 5000 },
    });
    const refused = await refusedUpgrade(await fx.url());
    expect(refused.status).toBe(500);
    expect(refused.body).toContain("which does not allow '127.0.0.1:");
  });
});
