/**
 * The inspector page's diagram: shows an SVG the relay drew, marks the active states, folds and
 * unfolds compound states on a click, and moves the view: pan by dragging or with the arrow
 * keys, zoom with the wheel or `+`/`-`, `0` fits the whole chart, `1` shows it at its natural
 * size, and `f` follows the active state (the default): a chart that fits at a legible size is
 * shown whole, a larger one at its natural size (state names 13 px), centred on the active states.
 *
 * Runs in the browser: `html.ts` inlines this function's source, so everything it uses lives
 * inside it (see `script.ts` for the rules).
 */
import type { PageActor, PageDefinition } from "../protocol.js";
import type { PageNames } from "./names.js";

type JsonValue = PageActor["value"];

export interface DiagramElements {
  /** The visible area; clipped, receives the pointer and wheel. */
  readonly viewport: HTMLElement;
  /** Holds the SVG; moved and scaled with a CSS transform. */
  readonly canvas: HTMLElement;
  /** Shows the zoom level. */
  readonly zoomLabel: HTMLElement;
}

export interface DiagramHandlers {
  /** The user clicked a compound state: fold it (`true`) or unfold it (`false`). */
  onToggle(path: string, fold: boolean): void;
  /** Following the active state was turned on or off. */
  onFollow(following: boolean): void;
}

export interface DiagramView {
  /** Shows `svg`, a view of `definition`, unless the view `key` is already shown. */
  show(key: string, svg: string, definition: PageDefinition): void;
  /** Shows a note instead of a diagram. */
  note(text: string): void;
  /** The view key shown, if any. */
  readonly shown: string | undefined;
  /** Marks the states of `value` active; a state inside a folded box marks the box. */
  highlight(value: JsonValue): void;
  follow(): void;
  fit(): void;
  /** The natural size (scale 1), keeping the centre where it is. */
  actual(): void;
  zoom(factor: number): void;
  readonly following: boolean;
}

