/**
 * GitLab writes times three ways: ISO-8601 (`2013-12-03T17:23:34Z`, REST and most webhooks), `2016-08-12 15:23:28
 * UTC` (pipeline, note and older webhooks) and `2021-04-28 21:50:00 +0200` (deployment webhooks). Each is turned
 * into ISO-8601 before Date.parse sees it: the two others are not ECMAScript's date format, so reading them is
 * left to each engine's goodwill.
 */
const SPACED = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*(UTC|Z|[+-]\d{2}:?\d{2})?$/;

/** Milliseconds since the epoch, or NaN for text that is none of GitLab's forms. */
export function gitlabTime(text: string): number {
  const m = SPACED.exec(text.trim());
  if (!m) return Date.parse(text);
  const zone = m[3] === undefined || m[3] === 'UTC' || m[3] === 'Z' ? 'Z' : m[3].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  return Date.parse(`${m[1]}T${m[2]}${zone}`);
}

export function gitlabIso(text: string): string | null {
  const ms = gitlabTime(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
