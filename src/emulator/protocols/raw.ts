/**
 * "Simple" WebSocket clients: no service subprotocol (none offered, or a custom one a `connect`
 * event handler chose). Frames carry payloads only. Every frame a client sends is the user event
 * `message` — or, with `webpubsub_mode=sendToGroup&group=…[&noEcho=true]` in its URL, a message
 * to that group (with the group-send role). What it receives is the bare payload: text and JSON
 * as text frames, binary and protobuf as binary frames. No acks, no `system` frames, no recovery.
 */
import type { WebPubSubDataType } from "../../protocol/messages.js";
import { checkGroupName } from "../names.js";
import { toArrayBuffer } from "../payload.js";
import type { DataEncoding, DataMessage, Decoded, Frame, ServiceProtocol } from "./types.js";

/** What a raw client's frames do. */
export type RawMode =
  | { readonly kind: "sendEvent" }
  | { readonly kind: "sendToGroup"; readonly group: string; readonly noEcho: boolean };

/** The user event every frame of a raw client is. */
export const RAW_EVENT = "message";

/** A raw client's protocol: the mode its URL chose and the subprotocol it negotiated (if any). */
export interface RawProtocol extends ServiceProtocol<Frame> {
  readonly simple: true;
  /** A custom subprotocol a `connect` handler chose, echoed in the handshake; `undefined` for none. */
  readonly subprotocol: string | undefined;
  readonly mode: RawMode;
}

function lastValue(query: URLSearchParams, name: string): string | undefined {
  return query.getAll(name).at(-1);
}

/**
 * The raw mode a client URL asks for (`webpubsub_mode`, `group`, `noEcho`; names of modes and
 * booleans without case; a repeated parameter's last value wins), or why it is refused. Checked
 * for every new connection, whatever its protocol, so a bad URL fails before the upgrade.
 */
export function parseRawMode(query: URLSearchParams): RawMode | string {
  const mode = (lastValue(query, "webpubsub_mode") ?? "").toLowerCase();
  if (mode === "" || mode === "sendevent") return { kind: "sendEvent" };
  if (mode !== "sendtogroup")
    return `webpubsub_mode must be sendToGroup or sendEvent, got '${mode.slice(0, 64)}'`;
  const group = lastValue(query, "group") ?? "";
  const problem = checkGroupName(group);
  if (problem !== undefined) return `webpubsub_mode=sendToGroup needs a valid 'group' parameter: ${problem}`;
  const noEcho = (lastValue(query, "noEcho") ?? "").toLowerCase();
  if (noEcho !== "" && noEcho !== "true" && noEcho !== "false") {
    return `noEcho must be true or false, got '${noEcho.slice(0, 16)}'`;
  }
  return { kind: "sendToGroup", group, noEcho: noEcho === "true" };
}

/** One encoding for every raw receiver: a fan-out to raw clients serialises a message once. */
const rawData: DataEncoding<Frame> = {
  name: "raw",
  encode: (message: DataMessage): Frame => {
    switch (message.dataType) {
      case "text":
        return message.data as string;
      case "json":
        return JSON.stringify(message.data);
      default:
        return Buffer.from(message.data as ArrayBuffer);
    }
  },
};

/** A raw client's protocol object. */
export function rawProtocol(mode: RawMode, subprotocol?: string): RawProtocol {
  const decode = (data: Buffer, isBinary: boolean): Decoded => {
    // `ws` has already refused invalid UTF-8 in text frames (close 1007).
    const dataType: WebPubSubDataType = isBinary ? "binary" : "text";
    const payload = isBinary ? toArrayBuffer(data) : data.toString("utf8");
    return {
      ok: true,
      message:
        mode.kind === "sendToGroup"
          ? { kind: "sendToGroup", group: mode.group, noEcho: mode.noEcho, dataType, data: payload }
          : { kind: "sendEvent", event: RAW_EVENT, dataType, data: payload },
    };
  };
  return {
    name: "raw",
    simple: true,
    subprotocol,
    mode,
    reliable: false,
    frames: "mixed",
    dataEncoding: rawData,
    dataFrame: (encoded) => encoded,
    // No envelope: acks, pongs and system frames have no raw form.
    encode: () => undefined,
    decode,
  };
}
