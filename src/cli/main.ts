#!/usr/bin/env node
/**
 * `wps`: the web-pubsub-machine command line. One binary, one subcommand per job; each has `--help`.
 */
import packageJson from "../../package.json" with { type: "json" };
import { CliError, HOW_TO_RUN, nearest, type Subcommand } from "./cli-kit.js";
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
    "Options:",
    "  -h, --help     show this help",
    "  -v, --version  print the version",
    "",
    "Run `wps <command> --help` for its options.",
    HOW_TO_RUN.trimEnd(),
  ].join("\n");
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    // A usage mistake: say what to type, on stderr, and exit 2 like every other one.
    process.stderr.write(`${usage()}\n`);
    return 2;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage() + "\n");
    return 0;
  }
  if (name === "--version" || name === "-v") {
    process.stdout.write(`${packageJson.name} ${packageJson.version}\n`);
    return 0;
  }
  const command = subcommands[name];
  if (command) return command.run(rest);
  if (name.startsWith("-")) {
    const guess = nearest(name, ["--help", "--version", "-h", "-v"]);
    throw new CliError(
      `unknown option '${name}'${guess ? ` (did you mean ${guess}?)` : ""}; see 'wps --help'`,
    );
  }
  const guess = nearest(name, Object.keys(subcommands));
  throw new CliError(
    `unknown command '${name}'${guess ? ` (did you mean ${guess}?)` : ""}; see 'wps --help'`,
  );
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
