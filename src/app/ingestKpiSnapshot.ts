import { AuthError, ConfigError } from '../domain/errors';
import { parseKpiSnapshot } from '../domain/kpiSnapshot';
import { secureEquals } from '../domain/secureCompare';
import type { Calendar } from '../platform/timeZone';
import type { Locked } from '../platform/lock';
import type { Table } from '../sheets/table';
import type { KPI_TRACKING } from '../sheets/tables';
import { PROP } from './properties';

type KpiKey = (typeof KPI_TRACKING)['columns'][number]['key'];

export interface KpiIngestDeps {
  properties: Record<string, string>;
  now: Date;
  calendar: Calendar;
  kpiTable: Table<KpiKey>;
  locked: Locked;
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
 * whole before anything is written.
 */
export function ingestKpiSnapshot(deps: KpiIngestDeps, request: { token: string | undefined; body: string }): KpiIngestAnswer {
  const expected = deps.properties[PROP.webhookTokenProgress];
  if (!expected) throw new ConfigError('the progress webhook has no token yet: run setup first');
  if (!request.token || !secureEquals(request.token, expected)) throw new AuthError('missing or wrong token');

  const snapshot = parseKpiSnapshot(request.body);
  const date = snapshot.date ?? deps.calendar.dateKey(deps.now);
  const result = deps.locked(() => deps.kpiTable.upsert([{ date: deps.calendar.midnight(date), ...snapshot.values }]));
  const answer: KpiIngestAnswer = {
    ok: true,
    date,
    action: result.created ? 'created' : result.updated ? 'updated' : 'unchanged',
  };
  if (snapshot.ignored.length > 0) answer.ignored = snapshot.ignored;
  return answer;
}
