/** `wps token`: mint a client access URL offline, exactly as the official server SDK would. */
import { checkHubName } from "../emulator/hub.js";
import { CliError, parseFlags, HOW_TO_RUN } from "./cli-kit.js";
import { checkRoles, mintClientAccess, parseConnectionString } from "./connection-string.js";

const help = `Usage: wps token --connection-string <cs> --hub <hub> [options]

Prints a client access URL for a hub, minted offline with the connection string's access key
exactly as @azure/web-pubsub's getClientAccessToken does (same claims, same URL). Works for a
real Azure Web PubSub connection string and for the emulator's.

Options:
  --connection-string <cs>  Endpoint=…;AccessKey=…;Version=1.0;[Port=…]
                            (default: $WebPubSubConnectionString)
  --hub <name>              hub the URL connects to (required)
  --user <id>               user id (the token's sub claim)
  --role <role>             a role, repeatable: webpubsub.joinLeaveGroup[.<group>],
                            webpubsub.sendToGroup[.<group>], webpubsub.joinLeaveGroups.<pattern>,
                            webpubsub.sendToGroups.<pattern>
  --group <group>           a group joined on connect, repeatable
  --expires <minutes>       token lifetime (default 60; --expires=-1 mints an expired token)
  --json                    print {"token","baseUrl","url"} instead of the URL alone
  -h, --help                show this help

Example:
  wps token --connection-string "$CS" --hub chat --user alice --role webpubsub.sendToGroup.room

${HOW_TO_RUN}`;

/** Runs `wps token`. */
export async function runTokenCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseFlags("token", argv, {
    "connection-string": { type: "string" },
    hub: { type: "string" },
    user: { type: "string" },
    role: { type: "string", multiple: true },
    group: { type: "string", multiple: true },
    expires: { type: "string" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const connectionString = values["connection-string"] ?? process.env["WebPubSubConnectionString"];
  if (connectionString === undefined || connectionString === "") {
    throw new CliError("--connection-string is required (or set $WebPubSubConnectionString)");
  }
  if (values.hub === undefined) throw new CliError("--hub is required");
  const hubProblem = checkHubName(values.hub);
  if (hubProblem !== undefined) throw new CliError(`invalid hub name '${values.hub}': ${hubProblem}`);
  let expiresInMinutes: number | undefined;
  if (values.expires !== undefined) {
    expiresInMinutes = Number(values.expires);
    if (values.expires.trim() === "" || !Number.isFinite(expiresInMinutes) || expiresInMinutes === 0) {
      throw new CliError(`--expires must be a non-zero number of minutes, got '${values.expires}'`);
    }
  }
  const roles = values.role;
  if (roles !== undefined) checkRoles(roles);
  const groups = values.group;
  if (groups?.some((group) => group === "")) throw new CliError("--group must not be empty");
  const minted = await mintClientAccess(parseConnectionString(connectionString), {
    hub: values.hub,
    userId: values.user,
    roles,
    groups,
    expiresInMinutes,
  });
  process.stdout.write(values.json ? `${JSON.stringify(minted)}\n` : `${minted.url}\n`);
  return 0;
}
