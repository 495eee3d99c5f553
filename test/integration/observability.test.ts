import { readMail } from '../../local/services/mail';
import { dumpWorkbook } from '../../local/services/spreadsheet';
import type { TestApp } from '../helpers/app';
import { cloneApp, githubApp, setProperty, setSetting, throughProxy } from '../helpers/fakeGitHub';
import { startFakeObservability, type FakeObservabilityServer } from '../helpers/fakeObservability';
import { appendRows } from '../helpers/sheetRows';
import { SAMPLE_OBSERVABILITY_KEYS } from '../../local/fake/observability';

/**
 * syncAnalytics and syncMonitoring through build/Code.js against the fake GA4, New Relic and Datadog on loopback
 * (local/fake/ga4.ts, newRelic.ts, datadog.ts): each fake refuses what its vendor would, so a run that succeeds sent
 * what the vendor accepts.
 */
const D = '2026-01-07';
const AT = new Date(`${D}T23:50:00+09:00`);
const HOUR = 3_600_000;

const KEYS = SAMPLE_OBSERVABILITY_KEYS;

let fake: FakeObservabilityServer;
let template: TestApp & { token: string };

function snapshot(t: TestApp, day: string, body: Record<string, unknown>): void {
  const token = t.prop('WEBHOOK_TOKEN_PROGRESS') as string;
  const { response } = t.app.post(
    `source=progress&token=${token}`,
    JSON.stringify({ ...body, date: day }),
    'application/json',
    new Date(`${D}T12:00:00+09:00`),
  );
  expect(JSON.parse(response.body)).toMatchObject({ ok: true });
}

beforeAll(async () => {
  fake = await startFakeObservability();
  template = await githubApp(new Date(`${D}T09:00:00+09:00`));
  appendRows(template.state(), 'Members', [
    { Name: 'Aiko', Email: 'aiko@example.com', Active: true },
    { Name: 'Ben', Email: 'ben@example.com', Active: true },
    { Name: 'Chie', Email: 'chie@example.com', Active: false },
  ]);
  template.state().save();
  const kpi = {
    overall_progress: 0.62,
    task_completion_rate: 0.85,
    quality_score: 4.2,
    team_satisfaction: 4.3,
    blockers_count: 2,
    avg_review_time: 5.5,
    deploy_success_rate: 0.95,
  };
  snapshot(template, '2026-01-05', kpi);
  snapshot(template, '2026-01-06', { ...kpi, overall_progress: 0.65 });
  snapshot(template, D, { ...kpi, overall_progress: 0.7 });
});

afterAll(async () => {
  await fake.close();
});

async function freshApp(): Promise<TestApp> {
  await fake.reset();
  await fake.configure({ clockMs: AT.getTime() });
  await fake.server.clear();
  return cloneApp(template);
}

function run(t: TestApp, fn: string, at: Date = AT) {
  const result = throughProxy(fake.url, () => t.app.run(fn, { at }));
  return { value: result.value as Record<string, unknown>, error: result.error, stats: result.stats };
}

const rows = (t: TestApp, sheet: string) => t.sheet(sheet).slice(1);
const header = (t: TestApp, sheet: string) => t.sheet(sheet)[0] as string[];
const col = (t: TestApp, sheet: string, name: string) => header(t, sheet).indexOf(name);

function monitoring(t: TestApp, which: 'newrelic' | 'datadog' | 'both' = 'both'): void {
  for (const [key, value] of Object.entries(KEYS)) {
    if (which === 'newrelic' && key.startsWith('DATADOG')) continue;
    if (which === 'datadog' && key.startsWith('NEW_RELIC')) continue;
    setProperty(t, key, value);
  }
}

