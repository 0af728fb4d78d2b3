/**
 * A fake app server for event handler tests: a plain `node:http` server on 127.0.0.1 and an
 * ephemeral port that records every request the emulator sends it and answers as the test says
 * (by default: validation allowed for every origin, every event 200 with no body).
 */
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request the emulator sent. Header names are lower-case. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** How the fake server answers one request. */
export interface FakeAnswer {
  readonly status?: number;
  readonly headers?: Record<string, string | string[]>;
  readonly body?: string | Buffer;
  /** Leaves the request unanswered (a hanging handler). */
  readonly hang?: true;
}

export type Responder = (request: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>;

interface Waiter {
  readonly predicate: (request: RecordedRequest) => boolean;
  readonly resolve: (request: RecordedRequest) => void;
}

export interface FakeHandlerServer {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** `127.0.0.1:PORT`. */
  readonly host: string;
  readonly requests: RecordedRequest[];
  /** Changes how later requests are answered. */
  respond(responder: Responder): void;
  /** The first recorded request matching `predicate`, waiting for it if need be. */
  next(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** Events (POSTs) recorded so far with this `ce-eventName`. */
  events(name: string): RecordedRequest[];
  close(): Promise<void>;
}

/** The default answer: validation allowed for any origin, events 200 and empty. */
export const allowAll: Responder = (request) =>
  request.method === "OPTIONS" ? { headers: { "WebHook-Allowed-Origin": "*" } } : { status: 200 };

/**
 * Validation allowed for any origin; the named events answered as given (an answer, or a function
 * of the request); every other event 200 and empty.
 */
export function answering(answers: Record<string, FakeAnswer | Responder>): Responder {
  return (request) => {
    if (request.method === "OPTIONS") return { headers: { "WebHook-Allowed-Origin": "*" } };
    const answer = answers[eventName(request) ?? ""];
    if (answer === undefined) return {};
    return typeof answer === "function" ? answer(request) : answer;
  };
}

export async function startHandlerServer(responder: Responder = allowAll): Promise<FakeHandlerServer> {
  let answer = responder;
  const requests: RecordedRequest[] = [];
  const taken = new Set<RecordedRequest>();
  let waiters: Waiter[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      for (const waiter of waiters.filter((w) => w.predicate(recorded))) {
        waiters = waiters.filter((w) => w !== waiter);
        waiter.resolve(recorded);
      }
      void Promise.resolve(answer(recorded)).then((reply) => {
        if (reply.hang) {
          hanging.add(res);
          return;
        }
        res.writeHead(reply.status ?? 200, reply.headers ?? {});
        res.end(reply.body ?? "");
      });
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    respond(next) {
      answer = next;
    },
    next(predicate, timeoutMs = 5000) {
      const found = requests.find((r) => !taken.has(r) && predicate(r));
      if (found !== undefined) {
        taken.add(found);
        return Promise.resolve(found);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w.resolve !== done);
          reject(
            new Error(
              `timed out waiting for a request; got ${requests.map((r) => `${r.method} ${r.path}`).join(", ")}`,
            ),
          );
        }, timeoutMs);
        const done = (request: RecordedRequest): void => {
          clearTimeout(timer);
          taken.add(request);
          resolve(request);
        };
        waiters.push({ predicate, resolve: done });
      });
    },
    events(name) {
      return requests.filter((r) => r.method === "POST" && r.headers["ce-eventname"] === name);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A request's event name (`ce-eventName`). */
export function eventName(request: RecordedRequest): string | undefined {
  const value = request.headers["ce-eventname"];
  return Array.isArray(value) ? value[0] : value;
}

/** Predicate: a POST of this event. */
export const isEvent =
  (name: string) =>
  (request: RecordedRequest): boolean =>
    request.method === "POST" && eventName(request) === name;
