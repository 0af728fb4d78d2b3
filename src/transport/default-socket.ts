/**
 * The socket the client opens unless told otherwise. Node: `ws`. The browser build replaces this
 * module with `default-socket.browser.ts` (see `scripts/browser-build.ts`), so `ws` never reaches
 * a browser bundle; both files have the same exports.
 */
export { createNodeSocket as createDefaultSocket } from "./node-socket.js";
