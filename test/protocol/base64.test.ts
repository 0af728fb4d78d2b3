import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64 } from "../../src/protocol/base64.js";

/** Node's encoder is the reference; the code under test must not use it. */
const reference = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64");

describe("encodeBase64", () => {
  it.each<[number[], string]>([
    [[], ""],
    [[0x66], "Zg=="],
    [[0x66, 0x6f], "Zm8="],
    [[0x66, 0x6f, 0x6f], "Zm9v"],
    [[0xfb, 0xff, 0xbf], "+/+/"],
  ])("encodes %j as %s (RFC 4648 vectors)", (input, output) => {
    expect(encodeBase64(new Uint8Array(input))).toBe(output);
    expect(encodeBase64(new Uint8Array(input).buffer)).toBe(output);
  });

  it("encodes only a view's own window", () => {
    const backing = new Uint8Array([9, 9, 1, 2, 3, 9]);
    expect(encodeBase64(backing.subarray(2, 5))).toBe("AQID");
  });

  it("matches Node's encoder for random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        expect(encodeBase64(bytes)).toBe(reference(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it("handles 1 MiB", () => {
    const bytes = new Uint8Array(1 << 20).map((_, i) => (i * 31) & 255);
    const text = encodeBase64(bytes);
    expect(text).toBe(reference(bytes));
    // Buffer.compare: a deep toEqual over a million elements takes seconds.
    expect(Buffer.compare(new Uint8Array(decodeBase64(text)!), bytes)).toBe(0);
  });
});

describe("decodeBase64", () => {
  it.each<[string, number[]]>([
    ["", []],
    ["Zg==", [0x66]],
    ["Zg", [0x66]],
    ["Zm8=", [0x66, 0x6f]],
    ["Zm8", [0x66, 0x6f]],
    ["Zm9v", [0x66, 0x6f, 0x6f]],
    ["+/+/", [0xfb, 0xff, 0xbf]],
    // Non-zero pad bits are ignored, as atob does.
    ["Zh==", [0x66]],
  ])("decodes %s", (input, output) => {
    expect(new Uint8Array(decodeBase64(input)!)).toEqual(new Uint8Array(output));
  });

  it.each([
    ["a length of 4n+1", "Zm9vZ"],
    ["a lone character", "Z"],
    ["partial padding", "Zg="],
    ["too much padding", "Z==="],
    ["padding in the middle", "Zg==Zg=="],
    ["padding at the start", "=Zm9"],
    ["whitespace", "Zm9v\n"],
    ["an inner space", "Zm 9v"],
    ["the url-safe alphabet", "-_-_"],
    ["a NUL", "Zm9\u0000"],
    ["non-ASCII", "Zm9é"],
    ["a high surrogate", "Zm9\ud800"],
    ["a character whose low byte is in the alphabet", "Zm9\u0141"],
  ])("rejects %s", (_name, input) => {
    expect(decodeBase64(input)).toBeUndefined();
  });

  it.each([65532, 65536, 65540])(
    "decodes and validates a %i-character text (around the scratch size)",
    (chars) => {
      const bytes = new Uint8Array((chars / 4) * 3).map((_, i) => i);
      const text = encodeBase64(bytes);
      expect(text.length).toBe(chars);
      expect(Buffer.compare(new Uint8Array(decodeBase64(text)!), bytes)).toBe(0);
      expect(decodeBase64(text.slice(0, -1) + "é")).toBeUndefined();
      expect(decodeBase64("é" + text.slice(1))).toBeUndefined();
      expect(decodeBase64(text.slice(0, -1) + "\ud83d")).toBeUndefined();
    },
  );

  it("returns an exact, fresh ArrayBuffer", () => {
    const buffer = decodeBase64("AQID")!;
    expect(buffer).toBeInstanceOf(ArrayBuffer);
    expect(buffer.byteLength).toBe(3);
  });

  it("round-trips random bytes, padded and unpadded", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(new Uint8Array(decodeBase64(text)!)).toEqual(bytes);
        expect(new Uint8Array(decodeBase64(text.replace(/=+$/, ""))!)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with atob on what is valid, for strings over the base64 alphabet and a few strays", () => {
    const char = fc.constantFrom(..."ABCXYZabcxyz0189+/=-_ \u00e9".split(""));
    fc.assert(
      fc.property(fc.string({ unit: char, maxLength: 12 }), (text) => {
        let expected: Uint8Array | undefined;
        // atob also strips ASCII whitespace, which we deliberately reject.
        if (!/\s/.test(text)) {
          try {
            expected = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
          } catch {
            expected = undefined;
          }
        }
        const actual = decodeBase64(text);
        expect(actual === undefined ? undefined : new Uint8Array(actual)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
