/**
 * The inspector page's actor list: each client with its own actors (socket, URL source) and its
 * operations beneath it, named by identity; finished actors fold into a count that keeps the
 * most recent few in view (a busy client leaves hundreds of finished operations).
 *
 * Runs in the browser: `html.ts` inlines this function's source, so everything it uses lives
 * inside it (see `script.ts` for the rules). {@link PageActors.arrange} is pure, so the tests
 * call it in Node; {@link PageActors.render} needs a DOM.
 */
import type { PageActor } from "../protocol.js";
import type { ActorTitle, PageNames } from "./names.js";

export interface ActorItem {
  readonly actor: PageActor;
  readonly title: ActorTitle;
  /** 0 for a client (or any top-level actor), 1 for what belongs to it. */
  readonly depth: number;
}

export interface ArrangedActors {
  /** Live actors, each client followed by its own actors and operations. */
  readonly live: readonly ActorItem[];
  /** Finished actors (done, stopped, failed, or their producer gone), most recent first. */
  readonly finished: readonly ActorItem[];
}

export interface PageActors {
  arrange(actors: Iterable<PageActor>, titleOf: (actor: PageActor) => ActorTitle): ArrangedActors;
  /**
   * Draws the list. Of the finished actors only the `keep` most recent (and the selected one) are
   * drawn unless `allFinished`; the heading says how many there are and toggles the rest.
   */
  render(
    list: HTMLElement,
    arranged: ArrangedActors,
    selected: string | undefined,
    allFinished: boolean,
    keep?: number,
  ): void;
}

/** The actor list; `html.ts` inlines this function and the page calls it once. */
export function pageActors(names: PageNames): PageActors {
  const arrange = (
    actors: Iterable<PageActor>,
    titleOf: (actor: PageActor) => ActorTitle,
  ): ArrangedActors => {
    const all = [...actors];
    const byId = new Map(all.map((actor) => [actor.sessionId, actor]));
    const titles = new Map(all.map((actor) => [actor.sessionId, titleOf(actor)]));
    const item = (actor: PageActor, depth: number): ActorItem => ({
      actor,
      title: titles.get(actor.sessionId)!,
      depth,
    });
    const isOperation = (actor: PageActor): boolean => titles.get(actor.sessionId)!.role === "operation";
    const byAge = (a: PageActor, b: PageActor): number => a.createdAt - b.createdAt;

    const live = all.filter((actor) => actor.status === "active").sort(byAge);
    const roots = live.filter(
      (actor) => !isOperation(actor) && (actor.parentId === undefined || !byId.has(actor.parentId)),
    );
    const clientsOf = new Map<number, PageActor[]>();
    for (const root of roots) {
      if (titles.get(root.sessionId)!.role !== "client") continue;
      clientsOf.set(root.producer, [...(clientsOf.get(root.producer) ?? []), root]);
    }
    const placed = new Set<string>();
    const out: ActorItem[] = [];
    const descendants = (parent: PageActor, depth: number): void => {
      for (const child of live) {
        if (child.parentId !== parent.sessionId || placed.has(child.sessionId)) continue;
        placed.add(child.sessionId);
        out.push(item(child, depth));
        descendants(child, depth + 1);
      }
    };
    for (const root of roots) {
      placed.add(root.sessionId);
      out.push(item(root, 0));
      descendants(root, 1);
      // Operation actors are not children of the client machine (see docs/architecture.md); a
      // producer with one client is that client's process, so its operations are the client's.
      const clients = clientsOf.get(root.producer);
      if (clients?.length !== 1 || clients[0] !== root) continue;
      for (const operation of live) {
        if (
          !isOperation(operation) ||
          operation.producer !== root.producer ||
          placed.has(operation.sessionId)
        )
          continue;
        placed.add(operation.sessionId);
        out.push(item(operation, 1));
      }
    }
    for (const actor of live) if (!placed.has(actor.sessionId)) out.push(item(actor, 0));

    const finished = all
      .filter((actor) => actor.status !== "active")
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map((actor) => item(actor, 0));
    return { live: out, finished };
  };

  const render = (
    list: HTMLElement,
    arranged: ArrangedActors,
    selected: string | undefined,
    allFinished: boolean,
    keep = 3,
  ): void => {
    const fragment = document.createDocumentFragment();
    const draw = ({ actor, title, depth }: ActorItem): void => {
      const li = document.createElement("li");
      li.dataset["sessionId"] = actor.sessionId;
      li.className =
        `actor status-${actor.status} depth-${Math.min(depth, 2)}` +
        `${actor.sessionId === selected ? " selected" : ""}${actor.definitionId === undefined ? " no-diagram" : ""}`;
      const name = document.createElement("span");
      name.className = "actor-name";
      name.textContent = title.role;
      const identity = document.createElement("span");
      identity.className = "actor-identity";
      identity.textContent = title.identity;
      const id = document.createElement("span");
      id.className = "actor-id";
      id.textContent = actor.sessionId;
      const state = document.createElement("span");
      state.className = "actor-state";
      const where = names.stateSummary(actor.value);
      state.textContent = actor.status === "active" ? where : `${where} (${actor.status})`;
      li.append(name, identity, id, state);
      fragment.append(li);
    };
    arranged.live.forEach(draw);
    const { finished } = arranged;
    if (finished.length > 0) {
      const operations = finished.filter((entry) => entry.title.role === "operation").length;
      const others = finished.length - operations;
      const heading = document.createElement("li");
      heading.className = "group-heading";
      const counts = [
        operations > 0 ? `${operations} operation${operations === 1 ? "" : "s"}` : "",
        others > 0 ? `${others} other${others === 1 ? "" : "s"}` : "",
      ].filter(Boolean);
      heading.append(`finished: ${counts.join(", ")}`);
      if (finished.length > keep) {
        const toggle = document.createElement("button");
        toggle.type = "button";
        toggle.className = "link";
        toggle.dataset["action"] = "toggle-finished";
        toggle.textContent = allFinished ? "show the latest only" : `show all ${finished.length}`;
        heading.append(" ", toggle);
      }
      fragment.append(heading);
      finished.forEach((entry, index) => {
        if (allFinished || index < keep || entry.actor.sessionId === selected) draw(entry);
      });
    }
    list.replaceChildren(fragment);
  };

  return { arrange, render };
}
