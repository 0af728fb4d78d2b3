import { describe, expect, it } from "vitest";
import { CloseCode, JSON_RELIABLE_SUBPROTOCOL, JSON_SUBPROTOCOL } from "../../src/protocol/messages.js";

describe("protocol constants", () => {
  it("names the two JSON subprotocols as the service expects them", () => {
    expect(JSON_SUBPROTOCOL).toBe("json.webpubsub.azure.v1");
    expect(JSON_RELIABLE_SUBPROTOCOL).toBe("json.reliable.webpubsub.azure.v1");
  });
  it("uses 1008 for a session that cannot be recovered", () => {
    expect(CloseCode.PolicyViolation).toBe(1008);
  });
});
