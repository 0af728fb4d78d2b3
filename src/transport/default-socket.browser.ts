/**
 * The socket the client opens unless told otherwise, in the browser build: the global
 * `WebSocket`. Stands in for `default-socket.ts` (see `scripts/browser-build.ts`).
 */
export { createBrowserSocket as createDefaultSocket } from "./browser-socket.js";
