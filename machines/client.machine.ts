/**
 * The client statechart. Its parts live in `machines/client/` (one module per state node, plus
 * types, guards, delays and actions); this file is the entry the tools and docs name.
 */
export * from "./client/index.js";
