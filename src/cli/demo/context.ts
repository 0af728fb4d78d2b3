/** What the demo's steps share: the service, the narrator, the waiter and the participants. */
import type { DemoClient } from "./demo-client.js";
import type { Reporter } from "./reporter.js";
import type { DemoService } from "./service.js";
import type { Waiter } from "./waiter.js";

/** The chat group everybody joins. */
export const LOBBY = "lobby";
/** The group the numbered stream goes to during the cut (only alice is in it). */
export const TICKER = "ticker";

/** Roles of a participant who may join and send anywhere. */
export const TALKER_ROLES = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"] as const;
/** Roles of a participant who may join the lobby but send nowhere. */
export const LISTENER_ROLES = [`webpubsub.joinLeaveGroup.${LOBBY}`] as const;

/** The three participants, once connected. */
export interface Participants {
  readonly alice: DemoClient;
  readonly bob: DemoClient;
  readonly carol: DemoClient;
}

/** Shared by every step. */
export interface DemoContext {
  readonly service: DemoService;
  readonly reporter: Reporter;
  readonly waiter: Waiter;
  /** Set by the connect step; every later step needs it. */
  people: Participants | undefined;
  /** The live inspector's URL every client reports to (`--inspect`). */
  readonly inspect?: string;
}

/** A step of the scenario: a heading, and a body that records its own checks. */
export interface DemoStep {
  readonly title: string;
  /** The checks this step records, so a step that throws can still report each of them. */
  readonly checks: readonly string[];
  run(context: DemoContext & { readonly people: Participants }): Promise<void>;
}

/** The text of a message's data, for narration and comparisons. */
export function dataText(data: unknown): string {
  return typeof data === "string" ? data : JSON.stringify(data);
}
