import { describe, expect, it } from "vitest";
import {
  ALL_ROLES,
  JSON_SUBPROTOCOL,
  TestClient,
  groupTextSender,
  recoveryUrl,
  useEmulator,
  waitUntil,
} from "./helpers.js";
import type { Frame } from "./helpers.js";

describe("reliable protocol", () => {
  const fx = useEmulator();

  /** A receiver in group "g" and a sender; returns a function sending text to "g". */
  async function pair() {
    const url = await fx.url({ userId: "rx", roles: ALL_ROLES });
    const rx = await TestClient.open(url);
    await rx.client.request({ type: "joinGroup", group: "g", ackId: 1 });
    const tx = await fx.open({ userId: "tx", roles: ALL_ROLES, protocol: JSON_SUBPROTOCOL });
    const send = groupTextSender(tx.client, "g", 100);
    const state = (): string | undefined =>
      fx.emu.connections().find((c) => c.connectionId === rx.connectionId)?.state;
    return { url, rx, tx, send, state };
  }

  const token = (connected: Frame): string => connected["reconnectionToken"] as string;

  it("numbers data messages from 1 per connection", async () => {
    await fx.start();
    const { rx, send } = await pair();
    for (const text of ["a", "b", "c"]) await send(text);
    const ids = [await rx.client.message(), await rx.client.message(), await rx.client.message()].map(
      (m) => m["sequenceId"],
    );
    expect(ids).toEqual([1, 2, 3]);
  });

  it("trims unacked messages on a cumulative sequenceAck", async () => {
    const e = await fx.start();
    const { rx, send } = await pair();
    for (const text of ["a", "b", "c", "d"]) await send(text);
    await waitUntil(
      () => e.connections().find((c) => c.connectionId === rx.connectionId)?.unackedMessages === 4,
    );
    rx.client.send({ type: "sequenceAck", sequenceId: 3 });
    await waitUntil(
      () => e.connections().find((c) => c.connectionId === rx.connectionId)?.unackedMessages === 1,
      3000,
      "trim",
    );
  });

  it("recovers after a network drop: replays unacked messages in order before new ones, keeps groups", async () => {
    const e = await fx.start();
    const { url, rx, send, state } = await pair();
    await send("1");
    await send("2");
    expect((await rx.client.message())["sequenceId"]).toBe(1);
    rx.client.send({ type: "sequenceAck", sequenceId: 1 });
    await rx.client.message();
    await rx.client.terminate();
    await waitUntil(() => state() === "recovering");
    await send("3");
    await send("4");

    // The SDK appends the recovery parameters to the original URL, stale access token and all.
    const recovered = await TestClient.connect(recoveryUrl(url, rx.connectionId, token(rx.connected)));
    const first = await recovered.message();
    await send("5");
    const rest = [await recovered.message(), await recovered.message(), await recovered.message()];
    expect([first, ...rest].map((m) => [m["sequenceId"], m["data"]])).toEqual([
      [2, "2"],
      [3, "3"],
      [4, "4"],
      [5, "5"],
    ]);
    // `system/connected` again, first (the official client resumes its group streams on it); nothing else.
    expect(recovered.received.filter((f) => f.type === "system")).toEqual([
      {
        type: "system",
        event: "connected",
        userId: "rx",
        connectionId: rx.connectionId,
        reconnectionToken: token(rx.connected),
      },
    ]);
    expect(recovered.received[0]).toMatchObject({ type: "system", event: "connected" });
    expect(e.connections().find((c) => c.connectionId === rx.connectionId)?.groups).toEqual(["g"]);
    expect(state()).toBe("connected");
  });

  it("remembers processed ackIds across recovery", async () => {
    await fx.start();
    const { url, rx } = await pair();
    await rx.client.terminate();
    const recovered = await TestClient.connect(recoveryUrl(url, rx.connectionId, token(rx.connected)));
    expect(await recovered.request({ type: "joinGroup", group: "g", ackId: 1 })).toMatchObject({
      error: { name: "Duplicate" },
    });
  });

  it("authenticates recovery with the reconnection token even when the access token has expired", async () => {
    await fx.start();
    const url = await fx.url({ expiresInMinutes: -1 });
    const fresh = await fx.open();
    await fresh.client.terminate();
    const recovered = await TestClient.connect(recoveryUrl(url, fresh.connectionId, token(fresh.connected)));
    recovered.send({ type: "ping" });
    await recovered.next((f) => f.type === "pong");
    expect(recovered.closeCode).toBeUndefined();
  });

  it("accepts then closes with 1008 for an unknown session or a wrong token", async () => {
    const e = await fx.start();
    const url = await fx.url();
    const unknown = await TestClient.connect(recoveryUrl(url, "0".repeat(32), "x"));
    expect(await unknown.closed).toMatchObject({ code: 1008 });
    expect(unknown.received).toEqual([]);

    const { client, connectionId } = await TestClient.open(url);
    await client.terminate();
    const wrong = await TestClient.connect(recoveryUrl(url, connectionId, "not-the-token"));
    expect((await wrong.closed).code).toBe(1008);
    // A failed attempt does not spend the session.
    expect(e.connections().some((c) => c.connectionId === connectionId)).toBe(true);
  });

  it("forgets a session once the recovery window has passed", async () => {
    const e = await fx.start({ recoveryWindowMs: 100 });
    const url = await fx.url();
    const { client, connectionId, connected } = await TestClient.open(url);
    await client.terminate();
    expect(e.connections()).toHaveLength(1);
    await waitUntil(() => e.connections().length === 0, 3000, "window expiry");
    const late = await TestClient.connect(recoveryUrl(url, connectionId, token(connected)));
    expect((await late.closed).code).toBe(1008);
  });

  it("treats a client close with 1000 as final and any other code as recoverable", async () => {
    const e = await fx.start();
    const url = await fx.url();
    const normal = await TestClient.open(url);
    await normal.client.close(1000);
    await waitUntil(() => !e.connections().some((c) => c.connectionId === normal.connectionId));

    const away = await TestClient.open(url);
    await away.client.close(1001);
    await waitUntil(
      () => e.connections().find((c) => c.connectionId === away.connectionId)?.state === "recovering",
    );

    // ws.close() with no code is what the official client's stop() does: 1005 on the service side.
    const stopped = await TestClient.open(url);
    stopped.client.ws.close();
    await stopped.client.closed;
    await waitUntil(
      () => e.connections().find((c) => c.connectionId === stopped.connectionId)?.state === "recovering",
    );
  });

  it("does not keep non-reliable connections after a drop", async () => {
    const e = await fx.start();
    const { client, connectionId } = await fx.open({ protocol: JSON_SUBPROTOCOL });
    await client.terminate();
    await waitUntil(() => !e.connections().some((c) => c.connectionId === connectionId));
  });

  it("closes with 1008 when the unacked buffer overflows, and the session is gone", async () => {
    await fx.start({ limits: { reliableBufferMessages: 5 } });
    const { url, rx, send } = await pair();
    for (let i = 0; i < 6; i++) await send(String(i));
    const closed = await rx.client.closed;
    expect(closed.code).toBe(1008);
    expect(
      rx.client.received.find((f) => f.type === "system" && f["event"] === "disconnected"),
    ).toBeDefined();
    const retry = await TestClient.connect(recoveryUrl(url, rx.connectionId, token(rx.connected)));
    expect((await retry.closed).code).toBe(1008);
  });

  it("does not close a receiver that acks promptly when a burst runs past the limit", async () => {
    const e = await fx.start({ limits: { reliableBufferMessages: 5 } });
    const { rx, tx, state } = await pair();
    rx.client.ws.on("message", (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      if (typeof frame["sequenceId"] === "number") {
        rx.client.ws.send(JSON.stringify({ type: "sequenceAck", sequenceId: frame["sequenceId"] }));
      }
    });
    // Eight sends in one write: the service fans them all out before it reads any sequenceAck.
    const burst = Array.from({ length: 8 }, (_, i) =>
      JSON.stringify({ type: "sendToGroup", group: "g", noEcho: true, dataType: "text", data: `m${i}` }),
    );
    tx.client.ws.send(burst[0]!);
    for (const frame of burst.slice(1)) tx.client.ws.send(frame);
    const last = await rx.client.next((f) => f["data"] === "m7");
    expect(last["sequenceId"]).toBe(8);
    // Once its acks are read the buffer is back under the limit, so the pending re-check finds
    // nothing to punish: the receiver stays connected.
    const unacked = () => e.connections().find((c) => c.connectionId === rx.connectionId)?.unackedMessages;
    await waitUntil(() => unacked() === 0, 3000, "acks read");
    expect(state()).toBe("connected");
    expect(rx.client.ws.readyState).toBe(rx.client.ws.OPEN);
  });

  it("keeps buffering while disconnected and overflows the byte limit too", async () => {
    await fx.start({ limits: { reliableBufferBytes: 700 } });
    const { rx, send, state } = await pair();
    await rx.client.terminate();
    await waitUntil(() => state() === "recovering");
    await send("x".repeat(200));
    await send("y".repeat(200));
    expect(state()).toBe("recovering");
    await send("z".repeat(200));
    await waitUntil(() => state() === undefined, 3000, "overflow removal");
  });

  it("a recovery takes over a socket the service still thinks is open", async () => {
    const e = await fx.start();
    const { url, rx, send } = await pair();
    e.faults.blackhole(rx.connectionId);
    await send("during");
    const recovered = await TestClient.connect(recoveryUrl(url, rx.connectionId, token(rx.connected)));
    expect(await recovered.message()).toMatchObject({ sequenceId: 1, data: "during" });
    await send("after");
    expect(await recovered.message()).toMatchObject({ sequenceId: 2, data: "after" });
  });
});
