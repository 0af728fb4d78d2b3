/** `wps connect --inspect [port|url]`: the client is watched in the live inspector. */
import { once } from "node:events";
import WebSocket from "ws";
import { describe, expect, it } from "vitest";
import { CliError } from "../../src/cli/cli-kit.js";
import { DEFAULT_INSPECT_PORT, takeInspectFlag } from "../../src/cli/connect/inspect-flag.js";
import { PAGE_SOCKET_PATH, type PageActor, type PageMessage } from "../../src/inspect/protocol.js";
import { jsonLines, LineReader, spawnCli } from "./helpers.js";

describe("takeInspectFlag", () => {
  it("takes the flag with or without a port or an inspector URL, leaving the other arguments", () => {
    expect(takeInspectFlag(["--emulator", "--inspect"])).toEqual({
      rest: ["--emulator"],
      choice: { port: DEFAULT_INSPECT_PORT },
    });
    expect(takeInspectFlag(["--inspect", "0", "--json"])).toEqual({ rest: ["--json"], choice: { port: 0 } });
    expect(takeInspectFlag(["--inspect", "--json"])).toEqual({
      rest: ["--json"],
      choice: { port: DEFAULT_INSPECT_PORT },
    });
    expect(takeInspectFlag(["--inspect=ws://127.0.0.1:9000"]).choice).toEqual({ url: "ws://127.0.0.1:9000" });
    expect(takeInspectFlag(["--inspect", "ws://127.0.0.1:9000", "--emulator"])).toEqual({
      rest: ["--emulator"],
      choice: { url: "ws://127.0.0.1:9000" },
    });
    expect(takeInspectFlag(["--emulator"])).toEqual({ rest: ["--emulator"], choice: undefined });
  });

  it("leaves a client access URL after the flag where it is: it is where to connect", () => {
    const url = "wss://contoso.webpubsub.azure.com/client/hubs/chat?access_token=abc";
    expect(takeInspectFlag(["--inspect", url])).toEqual({
      rest: [url],
      choice: { port: DEFAULT_INSPECT_PORT },
    });
  });

  it("refuses a value that is neither a port nor an inspector URL, and a repeated flag", () => {
    expect(() => takeInspectFlag(["--inspect=nope"])).toThrow(CliError);
    expect(() => takeInspectFlag(["--inspect=70000"])).toThrow(/port number/);
    expect(() => takeInspectFlag(["--inspect", "--inspect"])).toThrow(/twice/);
  });
});

describe("wps connect --inspect", () => {
  it("starts the inspector, prints its page, and the page shows the client connected", async () => {
    const child = spawnCli(["connect", "--emulator", "--json", "--stay", "--user", "dana", "--inspect", "0"]);
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    child.stdin.end("join room\n");
    let page: WebSocket | undefined;
    try {
      const lines = new LineReader(child);
      const line = await lines.waitFor((text) => text.includes('"type":"inspector"'), 15_000);
      const [record] = jsonLines(line);
      expect(record!["page"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(record!["inspect"]).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
      const html = await fetch(record!["page"] as string);
      expect(html.status).toBe(200);

      page = new WebSocket(`${record!["inspect"] as string}${PAGE_SOCKET_PATH}`);
      const actors = new Map<string, PageActor>();
      const connected = new Promise<PageActor>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no connected client: ${JSON.stringify([...actors.values()])}`)),
          15_000,
        );
        page!.on("message", (data) => {
          const message = JSON.parse(String(data)) as PageMessage;
          if (message.type === "view") return;
          for (const actor of message.actors) actors.set(actor.sessionId, actor);
          const client = [...actors.values()].find(
            (actor) => actor.name === "client" && JSON.stringify(actor.value).includes('"connected"'),
          );
          if (client !== undefined && client.context?.includes('"userId":"dana"')) {
            clearTimeout(timer);
            resolve(client);
          }
        });
      });
      await once(page, "open");
      expect((await connected).status).toBe("active");
      child.kill("SIGINT");
      expect(await exited).toBe(0);
    } finally {
      page?.close();
      child.kill("SIGKILL");
    }
  });
});
