/**
 * `web-pubsub-machine/emulator`: a faithful local Azure Web PubSub service.
 * @packageDocumentation
 */
export {};
