import type { protos } from '@google-analytics/data';
import { header, json, shortId, type FakeRequest, type FakeResponse } from './types';
import { vendorMode, type VendorMode } from './vendorMode';

/**
 * The GA4 Data API's `properties/{id}:runReport` (v1beta) on analyticsdata.googleapis.com. Requests are checked as
 * Google checks them — an OAuth bearer token, a property the caller may read, the request's fields as the official
 * client's protos declare them (`IRunReportRequest`: a field GA4 does not know is a 400, as for the real API), date
 * ranges, and dimension and metric names from the API schema (the old `conversions` is refused for `keyEvents`).
 * Answers are `IRunReportResponse`s with deterministic data per day; the last two days grow between runs, as data
 * still processing does, and every answer spends tokens of the property's quota.
 */
type RunReportRequest = protos.google.analytics.data.v1beta.IRunReportRequest;
type RunReportResponse = protos.google.analytics.data.v1beta.IRunReportResponse;
type PropertyQuota = protos.google.analytics.data.v1beta.IPropertyQuota;
type MetricType = keyof typeof protos.google.analytics.data.v1beta.MetricType;

/** Every field of the request message: a field added or renamed in the protos breaks this table's type. */
const REQUEST_FIELDS: Record<keyof RunReportRequest, true> = {
  property: true,
  dimensions: true,
  metrics: true,
  dateRanges: true,
  dimensionFilter: true,
  metricFilter: true,
  offset: true,
  limit: true,
  metricAggregations: true,
  orderBys: true,
  currencyCode: true,
  cohortSpec: true,
  keepEmptyRows: true,
  returnPropertyQuota: true,
  comparisons: true,
};

/** The API schema's dimensions and metrics this fake knows (developers.google.com/analytics/devguides/reporting/data/v1/api-schema). */
const DIMENSIONS = new Set(['date', 'newVsReturning', 'eventName', 'country', 'deviceCategory', 'sessionDefaultChannelGroup']);
const METRICS: Record<string, MetricType> = {
  activeUsers: 'TYPE_INTEGER',
  newUsers: 'TYPE_INTEGER',
  sessions: 'TYPE_INTEGER',
  engagementRate: 'TYPE_FLOAT',
  averageSessionDuration: 'TYPE_SECONDS',
  bounceRate: 'TYPE_FLOAT',
  eventCount: 'TYPE_INTEGER',
  keyEvents: 'TYPE_INTEGER',
};

export interface Ga4Data {
  /** The property the token may read. */
  propertyId: string;
  /** The property's time zone (dates and "today" are in it). */
  timeZone: string;
  /** No traffic at all: reports have no rows. */
  empty: boolean;
  tokensPerDay: number;
  tokensPerHour: number;
  consumedToday: number;
  consumedThisHour: number;
  /** The hour the hourly tokens were last counted in (ms since the epoch, floored). */
  hour: number;
  mode: VendorMode;
  requests: Array<{ at: number; body: RunReportRequest }>;
}

export function freshGa4Data(): Ga4Data {
  return {
    propertyId: '123456789',
    timeZone: 'Asia/Tokyo',
    empty: false,
    tokensPerDay: 200_000,
    tokensPerHour: 40_000,
    consumedToday: 0,
    consumedThisHour: 0,
    hour: 0,
    mode: {},
    requests: [],
  };
}

export function isGa4Api(url: URL): boolean {
  return url.hostname === 'analyticsdata.googleapis.com';
}

function googleError(code: number, status: string, message: string, headers: Record<string, string> = {}): FakeResponse {
  return json(code, { error: { code, message, status } }, headers);
}

const invalid = (message: string) => googleError(400, 'INVALID_ARGUMENT', message);

const DAY_MS = 86_400_000;

