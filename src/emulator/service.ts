/**
 * The service's state: hubs, the connection index, configuration, and opening and forgetting
 * connections. Transport (HTTP, upgrades) lives in `server.ts` / `upgrade.ts`.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";
import type { ClientClaims } from "./auth.js";
import { EventHandlers } from "./handlers/dispatcher.js";
import type { ResolvedPolicy } from "./handlers/http.js";
import type { HandlerTable } from "./handlers/settings.js";
import { ClientConnection } from "./connection.js";
import type { ConnectionContext } from "./connection.js";
import { Hub, hubKey } from "./hub.js";
import type { Log } from "./logger.js";
import { Permissions } from "./permissions.js";
import { GroupStreams } from "./streams.js";
import type { ServiceProtocol } from "./protocols/types.js";
import type { ConnectionInfo, EmulatorLimits, EventHandler, InvokeHandler } from "./types.js";
import { handleFrame } from "./upstream.js";
import type { UpstreamContext } from "./upstream.js";

/** Options after defaults. */
export interface ResolvedConfig {
  readonly accessKey: string;
  /** The access key as HMAC key bytes. */
  readonly key: Uint8Array;
  readonly recoveryWindowMs: number;
  readonly limits: EmulatorLimits;
  readonly onEvent: EventHandler | undefined;
  readonly onInvoke: InvokeHandler | undefined;
  readonly clockToleranceSeconds: number;
  /** Each hub's event handlers, checked. */
  readonly handlerTable: HandlerTable;
  readonly handlerPolicy: ResolvedPolicy;
  /** The idle timeout of a group stream whose start names none. */
  readonly streamIdleTimeoutMs: number;
}

/** A new connection id: 32 hex digits, as the Microsoft emulator makes them. */
export function newConnectionId(): string {
  return randomUUID().replaceAll("-", "");
}

/** The subprotocol a connection negotiated, as `ce-subprotocol` names it (none for a plain raw client). */
function negotiated(protocol: ServiceProtocol): string | undefined {
  if (protocol.simple === true) return (protocol as { readonly subprotocol?: string }).subprotocol;
  return protocol.name;
}

export class EmulatorService implements ConnectionContext, UpstreamContext {
  private readonly hubs = new Map<string, Hub>();
  private readonly index = new Map<string, ClientConnection>();
  readonly streams: GroupStreams;
  /** `Date.now()` until which upgrades are refused (the `refuseConnections` fault). */
  refuseUntil = 0;
  /** `host:port` the emulator is reachable at, set once listening. */
  endpointHost = "";
  /** The interface the emulator listens on, as given (`127.0.0.1`, `0.0.0.0`, a name…). */
  listenHost = "";
  /** The app server's event handlers, called as the service calls them. */
  readonly handlers: EventHandlers;

  constructor(
    readonly config: ResolvedConfig,
    readonly log: Log,
  ) {
    this.handlers = new EventHandlers(
      config.handlerTable,
      config.handlerPolicy,
      config.accessKey,
      () => this.endpointHost,
      log,
    );
    this.streams = new GroupStreams({
      log,
      defaultIdleTimeoutMs: config.streamIdleTimeoutMs,
      hubOf: (connection) => this.hubOf(connection),
    });
  }

  get limits(): EmulatorLimits {
    return this.config.limits;
  }

  get recoveryWindowMs(): number {
    return this.config.recoveryWindowMs;
  }

  get onEvent(): EventHandler | undefined {
    return this.config.onEvent;
  }

  get onInvoke(): InvokeHandler | undefined {
    return this.config.onInvoke;
  }

  /** The hub, created on first use. */
  hub(name: string): Hub {
    const key = hubKey(name);
    let hub = this.hubs.get(key);
    if (hub === undefined) this.hubs.set(key, (hub = new Hub(key)));
    return hub;
  }

  /** The hub if it has ever had a connection. */
  findHub(name: string): Hub | undefined {
    return this.hubs.get(hubKey(name));
  }

  hubOf(connection: ClientConnection): Hub | undefined {
    return this.hubs.get(connection.identity.hub);
  }

  /** A live (connected or recoverable) connection by id. */
  find(connectionId: string): ClientConnection | undefined {
    return this.index.get(connectionId);
  }

  /**
   * Opens a new logical connection on an upgraded socket: joins the token's groups, then sends
   * `system/connected` as the first frame, and tells the event handlers (`connected`).
   */
  open(
    hubName: string,
    protocol: ServiceProtocol,
    claims: Omit<ClientClaims, "claims">,
    ws: WebSocket,
    raw: Duplex,
    id = newConnectionId(),
  ): ClientConnection {
    const hub = this.hub(hubName);
    const permissions = Permissions.fromRoles(claims.roles);
    if (permissions.ignoredRoles.length > 0) {
      this.log.info(`ignoring unknown or invalid roles: ${permissions.ignoredRoles.join(", ")}`);
    }
    const connection = new ClientConnection(
      {
        id,
        hub: hub.name,
        userId: claims.userId,
        protocol,
        permissions,
        reconnectionToken: protocol.reliable ? randomBytes(32).toString("base64url") : undefined,
      },
      this,
    );
    hub.add(connection);
    this.index.set(connection.id, connection);
    for (const group of claims.groups) hub.join(connection, group);
    connection.attach(ws, raw);
    connection.sendConnected();
    this.handlers.opened({
      id: connection.id,
      hub: hub.name,
      userId: claims.userId,
      subprotocol: negotiated(protocol),
    });
    this.log.info(
      `connection ${connection.id} opened: hub '${hub.name}', user ${claims.userId === null ? "(anonymous)" : `'${claims.userId}'`}, ${protocol.name}`,
    );
    return connection;
  }

  /** Forgets a connection everywhere. Idempotent. */
  remove(connection: ClientConnection, reason: string): void {
    if (connection.removed) return;
    connection.dispose();
    const hub = this.hubs.get(connection.identity.hub);
    // Its streams end for their readers (`Cancelled`) while the group indexes still hold them.
    this.streams.cancelAll(hub, connection);
    hub?.remove(connection);
    if (this.index.get(connection.id) === connection) this.index.delete(connection.id);
    this.handlers.closed(connection.id, reason);
    this.log.info(`connection ${connection.id} removed: ${reason}`);
  }

  onFrame(connection: ClientConnection, data: Buffer, isBinary: boolean): void {
    handleFrame(this, connection, data, isBinary);
  }

  /** Snapshots of the connections, optionally of one hub. */
  connections(hub?: string): ConnectionInfo[] {
    const source =
      hub === undefined
        ? this.index.values()
        : (this.hubs.get(hubKey(hub))?.connections.values() ?? [].values());
    return [...source].map((c) => c.info());
  }

  /** Every connection, for shutdown. */
  all(): ClientConnection[] {
    return [...this.index.values()];
  }
}
