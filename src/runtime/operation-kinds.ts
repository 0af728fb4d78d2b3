/**
 * The client's operations, described once each, as data: what makes their arguments valid, the
 * frame an attempt writes, and what the client machine learns when one succeeds. The runtime runs
 * any of them the same way (`ClientRuntime.perform` / `invoke`); adding an operation is adding an
 * entry here and a method to the facade.
 */
import type { ClientEvent } from "../../machines/client.machine.js";
import { validatePayload } from "../protocol/json-codec.js";
import type { JSONTypes, UpstreamMessage, WebPubSubDataType } from "../protocol/messages.js";

/** An operation acked by the service (retried with one ackId), or fire-and-forget where allowed. */
export interface AckedOperation<Args> {
  readonly name: string;
  /** Why the arguments are refused, or `undefined` when they are fine. */
  validate(args: Args): string | undefined;
  /** The frame of an attempt; `ackId` is absent for a fire-and-forget send. */
  frame(args: Args, ackId: number | undefined): UpstreamMessage;
  /** May be sent without an ack (`fireAndForget: true`). */
  readonly fireAndForget: boolean;
  /** What the client machine learns when it succeeds (e.g. the group set changes). */
  onSuccess?(args: Args): ClientEvent;
}

export interface GroupArgs {
  readonly group: string;
}

/** The payload arguments shared by sends and invocations. */
export interface PayloadArgs {
  readonly content: JSONTypes | ArrayBuffer;
  readonly dataType: WebPubSubDataType;
}

export interface SendToGroupArgs extends GroupArgs, PayloadArgs {
  readonly noEcho: boolean;
}

export interface EventArgs extends PayloadArgs {
  readonly event: string;
}

function nameProblem(value: unknown, what: string): string | undefined {
  return typeof value === "string" && value !== "" ? undefined : `${what} must be a non-empty string.`;
}

export const JOIN_GROUP: AckedOperation<GroupArgs> = {
  name: "joinGroup",
  validate: (args) => nameProblem(args.group, "groupName"),
  frame: (args, ackId) =>
    ackId === undefined
      ? { kind: "joinGroup", group: args.group }
      : { kind: "joinGroup", group: args.group, ackId },
  fireAndForget: false,
  // The group set is the machine's: it rejoins these groups on a new connection.
  onSuccess: (args) => ({ type: "GROUP.JOINED", group: args.group }),
};

export const LEAVE_GROUP: AckedOperation<GroupArgs> = {
  name: "leaveGroup",
  validate: (args) => nameProblem(args.group, "groupName"),
  frame: (args, ackId) =>
    ackId === undefined
      ? { kind: "leaveGroup", group: args.group }
      : { kind: "leaveGroup", group: args.group, ackId },
  fireAndForget: false,
  onSuccess: (args) => ({ type: "GROUP.LEFT", group: args.group }),
};

export const SEND_TO_GROUP: AckedOperation<SendToGroupArgs> = {
  name: "sendToGroup",
  validate: (args) => nameProblem(args.group, "groupName") ?? validatePayload(args.dataType, args.content),
  // Literals with and without the ackId, not one completed later (that would give every pending
  // frame a second backing store: heap per pending operation).
  frame: (args, ackId) =>
    ackId === undefined
      ? {
          kind: "sendToGroup",
          group: args.group,
          dataType: args.dataType,
          data: args.content,
          noEcho: args.noEcho,
        }
      : {
          kind: "sendToGroup",
          group: args.group,
          ackId,
          dataType: args.dataType,
          data: args.content,
          noEcho: args.noEcho,
        },
  fireAndForget: true,
};

export const SEND_EVENT: AckedOperation<EventArgs> = {
  name: "sendEvent",
  validate: (args) => nameProblem(args.event, "eventName") ?? validatePayload(args.dataType, args.content),
  frame: (args, ackId) =>
    ackId === undefined
      ? { kind: "sendEvent", event: args.event, dataType: args.dataType, data: args.content }
      : { kind: "sendEvent", event: args.event, ackId, dataType: args.dataType, data: args.content },
  fireAndForget: true,
};

/** An invocation: answered by an `invokeResponse`, never retried. */
export const INVOKE_EVENT = {
  name: "invokeEvent",
  validate: (args: EventArgs) =>
    nameProblem(args.event, "eventName") ?? validatePayload(args.dataType, args.content),
  frame: (args: EventArgs, invocationId: string): UpstreamMessage => ({
    kind: "invoke",
    invocationId,
    target: "event",
    event: args.event,
    dataType: args.dataType,
    data: args.content,
  }),
};
