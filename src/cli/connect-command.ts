/**
 * `wps connect`: an interactive Web PubSub client in the terminal, like `wscat` but speaking the
 * Web PubSub protocol through {@link WebPubSubClient}. Reads typed commands (see
 * {@link COMMAND_HELP}) from a terminal or a pipe and prints what happens as it happens.
 */
import { createInterface, type Interface } from "node:readline";
import { WebPubSubClient } from "../client.js";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { describeErrorDetail, describeOperationFailure, toInvocationError } from "../errors.js";
import type { InvocationFailure, OperationFailure, WebPubSubClientState } from "../types.js";
import { CliError, echoInvoke, listenOrExplain, parseFlags, parsePort, HOW_TO_RUN } from "./cli-kit.js";
import { COMMAND_HELP, parseCommand, type ConnectCommand } from "./connect/commands.js";
import { openInspector, takeInspectFlag } from "./connect/inspect-flag.js";
import { connectProtocol } from "./connect/protocol.js";
import { explainConnectFailure } from "./diagnose.js";
import { formatLine, printableData, type OutputRecord } from "./connect/output.js";
import { checkRoles, mintClientAccess, parseConnectionString } from "./connection-string.js";
import { ConnectStreams } from "./connect/streams.js";
import { Progress } from "./progress.js";

const help = `Usage: wps connect <client-url> [options]
       wps connect --emulator [options]
       wps connect --connection-string <cs> --hub <hub> [options]

An interactive Web PubSub client: type commands, see messages and state changes as they arrive,
each with a timestamp. Stdin may be a pipe: commands run one after another, and the client stops
when the input ends (unless --stay).

Where to connect (exactly one):
  <client-url>              a client access URL (wss://…/client/hubs/<hub>?access_token=…)
  --emulator                start an embedded emulator on 127.0.0.1 and connect to it
  --connection-string <cs>  mint a URL offline from a connection string (--hub required)

Options:
  --hub <name>              hub: required with --connection-string (it is your server's);
                            with --emulator, default "chat"
  --user <id>               user id for --emulator / --connection-string (default "user1")
  --role <role>             role for --emulator / --connection-string, repeatable
                            (default: webpubsub.joinLeaveGroup and webpubsub.sendToGroup)
  --port <n>                port of the embedded emulator (default 0: a free one)
  --protocol <p>            json.reliable (default), json, protobuf-reliable or protobuf
                            (the protobuf subprotocols: binary frames, no sender user id)
  --join <group>            join a group once connected, repeatable
  --json                    print one JSON object per line (for scripts)
  --stay                    keep running after piped input ends, until Ctrl-C
  --inspect [port|url]      watch the client in the live inspector: runs it here on the port
                            (default 8081, 0: a free one) and prints its page, or reports to
                            one already running at a ws:// URL (wps inspect)
  -h, --help                show this help

${COMMAND_HELP}

Examples (in a clone of the repository, \`npm run wps -- connect …\` instead of \`npx wps connect …\`):
  npx wps connect --emulator
  printf 'join room\\nsend room hello\\n' | npx wps connect --emulator --json
  NODE_EXTRA_CA_CERTS=<certificate> npx wps connect "wss://127.0.0.1:8080/client/hubs/chat?access_token=…"
                            (a \`wps emulator --tls\` prints its certificate's path)

${HOW_TO_RUN}`;

const DEFAULT_ROLES = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"] as const;

/** Where the client connects, and the embedded emulator to close afterwards, if any. */
interface Target {
  readonly url: string;
  readonly emulator?: Emulator;
  readonly announce?: OutputRecord;
}

function checkClientUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliError(`'${text.slice(0, 60)}' is not a valid client access URL`);
  }
  if (!["ws:", "wss:", "http:", "https:"].includes(url.protocol)) {
    throw new CliError(
      `a client access URL must start with wss:// (or ws://, https://), not ${url.protocol}//`,
    );
  }
  return text;
}