describe('nothing configured', () => {
  test('each job does nothing, says so, and the health answer lists every service as not configured', async () => {
    const t = await freshApp();
    const ga4 = run(t, 'syncAnalytics');
    expect(ga4.error).toBeUndefined();
    expect(ga4.value).toEqual({ service: 'GA4', outcome: 'not configured', message: 'GA4 is not configured: set GA4_PROPERTY_ID in Settings' });
    const mon = run(t, 'syncMonitoring');
    expect(mon.error).toBeUndefined();
    expect(mon.value).toMatchObject({
      requests: 0,
      newrelic: { push: 'not configured', pull: 'not configured' },
      datadog: { push: 'not configured' },
    });
    expect(mon.stats.calls['UrlFetchApp']).toBeUndefined();
    expect(await fake.server.requests()).toEqual([]);
    const { response } = t.app.get('action=health', AT);
    expect((JSON.parse(response.body) as Record<string, unknown>)['observability']).toEqual({
      ga4: { state: 'not configured' },
      newrelic: { state: 'not configured' },
      datadog: { state: 'not configured' },
    });
    expect(header(t, 'Analytics')).toEqual([
      'Date',
      'Dimension',
      'Active Users',
      'Engagement Rate',
      'Avg Session Duration (s)',
      'Bounce Rate',
      'Event Count',
      'Key Events',
      'Status',
    ]);
    expect(header(t, 'Service Health')).toEqual([
      'Date',
      'Service',
      'CPU %',
      'Memory (MB)',
      'Response Time (ms)',
      'Error Count',
      'Request Count',
      'Error Rate',
      'Checked At',
    ]);
  });
});

