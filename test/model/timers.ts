/**
 * XState delays under fake timers: an actor system lists its scheduled events
 * (`system.getSnapshot()`, part of XState's typed system API), so a model runner can fire the one
 * delay a path names, whatever else is pending.
 */
import { vi } from "vitest";
import type { AnyActorRef } from "xstate";

/** Advances the fake clock until the delayed event `type` of `actor` is due. */
export function fireDelayedEvent(actor: AnyActorRef, type: string): void {
  const scheduled = Object.values(actor.system.getSnapshot()._scheduledEvents);
  const due = scheduled.find((s) => s.event.type === type);
  if (due === undefined) throw new Error(`no timer scheduled for ${type}`);
  vi.advanceTimersByTime(Math.max(0, due.startedAt + due.delay - Date.now()));
}
