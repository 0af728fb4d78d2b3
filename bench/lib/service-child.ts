/**
 * The runner's handle on its service child (`service.ts`): `minimal` (a bare `ws` Web PubSub
 * service) or `emulator` (the project's emulator, for faults).
 */
import { fork } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { CpuSnapshot } from "../emulator/ipc.js";
import type { Attempt } from "./front.js";
import type { PublishDataType, ServiceReply, ServiceRequest } from "./service-ipc.js";
import { isServiceReply } from "./service-ipc.js";

const SERVICE = fileURLToPath(new URL("./service.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;
export type ServiceKind = "minimal" | "emulator";

export class ServiceChild {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: ServiceReply) => void>();
  private exited = false;

  private constructor(
    private readonly proc: ChildProcess,
    readonly kind: ServiceKind,
    readonly port: number,
  ) {
    proc.on("message", (message: unknown) => {
      if (!isServiceReply(message) || message.type === "ready") return;
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message);
    });
    proc.once("exit", () => {
      this.exited = true;
      for (const resolve of this.pending.values())
        resolve({ type: "error", id: -1, message: "the service exited" });
      this.pending.clear();
    });
  }

  static async start(kind: ServiceKind): Promise<ServiceChild> {
    const child = fork(SERVICE, [kind], {
      cwd: REPO_ROOT,
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const port = await new Promise<number>((resolve, reject) => {
      const onMessage = (message: unknown): void => {
        if (isServiceReply(message) && message.type === "ready") {
          child.off("exit", onExit);
          child.off("message", onMessage);
          resolve(message.port);
        }
      };
      const onExit = (code: number | null): void =>
        reject(new Error(`the service child exited before it was ready (code ${String(code)})`));
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
    return new ServiceChild(child, kind, port);
  }

  private async request(request: WithoutId<ServiceRequest>): Promise<ServiceReply> {
    if (this.exited) throw new Error("the service child has exited");
    const id = this.nextId++;
    const reply = await new Promise<ServiceReply>((resolve) => {
      this.pending.set(id, resolve);
      this.proc.send({ ...request, id });
    });
    if (reply.type === "error") throw new Error(`service ${request.op}: ${reply.message}`);
    return reply;
  }

  /** Client access URLs, one per user; `front`: through the emulator's counting front. */
  async urls(hub: string, userIds: readonly string[], front = false): Promise<string[]> {
    const reply = await this.request({ op: "urls", hub, userIds, ...(front ? { front } : {}) });
    if (reply.type !== "urls") throw new Error(`unexpected reply ${reply.type}`);
    return [...reply.urls];
  }

  /** Publishes `count` stamped 1 KiB JSON messages to `group`; resolves with the time the last was sent. */
  async publish(
    hub: string,
    group: string,
    count: number,
    first: number,
    bytes = 1024,
    pace?: { readonly perTick: number; readonly intervalMs: number },
    dataType?: PublishDataType,
  ): Promise<number> {
    const reply = await this.request({
      op: "publish",
      hub,
      group,
      count,
      first,
      bytes,
      ...(pace ? { pace } : {}),
      ...(dataType ? { dataType } : {}),
    });
    if (reply.type !== "done") throw new Error(`unexpected reply ${reply.type}`);
    return reply.at;
  }

  /**
   * Emulator: drops every client connection of `hub` (and refuses upgrades for `refuseMs`), in
   * their connection order rotated by `rotate` (the client whose socket is dropped last tends to
   * hear of it first, and so to be back first: callers rotate it to keep the kinds even).
   * `unreachableMs`: instead of refusing, the counting front resets every connection that long.
   */
  async drop(
    hub: string,
    refuseMs: number,
    rotate = 0,
    unreachableMs = 0,
  ): Promise<{ at: number; startedAt: number; backAt: number; count: number }> {
    const reply = await this.request({
      op: "drop",
      hub,
      refuseMs,
      rotate,
      ...(unreachableMs > 0 ? { unreachableMs } : {}),
    });
    if (reply.type !== "dropped") throw new Error(`unexpected reply ${reply.type}`);
    return { at: reply.at, startedAt: reply.startedAt, backAt: reply.backAt, count: reply.count };
  }

  /** Emulator: the connection attempts its counting front saw since the last call, and the service's event-loop delay meanwhile. */
  async attempts(): Promise<{
    attempts: readonly Attempt[];
    loopDelayMs: { readonly p99: number; readonly max: number };
  }> {
    const reply = await this.request({ op: "attempts" });
    if (reply.type !== "attempts") throw new Error(`unexpected reply ${reply.type}`);
    return { attempts: reply.attempts, loopDelayMs: reply.loopDelayMs };
  }

  async cpu(): Promise<CpuSnapshot> {
    const reply = await this.request({ op: "stats" });
    if (reply.type !== "stats") throw new Error(`unexpected reply ${reply.type}`);
    return reply.cpu;
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.proc.once("exit", () => resolve()));
    const timer = setTimeout(() => this.proc.kill("SIGKILL"), 5000);
    await this.request({ op: "close" }).catch(() => undefined);
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (!this.exited) this.proc.kill("SIGKILL");
  }
}
