import { answerObservability, freshObservabilityData, type ObservabilityData } from '../../local/fake/observability';
import type { FakeRequest } from '../../local/fake/types';

/**
 * The fake GA4, New Relic and Datadog refuse what their vendors refuse: a fake that accepted anything would let
 * the integration tests pass whatever the script sent.
 */
const NOW = Date.parse('2026-01-07T14:50:00Z');
const LICENSE = `${'a1b2c3d4e5f6'.repeat(3)}NRAL`;
const USER = 'NRAK-ABCDEFGHIJKLMNOPQRSTUVWXYZ0';
const DD_API = '0123456789abcdef0123456789abcdef';
const DD_APP = '0123456789abcdef0123456789abcdef01234567';

function call(data: ObservabilityData, method: string, url: string, headers: Record<string, string>, body?: unknown) {
  const req: FakeRequest = {
    method,
    url: new URL(url),
    headers: Object.entries(headers),
    text: body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
    contentType: 'application/json',
    now: NOW,
    seq: 0,
  };
  const answer = answerObservability(data, req);
  if (!answer) throw new Error(`no fake owns ${url}`);
  return { status: answer.status, body: answer.body === '' ? null : (JSON.parse(answer.body) as Record<string, unknown>), headers: answer.headers };
}

const GA4 = 'https://analyticsdata.googleapis.com/v1beta/properties/123456789:runReport';
const bearer = { Authorization: 'Bearer ya29.a-local-token-of-some-length' };
const report = { dateRanges: [{ startDate: '7daysAgo', endDate: 'today' }], dimensions: [{ name: 'date' }], metrics: [{ name: 'activeUsers' }] };

describe('fake GA4 Data API', () => {
  test('answers a valid runReport with typed headers, rows and the property quota', () => {
    const data = freshObservabilityData();
    const ok = call(data, 'POST', GA4, bearer, { ...report, returnPropertyQuota: true });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ metricHeaders: [{ name: 'activeUsers', type: 'TYPE_INTEGER' }], kind: 'analyticsData#runReport' });
    expect((ok.body?.['rows'] as unknown[]).length).toBeGreaterThan(0);
    expect(ok.body?.['propertyQuota']).toMatchObject({ tokensPerDay: { remaining: expect.any(Number) } });
  });

  test.each([
    ['no token', {}, report, 401, 'missing required authentication credential'],
    // conversionSpec is a v1alpha field: v1beta's IRunReportRequest has none.
    ['an unknown field', bearer, { ...report, conversionSpec: {} }, 400, 'Unknown name "conversionSpec"'],
    ['the old conversions metric', bearer, { ...report, metrics: [{ name: 'conversions' }] }, 400, 'use keyEvents'],
    ['an unknown dimension', bearer, { ...report, dimensions: [{ name: 'pageTitleX' }] }, 400, 'not a valid dimension'],
    ['no date range', bearer, { ...report, dateRanges: [] }, 400, 'between 1 and 4 date ranges'],
    ['a reversed range', bearer, { ...report, dateRanges: [{ startDate: 'today', endDate: '7daysAgo' }] }, 400, 'is after the end date'],
  ])('refuses %s', (_what, headers, body, status, said) => {
    const answer = call(freshObservabilityData(), 'POST', GA4, headers, body);
    expect(answer.status).toBe(status);
    expect(String((answer.body?.['error'] as { message?: string }).message)).toContain(said);
  });

  test('a property the token may not read is 403 PERMISSION_DENIED; a 429 says Retry-After', () => {
    const data = freshObservabilityData();
    expect(call(data, 'POST', GA4.replace('123456789', '999999999'), bearer, report).body).toMatchObject({
      error: { code: 403, status: 'PERMISSION_DENIED' },
    });
    data.ga4.mode = { rateLimit: { retryAfter: 120, times: 1 } };
    const limited = call(data, 'POST', GA4, bearer, report);
    expect([limited.status, limited.headers['Retry-After']]).toEqual([429, '120']);
    expect(call(data, 'POST', GA4, bearer, report).status).toBe(200);
  });
});

