/** The machine a results file's header describes, fixed for the benchmark reporters' tests. */
import type { MachineInfo } from "../../bench/lib/report.js";

export const TEST_MACHINE: MachineInfo = {
  cpu: "test CPU",
  cores: 2,
  node: "v20",
  platform: "linux x64",
  loadBefore: [1, 1, 1],
  loadAfter: [1, 1, 1],
  otherCores: undefined,
  commit: "abc",
  date: "2026-01-01 00:00 UTC",
  wallSeconds: 60,
};
