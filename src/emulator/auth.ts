/**
 * JWTs signed with the access key (HS256, protocol.md §6–7): verifying client access tokens and
 * REST bearer tokens, and minting client tokens exactly as `@azure/web-pubsub` 1.2's
 * `getClientAccessToken` does.
 */
import { SignJWT, errors as joseErrors, jwtVerify } from "jose";
import type { JWTPayload } from "jose";

/** What a verified client access token grants. */
export interface ClientClaims {
  /** `sub`, or `null` for an anonymous connection. */
  readonly userId: string | null;
  /** `role`, as a string or an array in the token. */
  readonly roles: readonly string[];
  /** `webpubsub.group`: groups joined on connect. */
  readonly groups: readonly string[];
  /** Every claim of the token as strings, for a `connect` event handler (the request's `claims`). */
  readonly claims: Readonly<Record<string, readonly string[]>>;
}

/** A token's claims as a `connect` event carries them: each claim a list of strings. */
function claimLists(payload: JWTPayload): Record<string, string[]> {
  const claims: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(payload)) {
    const values = Array.isArray(value) ? (value as unknown[]) : [value];
    claims[name] = values
      .filter((v) => v !== undefined && v !== null)
      .map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
  }
  return claims;
}

/** The outcome of a verification: the value, or a reason safe to show the caller. */
export type Verified<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** What an audience must look like: an http(s)/ws(s) URL on an acceptable host with this path. */
export interface AudienceRule {
  /** The path the token must name, e.g. `/client/hubs/chat` (compared as {@link pathKey} does). */
  readonly path: string;
  /** Another path the token may name instead (the admin route's root, `/admin`, names all of it). */
  readonly alsoPath?: string | undefined;
  /** Hosts (`host[:port]`) the audience may name: the request's Host and the emulator's own. */
  readonly hosts: readonly string[];
}

const encoder = new TextEncoder();

/** The HMAC key: the access key string as raw UTF-8 bytes, as the SDKs use it. */
export function hmacKey(accessKey: string): Uint8Array {
  return encoder.encode(accessKey);
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function splitHost(host: string): { name: string; port: string } {
  try {
    const url = new URL(`http://${host}`);
    return { name: url.hostname.toLowerCase(), port: url.port };
  } catch {
    return { name: host.toLowerCase(), port: "" };
  }
}

/** Host equality that treats the loopback names as one host (tokens minted for 127.0.0.1 work via localhost). */
export function sameHost(a: string, b: string): boolean {
  const x = splitHost(a);
  const y = splitHost(b);
  if (x.port !== y.port) return false;
  return x.name === y.name || (LOOPBACK.has(x.name) && LOOPBACK.has(y.name));
}

/** Path segments followed by a name: a group, a user or a connection id. */
const NAMED_BY = new Set(["groups", "users", "connections"]);

/**
 * A path as audiences are compared: split into percent-decoded segments (a trailing slash
 * ignored); names (the segment after `groups`, `users` or `connections`) keep their case, since
 * group and user names and connection ids are case-sensitive; everything else, the hub name
 * included (hub names are case-insensitive in the service), is lower-cased.
 */
export function pathKey(path: string): string {
  const segments = path.split("/");
  while (segments.length > 1 && segments.at(-1) === "") segments.pop();
  const key = segments.map((segment, index) => {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // Keep the raw segment: it simply will not match.
    }
    const previous = index > 0 ? (segments[index - 1] as string).toLowerCase() : "";
    return NAMED_BY.has(previous) ? decoded : decoded.toLowerCase();
  });
  // JSON keeps segments apart even when a decoded one contains a slash.
  return JSON.stringify(key);
}

/**
 * Whether an `aud` claim fits the rule. The query string is ignored, so both the SDK's form
 * (full request URL with `?api-version=…`) and the documented form (without it) pass, as does a
 * URL-decoded form; a trailing slash is ignored; case matters only in names (see {@link pathKey}).
 */
export function audienceMatches(aud: string, rule: AudienceRule, ruleKeys = audienceKeys(rule)): boolean {
  let url: URL;
  try {
    url = new URL(aud);
  } catch {
    return false;
  }
  if (!["http:", "https:", "ws:", "wss:"].includes(url.protocol)) return false;
  if (!rule.hosts.some((h) => sameHost(h, url.host))) return false;
  return ruleKeys.includes(pathKey(url.pathname));
}

function audienceKeys(rule: AudienceRule): string[] {
  return rule.alsoPath === undefined ? [pathKey(rule.path)] : [pathKey(rule.path), pathKey(rule.alsoPath)];
}

