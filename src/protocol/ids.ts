/**
 * The one check for the wire's unsigned integers (ackIds, sequence ids): JavaScript numbers are
 * exact only up to 2^53 - 1, so a larger id (the wire allows uint64) cannot be used safely.
 */
export function isSafeUint(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}
