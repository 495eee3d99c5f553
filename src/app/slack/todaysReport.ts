import type { ProgressDraft } from '../../domain/chat/modals';
import type { Calendar } from '../../platform/timeZone';
import type { Table } from '../../sheets/table';

/**
 * The day's report of a Slack user (one read of Daily Reports), to fill the progress form with. `today` is the
 * member's own day (their time zone); `columns` the team's own questions' columns, whose answers fill those fields.
 */
export function todaysReport(
  table: Table<string>,
  calendar: Calendar,
  slackUserId: string,
  today: string,
  columns: readonly string[] = [],
): ProgressDraft | null {
  const row = table
    .read()
    .rows.find(
      (r) =>
        r.record['date'] instanceof Date && calendar.dateKey(r.record['date']) === today && String(r.record['slackUserId'] ?? '') === slackUserId,
    );
  if (!row) return null;
  const t = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const mood = row.record['mood'];
  return {
    done: t(row.record['done']),
    planned: t(row.record['planned']),
    blockers: t(row.record['blockers']),
    mood: typeof mood === 'number' ? mood : null,
    answers: Object.fromEntries(columns.map((c) => [c, t(row.record[c])])),
  };
}