describe('syncAnalytics', () => {
  test('two runReport requests in one fetchAll; usage and key-event rows per day and dimension; a rerun changes nothing', async () => {
    const t = await freshApp();
    setSetting(t, 'GA4_PROPERTY_ID', '123456789', AT);
    const first = run(t, 'syncAnalytics');
    expect(first.error).toBeUndefined();
    expect(first.stats.calls['UrlFetchApp']).toEqual({ fetchAll: 1 });
    const requests = await fake.server.requests();
    expect(requests.map((r) => r.target)).toEqual([
      'https://analyticsdata.googleapis.com/v1beta/properties/123456789:runReport',
      'https://analyticsdata.googleapis.com/v1beta/properties/123456789:runReport',
    ]);
    expect(requests.every((r) => /^Bearer ya29\./.test(r.headers['authorization'] ?? ''))).toBe(true);
    const state = await fake.state();
    expect(state.ga4.requests.map((r) => r.body.metrics?.map((m) => m.name))).toEqual([
      ['activeUsers', 'engagementRate', 'averageSessionDuration', 'bounceRate'],
      ['eventCount', 'keyEvents'],
    ]);

    // 8 days (7daysAgo…today) × new/returning, 31 days × the three default key events.
    expect(first.value).toMatchObject({ outcome: 'synced', rows: 8 * 2 + 31 * 3, created: 8 * 2 + 31 * 3 });
    const analytics = rows(t, 'Analytics');
    const dim = col(t, 'Analytics', 'Dimension');
    expect(new Set(analytics.map((r) => r[dim]))).toEqual(
      new Set(['newVsReturning:new', 'newVsReturning:returning', 'eventName:course_completion', 'eventName:purchase', 'eventName:sign_up']),
    );
    const status = col(t, 'Analytics', 'Status');
    const date = col(t, 'Analytics', 'Date');
    const dayKey = (v: unknown) => String(v).slice(0, 10);
    expect(analytics.filter((r) => r[status] === 'processing').every((r) => [D, '2026-01-06'].includes(dayKey(r[date])))).toBe(true);
    const returning = analytics.find((r) => r[dim] === 'newVsReturning:returning' && dayKey(r[date]) === '2026-01-05') as unknown[];
    expect(returning[col(t, 'Analytics', 'Active Users')]).toBeGreaterThan(100);
    expect(returning[col(t, 'Analytics', 'Engagement Rate')]).toBeGreaterThan(0.6);
    expect(returning[col(t, 'Analytics', 'Event Count')]).toBe('');
    const quota = (first.value['quota'] as { tokensPerDayRemaining: number }).tokensPerDayRemaining;
    expect(quota).toBeLessThan(200_000);

    const again = run(t, 'syncAnalytics');
    expect(again.value).toMatchObject({ created: 0, updated: 0, unchanged: 8 * 2 + 31 * 3 });
    expect(rows(t, 'Analytics')).toEqual(analytics);
  });

  test("days GA4 was still processing are updated by the next day's run, without new rows for them", async () => {
    const t = await freshApp();
    setSetting(t, 'GA4_PROPERTY_ID', '123456789', AT);
    run(t, 'syncAnalytics');
    const before = rows(t, 'Analytics');
    const dim = col(t, 'Analytics', 'Dimension');
    const users = col(t, 'Analytics', 'Active Users');
    const dayKey = (v: unknown) => String(v).slice(0, 10);
    const find = (list: unknown[][], day: string) => list.find((r) => r[dim] === 'newVsReturning:returning' && dayKey(r[0]) === day) as unknown[];

    const next = new Date(AT.getTime() + 24 * HOUR);
    await fake.configure({ clockMs: next.getTime() });
    const later = run(t, 'syncAnalytics', next);
    expect(later.error).toBeUndefined();
    const after = rows(t, 'Analytics');
    expect(Number(find(after, D)[users])).toBeGreaterThan(Number(find(before, D)[users]));
    expect(after.filter((r) => r[dim] === 'newVsReturning:returning' && dayKey(r[0]) === D)).toHaveLength(1);
    expect(find(after, '2026-01-06')[col(t, 'Analytics', 'Status')]).toBe('final');
  });

  test('a property without traffic: no rows and no error; a refused property: a clear error, the sheet untouched', async () => {
    const t = await freshApp();
    setSetting(t, 'GA4_PROPERTY_ID', '123456789', AT);
    await fake.configure({ ga4: { empty: true } });
    const quiet = run(t, 'syncAnalytics');
    expect(quiet.error).toBeUndefined();
    expect(quiet.value).toMatchObject({ outcome: 'synced', rows: 0, created: 0 });
    expect(rows(t, 'Analytics')).toEqual([]);

    setSetting(t, 'GA4_PROPERTY_ID', 'properties/987654321', AT);
    const denied = run(t, 'syncAnalytics');
    expect(denied.error?.message).toMatch(/^GA4 Data API answered 403: User does not have sufficient permissions for this property/);
    expect(rows(t, 'Analytics')).toEqual([]);
    const { response } = t.app.get('action=health', AT);
    const body = JSON.parse(response.body) as { healthy: boolean; problems: string[] };
    expect(body.problems.some((p) => /observability: failing: ga4: GA4 Data API answered 403/.test(p))).toBe(true);
  });

  test('429 with Retry-After: the job fails once, then waits without asking until the time has passed', async () => {
    const t = await freshApp();
    setSetting(t, 'GA4_PROPERTY_ID', '123456789', AT);
    await fake.configure({ ga4: { mode: { rateLimit: { retryAfter: 600, times: 1 } } } });
    const limited = run(t, 'syncAnalytics');
    expect(limited.error?.message).toMatch(/GA4 Data API answered 429: Exhausted property tokens per hour/);
    await fake.server.clear();
    const soon = run(t, 'syncAnalytics', new Date(AT.getTime() + 5 * 60_000));
    expect(soon.value).toMatchObject({ outcome: 'waiting' });
    expect(await fake.server.requests()).toEqual([]);
    const later = run(t, 'syncAnalytics', new Date(AT.getTime() + 11 * 60_000));
    expect(later.value).toMatchObject({ outcome: 'synced' });
  });

  test('a nearly spent property quota makes the next run wait instead of failing half-way', async () => {
    const t = await freshApp();
    setSetting(t, 'GA4_PROPERTY_ID', '123456789', AT);
    await fake.configure({ ga4: { tokensPerHour: 80 } });
    const first = run(t, 'syncAnalytics');
    expect(first.value).toMatchObject({ outcome: 'synced' });
    await fake.server.clear();
    const second = run(t, 'syncAnalytics', new Date(AT.getTime() + 60_000));
    expect(second.value).toMatchObject({ outcome: 'waiting', message: expect.stringMatching(/tokens left this hour/) });
    expect(await fake.server.requests()).toEqual([]);
  });
});

