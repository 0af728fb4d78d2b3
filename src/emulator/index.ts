/**
 * `web-pubsub-machine/emulator`: a faithful local Azure Web PubSub service, for development,
 * demos and tests. Speaks `json.webpubsub.azure.v1`, `json.reliable.webpubsub.azure.v1` and their
 * protobuf twins `protobuf.webpubsub.azure.v1`, `protobuf.reliable.webpubsub.azure.v1` (recovery,
 * sequence acks, ack de-duplication) and raw WebSocket clients, verifies HS256 tokens and roles,
 * serves the REST data plane `@azure/web-pubsub` calls, calls your app server's event handlers
 * with CloudEvents as the service does (`hubs`), and injects faults.
 *
 * ```ts
 * import { startEmulator } from "web-pubsub-machine/emulator";
 * const emu = await startEmulator({ port: 0 });
 * const url = await emu.getClientAccessUrl({ hub: "chat", userId: "alice", roles: ["webpubsub.joinLeaveGroup"] });
 * // new WebPubSubServiceClient(emu.connectionString, "chat", { allowInsecureConnection: true })
 * await emu.close();
 * ```
 *
 * Behaviour worth knowing (protocol.md is the reference; these are the choices where it leaves room):
 * - Anonymous connections get `userId: ""` in `system/connected` (as the Microsoft emulator);
 *   group messages from them carry no `fromUserId`.
 * - A client close with 1000 is final; any other (1005 from the official client's `stop()`,
 *   1006 network loss, …) keeps a reliable session for `recoveryWindowMs`.
 * - Recovery authenticates with the reconnection token only; a failed recovery is accepted and
 *   closed with 1008 (no `system/disconnected`, so the client keeps the original reason).
 * - Server-initiated closes send `system/disconnected` first: REST closes and `faults.close`
 *   (1000, session removed), buffer overflow (1008), malformed JSON (1007), binary frames (1003).
 *   A slow client (its send buffer past `limits.sendBufferBytes`) is closed with 1008 alone: the
 *   farewell would only queue behind what it does not read. Oversized frames (1009) and invalid
 *   UTF-8 (1007) are closed by `ws`.
 * - Tokens must carry `exp`; in an audience, group and user names compare exactly, the hub
 *   without case (docs/emulator.md).
 * - The `/admin/` route (development and tests only) wants a loopback or listening-address Host,
 *   no foreign Origin and a bearer token (docs/emulator.md); `admin: false` turns it off.
 * - Invalid requests with an `ackId` are acked `BadRequest`; without one they are ignored.
 * - Event handlers (docs/emulator.md, "Event handlers"): the first handler of the hub that takes
 *   an event answers it, then the `onEvent`/`onInvoke` hook; a hub with handlers fails the events
 *   none takes, a hub without any acks them. `connect` adds roles and groups to the token's.
 * - Raw clients (no subprotocol): frames are `message` events (or group sends with
 *   `webpubsub_mode=sendToGroup`); a failed event closes them with 1011.
 * - The REST data plane answers sends to missing targets with 202 (fire-and-forget).
 * - Group streams (preview) on the JSON subprotocols: a start is acked with 1, fragments must rise
 *   by exactly 1 (a duplicate is re-acked, a gap nacked), the end is published as an empty `text`
 *   message with `endOfStream`; a recovered reliable connection gets `system/connected` again
 *   (docs/streams.md).
 * @packageDocumentation
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { hmacKey, mintClientToken } from "./auth.js";
import { createFaults } from "./faults.js";
import { createLog } from "./logger.js";
import { createEmulatorServer } from "./server.js";
import { EmulatorService } from "./service.js";
import type { ResolvedConfig } from "./service.js";
import { DEFAULT_STREAM_IDLE_TIMEOUT_MS, MAX_STREAM_IDLE_TIMEOUT_MS } from "./streams.js";
import { resolveTls } from "./tls.js";
import { DEFAULT_ACCESS_KEY } from "./types.js";
import type {
  ClientAccessOptions,
  ClientAccessToken,
  Emulator,
  EmulatorLimits,
  EmulatorOptions,
} from "./types.js";
import { checkHubName } from "./names.js";
import { resolvePolicy } from "./handlers/http.js";
import { resolveHubSettings } from "./handlers/settings.js";

export { DEFAULT_ACCESS_KEY } from "./types.js";
export type {
  CallerContext,
  ClientAccessOptions,
  ClientAccessToken,
  ClientError,
  ConnectionInfo,
  ConnectionState,
  Emulator,
  EmulatorFaults,
  EmulatorLimits,
  EmulatorOptions,
  EmulatorTlsInfo,
  EventHandler,
  EventRequest,
  InvokeHandler,
  InvokeRequest,
  InvokeResult,
  PayloadData,
  TlsOption,
} from "./types.js";
export type { EmulatorLogger, LogFunction, LogLevel, LogSink } from "./logger.js";
export type { EventHandlerSettings, HubSettings, SystemEventName } from "./handlers/settings.js";
export type { EventHandlerPolicy } from "./handlers/http.js";
export { DEFAULT_EVENT_HANDLER_POLICY } from "./handlers/http.js";
export type { EmulatorSettings } from "./handlers/settings-file.js";
export { emulatorSettingsFromJson, readEmulatorSettings } from "./handlers/settings-file.js";
export type { Metadata } from "./metadata.js";
export { redact } from "./logger.js";

/** The service's documented limits, used for every limit not given in {@link EmulatorOptions.limits}. */
export const DEFAULT_LIMITS: Readonly<EmulatorLimits> = Object.freeze({
  maxFrameBytes: 1024 * 1024,
  reliableBufferMessages: 1000,
  reliableBufferBytes: 16 * 1024 * 1024,
  sendBufferBytes: 16 * 1024 * 1024,
  processedAckIds: 65_536,
  maxRestBodyBytes: 1024 * 1024,
});

