/**
 * The smallest Web PubSub service that the three bench clients accept, on plain `ws`: the
 * client benchmark's `minimal` service (`service.ts`) and the emulator benchmark's raw broadcast
 * server (the limit the emulator's fan-out is compared with). `system/connected` on upgrade, acks
 * for `joinGroup` / `leaveGroup` / `sendToGroup` / `event`, group broadcast, `pong`. It reads only
 * the fields it needs from a `sendToGroup` frame (no `JSON.parse` of the 1 KiB payload when nobody
 * is in the target group), so one service core outruns one client core. A broadcast encodes its
 * frame once (one `Buffer` written to every plain member), and optionally the frames written to a
 * connection in one tick leave in one write (the socket is corked until the tick ends); on the reliable subprotocol each member
 * gets its own sequence id, and keeps its frames until its `sequenceAck` covers them (what a
 * reliable service must keep for a recovery; this one never replays them). A hub named `noack`
 * never acks (pending-operation memory), nor does a send to a group named `hold…` (operations
 * held pending beside acked ones). No authentication: any URL path is a hub.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { JSON_RELIABLE_SUBPROTOCOL } from "../../src/protocol/messages.js";

export interface MinimalService {
  readonly port: number;
  /** Open connections. */
  connections(): number;
  close(): Promise<void>;
}

interface Conn {
  readonly ws: WebSocket;
  /** The TCP socket under `ws`, corked for the rest of the tick at the first frame written in it. */
  readonly socket: Duplex;
  corked: boolean;
  readonly id: string;
  readonly reliable: boolean;
  readonly ack: boolean;
  sequenceId: number;
  /** Reliable: frames not yet covered by a `sequenceAck`; the first has sequence id `acked + 1`. */
  readonly unacked: Buffer[];
  acked: number;
}

const groups = new Map<string, Set<Conn>>();
/** Sends to groups whose name begins with this are never acknowledged. */
const HOLD_PREFIX = "hold";
let nextConn = 1;

function uncork(conn: Conn): void {
  conn.corked = false;
  conn.socket.uncork();
}

/**
 * Writes a frame. With `coalesce`, every frame written to a connection in one tick leaves in one
 * write (as the emulator and our client do): one system call per frame is the largest cost of a
 * delivery.
 */
function send(conn: Conn, frame: string | Buffer): void {
  if (coalesce && !conn.corked) {
    conn.corked = true;
    conn.socket.cork();
    process.nextTick(uncork, conn);
  }
  conn.ws.send(frame, TEXT);
}

/** Buffers go out as text frames, as the JSON subprotocols require. */
const TEXT = { binary: false } as const;
/** Whether frames are coalesced per tick ({@link startMinimal}'s option). */
let coalesce = false;

function ackFrame(ackId: number): string {
  return `{"type":"ack","ackId":${ackId},"success":true}`;
}

/** The integer after `"key":` in a frame, or -1 (frames are compact JSON from the three clients). */
function intField(frame: string, key: string): number {
  const at = frame.indexOf(`"${key}":`);
  if (at < 0) return -1;
  let i = at + key.length + 3;
  let value = 0;
  let digits = 0;
  for (; i < frame.length; i++) {
    const c = frame.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    digits++;
  }
  return digits === 0 ? -1 : value;
}

/** The string after `"key":"` (no escapes in the benchmark's group names), or undefined. */
function stringField(frame: string, key: string): string | undefined {
  const at = frame.indexOf(`"${key}":"`);
  if (at < 0) return undefined;
  const start = at + key.length + 4;
  const end = frame.indexOf('"', start);
  return end < 0 ? undefined : frame.slice(start, end);
}

