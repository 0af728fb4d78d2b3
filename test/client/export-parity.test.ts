/**
 * Every name `@azure/web-pubsub-client` exports, we export: its runtime exports, the public methods
 * of its `WebPubSubClient`, and its exported type names (read from its `.d.ts` with the TypeScript
 * compiler, ours from `src/index.ts`). The message and stream types are the official ones: each is
 * assignable to its official twin and back. A future official release that adds a name makes this
 * test fail.
 */
import * as official from "@azure/web-pubsub-client";
import { resolve } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import * as ours from "../../src/index.js";
import { createProgram, root } from "./typecheck.js";

/**
 * Public methods 1.1.0 has and we do not have yet (group streams, issue 15). When one lands,
 * delete its name here: the test fails while a listed name is already ours, so the list cannot
 * go stale.
 */
const PENDING_METHODS: readonly string[] = [];

const OFFICIAL_ENTRY = resolve(root, "node_modules/@azure/web-pubsub-client/dist/esm/index.d.ts");
const OFFICIAL_MESSAGES = resolve(
  root,
  "node_modules/@azure/web-pubsub-client/dist/esm/models/messages.d.ts",
);
const OUR_ENTRY = resolve(root, "src/index.ts");
const PAIRS_FILE = resolve(root, "test/client/fixtures/type-pairs.ts");

/** The names a module exports, each with whether it has a runtime value. */
function exportsOf(checker: ts.TypeChecker, file: ts.SourceFile): Map<string, "value" | "type"> {
  const module = checker.getSymbolAtLocation(file);
  if (module === undefined) throw new Error(`${file.fileName} is not a module`);
  const names = new Map<string, "value" | "type">();
  for (const symbol of checker.getExportsOfModule(module)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    names.set(symbol.name, target.flags & ts.SymbolFlags.Value ? "value" : "type");
  }
  return names;
}

/** The public instance members a module's exported class declares (not private, protected or `#`). */
function publicMembersOf(checker: ts.TypeChecker, file: ts.SourceFile, className: string): string[] {
  const module = checker.getSymbolAtLocation(file)!;
  let symbol = checker.getExportsOfModule(module).find((s) => s.name === className);
  if (symbol === undefined) throw new Error(`${className} is not exported from ${file.fileName}`);
  if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const instance = checker.getDeclaredTypeOfSymbol(symbol);
  return checker
    .getPropertiesOfType(instance)
    .filter((member) => {
      const hidden = (member.declarations ?? []).some(
        (d) =>
          ts.getCombinedModifierFlags(d) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected) ||
          (ts.isClassElement(d) && d.name !== undefined && ts.isPrivateIdentifier(d.name)),
      );
      return !hidden;
    })
    .map((member) => member.name)
    .sort();
}

/** Methods on a class's prototype chain (up to `Object`), without `constructor` and `_private` ones. */
function prototypeMethods(cls: { prototype: object }): string[] {
  const names = new Set<string>();
  for (
    let p: object | null = cls.prototype;
    p !== null && p !== Object.prototype;
    p = Object.getPrototypeOf(p)
  ) {
    for (const name of Object.getOwnPropertyNames(p)) {
      const descriptor = Object.getOwnPropertyDescriptor(p, name)!;
      if (name !== "constructor" && !name.startsWith("_") && typeof descriptor.value === "function")
        names.add(name);
    }
  }
  return [...names].sort();
}

/**
 * A program that assigns each type to its twin both ways: `const a: Ours = theirs` and back.
 * Only the assignments of one pair fail when that pair differs.
 */
function pairsProgram(names: readonly string[]): string {
  const lines = [
    `import type * as O from "@azure/web-pubsub-client";`,
    `import type * as U from "../../../src/index.js";`,
  ];
  for (const name of names) {
    lines.push(
      `export function ${name}_both_ways(o: O.${name}, u: U.${name}): [U.${name}, O.${name}] { return [o, u]; }`,
    );
  }
  return lines.join("\n");
}

