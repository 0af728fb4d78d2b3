/**
 * The chat app's Node client: asks the app server for an access URL (`/negotiate`), connects with
 * web-pubsub-machine's `WebPubSubClient`, says its lines as `message` events (the server answers
 * each with `delivered #n` and shares it with the lobby), and prints what the lobby says.
 *
 *   npx tsx examples/chat-app/client.ts alice "hello" "how are you?"   # APP_URL (http://127.0.0.1:3000)
 *
 * It leaves once the lobby has carried as many messages as it said.
 */
import { WebPubSubClient } from "../../src/index.js";

/** A client in the chat. */
export interface ChatSession {
  /** What it saw so far: the lobby's messages and the server's answers, in order. */
  readonly lines: readonly string[];
  /** Says each text as a `message` event (resolves once the server has answered it). */
  say(...texts: string[]): Promise<void>;
  /** Resolves once the lobby has carried `count` chat messages (anyone's). */
  heard(count: number): Promise<void>;
  leave(): void;
}

/** Joins the chat as `name` through the app server at `appUrl`. */
export async function joinChat(
  appUrl: string,
  name: string,
  log = (line: string) => console.log(line),
): Promise<ChatSession> {
  const lines: string[] = [];
  const note = (line: string): void => {
    lines.push(line);
    log(`${name} sees: ${line}`);
  };
  const client = new WebPubSubClient({
    getClientAccessUrl: async () => {
      const response = await fetch(`${appUrl}/negotiate?name=${encodeURIComponent(name)}`);
      if (!response.ok) throw new Error(`negotiate failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { url: string }).url;
    },
  });
  let chatMessages = 0;
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  client.on("group-message", ({ message }) => {
    const data = message.data as { from?: string; text?: string; system?: string };
    if (data.system !== undefined) {
      note(`* ${data.system}`);
      return;
    }
    note(`${data.from}: ${data.text}`);
    chatMessages++;
    for (const waiter of waiters.filter((w) => w.count <= chatMessages)) waiter.resolve();
  });
  client.on("server-message", ({ message }) => note(`(server) ${String(message.data)}`));
  await client.start();
  return {
    lines,
    async say(...texts) {
      for (const text of texts) await client.sendEvent("message", text, "text");
    },
    heard(count) {
      return count <= chatMessages
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve }));
    },
    leave() {
      client.stop();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [name = "guest", ...texts] = process.argv.slice(2);
  const session = await joinChat(process.env["APP_URL"] ?? "http://127.0.0.1:3000", name);
  await session.say(...texts);
  await session.heard(texts.length);
  session.leave();
}
