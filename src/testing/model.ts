/**
 * Model-based testing helpers: the events the real client can be given in each state of
 * `clientMachine` (with payload variants), a finite abstraction of its context for `xstate/graph`,
 * and the machine input the client would run with for a set of options. See `README.section.md`.
 */
import type { AnyEventObject, SnapshotFrom } from "xstate";
import type { clientMachine, ClientEvent, ClientMachineInput } from "../../machines/client.machine.js";
import type { GroupDataMessage } from "../protocol/messages.js";
import { resolveOptions } from "../runtime/options.js";
import type { WebPubSubClientOptions } from "../types.js";

export type ClientSnapshot = SnapshotFrom<typeof clientMachine>;

/** The URL the model's `resolveUrl` resolves with (any URL works: the scripted socket ignores it). */
export const MODEL_URL = "wss://model.invalid/client/hubs/chat?access_token=model";
/** The id of the `resolveUrl` invocation, for its done/error events. */
export const RESOLVE_URL_INVOKE = "0.client.running.connecting.resolvingUrl";
/** The close the client asks for on `stop()`, as the service echoes it. */
export const CLOSE_BY_CLIENT = { code: 1000, reason: "The client was stopped" } as const;

/**
 * The client machine's input for these options, as `new WebPubSubClient(url, options)` builds it
 * (with a fixed jitter seed). `directDelivery` says whether data messages are delivered directly
 * while connected; a client with an inspector attached (as model runs have) delivers none directly.
 */
export function clientModelInput(
  options: WebPubSubClientOptions = {},
  directDelivery = false,
): ClientMachineInput {
  return { config: { ...resolveOptions(options).machine, directDelivery }, seed: 1 };
}

// ---------------------------------------------------------------------------------------------
// Events to explore, state by state: only what the facade, the socket or a timer can produce there
// ---------------------------------------------------------------------------------------------

function after(delay: string, stateId: string): AnyEventObject {
  return { type: `xstate.after.${delay}.client.${stateId}` };
}

function closed(code: number, reason = "fault"): ClientEvent {
  return { type: "SOCKET.CLOSED", code, reason };
}

/** The group message the model delivers (`g`, from `peer`, data `m<sequenceId>`). */
export function modelGroupMessage(sequenceId: number | undefined): GroupDataMessage {
  const data = `m${sequenceId ?? "x"}`;
  return sequenceId === undefined
    ? { kind: "groupData", group: "g", fromUserId: "peer", dataType: "text", data }
    : { kind: "groupData", group: "g", fromUserId: "peer", dataType: "text", data, sequenceId };
}

function messageEvents(snapshot: ClientSnapshot): ClientEvent[] {
  const { context } = snapshot;
  if (!context.config.reliable) return [{ type: "MESSAGE.RECEIVED", message: modelGroupMessage(undefined) }];
  const last = context.lastSequenceId;
  const events: ClientEvent[] = [{ type: "MESSAGE.RECEIVED", message: modelGroupMessage(last + 1) }];
  if (last > 0) events.push({ type: "MESSAGE.RECEIVED", message: modelGroupMessage(last) });
  return events;
}

function connectedFrame(snapshot: ClientSnapshot, refresh: boolean): ClientEvent {
  const current = snapshot.context.connection;
  const n = snapshot.context.reconnectAttempt + (snapshot.context.everConnected ? 2 : 1);
  return {
    type: "FRAME.CONNECTED",
    message: {
      kind: "connected",
      connectionId: refresh && current ? current.connectionId : `conn-${n}`,
      userId: "user",
      reconnectionToken: refresh ? "token-refreshed" : `token-${n}`,
    },
  };
}

const wakeUps: readonly AnyEventObject[] = [
  { type: "NETWORK.ONLINE" },
  { type: "PAGE.SHOWN" },
  { type: "CLOCK.JUMPED", driftInMs: 60_000 },
];

/**
 * The events worth exploring in `snapshot`: only those a facade call, the socket, the environment or
 * a timer can produce there, with payload variants (close codes 1006/1008/1000, ack success,
 * `Duplicate` and errors, new and replayed messages). Pass it as `events` to `xstate/graph`.
 */
