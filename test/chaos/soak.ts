/**
 * The chaos soak: the chaos checker for minutes instead of seconds.
 *
 *   npm run soak                                  # 5 minutes, a seed from the clock
 *   npm run soak -- --minutes 2 --seed 42 --clients 6
 *   SOAK_MINUTES=30 CHAOS_SEED=7 npm run soak
 *   npm run soak -- --protobuf                    # half the clients on reliable protobuf
 *
 * Prints the figures (messages, faults injected, losses, duplicates, …) and exits non-zero when
 * the checker found anything.
 */
import { parseArgs } from "node:util";
import { WebPubSubJsonReliableProtocol } from "../../src/protocol/json-protocol.js";
import { WebPubSubProtobufReliableProtocol } from "../../src/protocol/protobuf-protocol.js";
import { formatReport, runChaos } from "./checker.js";

const USAGE =
  "usage: npm run soak -- [--minutes N] [--seed N] [--clients N (≥ 2)] [--protobuf] [--verbose] [--help]";

function parseOptions() {
  try {
    return parseArgs({
      options: {
        minutes: { type: "string" },
        seed: { type: "string" },
        clients: { type: "string" },
        protobuf: { type: "boolean", default: false },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }).values;
  } catch (error) {
    console.error(`soak: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
}

const values = parseOptions();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const minutes = Number(values.minutes ?? process.env.SOAK_MINUTES ?? 5);
const seed = Number(values.seed ?? process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
const clients = Number(values.clients ?? 5);
if (!(minutes > 0) || !Number.isInteger(seed) || !(clients >= 2)) {
  console.error(`soak: --minutes must be > 0, --seed an integer, --clients at least 2\n${USAGE}`);
  process.exit(2);
}

console.log(`soak: ${minutes} min, ${clients} clients, seed ${seed}`);
const report = await runChaos({
  seed,
  clients,
  messagesPerClient: 0,
  durationMs: minutes * 60_000,
  inFlight: 4,
  sendGapMs: 10,
  faultEveryMs: [50, 400],
  settleTimeoutMs: 20_000,
  protocolOf: values.protobuf
    ? (i) => (i % 2 === 0 ? WebPubSubProtobufReliableProtocol() : WebPubSubJsonReliableProtocol())
    : undefined,
  log: values.verbose ? (line) => console.log(line) : undefined,
});
console.log(formatReport(report));
const failed =
  report.losses.length +
  report.duplicates.length +
  report.orderViolations.length +
  report.hung +
  report.leaks.length;
console.log(failed === 0 ? "soak: OK" : `soak: FAILED (replay with --seed ${seed})`);
process.exit(failed === 0 ? 0 : 1);
