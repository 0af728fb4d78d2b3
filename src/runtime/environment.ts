/**
 * What the environment reports to the client machine, run inside the `socket` actor (one actor
 * fewer per client; see `src/runtime/client-actors.ts`). Node has no network, visibility or page
 * lifecycle events to report, so it reports nothing and adds nothing to the socket actor. The
 * browser build replaces this module with `environment.browser.ts` (see
 * `scripts/browser-build.ts`), which has the same exports.
 */
import type { EnvironmentEvent } from "../../machines/client.machine.js";

/**
 * Reports {@link EnvironmentEvent}s through `sendBack` from when the client starts running until
 * the returned cleanup is called (when it stops).
 */
export type EnvironmentReporter = (args: {
  readonly sendBack: (event: EnvironmentEvent) => void;
}) => (() => void) | undefined;

/** The environment of this build: nothing to report in Node. */
export function createDefaultEnvironment(): EnvironmentReporter | undefined {
  return undefined;
}
