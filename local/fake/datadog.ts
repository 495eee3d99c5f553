import type { v1, v2 } from '@datadog/datadog-api-client';
import { header, json, type FakeRequest, type FakeResponse } from './types';
import { vendorMode, type VendorMode } from './vendorMode';

/**
 * Datadog's API on each site's host: v2 series (`POST /api/v2/series`), v1 events (`POST /api/v1/events`) and the v1
 * metric query (`GET /api/v1/query`). Bodies are read by the wire names of the official client's models
 * (`MetricPayload`, `MetricSeries`, `MetricPoint`, `EventCreateRequest`; answers as `MetricsQueryResponse` /
 * `MetricsQueryMetadata`): the tables below are typed by those models' keys, so a model that changes breaks them.
 * Keys as Datadog checks them (DD-API-KEY to send; DD-API-KEY and DD-APPLICATION-KEY to read; a key of another
 * site is refused), the 500 KB series limit, and points older than an hour dropped as Datadog drops them.
 */
type Wire<T> = Record<Exclude<keyof T, 'additionalProperties' | '_unparsed'>, string>;

const SERIES_WIRE: Wire<v2.MetricSeries> = {
  interval: 'interval',
  metadata: 'metadata',
  metric: 'metric',
  points: 'points',
  resources: 'resources',
  sourceTypeName: 'source_type_name',
  tags: 'tags',
  type: 'type',
  unit: 'unit',
};
const POINT_WIRE: Wire<v2.MetricPoint> = { timestamp: 'timestamp', value: 'value' };
const PAYLOAD_WIRE: Wire<v2.MetricPayload> = { series: 'series' };
const EVENT_WIRE: Wire<v1.EventCreateRequest> = {
  aggregationKey: 'aggregation_key',
  alertType: 'alert_type',
  dateHappened: 'date_happened',
  deviceName: 'device_name',
  host: 'host',
  priority: 'priority',
  relatedEventId: 'related_event_id',
  sourceTypeName: 'source_type_name',
  tags: 'tags',
  text: 'text',
  title: 'title',
};
const QUERY_WIRE: Wire<v1.MetricsQueryResponse> = {
  error: 'error',
  fromDate: 'from_date',
  groupBy: 'group_by',
  message: 'message',
  query: 'query',
  resType: 'res_type',
  series: 'series',
  status: 'status',
  toDate: 'to_date',
};
const META_WIRE: Wire<v1.MetricsQueryMetadata> = {
  aggr: 'aggr',
  displayName: 'display_name',
  end: 'end',
  expression: 'expression',
  interval: 'interval',
  length: 'length',
  metric: 'metric',
  pointlist: 'pointlist',
  queryIndex: 'query_index',
  scope: 'scope',
  start: 'start',
  tagSet: 'tag_set',
  unit: 'unit',
};
const ALERT_TYPES: ReadonlyArray<Exclude<v1.EventAlertType, { _data: unknown }>> = [
  'error',
  'warning',
  'info',
  'success',
  'user_update',
  'recommendation',
  'snapshot',
];
const PRIORITIES: ReadonlyArray<Exclude<v1.EventPriority, { _data: unknown }>> = ['normal', 'low'];

export const DATADOG_SITE_HOSTS = [
  'api.datadoghq.com',
  'api.datadoghq.eu',
  'api.us3.datadoghq.com',
  'api.us5.datadoghq.com',
  'api.ap1.datadoghq.com',
] as const;

export interface DatadogHealth {
  cpuUserPercent: number;
  memUsedBytes: number;
  durationSeconds: number;
  hitsPerHour: number;
  errorsPerHour: number;
}

export interface DatadogData {
  /** The organization's site: its keys work on this host only. */
  host: (typeof DATADOG_SITE_HOSTS)[number];
  apiKey: string | null;
  appKey: string | null;
  health: DatadogHealth;
  mode: VendorMode;
  series: Array<{ metric: string; type: number; timestamp: number; value: number; tags: string[]; dropped: boolean }>;
  events: Array<Record<string, unknown> & { id: number }>;
  queries: string[];
}

export function freshDatadogData(): DatadogData {
  return {
    host: 'api.datadoghq.com',
    apiKey: null,
    appKey: null,
    health: { cpuUserPercent: 31.2, memUsedBytes: 1_717_986_918, durationSeconds: 0.182, hitsPerHour: 3_600, errorsPerHour: 18 },
    mode: {},
    series: [],
    events: [],
    queries: [],
  };
}

export function isDatadogApi(url: URL): boolean {
  return (DATADOG_SITE_HOSTS as readonly string[]).includes(url.hostname);
}

