/**
 * The HTTP calls to event handlers: one request with a deadline, retried on 408, 5xx and network
 * failures after growing delays (the same request, so the same CloudEvents id), with a bounded
 * response. Sockets are kept alive between calls and all of them are closed with the emulator.
 */
import http from "node:http";
import https from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import type { Log } from "../logger.js";

/** How event handler calls are retried and bounded. */
export interface EventHandlerPolicy {
  /**
   * How long one event may take, every attempt and every delay between attempts included.
   * A call still unanswered then fails (and is not retried). Default 100,000 ms.
   */
  readonly timeoutMs?: number | undefined;
  /**
   * The delays before the second, third, … attempt of a call that got a 408, a 5xx or a network
   * failure; their number is the number of retries. Default `[1000, 3000, 5000]` (four attempts).
   */
  readonly retryDelaysMs?: readonly number[] | undefined;
}

/** The defaults of {@link EventHandlerPolicy}. */
export const DEFAULT_EVENT_HANDLER_POLICY = Object.freeze({
  timeoutMs: 100_000,
  retryDelaysMs: Object.freeze([1000, 3000, 5000]) as readonly number[],
});

/** The largest handler response read; a larger one fails the event. */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** A request to a handler. */
export interface HandlerRequest {
  readonly method: "POST" | "OPTIONS";
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer | undefined;
  /** Aborts the call (an invocation cancelled by its client). */
  readonly signal?: AbortSignal | undefined;
}

/** A handler's answer. Header names are lower-case; repeated headers are joined with ", ". */
export interface HandlerResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Why a call has no answer: `network` (after every retry), `timeout`, `aborted`, `invalid`. */
export class HandlerCallError extends Error {
  constructor(
    readonly kind: "network" | "timeout" | "aborted" | "invalid",
    message: string,
  ) {
    super(message);
    this.name = "HandlerCallError";
  }
}

function retryable(status: number): boolean {
  return status === 408 || status >= 500;
}

function positiveOr(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
  return value;
}

/** A policy with its defaults filled in. */
export interface ResolvedPolicy {
  readonly timeoutMs: number;
  readonly retryDelaysMs: readonly number[];
}

/** Checks a policy, filling in the defaults. @throws RangeError for a bad value. */
export function resolvePolicy(policy: EventHandlerPolicy | undefined): ResolvedPolicy {
  const timeoutMs = positiveOr(
    "eventHandlerPolicy.timeoutMs",
    policy?.timeoutMs,
    DEFAULT_EVENT_HANDLER_POLICY.timeoutMs,
  );
  const retryDelaysMs = policy?.retryDelaysMs ?? DEFAULT_EVENT_HANDLER_POLICY.retryDelaysMs;
  if (!Array.isArray(retryDelaysMs) || !retryDelaysMs.every((d) => Number.isFinite(d) && d >= 0)) {
    throw new RangeError("eventHandlerPolicy.retryDelaysMs must be a list of delays of 0 ms or more");
  }
  return { timeoutMs, retryDelaysMs: [...retryDelaysMs] };
}

/** Makes the calls; {@link close} ends every call in flight and every kept-alive socket. */
export class HandlerHttp {
  private readonly agents = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true }),
  };
  private readonly closing = new AbortController();

  constructor(
    private readonly policy: ResolvedPolicy,
    private readonly log: Log,
  ) {}

  /**
   * Sends a request, retrying as the policy says. Resolves with the last response (any status:
   * the caller decides what a 4xx or a final 5xx means); rejects with a {@link HandlerCallError}.
   */
  async call(request: HandlerRequest, what: string): Promise<HandlerResponse> {
    const deadline = Date.now() + this.policy.timeoutMs;
    const delays = this.policy.retryDelaysMs;
    for (let attempt = 0; ; attempt++) {
      const left = deadline - Date.now();
      let outcome: HandlerResponse | HandlerCallError;
      try {
        outcome = await this.once(request, left);
      } catch (error) {
        outcome = error instanceof HandlerCallError ? error : new HandlerCallError("network", String(error));
      }
      const failed =
        outcome instanceof HandlerCallError ? outcome.kind === "network" : retryable(outcome.status);
      const delay = delays[attempt];
      if (!failed || delay === undefined || Date.now() + delay >= deadline) {
        if (outcome instanceof HandlerCallError) throw outcome;
        return outcome;
      }
      this.log.info(
        `${what}: ${outcome instanceof HandlerCallError ? outcome.message : `answered ${outcome.status}`}; ` +
          `attempt ${attempt + 2} of ${delays.length + 1} in ${delay} ms`,
      );
      await this.wait(delay, request.signal);
    }
  }

  /** Ends every call in flight and closes the kept-alive sockets. */
  close(): void {
    this.closing.abort();
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
    const signals = signal === undefined ? [this.closing.signal] : [this.closing.signal, signal];
    const stop = AbortSignal.any(signals);
    return new Promise((resolve, reject) => {
      if (stop.aborted) {
        reject(new HandlerCallError("aborted", "the call was cancelled"));
        return;
      }
      const timer = setTimeout(() => {
        stop.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new HandlerCallError("aborted", "the call was cancelled"));
      };
      stop.addEventListener("abort", onAbort, { once: true });
    });
  }

  private once(request: HandlerRequest, timeoutMs: number): Promise<HandlerResponse> {
    if (timeoutMs <= 0)
      return Promise.reject(new HandlerCallError("timeout", "no time left for another attempt"));
    const url = new URL(request.url);
    const secure = url.protocol === "https:";
    const timeout = AbortSignal.timeout(timeoutMs);
    const signals = [this.closing.signal, timeout];
    if (request.signal !== undefined) signals.push(request.signal);
    const signal = AbortSignal.any(signals);
    return new Promise((resolve, reject) => {
      const fail = (error: unknown): void => {
        if (timeout.aborted) reject(new HandlerCallError("timeout", `no answer within ${timeoutMs} ms`));
        else if (signal.aborted) reject(new HandlerCallError("aborted", "the call was cancelled"));
        else reject(new HandlerCallError("network", describeNetworkError(error)));
      };
      let req: http.ClientRequest;
      try {
        req = (secure ? https : http).request(url, {
          method: request.method,
          headers: {
            ...request.headers,
            ...(request.body === undefined ? {} : { "Content-Length": String(request.body.length) }),
          },
          agent: secure ? this.agents.https : this.agents.http,
          signal,
        });
      } catch (error) {
        // Node refuses a header it cannot send (e.g. a non-ASCII user id): no attempt can succeed.
        reject(new HandlerCallError("invalid", `the request cannot be sent: ${(error as Error).message}`));
        return;
      }
      req.on("error", fail);
      req.on("response", (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            res.destroy();
            reject(new HandlerCallError("invalid", `the answer is larger than ${MAX_RESPONSE_BYTES} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on("error", fail);
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.end(request.body);
    });
  }
}

function describeNetworkError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "ECONNREFUSED")
    return `connection refused (${message.replace(/^connect ECONNREFUSED /, "")}): is the handler running?`;
  return code === undefined ? message : `${code}: ${message}`;
}
