/**
 * The inspector page as one HTML document: markup, style and script inline, nothing fetched
 * from anywhere (the relay's Content-Security-Policy forbids it), so it works offline and ships
 * inside the bundled CLI as a string (tsup bundles TS modules, not loose `.html` files).
 */
import { inspectorPage } from "./script.js";

const STYLE = `
  :root { color-scheme: light; --accent: #d97706; --accent-soft: #fff4d6; --line: #d9dde3; --muted: #6b7280; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #111827; height: 100vh; display: flex; flex-direction: column; }
  header { display: flex; gap: 16px; align-items: baseline; padding: 8px 14px; border-bottom: 1px solid var(--line); background: #f8fafc; }
  header h1 { font-size: 15px; margin: 0; }
  header .muted, .muted { color: var(--muted); }
  #status { font-weight: 600; }
  #status.status-open { color: #15803d; }
  #status.status-open::before { content: "● "; }
  #status.status-closed { color: #b91c1c; }
  #status.status-connecting { color: var(--muted); }
  #dropped { color: #b45309; }
  main { flex: 1; display: grid; grid-template-columns: 240px minmax(0, 1fr) 330px; min-height: 0; }
  aside, section { overflow: auto; min-height: 0; }
  aside { border-right: 1px solid var(--line); }
  #log-pane { border-right: 0; border-left: 1px solid var(--line); }
  h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 10px 12px 6px; }
  #actor-list { list-style: none; margin: 0; padding: 0 6px 12px; }
  #actor-list li.actor { padding: 5px 8px; border-radius: 6px; cursor: pointer; display: grid; grid-template-columns: auto 1fr; column-gap: 6px; }
  #actor-list li.actor:hover { background: #f1f5f9; }
  #actor-list li.actor.selected { background: var(--accent-soft); outline: 1px solid var(--accent); }
  #actor-list li.no-diagram { opacity: .7; }
  .actor-name { font-weight: 600; }
  .actor-id { color: var(--muted); font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11px; }
  .actor-state { grid-column: 1 / 3; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11px; color: #374151; word-break: break-all; }
  .status-done .actor-state, .status-stopped .actor-state, .status-disconnected .actor-state, .status-error .actor-state { color: var(--muted); }
  li.group-heading { color: var(--muted); font-size: 11px; margin: 10px 8px 2px; }
  #view { padding: 0 14px 14px; }
  #selected-title { font-size: 14px; margin: 10px 0 2px; text-transform: none; letter-spacing: 0; color: #111827; }
  #state-text { font-family: ui-monospace, Menlo, Consolas, monospace; color: #92400e; margin-bottom: 8px; }
  #diagram svg { max-width: 100%; height: auto; }
  #diagram.natural svg { max-width: none; }
  #zoom { font: inherit; font-size: 11px; margin-left: 8px; padding: 1px 8px; border: 1px solid var(--line); border-radius: 4px; background: #fff; cursor: pointer; }
  #diagram .note { color: var(--muted); }
  /* Active states: a compound/parallel state is tinted, the active leaves stand out. */
  #diagram g.cluster.active > path, #diagram g.cluster.active > polygon { fill: #fffbeb; stroke: var(--accent); stroke-width: 1.5px; }
  #diagram g.node.active > path, #diagram g.node.active > polygon, #diagram g.node.active > ellipse { fill: #fde68a; stroke: var(--accent); stroke-width: 2.5px; }
  #diagram g.active > text { font-weight: 700; }
  details { margin-top: 10px; }
  pre#context { background: #f8fafc; border: 1px solid var(--line); padding: 8px; font-size: 11px; max-height: 40vh; overflow: auto; }
  #log-pane label { display: block; margin: 0 12px 6px; color: var(--muted); }
  #log { list-style: none; margin: 0; padding: 0 10px 12px; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11px; }
  #log li { padding: 2px 0; border-bottom: 1px dotted #eef0f3; word-break: break-word; }
  #log li.log-snapshot { color: #92400e; }
  #log time { color: var(--muted); }
`;

const BODY = `
<header>
  <h1>web-pubsub-machine inspector</h1>
  <span id="status" class="status-connecting">connecting to the relay…</span>
  <span id="producers" class="muted"></span>
  <span id="dropped"></span>
</header>
<main>
  <aside>
    <h2>Actors</h2>
    <ul id="actor-list"></ul>
  </aside>
  <section id="view">
    <h2 id="selected-title"></h2>
    <div id="state-text"></div>
    <button id="zoom" type="button" title="Toggle between fitting the width and the diagram's natural size">natural size</button>
    <div id="diagram" data-active-states=""></div>
    <details><summary>context</summary><pre id="context"></pre></details>
  </section>
  <aside id="log-pane">
    <h2>Events (newest first)</h2>
    <label><input type="checkbox" id="log-filter"> selected actor only</label>
    <ol id="log"></ol>
  </aside>
</main>
`;

let cached: string | undefined;

/** The page's HTML. */
export function pageHtml(): string {
  // tsx/esbuild may compile with `keepNames`, which wraps nested functions in `__name(fn, "x")`
  // calls to a helper that exists only in the module: define a no-op one for the inlined copy.
  cached ??= `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>web-pubsub-machine inspector</title>
<style>${STYLE}</style>
</head>
<body data-relay="connecting">
${BODY}
<script>
"use strict";
var __name = function (target) { return target; };
(${inspectorPage.toString()})();
</script>
</body>
</html>
`;
  return cached;
}
