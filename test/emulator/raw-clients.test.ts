/**
 * Raw ("simple") WebSocket clients: no subprotocol (or a custom one a `connect` handler chose);
 * frames are payloads only. Their frames are the user event `message` (or, with
 * `webpubsub_mode=sendToGroup`, group messages); what they receive is bare text or bytes.
 */
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { answering, startHandlerServer, isEvent } from "./handler-server.js";
import type { FakeHandlerServer } from "./handler-server.js";
import { ALL_ROLES, TestClient, refusedUpgrade, restCall, useEmulator, waitUntil } from "./helpers.js";

/** A raw client that records every frame as text or bytes. */
class RawClient {
  readonly frames: Array<{ readonly binary: boolean; readonly data: Buffer }> = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data, isBinary) => this.frames.push({ binary: isBinary, data: data as Buffer }));
    ws.on("error", () => {});
    this.closed = new Promise((resolve) =>
      ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static async open(url: string, protocols?: string | string[]): Promise<RawClient> {
    const ws = protocols === undefined ? new WebSocket(url) : new WebSocket(url, protocols);
    const client = new RawClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    return client;
  }

  /** The next frame (waits up to 3 s). */
  async frame(index: number): Promise<{ readonly binary: boolean; readonly data: Buffer }> {
    await waitUntil(() => this.frames.length > index, 3000, `frame ${index}`);
    return this.frames[index]!;
  }

  async close(): Promise<void> {
    this.ws.close(1000);
    await this.closed;
  }
}

