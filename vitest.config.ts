import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    // The default output, then a loud notice of anything skipped (and why) at the end.
    reporters: ["default", "./test/support/skip-reporter.ts"],
  },
});
