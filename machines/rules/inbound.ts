/**
 * The one rule for a received data message (a group or server message), which both the client
 * machine (`MESSAGE.RECEIVED`) and the socket session's direct delivery (while `connected`,
 * without a machine transition per message) apply: drop a replay, record the sequence id, ack at
 * once when far ahead of the last ack, and say when this is the first message left
 * unacknowledged (the `sequenceAck` region then starts its timer).
 *
 * Pure: a state in, a verdict out; the caller stores the new state and performs the effects.
 */

/** The receiver's sequence state. */
export interface SequenceState {
  /** The highest sequence id received (0: none yet on this connection). */
  readonly lastSequenceId: number;
  /** The highest sequence id acknowledged to the service. */
  readonly ackedSequenceId: number;
}

/** What the receiver is configured to do. */
export interface InboundRules {
  /** The subprotocol numbers messages and expects `sequenceAck`. */
  readonly reliable: boolean;
  /** A message this far ahead of the last ack is acked at once. */
  readonly gapThreshold: number;
}

/** What to do with one received message. */
export type InboundVerdict =
  /** A replay of a message already delivered: drop it. */
  | { readonly deliver: false }
  | {
      readonly deliver: true;
      /** The state after this message (the same object when the message has no sequence id). */
      readonly state: SequenceState;
      /** Send `sequenceAck` with this id now. */
      readonly ackNow?: number;
      /** Everything was acknowledged until this message: start the ack timer. */
      readonly firstUnacked?: true;
    };

const DROP: InboundVerdict = Object.freeze({ deliver: false });

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

/** The verdict on a message with this sequence id (`undefined`: not numbered) in state `state`. */
export function acceptInbound(
  state: SequenceState,
  sequenceId: number | undefined,
  rules: InboundRules,
): InboundVerdict {
  if (sequenceId === undefined) return { deliver: true, state };
  if (sequenceId <= state.lastSequenceId) return DROP;
  if (!rules.reliable)
    return { deliver: true, state: { lastSequenceId: sequenceId, ackedSequenceId: state.ackedSequenceId } };
  if (needsImmediateAck(sequenceId, state.ackedSequenceId, rules.gapThreshold)) {
    return {
      deliver: true,
      state: { lastSequenceId: sequenceId, ackedSequenceId: sequenceId },
      ackNow: sequenceId,
    };
  }
  const next = { lastSequenceId: sequenceId, ackedSequenceId: state.ackedSequenceId };
  return state.lastSequenceId === state.ackedSequenceId
    ? { deliver: true, state: next, firstUnacked: true }
    : { deliver: true, state: next };
}
