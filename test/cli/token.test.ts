/**
 * `wps token` mints what `@azure/web-pubsub`'s `getClientAccessToken` mints (claim for claim,
 * apart from iat/exp timing, and the same URL shape), and the emulator accepts it.
 */
import { WebPubSubServiceClient } from "@azure/web-pubsub";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebPubSubClient } from "../../src/client.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { runCli } from "./helpers.js";

const KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";

interface Minted {
  token: string;
  baseUrl: string;
  url: string;
}

async function wpsToken(args: readonly string[]): Promise<Minted> {
  const run = await runCli(["token", ...args, "--json"]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Minted;
}

function withoutTiming(claims: Record<string, unknown>): Record<string, unknown> {
  const { iat: _iat, exp: _exp, ...rest } = claims;
  return rest;
}

const cases: ReadonlyArray<{
  name: string;
  connectionString: string;
  hub: string;
  args: string[];
  options: { userId?: string; roles?: string[]; groups?: string[]; expirationTimeInMinutes?: number };
}> = [
  {
    name: "an Azure endpoint, user, roles and groups",
    connectionString: `Endpoint=https://contoso.webpubsub.azure.com;AccessKey=${KEY};Version=1.0;`,
    hub: "chat",
    args: ["--user", "alice", "--role", "webpubsub.sendToGroup.room", "--role", "webpubsub.joinLeaveGroup"],
    options: { userId: "alice", roles: ["webpubsub.sendToGroup.room", "webpubsub.joinLeaveGroup"] },
  },
  {
    name: "groups, a custom lifetime, no user",
    connectionString: `Endpoint=https://contoso.webpubsub.azure.com/;AccessKey=${KEY};Version=1.0;`,
    hub: "Chat_1",
    args: ["--group", "g1", "--group", "g2", "--expires", "5"],
    options: { groups: ["g1", "g2"], expirationTimeInMinutes: 5 },
  },
  {
    name: "an endpoint without scheme, a Port override, keys in any case",
    connectionString: `endpoint=contoso.webpubsub.azure.com;accesskey=${KEY};Port=8443;version=1.0`,
    hub: "hub",
    args: ["--user", "bob"],
    options: { userId: "bob" },
  },
  {
    name: "a plain http endpoint (ws URL, http audience)",
    connectionString: `Endpoint=http://localhost:8080;AccessKey=${KEY};Version=1.0;`,
    hub: "h",
    args: [],
    options: {},
  },
];

describe("wps token", () => {
  it.each(cases)(
    "matches getClientAccessToken for $name",
    async ({ connectionString, hub, args, options }) => {
      const service = new WebPubSubServiceClient(connectionString, hub, { allowInsecureConnection: true });
      const [ours, official] = await Promise.all([
        wpsToken(["--connection-string", connectionString, "--hub", hub, ...args]),
        service.getClientAccessToken(options),
      ]);
      expect(ours.baseUrl).toBe(official.baseUrl);
      expect(ours.url.replace(ours.token, "<token>")).toBe(official.url.replace(official.token, "<token>"));
      expect(decodeProtectedHeader(ours.token)).toEqual(decodeProtectedHeader(official.token));
      const mine = decodeJwt(ours.token);
      const theirs = decodeJwt(official.token);
      expect(withoutTiming(mine)).toEqual(withoutTiming(theirs));
      expect(Object.keys(mine).sort()).toEqual(Object.keys(theirs).sort());
      // Same lifetime, within the second the two were minted apart.
      expect(Math.abs(mine.exp! - mine.iat! - (theirs.exp! - theirs.iat!))).toBeLessThanOrEqual(1);
    },
  );

  it("prints the URL alone without --json", async () => {
    const run = await runCli([
      "token",
      "--connection-string",
      `Endpoint=https://contoso.webpubsub.azure.com;AccessKey=${KEY};Version=1.0;`,
      "--hub",
      "chat",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^wss:\/\/contoso\.webpubsub\.azure\.com\/client\/hubs\/chat\?access_token=[\w-]+\.[\w-]+\.[\w-]+\n$/,
    );
  });

  it.concurrent.each([
    [["--hub", "chat"], /--connection-string is required/],
    [["--connection-string", "Endpoint=https://x.example", "--hub", "chat"], /no AccessKey/],
    [["--connection-string", `AccessKey=${KEY}`, "--hub", "chat"], /no Endpoint/],
    [["--connection-string", `Endpoint=https://x;AccessKey=k`], /--hub is required/],
    [["--connection-string", `Endpoint=https://x;AccessKey=k`, "--hub", "1bad"], /invalid hub name/],
    [
      [
        "--connection-string",
        `Endpoint=https://x;AccessKey=k`,
        "--hub",
        "h",
        "--role",
        "webpubsub.sendToGrop",
      ],
      /unknown role 'webpubsub.sendToGrop'/,
    ],
    [
      ["--connection-string", `Endpoint=https://x;AccessKey=k`, "--hub", "h", "--expires", "soon"],
      /--expires/,
    ],
    [["--bogus"], /^wps: unknown option '--bogus'; see 'wps token --help'$/m],
  ])("refuses %j with one clear line", async (args, message) => {
    const run = await runCli(["token", ...args], { env: { WebPubSubConnectionString: "" } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  describe("against the emulator", () => {
    let emu: Emulator;
    beforeAll(async () => {
      emu = await startEmulator({ port: 0, logger: false });
    });
    afterAll(() => emu.close());

    it("mints a URL the emulator accepts, with the user and auto-joined group", async () => {
      const minted = await wpsToken([
        "--connection-string",
        emu.connectionString,
        "--hub",
        "chat",
        "--user",
        "dave",
        "--group",
        "news",
      ]);
      const client = new WebPubSubClient(minted.url);
      try {
        await client.start();
        expect(client.userId).toBe("dave");
        const info = emu.connections("chat").find((c) => c.connectionId === client.connectionId);
        expect(info?.groups).toEqual(["news"]);
      } finally {
        await client[Symbol.asyncDispose]();
      }
    });

    it("mints an expired token with a negative --expires, which the emulator refuses", async () => {
      const minted = await wpsToken([
        "--connection-string",
        emu.connectionString,
        "--hub",
        "chat",
        "--expires=-1",
      ]);
      const run = await runCli(["connect", minted.url], { input: "quit\n" });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /could not connect: the service refused the access token \(HTTP 401\).*expired/,
      );
    });
  });
});
