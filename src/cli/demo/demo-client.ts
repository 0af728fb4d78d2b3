/**
 * One named participant of the demo: a {@link WebPubSubClient} whose state transitions and
 * received messages are narrated and recorded for the checks.
 */
import { WebPubSubClient } from "../../client.js";
import type { GroupDataMessage } from "../../protocol/messages.js";
import type { WebPubSubClientOptions, WebPubSubClientState } from "../../types.js";
import type { Reporter } from "./reporter.js";
import type { Waiter } from "./waiter.js";

/**
 * Small timings so every fault heals within a second; the behaviour shown is the same as with
 * the defaults, only faster. The sequence-ack interval stays at its default (1 s), so messages
 * received just before a cut are still unacknowledged: they are the ones the service replays.
 */
export const DEMO_CLIENT_OPTIONS: WebPubSubClientOptions = {
  keepAliveIntervalInMs: 2000,
  pongTimeoutInMs: 3000,
  recoveryRetryOptions: { retryDelayInMs: 50, maxRetryDelayInMs: 250, jitter: 0 },
  reconnectRetryOptions: { retryDelayInMs: 100, maxRetryDelayInMs: 500, jitter: 0 },
  messageRetryOptions: { maxRetries: 2, retryDelayInMs: 100, jitter: 0 },
  ackTimeoutInMs: 5000,
};

/** The first characters of a connection id: enough to tell two apart on screen. */
export function shortId(connectionId: string | undefined): string {
  return connectionId === undefined ? "-" : `${connectionId.slice(0, 8)}…`;
}

/** A narrated client. */
export class DemoClient {
  readonly client: WebPubSubClient;
  /** Every group message received, in arrival order. */
  readonly received: GroupDataMessage[] = [];
  /** Every public state entered, starting with the initial one. */
  readonly states: WebPubSubClientState[];
  /** Connection ids announced by `connected`, oldest first. */
  readonly connections: string[] = [];
  /** Recoveries that ended in `recovered`. */
  recoveries = 0;
  /** Whether incoming group messages are narrated (off for bulk streams). */
  narrateMessages = true;
  /** Whether state transitions are narrated (off while the demo shuts down). */
  narrateStates = true;

  constructor(
    readonly name: string,
    url: string,
    private readonly reporter: Reporter,
    waiter: Waiter,
    options: WebPubSubClientOptions = DEMO_CLIENT_OPTIONS,
  ) {
    this.client = new WebPubSubClient(url, options);
    this.states = [this.client.state];
    // The statechart is the source: narrate its public state as each snapshot lands.
    this.client.actor.subscribe(() => {
      const state = this.client.state;
      const previous = this.states[this.states.length - 1];
      if (state !== previous) {
        this.states.push(state);
        // A connected line names the connection, so a recovery (same id) and a reconnect (new id) read apart.
        const id = state === "connected" ? `  ${shortId(this.client.connectionId)}` : "";
        if (this.narrateStates) this.reporter.line(name, `${previous} → ${state}${id}`);
      }
      waiter.notify();
    });
    this.client.on("connected", ({ connectionId }) => {
      this.connections.push(connectionId);
      waiter.notify();
    });
    this.client.on("recovered", () => {
      this.recoveries++;
      waiter.notify();
    });
    this.client.on("disconnected", ({ code, reason }) => {
      if (this.narrateStates) {
        const why =
          reason === undefined || reason === ""
            ? ""
            : `: ${reason.length > 50 ? `${reason.slice(0, 49)}…` : reason}`;
        this.reporter.line(name, `disconnected (${code ?? "no close code"}${why})`);
      }
      waiter.notify();
    });
    this.client.on("group-message", ({ message }) => {
      this.received.push(message);
      if (this.narrateMessages) {
        const text = typeof message.data === "string" ? message.data : JSON.stringify(message.data);
        this.reporter.line(name, `← ${message.group}  ${message.fromUserId ?? ""}: ${text}`);
      }
      waiter.notify();
    });
  }

  /** Messages received from `group` whose data is `text`. */
  countText(group: string, text: string): number {
    return this.received.filter((m) => m.group === group && m.data === text).length;
  }

  /** Stops the client and waits (at most 2 s) for `stopped`. */
  async stop(): Promise<void> {
    if (this.client.state === "stopped") return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2000);
      const off = this.client.on("stopped", () => {
        clearTimeout(timer);
        off();
        resolve();
      });
      this.client.stop();
    });
  }
}
