/**
 * The IPC protocol between the benchmark runner (`run.ts`) and the emulator child (`server.ts`).
 * Plain JSON objects over `child_process.fork`'s channel.
 */

/** Memory figures of the child, in bytes (`process.memoryUsage()`). */
export interface MemorySnapshot {
  readonly rss: number;
  readonly heapTotal: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

/** CPU time of the child so far, in microseconds (`process.cpuUsage()`). */
export interface CpuSnapshot {
  readonly user: number;
  readonly system: number;
}

export interface ChildStats {
  readonly cpu: CpuSnapshot;
  readonly memory: MemorySnapshot;
  /** Logical connections the emulator holds (all hubs). */
  readonly connections: number;
}

/** Runner → child. */
export type ChildRequest =
  | {
      readonly id: number;
      readonly op: "urls";
      readonly hub: string;
      /** One URL per userId, in order. */
      readonly userIds: readonly string[];
      readonly roles: readonly string[];
    }
  | {
      readonly id: number;
      readonly op: "stats";
      /** Run `global.gc()` (twice) before reading memory. */
      readonly gc: boolean;
    }
  | { readonly id: number; readonly op: "close" };

/** Child → runner. */
export type ChildMessage =
  | { readonly type: "ready"; readonly port: number; readonly pid: number }
  | { readonly type: "urls"; readonly id: number; readonly urls: readonly string[] }
  | { readonly type: "stats"; readonly id: number; readonly stats: ChildStats }
  | { readonly type: "closed"; readonly id: number }
  | { readonly type: "error"; readonly id: number; readonly message: string };

/** Narrows an IPC payload to a {@link ChildMessage} (shape check on the discriminant only). */
export function isChildMessage(value: unknown): value is ChildMessage {
  if (typeof value !== "object" || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === "ready" || type === "urls" || type === "stats" || type === "closed" || type === "error";
}

/** Narrows an IPC payload to a {@link ChildRequest}. */
export function isChildRequest(value: unknown): value is ChildRequest {
  if (typeof value !== "object" || value === null) return false;
  const { id, op } = value as { id?: unknown; op?: unknown };
  return typeof id === "number" && (op === "urls" || op === "stats" || op === "close");
}
