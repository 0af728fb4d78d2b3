/**
 * Redaction removes tokens, not prose: every secret form the client, the emulator and the CLI
 * may print is replaced, and the words around them survive.
 */
import { describe, expect, it } from "vitest";
import { redact as emulatorRedact } from "../../src/emulator/logger.js";
import { redact } from "../../src/logging.js";
import { REDACTED } from "../../src/redact.js";

const JWT =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwOi8vMTI3LjAuMC4xOjgwODAvY2xpZW50L2h1YnMvY2hhdCJ9.c2lnbmF0dXJlLWJ5dGVz";
const ACCESS_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";
const RECONNECTION_TOKEN = "Q2hhdFJlY29ubmVjdGlvblRva2VuLTEyMzQ1Njc4OTA";

describe("redact", () => {
  it.each([
    ["a JWT anywhere", `token is ${JWT} here`, JWT],
    ["an access_token query parameter", `ws://h/client/hubs/chat?access_token=opaque-123&x=1`, "opaque-123"],
    [
      "a reconnection token query parameter",
      `wss://h/client/hubs/chat?awps_connection_id=c1&awps_reconnection_token=${RECONNECTION_TOKEN}`,
      RECONNECTION_TOKEN,
    ],
    [
      "a reconnection token in a JSON frame",
      `{"type":"system","event":"connected","reconnectionToken":"${RECONNECTION_TOKEN}"}`,
      RECONNECTION_TOKEN,
    ],
    [
      "an access key in a connection string",
      `Endpoint=http://h;AccessKey=${ACCESS_KEY};Version=1.0;`,
      ACCESS_KEY,
    ],
    ["an access key in a JSON field", `{"accessKey":"${ACCESS_KEY}"}`, ACCESS_KEY],
    ["a short bearer credential with punctuation", "Authorization: Bearer abc.def", "abc.def"],
    ["a long opaque bearer credential", `Authorization: Bearer ${ACCESS_KEY}`, ACCESS_KEY],
  ])("removes %s", (_name, text, secret) => {
    const result = redact(text);
    expect(result).not.toContain(secret);
    expect(result).toContain(REDACTED);
  });

  it.each([
    "Unauthorized: no access token (use ?access_token= or an Authorization: Bearer header)",
    "send the token in a bearer header, or as access_token in the query",
    "Bearer authentication failed: the token has expired.",
    "The reconnection token is valid for its own connection only; the access key signs tokens.",
    "closed 1008: The connection no longer exists",
  ])("leaves prose alone: %s", (text) => {
    expect(redact(text)).toBe(text);
  });

  it("keeps what surrounds a secret", () => {
    expect(redact(`GET /client/hubs/chat?access_token=${JWT}&group=a 401`)).toBe(
      `GET /client/hubs/chat?access_token=${REDACTED}&group=a 401`,
    );
    expect(redact(`Endpoint=http://h;AccessKey=${ACCESS_KEY};Version=1.0;`)).toBe(
      `Endpoint=http://h;AccessKey=${REDACTED};Version=1.0;`,
    );
  });

  it("is the emulator's rule too", () => {
    const line = `refused (use an Authorization: Bearer header): Bearer ${JWT}`;
    expect(emulatorRedact(line)).toBe(redact(line));
    expect(emulatorRedact(line)).toBe(`refused (use an Authorization: Bearer header): Bearer ${REDACTED}`);
  });
});