describe('syncMonitoring', () => {
  test('pushes each KPI day once as gauges and a ProgressUpdate event, and reads the last 24 h into Service Health', async () => {
    const t = await freshApp();
    monitoring(t);
    const first = run(t, 'syncMonitoring');
    expect(first.error).toBeUndefined();
    // Pull ×2, New Relic metrics + events, Datadog series + one event a day (×3): one round trip.
    expect(first.stats.calls['UrlFetchApp']).toEqual({ fetchAll: 1 });
    expect(first.value).toMatchObject({
      requests: 8,
      newrelic: { push: 'pushed', pushedDays: ['2026-01-05', '2026-01-06', D], pull: 'read' },
      datadog: { push: 'pushed', pushedDays: ['2026-01-05', '2026-01-06', D], pull: 'read' },
    });
    const requests = await fake.server.requests();
    const byHost = (h: string) => requests.filter((r) => r.target.startsWith(h));
    expect(byHost('https://metric-api.newrelic.com/metric/v1')[0]?.headers['api-key']).toBe(KEYS.NEW_RELIC_LICENSE_KEY);
    expect(byHost('https://api.newrelic.com/graphql')[0]?.headers['api-key']).toBe(KEYS.NEW_RELIC_USER_KEY);
    expect(byHost('https://api.datadoghq.com/api/v1/query')[0]?.headers).toMatchObject({
      'dd-api-key': KEYS.DATADOG_API_KEY,
      'dd-application-key': KEYS.DATADOG_APP_KEY,
    });
    // Sending never carries the application key: it reads.
    expect(byHost('https://api.datadoghq.com/api/v2/series')[0]?.headers['dd-application-key']).toBeUndefined();

    const state = await fake.state();
    const nr = state.newrelic.metrics.filter((m) => m.attributes?.['day'] === D);
    expect(Object.fromEntries(nr.map((m) => [m.name, m.value]))).toEqual({
      'Custom/Progress/OverallProgress': 0.7,
      'Custom/Progress/TaskCompletionRate': 0.85,
      'Custom/Progress/QualityScore': 4.2,
      'Custom/Progress/TeamSatisfaction': 4.3,
      'Custom/Progress/BlockerCount': 2,
      'Custom/Progress/CodeReviewTime': 5.5,
      'Custom/Progress/DeploySuccessRate': 0.95,
    });
    expect(state.newrelic.metrics).toHaveLength(21);
    expect(state.newrelic.events.map((e) => [e['eventType'], e['day'], e['overallProgress'], e['qualityScore'], e['teamSize']])).toEqual([
      ['ProgressUpdate', '2026-01-05', 0.62, 4.2, 2],
      ['ProgressUpdate', '2026-01-06', 0.65, 4.2, 2],
      ['ProgressUpdate', D, 0.7, 4.2, 2],
    ]);
    expect(state.datadog.series).toHaveLength(21);
    expect(state.datadog.series.filter((s) => s.dropped)).toEqual([]);
    expect(state.datadog.series.find((s) => s.metric === 'custom.progress.blocker_count' && s.tags.includes(`day:${D}`))?.value).toBe(2);
    expect(state.datadog.events.map((e) => e['title'])).toEqual(['ProgressUpdate 2026-01-05', 'ProgressUpdate 2026-01-06', `ProgressUpdate ${D}`]);

    // Service Health: one row a service, the error rate a fraction (New Relic 432 / 86,400; Datadog 18/h over 3,600/h).
    const health = rows(t, 'Service Health');
    const service = col(t, 'Service Health', 'Service');
    const rate = col(t, 'Service Health', 'Error Rate');
    const nrRow = health.find((r) => r[service] === 'New Relic') as unknown[];
    const ddRow = health.find((r) => r[service] === 'Datadog') as unknown[];
    expect(health).toHaveLength(2);
    expect(nrRow[rate]).toBe(0.005);
    expect(nrRow.slice(2, 7)).toEqual([23.4, 812.5, 245.3, 432, 86_400]);
    expect(ddRow[rate]).toBe(0.005);
    // Datadog's hourly points move around the model's figures (1.6 GB used, 182 ms): averaged, in MB and ms.
    const within = (v: unknown, centre: number) => Math.abs(Number(v) - centre) / centre < 0.02;
    expect(within(ddRow[col(t, 'Service Health', 'Memory (MB)')], 1638.4)).toBe(true);
    expect(within(ddRow[col(t, 'Service Health', 'Response Time (ms)')], 182)).toBe(true);

    // Again: nothing is pushed twice; the health rows are updated in place.
    await fake.server.clear();
    const again = run(t, 'syncMonitoring', new Date(AT.getTime() + 5 * 60_000));
    expect(again.value).toMatchObject({ requests: 2, newrelic: { push: 'nothing to push' }, datadog: { push: 'nothing to push' } });
    const after = await fake.state();
    expect(after.newrelic.metrics).toHaveLength(21);
    expect(after.datadog.events).toHaveLength(3);
    expect(rows(t, 'Service Health')).toHaveLength(2);
  });

  test('a Datadog outage loses nothing: New Relic is pushed, Datadog gets the same days once it is back', async () => {
    const t = await freshApp();
    monitoring(t);
    await fake.configure({ datadog: { mode: { outage: { status: 503 } } } });
    const down = run(t, 'syncMonitoring');
    expect(down.error?.message).toMatch(/Datadog series answered 503: Service Unavailable/);
    const errors = rows(t, 'Errors');
    expect(errors).toHaveLength(1);
    for (const secret of Object.values(KEYS).filter((v) => v.length > 20)) expect(JSON.stringify(errors)).not.toContain(secret);
    const during = await fake.state();
    expect(during.newrelic.metrics).toHaveLength(21);
    expect(during.datadog.series).toHaveLength(0);
    expect(rows(t, 'Service Health').map((r) => r[1])).toEqual(['New Relic']);

    await fake.configure({ datadog: { mode: {} } });
    const back = run(t, 'syncMonitoring', new Date(AT.getTime() + 10 * 60_000));
    expect(back.error).toBeUndefined();
    expect(back.value).toMatchObject({
      newrelic: { push: 'nothing to push' },
      datadog: { push: 'pushed', pushedDays: ['2026-01-05', '2026-01-06', D] },
    });
    const after = await fake.state();
    expect(after.newrelic.metrics).toHaveLength(21);
    expect(after.datadog.series).toHaveLength(21);
    expect(after.datadog.events).toHaveLength(3);
  });

  test('New Relic 429: Retry-After is honoured, then the missed day goes out once', async () => {
    const t = await freshApp();
    monitoring(t, 'newrelic');
    await fake.configure({ newrelic: { mode: { rateLimit: { retryAfter: 300, times: 3 } } } });
    const limited = run(t, 'syncMonitoring');
    expect(limited.error?.message).toMatch(/New Relic .*answered 429/);
    await fake.server.clear();
    const waiting = run(t, 'syncMonitoring', new Date(AT.getTime() + 2 * 60_000));
    expect(waiting.error).toBeUndefined();
    expect(waiting.value).toMatchObject({ requests: 0, newrelic: { push: 'waiting', pull: 'waiting' } });
    expect(await fake.server.requests()).toEqual([]);
    const { response } = t.app.get('action=health', new Date(AT.getTime() + 2 * 60_000));
    const health = JSON.parse(response.body) as { healthy: boolean; problems: string[] };
    expect(health.healthy).toBe(false);
    expect(health.problems.find((p) => p.startsWith('observability:'))).toMatch(
      /^observability: failing: newrelic: New Relic .* answered 429: Too many requests.*; ga4 not configured, datadog not configured$/,
    );
    const later = run(t, 'syncMonitoring', new Date(AT.getTime() + 6 * 60_000));
    expect(later.error).toBeUndefined();
    expect((await fake.state()).newrelic.events).toHaveLength(3);
  });

  test("an EU key sent to New Relic's US data centre is refused, naming the region", async () => {
    const t = await freshApp();
    monitoring(t, 'newrelic');
    setProperty(t, 'NEW_RELIC_LICENSE_KEY', `eu01xx${'a1b2c3'.repeat(5)}NRAL`);
    const wrong = run(t, 'syncMonitoring');
    expect(wrong.error?.message).toMatch(/New Relic metrics answered 403: This license key belongs to the EU data center/);
  });

  test('an error rate above ALERT_ERROR_RATE_ABOVE alerts in chat and emails the managers, once a day', async () => {
    const t = await freshApp();
    monitoring(t, 'newrelic');
    setSetting(t, 'MANAGER_EMAILS', 'boss@example.com', AT);
    setProperty(t, 'SLACK_WEBHOOK_URL', 'https://hooks.slack.com/services/T0/B0/not-real');
    await fake.configure({ newrelic: { health: { requests: 10_000, errors: 820, responseTimeMs: 900, cpuPercent: 88, memoryMb: 2048 } } });
    const first = run(t, 'syncMonitoring');
    expect(first.error).toBeUndefined();
    expect(first.value['alerts']).toMatchObject({
      raised: [
        { rule: 'errorRate', via: 'chat', text: 'エラー率 8.2% が基準 5.0% を超えています' },
        { rule: 'errorRate', via: 'email' },
      ],
    });
    const mail = readMail(t.state());
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe(`[shinchoku] エラー率が基準を超えています（${D}: 8.2%）`);
    expect(mail[0]?.body).toContain('New Relic: 8.2% (820 / 10000)');
    const outbox = (dumpWorkbook(t.state(), { sheet: 'Outbox' })['Outbox'] ?? []).flat();
    expect(outbox).toContain(`kpi-alert:errorRate:team:${D}:8.2%`);

    // The KPI job reads the same row: the alert is not raised again.
    const kpi = t.app.run('computeDailyKpis', { at: new Date(AT.getTime() + 60_000) });
    expect(kpi.error).toBeUndefined();
    expect(
      (kpi.value as { alerts: { raised: Array<{ rule: string }>; repeated: number } }).alerts.raised.filter((r) => r.rule === 'errorRate'),
    ).toEqual([]);
    expect(readMail(t.state())).toHaveLength(1);
  });

  test('the KPI job raises the error-rate alert from a Service Health row typed in by hand', async () => {
    const t = await freshApp();
    appendRows(t.state(), 'Service Health', [{ Date: D, Service: 'Datadog', 'Error Count': 70, 'Request Count': 1000, 'Error Rate': 0.07 }]);
    t.state().save();
    const kpi = t.app.run('computeDailyKpis', { at: AT });
    expect(kpi.error).toBeUndefined();
    const raised = (kpi.value as { alerts: { raised: Array<{ rule: string; text: string }> } }).alerts.raised;
    expect(raised.find((r) => r.rule === 'errorRate')?.text).toBe('エラー率 7.0% が基準 5.0% を超えています');
  });
});

