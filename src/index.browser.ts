/**
 * web-pubsub-machine for browsers (the package's `browser` export condition): the same machines,
 * facade and exports as the Node entry, built with the `*.browser.ts` twins of the modules that
 * differ — the global `WebSocket` instead of `ws`, and an environment reporter that listens to
 * `online`/`offline`, visibility, `pagehide` and wall-clock jumps. No `ws`, `Buffer`, `process`
 * or `node:` module is reachable from here (`test/browser/bundle.test.ts` checks the build).
 * @packageDocumentation
 */
export * from "./index.js";
