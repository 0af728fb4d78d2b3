/**
 * Browser twin of `sender.ts`. The relay sender needs Node (`ws`, unref'd sockets); a page passes
 * an inspection observer instead, e.g. `@statelyai/inspect`'s `createBrowserInspector().inspect`.
 */
import type { InspectorSender, InspectorSenderOptions } from "./sender.js";

export type { InspectorSender, InspectorSenderOptions, InspectorSenderState } from "./sender.js";

/** @throws TypeError always: a URL inspector is Node-only. */
export function createInspectorSender(url: string, _options: InspectorSenderOptions = {}): InspectorSender {
  throw new TypeError(
    `inspect: "${url}" needs Node; in a browser pass an inspection observer (e.g. createBrowserInspector().inspect from @statelyai/inspect)`,
  );
}
