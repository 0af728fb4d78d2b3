/**
 * The client's one source of ackIds, shared by application operations and the client machine's
 * rejoins, so that two requests in flight never share an id (the service de-duplicates by it).
 * Generated ids count up from 1 for the client's life, as the official client's do, skipping ids
 * still pending and staying above every id a caller chose.
 */
export class AckIds {
  private next = 1;

  /** @param pending - The pending operations: ids they hold are skipped when generating. */
  constructor(private readonly pending: { has(ackId: number): boolean }) {}

  /** A fresh ackId. */
  allocate(): number {
    let id = this.next++;
    while (this.pending.has(id)) id = this.next++;
    return id;
  }

  /** A caller chose `ackId`: later generated ones start above it. */
  reserve(ackId: number): void {
    if (ackId >= this.next) this.next = ackId + 1;
  }
}

/** Whether a value may be an ackId (the wire's unsigned integers, within JavaScript's safe range). */
export function isAckId(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}
