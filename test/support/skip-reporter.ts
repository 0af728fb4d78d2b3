/**
 * Says loudly, at the end of a run, which tests were skipped and why, and the one command that
 * runs them all. Under `npm run test:all` (`WPS_TEST_ALL=1`) a skipped test fails the run.
 */
import type { Reporter, TestModule } from "vitest/node";
import { missingRequirements, MUST_RUN_ALL } from "./requirements.js";

function skippedTests(modules: ReadonlyArray<TestModule>): Map<string, number> {
  const byFile = new Map<string, number>();
  for (const module of modules) {
    for (const test of module.children.allTests()) {
      if (test.result().state !== "skipped") continue;
      byFile.set(module.relativeModuleId, (byFile.get(module.relativeModuleId) ?? 0) + 1);
    }
  }
  return byFile;
}

export default class SkipReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skipped = skippedTests(testModules);
    if (skipped.size === 0) return;
    const total = [...skipped.values()].reduce((sum, n) => sum + n, 0);
    const lines = [
      "",
      `⚠  ${total} test${total === 1 ? "" : "s"} SKIPPED — this run did not test everything:`,
      ...[...skipped].map(([file, count]) => `     ${file} (${count})`),
    ];
    const missing = missingRequirements();
    if (missing.length > 0) {
      lines.push("   Missing on this machine:");
      for (const r of missing) lines.push(`     ${r.name}: ${r.neededBy} (${r.install})`);
    }
    lines.push(
      "   Run every test, nothing skipped (installs the Debian packages when run as root):",
      "     npm run test:all",
      "",
    );
    if (MUST_RUN_ALL) {
      lines.push("✗  WPS_TEST_ALL is set: a skipped test fails the run.", "");
      process.exitCode = 1;
    }
    process.stderr.write(lines.join("\n") + "\n");
  }
}
