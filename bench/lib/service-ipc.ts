/**
 * The IPC protocol between the client benchmark runner and its service child (`service.ts`).
 * Plain JSON objects over `child_process.fork`'s channel.
 */
import type { CpuSnapshot } from "../emulator/ipc.js";
import type { Attempt } from "./front.js";

/** The data types the service can publish. */
export type PublishDataType = "json" | "text" | "binary";

/** Runner → service. */
export type ServiceRequest =
  | {
      readonly id: number;
      readonly op: "urls";
      readonly hub: string;
      readonly userIds: readonly string[];
      /** Emulator only: URLs of the counting front (`front.ts`) instead of the emulator's port. */
      readonly front?: boolean;
    }
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
      /**
       * Emulator only: the payload's data type (default `json`, the stamped object): `text` is a
       * string of `bytes` characters, `binary` `bytes` bytes.
       */
      readonly dataType?: PublishDataType;
    }
  /**
   * Emulator only: drop every connected client of `hub`, refusing upgrades for `refuseMs` first
   * (HTTP 503 with `Retry-After`), or making the counting front reset every connection for
   * `unreachableMs` (no answer at all). The connections are dropped in their connection order
   * rotated by `rotate`.
   */
  | {
      readonly id: number;
      readonly op: "drop";
      readonly hub: string;
      readonly refuseMs: number;
      readonly rotate: number;
      readonly unreachableMs?: number;
    }
  /** Emulator only: the connection attempts the counting front saw since the last request. */
  | { readonly id: number; readonly op: "attempts" }
  | { readonly id: number; readonly op: "stats" }
  | { readonly id: number; readonly op: "close" };

/** Service → runner. Times are `performance.timeOrigin + performance.now()` in the service. */
export type ServiceReply =
  | { readonly type: "ready"; readonly port: number; readonly pid: number }
  | { readonly type: "urls"; readonly id: number; readonly urls: readonly string[] }
  | { readonly type: "done"; readonly id: number; readonly at: number }
  | {
      readonly type: "dropped";
      readonly id: number;
      /** When the drops were done. */
      readonly at: number;
      /** When the outage began: before the first drop, once the refusal or the reset was on. */
      readonly startedAt: number;
      /** When upgrades are accepted again (`startedAt` when there is no outage). */
      readonly backAt: number;
      readonly count: number;
    }
  | {
      readonly type: "attempts";
      readonly id: number;
      readonly attempts: readonly Attempt[];
      /** The service child's event-loop delay since the last request, ms. */
      readonly loopDelayMs: { readonly p99: number; readonly max: number };
    }
  | { readonly type: "stats"; readonly id: number; readonly cpu: CpuSnapshot }
  | { readonly type: "closed"; readonly id: number }
  | { readonly type: "error"; readonly id: number; readonly message: string };

const OPS = new Set(["urls", "publish", "drop", "attempts", "stats", "close"]);
const TYPES = new Set(["ready", "urls", "done", "dropped", "attempts", "stats", "closed", "error"]);

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
