/**
 * The CloudEvents HTTP binding (binary mode) of the service's events, with its Web PubSub
 * attributes: what every request to an event handler carries.
 */
import { createHmac } from "node:crypto";
import type { Metadata } from "../metadata.js";
import { metadataHeaders } from "../metadata.js";
import { AWPS_VERSION_HEADER } from "./validation.js";

/** Who an event is about. */
export interface EventSubject {
  /** Lower-cased, as the service sends `ce-hub`. */
  readonly hub: string;
  readonly connectionId: string;
  readonly userId: string | null;
  /** The negotiated subprotocol, if any. */
  readonly subprotocol: string | undefined;
  /** The connection state the handlers last set (`ce-connectionState`), if any. */
  readonly connectionState: string | undefined;
}

/** One event: its CloudEvents type and id, and what travels with it. */
export interface EventEnvelope {
  /** `azure.webpubsub.sys.connect`, `azure.webpubsub.user.message`, … */
  readonly type: string;
  readonly eventName: string;
  /** The same for every attempt of one event. */
  readonly id: string;
  readonly contentType: string;
  readonly metadata?: Metadata | undefined;
}

/** `sha256=<hex HMAC-SHA256 of the connection id with the access key>`. */
export function signature(accessKey: string, connectionId: string): string {
  return `sha256=${createHmac("sha256", accessKey).update(connectionId).digest("hex")}`;
}

/** The CloudEvents type of a system or user event. */
export function eventType(kind: "sys" | "user", name: string): string {
  return `azure.webpubsub.${kind}.${name}`;
}

/** The headers of an event request. */
export function cloudEventHeaders(
  subject: EventSubject,
  event: EventEnvelope,
  accessKey: string,
  origin: string,
): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Type": event.contentType,
    "WebHook-Request-Origin": origin,
    "ce-specversion": "1.0",
    ...AWPS_VERSION_HEADER,
    "ce-type": event.type,
    "ce-source": `/hubs/${subject.hub}/client/${subject.connectionId}`,
    "ce-id": event.id,
    "ce-time": new Date().toISOString(),
    "ce-signature": signature(accessKey, subject.connectionId),
    "ce-hub": subject.hub,
    "ce-connectionId": subject.connectionId,
    "ce-eventName": event.eventName,
    ...metadataHeaders(event.metadata),
  };
  if (subject.userId !== null) headers["ce-userId"] = subject.userId;
  if (subject.subprotocol !== undefined) headers["ce-subprotocol"] = subject.subprotocol;
  if (subject.connectionState !== undefined && subject.connectionState !== "") {
    headers["ce-connectionState"] = subject.connectionState;
  }
  return headers;
}
