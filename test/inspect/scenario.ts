/**
 * The inspector's end-to-end scenario, shared by the browser test and the screenshot script:
 * an emulator and a relay on ephemeral ports, a real `WebPubSubClient` reporting to the relay
 * through our sender, and headless Debian Chromium (driven by playwright-core, which never
 * downloads a browser) showing the page.
 *
 * The client's first URL is held behind a gate so the page can be seen in `connecting`, and the
 * emulator refuses upgrades while the test looks at `recovering`: both states would otherwise
 * last a millisecond, and the test must not depend on catching them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { WebPubSubClient } from "../../src/client.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { createInspectorSender, type InspectorSender } from "../../src/inspect/sender.js";
import { startInspectorRelay, type InspectorRelay } from "../../src/inspect/relay.js";

import { CHROMIUM_PATH, requirement } from "../support/requirements.js";

export { CHROMIUM_PATH };

/** Flags for a quiet, offline, sandbox-less (container) headless Chromium. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function chromiumAvailable(): boolean {
  return requirement("chromium").present;
}

export interface Scenario {
  readonly emulator: Emulator;
  readonly relay: InspectorRelay;
  readonly sender: InspectorSender;
  readonly client: WebPubSubClient;
  readonly browser: BrowserContext;
  readonly page: Page;
  /** Lets the client's first `getClientAccessUrl` return (it waits until then). */
  releaseUrl(): void;
  /** Tears everything down, in reverse order; safe to call after a failure half-way. */
  close(): Promise<void>;
}

export interface ScenarioOptions {
  readonly viewport?: { readonly width: number; readonly height: number };
}

export async function startScenario(options: ScenarioOptions = {}): Promise<Scenario> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const close = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch {
        // Best effort: the remaining resources must still be released.
      }
    }
    cleanups.length = 0;
  };
  try {
    const emulator = await startEmulator({ port: 0, host: "127.0.0.1", logger: false });
    cleanups.push(() => emulator.close());
    const relay = await startInspectorRelay({ port: 0 });
    cleanups.push(() => relay.close());
    const sender = createInspectorSender(relay.url);
    cleanups.push(() => sender.stop());

    const url = await emulator.getClientAccessUrl({
      hub: "inspect",
      userId: "alice",
      roles: ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"],
    });
    let releaseUrl!: () => void;
    const gate = new Promise<void>((resolve) => (releaseUrl = resolve));
    const client = new WebPubSubClient(
      {
        getClientAccessUrl: async () => {
          await gate;
          return url;
        },
      },
      {
        inspect: sender.inspect,
        // Recovery attempts every ~100 ms, so the page sees `connected` soon after refusals end.
        recoveryRetryOptions: { retryDelayInMs: 100, maxRetryDelayInMs: 200 },
      },
    );
    cleanups.push(() => client.stop());

    const userDataDir = mkdtempSync(path.join(os.tmpdir(), "wps-inspect-chromium-"));
    cleanups.push(() => rmSync(userDataDir, { recursive: true, force: true }));
    const browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: options.viewport ? { ...options.viewport } : { width: 1600, height: 1000 },
      timeout: 20_000,
    });
    cleanups.push(() => browser.close());
    const page = browser.pages()[0] ?? (await browser.newPage());
    return { emulator, relay, sender, client, browser, page, releaseUrl, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The state paths of the highlighted states in the page's diagram (nodes, folded boxes, clusters). */
export function highlighted(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<SVGGElement>("#diagram g.active[data-path]")).map(
      (group) => group.dataset["path"] ?? "",
    ),
  );
}

/**
 * Waits until the diagram highlights every state path in `on` and none in `off`, for the actor
 * the page shows. Polls in the page on each animation frame; fails after `timeoutMs`.
 */
export async function waitForHighlight(
  page: Page,
  on: readonly string[],
  off: readonly string[] = [],
  timeoutMs = 10_000,
): Promise<void> {
  await page.waitForFunction(
    ({ on, off }) => {
      const paths = new Set(
        Array.from(document.querySelectorAll<SVGGElement>("#diagram g.active[data-path]")).map(
          (group) => group.dataset["path"] ?? "",
        ),
      );
      return on.every((path) => paths.has(path)) && off.every((path) => !paths.has(path));
    },
    { on: [...on], off: [...off] },
    { timeout: timeoutMs },
  );
}

/** How a state's name is drawn on the page, in CSS pixels of the window. */
export interface LabelMetrics {
  readonly text: string;
  /** The name's box on screen. */
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  /** Its rendered height (the glyph box, a little more than the font size). */
  readonly height: number;
  /** The font size as rendered: the SVG font size times the zoom. */
  readonly fontPx: number;
  /** Whether the whole box lies inside the diagram's visible area and inside the window. */
  readonly inView: boolean;
  /** Whether the page itself could scroll (it must not need to). */
  readonly pageScrolls: boolean;
}

/** Measures the name (first text) of the drawn element of the state at `path`. */
export async function measureLabel(page: Page, path: string): Promise<LabelMetrics> {
  const metrics = await page.evaluate((path) => {
    const group = document.querySelector(`#diagram g[data-path="${path}"]`);
    const text = group?.querySelector("text");
    const viewport = document.getElementById("diagram");
    if (!text || !viewport) return undefined;
    const box = text.getBoundingClientRect();
    const view = viewport.getBoundingClientRect();
    const matrix = (text as SVGTextElement).getScreenCTM();
    const zoom = matrix === null ? 1 : Math.hypot(matrix.a, matrix.b);
    const inView =
      box.top >= view.top &&
      box.left >= view.left &&
      box.bottom <= view.bottom &&
      box.right <= view.right &&
      box.top >= 0 &&
      box.left >= 0 &&
      box.bottom <= window.innerHeight &&
      box.right <= window.innerWidth;
    const scroller = document.scrollingElement ?? document.documentElement;
    return {
      text: text.textContent ?? "",
      top: box.top,
      left: box.left,
      bottom: box.bottom,
      right: box.right,
      height: box.height,
      fontPx: Number.parseFloat(text.getAttribute("font-size") ?? "0") * zoom,
      inView,
      pageScrolls: scroller.scrollHeight > window.innerHeight || scroller.scrollWidth > window.innerWidth,
    };
  }, path);
  if (metrics === undefined) throw new Error(`no drawn label for ${path}`);
  return metrics;
}

/** Waits until the page's diagram has stopped moving (the follow animation is 180 ms). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const canvas = document.getElementById("canvas");
    if (canvas === null) return false;
    const now = canvas.getBoundingClientRect();
    const last = (window as unknown as { __lastCanvas?: string }).__lastCanvas;
    const current = `${now.left},${now.top},${now.width}`;
    (window as unknown as { __lastCanvas?: string }).__lastCanvas = current;
    return last === current && canvas.getAnimations().length === 0;
  });
}
