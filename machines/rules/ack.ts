/**
 * What an ack means: the one rule for every acked request, whoever holds it — the operation
 * machine (`ACK.RECEIVED`), the runtime's actorless operations, and the client machine's
 * own rejoins. `Duplicate` means the service had already processed this ackId on this connection:
 * the request succeeded (once), so it counts as a success, flagged.
 */
import type { AckMessageError } from "../../src/protocol/messages.js";

/** The parts of an ack that decide its outcome. */
export interface AckFacts {
  readonly success: boolean;
  readonly error?: AckMessageError;
}

export type AckOutcome =
  | { readonly status: "succeeded"; readonly isDuplicated: boolean }
  | { readonly status: "rejected"; readonly error: AckMessageError };

const SUCCEEDED: AckOutcome = Object.freeze({ status: "succeeded", isDuplicated: false });
const DUPLICATED: AckOutcome = Object.freeze({ status: "succeeded", isDuplicated: true });
const UNEXPLAINED: AckMessageError = Object.freeze({
  name: "Unknown",
  message: "The service rejected the request without saying why",
});

/** Classifies an ack. Allocation-free on the success paths (they are the hot ones). */
export function classifyAck(ack: AckFacts): AckOutcome {
  if (ack.success) return SUCCEEDED;
  if (ack.error?.name === "Duplicate") return DUPLICATED;
  return { status: "rejected", error: ack.error ?? UNEXPLAINED };
}

/** Whether an ack settles its request successfully (`success`, or `Duplicate`). */
export function isAckSuccess(ack: AckFacts): boolean {
  return ack.success || ack.error?.name === "Duplicate";
}
