/**
 * The chaos suite's faults at seeded random moments, shared by its workloads: every
 * `faultEveryMs[0]`..`faultEveryMs[1]` ms one of cut, stall, delay or split a proxied connection
 * (a delay or split is lifted again a little later), drop a client's connection at the emulator,
 * or close it there with 1011 (a service restart, recoverable).
 */
import type { WebPubSubClient } from "../../src/client.js";
import type { Emulator } from "../../src/emulator/index.js";
import type { FaultProxy } from "./fault-proxy.js";

export interface FaultSchedule {
  /** Faults fired at the emulator so far (the proxy counts its own). */
  readonly faults: { emulatorDrop: number; emulatorClose1011: number };
  /** Stops firing, and lifts every delay and split still in force. */
  stop(): void;
}

export function startFaultSchedule(options: {
  readonly random: () => number;
  readonly proxy: FaultProxy;
  readonly emulator: Emulator;
  readonly clients: readonly WebPubSubClient[];
  readonly faultEveryMs: readonly [number, number];
}): FaultSchedule {
  const { random, proxy, emulator, clients, faultEveryMs } = options;
  const faults = { emulatorDrop: 0, emulatorClose1011: 0 };
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let firing = true;
  const pick = <T>(list: readonly T[]): T | undefined =>
    list.length === 0 ? undefined : list[Math.floor(random() * list.length)];
  const later = (ms: number, action: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  };
  const fire = () => {
    if (!firing) return;
    const roll = random();
    const connection = pick(proxy.live());
    const client = pick(clients);
    const id = client?.state === "connected" ? client.connectionId : undefined;
    if (roll < 0.35) connection?.cut();
    else if (roll < 0.5) connection?.stall();
    else if (roll < 0.65) {
      connection?.delay(20 + Math.floor(random() * 150));
      later(200 + Math.floor(random() * 600), () => connection?.delay(0));
    } else if (roll < 0.8) {
      connection?.split(true);
      later(200 + Math.floor(random() * 600), () => connection?.split(false));
    } else if (roll < 0.9) {
      if (id !== undefined && emulator.faults.drop(id)) faults.emulatorDrop++;
    } else if (id !== undefined && emulator.faults.close(id, 1011, "restart")) {
      faults.emulatorClose1011++;
    }
    const [min, max] = faultEveryMs;
    later(min + Math.floor(random() * (max - min)), fire);
  };
  fire();
  return {
    faults,
    stop() {
      firing = false;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const c of proxy.live()) {
        c.delay(0);
        c.split(false);
      }
    },
  };
}
