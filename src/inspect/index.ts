/**
 * The live inspector: a sender that any XState actor (and the client, through its `inspect`
 * option) can report to, and the relay + page that `wps inspect` runs.
 */
export { createInspectorSender } from "./sender.js";
export type { InspectorSender, InspectorSenderOptions, InspectorSenderState } from "./sender.js";
export { startInspectorRelay } from "./relay.js";
export type { InspectorRelay, InspectorRelayOptions } from "./relay.js";
export { PAGE_SOCKET_PATH } from "./protocol.js";
export type { PageActor, PageDefinition, PageLogEntry, PageMessage, ProducerMessage } from "./protocol.js";