/** `yyyy-MM-dd` of an instant in a zone. */
function dayIn(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** GA4's date forms: `yyyy-MM-dd`, `today`, `yesterday`, `NdaysAgo`. */
function resolveDate(text: unknown, today: string): string | null {
  if (typeof text !== 'string') return null;
  if (text === 'today') return today;
  if (text === 'yesterday') return addDays(today, -1);
  const ago = /^(\d+)daysAgo$/.exec(text);
  if (ago) return addDays(today, -Number(ago[1]));
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null;
}

function seed(text: string): number {
  return parseInt(shortId(text, 6), 36) % 1000;
}

/** How much of a day GA4 has processed by now: the day itself and the next are still coming in. */
function processed(day: string, today: string): number {
  if (day === today) return 0.55;
  if (day === addDays(today, -1)) return 0.85;
  return 1;
}

function usage(day: string, who: string, today: string): Record<string, number> {
  const s = seed(`${day}|${who}`);
  const f = processed(day, today);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const base = (who === 'new' ? 60 : 180) * (weekday === 0 || weekday === 6 ? 0.6 : 1);
  const activeUsers = Math.round((base + (s % 40)) * f);
  const sessions = Math.round(activeUsers * 1.4);
  return {
    activeUsers,
    newUsers: who === 'new' ? activeUsers : 0,
    sessions,
    engagementRate: (who === 'new' ? 0.48 : 0.66) + (s % 10) / 100,
    averageSessionDuration: (who === 'new' ? 95 : 210) + (s % 60) + 0.25,
    bounceRate: (who === 'new' ? 0.5 : 0.32) - (s % 10) / 100,
    eventCount: Math.round(activeUsers * 12.5),
    keyEvents: 0,
  };
}

function eventFigures(day: string, name: string, today: string): Record<string, number> {
  const s = seed(`${day}|${name}`);
  const f = processed(day, today);
  const base = name === 'purchase' ? 14 : name === 'sign_up' ? 22 : name === 'course_completion' ? 9 : 3;
  const eventCount = Math.round((base + (s % 7)) * f);
  return { eventCount, keyEvents: eventCount };
}

function formatMetric(name: string, value: number): string {
  const type = METRICS[name];
  return type === 'TYPE_INTEGER' ? String(Math.round(value)) : String(Math.round(value * 1e6) / 1e6);
}

export function answerGa4(data: Ga4Data, req: FakeRequest): FakeResponse {
  const m = /^\/v1beta\/properties\/([^/:]+):runReport$/.exec(req.url.pathname);
  if (!m) return googleError(404, 'NOT_FOUND', `Method not found: ${req.url.pathname}`);
  if (req.method !== 'POST') return googleError(405, 'METHOD_NOT_ALLOWED', 'runReport takes POST');
  const auth = header(req, 'authorization') ?? '';
  if (!/^Bearer \S{20,}$/.test(auth))
    return googleError(
      401,
      'UNAUTHENTICATED',
      'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/"' },
    );
  const refused = vendorMode(data.mode, req, (status, retryAfter) =>
    status === 429
      ? googleError(
          429,
          'RESOURCE_EXHAUSTED',
          'Exhausted property tokens per hour for a project per property. These quota tokens will return in under an hour.',
          {
            'Retry-After': String(retryAfter),
          },
        )
      : googleError(status, 'UNAVAILABLE', 'The service is currently unavailable.'),
  );
  if (refused) return refused;
  const propertyId = m[1] as string;
  if (!/^\d+$/.test(propertyId)) return invalid(`Invalid property ID: properties/${propertyId}. A numeric Property ID is required.`);
  if (propertyId !== data.propertyId)
    return googleError(
      403,
      'PERMISSION_DENIED',
      `User does not have sufficient permissions for this property. To learn more about Property ID, see https://developers.google.com/analytics/devguides/reporting/data/v1/property-id.`,
    );

  let body: RunReportRequest;
  try {
    body = JSON.parse(req.text) as RunReportRequest;
  } catch {
    return invalid('Invalid JSON payload received.');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return invalid('Invalid JSON payload received. Expected an object.');
  for (const key of Object.keys(body)) {
    if (!(key in REQUEST_FIELDS)) return invalid(`Invalid JSON payload received. Unknown name "${key}": Cannot find field.`);
  }
  const dims = (body.dimensions ?? []).map((d) => d?.name ?? '');
  const mets = (body.metrics ?? []).map((x) => x?.name ?? '');
  for (const d of dims)
    if (!DIMENSIONS.has(d))
      return invalid(
        `Field ${d} is not a valid dimension. For a list of valid dimensions and metrics, see https://developers.google.com/analytics/devguides/reporting/data/v1/api-schema`,
      );
  for (const x of mets) {
    if (x === 'conversions') return invalid('Field conversions is not a valid metric. Conversions are now key events: use keyEvents.');
    if (!(x in METRICS))
      return invalid(
        `Field ${x} is not a valid metric. For a list of valid dimensions and metrics, see https://developers.google.com/analytics/devguides/reporting/data/v1/api-schema`,
      );
  }
  if (mets.length === 0) return invalid('At least one metric is required.');
  if (dims.length > 9) return invalid('Requests are limited to 9 dimensions.');
  if (mets.length > 10) return invalid('Requests are limited to 10 metrics.');
  const ranges = body.dateRanges ?? [];
  if (ranges.length === 0 || ranges.length > 4) return invalid('A request must have between 1 and 4 date ranges.');
  const today = dayIn(req.now, data.timeZone);
  const resolved = ranges.map((r) => ({ start: resolveDate(r?.startDate, today), end: resolveDate(r?.endDate, today) }));
  for (const r of resolved) {
    if (!r.start || !r.end) return invalid('Invalid date range: dates are YYYY-MM-DD, NdaysAgo, yesterday, or today.');
    if (r.start > r.end) return invalid(`The start date ${r.start} is after the end date ${r.end}.`);
  }
  const limit = body.limit === undefined || body.limit === null ? 10_000 : Number(body.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 250_000) return invalid('limit must be a positive integer of at most 250000.');
  const inList = body.dimensionFilter?.filter?.inListFilter?.values ?? null;
  const filterField = body.dimensionFilter?.filter?.fieldName ?? null;
  if (filterField !== null && !dims.includes(filterField) && !DIMENSIONS.has(filterField))
    return invalid(`Field ${filterField} is not a valid dimension.`);

  // Tokens: a few per request, more for long ranges (GA4 charges by the data a request scans).
  const hour = Math.floor(req.now / 3_600_000);
  if (hour !== data.hour) {
    if (Math.floor(hour / 24) !== Math.floor(data.hour / 24)) data.consumedToday = 0;
    data.hour = hour;
    data.consumedThisHour = 0;
  }
  const days = new Set<string>();
  for (const r of resolved) for (let d = r.start as string; d <= (r.end as string); d = addDays(d, 1)) days.add(d);
  const cost = 5 + Math.ceil(days.size / 7) * (dims.length + 1);
  if (data.consumedThisHour + cost > data.tokensPerHour || data.consumedToday + cost > data.tokensPerDay)
    return googleError(429, 'RESOURCE_EXHAUSTED', 'Exhausted property tokens per day for a project per property.', { 'Retry-After': '3600' });
  data.consumedThisHour += cost;
  data.consumedToday += cost;
  data.requests.push({ at: req.now, body });

  type Row = { dims: Record<string, string>; mets: Record<string, number> };
  const rows: Row[] = [];
  if (!data.empty) {
    for (const day of [...days].sort()) {
      if (day > today) continue;
      const date = day.replace(/-/g, '');
      if (dims.includes('eventName')) {
        for (const name of ['page_view', 'session_start', 'sign_up', 'purchase', 'course_completion', 'scroll']) {
          if (inList && filterField === 'eventName' && !inList.includes(name)) continue;
          const f = eventFigures(day, name, today);
          // Only events marked as key events count in keyEvents.
          const isKey = ['sign_up', 'purchase', 'course_completion'].includes(name);
          rows.push({ dims: { date, eventName: name }, mets: { eventCount: f['eventCount'] ?? 0, keyEvents: isKey ? (f['keyEvents'] ?? 0) : 0 } });
        }
      } else {
        for (const who of ['new', 'returning']) rows.push({ dims: { date, newVsReturning: who }, mets: usage(day, who, today) });
      }
    }
  }
  const kept = rows.filter((r) => mets.some((x) => (r.mets[x] ?? 0) !== 0)).slice(0, limit);
  const answer: RunReportResponse = {
    dimensionHeaders: dims.map((name) => ({ name })),
    metricHeaders: mets.map((name) => ({ name, type: METRICS[name] ?? 'TYPE_INTEGER' })),
    metadata: { currencyCode: 'JPY', timeZone: data.timeZone },
    kind: 'analyticsData#runReport',
  };
  if (kept.length > 0) {
    answer.rows = kept.map((r) => ({
      dimensionValues: dims.map((d) => ({ value: r.dims[d] ?? '(not set)' })),
      metricValues: mets.map((x) => ({ value: formatMetric(x, r.mets[x] ?? 0) })),
    }));
    answer.rowCount = rows.length;
  }
  if (body.returnPropertyQuota) {
    const quota: PropertyQuota = {
      tokensPerDay: { consumed: cost, remaining: data.tokensPerDay - data.consumedToday },
      tokensPerHour: { consumed: cost, remaining: data.tokensPerHour - data.consumedThisHour },
      concurrentRequests: { consumed: 0, remaining: 10 },
      serverErrorsPerProjectPerHour: { consumed: 0, remaining: 10 },
      potentiallyThresholdedRequestsPerHour: { consumed: 0, remaining: 120 },
      tokensPerProjectPerHour: { consumed: cost, remaining: Math.floor(data.tokensPerHour * 0.35) - data.consumedThisHour },
    };
    answer.propertyQuota = quota;
  }
  return json(200, answer);
}
