/**
 * Fault injection: network loss, service closes, half-open links, expired sessions and a
 * service restart that refuses upgrades. Used by tests, the admin route and the CLI.
 */
import { CloseCode } from "../protocol/messages.js";
import type { EmulatorService } from "./service.js";
import type { EmulatorFaults } from "./types.js";

/** Whether `code` may be sent in a close frame (RFC 6455 §7.4). */
export function isSendableCloseCode(code: number): boolean {
  return (
    Number.isInteger(code) &&
    ((code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) ||
      (code >= 3000 && code <= 4999))
  );
}

export function createFaults(service: EmulatorService): EmulatorFaults {
  const log = service.log;
  return {
    drop(connectionId) {
      const connection = service.find(connectionId);
      if (connection === undefined) return false;
      log.info(`fault: drop ${connectionId}`);
      connection.drop();
      return true;
    },
    close(connectionId, code = CloseCode.Normal, reason = "Closed by the emulator (fault injection)") {
      if (!isSendableCloseCode(code)) throw new RangeError(`${code} is not a close code that can be sent`);
      const connection = service.find(connectionId);
      if (connection === undefined) return false;
      log.info(`fault: close ${connectionId} with ${code}`);
      // 1000 and 1008 end the session; any other code (1011: service restart) leaves it recoverable.
      const keep = code !== CloseCode.Normal && code !== CloseCode.PolicyViolation;
      connection.close(code, reason, keep);
      return true;
    },
    blackhole(connectionId) {
      const connection = service.find(connectionId);
      if (connection === undefined) return false;
      log.info(`fault: blackhole ${connectionId}`);
      connection.blackhole();
      return true;
    },
    expire(connectionId) {
      const connection = service.find(connectionId);
      if (connection === undefined) return false;
      log.info(`fault: expire ${connectionId}`);
      service.remove(connection, "expired (fault injection)");
      connection.destroySocket();
      return true;
    },
    refuseConnections(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError("ms must be a non-negative number");
      log.info(ms === 0 ? "fault: accepting connections again" : `fault: refusing upgrades for ${ms} ms`);
      service.refuseUntil = ms === 0 ? 0 : Date.now() + ms;
    },
  };
}
