/**
 * The inspector page as one HTML document: markup, style and script inline, nothing fetched
 * from anywhere (the relay's Content-Security-Policy forbids it), so it works offline and ships
 * inside the bundled CLI as a string (tsup bundles TS modules, not loose `.html` files).
 */
import { pageActors } from "./actors.js";
import { pageDiagram } from "./diagram-view.js";
import { pageLog } from "./log.js";
import { pageNames } from "./names.js";
import { inspectorPage } from "./script.js";
import { pageSequence } from "./sequence.js";
import { PAGE_STYLE } from "./style.js";

const BODY = `
<header>
  <h1>web-pubsub-machine inspector</h1>
  <span id="status" class="status-connecting">connecting to the relay…</span>
  <span id="producers" class="muted"></span>
  <code id="attach"></code>
  <span id="dropped"></span>
</header>
<main>
  <aside id="actors-pane">
    <h2>Actors</h2>
    <ul id="actor-list"></ul>
  </aside>
  <section id="view">
    <div class="heading"><h2 id="selected-title"></h2><span id="actor-status"></span></div>
    <div id="state-text"></div>
    <div id="scrub" hidden>
      <span id="scrub-text"></span>
      <button id="scrub-prev" type="button" title="The snapshot before ([)">◀ earlier</button>
      <button id="scrub-next" type="button" title="The snapshot after (])">later ▶</button>
      <button id="scrub-live" type="button" title="Back to the live state (Esc)">live</button>
    </div>
    <div id="toolbar">
      <button id="follow" class="on" type="button" aria-pressed="true" title="Keep the active state in view (f)">follow</button>
      <button id="fit" type="button" title="The whole chart (0)">fit</button>
      <button id="zoom-out" type="button" title="Zoom out (-)">−</button>
      <span id="zoom-level">100%</span>
      <button id="zoom-in" type="button" title="Zoom in (+)">+</button>
      <button id="actual" type="button" title="Natural size (1)">1:1</button>
      <span class="hint muted">drag to pan, wheel to zoom; click a box with “+ N states” to unfold it, a state's name to fold it</span>
    </div>
    <div id="diagram" data-active-states=""><div id="canvas"></div></div>
    <details><summary>context</summary><pre id="context"></pre></details>
  </section>
  <aside id="log-pane">
    <div id="log-tabs">
      <button id="tab-log" class="on" type="button" title="Every actor's events, newest first">event log</button>
      <button id="tab-sequence" type="button" title="Events between the selected client's actors, oldest first">sequence</button>
    </div>
    <div id="log-filters">
      <span>state changes, and:</span>
      <label><input type="checkbox" id="filter-events"> all events</label>
      <label><input type="checkbox" id="filter-commands"> socket commands</label>
      <label><input type="checkbox" id="filter-operations" checked> operations</label>
      <label><input type="checkbox" id="log-filter"> selected actor only</label>
    </div>
    <ol id="log"></ol>
    <div id="sequence" hidden></div>
  </aside>
</main>
`;

let cached: string | undefined;

/** The page's HTML. */
export function pageHtml(): string {
  // Each part goes in as a function expression and reaches the page only as an argument (see
  // script.ts). tsx/esbuild may compile with `keepNames`, which wraps nested functions in
  // `__name(fn, "x")` calls to a helper that exists only in the module: define a no-op one.
  const parts = [
    `names: (${pageNames.toString()})`,
    `log: (${pageLog.toString()})`,
    `actors: (${pageActors.toString()})`,
    `diagram: (${pageDiagram.toString()})`,
    `sequence: (${pageSequence.toString()})`,
  ].join(",\n");
  cached ??= `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>web-pubsub-machine inspector</title>
<style>${PAGE_STYLE}</style>
</head>
<body data-relay="connecting">
${BODY}
<script>
"use strict";
var __name = function (target) { return target; };
(${inspectorPage.toString()})({
${parts}
});
</script>
</body>
</html>
`;
  return cached;
}
