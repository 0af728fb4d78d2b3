/**
 * What some tests need beyond Node and `npm ci`: tmux (the terminal tests), Chromium (the
 * browser tests), openssl (the emulator's TLS) and a build (`dist/`, for the package checks).
 *
 * `npm test` is the quick loop: a test whose requirement is missing is skipped, and the run ends
 * with a notice naming what was skipped and why (`skip-reporter.ts`). `npm run test:all` (what CI
 * runs) installs the requirements and sets `WPS_TEST_ALL=1`, and then a missing one fails its
 * tests instead: nothing is skipped there.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Whether every test must run: `npm run test:all` sets `WPS_TEST_ALL=1`; `CI` means the same. */
export const MUST_RUN_ALL = [process.env["WPS_TEST_ALL"], process.env["CI"]].some(
  (value) => value !== undefined && value !== "" && value !== "0" && value !== "false",
);

/** Where Debian's `apt-get install chromium` puts the browser (`CHROMIUM_PATH` overrides it). */
export const CHROMIUM_PATH = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function onPath(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

/** The requirements, by name: how to tell one is there, what needs it, and how to get it. */
const REQUIREMENTS = {
  tmux: {
    present: () => onPath("tmux"),
    neededBy: "the terminal tests of `wps connect`",
    install: "apt-get install -y tmux",
  },
  chromium: {
    present: () => existsSync(CHROMIUM_PATH),
    neededBy: "the browser tests and the inspector page test",
    install: "apt-get install -y chromium",
  },
  openssl: {
    present: () => onPath("openssl"),
    neededBy: "the emulator's TLS tests",
    install: "apt-get install -y openssl",
  },
  build: {
    present: () => existsSync(`${ROOT}/dist/browser/index.js`) && existsSync(`${ROOT}/dist/index.js`),
    neededBy: "the checks of the built package",
    install: "npm run build",
  },
} as const;

/** The name of a requirement. */
export type RequirementName = keyof typeof REQUIREMENTS;

/** A requirement as a test file sees it. */
export interface Requirement {
  readonly name: RequirementName;
  readonly present: boolean;
  /** Whether its tests run: it is present, or every test must run (and will fail without it). */
  readonly run: boolean;
  readonly neededBy: string;
  readonly install: string;
  /** Fails with a message that says how to install it, when it is missing. */
  assertPresent(): void;
}

/** Looks a requirement up; `describe.skipIf(!tmux.run)` then skips (or, under test:all, fails). */
export function requirement(name: RequirementName): Requirement {
  const { present: check, neededBy, install } = REQUIREMENTS[name];
  const present = check();
  return {
    name,
    present,
    run: present || MUST_RUN_ALL,
    neededBy,
    install,
    assertPresent() {
      if (!present) throw new Error(`${name} is missing (${neededBy} need it): ${install}`);
    },
  };
}

/** Every requirement that is missing on this machine. */
export function missingRequirements(): Requirement[] {
  return (Object.keys(REQUIREMENTS) as RequirementName[]).map(requirement).filter((r) => !r.present);
}
