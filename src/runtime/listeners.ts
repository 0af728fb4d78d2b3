/**
 * The application's event listeners: `on` / `off` / `once`, and dispatch, where a listener that
 * throws is caught and logged so that it can break neither the machine nor the other listeners.
 */
import type { Logger } from "../logging.js";
import type { WebPubSubClientEventName, WebPubSubClientEvents } from "../types.js";

export type Listener<E extends WebPubSubClientEventName> = (args: WebPubSubClientEvents[E]) => void;
type AnyListener = (args: never) => void;

export class Listeners {
  private readonly byEvent = new Map<WebPubSubClientEventName, Set<AnyListener>>();

  constructor(private readonly logger: Logger) {}

  on<E extends WebPubSubClientEventName>(event: E, listener: Listener<E>): () => void {
    let set = this.byEvent.get(event);
    if (set === undefined) {
      set = new Set();
      this.byEvent.set(event, set);
    }
    set.add(listener as AnyListener);
    return () => this.off(event, listener);
  }

  off<E extends WebPubSubClientEventName>(event: E, listener: Listener<E>): void {
    this.byEvent.get(event)?.delete(listener as AnyListener);
  }

  /** Calls `listener` for the next `event` only. */
  once<E extends WebPubSubClientEventName>(event: E, listener: Listener<E>): () => void {
    const off = this.on(event, (args) => {
      off();
      listener(args);
    });
    return off;
  }

  dispatch<E extends WebPubSubClientEventName>(event: E, args: WebPubSubClientEvents[E]): void {
    const set = this.byEvent.get(event);
    if (set === undefined || set.size === 0) return;
    for (const listener of set) {
      try {
        (listener as Listener<E>)(args);
      } catch (error) {
        this.logger.error(`A "${event}" listener threw`, error);
      }
    }
  }
}