describe('fake New Relic', () => {
  const metric = (m: unknown) => [{ common: { timestamp: NOW }, metrics: [m] }];
  test('Metric API: accepts gauges with a license key; refuses a bad key, an EU key in the US, bad types and values', () => {
    const data = freshObservabilityData();
    const url = 'https://metric-api.newrelic.com/metric/v1';
    expect(call(data, 'POST', url, { 'Api-Key': LICENSE }, metric({ name: 'Custom/X', type: 'gauge', value: 1 })).status).toBe(202);
    expect(data.newrelic.metrics).toHaveLength(1);
    expect(call(data, 'POST', url, { 'Api-Key': USER }, metric({ name: 'Custom/X', value: 1 })).status).toBe(403);
    expect(call(data, 'POST', url, { 'Api-Key': `eu01xx${'a'.repeat(30)}NRAL` }, metric({ name: 'Custom/X', value: 1 })).body).toEqual({
      error: 'This license key belongs to the EU data center',
    });
    expect(call(data, 'POST', url, { 'Api-Key': LICENSE }, metric({ name: 'Custom/X', type: 'histogram', value: 1 })).status).toBe(400);
    expect(call(data, 'POST', url, { 'Api-Key': LICENSE }, metric({ name: 'Custom/X', value: '1' })).status).toBe(400);
    expect(call(data, 'POST', url, { 'Api-Key': LICENSE }, { metrics: [] }).status).toBe(400);
    expect(call(data, 'POST', url, { 'Api-Key': LICENSE }, 'x'.repeat(1_000_001)).status).toBe(413);
  });

  test("Event API: the account in the URL must be the key's; eventType must be a valid name", () => {
    const data = freshObservabilityData();
    const url = (account: number) => `https://insights-collector.newrelic.com/v1/accounts/${account}/events`;
    expect(call(data, 'POST', url(1234567), { 'Api-Key': LICENSE }, [{ eventType: 'ProgressUpdate', day: '2026-01-07' }]).body).toMatchObject({
      success: true,
    });
    expect(call(data, 'POST', url(7654321), { 'Api-Key': LICENSE }, [{ eventType: 'ProgressUpdate' }]).status).toBe(403);
    expect(call(data, 'POST', url(1234567), { 'Api-Key': LICENSE }, [{ eventType: 'Progress Update' }]).status).toBe(400);
    expect(call(data, 'POST', url(1234567), { 'Api-Key': LICENSE }, [{ eventType: 'P', nested: { a: 1 } }]).status).toBe(400);
  });

  test('NerdGraph: a user key; the documented actor { account(id: Int!) { nrql(query: Nrql!) { results } } } shape', () => {
    const data = freshObservabilityData();
    const url = 'https://api.newrelic.com/graphql';
    const query = 'query($id: Int!, $q: Nrql!) { actor { account(id: $id) { nrql(query: $q) { results } } } }';
    const nrql = `SELECT count(*) AS requests FROM Transaction WHERE entityGuid = '${data.newrelic.entityGuid}' SINCE 24 hours ago`;
    const ok = call(data, 'POST', url, { 'API-Key': USER }, { query, variables: { id: 1234567, q: nrql } });
    expect(ok.body).toEqual({ data: { actor: { account: { nrql: { results: [{ requests: 86_400 }] } } } } });
    expect(call(data, 'POST', url, { 'API-Key': LICENSE }, { query, variables: { id: 1234567, q: nrql } }).status).toBe(401);
    // The account id as a String variable is not the Int! the schema wants.
    const asString = call(
      data,
      'POST',
      url,
      { 'API-Key': USER },
      { query: query.replace('$id: Int!', '$id: String!'), variables: { id: '1234567', q: nrql } },
    );
    expect(JSON.stringify(asString.body)).toContain('Argument \\"id\\" of type \\"Int!\\" is required');
    const noResults = call(
      data,
      'POST',
      url,
      { 'API-Key': USER },
      { query: query.replace('{ results }', '{ nope }'), variables: { id: 1234567, q: nrql } },
    );
    expect(JSON.stringify(noResults.body)).toContain('nrql selects results');
    const syntax = call(data, 'POST', url, { 'API-Key': USER }, { query: 'query { actor { ', variables: {} });
    expect(JSON.stringify(syntax.body)).toContain('Syntax Error');
  });
});

