/**
 * Where an idle client's CPU goes: `--clients` (default 10,000) of ours connected to the minimal
 * service, idle for 20 s (one keep-alive interval), once with the default keep-alive (a ping every
 * 20 s, as the official client) and once with `keepAliveIntervalInMs: 0`. CPU time of this
 * process (`process.cpuUsage()`, GC included) and event-loop utilisation over the window.
 *
 *   npm run build && node --expose-gc --import tsx bench/idle-keepalive.ts [clients]
 */
import { performance } from "node:perf_hooks";
import { sleep } from "./lib/measure.js";
import { closeClients, openClients } from "./lib/pool.js";
import { ServiceChild } from "./lib/service-child.js";

const N = Number(process.argv[2] ?? 10000);
if (!Number.isInteger(N) || N < 1) {
  console.error(`the number of clients must be a whole number of at least 1 (got ${process.argv[2]})`);
  process.exit(2);
}
const service = await ServiceChild.start("minimal");
for (const keepAliveIntervalInMs of [20000, 0]) {
  const clients = await openClients(service, "ours", "idle", N, { keepAliveIntervalInMs, batch: 100 });
  await sleep(2000);
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  const start = performance.now();
  await sleep(20000);
  const used = process.cpuUsage(cpu);
  const utilization = performance.eventLoopUtilization(loop).utilization;
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `keepAliveIntervalInMs ${keepAliveIntervalInMs}: CPU ${(((used.user + used.system) / 1e6 / seconds) * 100).toFixed(2)} % of a core, ELU ${(utilization * 100).toFixed(2)} %`,
  );
  await closeClients(clients);
  await sleep(3000);
}
await service.close();
process.exit(0);
