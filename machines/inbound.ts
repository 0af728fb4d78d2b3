/**
 * The lean path for received data messages, and the one rule both paths follow.
 *
 * A group or server message through the client machine costs a full transition (~15–20 µs on
 * the parallel `connected` state), several times what parsing the frame costs; at fan-out rates
 * that is most of a client's CPU. So while the machine is in `connected` it *delegates* the
 * sequence state to an {@link InboundSequence} that the socket actor shares: the socket actor then
 * does what the machine's `MESSAGE.RECEIVED` transition on `running` says — drop a replay
 * ({@link isNewSequence}), record the id, ack at once past the gap threshold
 * ({@link needsImmediateAck}), hand the message to the application — without a transition. The
 * chart still describes it: `connected` delegates on entry (`delegateInbound`) and takes the state
 * back on exit (`reclaimInbound`, an `assign`), the `sequenceAckInterval` timer acks from the
 * delegated state, and every other state (`confirming` after a recovery, `closing`, …) receives
 * data messages through the machine as before.
 *
 * Pure: no I/O. The facade creates one with `lean: true` (only when no inspector is attached, so
 * an inspected client shows every message as an event); machines created without one get an
 * inert instance and never delegate.
 */

/** Whether a data message is new: messages without a sequence id always are; others must be above the last one. */
export function isNewSequence(lastSequenceId: number, sequenceId: number | undefined): boolean {
  return sequenceId === undefined || sequenceId > lastSequenceId;
}

/** Whether to send `sequenceAck` at once: far enough ahead of the last ack that the service's buffer could fill. */
export function needsImmediateAck(
  sequenceId: number,
  ackedSequenceId: number,
  gapThreshold: number,
): boolean {
  return sequenceId - ackedSequenceId > gapThreshold;
}

/**
 * The sequence state while the machine is in `connected` (mutable, shared with the socket actor).
 * Outside `connected`, `delegated` is false and the machine's context is the truth.
 */
export class InboundSequence {
  /** The socket actor delivers data messages itself (set on entering `connected`, cleared on leaving). */
  delegated = false;
  lastSequenceId = 0;
  ackedSequenceId = 0;

  /** @param lean - Whether the machine may delegate at all (false: every message goes through the machine). */
  constructor(readonly lean: boolean) {}
}
