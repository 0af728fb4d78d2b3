/**
 * `wps token`: mint a client access URL offline, exactly as the official server SDK would (or, with
 * `--admin`, a bearer token for the emulator's admin route).
 */
import { checkHubName } from "../emulator/names.js";
import { CliError, parseFlags, HOW_TO_RUN } from "./cli-kit.js";
import { checkRoles, mintAdminToken, mintClientAccess, parseConnectionString } from "./connection-string.js";

const help = `Usage: wps token --connection-string <cs> --hub <hub> [options]
       wps token --connection-string <cs> --admin [--expires <minutes>] [--json]

Prints a client access URL for a hub, minted offline with the connection string's access key
exactly as @azure/web-pubsub's getClientAccessToken does (same claims, same URL). Works for a
real Azure Web PubSub connection string and for the emulator's.

With --admin, prints instead a bearer token for the emulator's admin route (development and
tests only): its audience is {endpoint}/admin, which opens every call under /admin/.

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
  --admin                   a bearer token for the emulator's /admin/ route instead of a URL
  --json                    print {"token","baseUrl","url"} instead of the URL alone
                            ({"token"} with --admin)
  -h, --help                show this help

Examples:
  wps token --connection-string "$CS" --hub chat --user alice --role webpubsub.sendToGroup.room
  curl -H "Authorization: Bearer $(wps token --connection-string "$CS" --admin)" \\
    http://127.0.0.1:8080/admin/connections

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
    admin: { type: "boolean", default: false },
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
  const expiresInMinutes = parseExpires(values.expires);
  if (values.admin) {
    for (const flag of ["hub", "user", "role", "group"] as const) {
      if (values[flag] !== undefined) throw new CliError(`--${flag} does not apply to --admin`);
    }
    const token = await mintAdminToken(parseConnectionString(connectionString), expiresInMinutes);
    process.stdout.write(values.json ? `${JSON.stringify({ token })}\n` : `${token}\n`);
    return 0;
  }
  if (values.hub === undefined) throw new CliError("--hub is required");
  const hubProblem = checkHubName(values.hub);
  if (hubProblem !== undefined) throw new CliError(`invalid hub name '${values.hub}': ${hubProblem}`);
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

function parseExpires(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const minutes = Number(text);
  if (text.trim() === "" || !Number.isFinite(minutes) || minutes === 0) {
    throw new CliError(`--expires must be a non-zero number of minutes, got '${text}'`);
  }
  return minutes;
}
