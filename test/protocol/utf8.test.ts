import { describe, expect, it } from "vitest";
import { decodeUtf8 } from "../../src/protocol/utf8.js";

describe("decodeUtf8", () => {
  it("decodes well-formed UTF-8 from an ArrayBuffer or a view's window", () => {
    const bytes = new TextEncoder().encode(`x{"a":"é😀"}x`);
    expect(decodeUtf8(bytes.subarray(1, bytes.length - 1))).toBe(`{"a":"é😀"}`);
    expect(decodeUtf8(bytes.slice().buffer)).toBe(`x{"a":"é😀"}x`);
  });

  it("drops a byte-order mark", () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x31]))).toBe("1");
  });

  it.each([
    ["a lone continuation byte", [0x80]],
    ["a truncated sequence", [0xe2, 0x82]],
    ["an overlong encoding", [0xc0, 0xaf]],
    ["an encoded surrogate", [0xed, 0xa0, 0x80]],
  ])("rejects %s", (_name, bytes) => {
    expect(decodeUtf8(new Uint8Array(bytes))).toBeUndefined();
  });
});