export function broadcast(group: string, dataType: string, data: unknown, except?: Conn): void {
  const members = groups.get(group);
  if (members === undefined || members.size === 0) return;
  // Encode the message once; a reliable member's copy is its sequence id and these bytes.
  const body = `"type":"message","from":"group","group":${JSON.stringify(group)},"dataType":${JSON.stringify(dataType)},"data":${JSON.stringify(data)}}`;
  let plain: Buffer | undefined;
  let tail: Buffer | undefined;
  for (const member of members) {
    if (member === except) continue;
    if (member.reliable) {
      tail ??= Buffer.from(`,${body}`);
      const frame = Buffer.concat([Buffer.from(`{"sequenceId":${++member.sequenceId}`), tail]);
      member.unacked.push(frame);
      send(member, frame);
    } else {
      send(member, (plain ??= Buffer.from(`{${body}`)));
    }
  }
}

/** Forgets the frames a `sequenceAck` covers. */
function sequenceAck(conn: Conn, frame: string): void {
  const sequenceId = intField(frame, "sequenceId");
  if (sequenceId <= conn.acked) return;
  conn.unacked.splice(0, Math.min(conn.unacked.length, sequenceId - conn.acked));
  conn.acked = sequenceId;
}

function onFrame(conn: Conn, frame: string): void {
  const type = stringField(frame, "type");
  switch (type) {
    case "sendToGroup": {
      const ackId = intField(frame, "ackId");
      const group = stringField(frame, "group");
      if (group !== undefined && (groups.get(group)?.size ?? 0) > 0) {
        const parsed = JSON.parse(frame) as { dataType: string; data: unknown; noEcho?: boolean };
        broadcast(group, parsed.dataType, parsed.data, parsed.noEcho === true ? conn : undefined);
      }
      // Sends to a `hold…` group stay pending (scenario 9: operations held live on a client).
      if (ackId >= 0 && conn.ack && group?.startsWith(HOLD_PREFIX) !== true) send(conn, ackFrame(ackId));
      return;
    }
    case "event": {
      const ackId = intField(frame, "ackId");
      if (ackId >= 0 && conn.ack) send(conn, ackFrame(ackId));
      return;
    }
    case "joinGroup":
    case "leaveGroup": {
      const group = stringField(frame, "group") ?? "";
      let members = groups.get(group);
      if (members === undefined) groups.set(group, (members = new Set()));
      if (type === "joinGroup") members.add(conn);
      else members.delete(conn);
      const ackId = intField(frame, "ackId");
      if (ackId >= 0) send(conn, ackFrame(ackId));
      return;
    }
    case "ping":
      send(conn, `{"type":"pong"}`);
      return;
    case "sequenceAck":
      if (conn.reliable) sequenceAck(conn, frame);
      return;
    default:
      // Anything else: nothing to answer.
      return;
  }
}

/**
 * Starts the service on an ephemeral port of 127.0.0.1. `coalesce`: cork each connection for the
 * rest of the tick at its first frame (the emulator benchmark's raw server, a fair limit for the
 * emulator, which does the same); off for the client benchmark, whose fan-out latency would
 * otherwise include the service holding a burst's frames until the burst is written.
 */
export async function startMinimal(options: { readonly coalesce?: boolean } = {}): Promise<MinimalService> {
  coalesce = options.coalesce === true;
  const http = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({
    server: http,
    perMessageDeflate: false,
    handleProtocols: (protocols) => protocols.values().next().value ?? false,
  });
  wss.on("connection", (ws, req) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const conn: Conn = {
      ws,
      socket: req.socket,
      corked: false,
      id: `c${nextConn++}`,
      reliable: ws.protocol === JSON_RELIABLE_SUBPROTOCOL,
      ack: !url.pathname.endsWith("/noack"),
      sequenceId: 0,
      unacked: [],
      acked: 0,
    };
    ws.on("message", (data, isBinary) => {
      if (!isBinary) onFrame(conn, (data as Buffer).toString("utf8"));
    });
    ws.on("close", () => {
      for (const members of groups.values()) members.delete(conn);
    });
    ws.on("error", () => undefined);
    ws.send(
      `{"type":"system","event":"connected","userId":"bench","connectionId":"${conn.id}","reconnectionToken":"token-${conn.id}"}`,
    );
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    port: (http.address() as AddressInfo).port,
    connections: () => wss.clients.size,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
