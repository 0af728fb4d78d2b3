/**
 * Abuse protection (CloudEvents webhook validation, as the service does it): before the first
 * event goes to a handler URL, an `OPTIONS` request to the URL with `{event}` = `validate` carries
 * `WebHook-Request-Origin: <the emulator's host:port>`; the handler must answer 2xx with
 * `WebHook-Allowed-Origin: *` or that origin. A success is remembered for the emulator's life; a
 * failure for a while (1 s, doubling up to a minute), during which events to that URL fail at once.
 */
import type { Log } from "../logger.js";
import type { HandlerHttp } from "./http.js";

interface Record {
  /** `undefined` while the first validation runs. */
  verdict: string | true | undefined;
  /** When a failed verdict may be retried. */
  retryAt: number;
  backoffMs: number;
  pending: Promise<string | true> | undefined;
}

const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 60_000;

/** The CloudEvents attribute that marks a Web PubSub request (`@azure/web-pubsub-express` wants it). */
export const AWPS_VERSION_HEADER = { "ce-awpsversion": "1.0" } as const;

export class AbuseProtection {
  private readonly records = new Map<string, Record>();

  constructor(
    private readonly http: HandlerHttp,
    /** The origin the emulator presents: its `host:port`. */
    private readonly origin: () => string,
    private readonly log: Log,
  ) {}

  /** Resolves with `true` when events may go to `validateUrl`'s handler, else with the reason. */
  async check(validateUrl: string): Promise<string | true> {
    let record = this.records.get(validateUrl);
    if (record === undefined) {
      record = { verdict: undefined, retryAt: 0, backoffMs: FIRST_BACKOFF_MS, pending: undefined };
      this.records.set(validateUrl, record);
    }
    if (record.verdict === true) return true;
    if (record.pending !== undefined) return record.pending;
    if (record.verdict !== undefined && Date.now() < record.retryAt) return record.verdict;
    const current = record;
    current.pending = this.validate(validateUrl).then((verdict) => {
      current.pending = undefined;
      if (verdict !== true) {
        current.retryAt = Date.now() + current.backoffMs;
        current.backoffMs = Math.min(current.backoffMs * 2, MAX_BACKOFF_MS);
        this.log.warn(`event handler ${validateUrl} not validated: ${verdict}`);
      } else {
        this.log.info(`event handler ${validateUrl} validated (abuse protection)`);
      }
      current.verdict = verdict;
      return verdict;
    });
    return current.pending;
  }

  private async validate(url: string): Promise<string | true> {
    const origin = this.origin();
    try {
      const response = await this.http.call(
        { method: "OPTIONS", url, headers: { "WebHook-Request-Origin": origin, ...AWPS_VERSION_HEADER } },
        `validating ${url}`,
      );
      if (response.status < 200 || response.status > 299) {
        return `the validation request (OPTIONS ${url}) was answered ${response.status}`;
      }
      const allowed = response.headers["webhook-allowed-origin"];
      const origins = (Array.isArray(allowed) ? allowed.join(",") : (allowed ?? ""))
        .split(",")
        .map((value) => value.trim().toLowerCase())
        .filter((value) => value.length > 0);
      if (origins.includes("*") || origins.includes(origin.toLowerCase())) return true;
      return origins.length === 0
        ? `the validation answer has no WebHook-Allowed-Origin header (expected '*' or '${origin}')`
        : `WebHook-Allowed-Origin is '${origins.join(", ")}', which does not allow '${origin}' (allow it, or '*')`;
    } catch (error) {
      return `the validation request (OPTIONS ${url}) failed: ${(error as Error).message}`;
    }
  }
}
