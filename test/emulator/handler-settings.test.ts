/**
 * Event handler settings: the checks `startEmulator` makes, the user-event patterns, and the
 * Microsoft emulator's settings file shape (`WebPubSub.Hubs.<hub>.EventHandlers[]`).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { emulatorSettingsFromJson, readEmulatorSettings, startEmulator } from "../../src/emulator/index.js";
import type { HubSettings } from "../../src/emulator/index.js";
import { eventPattern } from "../../src/emulator/handlers/pattern.js";
import {
  expandUrlTemplate,
  resolveHubSettings,
  userEventHandler,
} from "../../src/emulator/handlers/settings.js";

describe("event handler settings", () => {
  const refused = (hubs: Record<string, HubSettings>) => () => resolveHubSettings(hubs);

  it("refuses what the service would refuse, naming the setting", () => {
    expect(refused({ chat: { eventHandlers: [{ urlTemplate: "/relative" }] } })).toThrow(
      "hubs.chat.eventHandlers[0].urlTemplate: '/relative' is not an absolute URL",
    );
    expect(refused({ chat: { eventHandlers: [{ urlTemplate: "ftp://h/x" }] } })).toThrow(/must be an http/);
    expect(refused({ chat: { eventHandlers: [{ urlTemplate: "tunnel:///eventhandler" }] } })).toThrow(
      /tunnel:\/\/ needs Azure/,
    );
    expect(refused({ chat: { eventHandlers: [{ urlTemplate: "http://{hub}.example/x" }] } })).toThrow(
      /the host cannot contain/,
    );
    expect(
      refused({ chat: { eventHandlers: [{ urlTemplate: "http://h/{@Microsoft.KeyVault(SecretUri=x)}" }] } }),
    ).toThrow(/Key Vault references need Azure/);
    expect(
      refused({
        chat: { eventHandlers: [{ urlTemplate: "http://h/x", systemEvents: ["joined" as never] }] },
      }),
    ).toThrow(
      "hubs.chat.eventHandlers[0].systemEvents: 'joined' is not a system event (use connect, connected, disconnected)",
    );
    expect(
      refused({ chat: { eventHandlers: [{ urlTemplate: "http://h/x", eventPattern: "a b" }] } }),
    ).toThrow(/eventPattern: 'a b' is not an event name/);
    expect(refused({ chat: {}, CHAT: {} })).toThrow(/configured twice/);
    expect(refused({ "1hub": {} })).toThrow(/invalid hub name/);
  });

  it("fills {hub} and {event} (any case), percent-encoded", () => {
    expect(expandUrlTemplate("http://h/api/{Hub}/{EVENT}?x={event}", "chat", "a b")).toBe(
      "http://h/api/chat/a%20b?x=a%20b",
    );
  });

  it("takes `*`, a name, a comma-separated list, and wildcards, without case", () => {
    const take = (pattern: string, event: string) =>
      (eventPattern(pattern) as (e: string) => boolean)(event.toLowerCase());
    expect(take("*", "Anything")).toBe(true);
    expect(take("message", "MESSAGE")).toBe(true);
    expect(take("message", "messages")).toBe(false);
    expect(take(" join , leave ", "leave")).toBe(true);
    expect(take("chat-*", "chat-room")).toBe(true);
    expect(take("chat-?", "chat-ab")).toBe(false);
    expect(take("", "message")).toBe(false);
    const table = resolveHubSettings({
      chat: {
        eventHandlers: [
          { urlTemplate: "http://h/1", eventPattern: "a" },
          { urlTemplate: "http://h/2", eventPattern: "*" },
        ],
      },
    });
    expect(userEventHandler(table, "chat", "A")?.urlTemplate).toBe("http://h/1");
    expect(userEventHandler(table, "chat", "b")?.urlTemplate).toBe("http://h/2");
    expect(userEventHandler(table, "other", "a")).toBeUndefined();
  });

  it("startEmulator refuses bad settings before it listens", async () => {
    await expect(
      startEmulator({ port: 0, logger: false, hubs: { chat: { eventHandlers: [{ urlTemplate: "nope" }] } } }),
    ).rejects.toThrow(RangeError);
    await expect(
      startEmulator({ port: 0, logger: false, eventHandlerPolicy: { timeoutMs: 0 } }),
    ).rejects.toThrow("eventHandlerPolicy.timeoutMs must be a positive number");
  });
});

describe("the Microsoft emulator's settings file", () => {
  it("reads WebPubSub.Hubs.<hub>.EventHandlers with any key case, arrays written as objects, and the access key", () => {
    const settings = emulatorSettingsFromJson({
      Logging: { LogLevel: { Default: "Information" } },
      webpubsub: {
        AccessKey: "a-key-of-our-own-0123456789abcdef",
        HUBS: {
          chat: {
            EventHandlers: [
              {
                UrlTemplate: "http://localhost:7071/events/{hub}/{event}",
                SystemEvents: ["connect", "connected"],
                EventPattern: "*",
              },
            ],
            EventListeners: [{ EventNameFilter: {} }],
          },
          game: { eventhandlers: { "0": { urlTemplate: "http://h/{event}", systemEvents: "disconnected" } } },
        },
      },
    });
    expect(settings).toEqual({
      accessKey: "a-key-of-our-own-0123456789abcdef",
      hubs: {
        chat: {
          eventHandlers: [
            {
              urlTemplate: "http://localhost:7071/events/{hub}/{event}",
              systemEvents: ["connect", "connected"],
              eventPattern: "*",
            },
          ],
        },
        game: { eventHandlers: [{ urlTemplate: "http://h/{event}", systemEvents: ["disconnected"] }] },
      },
      ignored: [
        "WebPubSub.Hubs.chat.EventListeners: Event Hubs listeners need Azure Event Hubs; not sent anywhere",
      ],
    });
  });

  it("refuses what it cannot honour, naming the setting", () => {
    const handler = (extra: object) => ({
      WebPubSub: { Hubs: { chat: { EventHandlers: [{ UrlTemplate: "http://h", ...extra }] } } },
    });
    expect(() => emulatorSettingsFromJson(handler({ Auth: { Type: "ManagedIdentity" } }))).toThrow(
      /WebPubSub.Hubs.chat.EventHandlers\[0\].Auth: handler authentication \(managed identity\) needs Azure/,
    );
    expect(() => emulatorSettingsFromJson(handler({ UrlTempalte: "x" }))).toThrow(
      /UrlTempalte is not an event handler setting/,
    );
    expect(() => emulatorSettingsFromJson({ Hubs: {} })).toThrow(/no 'WebPubSub' section/);
    expect(() => emulatorSettingsFromJson([])).toThrow(/must be a JSON object/);
  });

  it("reads a file, and says which file is wrong and how", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "wps-settings-"));
    try {
      const good = path.join(dir, "good.json");
      writeFileSync(
        good,
        '\uFEFF{"WebPubSub":{"Hubs":{"chat":{"EventHandlers":[{"UrlTemplate":"http://h/{event}"}]}}}}',
      );
      expect((await readEmulatorSettings(good)).hubs["chat"]?.eventHandlers).toHaveLength(1);
      const broken = path.join(dir, "broken.json");
      writeFileSync(broken, "{ nope");
      await expect(readEmulatorSettings(broken)).rejects.toThrow(`${broken} is not JSON`);
      await expect(readEmulatorSettings(path.join(dir, "missing.json"))).rejects.toThrow(
        /cannot read .*ENOENT/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
