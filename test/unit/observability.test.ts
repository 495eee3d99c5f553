import { quotaWait, reportRows } from '../../src/domain/analytics/ga4';
import { usageFigures, usageLines } from '../../src/domain/analytics/usage';
import { errorRateOf, readDatadogHealth, readNerdGraphHealth, worstErrorRate } from '../../src/domain/monitoring/health';
import { daysToPush, parsePushed, type KpiDayPush } from '../../src/domain/monitoring/push';
import { emptyKpis } from '../../src/domain/kpi/fields';

describe('GA4 report rows', () => {
  const answer = {
    dimensionHeaders: [{ name: 'date' }, { name: 'newVsReturning' }],
    metricHeaders: [{ name: 'activeUsers' }, { name: 'engagementRate' }, { name: 'averageSessionDuration' }, { name: 'bounceRate' }],
    rows: [
      {
        dimensionValues: [{ value: '20260107' }, { value: 'new' }],
        metricValues: [{ value: '12' }, { value: '0.512345' }, { value: '95.25' }, { value: '0.4' }],
      },
      {
        dimensionValues: [{ value: '20260101' }, { value: 'returning' }],
        metricValues: [{ value: '40' }, { value: '0.7' }, { value: '210' }, { value: '0.3' }],
      },
      { dimensionValues: [{ value: '(other)' }, { value: 'new' }], metricValues: [{ value: '1' }, { value: '0' }, { value: '0' }, { value: '0' }] },
    ],
  };
  test('read by header name, dates from YYYYMMDD, the last two days processing; junk dates skipped', () => {
    expect(reportRows(answer, 'newVsReturning', '2026-01-07')).toEqual([
      {
        day: '2026-01-07',
        dimension: 'newVsReturning:new',
        activeUsers: 12,
        engagementRate: 0.5123,
        averageSessionDuration: 95.3,
        bounceRate: 0.4,
        status: 'processing',
      },
      {
        day: '2026-01-01',
        dimension: 'newVsReturning:returning',
        activeUsers: 40,
        engagementRate: 0.7,
        averageSessionDuration: 210,
        bounceRate: 0.3,
        status: 'final',
      },
    ]);
  });
  test('a report without rows is no rows, not an error', () => {
    expect(reportRows({ dimensionHeaders: [], metricHeaders: [], kind: 'analyticsData#runReport' }, 'eventName', '2026-01-07')).toEqual([]);
  });
  test('quota: wait while under the reserve within its hour or day, not after', () => {
    const at = '2026-01-07T10:00:00Z';
    const low = { at, tokensPerDayRemaining: 10_000, tokensPerHourRemaining: 20 };
    expect(quotaWait(low, new Date('2026-01-07T10:30:00Z'))).toMatch(/20 tokens left this hour/);
    expect(quotaWait(low, new Date('2026-01-07T11:00:01Z'))).toBeNull();
    expect(quotaWait({ at, tokensPerDayRemaining: 3, tokensPerHourRemaining: 9000 }, new Date('2026-01-08T09:00:00Z'))).toMatch(/left today/);
  });
});

describe('health answers', () => {
  test("NerdGraph: figures by alias; errors said in New Relic's words; no traffic is no rate", () => {
    const data = (t: unknown, r: unknown) => ({ data: { actor: { account: { transactions: { results: [t] }, resources: { results: [r] } } } } });
    expect(readNerdGraphHealth(data({ requests: 2000, errors: 30, responseTimeMs: 120.04 }, { cpuPercent: 12.345, memoryMb: 512.04 }))).toEqual({
      cpuPercent: 12.35,
      memoryMb: 512,
      responseTimeMs: 120,
      errorCount: 30,
      requestCount: 2000,
      errorRate: 0.015,
    });
    expect(readNerdGraphHealth(data({ requests: 0, errors: 0, responseTimeMs: null }, {})).errorRate).toBeNull();
    expect(() => readNerdGraphHealth({ errors: [{ message: 'Account 1 not found' }], data: null })).toThrow(
      'New Relic NerdGraph: Account 1 not found',
    );
  });
  test('Datadog: series by query_index, gauges averaged, counts summed; no error series with traffic is zero errors', () => {
    const pts = (...v: number[]) => v.map((x, i) => [i * 3_600_000, x]);
    const answer = {
      status: 'ok',
      series: [
        { query_index: 0, pointlist: pts(10, 20) },
        { query_index: 1, pointlist: pts(1_048_576 * 100, 1_048_576 * 300) },
        { query_index: 2, pointlist: pts(0.1, 0.3) },
        { query_index: 4, pointlist: pts(500, 500) },
      ],
    };
    expect(readDatadogHealth(answer)).toEqual({
      cpuPercent: 15,
      memoryMb: 200,
      responseTimeMs: 200,
      errorCount: 0,
      requestCount: 1000,
      errorRate: 0,
    });
    expect(() => readDatadogHealth({ status: 'error', error: 'Rate limit of 300 requests in 3600 seconds reached' })).toThrow(/Rate limit/);
  });
  test('error rates: a fraction of requests; the worst of the services', () => {
    expect([errorRateOf(5, 100), errorRateOf(0, 0), errorRateOf(null, 10)]).toEqual([0.05, null, null]);
    expect(worstErrorRate([0.01, null, 0.07])).toBe(0.07);
    expect(worstErrorRate([null])).toBeNull();
  });
});

