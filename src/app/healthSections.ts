import { parseCursors } from '../domain/github/syncPass';
import { parseGitLabCursors } from '../domain/gitlab/sync';
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

/** A forge's sync cursor per repository or project, as both syncs keep it (`*`: the token-wide rate-limit wait). */
type ForgeCursors = Readonly<Record<string, { since?: string; pass?: unknown; resumeAfter?: string }>>;

/**
 * How long ago each repository's (or project's) last completed sync pass started, and whether one is under way or
 * waiting for the rate limit. More than 3 hours (three missed hourly runs) makes the answer unhealthy.
 */
function forgeSyncHealth(forge: string, unit: string, cursors: ForgeCursors, now: Date): Record<string, unknown> {
  const entries: Record<string, unknown> = {};
  const stale: string[] = [];
  for (const [name, cursor] of Object.entries(cursors)) {
    if (name === '*') continue;
    const minutes = cursor.since ? Math.round((now.getTime() - Date.parse(cursor.since)) / 60000) : null;
    entries[name] = { lastSync: cursor.since ?? null, ageMinutes: minutes, passUnderway: Boolean(cursor.pass) };
    if (minutes === null || minutes > 180) stale.push(name);
  }
  const resumeAfter = cursors['*']?.resumeAfter ?? null;
  if (stale.length > 0) throw new Error(`${forge} not synced for over 3 hours: ${stale.join(', ')}`);
  return { [unit]: entries, rateLimitedUntil: resumeAfter };
}

export function githubSyncHealth(syncState: string | undefined, now: Date): Record<string, unknown> {
  return forgeSyncHealth('GitHub', 'repositories', parseCursors(syncState), now);
}

/** GitLab's: the same, per followed project; a team without GITLAB_PROJECTS is told so rather than shown empty. */
export function gitlabSyncHealth(syncState: string | undefined, projects: readonly string[], now: Date): Record<string, unknown> {
  if (projects.length === 0) return { configured: false, note: 'no GITLAB_PROJECTS in Settings' };
  const cursors = parseGitLabCursors(syncState);
  const followed = new Set(projects.map((p) => p.toLowerCase()));
  // Projects no longer followed keep their cursor (they may come back) but say nothing about health.
  const current = Object.fromEntries(Object.entries(cursors).filter(([name]) => name === '*' || followed.has(name)));
  const never = [...followed].filter((p) => !(p in current));
  // A project added since the last hourly run is waiting for its first sync, not failing.
  return { configured: true, ...forgeSyncHealth('GitLab', 'projects', current, now), waitingForFirstSync: never };
}
