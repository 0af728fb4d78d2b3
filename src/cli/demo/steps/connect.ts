/** Step 1: three clients connect, one after another, so their transitions read in order. */
import { explainConnectFailure } from "../../diagnose.js";
import { DEMO_CLIENT_OPTIONS, DemoClient, shortId } from "../demo-client.js";
import { LISTENER_ROLES, TALKER_ROLES, type DemoContext, type Participants } from "../context.js";

const EXPECTED = ["stopped", "connecting", "connected"] as const;

async function connect(context: DemoContext, name: string, roles: readonly string[]): Promise<DemoClient> {
  const url = await context.service.urlFor(name, roles);
  const options = context.inspect
    ? { ...DEMO_CLIENT_OPTIONS, inspect: context.inspect }
    : DEMO_CLIENT_OPTIONS;
  const person = new DemoClient(name, url, context.reporter, context.waiter, options);
  context.reporter.waiting(`${name} connecting`);
  const started = await person.client.startResult();
  context.reporter.doneWaiting();
  if (started.isErr()) {
    await person.stop();
    const why = explainConnectFailure(started.error, url);
    throw new Error(`${name} could not connect: ${why}`);
  }
  return person;
}

/** Connects alice and bob (may send anywhere) and carol (may only join the lobby). */
export async function connectParticipants(context: DemoContext): Promise<Participants> {
  const alice = await connect(context, "alice", TALKER_ROLES);
  const bob = await connect(context, "bob", TALKER_ROLES);
  const carol = await connect(context, "carol", LISTENER_ROLES);
  const people = { alice, bob, carol };
  context.people = people;
  const all = [alice, bob, carol];
  const walked = all.every((p) => EXPECTED.every((state, i) => p.states[i] === state));
  context.reporter.check(
    "connect",
    walked,
    walked
      ? `alice, bob, carol: ${EXPECTED.join(" → ")} (${all.map((p) => shortId(p.client.connectionId)).join(", ")})`
      : `unexpected transitions: ${all.map((p) => `${p.name} ${p.states.join(" → ")}`).join("; ")}`,
  );
  return people;
}