describe('product usage in the reports', () => {
  test('the daily summary and the weekly report gain a product-usage part from Analytics', async () => {
    const t = await freshApp();
    setSetting(t, 'GA4_PROPERTY_ID', '123456789', AT);
    setSetting(t, 'REPORT_RECIPIENTS', 'team@example.com', AT);
    setProperty(t, 'SLACK_WEBHOOK_URL', 'https://hooks.slack.com/services/T0/B0/not-real');
    expect(run(t, 'syncAnalytics').error).toBeUndefined();

    const summary = t.app.run('sendDailySummary', { at: new Date(`${D}T18:30:00+09:00`) });
    expect(summary.error).toBeUndefined();
    const outbox = JSON.stringify(dumpWorkbook(t.state(), { sheet: 'Outbox' })['Outbox'] ?? []);
    expect(outbox).toContain('📈 プロダクト利用状況（12/31〜01/06）');
    expect(outbox).toMatch(/アクティブユーザー（日平均）: \d+/);
    expect(outbox).toMatch(/キーイベント sign_up: \d+（前週比 [+−]\d+%）/);

    const weekly = t.app.run('sendWeeklyReport', { at: AT });
    expect(weekly.error).toBeUndefined();
    const mail = readMail(t.state()).find((m) => m.to === 'team@example.com');
    expect(mail?.body).toContain('■ 📈 プロダクト利用状況（12/29〜01/04）');
    expect(mail?.body).toMatch(/エンゲージメント率: \d+\.\d%/);
    expect(mail?.htmlBody).toContain('📈 プロダクト利用状況（12/29〜01/04）');
  });

  test('without GA4 the reports have no usage part and read no Analytics', async () => {
    const t = await freshApp();
    setProperty(t, 'SLACK_WEBHOOK_URL', 'https://hooks.slack.com/services/T0/B0/not-real');
    const summary = t.app.run('sendDailySummary', { at: new Date(`${D}T18:30:00+09:00`) });
    expect(summary.error).toBeUndefined();
    expect(JSON.stringify(dumpWorkbook(t.state(), { sheet: 'Outbox' })['Outbox'] ?? [])).not.toContain('プロダクト利用状況');
  });
});

