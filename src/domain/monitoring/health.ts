/**
 * The application's last 24 hours as each monitoring vendor reports it, reduced to one `Service Health` row: CPU,
 * memory, response time, errors, requests and the error rate (a fraction). Request shapes and answer readers are
 * plain data; the use case sends them.
 */
export interface HealthFigures {
  cpuPercent: number | null;
  memoryMb: number | null;
  responseTimeMs: number | null;
  errorCount: number | null;
  requestCount: number | null;
  /** errors ÷ requests; null without requests (no traffic is not a 0 % error rate, nor a 100 % one). */
  errorRate: number | null;
}

export const SERVICE_NAMES = { newrelic: 'New Relic', datadog: 'Datadog' } as const;
export type MonitoringService = keyof typeof SERVICE_NAMES;

export function errorRateOf(errors: number | null, requests: number | null): number | null {
  if (errors === null || requests === null || requests <= 0) return null;
  return Math.round((errors / requests) * 10_000) / 10_000;
}

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const rounded = (v: number | null, digits: number): number | null => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

// ---- New Relic: NerdGraph, two NRQL queries in one GraphQL request ----

/**
 * The NerdGraph document: NRQL through `actor { account(id) { nrql(query) { results } } }`, as New Relic's
 * NerdGraph NRQL tutorial shows it, with two aliased `nrql` fields so one request answers both. Variables carry the
 * account id (Int!) and the queries (Nrql!), so nothing is spliced into the document itself.
 */
export const NERDGRAPH_HEALTH_QUERY =
  'query ServiceHealth($accountId: Int!, $transactions: Nrql!, $resources: Nrql!) { actor { account(id: $accountId) { ' +
  'transactions: nrql(query: $transactions) { results } resources: nrql(query: $resources) { results } } } }';

export function nerdGraphHealthRequest(accountId: number, entityGuid: string): { query: string; variables: Record<string, unknown> } {
  const where = `WHERE entityGuid = '${entityGuid}' SINCE 24 hours ago`;
  return {
    query: NERDGRAPH_HEALTH_QUERY,
    variables: {
      accountId,
      transactions: `SELECT count(*) AS requests, filter(count(*), WHERE error IS true) AS errors, average(duration) * 1000 AS responseTimeMs FROM Transaction ${where}`,
      resources: `SELECT average(apm.service.cpu.usertime.utilization) * 100 AS cpuPercent, average(apm.service.memory.physical) AS memoryMb FROM Metric WHERE entity.guid = '${entityGuid}' SINCE 24 hours ago`,
    },
  };
}

/** Reads NerdGraph's answer; throws with New Relic's own words when it reports errors. */
export function readNerdGraphHealth(answer: unknown): HealthFigures {
  const body = answer as { data?: unknown; errors?: Array<{ message?: unknown }> } | null;
  if (body && Array.isArray(body.errors) && body.errors.length > 0) {
    throw new Error(`New Relic NerdGraph: ${body.errors.map((e) => String(e.message ?? 'error')).join('; ')}`);
  }
  const account = (body?.data as { actor?: { account?: Record<string, { results?: unknown }> | null } } | undefined)?.actor?.account;
  if (!account) throw new Error("New Relic NerdGraph: the answer has no account (check NEW_RELIC_ACCOUNT_ID and the user key's access)");
  const first = (alias: string): Record<string, unknown> => {
    const results = account[alias]?.results;
    return Array.isArray(results) && results[0] && typeof results[0] === 'object' ? (results[0] as Record<string, unknown>) : {};
  };
  const t = first('transactions');
  const r = first('resources');
  const requests = finite(t['requests']);
  const errors = finite(t['errors']);
  return {
    cpuPercent: rounded(finite(r['cpuPercent']), 2),
    memoryMb: rounded(finite(r['memoryMb']), 1),
    // NRQL's average over no rows is null; a count over none is 0.
    responseTimeMs: requests ? rounded(finite(t['responseTimeMs']), 1) : null,
    errorCount: errors,
    requestCount: requests,
    errorRate: errorRateOf(errors, requests),
  };
}

// ---- Datadog: one v1 metric query with five comma-separated queries ----

export const DATADOG_HEALTH_QUERIES = [
  { key: 'cpu', template: 'avg:system.cpu.user{SCOPE}' },
  { key: 'memory', template: 'avg:system.mem.used{SCOPE}' },
  { key: 'duration', template: 'avg:trace.http.request.duration{SCOPE}' },
  { key: 'errors', template: 'sum:trace.http.request.errors{SCOPE}.as_count()' },
  { key: 'hits', template: 'sum:trace.http.request.hits{SCOPE}.as_count()' },
] as const;

/** `GET /api/v1/query?from&to&query` for the last 24 hours; `scope` is a tag filter such as `service:web,env:prod`. */
export function datadogHealthPath(scope: string, nowMs: number): string {
  const to = Math.floor(nowMs / 1000);
  const query = DATADOG_HEALTH_QUERIES.map((q) => q.template.replace('SCOPE', scope)).join(',');
  return `/api/v1/query?from=${to - 86_400}&to=${to}&query=${encodeURIComponent(query)}`;
}

type Point = [number, number | null];

/** Reads a v1 MetricsQueryResponse: each series by its query_index; gauges averaged, counts summed. */
export function readDatadogHealth(answer: unknown): HealthFigures {
  const body = answer as { status?: unknown; error?: unknown; series?: Array<{ query_index?: unknown; pointlist?: unknown }> } | null;
  if (!body || body.status === 'error') throw new Error(`Datadog metric query: ${String(body?.error ?? 'no answer')}`);
  const values = (index: number): number[] =>
    (body.series ?? [])
      .filter((s) => s.query_index === index)
      .flatMap((s) => (Array.isArray(s.pointlist) ? (s.pointlist as Point[]) : []))
      .map((p) => p[1])
      .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const avg = (index: number) => {
    const v = values(index);
    return v.length > 0 ? v.reduce((a, b) => a + b, 0) / v.length : null;
  };
  const sum = (index: number) => {
    const v = values(index);
    return v.length > 0 ? Math.round(v.reduce((a, b) => a + b, 0)) : null;
  };
  const memory = avg(1);
  const duration = avg(2);
  const hits = sum(4);
  // A service with traffic and no error points had no errors.
  const errors = sum(3) ?? (hits !== null ? 0 : null);
  return {
    cpuPercent: rounded(avg(0), 2),
    memoryMb: rounded(memory === null ? null : memory / 1_048_576, 1),
    responseTimeMs: rounded(duration === null ? null : duration * 1000, 1),
    errorCount: errors,
    requestCount: hits,
    errorRate: errorRateOf(errors, hits),
  };
}

/** The day's worst error rate over the services that report one: the alert is about the application, not a vendor. */
export function worstErrorRate(rates: ReadonlyArray<number | null>): number | null {
  const known = rates.filter((r): r is number => r !== null);
  return known.length > 0 ? Math.max(...known) : null;
}
