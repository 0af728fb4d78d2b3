/**
 * `wps demo` (and `npm start`): a short narrated scenario on an embedded emulator showing what
 * makes this client different: visible state transitions, recovery with nothing lost, reconnect
 * with rejoin, typed errors and de-duplicated retries. Ends with a summary and exits 0, or 1 when a
 * check failed.
 */
import { startInspectorRelay, type InspectorRelay } from "../inspect/relay.js";
import { CliError, listenOrExplain, parseFlags, parsePort, untilInterrupted, HOW_TO_RUN } from "./cli-kit.js";
import type { DemoContext } from "./demo/context.js";
import { Reporter } from "./demo/reporter.js";
import { runScenario } from "./demo/scenario.js";
import { connectionStringService, embeddedService, urlService, type DemoService } from "./demo/service.js";
import { Waiter } from "./demo/waiter.js";

const help = `Usage: wps demo [options]        (npm start runs this)

Starts an embedded Web PubSub emulator and runs a short scenario with three clients — alice, bob
and carol — printing each step as it happens:
  1. they connect (every state transition of the client statechart is printed)
  2. they join a group and chat
  3. alice's connection is cut mid-stream (faults.drop): she recovers the same connection and
     every in-flight message arrives exactly once, in order
  4. alice's session is expired (faults.expire): she reconnects with a new connection id and
     rejoins her groups
  5. carol's send without permission fails with Forbidden; bob's retry with the same ackId is
     de-duplicated
Then prints a summary of the checks and exits 0, or 1 with the reason when one failed.

Options:
  --connection-string <cs>  run against another service: URLs are minted offline with its key.
                            Steps 3 and 4 inject faults: they run against an emulator (its
                            /admin route) and are skipped on a real Azure resource
  --url <client-url>        run against a real service with one client access URL that every
                            participant shares (steps 3-4 and the Forbidden check are skipped)
  --hub <name>              hub to use (default "demo"; with --url, the URL's hub)
  --inspect                 show the run in the live inspector: starts it (as \`wps inspect\` does),
                            prints its page URL, and keeps it open after the summary until Ctrl-C
  --inspect-port <n>        the inspector's port (default 8081; 0 picks a free one)
  --quiet                   print only the summary
  -h, --help                show this help

${HOW_TO_RUN}`;

/** Runs `wps demo`. */
export async function runDemoCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseFlags("demo", argv, {
    "connection-string": { type: "string" },
    url: { type: "string" },
    hub: { type: "string", default: "demo" },
    inspect: { type: "boolean", default: false },
    "inspect-port": { type: "string", default: "8081" },
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  if (values.url !== undefined && values["connection-string"] !== undefined) {
    throw new CliError("give --url or --connection-string, not both");
  }
  // The inspector first: a taken port then fails before anything else is running.
  let inspector: InspectorRelay | undefined;
  if (values.inspect) inspector = await startInspector(parsePort(values["inspect-port"], "--inspect-port"));

  try {
    return await runDemo(values, inspector);
  } finally {
    // Also on failure: an open relay would keep the process alive.
    await inspector?.close();
  }
}

interface DemoFlags {
  readonly "connection-string"?: string | undefined;
  readonly url?: string | undefined;
  readonly hub: string;
  readonly quiet: boolean;
}

async function runDemo(values: DemoFlags, inspector: InspectorRelay | undefined): Promise<number> {
  let service: DemoService;
  if (values.url !== undefined) service = urlService(values.url);
  else if (values["connection-string"] !== undefined) {
    service = await connectionStringService(values["connection-string"], values.hub);
  } else {
    service = await embeddedService(values.hub);
  }

  const reporter = new Reporter(process.stdout, values.quiet);
  const context: DemoContext = {
    service,
    reporter,
    waiter: new Waiter(),
    people: undefined,
    ...(inspector ? { inspect: inspector.url } : {}),
  };
  reporter.say(`web-pubsub-machine demo — ${service.description}, hub '${service.hub}'`);
  if (inspector) reporter.say(`Live inspector: ${inspector.pageUrl} (every client and operation actor)`);
  reporter.say(`Three clients (alice, bob, carol); every line is printed as it happens.`);
  try {
    await runScenario(context);
  } finally {
    await service.close();
  }
  reporter.say();
  process.stdout.write(`${reporter.summary(service.description.replace(/ on .*/, ""))}\n`);
  if (inspector) {
    // The relay keeps each actor's last state and the event log, so the run stays viewable.
    const interrupted = untilInterrupted();
    process.stdout.write(`The inspector keeps the run at ${inspector.pageUrl}; press Ctrl-C to exit.\n`);
    await interrupted;
  }
  if (reporter.passed) return 0;
  const failed = reporter.checks.find((check) => check.status === "failed");
  process.stderr.write(`wps demo: check '${failed?.name}' failed: ${failed?.detail}\n`);
  return 1;
}

function startInspector(port: number): Promise<InspectorRelay> {
  return listenOrExplain(() => startInspectorRelay({ port }), {
    port,
    host: "127.0.0.1",
    portFlag: "--inspect-port",
    what: "the inspector",
  });
}
