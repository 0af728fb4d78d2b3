/**
 * The esbuild plugin behind the browser build (tsup.config.ts), the browser end-to-end test's
 * page bundle and the bundle-size benchmark: a relative import `./x.js` made by a file in `src/`
 * or `machines/` resolves to `./x.browser.ts` when that twin exists (the `browser` field
 * convention, per module), and any Node built-in or `ws` is a build error rather than a broken
 * page at run time.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sourceDirs = [path.join(root, "src") + path.sep, path.join(root, "machines") + path.sep];

/** Modules a browser build must never reach. */
export const NODE_ONLY =
  /^(?:node:.*|ws|buffer|crypto|events|fs|http|https|net|os|path|stream|tls|url|util|zlib)$/;

/** The browser entry of the package. */
export const BROWSER_ENTRY = path.join(root, "src", "index.browser.ts");

/** See the file comment. */
export function browserModules(): Plugin {
  return {
    name: "web-pubsub-machine:browser-modules",
    setup(build) {
      build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
        if (!sourceDirs.some((dir) => args.importer.startsWith(dir))) return undefined;
        const twin = path.resolve(args.resolveDir, args.path.replace(/\.js$/, ".browser.ts"));
        // The browser entry itself re-exports `./index.js`: that one is meant, not its twin.
        return twin !== args.importer && existsSync(twin) ? { path: twin } : undefined;
      });
      build.onResolve({ filter: NODE_ONLY }, (args) => ({
        errors: [
          {
            text: `"${args.path}" is Node-only and must not reach the browser build (from ${args.importer})`,
          },
        ],
      }));
    },
  };
}