describe('the setup sidebar', () => {
  const form = {
    GA4_PROPERTY_ID: '123456789',
    NEW_RELIC_LICENSE_KEY: KEYS.NEW_RELIC_LICENSE_KEY,
    NEW_RELIC_USER_KEY: KEYS.NEW_RELIC_USER_KEY,
    NEW_RELIC_ACCOUNT_ID: KEYS.NEW_RELIC_ACCOUNT_ID,
    NEW_RELIC_ENTITY_GUID: KEYS.NEW_RELIC_ENTITY_GUID,
    NEW_RELIC_REGION: 'US',
    DATADOG_API_KEY: KEYS.DATADOG_API_KEY,
    DATADOG_APP_KEY: KEYS.DATADOG_APP_KEY,
    DATADOG_SITE: 'datadoghq.com',
  };
  type Answer = {
    ok: boolean;
    checks: Array<{ service: string; ok: boolean; field: string; message: string }>;
    errors?: Array<{ field: string; message: string }>;
  };
  const save = (t: TestApp, f: Record<string, string>) => {
    const result = throughProxy(fake.url, () => t.app.run('saveSetup', { args: [f], at: AT }));
    expect(result.error).toBeUndefined();
    return result.value as Answer;
  };

  test('checks each key live with its service before saving: GA4, both New Relic keys, both Datadog keys', async () => {
    const t = await freshApp();
    const answer = save(t, form);
    expect(answer.checks.map((c) => [c.service, c.field, c.ok])).toEqual([
      ['GA4', 'GA4_PROPERTY_ID', true],
      ['New Relic', 'NEW_RELIC_LICENSE_KEY', true],
      ['New Relic', 'NEW_RELIC_USER_KEY', true],
      ['Datadog', 'DATADOG_API_KEY', true],
      ['Datadog', 'DATADOG_APP_KEY', true],
    ]);
    expect(answer.ok).toBe(true);
    expect(t.prop('NEW_RELIC_USER_KEY')).toBe(KEYS.NEW_RELIC_USER_KEY);
    expect(t.prop('DATADOG_APP_KEY')).toBe(KEYS.DATADOG_APP_KEY);
    expect(t.sheet('Settings').find((r) => r[0] === 'GA4_PROPERTY_ID')?.[1]).toBe('123456789');
    // Nothing was pushed by checking: an empty metric batch, reads only.
    const state = await fake.state();
    expect([state.newrelic.metrics.length, state.newrelic.events.length, state.datadog.series.length, state.datadog.events.length]).toEqual([
      0, 0, 0, 0,
    ]);
  });

  test('a key of another Datadog site or a mistyped New Relic account is refused and nothing is saved', async () => {
    const t = await freshApp();
    const answer = save(t, { ...form, DATADOG_SITE: 'datadoghq.eu', NEW_RELIC_ACCOUNT_ID: '7654321' });
    expect(answer.ok).toBe(false);
    expect(answer.errors?.map((e) => e.field).sort()).toEqual(['DATADOG_API_KEY', 'DATADOG_APP_KEY', 'NEW_RELIC_ACCOUNT_ID']);
    expect(answer.errors?.find((e) => e.field === 'DATADOG_API_KEY')?.message).toMatch(/Datadog がキーを受け付けませんでした（Forbidden）/);
    expect(t.prop('DATADOG_API_KEY')).toBeNull();
    expect(t.prop('NEW_RELIC_LICENSE_KEY')).toBeNull();
    const bad = save(t, { NEW_RELIC_USER_KEY: KEYS.NEW_RELIC_LICENSE_KEY, DATADOG_API_KEY: 'not-a-key' });
    expect(bad.errors?.map((e) => e.field).sort()).toEqual(['DATADOG_API_KEY', 'NEW_RELIC_USER_KEY']);
  });
});
