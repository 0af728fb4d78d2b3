/**
 * What `wps connect` prints. Every line is first a typed record, then either JSON (`--json`, one
 * object per line for scripts) or a short timestamped text line for people; keeping the record
 * as the single source means the two forms never drift apart.
 */
import { redact } from "../../logging.js";

/** Payload data in printable form: binary becomes base64. */
export type PrintableData = unknown;

/** One printed line. */
export type OutputRecord =
  | { readonly type: "emulator"; readonly endpoint: string; readonly hub: string; readonly userId: string }
  /** `--inspect`: where the client reports to, and the page to open when the inspector runs here. */
  | { readonly type: "inspector"; readonly inspect: string; readonly page?: string | undefined }
  | { readonly type: "state"; readonly from: string; readonly to: string }
  | { readonly type: "connected"; readonly connectionId: string; readonly userId: string }
  | {
      readonly type: "disconnected";
      readonly connectionId?: string | undefined;
      readonly code?: number | undefined;
      readonly reason?: string | undefined;
    }
  | {
      readonly type: "recovering";
      readonly connectionId: string;
      readonly code?: number | undefined;
      readonly reason?: string | undefined;
    }
  | { readonly type: "recovered"; readonly connectionId: string }
  | { readonly type: "stopped" }
  | {
      readonly type: "group-message";
      readonly group: string;
      readonly fromUserId: string;
      readonly dataType: string;
      readonly data: PrintableData;
      readonly sequenceId?: number | undefined;
    }
  | {
      readonly type: "server-message";
      readonly dataType: string;
      readonly data: PrintableData;
      readonly sequenceId?: number | undefined;
    }
  | { readonly type: "rejoin-group-failed"; readonly group: string; readonly message: string }
  /** What this client's `stream …` commands did. */
  | {
      readonly type: "stream";
      readonly action: "opened" | "written" | "ended" | "aborted";
      readonly streamId: string;
      readonly group?: string | undefined;
      /** The fragment's number, for `written`. */
      readonly n?: number | undefined;
    }
  /** One fragment of an inbound stream. */
  | {
      readonly type: "stream-fragment";
      readonly group: string;
      readonly streamId: string;
      readonly fromUserId: string;
      readonly n: number;
      readonly dataType: string;
      readonly data: PrintableData;
    }
  /** How an inbound stream ended: completed, or its error. */
  | {
      readonly type: "stream-end";
      readonly group: string;
      readonly streamId: string;
      readonly error?: string | undefined;
      readonly message?: string | undefined;
      readonly userErrorCode?: string | undefined;
    }
  | {
      readonly type: "ok";
      readonly command: "join" | "leave" | "send" | "event";
      readonly target: string;
      readonly ackId?: number | undefined;
      readonly isDuplicated: boolean;
    }
  | {
      readonly type: "ok";
      readonly command: "invoke";
      readonly target: string;
      readonly invocationId: string;
      readonly dataType?: string | undefined;
      readonly data?: PrintableData;
    }
  | {
      readonly type: "error";
      readonly command?: string | undefined;
      readonly target?: string | undefined;
      /** The service's error name (`Forbidden`, `Duplicate`, …) or the failure kind. */
      readonly error?: string | undefined;
      readonly message: string;
    }
  | {
      readonly type: "info";
      readonly state: string;
      readonly connectionId?: string | undefined;
      readonly userId?: string | undefined;
      readonly groups: readonly string[];
    }
  | { readonly type: "help"; readonly text: string };

/** Turns message data into something JSON and text can show: ArrayBuffer/bytes as base64. */
export function printableData(data: unknown): PrintableData {
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("base64");
  if (ArrayBuffer.isView(data))
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64");
  return data;
}

function timestamp(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

function showData(data: PrintableData): string {
  return typeof data === "string" ? data : JSON.stringify(data);
}

function closeDetail(code: number | undefined, reason: string | undefined): string {
  const parts = [code === undefined ? undefined : `code ${code}`, reason ? reason : undefined];
  const detail = parts.filter((part) => part !== undefined).join(", ");
  return detail === "" ? "" : ` (${detail})`;
}

/** The text form of a record, without the timestamp. */
export function formatText(record: OutputRecord): string {
  switch (record.type) {
    case "emulator":
      return `embedded emulator on ${record.endpoint}, hub '${record.hub}', user '${record.userId}'`;
    case "inspector":
      return record.page === undefined
        ? `inspector  reporting to ${record.inspect}`
        : `inspector  ${record.page} (the client reports to ${record.inspect})`;
    case "state":
      return `state      ${record.from} → ${record.to}`;
    case "connected":
      return `connected  ${record.connectionId} as ${record.userId || "(anonymous)"}`;
    case "disconnected":
      return `disconnected${closeDetail(record.code, record.reason)}`;
    case "recovering":
      return `recovering ${record.connectionId}${closeDetail(record.code, record.reason)}`;
    case "recovered":
      return `recovered  ${record.connectionId}: nothing lost`;
    case "stopped":
      return "stopped";
    case "group-message": {
      const from = record.fromUserId || "(server)";
      return `← [${record.group}] ${from}: ${showData(record.data)}`;
    }
    case "server-message":
      return `← (server): ${showData(record.data)}`;
    case "rejoin-group-failed":
      return `✗ could not rejoin ${record.group}: ${record.message}`;
    case "stream":
      return record.action === "opened"
        ? `✓ stream ${record.streamId} opened to [${record.group ?? ""}]`
        : `✓ stream ${record.streamId}${record.n === undefined ? "" : ` #${record.n}`} ${record.action}`;
    case "stream-fragment":
      return `⇠ [${record.group}] ${record.fromUserId || "(anonymous)"} stream ${record.streamId} #${record.n}: ${showData(record.data)}`;
    case "stream-end": {
      if (record.error === undefined) return `⇠ [${record.group}] stream ${record.streamId} completed`;
      const code = record.userErrorCode === undefined ? "" : ` (${record.userErrorCode})`;
      return `✗ [${record.group}] stream ${record.streamId} failed: ${record.error}${record.message ? `: ${record.message}` : ""}${code}`;
    }
    case "ok":
      if (record.command === "invoke") {
        const data = record.data === undefined ? "(no data)" : showData(record.data);
        return `✓ invoke ${record.target} → ${data}`;
      }
      return `✓ ${record.command} ${record.target}${record.ackId === undefined ? "" : ` (ackId ${record.ackId}${record.isDuplicated ? ", duplicate" : ""})`}`;
    case "error": {
      const what =
        record.command === undefined
          ? ""
          : `${record.command}${record.target === undefined ? "" : ` ${record.target}`} failed: `;
      return `✗ ${what}${record.message}`;
    }
    case "info":
      return [
        `state ${record.state}`,
        `connection ${record.connectionId ?? "-"}`,
        `user ${record.userId || "-"}`,
        `groups ${record.groups.length === 0 ? "-" : record.groups.join(", ")}`,
      ].join("  ");
    case "help":
      return record.text;
  }
}

/** Formats a record as one line (text with a timestamp, or JSON), with tokens redacted. */
export function formatLine(record: OutputRecord, json: boolean, now = new Date()): string {
  if (json) return redact(JSON.stringify({ time: now.toISOString(), ...record }));
  if (record.type === "help") return record.text;
  return redact(`${timestamp(now)}  ${formatText(record)}`);
}
