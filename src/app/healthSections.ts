import { parseCursors } from '../domain/github/syncPass';
import type { Table } from '../sheets/table';
import type { ERRORS } from '../sheets/tables';

const DAY_MS = 86_400_000;

/** The health answer's Errors section: how many failures in the last 24 hours, and when the last one was. */
export function errorsHealth(table: Table<(typeof ERRORS)['columns'][number]['key']> | null, now: Date): Record<string, unknown> {
  if (!table) return { last24h: 0 };
  const times = table
    .read()
    .rows.map((r) => r.record.time)
    .filter((t): t is Date => t instanceof Date);
  const recent = times.filter((t) => now.getTime() - t.getTime() < DAY_MS);
  const last = times.reduce<Date | null>((a, b) => (!a || b > a ? b : a), null);
  return { last24h: recent.length, lastAt: last ? last.toISOString() : null };
}

/**
 * How long ago each repository's last completed sync pass started, and whether one is under way or waiting for
 * GitHub's rate limit. More than 3 hours (three missed hourly runs) makes the answer unhealthy.
 */
export function githubSyncHealth(syncState: string | undefined, now: Date): Record<string, unknown> {
  const cursors = parseCursors(syncState);
  const repositories: Record<string, unknown> = {};
  const stale: string[] = [];
  for (const [repo, cursor] of Object.entries(cursors)) {
    if (repo === '*') continue;
    const minutes = cursor.since ? Math.round((now.getTime() - Date.parse(cursor.since)) / 60000) : null;
    repositories[repo] = { lastSync: cursor.since ?? null, ageMinutes: minutes, passUnderway: Boolean(cursor.pass) };
    if (minutes === null || minutes > 180) stale.push(repo);
  }
  const resumeAfter = cursors['*']?.resumeAfter ?? null;
  if (stale.length > 0) throw new Error(`GitHub not synced for over 3 hours: ${stale.join(', ')}`);
  return { repositories, rateLimitedUntil: resumeAfter };
}
