/**
 * `wps`: the web-pubsub-machine command line. One binary, one subcommand per job; each has `--help`.
 */
import { CliError, type Subcommand } from "./cli-kit.js";
import { runConnectCommand } from "./connect-command.js";
import { runDemoCommand } from "./demo-command.js";
import { runEmulatorCommand } from "./emulator-command.js";
import { inspectCommand } from "./inspect-command.js";
import { runTokenCommand } from "./token-command.js";

const subcommands: Record<string, Subcommand> = {
  emulator: {
    summary: "run the local Web PubSub service",
    run: runEmulatorCommand,
  },
  connect: {
    summary: "an interactive client in the terminal (or a pipe)",
    run: runConnectCommand,
  },
  token: {
    summary: "mint a client access URL (or an emulator admin token) offline from a connection string",
    run: runTokenCommand,
  },
  demo: {
    summary: "run the guided scenario on an embedded emulator (what `npm start` runs)",
    run: runDemoCommand,
  },
  inspect: inspectCommand,
};

function usage(): string {
  const width = Math.max(...Object.keys(subcommands).map((name) => name.length));
  const lines = Object.entries(subcommands).map(
    ([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`,
  );
  return [
    "Usage: wps <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Run `wps <command> --help` for its options.",
  ].join("\n");
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage() + "\n");
    return name === undefined ? 1 : 0;
  }
  const command = subcommands[name];
  if (!command) throw new CliError(`unknown command '${name}'\n\n${usage()}`);
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message =
      error instanceof CliError ? error.message : error instanceof Error ? error.message : String(error);
    process.stderr.write(`wps: ${message}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
  },
);
