import type { ProgressDraft } from '../../domain/chat/modals';
import type { Calendar } from '../../platform/timeZone';
import type { Table } from '../../sheets/table';
import type { DAILY_REPORTS } from '../../sheets/tables';

type DailyReportsKey = (typeof DAILY_REPORTS)['columns'][number]['key'];

/** The day's report of a Slack user (one read of Daily Reports), to fill the progress form with. */
export function todaysReport(table: Table<DailyReportsKey>, calendar: Calendar, slackUserId: string, now: Date): ProgressDraft | null {
  const today = calendar.dateKey(now);
  const row = table
    .read()
    .rows.find(
      (r) => r.record.date instanceof Date && calendar.dateKey(r.record.date) === today && String(r.record.slackUserId ?? '') === slackUserId,
    );
  if (!row) return null;
  const t = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return {
    done: t(row.record.done),
    planned: t(row.record.planned),
    blockers: t(row.record.blockers),
    mood: typeof row.record.mood === 'number' ? row.record.mood : null,
  };
}
