/**
 * Profiling helper: runs one client kind through one workload long enough for a CPU profile.
 *
 *   node --cpu-prof --cpu-prof-dir bench/profiles --import tsx bench/profile.ts --kind ours --scenario fanout
 *   npx tsx bench/emulator/top.ts bench/profiles/*.cpuprofile
 *
 * Scenarios: `ack` (acked sendToGroup, 100 in flight), `ff` (fire-and-forget), `fanout` (100
 * receivers), `idle` (`--clients` idle connected clients, 10,000 by default, for 25 s: one
 * keep-alive interval and then some; start with `--expose-gc` too). The service runs in a child
 * process, so the profile is the client's.
 */
import { parseArgs } from "node:util";
import { CLIENT_KINDS, type ClientKind } from "./lib/clients.js";
import { ensureFdLimit } from "./lib/fd-limit.js";
import { sleep } from "./lib/measure.js";
import { closeClients, openClients } from "./lib/pool.js";
import { ServiceChild } from "./lib/service-child.js";
import type { ScenarioContext } from "./lib/types.js";
import { runAckThroughput } from "./scenarios/ack-throughput.js";
import { runFanout } from "./scenarios/fanout.js";
import { runFireAndForget } from "./scenarios/fire-and-forget.js";

const { values } = parseArgs({
  options: {
    kind: { type: "string", default: "ours" },
    scenario: { type: "string", default: "ack" },
    rounds: { type: "string", default: "3" },
    clients: { type: "string", default: "10000" },
  },
});
const kind = values.kind as ClientKind;
if (!CLIENT_KINDS.includes(kind)) throw new RangeError(`--kind must be one of ${CLIENT_KINDS.join(", ")}`);
const context: ScenarioContext = {
  rounds: Number(values.rounds),
  warmup: 0,
  log: (line) => console.log(line),
};
if (values.scenario === "idle") {
  // Before the service child is forked: it inherits the limit.
  const problem = ensureFdLimit(Number(values.clients) + 1024, "node … bench/profile.ts", console.log);
  if (problem !== undefined) throw new Error(problem);
}
const service = await ServiceChild.start("minimal");
try {
  // The scenarios alternate all kinds; profiling wants one, so the others are filtered by name.
  const only = { kinds: [kind] };
  if (values.scenario === "ack") {
    await runAckThroughput(
      service,
      context,
      { operations: 50_000, inFlight: 100, payloadBytes: 1024, variants: new Map() },
      only,
    );
  } else if (values.scenario === "idle") {
    const clients = await openClients(service, kind, "idle", Number(values.clients), { batch: 100 });
    console.log(`${clients.length} ${kind} clients connected; idle for 25 s`);
    await sleep(25_000);
    await closeClients(clients);
  } else if (values.scenario === "ff") {
    await runFireAndForget(service, context, { operations: 50_000, chunk: 100, payloadBytes: 1024 }, only);
  } else {
    await runFanout(
      service,
      context,
      { receivers: 100, messages: 1000, window: 100, payloadBytes: 1024 },
      only,
    );
  }
} finally {
  await service.close();
}
