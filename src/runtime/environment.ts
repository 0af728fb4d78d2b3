/**
 * The client machine's `environment` actor in Node: Node has no network, visibility or page
 * lifecycle events to report, so it reports nothing. The browser build replaces this module with
 * `environment.browser.ts` (see `scripts/browser-build.ts`), which has the same exports.
 */
import { fromCallback, type CallbackActorLogic } from "xstate";

/** Actor logic for the client machine's `environment` actor (it receives no events). */
export type EnvironmentLogic = CallbackActorLogic<{ type: "NONE" }>;

/** The environment of this build: nothing to report in Node. */
export function createDefaultEnvironment(): EnvironmentLogic {
  return fromCallback<{ type: "NONE" }>(() => undefined);
}
