/**
 * The silence watchdog the socket actor runs while the client machine is connected (`WATCH` /
 * `UNWATCH`): it sends `LINK.SILENT` when no frame has arrived for `timeoutInMs`. A timer of the
 * socket actor rather than a machine delay reset per frame, so that inbound frames cost no machine
 * event (the socket actor only stamps `link.lastInboundAt`), and not an actor of its own (each
 * costs a client ~1.5 KiB of heap); it samples ten times per timeout, so a dead link is found
 * between 1.0 and 1.1 timeouts after its last frame.
 */
import type { AnyEventObject } from "xstate";
import type { ClientEvent, WatchdogInput } from "../../machines/client.machine.js";
import type { Link } from "../transport/socket-actor.js";

/** Runs the watchdog on one client's link; returns its cleanup (`undefined` when disabled). */
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