describe('push once', () => {
  const day = (d: string): KpiDayPush => ({ day: d, values: emptyKpis(), teamSize: 3 });
  const rows = ['2026-01-01', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-03'].map(day);
  test('the days after the marker, up to the last final day, oldest first, within the backlog', () => {
    expect(daysToPush(rows, '2026-01-05', '2026-01-07', '2026-01-01').map((d) => d.day)).toEqual(['2026-01-06', '2026-01-07']);
    expect(daysToPush(rows, undefined, '2026-01-06', '2026-01-03').map((d) => d.day)).toEqual(['2026-01-03', '2026-01-05', '2026-01-06']);
    expect(daysToPush(rows, '2026-01-07', '2026-01-07', '2026-01-01')).toEqual([]);
  });
  test('the marker property: only well-formed days survive a hand edit', () => {
    expect(parsePushed('{"newrelic.metrics":"2026-01-05","datadog.series":"yesterday"}')).toEqual({ 'newrelic.metrics': '2026-01-05' });
    expect(parsePushed('not json')).toEqual({});
  });
});

describe('product usage', () => {
  const rows = [
    ...['2026-01-01', '2026-01-02'].map((day) => ({
      day,
      dimension: 'newVsReturning:new',
      activeUsers: 50,
      engagementRate: 0.5,
      keyEvents: null,
      eventCount: null,
      status: 'final',
    })),
    ...['2026-01-01', '2026-01-02'].map((day) => ({
      day,
      dimension: 'newVsReturning:returning',
      activeUsers: 150,
      engagementRate: 0.7,
      keyEvents: null,
      eventCount: null,
      status: 'final',
    })),
    {
      day: '2025-12-26',
      dimension: 'newVsReturning:returning',
      activeUsers: 100,
      engagementRate: 0.6,
      keyEvents: null,
      eventCount: null,
      status: 'final',
    },
    {
      day: '2026-01-02',
      dimension: 'eventName:purchase',
      activeUsers: null,
      engagementRate: null,
      keyEvents: 12,
      eventCount: 12,
      status: 'processing',
    },
    { day: '2025-12-27', dimension: 'eventName:purchase', activeUsers: null, engagementRate: null, keyEvents: 8, eventCount: 8, status: 'final' },
  ];
  const week = ['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'];
  const before = ['2025-12-22', '2025-12-23', '2025-12-24', '2025-12-25', '2025-12-26', '2025-12-27', '2025-12-28'];
  test('daily average users, engagement weighted by users, key events, each against the week before', () => {
    const f = usageFigures(rows, week, before);
    expect(f).toMatchObject({ activeUsers: 200, engagementRate: 0.65, keyEvents: [{ name: 'purchase', count: 12 }], processing: true });
    expect(usageLines(f!, 'en')).toEqual({
      heading: '📈 Product usage (12/29 – 01/04)',
      lines: [
        'Active users (daily average): 200 (vs previous week: +100%)',
        'Engagement rate: 65.0% (vs previous week: +5.0pt)',
        'Key event purchase: 12 (vs previous week: +50%)',
        'The last 2 days are still being processed by GA4 and may change',
      ],
    });
    expect(usageFigures([], week, before)).toBeNull();
  });
});
