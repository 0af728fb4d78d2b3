/**
 * The section of `bench/RESULTS.md` for scenario 12 (the emulator against its limit), rendered
 * from `bench/results/emulator-limit.json`.
 */
import type { EmulatorLimitRun } from "./emulator-limit-data.js";
import {
  broadcastFigures,
  measuredBroadcasts,
  SERVER_LABEL,
  VERSUS_TARGET,
  versusFigures,
} from "./emulator-limit-data.js";
import { fmt } from "./report.js";

/** A count, with thousands separators and no decimals. */
const count = (n: number): string => n.toLocaleString("en-US");

const span = (values: readonly number[]): string => `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`;

function versusTable(run: EmulatorLimitRun): string {
  if (typeof run.versus === "string") return `**Fan-out not measured:** ${run.versus}`;
  const lines = [
    "| receivers' subprotocol | send mode, pacing | emulator: CPU µs / delivery | raw server: CPU µs / delivery | emulator / raw | emulator: deliveries/s | raw: deliveries/s | target |",
    "|---|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const row of run.versus) {
    const label = `\`${row.protocol}\` | ${row.mode}, ${row.pacing}`;
    if (row.error !== undefined) {
      lines.push(`| ${label} | **failed**: ${row.error} | | | | | |`);
      continue;
    }
    const f = versusFigures(row);
    lines.push(
      `| ${label} | **${fmt(f.median.emulator)}** <sub>${span(f.perDelivery.emulator)}</sub> | **${fmt(f.median.raw)}** <sub>${span(f.perDelivery.raw)}</sub> | **${f.ratio.toFixed(2)}×** | ${fmt(f.rate.emulator)} | ${fmt(f.rate.raw)} | ${f.ratio <= VERSUS_TARGET ? "✅" : "❌"} ≤ ${VERSUS_TARGET}× |`,
    );
  }
  return lines.join("\n");
}

function broadcastTable(run: EmulatorLimitRun): string {
  const lines = [
    "| server | heap per connection (KiB) | RSS per connection (KiB) | latency p50 (ms) | p99 (ms) | max (ms) | broadcast complete, median (ms) | server CPU µs / delivery | server CPU µs / `sequenceAck` | opened and joined in (s) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const ms = (value: number | null): string => (value === null ? "–" : fmt(value));
  for (const [server, result] of Object.entries(run.scale)) {
    const name = SERVER_LABEL[server as keyof typeof SERVER_LABEL];
    if (typeof result === "string") {
      lines.push(`| ${name} | **not measured**: ${result} | | | | | | | | |`);
      continue;
    }
    const f = broadcastFigures(result);
    lines.push(
      `| ${name} | **${fmt(f.heapKiB)}** | ${fmt(f.rssKiB)} | ${ms(f.p50)} | **${ms(f.p99)}** | ${ms(f.max)} | ${fmt(f.completeMs)} | ${fmt(result.serverCpuUsPerDelivery)} | ${fmt(result.serverCpuUsPerAck)} | ${fmt(result.openMs / 1000)} |`,
    );
  }
  return lines.join("\n");
}

/** Emulator / raw for the broadcast's p99 and heap per connection, when both were measured. */
function broadcastRatios(run: EmulatorLimitRun): string {
  const measured = new Map(measuredBroadcasts(run));
  const emulator = measured.get("emulator");
  const raw = measured.get("raw");
  if (emulator === undefined || raw === undefined) return "";
  const e = broadcastFigures(emulator);
  const r = broadcastFigures(raw);
  const p99 = e.p99 !== null && r.p99 !== null ? `${(e.p99 / r.p99).toFixed(2)}×` : "–";
  return `Emulator / raw server: p99 latency ${p99}, heap per connection ${(e.heapKiB / r.heapKiB).toFixed(2)}×, CPU per delivery ${(emulator.serverCpuUsPerDelivery / raw.serverCpuUsPerDelivery).toFixed(2)}×.`;
}

export function renderEmulatorLimitSection(run: EmulatorLimitRun): string {
  const m = run.machine;
  const s = run.settings;
  const n = count(s.connections);
  return `## 12. The emulator against its limit

Rendered from [results/emulator-limit.json](results/emulator-limit.json); plots:
[plots/emulator-versus.svg](plots/emulator-versus.svg), [plots/emulator-broadcast.svg](plots/emulator-broadcast.svg).
\`${run.command}\`; ${m.date}; load average ${m.loadBefore.map((l) => l.toFixed(2)).join(" / ")} before,
${m.loadAfter.map((l) => l.toFixed(2)).join(" / ")} after; other processes used ${m.otherCores?.toFixed(2) ?? "?"} cores; ${m.wallSeconds.toFixed(0)} s.

**Method.** The services here, not the clients, are measured: each runs alone in a child process
(\`bench/emulator/server.ts\`, under tsx) that reports its own CPU (\`process.cpuUsage()\`) and heap
(after two \`gc()\`) over IPC. *emulator* = \`startEmulator\` as shipped; *raw ws server* = the
minimal service of \`bench/lib/minimal-service.ts\` with per-tick write coalescing (as the emulator
does): it reads only the fields it needs from a \`sendToGroup\`, encodes the group message once,
writes one \`Buffer\` to every plain member or a numbered copy to every reliable member (kept until
its \`sequenceAck\`), acks, and checks no token — the least a Web PubSub broadcast can cost on \`ws\`.
The clients are raw \`ws\` sockets in this process (\`bench/emulator/fanout.ts\`, \`broadcast.ts\`).

- **Fan-out** (target: emulator CPU per delivery ≤ ${VERSUS_TARGET}× the raw server's): one sender,
  ${count(s.receivers)} receivers in one group, ${count(s.messages)} \`sendToGroup\` of ${count(s.payloadBytes)} B JSON per round;
  *pipelined* = the sender stays at most 250 messages ahead of the slowest receiver, *batched* =
  250 at a time, each batch when every receiver has the last. Both servers are connected for the
  whole row and alternate round by round, the order rotated every round, so the machine's load
  falls on both alike; ${s.rounds} measured rounds after ${s.warmup} warm-up.
- **1 → ${n} broadcast**: a fresh child per server; ${n} \`json.reliable.webpubsub.azure.v1\`
  receivers (opened ${count(s.batch)} at a time), joined to one group; heap and RSS of the child before
  opening and 0.5 s after the last join. Then ${count(s.broadcasts)} broadcasts of one ${count(s.payloadBytes)} B message (after
  2 unmeasured), each when every receiver has the one before, after which every receiver sends a
  \`sequenceAck\`. Latency = the sender's \`ws.send\` → the receiver's \`message\` handler on one
  clock, over every delivery: it includes this process reading ${n} frames one after another on
  one core, the same for both servers, so compare the servers rather than read it as the service's
  own latency.

${versusTable(run)}

${broadcastTable(run)}

${broadcastRatios(run)}
`;
}
