/**
 * A real app server for the interop tests: Express with `@azure/web-pubsub-express` 1.1.0,
 * unchanged, on 127.0.0.1 and an ephemeral port. The handler's options can be set after the
 * server listens (they need the emulator's endpoint, and the emulator needs the server's URL).
 */
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebPubSubEventHandler } from "@azure/web-pubsub-express";
import type { WebPubSubEventHandlerOptions } from "@azure/web-pubsub-express";
import express from "express";

export interface ExpressApp {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Installs the event handler for a hub at `/eventhandler` (replacing any earlier one). */
  handle(hub: string, options: WebPubSubEventHandlerOptions): void;
  close(): Promise<void>;
}

export async function startExpressApp(): Promise<ExpressApp> {
  const app = express();
  let middleware: express.RequestHandler = (_req, _res, next) => next();
  app.use((req, res, next) => middleware(req, res, next));
  const server: Server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    handle(hub, options) {
      middleware = new WebPubSubEventHandler(hub, { path: "/eventhandler", ...options }).getMiddleware();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
