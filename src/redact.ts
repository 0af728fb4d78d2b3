/**
 * Removing secrets from text that is about to be logged or printed: the one rule the client's
 * logger, the emulator's logger and the CLI share. It removes tokens, not prose: a value is
 * redacted because of where it stands (an `access_token=` parameter, a `"reconnectionToken"`
 * field, an `AccessKey=` in a connection string) or because of its shape (a JWT; a bearer
 * credential that contains digits or punctuation, or is long), never because a word follows
 * "Bearer" in a sentence.
 */

/** What a secret is replaced with. */
export const REDACTED = "[REDACTED]";

// `access_token=…`, `awps_reconnection_token=…` and friends in URLs and query strings.
const SECRET_PARAMETER =
  /(\b(?:access_token|awps_reconnection_token|reconnection_token|reconnectionToken|token)=)[^&#\s"']+/gi;
// `AccessKey=…` in a connection string (up to the `;` that ends it).
const ACCESS_KEY = /(\bAccessKey=)[^;\s"']+/gi;
// JSON fields that hold a secret: "reconnectionToken":"…", "accessKey":"…", …
const SECRET_FIELD =
  /("(?:reconnectionToken|reconnection_token|access_token|accessToken|accessKey|token)"\s*:\s*")[^"]*(")/gi;
// Any JWT (`eyJ` is the base64url of `{"`): header.payload.signature.
const JWT = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
// `Bearer <credential>`; whether the word after it is a credential is decided by its shape.
const BEARER = /(\bBearer\s+)([A-Za-z0-9\-_.~+/]*[A-Za-z0-9\-_~+/]=*)/gi;

/** A bearer credential has a digit or token punctuation in it, or is longer than a word. */
function isCredential(word: string): boolean {
  return word.length >= 20 || /[0-9._~+/=-]/.test(word);
}

/** Replaces every access token, reconnection token and access key in `text` with `[REDACTED]`. */
export function redact(text: string): string {
  return text
    .replace(JWT, REDACTED)
    .replace(SECRET_PARAMETER, `$1${REDACTED}`)
    .replace(ACCESS_KEY, `$1${REDACTED}`)
    .replace(SECRET_FIELD, `$1${REDACTED}$2`)
    .replace(BEARER, (match, prefix: string, word: string) =>
      isCredential(word) ? `${prefix}${REDACTED}` : match,
    );
}
