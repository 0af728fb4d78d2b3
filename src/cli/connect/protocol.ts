/**
 * `wps connect --protocol`: the subprotocol names the command takes, and the protocol object each
 * one stands for.
 */
import { WebPubSubJsonProtocol, WebPubSubJsonReliableProtocol } from "../../protocol/json-protocol.js";
import type { WebPubSubClientProtocol } from "../../protocol/messages.js";
import {
  WebPubSubProtobufProtocol,
  WebPubSubProtobufReliableProtocol,
} from "../../protocol/protobuf-protocol.js";
import { CliError } from "../cli-kit.js";

const PROTOCOLS: Readonly<Record<string, () => WebPubSubClientProtocol>> = {
  "json.reliable": WebPubSubJsonReliableProtocol,
  json: WebPubSubJsonProtocol,
  "protobuf-reliable": WebPubSubProtobufReliableProtocol,
  // Spelled like json.reliable too.
  "protobuf.reliable": WebPubSubProtobufReliableProtocol,
  protobuf: WebPubSubProtobufProtocol,
};

/** The protocol object for a `--protocol` value, or a usage error naming the choices. */
export function connectProtocol(name: string): WebPubSubClientProtocol {
  const make = Object.hasOwn(PROTOCOLS, name) ? PROTOCOLS[name] : undefined;
  if (make === undefined) {
    throw new CliError(
      `--protocol must be json.reliable, json, protobuf-reliable or protobuf, got '${name}'`,
    );
  }
  return make();
}