/** The diagram; `html.ts` inlines this function and the page calls it once. */
export function pageDiagram(
  names: PageNames,
  elements: DiagramElements,
  handlers: DiagramHandlers,
): DiagramView {
  const { viewport, canvas, zoomLabel } = elements;
  /** Below this scale a whole chart is not shown fitted: 10 pt names would be under 11 px. */
  const LEGIBLE_FIT = 0.85;
  const MARGIN = 16;
  const MIN_SCALE = 0.1;
  const MAX_SCALE = 4;
  const PLACEHOLDER = /^\+ \d+ states? inside$/;

  let shownKey: string | undefined;
  let width = 0;
  let height = 0;
  let x = 0;
  let y = 0;
  let scale = 1;
  let following = true;
  /** State path → its drawn element (a node, a folded node, or a cluster). */
  let drawn = new Map<string, SVGGElement>();
  let active: SVGGElement[] = [];
  let placeholders: SVGTextElement[] = [];
  let lastActive = "";

  const apply = (animate: boolean): void => {
    canvas.style.transition = animate ? "transform 180ms ease-out" : "none";
    canvas.style.transform = `translate(${x}px, ${y}px) scale(${scale})`;
    zoomLabel.textContent = `${Math.round(scale * 100)}%`;
  };

  const setFollowing = (on: boolean): void => {
    if (following === on) return;
    following = on;
    viewport.dataset["following"] = String(on);
    handlers.onFollow(on);
  };

  /**
   * An element's box in canvas pixels at scale 1, from the SVG's own geometry (the page's CSS
   * transform may be half-way through an animation).
   */
  const boxOf = (
    element: SVGGraphicsElement,
  ): { left: number; top: number; right: number; bottom: number } => {
    const box = element.getBBox();
    const matrix = element.getCTM();
    if (matrix === null) return { left: 0, top: 0, right: 0, bottom: 0 };
    const a = new DOMPoint(box.x, box.y).matrixTransform(matrix);
    const b = new DOMPoint(box.x + box.width, box.y + box.height).matrixTransform(matrix);
    return {
      left: Math.min(a.x, b.x),
      top: Math.min(a.y, b.y),
      right: Math.max(a.x, b.x),
      bottom: Math.max(a.y, b.y),
    };
  };

  /** Keeps as much of the chart in view as its size allows. */
  const clamp = (): void => {
    const vw = viewport.clientWidth;
    const vh = viewport.clientHeight;
    const w = width * scale;
    const h = height * scale;
    x = w + 2 * MARGIN <= vw ? (vw - w) / 2 : Math.min(MARGIN, Math.max(vw - w - MARGIN, x));
    y = h + 2 * MARGIN <= vh ? (vh - h) / 2 : Math.min(MARGIN, Math.max(vh - h - MARGIN, y));
  };

  const place = (animate: boolean): void => {
    if (width === 0) return;
    const vw = viewport.clientWidth;
    const vh = viewport.clientHeight;
    const fit = Math.min((vw - 2 * MARGIN) / width, (vh - 2 * MARGIN) / height);
    if (fit >= LEGIBLE_FIT) {
      scale = Math.min(fit, 1.25);
      clamp();
      apply(animate);
      return;
    }
    scale = 1;
    const targets = Array.from(canvas.querySelectorAll<SVGGElement>(".active-leaf"));
    const chosen = targets.length > 0 ? targets : active;
    if (chosen.length > 0) {
      const boxes = chosen.map(boxOf);
      const left = Math.min(...boxes.map((b) => b.left));
      const top = Math.min(...boxes.map((b) => b.top));
      const right = Math.max(...boxes.map((b) => b.right));
      const bottom = Math.max(...boxes.map((b) => b.bottom));
      // Centred; a group of active states larger than the view is shown from its top left.
      x = right - left + 2 * MARGIN <= vw ? vw / 2 - (left + right) / 2 : MARGIN - left;
      y = bottom - top + 2 * MARGIN <= vh ? vh / 2 - (top + bottom) / 2 : MARGIN - top;
    }
    clamp();
    apply(animate);
  };

  const show = (key: string, svg: string, definition: PageDefinition): void => {
    if (key === shownKey) return;
    shownKey = key;
    // The SVG was drawn by the relay from the machine's definition (Graphviz escapes labels).
    canvas.innerHTML = svg;
    const root = canvas.querySelector("svg");
    drawn = new Map();
    active = [];
    placeholders = [];
    lastActive = "";
    if (root === null) return;
    // Graphviz sizes the drawing in points; the page works in CSS pixels.
    const toPx = (value: string | null): number => {
      const number = Number.parseFloat(value ?? "0");
      return value !== null && value.endsWith("pt") ? (number * 4) / 3 : number;
    };
    width = toPx(root.getAttribute("width"));
    height = toPx(root.getAttribute("height"));
    root.setAttribute("width", `${width}px`);
    root.setAttribute("height", `${height}px`);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    const pathById = new Map(definition.tree.map((state) => [state.id, state]));
    root.querySelectorAll<SVGGElement>("g.node, g.cluster").forEach((group) => {
      const title = group.querySelector(":scope > title")?.textContent ?? "";
      const cluster = group.classList.contains("cluster");
      const state = pathById.get(cluster ? title.replace(/^cluster_/, "") : title);
      if (state === undefined) return;
      group.dataset["path"] = state.path;
      const compound = state.kind === "compound" || state.kind === "parallel";
      if (group.classList.contains("collapsed")) group.dataset["fold"] = "folded";
      else if (cluster && compound) group.dataset["fold"] = "open";
      drawn.set(state.path, group);
      group.querySelectorAll("text").forEach((text) => {
        if (PLACEHOLDER.test(text.textContent ?? "")) {
          text.dataset["placeholder"] = text.textContent ?? "";
          placeholders.push(text);
        }
      });
    });
    if (following) place(false);
    else {
      clamp();
      apply(false);
    }
  };

  const note = (text: string): void => {
    shownKey = undefined;
    width = 0;
    drawn = new Map();
    active = [];
    placeholders = [];
    const paragraph = document.createElement("p");
    paragraph.className = "note";
    paragraph.textContent = text;
    canvas.replaceChildren(paragraph);
    canvas.style.transform = "none";
    canvas.style.width = "auto";
    canvas.style.height = "auto";
    viewport.dataset["activeStates"] = "";
  };

  /** The drawn element standing for `path`: its own, or that of the folded state it is inside. */
  const drawnFor = (path: string): SVGGElement | undefined => {
    for (let at = path; at !== ""; at = at.includes(".") ? at.slice(0, at.lastIndexOf(".")) : "") {
      const element = drawn.get(at);
      if (element !== undefined) return element;
    }
    return undefined;
  };

  /** Writes, in a folded box, which of its states are active (or restores "+ N states inside"). */
  const writePlaceholder = (text: SVGTextElement, content: string | undefined): void => {
    const original = text.dataset["placeholder"] ?? "";
    if (content === undefined) {
      if (text.textContent !== original) {
        text.textContent = original;
        const anchor = text.dataset["anchor"];
        if (anchor !== undefined) text.setAttribute("text-anchor", anchor);
        const left = text.dataset["x"];
        if (left !== undefined) text.setAttribute("x", left);
      }
      return;
    }
    const shape = text.parentElement?.querySelector("path, polygon, ellipse") as SVGGraphicsElement | null;
    if (shape === null || shape === undefined) return;
    const box = shape.getBBox();
    text.dataset["anchor"] ??= text.getAttribute("text-anchor") ?? "start";
    text.dataset["x"] ??= text.getAttribute("x") ?? "0";
    text.setAttribute("text-anchor", "middle");
    text.setAttribute("x", String(box.x + box.width / 2));
    let shown = `▸ ${content}`;
    text.textContent = shown;
    while (shown.length > 3 && text.getComputedTextLength() > box.width - 8) {
      shown = `${shown.slice(0, -2)}…`;
      text.textContent = shown;
    }
  };

  const highlight = (value: JsonValue): void => {
    const { all, leaves } = names.statePaths(value);
    const signature = `${shownKey ?? ""}\u0000${all.join(" ")}`;
    viewport.dataset["activeStates"] = leaves.join(" ");
    if (signature === lastActive) return;
    lastActive = signature;
    for (const element of active) element.classList.remove("active", "active-leaf");
    active = [];
    for (const path of all) {
      const element = drawn.get(path);
      if (element === undefined) continue;
      element.classList.add("active");
      active.push(element);
    }
    const inside = new Map<SVGGElement, string[]>();
    for (const leaf of leaves) {
      const element = drawnFor(leaf);
      if (element === undefined) continue;
      element.classList.add("active", "active-leaf");
      if (!active.includes(element)) active.push(element);
      const box = element.dataset["path"] ?? "";
      if (element.dataset["fold"] === "folded" && leaf !== box) {
        const list = inside.get(element) ?? [];
        list.push(leaf.slice(box.length + 1));
        inside.set(element, list);
      }
    }
    for (const text of placeholders) {
      const group = text.closest("g") as SVGGElement | null;
      const states = group === null ? undefined : inside.get(group);
      writePlaceholder(text, states?.join(", "));
    }
    if (following) place(true);
  };

  const zoomAt = (factor: number, px: number, py: number): void => {
    const next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale * factor));
    x = px - ((px - x) * next) / scale;
    y = py - ((py - y) * next) / scale;
    scale = next;
    setFollowing(false);
    clamp();
    apply(false);
  };

  const api: DiagramView = {
    show,
    note,
    get shown() {
      return shownKey;
    },
    highlight,
    follow() {
      setFollowing(true);
      place(true);
    },
    fit() {
      setFollowing(false);
      if (width === 0) return;
      const vw = viewport.clientWidth;
      const vh = viewport.clientHeight;
      scale = Math.min((vw - 2 * MARGIN) / width, (vh - 2 * MARGIN) / height, MAX_SCALE);
      clamp();
      apply(true);
    },
    actual() {
      zoomAt(1 / scale, viewport.clientWidth / 2, viewport.clientHeight / 2);
    },
    zoom(factor: number) {
      zoomAt(factor, viewport.clientWidth / 2, viewport.clientHeight / 2);
    },
    get following() {
      return following;
    },
  };

  // Dragging pans; a press that barely moves is a click (fold or unfold a state).
  let drag:
    { id: number; startX: number; startY: number; fromX: number; fromY: number; moved: boolean } | undefined;
  viewport.addEventListener("pointerdown", (event: PointerEvent) => {
    if (event.button !== 0 || width === 0) return;
    drag = {
      id: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      fromX: x,
      fromY: y,
      moved: false,
    };
  });
  viewport.addEventListener("pointermove", (event: PointerEvent) => {
    if (drag === undefined || event.pointerId !== drag.id) return;
    const dx = event.clientX - drag.startX;
    const dy = event.clientY - drag.startY;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      viewport.setPointerCapture(event.pointerId);
      viewport.classList.add("dragging");
      setFollowing(false);
    }
    x = drag.fromX + dx;
    y = drag.fromY + dy;
    apply(false);
  });
  const endDrag = (event: PointerEvent): void => {
    if (drag === undefined || event.pointerId !== drag.id) return;
    const { moved } = drag;
    drag = undefined;
    viewport.classList.remove("dragging");
    if (moved) {
      clamp();
      apply(false);
      return;
    }
    if (event.type !== "pointerup") return;
    const target = (event.target as Element | null)?.closest("[data-fold]");
    const path = target instanceof SVGGElement ? target.dataset["path"] : undefined;
    if (path !== undefined) handlers.onToggle(path, target!.getAttribute("data-fold") === "open");
  };
  viewport.addEventListener("pointerup", endDrag);
  viewport.addEventListener("pointercancel", endDrag);
  viewport.addEventListener(
    "wheel",
    (event: WheelEvent) => {
      if (width === 0) return;
      event.preventDefault();
      const rect = viewport.getBoundingClientRect();
      zoomAt(Math.exp(-event.deltaY * 0.0015), event.clientX - rect.left, event.clientY - rect.top);
    },
    { passive: false },
  );
  document.addEventListener("keydown", (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || width === 0) return;
    const target = event.target as HTMLElement | null;
    if (target !== null && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)))
      return;
    const step = 60;
    const pan = (dx: number, dy: number): void => {
      x += dx;
      y += dy;
      setFollowing(false);
      clamp();
      apply(true);
    };
    switch (event.key) {
      case "+":
      case "=":
        api.zoom(1.2);
        break;
      case "-":
      case "_":
        api.zoom(1 / 1.2);
        break;
      case "0":
        api.fit();
        break;
      case "1":
        api.actual();
        break;
      case "f":
        api.follow();
        break;
      case "ArrowLeft":
        pan(step, 0);
        break;
      case "ArrowRight":
        pan(-step, 0);
        break;
      case "ArrowUp":
        pan(0, step);
        break;
      case "ArrowDown":
        pan(0, -step);
        break;
      default:
        return;
    }
    event.preventDefault();
  });
  window.addEventListener("resize", () => {
    if (following) place(false);
    else {
      clamp();
      apply(false);
    }
  });
  viewport.dataset["following"] = "true";
  return api;
}
