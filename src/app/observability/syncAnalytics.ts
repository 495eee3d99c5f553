import { keyEventReport, lowerQuota, quotaOf, quotaWait, reportRows, runReportUrl, usageReport, type AnalyticsRow } from '../../domain/analytics/ga4';
import type { HttpClient, HttpRequest } from '../../platform/urlfetch';
import type { Locked } from '../../platform/lock';
import type { Calendar } from '../../platform/timeZone';
import type { ANALYTICS } from '../../sheets/observabilityTables';
import type { Table } from '../../sheets/table';
import { isSuccess, refusal, retryAfterOf, sendTogether, waitingUntil, type StatusStore } from './status';

type AnalyticsColumn = (typeof ANALYTICS)['columns'][number]['key'];

export interface SyncAnalyticsDeps {
  now: Date;
  calendar: Calendar;
  /** Settings ▸ GA4_PROPERTY_ID; null: GA4 is not configured. */
  propertyId: string | null;
  keyEvents: readonly string[];
  /** The script's own OAuth token (ScriptApp.getOAuthToken), asked for only when GA4 is configured. */
  oauthToken(): string;
  http: HttpClient;
  table(): Table<AnalyticsColumn>;
  locked: Locked;
  status: StatusStore;
}

export type SyncAnalyticsResult =
  | { service: 'GA4'; outcome: 'not configured'; message: string }
  | { service: 'GA4'; outcome: 'waiting'; message: string; until: string | null }
  | { service: 'GA4'; outcome: 'synced'; rows: number; created: number; updated: number; unchanged: number; quota: unknown };

/**
 * `syncAnalytics`: the last 7 days of usage and the last 30 days of key events from GA4 into `Analytics`. Both
 * reports go out together; rows are upserted by day and dimension, so the days GA4 is still processing are
 * rewritten by the next runs and a rerun adds nothing. A report without rows writes nothing and is no error.
 */
export function syncAnalytics(deps: SyncAnalyticsDeps): SyncAnalyticsResult {
  if (!deps.propertyId) {
    return { service: 'GA4', outcome: 'not configured', message: 'GA4 is not configured: set GA4_PROPERTY_ID in Settings' };
  }
  const status = deps.status.read();
  const previous = status.services.ga4;
  const until = waitingUntil(previous, deps.now);
  const quotaProblem = quotaWait(status.ga4Quota ?? null, deps.now);
  if (until || quotaProblem) {
    const message = until ? `GA4 asked to wait until ${until}` : (quotaProblem as string);
    return { service: 'GA4', outcome: 'waiting', message, until };
  }

  const token = deps.oauthToken();
  const request = (body: Record<string, unknown>): HttpRequest => ({
    url: runReportUrl(deps.propertyId as string),
    method: 'post',
    headers: { Authorization: `Bearer ${token}` },
    json: body,
  });
  const [usage, events] = sendTogether(deps.http, [request(usageReport()), request(keyEventReport(deps.keyEvents))], [token]);
  const answers = [usage, events];
  const failed = answers.find((a) => !a || !isSuccess(a));
  if (failed) {
    const retryAfter = retryAfterOf(failed, deps.now);
    const scope = 'text' in failed && /ACCESS_TOKEN_SCOPE_INSUFFICIENT|insufficient authentication scopes/i.test(failed.text);
    const message = scope
      ? 'GA4 Data API: the script lacks the analytics.readonly scope — deploy with GA4 enabled (README ▸ Google Analytics 4) and authorize again'
      : refusal('GA4 Data API', failed, [token]);
    deps.status.write({
      ...status,
      services: { ...status.services, ga4: { at: deps.now.toISOString(), outcome: 'failed', message, ...(retryAfter ? { retryAfter } : {}) } },
    });
    throw new Error(message);
  }
  const bodies = answers.map((a) => JSON.parse((a as { text: string }).text) as unknown);
  const today = deps.calendar.dateKey(deps.now);
  const rows: AnalyticsRow[] = [...reportRows(bodies[0], 'newVsReturning', today), ...reportRows(bodies[1], 'eventName', today)];
  const quota = lowerQuota(quotaOf(bodies[0], deps.now), quotaOf(bodies[1], deps.now));

  const written =
    rows.length === 0
      ? { created: 0, updated: 0, unchanged: 0 }
      : deps.locked(() => deps.table().upsert(rows.map((r) => toRecord(r, deps.calendar))));
  deps.status.write({
    ...status,
    services: { ...status.services, ga4: { at: deps.now.toISOString(), outcome: 'ok', message: `${rows.length} row(s) from GA4` } },
    ...(quota ? { ga4Quota: quota } : {}),
  });
  return { service: 'GA4', outcome: 'synced', rows: rows.length, ...written, quota };
}

function toRecord(r: AnalyticsRow, calendar: Calendar): Partial<Record<AnalyticsColumn, string | number | Date | null>> {
  const out: Partial<Record<AnalyticsColumn, string | number | Date | null>> = {
    date: calendar.midnight(r.day),
    dimension: r.dimension,
    status: r.status,
  };
  // Only the columns the row's report has: a usage row never blanks an event column and the other way round.
  for (const key of ['activeUsers', 'engagementRate', 'averageSessionDuration', 'bounceRate', 'eventCount', 'keyEvents'] as const) {
    if (r[key] !== undefined) out[key] = r[key] ?? null;
  }
  return out;
}
