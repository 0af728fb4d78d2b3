/**
 * A program written for `@azure/web-pubsub-client` 1.1 type-checks against web-pubsub-machine with
 * only its import line changed. The same fixture is compiled against both packages, so the test
 * also proves the fixture really is written against the official API.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { typeCheck } from "./typecheck.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixture = resolve(here, "fixtures/official-api.ts");
const OFFICIAL_IMPORT = `from "@azure/web-pubsub-client";`;
const OUR_IMPORT = `from "../../../src/index.js";`;

describe("API compatibility with @azure/web-pubsub-client 1.1", () => {
  const official = readFileSync(fixture, "utf8");
  const ours = official.replace(OFFICIAL_IMPORT, OUR_IMPORT);

  it("the fixture differs from its twin only in the import line", () => {
    const a = official.split("\n");
    const b = ours.split("\n");
    expect(b).toHaveLength(a.length);
    const differing = a.flatMap((line, i) => (line === b[i] ? [] : [line]));
    expect(differing).toEqual([`} ${OFFICIAL_IMPORT}`]);
  });

  it("compiles against the official package", () => {
    expect(typeCheck(fixture, official)).toEqual([]);
  }, 60_000);

  it("compiles against web-pubsub-machine with only the import changed", () => {
    expect(typeCheck(resolve(here, "fixtures/official-api.ours.ts"), ours)).toEqual([]);
  }, 60_000);
});
