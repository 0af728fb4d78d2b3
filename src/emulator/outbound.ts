/**
 * A data message on its way to any number of receivers: built once per send, serialised once per
 * data encoding in use (see `ServiceProtocol.dataEncoding`), never once per receiver.
 */
import type { Metadata } from "./metadata.js";
import type { Payload } from "./payload.js";
import type { DataEncoding, DataMessage } from "./protocols/types.js";

export class OutboundMessage {
  // The first encoding asked for is kept in fields (the common case: one encoding per fan-out);
  // any further ones in a map.
  private encoding: DataEncoding<unknown> | undefined;
  private encoded: unknown;
  private others: Map<DataEncoding<unknown>, unknown> | undefined;

  constructor(readonly message: DataMessage) {}

  /** A group message. `fromUserId` is `null` for anonymous senders and the server. */
  static group(
    group: string,
    fromUserId: string | null,
    payload: Payload,
    metadata?: Metadata,
  ): OutboundMessage {
    const message = {
      kind: "groupData",
      group,
      fromUserId: fromUserId ?? "",
      dataType: payload.dataType,
      data: payload.data,
    } as const;
    return new OutboundMessage(metadata === undefined ? message : { ...message, metadata });
  }

  /** A message from the server (REST, an event handler's response). */
  static server(payload: Payload, metadata?: Metadata): OutboundMessage {
    const message = { kind: "serverData", dataType: payload.dataType, data: payload.data } as const;
    return new OutboundMessage(metadata === undefined ? message : { ...message, metadata });
  }

  /** The message serialised with `encoding`: built on first use, then shared. */
  encodedFor<E>(encoding: DataEncoding<E>): E {
    if (this.encoding === encoding) return this.encoded as E;
    if (this.encoding === undefined) {
      const encoded = encoding.encode(this.message);
      this.encoding = encoding;
      this.encoded = encoded;
      return encoded;
    }
    this.others ??= new Map();
    let encoded = this.others.get(encoding) as E | undefined;
    if (encoded === undefined) {
      encoded = encoding.encode(this.message);
      this.others.set(encoding, encoded);
    }
    return encoded;
  }
}
