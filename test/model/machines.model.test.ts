/**
 * Model-based tests: paths generated from the real statecharts, each run against the real facade,
 * then a coverage report that fails the run when a state or transition was not exercised.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clientMachine } from "../../machines/client.machine.js";
import { operationMachine } from "../../machines/operation.machine.js";
import {
  OPERATION_VARIANTS,
  operationPaths,
  runOperationPath,
  type OperationPath,
} from "./operation-model.js";
import { CLIENT_VARIANTS, clientPaths, type ClientPath } from "./client-model.js";
import { runClientPath } from "./client-runner.js";
import { inboundStreamMachine } from "../../machines/inbound-stream.machine.js";
import { outboundStreamMachine } from "../../machines/outbound-stream.machine.js";
import { inboundStreamPaths, outboundStreamPaths, runStreamPath, type StreamPath } from "./stream-model.js";
import { onProtobuf } from "./protobuf.js";
import {
  buildReport,
  CoverageRecorder,
  inventory,
  summaryTable,
  writeReport,
  type AllowListEntry,
} from "./coverage.js";

const recorder = new CoverageRecorder();
let pathCount = 0;

const CLIENT_ALLOW_LIST: readonly AllowListEntry[] = [];

const clientPathList: ClientPath[] = (() => {
  const seen = new Set<string>();
  return CLIENT_VARIANTS.flatMap((variant) => clientPaths(variant, seen));
})();

const operationPathList: OperationPath[] = (() => {
  const seen = new Set<string>();
  return OPERATION_VARIANTS.flatMap((variant) => operationPaths(variant, seen));
})();
const OPERATION_ALLOW_LIST: readonly AllowListEntry[] = [];

const streamPathList: StreamPath[] = [
  ...outboundStreamPaths(new Set<string>()),
  ...inboundStreamPaths(new Set<string>()),
];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("client machine paths, run against the facade", () => {
  for (const path of clientPathList) {
    it(path.name, async () => {
      await runClientPath(path, { recorder });
      pathCount++;
    });
  }
});

describe("operation machine paths, run against the facade", () => {
  for (const path of operationPathList) {
    it(path.name, async () => {
      await runOperationPath(path, recorder);
      pathCount++;
    });
  }
});

describe("stream machine paths, run against the runtime", () => {
  for (const path of streamPathList) {
    it(path.name, async () => {
      await runStreamPath(path, recorder);
      pathCount++;
    });
  }
});

// The same paths with the client on the protobuf subprotocols and a scripted service speaking them.
describe("client machine paths on protobuf, run against the facade", () => {
  for (const path of clientPathList.map(onProtobuf)) {
    it(path.name, async () => {
      await runClientPath(path, { recorder });
      pathCount++;
    });
  }
});

describe("operation machine paths on protobuf, run against the facade", () => {
  for (const path of operationPathList) {
    it(`${path.name} (protobuf.reliable)`, async () => {
      await runOperationPath(path, recorder, "protobuf");
      pathCount++;
    });
  }
});

describe("model coverage", () => {
  it("every state and transition of every machine is exercised", () => {
    const reports = [
      buildReport(inventory(clientMachine), recorder, CLIENT_ALLOW_LIST),
      buildReport(inventory(operationMachine), recorder, OPERATION_ALLOW_LIST),
      buildReport(inventory(outboundStreamMachine), recorder, []),
      buildReport(inventory(inboundStreamMachine), recorder, []),
    ];
    const dir = writeReport(reports, pathCount, process.cwd());
    console.log(`${summaryTable(reports)}\n(report: ${dir}/model-coverage.md)`);
    const problems = reports.flatMap((r) => [
      ...r.states.missing.map((s) => `${r.machine}: state ${s}`),
      ...r.transitions.missing.map((t) => `${r.machine}: transition ${t}`),
      ...r.staleAllowList.map((t) => `${r.machine}: allow-listed but covered or unknown: ${t}`),
    ]);
    expect(problems).toEqual([]);
  });
});

afterAll(() => undefined);
