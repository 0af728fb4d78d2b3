/**
 * The demo scenario: connect, chat, a cut connection, an expired session, a forbidden send and a
 * de-duplicated retry. Each step records its checks; a step that fails records why, and the steps
 * after it still run when the clients are usable.
 */
import type { DemoContext, DemoStep } from "./context.js";
import { chatStep } from "./steps/chat.js";
import { connectParticipants } from "./steps/connect.js";
import { dropStep } from "./steps/drop.js";
import { expireStep } from "./steps/expire.js";
import { permissionsStep } from "./steps/permissions.js";

/** The steps after connecting, in order. */
export const DEMO_STEPS: readonly DemoStep[] = [chatStep, dropStep, expireStep, permissionsStep];

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Records a failure for every check of a step that has not recorded one yet. */
function failRemaining(context: DemoContext, checks: readonly string[], why: string, skip: boolean): void {
  for (const name of checks) {
    if (context.reporter.checks.some((check) => check.name === name)) continue;
    if (skip) context.reporter.skip(name, why);
    else context.reporter.check(name, false, why);
  }
}

/** Runs the scenario; the outcome is in `context.reporter.checks`. Stops every client it started. */
export async function runScenario(context: DemoContext): Promise<void> {
  const { reporter } = context;
  try {
    reporter.heading(1, "Connect three clients (each is a statechart; its transitions are printed)");
    try {
      await connectParticipants(context);
    } catch (error) {
      failRemaining(context, ["connect"], reason(error), false);
    }
    let number = 2;
    for (const step of DEMO_STEPS) {
      reporter.heading(number++, step.title);
      const people = context.people;
      if (people === undefined) {
        failRemaining(context, step.checks, "not run: the clients did not connect", true);
        continue;
      }
      try {
        await step.run({ ...context, people });
      } catch (error) {
        reporter.doneWaiting();
        failRemaining(context, step.checks, reason(error), false);
      }
    }
  } finally {
    const people = context.people;
    if (people !== undefined) {
      for (const person of [people.alice, people.bob, people.carol]) person.narrateStates = false;
      await Promise.all([people.alice.stop(), people.bob.stop(), people.carol.stop()]);
    }
  }
}
