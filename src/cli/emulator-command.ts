/** `wps emulator`: run the local Web PubSub service until Ctrl-C. */
import { startEmulator, type Emulator } from "../emulator/index.js";
import type { HubSettings } from "../emulator/index.js";
import { ALL_SYSTEM_EVENTS, resolveHandlerFlags } from "./handler-flags.js";
import {
  CliError,
  echoInvoke,
  listenOrExplain,
  parseFlags,
  parsePort,
  untilInterrupted,
  HOW_TO_RUN,
} from "./cli-kit.js";

const help = `Usage: wps emulator [options]

Runs a local Azure Web PubSub service (reliable and plain JSON and protobuf subprotocols,
recovery, JWT auth and roles, the REST data plane, fault injection under /admin/) until Ctrl-C.

The admin route /admin/ is for development and tests only. It answers only requests whose Host
is the listening address or a loopback name (else 421), that carry no foreign Origin (else 403)
and a bearer token signed with the access key (else 401): mint one with
  wps token --connection-string "<the connection string printed at start>" --admin

Options:
  --port <n>        TCP port (default 8080; 0 picks a free one)
  --host <addr>     interface to listen on (default 127.0.0.1)
  --hub <name>      hub for the ready-made client URL printed at start (default "chat")
  --access-key <k>  key tokens are signed with (default: the public development key)
  --tls             serve https/wss with a self-signed certificate generated at start (needs
                    openssl); prints the certificate's path and how to make Node trust it
  --event-handler <hub>=<urlTemplate>
                    call your app server's event handler for that hub, as the service does
                    (CloudEvents over HTTP: connect, connected, disconnected, user events);
                    {hub} and {event} in the URL are filled in; repeatable, e.g.
                    --event-handler "chat=http://127.0.0.1:3000/eventhandler/{event}"
  --system-events <list>
                    the system events every --event-handler takes (default
                    connect,connected,disconnected; "" for none)
  --event-pattern <p>
                    the user events every --event-handler takes: *, a name, or a
                    comma-separated list (default *)
  --config <file>   read event handlers (and WebPubSub.AccessKey) from a settings file in the
                    Microsoft emulator's shape: WebPubSub.Hubs.<hub>.EventHandlers[] with
                    UrlTemplate, SystemEvents, EventPattern
  --event-handler-timeout <ms>
                    how long one event may take, retries included (default 100000)
  --echo-invoke     answer every invoke no event handler takes with its own data
  --no-admin        do not serve the admin route (fault injection over HTTP) at all
  --verbose         log every connection and message
  --quiet           log errors only (what is printed at start, on stdout, is always printed)
  -h, --help        show this help

${HOW_TO_RUN}`;

export async function runEmulatorCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseFlags("emulator", argv, {
    port: { type: "string", default: "8080" },
    host: { type: "string", default: "127.0.0.1" },
    hub: { type: "string", default: "chat" },
    "access-key": { type: "string" },
    tls: { type: "boolean", default: false },
    "echo-invoke": { type: "boolean", default: false },
    "event-handler": { type: "string", multiple: true, default: [] },
    "system-events": { type: "string", default: ALL_SYSTEM_EVENTS },
    "event-pattern": { type: "string", default: "*" },
    config: { type: "string" },
    "event-handler-timeout": { type: "string" },
    "no-admin": { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const port = parsePort(values.port, "--port");
  const handlers = await resolveHandlerFlags({
    config: values.config,
    eventHandlers: values["event-handler"],
    systemEvents: values["system-events"],
    eventPattern: values["event-pattern"],
  });
  const timeout = values["event-handler-timeout"];
  const timeoutMs = timeout === undefined ? undefined : Number(timeout);
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new CliError(`--event-handler-timeout must be a positive number of milliseconds, got '${timeout}'`);
  }
  const accessKey = values["access-key"] ?? handlers.accessKey;
  const emulator: Emulator = await listenOrExplain(
    async () => {
      try {
        return await startEmulator({
          port,
          host: values.host,
          tls: values.tls,
          admin: !values["no-admin"],
          hubs: handlers.hubs,
          ...(timeoutMs === undefined ? {} : { eventHandlerPolicy: { timeoutMs } }),
          ...(values["echo-invoke"] ? { onInvoke: echoInvoke } : {}),
          logLevel: values.verbose ? "debug" : values.quiet ? "error" : "info",
          ...(accessKey === undefined ? {} : { accessKey }),
        });
      } catch (error) {
        // A setting that does not hold (a bad URL template, an unknown system event): a usage mistake.
        if (error instanceof RangeError) throw new CliError(error.message);
        throw error;
      }
    },
    { port, host: values.host, portFlag: "--port" },
  );
  const clientUrl = await emulator.getClientAccessUrl({
    hub: values.hub,
    userId: "user1",
    roles: ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"],
  });
  // Listening for Ctrl-C before saying "Press Ctrl-C": a signal right after the banner must not kill us.
  const interrupted = untilInterrupted();
  const lines = banner(emulator, values.hub, clientUrl, values["echo-invoke"], !values["no-admin"]);
  lines.splice(-1, 0, ...handlerLines(handlers.hubs, handlers.ignored));
  process.stdout.write(`${lines.join("\n")}\n`);
  await interrupted;
  await emulator.close();
  process.stdout.write("Emulator stopped.\n");
  return 0;
}

/** The event handlers configured, one line each, and what the settings file had that is ignored. */
function handlerLines(hubs: Record<string, HubSettings>, ignored: readonly string[]): string[] {
  const lines: string[] = [];
  for (const [hub, settings] of Object.entries(hubs)) {
    for (const handler of settings.eventHandlers ?? []) {
      const system = handler.systemEvents?.length ? handler.systemEvents.join(",") : "none";
      lines.push(
        `Event handler for hub "${hub}": ${handler.urlTemplate} (system events: ${system}; user events: ${handler.eventPattern || "none"})`,
      );
    }
  }
  for (const note of ignored) lines.push(`Ignored from --config: ${note}`);
  return lines;
}

/** What `wps emulator` prints on stdout at start (never hidden by `--quiet`, which is about logs). */
function banner(emulator: Emulator, hub: string, clientUrl: string, echo: boolean, admin: boolean): string[] {
  const lines = [
    `Web PubSub emulator listening on ${emulator.endpoint}`,
    `Connection string: ${emulator.connectionString}`,
  ];
  const certPath = emulator.tls?.certPath;
  if (emulator.tls === undefined) {
    lines.push(
      `  (@azure/web-pubsub needs { allowInsecureConnection: true } for an http endpoint; or use --tls)`,
    );
  } else if (certPath !== undefined) {
    lines.push(
      `Certificate (self-signed, localhost/127.0.0.1/::1, deleted when the emulator stops): ${certPath}`,
      `  Node trusts it only when told before it starts, e.g.:`,
      `  NODE_EXTRA_CA_CERTS=${certPath} node app.js`,
    );
  }
  lines.push(
    `Client URL for hub "${hub}" (user1, may join and send to any group; valid 60 min):`,
    `  ${clientUrl}`,
    echo
      ? `Invokes are answered with their own data (--echo-invoke).`
      : `Invokes are refused: no handler (--echo-invoke answers them with their own data).`,
    admin
      ? `Admin route (development and tests only): ${emulator.endpoint}/admin/connections with ` +
          `a bearer token from \`wps token --admin --connection-string "…"\``
      : `Admin route: off (--no-admin)`,
    `Press Ctrl-C to stop.`,
  );
  return lines;
}
