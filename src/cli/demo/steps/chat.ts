/** Step 2: everybody joins the lobby and two of them talk. */
import { LOBBY, type DemoStep } from "../context.js";

export const chatStep: DemoStep = {
  title: `Join '${LOBBY}' and chat`,
  checks: ["chat"],
  async run({ people, reporter, waiter }) {
    const { alice, bob, carol } = people;
    for (const person of [alice, bob, carol]) {
      const joined = await person.client.joinGroup(LOBBY);
      reporter.line(person.name, `joined ${LOBBY} (ackId ${joined.ackId})`);
    }
    const lines = [
      { from: alice, text: "hi all, alice here", to: [bob, carol] },
      { from: bob, text: "hey alice!", to: [alice, carol] },
    ];
    for (const { from, text, to } of lines) {
      reporter.line(from.name, `→ ${LOBBY}  ${text}`);
      // noEcho: the sender does not need its own words back.
      await from.client.sendToGroup(LOBBY, text, "text", { noEcho: true });
      await waiter.until(
        () => to.every((person) => person.countText(LOBBY, text) === 1),
        `'${text}' to reach ${to.map((p) => p.name).join(" and ")}`,
      );
    }
    reporter.check("chat", true, `${lines.length} messages reached every other member of '${LOBBY}'`);
  },
};
