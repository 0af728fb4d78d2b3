/**
 * Step 3: alice's TCP connection is cut in the middle of a stream of numbered messages. She
 * recovers the same connection and the service replays what she had not acknowledged; her
 * client drops what it already had by sequence id, so each number arrives exactly once, in order.
 */
import { TICKER, type DemoStep } from "../context.js";
import { shortId } from "../demo-client.js";

const TOTAL = 40;
const CUT_AFTER = 15;

function numbersReceived(received: readonly { group: string; data: unknown }[]): number[] {
  const numbers: number[] = [];
  for (const message of received) {
    if (message.group !== TICKER) continue;
    const n = (message.data as { n?: unknown } | null)?.n;
    if (typeof n === "number") numbers.push(n);
  }
  return numbers;
}

export const dropStep: DemoStep = {
  title: `Cut alice's connection mid-stream (faults.drop)`,
  checks: ["recovery", "exactly-once"],
  async run({ people, reporter, waiter, service }) {
    const faults = service.faults;
    if (faults === undefined) {
      reporter.say(`  (skipped: cutting a connection needs an emulator's fault injection)`);
      reporter.skip("recovery", "no faults.drop on a real service");
      reporter.skip("exactly-once", "no faults.drop on a real service");
      return;
    }
    const { alice, bob } = people;
    await alice.client.joinGroup(TICKER);
    reporter.line("alice", `joined ${TICKER}; bob streams #1…#${TOTAL} to it`);
    alice.narrateMessages = false;
    const recoveriesBefore = alice.recoveries;
    const connectionId = alice.client.connectionId as string;
    let cutAt = 0;
    for (let n = 1; n <= TOTAL; n++) {
      // Each await is the service's ack to bob: #n has been fanned out to alice's socket.
      await bob.client.sendToGroup(TICKER, { n }, "json");
      if (n === CUT_AFTER) {
        const unacked = (await faults.unacked(connectionId)) ?? 0;
        const had = numbersReceived(alice.received).length;
        await faults.drop(connectionId);
        cutAt = Date.now();
        reporter.line("emu", `faults.drop(${shortId(connectionId)}) after #${n}: TCP cut, no close frame`);
        reporter.line(
          "emu",
          `alice had received ${had}; ${unacked} she had not acked yet are kept for replay`,
        );
        reporter.line("bob", `keeps streaming #${n + 1}…#${TOTAL}`);
      }
    }
    reporter.waiting("alice recovering");
    await waiter.until(
      () => alice.recoveries > recoveriesBefore && alice.client.state === "connected",
      "alice to recover",
    );
    const recoveredIn = Date.now() - cutAt;
    await waiter.until(
      () => numbersReceived(alice.received).length >= TOTAL,
      `all ${TOTAL} numbered messages to reach alice`,
    );
    reporter.doneWaiting();
    alice.narrateMessages = true;
    const sameId = alice.client.connectionId === connectionId;
    reporter.check(
      "recovery",
      sameId,
      sameId
        ? `alice recovered ${shortId(connectionId)} (same connection id) ${recoveredIn} ms after the cut`
        : `alice came back as ${shortId(alice.client.connectionId)}, not ${shortId(connectionId)}`,
    );
    const numbers = numbersReceived(alice.received);
    const inOrder = numbers.length === TOTAL && numbers.every((n, i) => n === i + 1);
    reporter.check(
      "exactly-once",
      inOrder,
      inOrder
        ? `${TOTAL}/${TOTAL} messages, each once, in order (#1…#${TOTAL})`
        : `received ${numbers.length}: ${numbers.join(",")}`,
    );
  },
};
