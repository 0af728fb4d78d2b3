/**
 * The emulator against its limit: the same fan-out (one sender, `receivers` in a group, the same
 * frames and pacing as `fanout.ts`) on the emulator and on the minimal raw `ws` broadcast server
 * (`bench/lib/minimal-service.ts`), each in a child of its own, both connected for the whole row
 * and alternating round by round (the order rotated every round), so the machine's load falls on
 * both alike. The figure is each server's CPU per delivery, and their ratio.
 */
import type { JsonSubprotocolName } from "../../src/protocol/messages.js";
import type { EmulatorChild } from "./child.js";
import type { ConnectedRig, FanoutOptions, RoundResult, RowSpec } from "./fanout.js";
import { connectRig, measureRound } from "./fanout.js";

export type Server = "emulator" | "raw";
export const SERVERS: readonly Server[] = ["emulator", "raw"];

export interface VersusResult {
  readonly protocol: JsonSubprotocolName;
  readonly mode: RowSpec["mode"];
  readonly pacing: RowSpec["pacing"];
  readonly messages: number;
  readonly rounds: Readonly<Record<Server, readonly RoundResult[]>>;
  readonly error: string | undefined;
}

export async function runVersus(
  children: Readonly<Record<Server, EmulatorChild>>,
  protocol: JsonSubprotocolName,
  rows: readonly RowSpec[],
  options: FanoutOptions,
  log: (line: string) => void,
): Promise<VersusResult[]> {
  const results: VersusResult[] = [];
  for (const row of rows) {
    const rigs = new Map<Server, ConnectedRig>();
    const rounds: Record<Server, RoundResult[]> = { emulator: [], raw: [] };
    let error: string | undefined;
    try {
      for (const server of SERVERS) rigs.set(server, await connectRig(children[server], protocol, options));
      for (let r = 0; r < options.warmupRounds + options.rounds; r++) {
        for (let i = 0; i < SERVERS.length; i++) {
          const server = SERVERS[(i + r) % SERVERS.length]!;
          const result = await measureRound(
            rigs.get(server)!,
            options.messages,
            row.mode,
            row.pacing,
            options.receivers,
          );
          const warmup = r < options.warmupRounds;
          if (!warmup) rounds[server].push(result);
          log(
            `  versus ${protocol} ${row.mode} ${row.pacing} ${server.padEnd(8)} round ${warmup ? "warm-up" : r - options.warmupRounds + 1}: ` +
              `${(result.childCpuUs / result.deliveries).toFixed(2)} µs server CPU/delivery, ` +
              `${Math.round(result.rate).toLocaleString("en-US")} deliveries/s`,
          );
        }
      }
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
      log(`  versus ${protocol} ${row.mode} ${row.pacing} FAILED: ${error}`);
    } finally {
      for (const rig of rigs.values()) await rig.disconnect();
    }
    results.push({ protocol, mode: row.mode, pacing: row.pacing, messages: options.messages, rounds, error });
  }
  return results;
}
