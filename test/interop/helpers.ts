/**
 * Interop helpers: the official `@azure/web-pubsub-client` and `@azure/web-pubsub` packages,
 * unchanged, pointed at the emulator.
 */
import { WebPubSubServiceClient } from "@azure/web-pubsub";
import { WebPubSubClient } from "@azure/web-pubsub-client";
import type { WebPubSubClientOptions } from "@azure/web-pubsub-client";
import type { Emulator } from "../../src/emulator/index.js";
import type { EmulatorFixture } from "../emulator/helpers.js";

/** The official server SDK on the emulator's connection string (plain http needs the flag). */
export function serviceClient(emu: Emulator, hub: string): WebPubSubServiceClient {
  return new WebPubSubServiceClient(emu.connectionString, hub, { allowInsecureConnection: true });
}

/** The official client, with URLs from the official server SDK's `getClientAccessToken`. */
export function officialClient(
  service: WebPubSubServiceClient,
  token: { userId?: string; roles?: string[]; groups?: string[] } = {},
  options: WebPubSubClientOptions = {},
): WebPubSubClient {
  return new WebPubSubClient(
    { getClientAccessUrl: async () => (await service.getClientAccessToken(token)).url },
    {
      // Short delays keep the tests fast; the behaviour under test is the same.
      reconnectRetryOptions: { retryDelayInMs: 50, maxRetryDelayInMs: 200 },
      messageRetryOptions: { maxRetries: 0 },
      ...options,
    },
  );
}

/**
 * The official client on the fixture's running emulator (see {@link officialClient}), stopped at
 * the fixture's teardown, before the emulator closes.
 */
export function officialClientOn(
  fx: EmulatorFixture,
  token: Parameters<typeof officialClient>[1] = {},
  options: WebPubSubClientOptions = {},
  hub = "chat",
): WebPubSubClient {
  const client = officialClient(serviceClient(fx.emu, hub), token, options);
  fx.defer(() => client.stop());
  return client;
}

/** Resolves with the next emission of an event that satisfies `predicate`. */
export function nextEvent<T>(
  subscribe: (handler: (event: T) => void) => void,
  unsubscribe: (handler: (event: T) => void) => void,
  predicate: (event: T) => boolean = () => true,
  timeoutMs = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe(handler);
      reject(new Error("timed out waiting for an event"));
    }, timeoutMs);
    const handler = (event: T): void => {
      if (!predicate(event)) return;
      clearTimeout(timer);
      unsubscribe(handler);
      resolve(event);
    };
    subscribe(handler);
  });
}
