/**
 * The Azure SDKs' logging convention: without a `logger` option the client logs through
 * `@azure/logger`, so `setLogLevel` and `AZURE_LOG_LEVEL` turn its lines on (redacted), and
 * `AzureLogger.log` redirects them; with a `logger` option that sink gets every level.
 */
import { spawnSync } from "node:child_process";
import { AzureLogger, getLogLevel, setLogLevel, type AzureLogLevel } from "@azure/logger";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebPubSubClient } from "../../src/client.js";
import { startEmulator } from "../../src/emulator/index.js";
import { AZURE_LOG_NAMESPACE, createLogger } from "../../src/logging.js";
import { REDACTED } from "../../src/redact.js";
import { ROOT } from "../cli/helpers.js";

const SECRET = "access_token=super-secret-token";

describe("logging through @azure/logger", () => {
  const lines: string[] = [];
  let previousLevel: AzureLogLevel | undefined;
  const previousLog = AzureLogger.log;

  beforeEach(() => {
    previousLevel = getLogLevel();
    lines.length = 0;
    AzureLogger.log = (...args: unknown[]) => lines.push(args.map(String).join(" "));
  });
  afterEach(() => {
    AzureLogger.log = previousLog;
    setLogLevel(previousLevel);
  });

  it("is off until a level is set, then writes that level and above, redacted", () => {
    setLogLevel();
    const logger = createLogger(undefined);
    logger.error(`refused ${SECRET}`);
    expect(lines).toEqual([]);

    setLogLevel("info");
    logger.debug("a verbose line");
    logger.info(`connected ${SECRET}`);
    logger.warn("a warning");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`azure:${AZURE_LOG_NAMESPACE}:info connected access_token=${REDACTED}`);
    expect(lines[1]).toContain(`azure:${AZURE_LOG_NAMESPACE}:warning a warning`);
    expect(lines.join("\n")).not.toContain("super-secret-token");

    setLogLevel("verbose");
    logger.debug("now verbose");
    expect(lines.at(-1)).toContain(`azure:${AZURE_LOG_NAMESPACE}:verbose now verbose`);
  });

  it("redacts the details too", () => {
    setLogLevel("error");
    createLogger(undefined).error("failed", new Error(`socket error for ${SECRET}`), {
      url: `ws://h/?${SECRET}`,
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("super-secret-token");
  });

  it("a logger option receives every level and @azure/logger none", () => {
    setLogLevel("verbose");
    const received: string[] = [];
    const sink = (message: string) => received.push(message);
    const logger = createLogger({ debug: sink, info: sink, warn: sink, error: sink });
    logger.debug(`d ${SECRET}`);
    logger.error("e");
    expect(received).toEqual([`[web-pubsub-machine] d access_token=${REDACTED}`, "[web-pubsub-machine] e"]);
    expect(lines).toEqual([]);
  });

  it("a client's connection lines reach AzureLogger after setLogLevel('info')", async () => {
    setLogLevel("info");
    await using emu = await startEmulator({ port: 0, logger: false });
    const url = await emu.getClientAccessUrl({ hub: "chat", userId: "alice" });
    const client = new WebPubSubClient(url);
    await client.start();
    client.stop();
    const connected = lines.find((line) => line.includes(`Connected: ${client.connectionId ?? ""}`));
    expect(connected).toContain(`azure:${AZURE_LOG_NAMESPACE}:info`);
    expect(lines.join("\n")).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it("honours AZURE_LOG_LEVEL, as the official client does", () => {
    const script = [
      `import { createLogger } from "./src/logging.ts";`,
      `const logger = createLogger(undefined);`,
      `logger.info("an info line");`,
      `logger.warn("a warning line ${SECRET}");`,
    ].join("\n");
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: ROOT,
      env: { ...process.env, AZURE_LOG_LEVEL: "warning" },
      encoding: "utf8",
      timeout: 15_000,
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      `azure:${AZURE_LOG_NAMESPACE}:warning a warning line access_token=${REDACTED}`,
    );
    expect(run.stderr).not.toContain("an info line");
  });
});
