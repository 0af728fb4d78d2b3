/**
 * Step 4: the service forgets alice's session. Her recovery attempt is refused (1008), so she
 * opens a new connection with a new id and joins her groups again before reporting `connected`.
 */
import { LOBBY, TICKER, type DemoStep } from "../context.js";
import { shortId } from "../demo-client.js";

export const expireStep: DemoStep = {
  title: `Expire alice's session (faults.expire)`,
  checks: ["reconnect", "rejoin"],
  async run({ people, reporter, waiter, service }) {
    const faults = service.faults;
    if (faults === undefined) {
      reporter.say(`  (skipped: expiring a session needs an emulator's fault injection)`);
      reporter.skip("reconnect", "no faults.expire on a real service");
      reporter.skip("rejoin", "no faults.expire on a real service");
      return;
    }
    const { alice, bob } = people;
    const oldId = alice.client.connectionId as string;
    const connectionsBefore = alice.connections.length;
    await faults.expire(oldId);
    reporter.line("emu", `faults.expire(${shortId(oldId)}): session forgotten, recovery will get 1008`);
    reporter.waiting("alice reconnecting");
    await waiter.until(
      () => alice.connections.length > connectionsBefore && alice.client.state === "connected",
      "alice to reconnect",
      8000,
    );
    reporter.doneWaiting();
    const newId = alice.client.connectionId as string;
    reporter.check(
      "reconnect",
      newId !== oldId,
      newId !== oldId
        ? `alice reconnected as ${shortId(newId)} (was ${shortId(oldId)})`
        : `alice still reports ${shortId(oldId)}`,
    );
    // The client rejoins before it reports `connected`, so the service already knows.
    const groups = (await faults.groupsOf(newId)) ?? [];
    const rejoined = [LOBBY, TICKER].every((group) => groups.includes(group));
    const text = "welcome back, alice";
    reporter.line("bob", `→ ${LOBBY}  ${text}`);
    await bob.client.sendToGroup(LOBBY, text, "text", { noEcho: true });
    await waiter.until(() => alice.countText(LOBBY, text) === 1, `'${text}' to reach alice`);
    reporter.check(
      "rejoin",
      rejoined,
      rejoined
        ? `alice is back in ${LOBBY} and ${TICKER} and receives again`
        : `the service has alice in [${groups.join(", ")}]`,
    );
  },
};
