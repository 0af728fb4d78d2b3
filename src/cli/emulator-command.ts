/** `wps emulator`: run the local Web PubSub service until Ctrl-C. */
import { startEmulator, type Emulator } from "../emulator/index.js";
import { listenOrExplain, parseFlags, parsePort, untilInterrupted } from "./cli-kit.js";

const help = `Usage: wps emulator [options]

Runs a local Azure Web PubSub service (reliable and plain JSON subprotocols, recovery, JWT auth
and roles, the REST data plane, fault injection under /admin/) until Ctrl-C.

The admin route /admin/ is for development and tests only. It answers only requests whose Host
is the listening address or a loopback name (else 421), that carry no foreign Origin (else 403)
and a bearer token signed with the access key (else 401): mint one with
  wps token --connection-string "<the connection string printed at start>" --admin

Options:
  --port <n>        TCP port (default 8080; 0 picks a free one)
  --host <addr>     interface to listen on (default 127.0.0.1)
  --hub <name>      hub for the ready-made client URL printed at start (default "chat")
  --access-key <k>  key tokens are signed with (default: the public development key)
  --tls             serve https/wss with a self-signed certificate generated at start
  --no-admin        do not serve the admin route (fault injection over HTTP) at all
  --verbose         log every connection and message
  --quiet           log errors only
  -h, --help        show this help
`;

export async function runEmulatorCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseFlags(argv, {
    port: { type: "string", default: "8080" },
    host: { type: "string", default: "127.0.0.1" },
    hub: { type: "string", default: "chat" },
    "access-key": { type: "string" },
    tls: { type: "boolean", default: false },
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
  const emulator: Emulator = await listenOrExplain(
    () =>
      startEmulator({
        port,
        host: values.host,
        tls: values.tls,
        admin: !values["no-admin"],
        logLevel: values.verbose ? "debug" : values.quiet ? "error" : "info",
        ...(values["access-key"] === undefined ? {} : { accessKey: values["access-key"] }),
      }),
    { port, host: values.host, portFlag: "--port" },
  );
  const clientUrl = await emulator.getClientAccessUrl({
    hub: values.hub,
    userId: "user1",
    roles: ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"],
  });
  process.stdout.write(
    [
      `Web PubSub emulator listening on ${emulator.endpoint}`,
      `Connection string: ${emulator.connectionString}`,
      `  (@azure/web-pubsub needs { allowInsecureConnection: true } for an http endpoint; or use --tls)`,
      `Client URL for hub "${values.hub}" (user1, may join and send to any group; valid 60 min):`,
      `  ${clientUrl}`,
      values["no-admin"]
        ? `Admin route: off (--no-admin)`
        : `Admin route (development and tests only): ${emulator.endpoint}/admin/connections with ` +
          `a bearer token from \`wps token --admin --connection-string "…"\``,
      `Press Ctrl-C to stop.`,
      "",
    ].join("\n"),
  );
  await untilInterrupted();
  await emulator.close();
  process.stdout.write("Emulator stopped.\n");
  return 0;
}
