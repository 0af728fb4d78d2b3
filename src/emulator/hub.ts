/**
 * One hub: its connections and the group and user indexes used for fan-out.
 */
import type { ClientConnection } from "./connection.js";
import type { OutboundMessage } from "./outbound.js";

/** Hub names are case-insensitive. */
export function hubKey(hub: string): string {
  return hub.toLowerCase();
}

export class Hub {
  readonly connections = new Map<string, ClientConnection>();
  private readonly groups = new Map<string, Set<ClientConnection>>();
  private readonly users = new Map<string, Set<ClientConnection>>();

  constructor(readonly name: string) {}

  add(connection: ClientConnection): void {
    this.connections.set(connection.id, connection);
    const userId = connection.userId;
    if (userId !== null) {
      let set = this.users.get(userId);
      if (set === undefined) this.users.set(userId, (set = new Set()));
      set.add(connection);
    }
  }

  remove(connection: ClientConnection): void {
    if (this.connections.get(connection.id) !== connection) return;
    this.connections.delete(connection.id);
    for (const group of connection.groups) this.dropMember(group, connection);
    connection.groups.clear();
    const userId = connection.userId;
    if (userId !== null) {
      const set = this.users.get(userId);
      set?.delete(connection);
      if (set?.size === 0) this.users.delete(userId);
    }
  }

  /** Adds a connection to a group; returns false if it was already a member. */
  join(connection: ClientConnection, group: string): boolean {
    if (connection.groups.has(group)) return false;
    connection.groups.add(group);
    let members = this.groups.get(group);
    if (members === undefined) this.groups.set(group, (members = new Set()));
    members.add(connection);
    return true;
  }

  /** Removes a connection from a group; returns false if it was not a member. */
  leave(connection: ClientConnection, group: string): boolean {
    if (!connection.groups.delete(group)) return false;
    this.dropMember(group, connection);
    return true;
  }

  /** Removes a connection from every group. */
  leaveAll(connection: ClientConnection): void {
    for (const group of connection.groups) this.dropMember(group, connection);
    connection.groups.clear();
  }

  private dropMember(group: string, connection: ClientConnection): void {
    const members = this.groups.get(group);
    if (members === undefined) return;
    members.delete(connection);
    if (members.size === 0) this.groups.delete(group);
  }

  /** Members of a group (empty when the group has none). */
  members(group: string): ReadonlySet<ClientConnection> {
    return this.groups.get(group) ?? EMPTY;
  }

  /** Connections of a user (empty when the user has none). */
  userConnections(userId: string): ReadonlySet<ClientConnection> {
    return this.users.get(userId) ?? EMPTY;
  }

  hasGroup(group: string): boolean {
    return this.groups.has(group);
  }

  hasUser(userId: string): boolean {
    return this.users.has(userId);
  }

  /** Sends to every member of a group except `skip` (noEcho) and those `exclude` rejects. */
  sendToGroup(
    group: string,
    message: OutboundMessage,
    skip?: ClientConnection,
    include?: (c: ClientConnection) => boolean,
  ): void {
    const members = this.groups.get(group);
    if (members === undefined) return;
    for (const member of members) {
      if (member !== skip && (include === undefined || include(member))) member.deliver(message);
    }
  }

  /** Sends to every connection of the hub that `include` accepts. */
  broadcast(message: OutboundMessage, include?: (c: ClientConnection) => boolean): void {
    for (const connection of this.connections.values()) {
      if (include === undefined || include(connection)) connection.deliver(message);
    }
  }
}

const EMPTY: ReadonlySet<ClientConnection> = new Set();
