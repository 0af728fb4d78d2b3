/**
 * The IPC protocol between the client benchmark runner and its service child (`service.ts`).
 * Plain JSON objects over `child_process.fork`'s channel.
 */
import type { CpuSnapshot } from "../emulator/ipc.js";

/** Runner → service. */
export type ServiceRequest =
  | { readonly id: number; readonly op: "urls"; readonly hub: string; readonly userIds: readonly string[] }
  | {
      readonly id: number;
      readonly op: "publish";
      readonly hub: string;
      readonly group: string;
      readonly count: number;
      /** Approximate JSON size of each payload. */
      readonly bytes: number;
      /** Number carried by the first message (`n`), counting up. */
      readonly first: number;
      /** Paced publishing: `perTick` messages every `intervalMs` (all at once when absent). */
      readonly pace?: { readonly perTick: number; readonly intervalMs: number };
    }
  /**
   * Emulator only: drop every connected client of `hub`, refusing upgrades for `refuseMs` first.
   * The connections are dropped in their connection order rotated by `rotate`.
   */
  | {
      readonly id: number;
      readonly op: "drop";
      readonly hub: string;
      readonly refuseMs: number;
      readonly rotate: number;
    }
  | { readonly id: number; readonly op: "stats" }
  | { readonly id: number; readonly op: "close" };

/** Service → runner. Times are `performance.timeOrigin + performance.now()` in the service. */
export type ServiceReply =
  | { readonly type: "ready"; readonly port: number; readonly pid: number }
  | { readonly type: "urls"; readonly id: number; readonly urls: readonly string[] }
  | { readonly type: "done"; readonly id: number; readonly at: number }
  | { readonly type: "dropped"; readonly id: number; readonly at: number; readonly count: number }
  | { readonly type: "stats"; readonly id: number; readonly cpu: CpuSnapshot }
  | { readonly type: "closed"; readonly id: number }
  | { readonly type: "error"; readonly id: number; readonly message: string };

const OPS = new Set(["urls", "publish", "drop", "stats", "close"]);
const TYPES = new Set(["ready", "urls", "done", "dropped", "stats", "closed", "error"]);

export function isServiceRequest(value: unknown): value is ServiceRequest {
  if (typeof value !== "object" || value === null) return false;
  const { id, op } = value as { id?: unknown; op?: unknown };
  return typeof id === "number" && typeof op === "string" && OPS.has(op);
}

export function isServiceReply(value: unknown): value is ServiceReply {
  if (typeof value !== "object" || value === null) return false;
  const { type } = value as { type?: unknown };
  return typeof type === "string" && TYPES.has(type);
}
