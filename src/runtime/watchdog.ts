/**
 * The silence watchdog the client machine invokes while connected: it sends `LINK.SILENT` when no
 * frame has arrived for `timeoutInMs`. A callback actor rather than a machine delay reset per
 * frame, so that inbound frames cost no machine event (the socket actor only stamps
 * `link.lastInboundAt`); it samples ten times per timeout, so a dead link is found between 1.0 and
 * 1.1 timeouts after its last frame.
 */
import { fromCallback, type AnyEventObject } from "xstate";
import type { ClientEvent, WatchdogInput } from "../../machines/client.machine.js";
import type { Link } from "../transport/socket-actor.js";

export function createWatchdogActor(link: Link) {
  return fromCallback<{ type: "NONE" }, WatchdogInput>((args) => runWatchdog(link, args));
}

/** The watchdog's body for one client's link (shared logic: `src/runtime/client-actors.ts`). */
export function runWatchdog(
  link: Link,
  { input, sendBack }: { readonly input: WatchdogInput; readonly sendBack: (event: AnyEventObject) => void },
): (() => void) | undefined {
  const timeout = input.timeoutInMs;
  if (!(timeout > 0)) return undefined;
  // The connection just became ready: count silence from now, not from before a recovery.
  link.lastInboundAt = Date.now();
  const timer = setInterval(
    () => {
      if (Date.now() - link.lastInboundAt >= timeout) {
        clearInterval(timer);
        (sendBack as (event: ClientEvent) => void)({ type: "LINK.SILENT" });
      }
    },
    Math.max(1, Math.floor(timeout / 10)),
  );
  return () => clearInterval(timer);
}
