import { AuthError, ConfigError } from '../domain/errors';
import type { Thresholds } from '../domain/kpi/alerts';
import { addDays } from '../domain/kpi/days';
import { KPI_FIELDS, type KpiValues } from '../domain/kpi/fields';
import { parseKpiSnapshot } from '../domain/kpiSnapshot';
import { secureEquals } from '../domain/secureCompare';
import type { Calendar } from '../platform/timeZone';
import type { Locked } from '../platform/lock';
import type { Table } from '../sheets/table';
import type { KPI_TRACKING } from '../sheets/tables';
import { raiseAlerts, type AlertDeps, type AlertRun } from './alerts';
import { dayOf, numberOf } from './kpiFacts';
import { keepKpiRowsInDateOrder } from './kpiRowOrder';
import { PROP } from './properties';

type KpiColumn = (typeof KPI_TRACKING)['columns'][number]['key'];

export interface KpiIngestDeps {
  properties: Record<string, string>;
  now: Date;
  calendar: Calendar;
  kpiTable: Table<KpiColumn>;
  locked: Locked;
  /** Puts `KPI Tracking`'s rows back in date order (rows 2…lastRow): the daily job's port, for a backfilled day. */
  sortByDate(lastRow: number): void;
  /**
   * Notes that today's row changed, for `raiseKpiAlerts` on the next dispatcher tick. The check needs the
   * thresholds, which live in the Settings sheet: reading it here would cost the webhook a Spreadsheet call
   * whenever the settings cache is cold, while a Script Property costs none, and the alert goes out through the
   * outbox — on that same tick — either way.
   */
  alertsDue(day: string): void;
}

export type KpiIngestAnswer = {
  ok: true;
  date: string;
  action: 'created' | 'updated' | 'unchanged';
  ignored?: string[];
};

/**
 * `POST …/exec?source=progress&token=…`: a KPI snapshot becomes the day's `KPI Tracking` row (added, or updated
 * when the day already has one). The token is checked before the body is even parsed, and the body is checked
 * whole before anything is written. A past day takes its place by date at once; a day after tomorrow is refused,
 * since it would stay the "latest" row for good.
 */
export function ingestKpiSnapshot(deps: KpiIngestDeps, request: { token: string | undefined; body: string }): KpiIngestAnswer {
  const expected = deps.properties[PROP.webhookTokenProgress];
  if (!expected) throw new ConfigError('the progress webhook has no token yet: run setup first');
  if (!request.token || !secureEquals(request.token, expected)) throw new AuthError('missing or wrong token');

  const today = deps.calendar.dateKey(deps.now);
  // Tomorrow, not today: a sender a few hours ahead of the sheet's time zone may already be on the next day.
  const snapshot = parseKpiSnapshot(request.body, { latestDate: addDays(today, 1) });
  const date = snapshot.date ?? today;
  const result = deps.locked(() => {
    // The table reads its sheet once: this view and the upsert share that one read.
    const before = deps.kpiTable.read();
    const written = deps.kpiTable.upsert([{ date: deps.calendar.midnight(date), ...snapshot.values }]);
    const days = before.rows.map((r) => dayOf(r.record.date, deps.calendar.dateKey));
    keepKpiRowsInDateOrder({ days, nextRow: before.nextRow }, date, written.created > 0, deps.sortByDate);
    // Alerts are for today, as the daily job raises them: a backfilled day is history, not news.
    if (date === today && written.created + written.updated > 0) deps.alertsDue(date);
    return written;
  });
  const answer: KpiIngestAnswer = {
    ok: true,
    date,
    action: result.created ? 'created' : result.updated ? 'updated' : 'unchanged',
  };
  if (snapshot.ignored.length > 0) answer.ignored = snapshot.ignored;
  return answer;
}

export interface SnapshotAlertDeps {
  /** The day the webhook noted (`alertsDue`), or nothing: then this run reads no sheet. */
  pending: string | undefined;
  calendar: Calendar;
  kpiTable: Table<KpiColumn>;
  locked: Locked;
  /** Removes the note; called under the lock with the row read, so a snapshot arriving meanwhile notes it again. */
  clearPending(): void;
  thresholds(): Thresholds;
  managers(): readonly string[];
  channel(): string;
  alerts: Pick<AlertDeps, 'language' | 'outbox' | 'mailer' | 'fired'>;
}

/**
 * `raiseKpiAlerts`, on every dispatcher tick: the alerts of the day's row a snapshot just wrote, with the same
 * rules and the same record of what fired as the daily job, so the day's alert leaves when the snapshot arrives
 * and the 23:30 job repeats nothing. The row is read again rather than taken from the snapshot: a later snapshot,
 * or a person's edit, is what stands.
 */
export function raiseSnapshotAlerts(deps: SnapshotAlertDeps): AlertRun | null {
  const day = deps.pending;
  if (!day) return null;
  return deps.locked(() => {
    const rows = deps.kpiTable.read().rows.filter((r) => dayOf(r.record.date, deps.calendar.dateKey) === day);
    // The note goes first: a bad threshold is then reported once, not on every tick; the daily job checks again.
    deps.clearPending();
    const record = rows[rows.length - 1]?.record;
    if (!record) return null;
    const values = Object.fromEntries(KPI_FIELDS.map((f) => [f.key, numberOf(record[f.key])])) as KpiValues;
    return raiseAlerts({
      ...deps.alerts,
      day,
      values,
      reports: null,
      thresholds: deps.thresholds(),
      errorRate: null,
      channel: deps.channel(),
      managers: deps.managers(),
    });
  });
}
