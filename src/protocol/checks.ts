/**
 * The field checks and results every codec shares (`json/fields.ts`, `protobuf/fields.ts`):
 * writers throw `TypeError` for programmer errors, readers return a {@link Rejected} or a marker.
 */
import type { Rejected } from "./decoded.js";
import { isSafeUint } from "./ids.js";
import type { WebPubSubDataType } from "./messages.js";

/** Returned by field readers for "present, but not acceptable". A symbol, so no allocation. */
export const WRONG: unique symbol = Symbol("wrong");
export type Wrong = typeof WRONG;

/** An id to write: only a non-negative safe integer is exact (and valid JSON, and a valid uint64). */
export function uint(value: unknown, field: string): number {
  if (!isSafeUint(value)) {
    throw new TypeError(`${field} must be a non-negative safe integer.`);
  }
  return value;
}

export function bool(value: unknown, field: string): boolean {
  if (typeof value !== "boolean") throw new TypeError(`${field} must be a boolean.`);
  return value;
}

/**
 * Whether an optional payload (invoke, invokeResponse) is there: both `dataType` and `data`, or
 * neither; half of one is a programmer error.
 */
export function hasPayload(
  dataType: WebPubSubDataType | undefined,
  data: unknown,
  kind: string,
): dataType is WebPubSubDataType {
  if (dataType === undefined && data === undefined) return false;
  if (dataType === undefined || data === undefined) {
    throw new TypeError(`${kind} needs both dataType and data, or neither.`);
  }
  return true;
}

export function unsupported(kind: unknown, side: string): never {
  throw new TypeError(`Cannot encode message kind ${JSON.stringify(String(kind))} as ${side}.`);
}

export function invalid(reason: string, ackId?: number): Rejected {
  return ackId === undefined ? { status: "invalid", reason } : { status: "invalid", reason, ackId };
}

export function ignored(reason: string): Rejected {
  return { status: "ignored", reason };
}