function stringOrArray(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
  return undefined;
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "the token has expired";
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.reason === "missing") {
    return `the token has no '${error.claim}' claim${error.claim === "exp" ? " (a token must expire)" : ""}`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return "the token signature is invalid (signed with another key?)";
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "the token must be signed with HS256";
  if (error instanceof joseErrors.JWTClaimValidationFailed)
    return `the token's '${error.claim}' claim is invalid`;
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) {
    return "the token is not a well-formed JWT";
  }
  return "the token could not be verified";
}

async function verify(
  token: string,
  key: Uint8Array,
  clockToleranceSeconds: number,
): Promise<Verified<JWTPayload>> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ["HS256"],
      clockTolerance: clockToleranceSeconds,
      // The service's validation requires an expiry (docs/emulator.md, "Tokens").
      requiredClaims: ["exp"],
    });
    return { ok: true, value: payload };
  } catch (error) {
    return { ok: false, reason: describeJoseError(error) };
  }
}

function checkAudience(payload: JWTPayload, rule: AudienceRule): string | undefined {
  const aud = payload.aud;
  const audiences = typeof aud === "string" ? [aud] : Array.isArray(aud) ? aud : [];
  if (audiences.length === 0) return "the token has no 'aud' claim";
  const keys = audienceKeys(rule);
  if (!audiences.some((a) => typeof a === "string" && audienceMatches(a, rule, keys))) {
    return `the token's audience does not match this endpoint (expected .../${rule.path.replace(/^\//, "")})`;
  }
  return undefined;
}

/** Verifies a client access token for one hub. */
export async function verifyClientToken(
  token: string,
  key: Uint8Array,
  rule: AudienceRule,
  clockToleranceSeconds = 0,
): Promise<Verified<ClientClaims>> {
  const verified = await verify(token, key, clockToleranceSeconds);
  if (!verified.ok) return verified;
  const payload = verified.value;
  const audienceProblem = checkAudience(payload, rule);
  if (audienceProblem !== undefined) return { ok: false, reason: audienceProblem };
  const roles = stringOrArray(payload["role"]);
  if (roles === undefined)
    return { ok: false, reason: "the 'role' claim must be a string or an array of strings" };
  const groups = stringOrArray(payload["webpubsub.group"]);
  if (groups === undefined) {
    return { ok: false, reason: "the 'webpubsub.group' claim must be a string or an array of strings" };
  }
  const sub = payload.sub;
  const userId = typeof sub === "string" && sub.length > 0 ? sub : null;
  return { ok: true, value: { userId, roles, groups, claims: claimLists(payload) } };
}

/** Verifies a REST bearer token whose audience is the request URL (with or without its query). */
export async function verifyServiceToken(
  token: string,
  key: Uint8Array,
  rule: AudienceRule,
  clockToleranceSeconds = 0,
): Promise<Verified<JWTPayload>> {
  const verified = await verify(token, key, clockToleranceSeconds);
  if (!verified.ok) return verified;
  const audienceProblem = checkAudience(verified.value, rule);
  return audienceProblem === undefined ? verified : { ok: false, reason: audienceProblem };
}

/** What goes into a client access token. */
export interface ClientTokenOptions {
  /** The audience: `{endpoint}/client/hubs/{hub}` with the http(s) endpoint. */
  readonly audience: string;
  readonly userId?: string | undefined;
  readonly roles?: readonly string[] | undefined;
  readonly groups?: readonly string[] | undefined;
  /** Default 60. */
  readonly expiresInMinutes?: number | undefined;
}

/**
 * Mints a client access token with the same header and claims as the official server SDK:
 * `{alg:"HS256",typ:"JWT"}`, `role` and `webpubsub.group` arrays (omitted when undefined),
 * `iat`, `exp` (default one hour), `aud`, and `sub` only for a non-empty userId.
 */
export async function mintClientToken(key: Uint8Array, options: ClientTokenOptions): Promise<string> {
  const claims: JWTPayload = {};
  if (options.roles !== undefined) claims["role"] = [...options.roles];
  if (options.groups !== undefined) claims["webpubsub.group"] = [...options.groups];
  const now = Math.floor(Date.now() / 1000);
  const minutes = options.expiresInMinutes ?? 60;
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setExpirationTime(now + Math.floor(minutes * 60))
    .setAudience(options.audience);
  if (options.userId) jwt.setSubject(options.userId);
  return jwt.sign(key);
}

/** Mints a REST bearer token as the official server SDK does (`aud` = the request URL, one hour). */
export async function mintServiceToken(
  key: Uint8Array,
  audience: string,
  expiresInMinutes = 60,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setExpirationTime(now + Math.floor(expiresInMinutes * 60))
    .setAudience(audience)
    .sign(key);
}
