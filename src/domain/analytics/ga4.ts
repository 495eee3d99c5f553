import { addDays } from '../kpi/days';

/**
 * The two GA4 Data API reports (`properties/{id}:runReport`, v1beta) and how their answers become `Analytics`
 * rows. Plain data: the use case sends the requests (UrlFetchApp with the script's OAuth token).
 */
export const GA4_API = 'https://analyticsdata.googleapis.com/v1beta';

export const DEFAULT_KEY_EVENTS = ['course_completion', 'purchase', 'sign_up'];

/** GA4's own numbers for "still processing": data can change for 24–48 hours (GA4 ▸ Data freshness). */
export const PROCESSING_DAYS = 2;

export function runReportUrl(propertyId: string): string {
  return `${GA4_API}/properties/${propertyId}:runReport`;
}

/** Daily usage, last 7 days, split by new vs returning users. */
export function usageReport(): Record<string, unknown> {
  return {
    dateRanges: [{ startDate: '7daysAgo', endDate: 'today' }],
    dimensions: [{ name: 'date' }, { name: 'newVsReturning' }],
    metrics: [{ name: 'activeUsers' }, { name: 'engagementRate' }, { name: 'averageSessionDuration' }, { name: 'bounceRate' }],
    orderBys: [{ dimension: { dimensionName: 'date' } }],
    limit: '1000',
    returnPropertyQuota: true,
  };
}

/** The configured key events per day, last 30 days (GA4 renamed conversions to key events: `keyEvents`). */
export function keyEventReport(events: readonly string[]): Record<string, unknown> {
  return {
    dateRanges: [{ startDate: '30daysAgo', endDate: 'today' }],
    dimensions: [{ name: 'date' }, { name: 'eventName' }],
    metrics: [{ name: 'eventCount' }, { name: 'keyEvents' }],
    dimensionFilter: { filter: { fieldName: 'eventName', inListFilter: { values: [...events], caseSensitive: true } } },
    orderBys: [{ dimension: { dimensionName: 'date' } }],
    limit: '10000',
    returnPropertyQuota: true,
  };
}

export interface AnalyticsRow {
  day: string;
  /** `newVsReturning:new`, `newVsReturning:returning`, `eventName:purchase`… */
  dimension: string;
  activeUsers?: number | null;
  engagementRate?: number | null;
  averageSessionDuration?: number | null;
  bounceRate?: number | null;
  eventCount?: number | null;
  keyEvents?: number | null;
  status: 'processing' | 'final';
}

interface ReportAnswer {
  dimensionHeaders?: Array<{ name?: string }>;
  metricHeaders?: Array<{ name?: string }>;
  rows?: Array<{ dimensionValues?: Array<{ value?: string }>; metricValues?: Array<{ value?: string }> }>;
  propertyQuota?: unknown;
}

/** GA4 dates are `YYYYMMDD` in the property's time zone. */
function dayOf(value: string | undefined): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/**
 * The rows of a report, by header name (GA4 answers in the order asked, but reading by name costs nothing and
 * survives a reordered request). A report without rows gives none: a quiet property is not an error.
 */
export function reportRows(answer: unknown, dimension: 'newVsReturning' | 'eventName', today: string): AnalyticsRow[] {
  const report = (answer ?? {}) as ReportAnswer;
  const dims = (report.dimensionHeaders ?? []).map((h) => h.name ?? '');
  const mets = (report.metricHeaders ?? []).map((h) => h.name ?? '');
  const processingFrom = addDays(today, -PROCESSING_DAYS + 1);
  const out: AnalyticsRow[] = [];
  for (const row of report.rows ?? []) {
    const dim = (name: string) => row.dimensionValues?.[dims.indexOf(name)]?.value;
    const met = (name: string): number | null => {
      const i = mets.indexOf(name);
      if (i < 0) return null;
      const n = Number(row.metricValues?.[i]?.value);
      return Number.isFinite(n) ? n : null;
    };
    const day = dayOf(dim('date'));
    const value = dim(dimension);
    if (!day || value === undefined || value === '') continue;
    const base = { day, dimension: `${dimension}:${value}`, status: day >= processingFrom ? ('processing' as const) : ('final' as const) };
    out.push(
      dimension === 'newVsReturning'
        ? {
            ...base,
            activeUsers: met('activeUsers'),
            engagementRate: roundTo(met('engagementRate'), 4),
            averageSessionDuration: roundTo(met('averageSessionDuration'), 1),
            bounceRate: roundTo(met('bounceRate'), 4),
          }
        : { ...base, eventCount: met('eventCount'), keyEvents: met('keyEvents') },
    );
  }
  return out;
}

function roundTo(v: number | null, digits: number): number | null {
  return v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits;
}

/** The part of GA4's PropertyQuota that decides whether to ask again. */
export interface QuotaSnapshot {
  at: string;
  tokensPerDayRemaining: number | null;
  tokensPerHourRemaining: number | null;
}

export function quotaOf(answer: unknown, at: Date): QuotaSnapshot | null {
  const q = (answer as { propertyQuota?: Record<string, { remaining?: unknown } | undefined> } | null)?.propertyQuota;
  if (!q) return null;
  const remaining = (name: string) => (typeof q[name]?.remaining === 'number' ? (q[name]?.remaining as number) : null);
  return { at: at.toISOString(), tokensPerDayRemaining: remaining('tokensPerDay'), tokensPerHourRemaining: remaining('tokensPerHour') };
}

/** The lower of two snapshots' remaining tokens (two reports, one run). */
export function lowerQuota(a: QuotaSnapshot | null, b: QuotaSnapshot | null): QuotaSnapshot | null {
  if (!a || !b) return a ?? b;
  const min = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : Math.min(x, y));
  return {
    at: a.at,
    tokensPerDayRemaining: min(a.tokensPerDayRemaining, b.tokensPerDayRemaining),
    tokensPerHourRemaining: min(a.tokensPerHourRemaining, b.tokensPerHourRemaining),
  };
}

/** A run costs a few tokens a report; below this many left, it waits rather than fail half-way. */
export const QUOTA_RESERVE = 50;

/**
 * Why not to ask now, or null: the hourly tokens refill each hour, the daily ones each day. A 429 says how long
 * to wait by itself (`retryAfter`).
 */
export function quotaWait(quota: QuotaSnapshot | null, now: Date): string | null {
  if (!quota) return null;
  const age = now.getTime() - Date.parse(quota.at);
  if (quota.tokensPerHourRemaining !== null && quota.tokensPerHourRemaining < QUOTA_RESERVE && age < 3_600_000)
    return `GA4 property quota: ${quota.tokensPerHourRemaining} tokens left this hour`;
  if (quota.tokensPerDayRemaining !== null && quota.tokensPerDayRemaining < QUOTA_RESERVE && age < 86_400_000)
    return `GA4 property quota: ${quota.tokensPerDayRemaining} tokens left today`;
  return null;
}

/** A GA4 property id is a number (the one in Admin ▸ Property details), sometimes pasted as `properties/123`. */
export function propertyIdOf(text: string): string | null {
  const m = /^(?:properties\/)?(\d{4,15})$/.exec(text.trim());
  return m ? (m[1] as string) : null;
}
