/** `wps inspect`: the live inspector (relay + page) until Ctrl-C. */
import { startInspectorRelay, type InspectorRelay } from "../inspect/relay.js";
import {
  listenOrExplain,
  parseFlags,
  parsePort,
  untilInterrupted,
  type Subcommand,
  HOW_TO_RUN,
} from "./cli-kit.js";

const help = `Usage: wps inspect [options]

Runs the live inspector: a local page that shows every actor of the clients connected to it (the
client statechart and its operation actors) as a diagram with the active states highlighted, and
the event log, live. Works offline. Runs until Ctrl-C.

A client in any process connects with one option:
  new WebPubSubClient(url, { inspect: "ws://127.0.0.1:8081" })
@statelyai/inspect's createWebSocketInspector({ url: "ws://127.0.0.1:8081" }) works too, and so does
a terminal client: wps connect --emulator --inspect ws://127.0.0.1:8081

Options:
  --port <n>        TCP port (default 8081; 0 picks a free one)
  --host <addr>     interface to listen on (default 127.0.0.1; the page shows application state)
  -h, --help        show this help

${HOW_TO_RUN}`;

/** The `wps inspect` subcommand (registered in `main.ts`). */
export const inspectCommand: Subcommand = {
  summary: "the live inspector: a local page showing running clients' statecharts",
  run: runInspectCommand,
};

async function runInspectCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseFlags("inspect", argv, {
    port: { type: "string", default: "8081" },
    host: { type: "string", default: "127.0.0.1" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const port = parsePort(values.port, "--port");
  const relay: InspectorRelay = await listenOrExplain(
    () => startInspectorRelay({ port, host: values.host }),
    {
      port,
      host: values.host,
      portFlag: "--port",
    },
  );
  // Listening for Ctrl-C before saying "Ctrl-C to stop": a signal right after must not kill us.
  const interrupted = untilInterrupted();
  process.stdout.write(
    [
      `Inspector page:  ${relay.pageUrl}`,
      `Client option:   new WebPubSubClient(url, { inspect: "${relay.url}" })`,
      `Terminal client: wps connect --emulator --inspect ${relay.url}`,
      `Ctrl-C to stop.`,
      "",
    ].join("\n"),
  );
  const signal = await interrupted;
  process.stdout.write(`\n${signal}: closing the inspector.\n`);
  await relay.close();
  return 0;
}
