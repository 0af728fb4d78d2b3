/**
 * web-pubsub-machine: an Azure Web PubSub client whose behaviour is a set of XState v5 statecharts.
 * @packageDocumentation
 */
export { WebPubSubClient } from "./client.js";
export { WebPubSubJsonProtocol, WebPubSubJsonReliableProtocol } from "./protocol/json-protocol.js";
export {
  SendMessageError,
  InvocationError,
  StartError,
  describeOperationFailure,
  toInvocationError,
  toSendMessageError,
  type SendMessageErrorOptions,
  type InvocationErrorOptions,
} from "./errors.js";
export type * from "./types.js";
export type * from "./stream-types.js";
export * from "./protocol/messages.js";
export { redact } from "./logging.js";
export { createInspectorSender } from "./inspect/sender.js";
export type { InspectorSender, InspectorSenderOptions, InspectorSenderState } from "./inspect/sender.js";
export { clientMachine } from "../machines/client.machine.js";
export { operationMachine } from "../machines/operation.machine.js";
export type {
  ClientContext,
  ClientEmitted,
  ClientEvent,
  ClientMachineConfig,
  ClientMachineInput,
  SocketCommand,
} from "../machines/client.machine.js";
export type {
  OperationEvent,
  OperationMachineInput,
  OperationOutcome,
} from "../machines/operation.machine.js";
