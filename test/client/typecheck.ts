/**
 * Type-checking a program in memory with the repository's compiler options, for the tests that
 * compare our public API with `@azure/web-pubsub-client` 1.1's.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The options of `tsconfig.json`, without emitting. */
export function compilerOptions(): ts.CompilerOptions {
  const configPath = resolve(root, "tsconfig.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!parsed) throw new Error("tsconfig.json could not be read");
  return { ...parsed.options, noEmit: true };
}

/** A program of the given files, where `sources` are files that exist only in memory. */
export function createProgram(files: readonly string[], sources: ReadonlyMap<string, string>): ts.Program {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError, shouldCreate) => {
    const text = sources.get(resolve(name));
    return text === undefined
      ? getSourceFile(name, language, onError, shouldCreate)
      : ts.createSourceFile(name, text, language);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => sources.has(resolve(name)) || fileExists(name);
  return ts.createProgram(files, options, host);
}

/** Type-checks `source` as if it were the file `fileName`; returns the error messages. */
export function typeCheck(fileName: string, source: string): string[] {
  const program = createProgram([fileName], new Map([[resolve(fileName), source]]));
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}
