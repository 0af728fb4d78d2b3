import { describe, expect, it } from "vitest";
import { parseFilter } from "../../src/emulator/filter.js";

describe("OData filters", () => {
  const subject = { connectionId: "c1", userId: "alice", groups: new Set(["admins", "chat"]) };

  it("evaluates comparisons, in, logic and functions", () => {
    const cases: Array<[string, boolean]> = [
      ["userId eq 'alice'", true],
      ["userId ne 'alice'", false],
      ["'admins' in groups", true],
      ["'x' in groups or connectionId eq 'c1'", true],
      ["not ('chat' in groups)", false],
      ["length(userId) gt 3 and startswith(userId, 'al')", true],
      ["userId in ('bob', 'alice')", true],
      ["userId eq null", false],
      ["tolower('ALICE') eq userId", true],
    ];
    for (const [text, expected] of cases) {
      const filter = parseFilter(text);
      if (typeof filter === "string") throw new Error(filter);
      expect(filter(subject), text).toBe(expected);
    }
  });

  it("reports unsupported filters", () => {
    for (const text of ["userId eq", "foo eq 1", "'unterminated", "userId eq 'a' )"]) {
      expect(typeof parseFilter(text)).toBe("string");
    }
  });
});
