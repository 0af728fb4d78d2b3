/**
 * The service's rules for hub, group and event names, shared by every protocol, the handshake and
 * the REST data plane.
 */

/** Hub names the service accepts (the Microsoft emulator's rule). */
const HUB_NAME = /^[A-Za-z][A-Za-z0-9_`,.[\]]{0,127}$/;

/** Longest group name accepted. */
export const MAX_GROUP_LENGTH = 1024;

const EVENT_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;

/** Why a hub name is refused, or `undefined` when it is fine. */
export function checkHubName(hub: string): string | undefined {
  return HUB_NAME.test(hub)
    ? undefined
    : "hub names start with a letter and contain only letters, digits and _ ` , . [ ] (at most 128)";
}

/** Why a group name is refused, or `undefined` when it is fine. */
export function checkGroupName(group: unknown): string | undefined {
  if (typeof group !== "string" || group.length === 0) return "'group' must be a non-empty string";
  if (group.length > MAX_GROUP_LENGTH) return `'group' is longer than ${MAX_GROUP_LENGTH} characters`;
  if (group.trim().length === 0) return "'group' must not be blank";
  return undefined;
}

/** Why an event name is refused, or `undefined` when it is fine. */
export function checkEventName(event: unknown): string | undefined {
  if (typeof event !== "string" || !EVENT_NAME.test(event)) {
    return "'event' must start with a letter and contain only letters, digits, '_', '.', '-' (at most 128)";
  }
  return undefined;
}
