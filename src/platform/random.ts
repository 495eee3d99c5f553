/**
 * A webhook token: 64 hex characters from two random UUIDs (244 random bits). Utilities.getUuid is the
 * platform's random source; Math.random is not meant for secrets.
 */
export function newToken(): string {
  return (Utilities.getUuid() + Utilities.getUuid()).replace(/-/g, '').toLowerCase();
}
