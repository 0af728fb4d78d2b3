import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Permissions, compileGroupPattern, matchGroupPattern } from "../../src/emulator/permissions.js";
import type { GroupPattern } from "../../src/emulator/permissions.js";

function pattern(source: string): GroupPattern {
  const compiled = compileGroupPattern(source);
  if (typeof compiled === "string") throw new Error(compiled);
  return compiled;
}

const matches = (p: string, g: string): boolean => matchGroupPattern(pattern(p), g);

describe("wildcard group patterns", () => {
  it("? matches exactly one non-dot character", () => {
    expect(matches("room?", "room1")).toBe(true);
    expect(matches("room?", "room")).toBe(false);
    expect(matches("room?", "room12")).toBe(false);
    expect(matches("room?", "room.")).toBe(false);
  });

  it("* matches a run of non-dot characters, including none", () => {
    expect(matches("chat.*", "chat.lobby")).toBe(true);
    expect(matches("chat.*", "chat.")).toBe(true);
    expect(matches("chat.*", "chat.a.b")).toBe(false);
    expect(matches("*.admin", "team.admin")).toBe(true);
    expect(matches("a*b*c", "aXXbYYc")).toBe(true);
    expect(matches("a*b*c", "aXX.bYYc")).toBe(false);
  });

  it("** crosses dots", () => {
    expect(matches("chat.**", "chat.a.b.c")).toBe(true);
    expect(matches("**", "anything.at.all")).toBe(true);
    expect(matches("a.**.z", "a.b.c.z")).toBe(true);
    expect(matches("a.**.z", "b.c.z")).toBe(false);
  });

  it("\\ escapes the next character", () => {
    expect(matches("what\\?", "what?")).toBe(true);
    expect(matches("what\\?", "whatX")).toBe(false);
    expect(matches("star\\*", "star*")).toBe(true);
    expect(matches("star\\*", "starry")).toBe(false);
    expect(matches("back\\\\slash", "back\\slash")).toBe(true);
  });

  it("allows at most five '*' and refuses a trailing escape", () => {
    expect(typeof compileGroupPattern("*.*.*.*.*")).toBe("object");
    expect(typeof compileGroupPattern("*.*.*.*.*.*")).toBe("string");
    expect(typeof compileGroupPattern("**.**.**")).toBe("string");
    expect(typeof compileGroupPattern("a\\*b\\*c\\*d\\*e\\*f\\*")).toBe("object");
    expect(typeof compileGroupPattern("bad\\")).toBe("string");
  });

  it("matches a literal pattern only against itself", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "b", ".", "x"), maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        (p, g) => {
          if (p.length === 0) return;
          expect(matches(p, g)).toBe(p === g);
        },
      ),
    );
  });

  it("stays fast on a hostile pattern and a long group name", () => {
    const started = performance.now();
    expect(matches("*a*a*a*a*b", "a".repeat(1024))).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe("roles", () => {
  it("no role allows nothing", () => {
    const p = Permissions.fromRoles([]);
    expect(p.canJoinLeave("g")).toBe(false);
    expect(p.canSendTo("g")).toBe(false);
  });

  it("webpubsub.joinLeaveGroup and webpubsub.sendToGroup cover every group", () => {
    const p = Permissions.fromRoles(["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"]);
    expect(p.canJoinLeave("any.group")).toBe(true);
    expect(p.canSendTo("other")).toBe(true);
  });

  it("the .<group> forms cover that group only (dots included)", () => {
    const p = Permissions.fromRoles(["webpubsub.joinLeaveGroup.team.a", "webpubsub.sendToGroup.lobby"]);
    expect(p.canJoinLeave("team.a")).toBe(true);
    expect(p.canJoinLeave("team.b")).toBe(false);
    expect(p.canSendTo("lobby")).toBe(true);
    expect(p.canSendTo("team.a")).toBe(false);
  });

  it("the wildcard forms use patterns", () => {
    const p = Permissions.fromRoles(["webpubsub.joinLeaveGroups.chat.*", "webpubsub.sendToGroups.news.**"]);
    expect(p.canJoinLeave("chat.x")).toBe(true);
    expect(p.canJoinLeave("chat.x.y")).toBe(false);
    expect(p.canSendTo("news.a.b")).toBe(true);
    expect(p.canSendTo("chat.x")).toBe(false);
  });

  it("ignores unknown and invalid roles", () => {
    const p = Permissions.fromRoles([
      "admin",
      "webpubsub.sendToGroups.*.*.*.*.*.*",
      "webpubsub.joinLeaveGroup.",
    ]);
    expect(p.ignoredRoles).toHaveLength(3);
    expect(p.canSendTo("a.b.c.d.e.f")).toBe(false);
  });

  it("grant, check and revoke work like the REST permission API", () => {
    const p = Permissions.fromRoles([]);
    p.grant("sendToGroup", "g1");
    expect(p.canSendTo("g1")).toBe(true);
    expect(p.has("sendToGroup", "g1")).toBe(true);
    expect(p.has("sendToGroup")).toBe(false);
    p.grant("joinLeaveGroup");
    expect(p.has("joinLeaveGroup")).toBe(true);
    expect(p.has("joinLeaveGroup", "anything")).toBe(true);
    p.revoke("sendToGroup", "g1");
    expect(p.canSendTo("g1")).toBe(false);
    p.revoke("joinLeaveGroup");
    expect(p.canJoinLeave("x")).toBe(false);
  });
});
