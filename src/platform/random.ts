/**
 * A webhook token: 64 hex characters from two random UUIDs (244 random bits). Utilities.getUuid is the
 * platform's random source; Math.random is not meant for secrets.
 */
export function newToken(): string {
  return (Utilities.getUuid() + Utilities.getUuid()).replace(/-/g, '').toLowerCase();
}

/** A short id that tells one recorded failure from another (8 hex characters of a random UUID). */
export function shortId(): string {
  return Utilities.getUuid().slice(0, 8);
}
