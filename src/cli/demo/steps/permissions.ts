/**
 * Step 5: a send without permission fails with the service's `Forbidden`, and a send retried
 * with the same ackId is acknowledged as a duplicate and delivered only once.
 */
import { SendMessageError } from "../../../errors.js";
import { LOBBY, type DemoStep } from "../context.js";

/** An ackId well above what the clients allocate in this scenario, to show it is the caller's. */
const RETRIED_ACK_ID = 1000;

export const permissionsStep: DemoStep = {
  title: "Permissions and de-duplication",
  checks: ["forbidden", "dedupe"],
  async run({ people, reporter, waiter, service }) {
    const { alice, bob, carol } = people;
    if (!service.perUserTokens) {
      reporter.skip("forbidden", "every participant shares the --url token (give --connection-string)");
    } else {
      reporter.line("carol", `→ ${LOBBY}  can I talk?   (her token may join ${LOBBY}, not send)`);
      try {
        await carol.client.sendToGroup(LOBBY, "can I talk?", "text");
        reporter.check("forbidden", false, "carol's send was accepted");
      } catch (error) {
        const name = error instanceof SendMessageError ? error.errorDetail?.name : undefined;
        const message = error instanceof SendMessageError ? error.errorDetail?.message : String(error);
        reporter.line("carol", `✗ ${error instanceof Error ? error.name : "Error"}: ${name}: ${message}`);
        reporter.check(
          "forbidden",
          name === "Forbidden",
          name === "Forbidden" ? "carol's send failed with Forbidden" : `unexpected error: ${String(error)}`,
        );
      }
    }

    const text = "this arrives once";
    reporter.line("bob", `→ ${LOBBY}  ${text}   (ackId ${RETRIED_ACK_ID})`);
    const first = await bob.client.sendToGroup(LOBBY, text, "text", { ackId: RETRIED_ACK_ID, noEcho: true });
    reporter.line("bob", `✓ ackId ${first.ackId}: isDuplicated=${first.isDuplicated}`);
    // A retry after an unclear outcome: same ackId, so the service can tell.
    reporter.line("bob", `→ ${LOBBY}  ${text}   (retry, same ackId ${RETRIED_ACK_ID})`);
    const retry = await bob.client.sendToGroup(LOBBY, text, "text", { ackId: RETRIED_ACK_ID, noEcho: true });
    reporter.line("bob", `✓ ackId ${retry.ackId}: isDuplicated=${retry.isDuplicated}, not delivered again`);
    // Messages from one sender arrive in order: once the marker is in, a second copy would be too.
    const marker = "that's all, thanks!";
    reporter.line("bob", `→ ${LOBBY}  ${marker}`);
    await bob.client.sendToGroup(LOBBY, marker, "text", { noEcho: true });
    await waiter.until(
      () => alice.countText(LOBBY, marker) === 1 && carol.countText(LOBBY, marker) === 1,
      `'${marker}' to reach alice and carol`,
    );
    const copies = alice.countText(LOBBY, text);
    const ok = !first.isDuplicated && retry.isDuplicated && copies === 1;
    reporter.check(
      "dedupe",
      ok,
      ok
        ? `retry with ackId ${RETRIED_ACK_ID} acked as duplicate; alice got the message once`
        : `isDuplicated ${first.isDuplicated}/${retry.isDuplicated}, alice got ${copies} copies`,
    );
  },
};
