/**
 * A fan-out is one loop over the members of a group. Whatever goes wrong while delivering to one
 * member (here its socket throws on send) must cost that member only: it is logged and closed,
 * and every other member still gets the message.
 */
import { EventEmitter } from "node:events";
import type { Duplex } from "node:stream";
import { describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { ClientConnection } from "../../src/emulator/connection.js";
import type { ConnectionContext } from "../../src/emulator/connection.js";
import { OutboundMessage } from "../../src/emulator/outbound.js";
import { Hub } from "../../src/emulator/hub.js";
import { DEFAULT_LIMITS } from "../../src/emulator/index.js";
import { Permissions } from "../../src/emulator/permissions.js";
import { jsonProtocol } from "../../src/emulator/protocols/json.js";

/** The parts of a `ws` socket a connection uses, recording what is sent and how it is closed. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: string[] = [];
  closedWith: { code: number; reason: string } | undefined;
  constructor(private readonly failSends: boolean) {
    super();
  }
  send(frame: Buffer | string): void {
    if (this.failSends) throw new Error("boom");
    this.sent.push(frame.toString());
  }
  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
    this.readyState = 2;
  }
}

const rawSocket = (): Duplex =>
  ({ cork: () => {}, uncork: () => {}, destroy: () => {} }) as unknown as Duplex;

describe("fan-out isolation", () => {
  it("a member whose delivery throws is logged and closed; the others still receive", () => {
    const errors: string[] = [];
    const removed: string[] = [];
    const hub = new Hub("chat");
    const ctx: ConnectionContext = {
      log: { debug() {}, info() {}, warn() {}, error: (m) => errors.push(m), enabled: () => true },
      limits: DEFAULT_LIMITS,
      recoveryWindowMs: 1000,
      remove(connection) {
        if (connection.removed) return;
        connection.dispose();
        hub.remove(connection);
        removed.push(connection.id);
      },
      onFrame() {},
    };
    const member = (id: string, failSends: boolean) => {
      const connection = new ClientConnection(
        {
          id,
          hub: "chat",
          userId: id,
          protocol: jsonProtocol,
          permissions: Permissions.fromRoles([]),
          reconnectionToken: undefined,
        },
        ctx,
      );
      const socket = new FakeSocket(failSends);
      connection.attach(socket as unknown as WebSocket, rawSocket());
      hub.add(connection);
      hub.join(connection, "g");
      return socket;
    };
    const first = member("a", false);
    const failing = member("b", true);
    const last = member("c", false);

    hub.sendToGroup("g", OutboundMessage.group("g", null, { dataType: "text", data: "hi" }));

    for (const healthy of [first, last]) {
      expect(healthy.sent.map((f) => JSON.parse(f) as unknown)).toEqual([
        { type: "message", from: "group", group: "g", dataType: "text", data: "hi" },
      ]);
    }
    expect(failing.closedWith).toEqual({ code: 1011, reason: "The service failed to deliver a message" });
    expect(removed).toEqual(["b"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/connection b: delivery failed: Error: boom/);
    expect([...hub.members("g")].map((c) => c.id)).toEqual(["a", "c"]);
  });
});
