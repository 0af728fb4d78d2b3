/**
 * Fakes for the client machine's actors: a scripted socket actor that records commands, a URL
 * resolver that counts calls, and a watchdog the test can fire.
 */
import { vi } from "vitest";
import { createActor, fromCallback, fromPromise } from "xstate";
import {
  clientMachine,
  type ClientEmitted,
  type ClientEvent,
  type ClientMachineConfig,
  type EnvironmentEvent,
  type SocketCommand,
} from "../../machines/client.machine.js";
import type { RetryPolicy } from "../../machines/rules/retry.js";

/** The silence watchdog's setting, as the harness saw it. */
interface WatchdogInput {
  readonly timeoutInMs: number;
}
import type { ConnectedMessage, GroupDataMessage } from "../../src/protocol/messages.js";

export const BASE_URL = "wss://example.test/client/hubs/chat?access_token=secret";

const fixed = (delay: number, maxRetries = Number.POSITIVE_INFINITY): RetryPolicy => ({
  maxRetries,
  retryDelayInMs: delay,
  maxRetryDelayInMs: delay * 8,
  mode: "Fixed",
  jitter: 0,
});

export function testConfig(overrides: Partial<ClientMachineConfig> = {}): ClientMachineConfig {
  return {
    reliable: true,
    autoReconnect: true,
    autoRejoinGroups: true,
    keepAliveIntervalInMs: 0,
    keepAliveTimeoutInMs: 0,
    pongTimeoutInMs: 0,
    sequenceAckIntervalInMs: 1000,
    sequenceAckGapThreshold: 300,
    recoveryWindowInMs: 30_000,
    recoveryRetry: fixed(1000),
    reconnectRetry: fixed(2000),
    connectTimeoutInMs: 60_000,
    closeTimeoutInMs: 3000,
    directDelivery: false,
    ...overrides,
  };
}

export function connectedFrame(connectionId = "c1", token = "tok1", userId = "alice"): ConnectedMessage {
  return { kind: "connected", connectionId, userId, reconnectionToken: token };
}

export function groupMessage(sequenceId: number, data = `m${sequenceId}`): GroupDataMessage {
  return { kind: "groupData", group: "g", fromUserId: "bob", dataType: "text", data, sequenceId };
}

export function createHarness(config: ClientMachineConfig = testConfig(), urls: Array<string | Error> = []) {
  const commands: SocketCommand[] = [];
  const emitted: ClientEmitted[] = [];
  let socketSendBack: ((event: ClientEvent) => void) | undefined;
  let socketStops = 0;
  let watchdog: { input: WatchdogInput; fire: () => void } | undefined;
  let environmentSendBack: ((event: EnvironmentEvent) => void) | undefined;
  let urlCalls = 0;

  const machine = clientMachine.provide({
    actors: {
      // The socket actor also reports the environment's facts (src/runtime/client-actors.ts).
      socket: fromCallback<SocketCommand>(({ sendBack, receive }) => {
        socketSendBack = sendBack as (event: ClientEvent) => void;
        environmentSendBack = sendBack as (event: EnvironmentEvent) => void;
        receive((command) => {
          // The watchdog runs in the socket actor; tests see it as `watchdog`, not as commands.
          if (command.type === "WATCH") {
            const send = sendBack as (event: ClientEvent) => void;
            watchdog = {
              input: { timeoutInMs: command.timeoutInMs },
              fire: () => send({ type: "LINK.SILENT" }),
            };
          } else if (command.type === "UNWATCH") watchdog = undefined;
          else commands.push(command);
        });
        return () => {
          socketStops++;
          environmentSendBack = undefined;
          watchdog = undefined;
        };
      }),
      resolveUrl: fromPromise<string>(async () => {
        const next = urls[urlCalls++] ?? BASE_URL;
        if (next instanceof Error) throw next;
        return next;
      }),
    },
  });
  const actor = createActor(machine, {
    input: { config, seed: 1 },
  });
  actor.on("*", (event) => emitted.push(event as ClientEmitted));
  actor.start();

  return {
    actor,
    commands,
    emitted,
    /** Sends an event as the socket actor would. */
    socket(event: ClientEvent) {
      if (!socketSendBack) throw new Error("no socket actor");
      socketSendBack(event);
    },
    /** Sends an environment fact as the socket actor would (throws when it is not running). */
    environment(event: EnvironmentEvent) {
      if (!environmentSendBack) throw new Error("no socket actor (it reports the environment)");
      environmentSendBack(event);
    },
    /** Whether the environment is reported (by the socket actor, which runs while the client does). */
    get environmentRunning() {
      return environmentSendBack !== undefined;
    },
    get socketStops() {
      return socketStops;
    },
    get watchdog() {
      return watchdog;
    },
    get urlCalls() {
      return urlCalls;
    },
    value() {
      return actor.getSnapshot().value;
    },
    matches(path: string) {
      return actor.getSnapshot().matches(path as never);
    },
    types() {
      return emitted.map((e) => e.type);
    },
    opens() {
      return commands.filter((c): c is Extract<SocketCommand, { type: "OPEN" }> => c.type === "OPEN");
    },
    writes() {
      return commands.flatMap((c) => (c.type === "WRITE" ? [c.message] : []));
    },
  };
}

export type Harness = ReturnType<typeof createHarness>;

/** Advances the fake timers (0: just lets pending promise callbacks run). */
export async function flush(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

/** START, then a socket that opens and receives `system/connected`: the machine ends `connected`. */
export async function connect(h: Harness, id = "c1", token = "tok1"): Promise<void> {
  h.actor.send({ type: "START" });
  await flush();
  h.socket({ type: "SOCKET.OPENED" });
  h.socket({ type: "FRAME.CONNECTED", message: connectedFrame(id, token) });
}
