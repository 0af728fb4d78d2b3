/**
 * Where an idle client's CPU goes: `--clients` (default 10,000) of ours connected to the minimal
 * service, idle for 20 s (one keep-alive interval), once with the default keep-alive (a ping every
 * 20 s, as the official client) and once with `keepAliveIntervalInMs: 0`. CPU time of this
 * process (`process.cpuUsage()`, GC included) and event-loop utilisation over the window.
 *
 *   npm run build && node --expose-gc --import tsx bench/idle-keepalive.ts [clients]
 */
import { performance } from "node:perf_hooks";
import { ServiceChild } from "./lib/service-child.js";
import { loadOurs } from "./lib/ours.js";
const { WebPubSubClient } = await loadOurs();
const service = await ServiceChild.start("minimal");
const N = Number(process.argv[2] ?? 10000);
if (!Number.isInteger(N) || N < 1) {
  console.error(`the number of clients must be a whole number of at least 1 (got ${process.argv[2]})`);
  process.exit(2);
}
for (const keepAliveIntervalInMs of [20000, 0]) {
  const urls = await service.urls(
    "idle",
    Array.from({ length: N }, (_, i) => `k${keepAliveIntervalInMs}-${i}`),
  );
  const clients: InstanceType<typeof WebPubSubClient>[] = [];
  for (let i = 0; i < N; i += 100) {
    await Promise.all(
      urls.slice(i, i + 100).map(async (url) => {
        const c = new WebPubSubClient(url, { keepAliveIntervalInMs });
        clients.push(c);
        await c.start();
      }),
    );
  }
  await new Promise((r) => setTimeout(r, 2000));
  const t = process.cpuUsage();
  const e = performance.eventLoopUtilization();
  const w = performance.now();
  await new Promise((r) => setTimeout(r, 20000));
  const u = process.cpuUsage(t);
  const el = performance.eventLoopUtilization(e);
  const secs = (performance.now() - w) / 1000;
  console.log(
    `keepAliveIntervalInMs ${keepAliveIntervalInMs}: CPU ${(((u.user + u.system) / 1e6 / secs) * 100).toFixed(2)} % of a core, ELU ${(el.utilization * 100).toFixed(2)} %`,
  );
  await Promise.all(
    clients.map(
      (c) =>
        new Promise<void>((r) => {
          c.on("stopped", () => r());
          c.stop();
        }),
    ),
  );
  await new Promise((r) => setTimeout(r, 3000));
}
await service.close();
process.exit(0);
