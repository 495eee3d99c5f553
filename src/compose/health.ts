import { health, type HealthAnswer, type HealthSection } from '../app/health';
import { outboxHealth } from './chat';
import { parseCursors } from '../domain/github/syncPass';
import { PROP } from '../app/properties';
import { DISPATCHER, type JobRuns } from '../app/schedule';
import { JOBS } from '../jobs';
import { remainingEmailQuota } from '../platform/mail';
import { scriptProperties } from '../platform/properties';
import { boundWorkbook } from '../platform/spreadsheet';
import { scriptTriggers } from '../platform/triggers';
import { Table } from '../sheets/table';
import { ERRORS } from '../sheets/tables';
import { VERSION } from '../version';

const DAY_MS = 86_400_000;

/** The health answer's sections; each area adds its own (outbox depth, GitHub sync age…). */
function sections(now: Date): Record<string, HealthSection> {
  return {
    triggers: () => {
      const dispatchers = scriptTriggers()
        .list()
        .filter((t) => t.handler === DISPATCHER && t.timeDriven).length;
      if (dispatchers !== 1) throw new Error(`${dispatchers} dispatcher triggers installed: run "Install or refresh triggers"`);
      return { dispatcher: 'installed' };
    },
    errors: () => {
      const workbook = boundWorkbook();
      if (!workbook.grid(ERRORS.name)) return { last24h: 0 };
      const rows = new Table(ERRORS, workbook, { dateKey: (d) => d.toISOString() }).read().rows;
      const times = rows.map((r) => r.record.time).filter((t): t is Date => t instanceof Date);
      const recent = times.filter((t) => now.getTime() - t.getTime() < DAY_MS);
      const last = times.reduce<Date | null>((a, b) => (!a || b > a ? b : a), null);
      return { last24h: recent.length, lastAt: last ? last.toISOString() : null };
    },
    quota: () => ({ emailRemainingToday: remainingEmailQuota() }),
    outbox: () => outboxHealth(),
    github: () => githubSyncAge(now),
  };
}

/**
 * How long ago each repository's last completed sync pass started, and whether one is under way or waiting for
 * GitHub's rate limit. More than 3 hours (three missed hourly runs) makes the answer unhealthy.
 */
function githubSyncAge(now: Date): Record<string, unknown> {
  const cursors = parseCursors(scriptProperties().all()[PROP.githubSyncState]);
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

export function healthJob(): HealthAnswer {
  const now = new Date();
  return health({
    version: VERSION,
    now,
    jobs: JOBS.map((j) => j.handler),
    jobRuns: () => {
      const text = scriptProperties().all()[PROP.jobRuns];
      return text ? (JSON.parse(text) as JobRuns) : {};
    },
    sections: sections(now),
  });
}