const forbidden = () => json(403, { errors: ['Forbidden'] });
const bad = (message: string) => json(400, { errors: [message] });
const MAX_SERIES_PAYLOAD = 512_000;

function keysOk(data: DatadogData, req: FakeRequest, needApp: boolean): FakeResponse | null {
  const apiKey = header(req, 'dd-api-key');
  const appKey = header(req, 'dd-application-key');
  const apiOk = apiKey !== undefined && /^[a-f0-9]{32}$/.test(apiKey) && (data.apiKey === null || apiKey === data.apiKey);
  const appOk = !needApp || (appKey !== undefined && /^[a-f0-9]{40}$/.test(appKey) && (data.appKey === null || appKey === data.appKey));
  // Keys are per site: another site's host knows none of them.
  if (!apiOk || !appOk || req.url.hostname !== data.host) return forbidden();
  return null;
}

export function answerDatadog(data: DatadogData, req: FakeRequest): FakeResponse {
  const refused = vendorMode(data.mode, req, (status, retryAfter) =>
    status === 429
      ? json(429, { errors: ['Too many requests'] }, { 'Retry-After': String(retryAfter), 'X-RateLimit-Reset': String(retryAfter) })
      : json(status, { errors: ['Service Unavailable'] }),
  );
  if (refused) return refused;
  const route = `${req.method} ${req.url.pathname}`;
  if (route === 'POST /api/v2/series') return series(data, req);
  if (route === 'POST /api/v1/events') return event(data, req);
  if (route === 'GET /api/v1/query') return query(data, req);
  // Validates the API key alone (docs: Authentication ▸ Validate API key).
  if (route === 'GET /api/v1/validate') return keysOk(data, req, false) ?? json(200, { valid: true });
  return json(404, { errors: ['Not found'] });
}

function unknownKey(body: Record<string, unknown>, wire: Record<string, string>, where: string): string | null {
  const known = new Set(Object.values(wire));
  const extra = Object.keys(body).find((k) => !known.has(k));
  return extra ? `${where}: unknown field "${extra}"` : null;
}

function series(data: DatadogData, req: FakeRequest): FakeResponse {
  const denied = keysOk(data, req, false);
  if (denied) return denied;
  if (Buffer.byteLength(req.text) > MAX_SERIES_PAYLOAD) return json(413, { errors: ['Payload too large'] });
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(req.text) as Record<string, unknown>;
  } catch {
    return bad('Invalid JSON');
  }
  const extra = unknownKey(body, PAYLOAD_WIRE, 'payload');
  if (extra) return bad(extra);
  const list = body[PAYLOAD_WIRE.series];
  if (!Array.isArray(list)) return bad('series is required and must be an array');
  const nowS = Math.floor(req.now / 1000);
  const accepted: DatadogData['series'] = [];
  for (const [i, raw] of list.entries()) {
    const s = raw as Record<string, unknown>;
    const where = `series ${i}`;
    const e = unknownKey(s, SERIES_WIRE, where);
    if (e) return bad(e);
    const metric = s[SERIES_WIRE.metric];
    if (typeof metric !== 'string' || !/^[A-Za-z][A-Za-z0-9_.]{0,199}$/.test(metric))
      return bad(`${where}: metric must start with a letter and hold only letters, digits, _ and .`);
    const type = s[SERIES_WIRE.type] ?? 0;
    if (![0, 1, 2, 3].includes(type as number)) return bad(`${where}: type must be 0 (unspecified), 1 (count), 2 (rate) or 3 (gauge)`);
    const tags = s[SERIES_WIRE.tags] ?? [];
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string' || t.length > 200))
      return bad(`${where}: tags must be strings of at most 200 characters`);
    const points = s[SERIES_WIRE.points];
    if (!Array.isArray(points) || points.length === 0) return bad(`${where}: points is required`);
    for (const p of points as Array<Record<string, unknown>>) {
      const pe = unknownKey(p, POINT_WIRE, `${where} point`);
      if (pe) return bad(pe);
      const timestamp = p[POINT_WIRE.timestamp];
      const value = p[POINT_WIRE.value];
      if (typeof timestamp !== 'number' || !Number.isInteger(timestamp) || timestamp > 1e11)
        return bad(`${where}: point timestamps are whole seconds`);
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad(`${where}: point values are numbers`);
      // Datadog answers 202 and drops points more than an hour old or ten minutes ahead (without historical ingestion).
      accepted.push({
        metric,
        type: type as number,
        timestamp,
        value,
        tags: tags as string[],
        dropped: timestamp < nowS - 3600 || timestamp > nowS + 600,
      });
    }
  }
  data.series.push(...accepted);
  return json(202, { errors: [] });
}

