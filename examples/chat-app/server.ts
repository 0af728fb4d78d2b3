/**
 * The chat app's server: Express with `@azure/web-pubsub-express` as the event handler of hub
 * `chat`, and `@azure/web-pubsub` to send messages — the same code would run against Azure.
 *
 * - `GET /negotiate?name=alice` gives a client its access URL (a token for user `alice`).
 * - `connect`: refuses clients without a user; everyone else joins the group `lobby`.
 * - `connected` / `disconnected`: tells the lobby who came and went.
 * - the user event `message`: the text goes to the lobby as `{ from, text }`, and the sender gets
 *   `delivered #n` back (n counted in the connection state).
 *
 * On its own (needs `wps emulator` running with this server as the hub's event handler, see
 * README.md "The chat app"):
 *
 *   npx tsx examples/chat-app/server.ts      # PORT (3000), WebPubSubConnectionString (the emulator's on 8080)
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { once } from "node:events";
import { WebPubSubServiceClient } from "@azure/web-pubsub";
import { WebPubSubEventHandler } from "@azure/web-pubsub-express";
import express from "express";

export const HUB = "chat";
export const LOBBY = "lobby";

/** The connection string `wps emulator --port 8080` prints (the default access key). */
export const LOCAL_CONNECTION_STRING =
  "Endpoint=http://127.0.0.1:8080;AccessKey=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH;Version=1.0;";

export interface ChatServer {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts the app server. The connection string may arrive after the server listens (a promise):
 * the emulator needs the server's URL, and the server needs the emulator's connection string.
 */
export async function startChatServer(options: {
  readonly port?: number;
  readonly connectionString: string | Promise<string>;
  readonly log?: (line: string) => void;
}): Promise<ChatServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const ready = Promise.resolve(options.connectionString).then((connectionString) => {
    // http endpoints need the flag; against Azure (https) it is not needed.
    const service = new WebPubSubServiceClient(connectionString, HUB, { allowInsecureConnection: true });
    const endpoint = /Endpoint=([^;]+)/i.exec(connectionString)?.[1] ?? "";
    // Notifications need no answer; a failed announcement is logged, not thrown.
    const announce = (system: string): Promise<void> =>
      service
        .group(LOBBY)
        .sendToAll({ system })
        .catch((error: unknown) => log(`server: could not announce '${system}': ${String(error)}`));
    const handler = new WebPubSubEventHandler(HUB, {
      path: "/eventhandler",
      // Abuse protection: only our Web PubSub (here, the emulator) may call this handler.
      allowedEndpoints: [endpoint],
      handleConnect: (req, res) => {
        if (!req.context.userId) {
          res.fail(401, "sign in first: get your URL from /negotiate?name=…");
          return;
        }
        res.success({ groups: [LOBBY] });
      },
      onConnected: (req) => {
        log(`server: ${req.context.userId} connected`);
        void announce(`${req.context.userId} joined`);
      },
      onDisconnected: (req) => {
        void announce(`${req.context.userId} left`).then(() =>
          log(`server: ${req.context.userId} disconnected`),
        );
      },
      handleUserEvent: async (req, res) => {
        if (req.context.eventName !== "message" || req.dataType !== "text") {
          res.fail(400, "send text messages only");
          return;
        }
        const sent = Number(req.context.states["sent"] ?? 0) + 1;
        res.setState("sent", sent);
        await service.group(LOBBY).sendToAll({ from: req.context.userId, text: req.data });
        res.success(`delivered #${sent}`, "text");
      },
    });
    return { service, middleware: handler.getMiddleware() };
  });

  const app = express();
  app.get("/negotiate", async (req, res) => {
    const name = typeof req.query["name"] === "string" ? req.query["name"] : "";
    if (name === "") {
      res.status(400).send("missing ?name=");
      return;
    }
    const { service } = await ready;
    const token = await service.getClientAccessToken({ userId: name });
    res.json({ url: token.url });
  });
  app.use((req, res, next) => {
    ready.then(({ middleware }) => middleware(req, res, next), next);
  });

  const server: Server = app.listen(options.port ?? 3000, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startChatServer({
    port: Number(process.env["PORT"] ?? 3000),
    connectionString: process.env["WebPubSubConnectionString"] ?? LOCAL_CONNECTION_STRING,
  });
  console.log(`Chat app listening on ${server.url} (event handler: ${server.url}/eventhandler/{event})`);
}