describe("exports: everything @azure/web-pubsub-client 1.1.0 exports, we export", () => {
  let officialTypes: Map<string, "value" | "type">;
  let ourTypes: Map<string, "value" | "type">;
  let messageTypes: string[];
  let officialMembers: string[];
  let ourMembers: string[];
  let program: ts.Program;

  beforeAll(() => {
    program = createProgram([OFFICIAL_ENTRY, OUR_ENTRY], new Map());
    const checker = program.getTypeChecker();
    const officialFile = program.getSourceFile(OFFICIAL_ENTRY)!;
    const ourFile = program.getSourceFile(OUR_ENTRY)!;
    officialTypes = exportsOf(checker, officialFile);
    ourTypes = exportsOf(checker, ourFile);
    messageTypes = [...exportsOf(checker, program.getSourceFile(OFFICIAL_MESSAGES)!).keys()].sort();
    officialMembers = publicMembersOf(checker, officialFile, "WebPubSubClient");
    ourMembers = publicMembersOf(checker, ourFile, "WebPubSubClient");
  }, 120_000);

  it("the runtime exports (Object.keys of the module)", () => {
    const missing = Object.keys(official).filter((name) => !(name in ours));
    expect(missing).toEqual([]);
  });

  it("every exported name, types included, as a value where 1.1.0 has a value", () => {
    expect(officialTypes.size).toBeGreaterThan(70);
    const missing = [...officialTypes.keys()].filter((name) => !ourTypes.has(name));
    expect(missing).toEqual([]);
    const notValues = [...officialTypes].filter(
      ([name, kind]) => kind === "value" && ourTypes.get(name) !== "value",
    );
    expect(notValues).toEqual([]);
  });

  it("reads the official class's public methods from its .d.ts as they are at run time", () => {
    const declaredMethods = officialMembers.filter((name) =>
      prototypeMethods(official.WebPubSubClient).includes(name),
    );
    expect(declaredMethods).toEqual(prototypeMethods(official.WebPubSubClient));
  });

  it("every public member of WebPubSubClient, declared and at run time, but the pending ones", () => {
    const pending = new Set(PENDING_METHODS);
    expect(officialMembers.filter((name) => !ourMembers.includes(name) && !pending.has(name))).toEqual([]);
    const runtime = prototypeMethods(ours.WebPubSubClient);
    expect(
      prototypeMethods(official.WebPubSubClient).filter(
        (name) => !runtime.includes(name) && !pending.has(name),
      ),
    ).toEqual([]);
  });

  it("lists as pending only methods 1.1.0 has and we do not have yet", () => {
    for (const name of PENDING_METHODS) {
      expect(officialMembers, `${name} is not an official method`).toContain(name);
      expect(ourMembers, `${name} is ours now: delete it from PENDING_METHODS`).not.toContain(name);
      expect(prototypeMethods(ours.WebPubSubClient), `${name} is ours now`).not.toContain(name);
    }
  });

  it("the message and group-stream types are the official ones: assignable both ways", () => {
    // Every type of the official message model, and every stream type of its public API.
    const streamApi = [...officialTypes.keys()].filter(
      (name) => /Stream/.test(name) && !messageTypes.includes(name),
    );
    expect(streamApi).toEqual(
      expect.arrayContaining([
        "GroupStream",
        "GroupStreamWriter",
        "OnGroupStreamOptions",
        "OpenGroupStreamOptions",
      ]),
    );
    const names = [...messageTypes, ...streamApi];
    const source = pairsProgram(names);
    const pairs = createProgram([PAIRS_FILE], new Map([[PAIRS_FILE, source]]));
    const errors = ts
      .getPreEmitDiagnostics(pairs)
      .filter((d) => d.category === ts.DiagnosticCategory.Error && d.file?.fileName === PAIRS_FILE)
      .map((d) => {
        const line =
          d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
        return `${names[line - 2]!}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
      });
    expect(errors).toEqual([]);
  }, 120_000);
});