function event(data: DatadogData, req: FakeRequest): FakeResponse {
  const denied = keysOk(data, req, false);
  if (denied) return denied;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(req.text) as Record<string, unknown>;
  } catch {
    return bad('Invalid JSON');
  }
  const extra = unknownKey(body, EVENT_WIRE, 'event');
  if (extra) return bad(extra);
  const title = body[EVENT_WIRE.title];
  const text = body[EVENT_WIRE.text];
  if (typeof title !== 'string' || title === '' || title.length > 100) return bad('title is required, at most 100 characters');
  if (typeof text !== 'string' || text.length > 4000) return bad('text is required, at most 4000 characters');
  const alert = body[EVENT_WIRE.alertType];
  if (alert !== undefined && !(ALERT_TYPES as readonly unknown[]).includes(alert)) return bad(`alert_type must be one of ${ALERT_TYPES.join(', ')}`);
  const priority = body[EVENT_WIRE.priority];
  if (priority !== undefined && priority !== null && !(PRIORITIES as readonly unknown[]).includes(priority))
    return bad('priority must be normal or low');
  const happened = body[EVENT_WIRE.dateHappened];
  const nowS = Math.floor(req.now / 1000);
  if (happened !== undefined && (typeof happened !== 'number' || happened < nowS - 18 * 3600 || happened > nowS + 2 * 3600))
    return bad('date_happened must be a POSIX time in seconds, at most 18 hours in the past and 2 hours ahead');
  const tags = body[EVENT_WIRE.tags] ?? [];
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) return bad('tags must be strings');
  const id = 7_000_000_000 + data.events.length + 1;
  data.events.push({ ...body, id });
  return json(202, {
    status: 'ok',
    event: {
      id,
      id_str: String(id),
      title,
      text,
      date_happened: happened ?? nowS,
      priority: priority ?? 'normal',
      tags,
      url: `https://app.datadoghq.com/event/event?id=${id}`,
    },
  });
}

/** Top-level commas only: `{service:web,env:prod}` is one scope. */
function splitQueries(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '{' || ch === '(') depth++;
    if (ch === '}' || ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((q) => q.trim());
}

function query(data: DatadogData, req: FakeRequest): FakeResponse {
  const denied = keysOk(data, req, true);
  if (denied) return denied;
  const from = Number(req.url.searchParams.get('from'));
  const to = Number(req.url.searchParams.get('to'));
  const text = req.url.searchParams.get('query') ?? '';
  if (!Number.isInteger(from) || !Number.isInteger(to) || from >= to) return bad('from and to are POSIX seconds, from before to');
  if (text.trim() === '') return bad('query is required');
  data.queries.push(text);
  const h = data.health;
  const hours = Math.max(1, Math.round((to - from) / 3600));
  const series: Array<Record<string, unknown>> = [];
  for (const [index, q] of splitQueries(text).entries()) {
    const m = /^(avg|sum|min|max):([a-z][a-z0-9_.]*)\{([^}]*)\}(\.as_count\(\))?$/.exec(q);
    if (!m) return bad(`Error parsing query: ${q}`);
    const [, aggr, metric, scope] = m as unknown as [string, string, string, string];
    const perHour: Record<string, number> = {
      'system.cpu.user': h.cpuUserPercent,
      'system.mem.used': h.memUsedBytes,
      'trace.http.request.duration': h.durationSeconds,
      'trace.http.request.hits': h.hitsPerHour,
      'trace.http.request.errors': h.errorsPerHour,
    };
    const base = perHour[metric];
    // A metric nothing reports has no series at all (errors on a quiet day, for one).
    if (base === undefined || base === 0) continue;
    const pointlist: Array<[number, number]> = Array.from({ length: hours }, (_, i) => [(from + i * 3600) * 1000, base * (1 + ((i % 5) - 2) / 50)]);
    const meta: Record<string, unknown> = {};
    const set = (k: keyof typeof META_WIRE, v: unknown) => (meta[META_WIRE[k]] = v);
    set('metric', metric);
    set('displayName', metric);
    set('aggr', aggr);
    set('scope', scope);
    set('expression', q);
    set('queryIndex', index);
    set('pointlist', pointlist);
    set('start', from * 1000);
    set('end', to * 1000);
    set('interval', 3600);
    set('length', pointlist.length);
    set('tagSet', []);
    set('unit', null);
    series.push(meta);
  }
  const answer: Record<string, unknown> = {};
  const put = (k: keyof typeof QUERY_WIRE, v: unknown) => (answer[QUERY_WIRE[k]] = v);
  put('status', 'ok');
  put('resType', 'time_series');
  put('query', text);
  put('fromDate', from * 1000);
  put('toDate', to * 1000);
  put('series', series);
  put('groupBy', []);
  put('message', '');
  return json(200, answer);
}