async function resolveTarget(
  positional: readonly string[],
  values: {
    emulator: boolean;
    "connection-string"?: string | undefined;
    hub?: string | undefined;
    user?: string | undefined;
    role?: string[] | undefined;
    port?: string | undefined;
  },
): Promise<Target> {
  const sources = [positional.length > 0, values.emulator, values["connection-string"] !== undefined];
  if (sources.filter(Boolean).length !== 1) {
    throw new CliError(
      "give exactly one of: a client URL, --emulator, --connection-string; see 'wps connect --help'",
    );
  }
  if (positional.length > 1) throw new CliError(`unexpected argument '${positional[1]}'`);
  if (positional[0] !== undefined) {
    // The URL already names its hub, user and roles (in its token): a flag would be ignored.
    const ignored = (["hub", "user", "role", "port"] as const).find((name) => values[name] !== undefined);
    if (ignored !== undefined) {
      throw new CliError(
        `--${ignored} applies to --emulator and --connection-string; a client URL already decides it; see 'wps connect --help'`,
      );
    }
    return { url: checkClientUrl(positional[0]) };
  }
  const roles = values.role ?? [...DEFAULT_ROLES];
  checkRoles(roles);
  const userId = values.user ?? "user1";
  if (values["connection-string"] !== undefined) {
    if (values.hub === undefined) {
      throw new CliError(
        "--connection-string needs --hub <name>, the hub your application's server uses; see 'wps connect --help'",
      );
    }
    if (values.port !== undefined)
      throw new CliError("--port applies to --emulator only; see 'wps connect --help'");
    const request = { hub: values.hub, userId, roles };
    const minted = await mintClientAccess(parseConnectionString(values["connection-string"]), request);
    return { url: minted.url };
  }
  const request = { hub: values.hub ?? "chat", userId, roles };
  const port = parsePort(values.port ?? "0", "--port");
  const emulator: Emulator = await listenOrExplain(
    () =>
      startEmulator({
        port,
        logger: false,
        // An echo handler, so `invoke` shows a round trip without a server of your own.
        onInvoke: echoInvoke,
      }),
    { port, host: "127.0.0.1", portFlag: "--port" },
  );
  try {
    const url = await emulator.getClientAccessUrl(request);
    return {
      url,
      emulator,
      announce: { type: "emulator", endpoint: emulator.endpoint, hub: request.hub, userId },
    };
  } catch (error) {
    await emulator.close();
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

function operationError(command: string, target: string, failure: OperationFailure): OutputRecord {
  if (failure.kind === "rejected") {
    return {
      type: "error",
      command,
      target,
      error: failure.errorDetail.name,
      message: describeErrorDetail(failure.errorDetail),
    };
  }
  return { type: "error", command, target, error: failure.kind, message: describeOperationFailure(failure) };
}

function invocationError(target: string, failure: InvocationFailure): OutputRecord {
  const error = failure.kind === "rejected" ? failure.errorDetail.name : failure.kind;
  return { type: "error", command: "invoke", target, error, message: toInvocationError(failure).message };
}

/** One running `wps connect`: the client, the printer, and the command queue. */
class ConnectSession {
  private readonly progress = new Progress();
  private rl: Interface | undefined;
  private lastState: WebPubSubClientState;
  private readonly streams: ConnectStreams;

  constructor(
    private readonly client: WebPubSubClient,
    private readonly json: boolean,
    private readonly interactive: boolean,
  ) {
    this.lastState = client.state;
    this.streams = new ConnectStreams(client, (record) => this.print(record));
    client.actor.subscribe(() => this.onSnapshot());
    client.on("connected", (e) =>
      this.print({ type: "connected", connectionId: e.connectionId, userId: e.userId }),
    );
    client.on("disconnected", (e) =>
      this.print({ type: "disconnected", connectionId: e.connectionId, code: e.code, reason: e.reason }),
    );
    client.on("recovering", (e) =>
      this.print({ type: "recovering", connectionId: e.connectionId, code: e.code, reason: e.reason }),
    );
    client.on("recovered", (e) => this.print({ type: "recovered", connectionId: e.connectionId }));
    client.on("stopped", () => this.print({ type: "stopped" }));
    client.on("group-message", ({ message }) => {
      // A stream's messages are printed as its fragments and its end (connect/streams.ts).
      if (message.stream !== undefined) return;
      this.print({
        type: "group-message",
        group: message.group,
        // Absent when the service sent none (the server, or an anonymous sender).
        fromUserId: message.fromUserId ?? "",
        dataType: message.dataType,
        data: printableData(message.data),
        sequenceId: message.sequenceId,
      });
    });
    client.on("server-message", ({ message }) =>
      this.print({
        type: "server-message",
        dataType: message.dataType,
        data: printableData(message.data),
        sequenceId: message.sequenceId,
      }),
    );
    client.on("rejoin-group-failed", (e) =>
      this.print({ type: "rejoin-group-failed", group: e.group, message: e.error.message }),
    );
  }

  /** Prints a record above the prompt, redrawing what the user was typing. */
  print(record: OutputRecord): void {
    const line = formatLine(record, this.json);
    this.progress.stop();
    if (this.rl !== undefined && this.interactive) {
      process.stdout.write(`\r\x1b[2K${line}\n`);
      this.rl.prompt(true);
    } else {
      process.stdout.write(`${line}\n`);
    }
  }

  private onSnapshot(): void {
    const state = this.client.state;
    if (state === this.lastState) return;
    const from = this.lastState;
    this.lastState = state;
    // The prompt first: printing redraws it, and it must show the state just printed.
    this.rl?.setPrompt(`${state}> `);
    this.print({ type: "state", from, to: state });
    if (state === "connecting" || state === "recovering" || state === "reconnecting") {
      if (this.rl === undefined) this.progress.start(state);
    } else {
      this.progress.stop();
    }
  }

  async start(url: string): Promise<void> {
    const result = await this.client.startResult();
    this.progress.stop();
    if (result.isErr()) {
      const why = explainConnectFailure(result.error, url);
      throw new CliError(`could not connect: ${why}`, 1);
    }
  }

  async run(command: ConnectCommand): Promise<void> {
    const client = this.client;
    switch (command.kind) {
      case "empty":
      case "quit":
        return;
      case "invalid":
        this.print({ type: "error", message: command.message });
        return;
      case "help":
        this.print({ type: "help", text: COMMAND_HELP });
        return;
      case "state":
        this.print({
          type: "info",
          state: client.state,
          connectionId: client.connectionId,
          userId: client.userId,
          groups: client.groups,
        });
        return;
      case "wait":
        await new Promise((resolve) => setTimeout(resolve, command.ms));
        return;
      case "stream-open":
      case "stream-write":
      case "stream-end":
      case "stream-abort":
        await this.streams.run(command);
        return;
      case "join":
      case "leave": {
        const result =
          command.kind === "join"
            ? await client.joinGroupResult(command.group)
            : await client.leaveGroupResult(command.group);
        this.print(
          result.isOk()
            ? { type: "ok", command: command.kind, target: command.group, ...result.value }
            : operationError(command.kind, command.group, result.error),
        );
        return;
      }
      case "send": {
        const { dataType, data } = command.payload;
        const result = await client.sendToGroupResult(command.group, data, dataType);
        this.print(
          result.isOk()
            ? { type: "ok", command: "send", target: command.group, ...result.value }
            : operationError("send", command.group, result.error),
        );
        return;
      }
      case "event": {
        const { dataType, data } = command.payload;
        const result = await client.sendEventResult(command.event, data, dataType);
        this.print(
          result.isOk()
            ? { type: "ok", command: "event", target: command.event, ...result.value }
            : operationError("event", command.event, result.error),
        );
        return;
      }
      case "invoke": {
        const { dataType, data } = command.payload;
        const result = await client.invokeEventResult(command.event, data, dataType);
        if (result.isErr()) {
          this.print(invocationError(command.event, result.error));
          return;
        }
        const { invocationId, dataType: responseType, data: responseData } = result.value;
        this.print({
          type: "ok",
          command: "invoke",
          target: command.event,
          invocationId,
          dataType: responseType,
          data: responseData === undefined ? undefined : printableData(responseData),
        });
        return;
      }
    }
  }

  /**
   * Reads commands until `quit`, end of input (unless `stay`), or Ctrl-C, running them one at a
   * time so a piped script's output follows its order.
   */
  readCommands(stay: boolean): Promise<void> {
    return new Promise((resolve) => {
      const rl = createInterface({
        input: process.stdin,
        output: process.stdout,
        terminal: this.interactive,
        prompt: `${this.client.state}> `,
      });
      this.rl = rl;
      const queue: string[] = [];
      let running = false;
      let inputEnded = false;
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        process.off("SIGINT", finish);
        process.off("SIGTERM", finish);
        this.rl = undefined;
        rl.close();
        if (this.interactive) process.stdout.write("\n");
        resolve();
      };
      const pump = async () => {
        if (running) return;
        running = true;
        while (queue.length > 0 && !finished) {
          const command = parseCommand(queue.shift() as string);
          if (command.kind === "quit") {
            finish();
            break;
          }
          await this.run(command);
        }
        running = false;
        if (finished) return;
        if (inputEnded && !stay) finish();
        else if (this.interactive && queue.length === 0) rl.prompt();
      };
      rl.on("line", (line) => {
        queue.push(line);
        void pump();
      });
      rl.on("close", () => {
        inputEnded = true;
        // In a terminal, Ctrl-D ends the session even with --stay.
        if (this.interactive) finish();
        else void pump();
      });
      // A terminal's Ctrl-C reaches readline, a pipe's reaches the process.
      rl.on("SIGINT", finish);
      process.on("SIGINT", finish);
      process.on("SIGTERM", finish);
      if (this.interactive) rl.prompt();
    });
  }

  /** Stops the client and waits (briefly) for `stopped`. */
  async stop(): Promise<void> {
    this.progress.stop();
    if (this.client.state === "stopped") return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3000);
      const off = this.client.on("stopped", () => {
        clearTimeout(timer);
        off();
        resolve();
      });
      this.client.stop();
    });
  }
}

