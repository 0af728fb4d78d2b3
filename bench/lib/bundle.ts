/**
 * One browser bundle measured: esbuild (minified ESM for browsers, nothing written), its size
 * minified, gzip -9 and brotli 11, and the minified bytes per part (esbuild's metafile). Shared by
 * bench/bundle/size.ts (the whole client) and bench/protobuf/compare.ts (a codec per library).
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";

export interface BundleSize {
  readonly minified: number;
  readonly gzip: number;
  readonly brotli: number;
  /** Minified bytes per part, as `partOf` names the inputs. */
  readonly parts: ReadonlyMap<string, number>;
}

export interface BundleOptions {
  /** The entry's source, resolved from `resolveDir`. */
  readonly contents: string;
  readonly resolveDir: string;
  /** Which part of the bundle an input (a path relative to the working directory) belongs to. */
  readonly partOf: (input: string) => string;
  readonly plugins?: Plugin[];
  readonly external?: string[];
}

/** The package an input comes from, if it comes from node_modules. */
export function packageOf(input: string): string | undefined {
  return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
}

export async function measureBundle(options: BundleOptions): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: options.contents, resolveDir: options.resolveDir, loader: "ts", sourcefile: "app.ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    // What an app's production build defines.
    define: { "process.env.NODE_ENV": '"production"' },
    external: options.external ?? [],
    plugins: options.plugins ?? [],
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const parts = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const part = options.partOf(input);
      parts.set(part, (parts.get(part) ?? 0) + bytesInOutput);
    }
  }
  return {
    parts,
    minified: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    brotli: brotliCompressSync(code, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
    }).byteLength,
  };
}
