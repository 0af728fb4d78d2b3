/** The inspector page's style sheet (inlined by `html.ts`). */
export const PAGE_STYLE = `
  :root { color-scheme: light; --accent: #d97706; --accent-soft: #fff4d6; --line: #d9dde3; --muted: #6b7280; --mono: ui-monospace, Menlo, Consolas, monospace; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #111827; height: 100vh; display: flex; flex-direction: column; }
  header { display: flex; gap: 16px; align-items: baseline; padding: 8px 14px; border-bottom: 1px solid var(--line); background: #f8fafc; flex-wrap: wrap; }
  header h1 { font-size: 15px; margin: 0; }
  .muted { color: var(--muted); }
  #attach { font-family: var(--mono); font-size: 12px; color: var(--muted); }
  #status { font-weight: 600; }
  #status.status-open { color: #15803d; }
  #status.status-open::before { content: "● "; }
  #status.status-closed { color: #b91c1c; }
  #status.status-connecting { color: var(--muted); }
  #dropped { color: #b45309; }
  main { flex: 1; display: grid; grid-template-columns: 240px minmax(0, 1fr) 360px; min-height: 0; }
  body.wide-log main { grid-template-columns: 240px minmax(0, 1fr) 540px; }
  aside { overflow: auto; min-height: 0; border-right: 1px solid var(--line); }
  #log-pane { border-right: 0; border-left: 1px solid var(--line); display: flex; flex-direction: column; overflow: hidden; }
  h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 10px 12px 6px; }
  button { font: inherit; font-size: 12px; padding: 1px 8px; border: 1px solid var(--line); border-radius: 4px; background: #fff; cursor: pointer; }
  button:hover { background: #f1f5f9; }
  button.link { border: 0; padding: 0; background: none; color: #1d4ed8; text-decoration: underline; font-size: 11px; }
  #actor-list { list-style: none; margin: 0; padding: 0 6px 12px; }
  #actor-list li.actor { padding: 4px 8px; border-radius: 6px; cursor: pointer; display: grid; grid-template-columns: auto minmax(0, 1fr) auto; column-gap: 6px; align-items: baseline; }
  #actor-list li.actor:hover { background: #f1f5f9; }
  #actor-list li.actor.selected { background: var(--accent-soft); outline: 1px solid var(--accent); }
  #actor-list li.depth-1 { margin-left: 14px; }
  #actor-list li.depth-2 { margin-left: 28px; }
  #actor-list li.no-diagram { opacity: .75; }
  .actor-name { font-weight: 600; }
  .actor-identity { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .actor-id { color: var(--muted); font-family: var(--mono); font-size: 10px; }
  .actor-state { grid-column: 1 / 4; font-family: var(--mono); font-size: 11px; color: #374151; word-break: break-word; }
  li.actor:not(.status-active) .actor-state { color: var(--muted); }
  li.group-heading { color: var(--muted); font-size: 11px; margin: 10px 8px 2px; }
  #view { padding: 0 14px 8px; display: flex; flex-direction: column; min-height: 0; min-width: 0; }
  .heading { display: flex; align-items: baseline; gap: 10px; margin: 10px 0 2px; }
  #selected-title { font-size: 15px; margin: 0; text-transform: none; letter-spacing: 0; color: #111827; }
  .badge { font-size: 11px; border-radius: 10px; padding: 0 8px; background: #e5e7eb; color: #374151; }
  .badge.status-active { background: #dcfce7; color: #166534; }
  .badge.status-error, .badge.status-disconnected { background: #fee2e2; color: #991b1b; }
  #state-text { font-family: var(--mono); color: #92400e; margin-bottom: 4px; word-break: break-word; }
  #scrub { background: #eff6ff; border: 1px solid #bfdbfe; border-radius: 6px; padding: 4px 8px; margin-bottom: 4px; display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
  #scrub[hidden] { display: none; }
  #scrub-text { font-weight: 600; color: #1e3a8a; }
  #toolbar { display: flex; gap: 6px; align-items: center; margin: 2px 0 6px; flex-wrap: wrap; }
  #toolbar .hint { font-size: 11px; margin-left: 6px; }
  #follow.on { background: var(--accent-soft); border-color: var(--accent); }
  #zoom-level { font-family: var(--mono); font-size: 11px; min-width: 3.5em; text-align: center; }
  #diagram { position: relative; flex: 1; min-height: 200px; overflow: hidden; border: 1px solid var(--line); border-radius: 6px; background: #fff; cursor: grab; touch-action: none; user-select: none; }
  #diagram.dragging { cursor: grabbing; }
  #canvas { position: absolute; left: 0; top: 0; transform-origin: 0 0; }
  #canvas .note { color: var(--muted); margin: 16px; max-width: 60ch; cursor: auto; user-select: text; }
  #diagram svg { display: block; }
  #diagram svg text { font-family: Helvetica, Arial, "Liberation Sans", sans-serif; }
  #diagram g[data-fold="folded"] { cursor: pointer; }
  #diagram g[data-fold="open"] > text { cursor: pointer; }
  #diagram g[data-fold="open"] > text:hover, #diagram g[data-fold="folded"]:hover text { text-decoration: underline; }
  /* Active states: a compound/parallel state is tinted, the active leaves stand out. */
  #diagram g.cluster.active > path, #diagram g.cluster.active > polygon { fill: #fffbeb; stroke: var(--accent); stroke-width: 1.5px; }
  #diagram g.node.active-leaf > path, #diagram g.node.active-leaf > polygon, #diagram g.node.active-leaf > ellipse { fill: #fde68a; stroke: var(--accent); stroke-width: 2.5px; }
  details { margin-top: 6px; }
  pre#context { background: #f8fafc; border: 1px solid var(--line); padding: 8px; font-size: 11px; max-height: 30vh; overflow: auto; margin: 4px 0 0; }
  #log-tabs { display: flex; gap: 4px; margin: 10px 12px 6px; }
  #log-tabs button.on { background: var(--accent-soft); border-color: var(--accent); font-weight: 600; }
  #log-filters[hidden], #log[hidden], #sequence[hidden] { display: none; }
  #sequence { overflow: auto; flex: 1; padding: 0 6px 10px; font-size: 11px; }
  .seq-grid { display: grid; }
  .seq-head { position: sticky; top: 0; z-index: 2; background: #f8fafc; font-weight: 600; text-align: center; padding: 3px 2px; border-bottom: 1px solid var(--line); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .seq-time { color: var(--muted); font-family: var(--mono); font-size: 10px; padding: 5px 2px 0; }
  .seq-lane { background: linear-gradient(#cbd5e1, #cbd5e1) center / 1px 100% no-repeat; min-height: 24px; }
  .seq-msg, .seq-state, .seq-self { z-index: 1; align-self: center; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .seq-msg { position: relative; border-bottom: 1.5px solid #475569; text-align: center; font-size: 10.5px; line-height: 1.2; padding: 0 6px 1px; }
  .seq-msg::after { content: ""; position: absolute; bottom: -4.5px; border: 4px solid transparent; }
  .seq-msg.to-right { margin: 0 calc(50% / var(--span, 1) - 1px) 0 calc(50% / var(--span, 1)); }
  .seq-msg.to-right::after { right: -2px; border-left: 7px solid #475569; border-right: 0; }
  .seq-msg.to-left { margin: 0 calc(50% / var(--span, 1)) 0 calc(50% / var(--span, 1) - 1px); }
  .seq-msg.to-left::after { left: -2px; border-right: 7px solid #475569; border-left: 0; }
  .seq-state { justify-self: center; max-width: 100%; background: #fef3c7; border: 1px solid #f59e0b; border-radius: 8px; padding: 0 6px; font-size: 10.5px; color: #92400e; }
  .seq-self { justify-self: center; max-width: 100%; font-size: 10.5px; color: #475569; }
  #log-filters { margin: 0 12px 6px; display: flex; flex-wrap: wrap; gap: 2px 12px; color: var(--muted); }
  #log { list-style: none; margin: 0; padding: 0 10px 12px; font-family: var(--mono); font-size: 11px; overflow: auto; flex: 1; }
  #log li { padding: 2px 2px; border-bottom: 1px dotted #eef0f3; word-break: break-word; }
  #log li.log-line, #log li.log-repeat { display: grid; grid-template-columns: auto 4.5em minmax(0, 1fr); column-gap: 6px; cursor: pointer; }
  #log li.log-line:hover, #log li.log-repeat:hover { background: #f8fafc; }
  #log li.selected { background: #eff6ff; outline: 1px solid #93c5fd; }
  #log time { color: var(--muted); }
  #log .delta { color: #9ca3af; text-align: right; }
  #log .cat-state .text { color: #92400e; }
  #log .cat-command .text, #log .cat-context .text { color: var(--muted); }
  #log .cat-operation .text { color: #1e40af; }
  #log li.log-repeat { background: #f5f3ff; }
  #log li.log-repeat .count { color: #6d28d9; margin-right: 4px; }
  #log li.in-repeat { margin-left: 12px; opacity: .85; }
  #log li.log-pause { text-align: center; color: #9ca3af; border-bottom: 1px dashed #d1d5db; font-size: 10px; }
`;
