/**
 * The subprotocols the emulator speaks, and the choice among them at upgrade. Adding one is a
 * module next to `json.ts` and an entry here.
 */
import { jsonProtocol, jsonReliableProtocol } from "./json.js";
import { protobufProtocol, protobufReliableProtocol } from "./protobuf.js";
import type { ServiceProtocol } from "./types.js";

/** Every supported protocol. */
export const SERVICE_PROTOCOLS: readonly ServiceProtocol[] = [
  jsonProtocol,
  jsonReliableProtocol,
  protobufProtocol,
  protobufReliableProtocol,
];

/** The first supported subprotocol the client offered, in the client's order. */
export function chooseProtocol(offered: Iterable<string>): ServiceProtocol | undefined {
  for (const name of offered) {
    const match = SERVICE_PROTOCOLS.find((protocol) => protocol.name === name);
    if (match !== undefined) return match;
  }
  return undefined;
}