export function clientModelEvents(snapshot: ClientSnapshot): AnyEventObject[] {
  const ids = new Set(snapshot._nodes.map((node) => node.id.replace(/^client\.?/, "")));
  const { config } = snapshot.context;
  const events: AnyEventObject[] = [];
  const push = (...list: AnyEventObject[]) => events.push(...list);
  if (ids.has("stopped")) push({ type: "START" });
  if (ids.has("running.connecting")) push(after("connectTimeout", "running.connecting"));
  if (ids.has("running.connecting.resolvingUrl"))
    push(
      { type: `xstate.done.actor.${RESOLVE_URL_INVOKE}`, output: MODEL_URL },
      { type: `xstate.error.actor.${RESOLVE_URL_INVOKE}`, error: new Error("no URL today") },
      { type: "STOP" },
    );
  if (ids.has("running.connecting.opening")) push({ type: "SOCKET.OPENED" }, closed(1006), { type: "STOP" });
  if (ids.has("running.connecting.handshaking"))
    push(connectedFrame(snapshot, false), closed(1006), { type: "STOP" });
  if (ids.has("running.connecting.rejoining")) {
    for (const group of snapshot.context.rejoins) {
      push(
        { type: "REJOIN.ACKED", group, success: true },
        { type: "REJOIN.ACKED", group, success: false, error: { name: "Duplicate", message: "dup" } },
        { type: "REJOIN.ACKED", group, success: false, error: { name: "Forbidden", message: "no" } },
      );
    }
    push(closed(1006), { type: "STOP" });
  }
  if (ids.has("running.connected")) {
    push(closed(1006), closed(1008), closed(1000), { type: "STOP" }, connectedFrame(snapshot, true));
    push({ type: "FRAME.DISCONNECTED", message: { kind: "disconnected", message: "going away" } });
    // Delivered directly, a message reaches the machine only as the first one left unacknowledged.
    if (!snapshot.context.delegated) push(...messageEvents(snapshot));
    else if (config.reliable && ids.has("running.connected.sequenceAck.idle"))
      push({ type: "SEQUENCE.UNACKED" });
    if (snapshot.context.groups.length === 0) push({ type: "GROUP.JOINED", group: "g" });
    else push({ type: "GROUP.LEFT", group: "g" });
    if (config.keepAliveTimeoutInMs > 0) push({ type: "LINK.SILENT" });
    push({ type: "PAGE.HIDDEN" });
  }
  if (ids.has("running.connected.liveness.assumed"))
    push({ type: "CLOCK.JUMPED", driftInMs: 60_000 }, { type: "PAGE.SHOWN" }, { type: "NETWORK.OFFLINE" });
  if (ids.has("running.connected.liveness.probing"))
    push({ type: "PONG.RECEIVED" }, after("livenessProbeTimeout", "running.connected.liveness.probing"));
  if (ids.has("running.connected.keepAlive.idle"))
    push(after("keepAliveInterval", "running.connected.keepAlive.idle"));
  if (ids.has("running.connected.keepAlive.awaitingPong"))
    push({ type: "PONG.RECEIVED" }, after("pongTimeout", "running.connected.keepAlive.awaitingPong"));
  if (ids.has("running.connected.sequenceAck.scheduled"))
    push(after("sequenceAckInterval", "running.connected.sequenceAck.scheduled"));
  if (ids.has("running.recovering")) push(after("recoveryWindow", "running.recovering"));
  if (ids.has("running.recovering.attempting"))
    push({ type: "SOCKET.OPENED" }, closed(1006), closed(1008), { type: "STOP" });
  if (ids.has("running.recovering.confirming")) {
    push({ type: "PONG.RECEIVED" }, connectedFrame(snapshot, true), ...messageEvents(snapshot));
    push(closed(1006), closed(1008), { type: "STOP" });
    push(after("recoveryConfirmTimeout", "running.recovering.confirming"));
  }
  if (ids.has("running.recovering.waiting"))
    push(after("recoveryDelay", "running.recovering.waiting"), { type: "STOP" }, ...wakeUps);
  if (ids.has("running.reconnecting"))
    push(after("reconnectDelay", "running.reconnecting"), { type: "STOP" }, ...wakeUps);
  if (ids.has("running.closing"))
    push(closed(CLOSE_BY_CLIENT.code, CLOSE_BY_CLIENT.reason), after("closeTimeout", "running.closing"));
  return events;
}

/** A finite abstraction of the client context (counters capped), for `serializeState`. */
export function clientModelKey(snapshot: ClientSnapshot): string {
  const c = snapshot.context;
  return JSON.stringify([
    snapshot.value,
    c.everConnected,
    c.announced,
    c.connection === undefined ? 0 : c.connection.reconnectionToken === "token-refreshed" ? 2 : 1,
    c.groups.length,
    c.rejoins.length,
    c.delegated,
    c.lastClose?.code ?? 0,
    Math.min(c.reconnectAttempt, 2),
    Math.min(c.recoveryAttempt, 1),
    c.lastSequenceId === 0 ? 0 : c.lastSequenceId > c.ackedSequenceId ? 2 : 1,
    c.disconnectedMessage === undefined ? 0 : 1,
  ]);
}
