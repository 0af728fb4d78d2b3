/**
 * The runner's handle on the emulator child process (`server.ts`).
 */
import { fork } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ChildMessage, ChildRequest, ChildStats } from "./ipc.js";
import { isChildMessage } from "./ipc.js";

const SERVER = fileURLToPath(new URL("./server.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

type Pending = (message: ChildMessage) => void;

/** Distributes `Omit` over a union, so each request variant keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

export class EmulatorChild {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private exited = false;

  private constructor(
    private readonly proc: ChildProcess,
    readonly port: number,
    readonly pid: number,
  ) {
    proc.on("message", (message: unknown) => {
      if (!isChildMessage(message) || message.type === "ready") return;
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message);
    });
    proc.once("exit", () => {
      this.exited = true;
      for (const resolve of this.pending.values()) {
        resolve({ type: "error", id: -1, message: "the emulator child exited" });
      }
      this.pending.clear();
    });
  }

  /**
   * Forks `server.ts` under `node --import tsx --expose-gc` and waits for its port; with `raw`,
   * the minimal raw `ws` broadcast server instead of the emulator. With
   * `cpuProfileDir`, the child also writes a V8 CPU profile there when it exits; `execArgv` adds
   * Node options (e.g. `--import` of an instrumentation module when investigating).
   */
  static async start(
    options: { cpuProfileDir?: string | undefined; execArgv?: readonly string[]; raw?: boolean } = {},
  ): Promise<EmulatorChild> {
    const execArgv = ["--import", "tsx", "--expose-gc", ...(options.execArgv ?? [])];
    const { cpuProfileDir } = options;
    if (cpuProfileDir !== undefined) {
      mkdirSync(cpuProfileDir, { recursive: true });
      execArgv.push("--cpu-prof", "--cpu-prof-dir", cpuProfileDir);
    }
    const child = fork(SERVER, options.raw === true ? ["raw"] : [], {
      cwd: REPO_ROOT,
      execArgv,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const ready = await new Promise<{ port: number; pid: number }>((resolve, reject) => {
      const onMessage = (message: unknown): void => {
        if (isChildMessage(message) && message.type === "ready") {
          cleanup();
          resolve({ port: message.port, pid: message.pid });
        }
      };
      const onExit = (code: number | null): void => {
        cleanup();
        reject(new Error(`the emulator child exited before it was ready (code ${String(code)})`));
      };
      const cleanup = (): void => {
        child.off("message", onMessage);
        child.off("exit", onExit);
      };
      child.on("message", onMessage);
      child.on("exit", onExit);
    });
    return new EmulatorChild(child, ready.port, ready.pid);
  }

  private request(request: WithoutId<ChildRequest>): Promise<ChildMessage> {
    if (this.exited) return Promise.reject(new Error("the emulator child has exited"));
    const id = this.nextId++;
    return new Promise<ChildMessage>((resolve) => {
      this.pending.set(id, resolve);
      this.proc.send({ ...request, id });
    });
  }

  /** Client access URLs for `hub`, one per userId. */
  async urls(hub: string, userIds: readonly string[], roles: readonly string[] = []): Promise<string[]> {
    const reply = await this.request({ op: "urls", hub, userIds, roles });
    if (reply.type !== "urls") throw new Error(`urls failed: ${describe(reply)}`);
    return [...reply.urls];
  }

  /** CPU, memory (after two full GCs when `gc`) and connection count of the child. */
  async stats(gc = false): Promise<ChildStats> {
    const reply = await this.request({ op: "stats", gc });
    if (reply.type !== "stats") throw new Error(`stats failed: ${describe(reply)}`);
    return reply.stats;
  }

  /** Closes the emulator and waits for the child to exit (so a CPU profile is complete). */
  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.proc.once("exit", () => resolve()));
    const timer = setTimeout(() => this.proc.kill("SIGKILL"), 10_000);
    await this.request({ op: "close" }).catch(() => undefined);
    await exited;
    clearTimeout(timer);
  }

  /** Last resort (runner failure). */
  kill(): void {
    if (!this.exited) this.proc.kill("SIGKILL");
  }
}

function describe(message: ChildMessage): string {
  return message.type === "error" ? message.message : `unexpected reply '${message.type}'`;
}
