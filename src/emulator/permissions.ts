/**
 * Client roles and what they allow: `webpubsub.joinLeaveGroup[.<group>]`,
 * `webpubsub.sendToGroup[.<group>]` and the wildcard forms `webpubsub.joinLeaveGroups.<pattern>`,
 * `webpubsub.sendToGroups.<pattern>` (protocol.md §6).
 */

/** The two permission kinds a role (or a REST `grantPermission`) can give. */
export type PermissionKind = "joinLeaveGroup" | "sendToGroup";

/** The most `*` characters a wildcard pattern may contain (the service's documented limit). */
export const MAX_PATTERN_STARS = 5;

type PatternToken =
  | { readonly t: "lit"; readonly c: string }
  | { readonly t: "one" }
  | { readonly t: "star" }
  | { readonly t: "globstar" };

/** A compiled wildcard group pattern. */
export interface GroupPattern {
  readonly source: string;
  readonly tokens: readonly PatternToken[];
}

/**
 * Compiles a wildcard group pattern: `?` one non-dot character, `*` a run of non-dot characters,
 * `**` any run including dots, `\` escapes the next character.
 * Returns an error message for a pattern the service would refuse.
 */
export function compileGroupPattern(source: string): GroupPattern | string {
  const tokens: PatternToken[] = [];
  let stars = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === "\\") {
      const next = source[i + 1];
      if (next === undefined) return `pattern '${source}' ends with a lone escape character`;
      tokens.push({ t: "lit", c: next });
      i++;
    } else if (c === "?") {
      tokens.push({ t: "one" });
    } else if (c === "*") {
      if (source[i + 1] === "*") {
        stars += 2;
        i++;
        // Runs longer than `**` match the same strings as `**`.
        while (source[i + 1] === "*") {
          stars++;
          i++;
        }
        tokens.push({ t: "globstar" });
      } else {
        stars++;
        tokens.push({ t: "star" });
      }
    } else {
      tokens.push({ t: "lit", c });
    }
  }
  if (stars > MAX_PATTERN_STARS) {
    return `pattern '${source}' has ${stars} '*' characters; at most ${MAX_PATTERN_STARS} are allowed`;
  }
  if (tokens.length === 0) return "pattern is empty";
  return { source, tokens };
}

/**
 * Whether `group` matches `pattern`. A dynamic-programming match rather than a regular expression
 * so that a hostile pattern (`*a*a*a*a*a`) against a long group name stays O(n·m), not exponential.
 */
export function matchGroupPattern(pattern: GroupPattern, group: string): boolean {
  const n = group.length;
  // reach[j]: the tokens consumed so far can match exactly group[0, j).
  let reach = new Uint8Array(n + 1);
  reach[0] = 1;
  for (const token of pattern.tokens) {
    const next = new Uint8Array(n + 1);
    let any = false;
    switch (token.t) {
      case "lit":
        for (let j = 0; j < n; j++) {
          if (reach[j] && group[j] === token.c) {
            next[j + 1] = 1;
            any = true;
          }
        }
        break;
      case "one":
        for (let j = 0; j < n; j++) {
          if (reach[j] && group[j] !== ".") {
            next[j + 1] = 1;
            any = true;
          }
        }
        break;
      case "star":
        for (let j = 0; j <= n; j++) {
          // Either start here, or extend a run from j-1 across a non-dot character.
          if (reach[j] || (j > 0 && next[j - 1] && group[j - 1] !== ".")) {
            next[j] = 1;
            any = true;
          }
        }
        break;
      case "globstar":
        for (let j = 0; j <= n; j++) {
          if (reach[j] || (j > 0 && next[j - 1])) {
            next[j] = 1;
            any = true;
          }
        }
        break;
    }
    if (!any) return false;
    reach = next;
  }
  return reach[n] === 1;
}

/** One kind of permission: everything, a set of exact groups, and wildcard patterns. */
class PermissionSet {
  all = false;
  readonly exact = new Set<string>();
  readonly patterns: GroupPattern[] = [];

  allows(group: string): boolean {
    if (this.all || this.exact.has(group)) return true;
    for (const pattern of this.patterns) {
      if (matchGroupPattern(pattern, group)) return true;
    }
    return false;
  }
}

const ROLE_PREFIX = "webpubsub.";

/** The permissions of one connection, from its token's roles plus any granted over REST. */
export class Permissions {
  private readonly joinLeave = new PermissionSet();
  private readonly send = new PermissionSet();
  /** Roles that were not understood, kept so the emulator can log them once. */
  readonly ignoredRoles: string[] = [];

  /** Builds permissions from the `role` claim. Unknown roles are ignored, as the service does. */
  static fromRoles(roles: readonly string[]): Permissions {
    const permissions = new Permissions();
    for (const role of roles) permissions.addRole(role);
    return permissions;
  }

  private addRole(role: string): void {
    if (!role.startsWith(ROLE_PREFIX)) {
      this.ignoredRoles.push(role);
      return;
    }
    const rest = role.slice(ROLE_PREFIX.length);
    const forms: ReadonlyArray<readonly [string, PermissionSet, boolean]> = [
      ["joinLeaveGroups.", this.joinLeave, true],
      ["sendToGroups.", this.send, true],
      ["joinLeaveGroup.", this.joinLeave, false],
      ["sendToGroup.", this.send, false],
    ];
    if (rest === "joinLeaveGroup") {
      this.joinLeave.all = true;
      return;
    }
    if (rest === "sendToGroup") {
      this.send.all = true;
      return;
    }
    for (const [prefix, set, wildcard] of forms) {
      if (!rest.startsWith(prefix)) continue;
      const target = rest.slice(prefix.length);
      if (target === "") break;
      if (!wildcard) {
        set.exact.add(target);
        return;
      }
      const compiled = compileGroupPattern(target);
      if (typeof compiled === "string") break;
      set.patterns.push(compiled);
      return;
    }
    this.ignoredRoles.push(role);
  }

  /** Whether the connection may join or leave `group`. */
  canJoinLeave(group: string): boolean {
    return this.joinLeave.allows(group);
  }

  /** Whether the connection may send to `group`. */
  canSendTo(group: string): boolean {
    return this.send.allows(group);
  }

  private setFor(kind: PermissionKind): PermissionSet {
    return kind === "joinLeaveGroup" ? this.joinLeave : this.send;
  }

  /** REST `grantPermission`: without a target the permission covers every group. */
  grant(kind: PermissionKind, target?: string): void {
    const set = this.setFor(kind);
    if (target === undefined) set.all = true;
    else set.exact.add(target);
  }

  /**
   * REST `revokePermission`. Without a target it removes the all-groups permission and every
   * exact grant; with one it removes that exact grant (a role's wildcard cannot be carved up).
   */
  revoke(kind: PermissionKind, target?: string): void {
    const set = this.setFor(kind);
    if (target === undefined) {
      set.all = false;
      set.exact.clear();
      set.patterns.length = 0;
    } else {
      set.exact.delete(target);
    }
  }

  /** REST `checkPermission`: with a target, whether that group is allowed; without, whether all are. */
  has(kind: PermissionKind, target?: string): boolean {
    const set = this.setFor(kind);
    return target === undefined ? set.all : set.allows(target);
  }
}
