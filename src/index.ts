/**
 * web-pubsub-machine: an Azure Web PubSub client whose behaviour is a set of XState v5 statecharts.
 * @packageDocumentation
 */
export * from "./protocol/messages.js";