describe("raw WebSocket clients", () => {
  const fx = useEmulator();
  let app: FakeHandlerServer | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function startWithHandler(server: FakeHandlerServer) {
    return fx.start({
      hubs: {
        chat: {
          eventHandlers: [
            {
              urlTemplate: `${server.url}/{event}`,
              eventPattern: "message",
              systemEvents: ["connect", "connected"],
            },
          ],
        },
      },
      eventHandlerPolicy: { retryDelaysMs: [], timeoutMs: 2000 },
    });
  }

  it("connect without a subprotocol and get no envelope: no system frame, their frames go to the handler as `message`, the answer comes back bare", async () => {
    app = await startHandlerServer(
      answering({
        message: (r) =>
          r.headers["content-type"]?.startsWith("text/plain")
            ? { headers: { "Content-Type": "text/plain" }, body: `echo: ${r.body.toString()}` }
            : {
                headers: { "Content-Type": "application/octet-stream" },
                body: Buffer.concat([r.body, Buffer.from([9])]),
              },
      }),
    );
    await startWithHandler(app);
    const client = await RawClient.open(await fx.url({ userId: "raw" }));
    expect(fx.emu.connections("chat")[0]).toMatchObject({ protocol: "raw", userId: "raw" });
    client.ws.send("hi");
    expect(await client.frame(0)).toEqual({ binary: false, data: Buffer.from("echo: hi") });
    client.ws.send(Buffer.from([1, 2]), { binary: true });
    expect(await client.frame(1)).toEqual({ binary: true, data: Buffer.from([1, 2, 9]) });
    const [text, binary] = app.events("message");
    expect(text!.headers).toMatchObject({
      "ce-type": "azure.webpubsub.user.message",
      "content-type": "text/plain; charset=utf-8",
    });
    expect(binary!.headers["content-type"]).toBe("application/octet-stream");
    // The connected event says no subprotocol; the client never got a system frame.
    expect((await app.next(isEvent("connected"))).headers["ce-subprotocol"]).toBeUndefined();
    expect(client.frames).toHaveLength(2);
    await client.close();
  });

  it("are closed with 1011 and a reason that says nothing of the handler when no handler takes their frame or it fails", async () => {
    app = await startHandlerServer(answering({ message: { status: 500, body: "secret stack trace" } }));
    await startWithHandler(app);
    const failing = await RawClient.open(await fx.url());
    failing.ws.send("boom");
    expect(await failing.closed).toEqual({ code: 1011, reason: "The event could not be handled" });

    const { client: json } = await TestClient.open(await fx.url({ hub: "lobby" }));
    const unhandled = await RawClient.open(await fx.url({ hub: "lobby" }));
    unhandled.ws.send("anyone?");
    expect((await unhandled.closed).code).toBe(1011); // a raw client's message needs a handler, even on a hub without any
    await json.close();
  });

  it("receive group and server messages as bare frames: text and JSON as text, binary as binary", async () => {
    await fx.start();
    const raw = await RawClient.open(await fx.url({ groups: ["room"] }));
    const { client: sender } = await TestClient.open(await fx.url({ roles: [...ALL_ROLES] }));
    await sender.request({ type: "sendToGroup", group: "room", dataType: "text", data: "plain", ackId: 1 });
    await sender.request({ type: "sendToGroup", group: "room", dataType: "json", data: { a: 1 }, ackId: 2 });
    await sender.request({ type: "sendToGroup", group: "room", dataType: "binary", data: "AQI=", ackId: 3 });
    const rest = await restCall(fx.emu, "POST", "/api/hubs/chat/:send", {
      body: "to all",
      contentType: "text/plain",
    });
    expect(rest.status).toBe(202);
    expect(await raw.frame(0)).toEqual({ binary: false, data: Buffer.from("plain") });
    expect(await raw.frame(1)).toEqual({ binary: false, data: Buffer.from('{"a":1}') });
    expect(await raw.frame(2)).toEqual({ binary: true, data: Buffer.from([1, 2]) });
    expect(await raw.frame(3)).toEqual({ binary: false, data: Buffer.from("to all") });
    await Promise.all([raw.close(), sender.close()]);
  });

  it("with webpubsub_mode=sendToGroup publish their frames to the group (with the role), honouring noEcho", async () => {
    await fx.start();
    const { client: member } = await TestClient.open(await fx.url({ groups: ["room"] }));
    const publisher = await RawClient.open(
      `${await fx.url({ roles: ["webpubsub.sendToGroup.room"], groups: ["room"], userId: "pub" })}&webpubsub_mode=sendToGroup&group=room&noEcho=true`,
    );
    publisher.ws.send("to the room");
    publisher.ws.send(Buffer.from([7]), { binary: true });
    expect(await member.message()).toMatchObject({
      group: "room",
      fromUserId: "pub",
      dataType: "text",
      data: "to the room",
    });
    expect(await member.message()).toMatchObject({ group: "room", dataType: "binary", data: "Bw==" });
    expect(publisher.frames).toEqual([]); // noEcho

    const forbidden = await RawClient.open(`${await fx.url()}&webpubsub_mode=sendToGroup&group=room`);
    forbidden.ws.send("not allowed");
    const echo = await RawClient.open(
      `${await fx.url({ roles: ["webpubsub.sendToGroup"], groups: ["room"] })}&webpubsub_mode=SendToGroup&group=room`,
    );
    echo.ws.send("echoed");
    expect(await echo.frame(0)).toEqual({ binary: false, data: Buffer.from("echoed") });
    expect(await member.message()).toMatchObject({ data: "echoed" }); // and nothing from the forbidden one before it
    await Promise.all([member.close(), publisher.close(), forbidden.close(), echo.close()]);
  });

  it("refuses a bad webpubsub_mode, group or noEcho before the upgrade", async () => {
    await fx.start();
    const url = await fx.url();
    expect(await refusedUpgrade(`${url}&webpubsub_mode=broadcast`, null)).toMatchObject({ status: 400 });
    expect((await refusedUpgrade(`${url}&webpubsub_mode=sendToGroup`, null)).body).toContain(
      "needs a valid 'group'",
    );
    expect(
      (await refusedUpgrade(`${url}&webpubsub_mode=sendToGroup&group=g&noEcho=maybe`, null)).body,
    ).toContain("noEcho must be true or false");
  });

  it("may use a custom subprotocol that the connect handler chooses (it is echoed)", async () => {
    app = await startHandlerServer(
      answering({
        connect: {
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ subprotocol: "chat.v2" }),
        },
      }),
    );
    await startWithHandler(app);
    const client = await RawClient.open(await fx.url(), ["chat.v1", "chat.v2"]);
    expect(client.ws.protocol).toBe("chat.v2");
    expect((await app.next(isEvent("connected"))).headers["ce-subprotocol"]).toBe("chat.v2");
    const connect = app.events("connect")[0]!;
    expect(JSON.parse(connect.body.toString())["subprotocols"]).toEqual(["chat.v1", "chat.v2"]);
    await client.close();
  });
});