export { DEFAULT_STREAM_IDLE_TIMEOUT_MS } from "./streams.js";

/** The default recovery window: how long a dropped reliable connection can be recovered. */
export const DEFAULT_RECOVERY_WINDOW_MS = 30_000;

/** The default port, the Microsoft emulator's. */
export const DEFAULT_PORT = 8080;

function urlHost(host: string): string {
  // Wildcard binds are reachable on loopback; URLs need a concrete host.
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

/** The default idle timeout of a group stream, checked: a Node.js timer waits at most 2^31 - 1 ms. */
function streamIdleTimeout(value: number | undefined): number {
  if (value === undefined) return DEFAULT_STREAM_IDLE_TIMEOUT_MS;
  if (!Number.isInteger(value) || value < 1 || value > MAX_STREAM_IDLE_TIMEOUT_MS) {
    throw new RangeError(`streamIdleTimeoutMs must be an integer from 1 to ${MAX_STREAM_IDLE_TIMEOUT_MS}`);
  }
  return value;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
  return value;
}

/**
 * Starts an emulator and resolves once it is listening.
 * @throws when the port is taken, or TLS material cannot be generated.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const limits: EmulatorLimits = { ...DEFAULT_LIMITS };
  for (const [name, value] of Object.entries(options.limits ?? {})) {
    if (value === undefined) continue;
    if (!(name in DEFAULT_LIMITS)) throw new RangeError(`unknown limit '${name}'`);
    limits[name as keyof EmulatorLimits] = positive(`limits.${name}`, value);
  }
  const requestedPort = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new RangeError("port must be an integer from 0 to 65535");
  }
  const accessKey = options.accessKey ?? DEFAULT_ACCESS_KEY;
  if (accessKey.length === 0) throw new RangeError("accessKey must not be empty");
  const config: ResolvedConfig = {
    accessKey,
    key: hmacKey(accessKey),
    recoveryWindowMs: positive("recoveryWindowMs", options.recoveryWindowMs ?? DEFAULT_RECOVERY_WINDOW_MS),
    limits,
    onEvent: options.onEvent,
    onInvoke: options.onInvoke,
    clockToleranceSeconds: Math.max(0, options.clockToleranceSeconds ?? 0),
    handlerTable: resolveHubSettings(options.hubs),
    handlerPolicy: resolvePolicy(options.eventHandlerPolicy),
    streamIdleTimeoutMs: streamIdleTimeout(options.streamIdleTimeoutMs),
  };
  const log = createLog(options.logger, options.logLevel);
  const tls = await resolveTls(options.tls);
  const service = new EmulatorService(config, log);
  const faults = createFaults(service);
  const { server, upgraded } = createEmulatorServer(service, faults, tls, options.admin ?? true);

  const host = options.host ?? "127.0.0.1";
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(requestedPort, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await tls?.dispose();
    throw error;
  }
  server.on("error", (error) => log.error(`server error: ${error.message}`));
  const port = (server.address() as AddressInfo).port;
  const endpointHost = `${urlHost(host)}:${port}`;
  service.endpointHost = endpointHost;
  service.listenHost = host;
  const endpoint = `${tls === undefined ? "http" : "https"}://${endpointHost}`;
  const connectionString = `Endpoint=${endpoint};AccessKey=${accessKey};Version=1.0;`;
  log.info(`listening on ${endpoint}${tls?.certPath === undefined ? "" : ` (certificate: ${tls.certPath})`}`);

  const getClientAccessToken = async (access: ClientAccessOptions): Promise<ClientAccessToken> => {
    const problem = checkHubName(access.hub);
    if (problem !== undefined) throw new RangeError(`Invalid hub name '${access.hub}': ${problem}`);
    // As the server SDK: the audience is the http(s) URL, the client URL its ws(s) twin.
    const path = `client/hubs/${access.hub}`;
    const token = await mintClientToken(config.key, {
      audience: `${endpoint}/${path}`,
      userId: access.userId,
      roles: access.roles,
      groups: access.groups,
      expiresInMinutes: access.expiresInMinutes,
    });
    const baseUrl = `${endpoint.replace(/^http/, "ws")}/${path}`;
    return { token, baseUrl, url: `${baseUrl}?access_token=${token}` };
  };

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      service.refuseUntil = Number.POSITIVE_INFINITY;
      for (const connection of service.all()) connection.close(1001, "The emulator is shutting down", false);
      // Give close frames a moment to be answered, then cut whatever is left.
      const sockets = [...upgraded];
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.all(
          sockets.map((socket) => (socket.destroyed ? undefined : once(socket, "close").catch(() => {}))),
        ),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, 250))),
      ]);
      clearTimeout(timer);
      for (const socket of upgraded) socket.destroy();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
      // The `disconnected` events of the connections just closed get a moment to reach the app.
      await service.handlers.close();
      await tls?.dispose();
      log.info("stopped");
    })());

  return {
    endpoint,
    connectionString,
    port,
    host,
    accessKey,
    tls: tls === undefined ? undefined : { certPath: tls.certPath, cert: tls.cert },
    getClientAccessToken,
    getClientAccessUrl: async (access) => (await getClientAccessToken(access)).url,
    connections: (hub) => service.connections(hub),
    faults,
    close,
    [Symbol.asyncDispose]: close,
  };
}