/** Runs `wps connect`. */
export async function runConnectCommand(argv: readonly string[]): Promise<number> {
  const { rest, choice: inspectChoice } = takeInspectFlag(argv);
  const { values, positionals } = parseFlags(
    "connect",
    rest,
    {
      emulator: { type: "boolean", default: false },
      "connection-string": { type: "string" },
      hub: { type: "string" },
      user: { type: "string" },
      role: { type: "string", multiple: true },
      port: { type: "string" },
      protocol: { type: "string", default: "json.reliable" },
      join: { type: "string", multiple: true },
      json: { type: "boolean", default: false },
      stay: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const protocol = connectProtocol(values.protocol);
  // The inspector first: a taken port then fails before anything else is running.
  const inspector = inspectChoice === undefined ? undefined : await openInspector(inspectChoice);
  let target: Target;
  try {
    target = await resolveTarget(positionals, values);
  } catch (error) {
    await inspector?.close();
    throw error;
  }
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true && !values.json;
  const client = new WebPubSubClient(target.url, {
    protocol,
    // A typed command must not hang the prompt forever when an ack never comes.
    ackTimeoutInMs: 10_000,
    messageRetryOptions: { maxRetries: 0 },
    ...(inspector ? { inspect: inspector.url } : {}),
  });
  const session = new ConnectSession(client, values.json, interactive);
  try {
    if (target.announce !== undefined) session.print(target.announce);
    if (inspector) session.print({ type: "inspector", inspect: inspector.url, page: inspector.pageUrl });
    await session.start(target.url);
    for (const group of values.join ?? []) await session.run({ kind: "join", group });
    await session.readCommands(values.stay);
    await session.stop();
    return 0;
  } finally {
    await session.stop();
    await target.emulator?.close();
    await inspector?.close();
  }
}