describe('fake Datadog', () => {
  const series = (s: Record<string, unknown>) => ({
    series: [{ metric: 'custom.progress.x', type: 3, points: [{ timestamp: NOW / 1000, value: 1 }], ...s }],
  });
  test('v2 series: DD-API-KEY of this site; names, types, points and unknown fields checked; old points dropped', () => {
    const data = freshObservabilityData();
    const url = 'https://api.datadoghq.com/api/v2/series';
    expect(call(data, 'POST', url, { 'DD-API-KEY': DD_API }, series({})).body).toEqual({ errors: [] });
    expect(call(data, 'POST', url.replace('.com', '.eu'), { 'DD-API-KEY': DD_API }, series({})).body).toEqual({ errors: ['Forbidden'] });
    expect(call(data, 'POST', url, {}, series({})).status).toBe(403);
    expect(call(data, 'POST', url, { 'DD-API-KEY': DD_API }, series({ metric: 'Custom/Progress/X' })).status).toBe(400);
    expect(call(data, 'POST', url, { 'DD-API-KEY': DD_API }, series({ type: 'gauge' })).status).toBe(400);
    expect(call(data, 'POST', url, { 'DD-API-KEY': DD_API }, series({ sourceTypeName: 'x' })).body).toEqual({
      errors: ['series 0: unknown field "sourceTypeName"'],
    });
    expect(call(data, 'POST', url, { 'DD-API-KEY': DD_API }, series({ points: [{ timestamp: NOW, value: 1 }] })).status).toBe(400);
    call(data, 'POST', url, { 'DD-API-KEY': DD_API }, series({ points: [{ timestamp: NOW / 1000 - 7200, value: 1 }] }));
    expect(data.datadog.series.map((s) => s.dropped)).toEqual([false, true]);
  });

  test('v1 events and queries: required fields and enums; reading needs the application key too', () => {
    const data = freshObservabilityData();
    const events = 'https://api.datadoghq.com/api/v1/events';
    expect(call(data, 'POST', events, { 'DD-API-KEY': DD_API }, { title: 'T', text: 'x', alert_type: 'info' }).status).toBe(202);
    expect(call(data, 'POST', events, { 'DD-API-KEY': DD_API }, { text: 'x' }).status).toBe(400);
    expect(call(data, 'POST', events, { 'DD-API-KEY': DD_API }, { title: 'T', text: 'x', alert_type: 'fatal' }).status).toBe(400);
    expect(call(data, 'POST', events, { 'DD-API-KEY': DD_API }, { title: 'T', text: 'x', date_happened: NOW / 1000 - 20 * 3600 }).status).toBe(400);
    const q = `https://api.datadoghq.com/api/v1/query?from=${NOW / 1000 - 3600}&to=${NOW / 1000}&query=${encodeURIComponent('avg:system.cpu.user{*},sum:trace.http.request.hits{service:web,env:prod}.as_count()')}`;
    expect(call(data, 'GET', q, { 'DD-API-KEY': DD_API }).status).toBe(403);
    const answer = call(data, 'GET', q, { 'DD-API-KEY': DD_API, 'DD-APPLICATION-KEY': DD_APP }).body as {
      series: Array<{ query_index: number; scope: string }>;
    };
    expect(answer.series.map((s) => [s.query_index, s.scope])).toEqual([
      [0, '*'],
      [1, 'service:web,env:prod'],
    ]);
  });
});
