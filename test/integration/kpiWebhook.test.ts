import { setScriptProperty } from '../../local/services/properties';
import { ALL_TABLES, KPI_TRACKING } from '../../src/sheets/tables';
import { newApp, spreadsheetCalls, type TestApp } from '../helpers/app';

const HEADERS = [
  'Date',
  'Overall Progress',
  'Task Completion Rate',
  'Quality Score',
  'Team Satisfaction',
  'Blockers Count',
  'Code Review Time',
  'Deploy Success Rate',
];
const snapshot = {
  overall_progress: 0.72,
  task_completion_rate: 85,
  quality_score: 4.2,
  team_satisfaction: 4,
  blockers_count: 2,
  avg_review_time: 5.5,
  deploy_success_rate: 0.95,
};
const AT = new Date('2026-01-05T18:00:00+09:00');

/** KPI Tracking's data rows, in the contract's columns (the derived formula columns that follow are tested in sheetFormulas.test.ts). */
function kpiRows(t: TestApp): unknown[][] {
  return t
    .sheet('KPI Tracking')
    .filter((r, i) => i === 0 || r[0] !== '')
    .map((r) => r.slice(0, HEADERS.length));
}

async function setUp(): Promise<
  TestApp & {
    token: string;
    post: (
      body: unknown,
      query?: string,
      at?: Date,
    ) => { answer: Record<string, unknown>; stats: { calls: Record<string, Record<string, number>>; modeledMs: number } };
  }
> {
  const t = await newApp();
  const setup = t.app.run('setup', { at: new Date('2026-01-01T09:00:00+09:00') });
  expect(setup.error).toBeUndefined();
  const token = t.prop('WEBHOOK_TOKEN_PROGRESS') as string;
  return {
    ...t,
    token,
    post(body, query = `source=progress&token=${token}`, at = AT) {
      const { response, result } = t.app.post(query, typeof body === 'string' ? body : JSON.stringify(body), 'application/json', at);
      expect(response.mimeType).toBe('application/json');
      return { answer: JSON.parse(response.body) as Record<string, unknown>, stats: result.stats };
    },
  };
}

describe('KPI snapshot webhook through build/Code.js', () => {
  test('the header contract is the declared schema', () => {
    // The sheet area adds Overrides and Computed after the contract's columns.
    expect(KPI_TRACKING.columns.map((c) => c.header).slice(0, HEADERS.length)).toEqual(HEADERS);
  });

  test("adds today's row with rates as fractions, in at most 3 Spreadsheet calls", async () => {
    const t = await setUp();
    const { answer, stats } = t.post(snapshot);
    expect(answer).toEqual({ ok: true, date: '2026-01-05', action: 'created' });
    expect(kpiRows(t)).toEqual([HEADERS, ['2026-01-05', 0.72, 0.85, 4.2, 4, 2, 5.5, 0.95]]);
    expect(spreadsheetCalls(stats)).toBeLessThanOrEqual(3);
    expect(stats.calls['UrlFetchApp']).toBeUndefined();
  });

  test('a second snapshot the same day updates that row; the next day adds one', async () => {
    const t = await setUp();
    t.post(snapshot);
    expect(t.post({ ...snapshot, overall_progress: 75, blockers_count: 1 }, undefined, new Date('2026-01-05T21:00:00+09:00')).answer).toMatchObject({
      action: 'updated',
    });
    expect(t.post({ ...snapshot, overall_progress: 75, blockers_count: 1 }, undefined, new Date('2026-01-05T22:00:00+09:00')).answer).toMatchObject({
      action: 'unchanged',
    });
    expect(t.post(snapshot, undefined, new Date('2026-01-06T09:00:00+09:00')).answer).toMatchObject({ action: 'created', date: '2026-01-06' });
    const rows = kpiRows(t);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual(['2026-01-05', 0.75, 0.85, 4.2, 4, 1, 5.5, 0.95]);
  });

  test("the day is the sheet's: 00:30 in Tokyo is already the next day", async () => {
    const t = await setUp();
    expect(t.post(snapshot, undefined, new Date('2026-01-05T15:30:00Z')).answer).toMatchObject({ date: '2026-01-06' });
    expect(t.post(snapshot, undefined, new Date('2026-01-05T14:59:00Z')).answer).toMatchObject({ date: '2026-01-05' });
  });

  test('a wrong or missing token writes nothing', async () => {
    const t = await setUp();
    const before = t.sheet('KPI Tracking');
    for (const query of ['source=progress&token=wrong', 'source=progress', `source=progress&token=${t.token}x`]) {
      expect(t.post(snapshot, query).answer).toEqual({ ok: false, error: 'missing or wrong token' });
    }
    expect(t.post(snapshot, `source=nope&token=${t.token}`).answer).toEqual({
      ok: false,
      error: expect.stringMatching(/^unknown source "nope": expected one of .*progress/),
    });
    expect(t.sheet('KPI Tracking')).toEqual(before);
  });

  test('bad bodies name what is wrong and write nothing', async () => {
    const t = await setUp();
    const cases: Array<[unknown, string]> = [
      ['{"overall_progress": 0.5', 'the request body is not valid JSON'],
      ['', 'the request body is empty'],
      [{ ...snapshot, quality_score: 9 }, 'field "quality_score" must be a score from 1 to 5, got 9'],
      [{ ...snapshot, blockers_count: undefined }, 'missing field "blockers_count"'],
      [{ ...snapshot, task_completion_rate: 140 }, 'field "task_completion_rate" must be a fraction from 0 to 1'],
    ];
    for (const [body, error] of cases) {
      const { answer } = t.post(body);
      expect(answer['ok']).toBe(false);
      expect(String(answer['error'])).toContain(error);
    }
    expect(kpiRows(t)).toEqual([HEADERS]);
  });

  test('before setup there is no token, and the answer says to run setup', async () => {
    const t = await newApp();
    const { response } = t.app.post('source=progress&token=x', JSON.stringify(snapshot), 'application/json', AT);
    expect(JSON.parse(response.body)).toEqual({ ok: false, error: 'the progress webhook has no token yet: run setup first' });
  });

  test("a person's columns and order survive a snapshot", async () => {
    const t = await setUp();
    t.post(snapshot);
    // Someone adds their own Notes column after a gap past the last column and types a formula into it.
    const width = (t.sheet('KPI Tracking')[0] ?? []).length;
    const letter = (i: number) => (i < 26 ? '' : String.fromCharCode(64 + Math.floor(i / 26))) + String.fromCharCode(65 + (i % 26));
    t.app.edit(`KPI Tracking!${letter(width + 1)}1`, 'Notes');
    t.app.edit(`KPI Tracking!${letter(width + 1)}2`, '=1+1');
    t.post({ ...snapshot, overall_progress: 0.8 });
    const rows = t.sheet('KPI Tracking');
    expect(rows[0]?.slice(0, HEADERS.length)).toEqual(HEADERS);
    expect(rows[0]?.slice(width)).toEqual(['', 'Notes']);
    expect(rows[1]?.slice(0, HEADERS.length)).toEqual(['2026-01-05', 0.8, 0.85, 4.2, 4, 2, 5.5, 0.95]);
    expect(rows[1]?.slice(width)).toEqual(['', 2]);
  });

  test('the token never reaches a sheet or a log', async () => {
    const t = await setUp();
    t.post(snapshot);
    t.post('{bad', `source=progress&token=${t.token}`);
    const everything = JSON.stringify([t.sheet('KPI Tracking'), t.sheet('Settings'), t.sheet('Members'), t.logs]);
    expect(everything).not.toContain(t.token);
  });
});

describe('KPI webhook: dates, order and alerts', () => {
  /** KPI Tracking's rows as records by header, derived columns included. */
  function kpiRecords(t: TestApp): Array<Record<string, unknown>> {
    const [header = [], ...rows] = t.sheet('KPI Tracking');
    return rows.filter((r) => r[0] !== '').map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
  }

  test("a date after tomorrow in the sheet's time zone is refused and nothing is written; tomorrow is accepted", async () => {
    const t = await setUp();
    for (const date of ['9999-12-31', '2026-01-07']) {
      const { answer } = t.post({ ...snapshot, date });
      expect(answer).toEqual({
        ok: false,
        error: `field "date" must be between 2000-01-01 and 2026-01-06 (tomorrow in the sheet's time zone), got "${date}"`,
      });
    }
    expect(t.post({ ...snapshot, date: '1999-12-31' }).answer['ok']).toBe(false);
    expect(kpiRows(t)).toEqual([HEADERS]);
    // 00:30 on the 6th in Tokyo is still the 5th in UTC: "tomorrow" is the sheet's, the 7th.
    expect(t.post({ ...snapshot, date: '2026-01-07' }, undefined, new Date('2026-01-05T15:30:00Z')).answer).toMatchObject({
      ok: true,
      date: '2026-01-07',
    });
  });

  test('a backfilled day takes its place by date at once, and Day-over-Day reads the right rows', async () => {
    const t = await setUp();
    const at = new Date('2026-01-07T18:00:00+09:00');
    t.post({ ...snapshot, overall_progress: 0.5, date: '2026-01-05' }, undefined, at);
    t.post({ ...snapshot, overall_progress: 0.8 }, undefined, at);
    const past = t.post({ ...snapshot, overall_progress: 0.6, date: '2026-01-06' }, undefined, at);
    expect(past.answer).toEqual({ ok: true, date: '2026-01-06', action: 'created' });
    const rows = kpiRecords(t);
    expect(rows.map((r) => [r['Date'], r['Overall Progress']])).toEqual([
      ['2026-01-05', 0.5],
      ['2026-01-06', 0.6],
      ['2026-01-07', 0.8],
    ]);
    expect(rows[1]?.['Day-over-Day Progress']).toBeCloseTo(0.1, 9);
    expect(rows[2]?.['Day-over-Day Progress']).toBeCloseTo(0.2, 9);
    // Updating the past day keeps the order, and today's row is still the last one ("latest" on the Dashboard).
    expect(t.post({ ...snapshot, overall_progress: 0.7, date: '2026-01-06' }, undefined, at).answer).toMatchObject({ action: 'updated' });
    expect(kpiRecords(t).map((r) => r['Date'])).toEqual(['2026-01-05', '2026-01-06', '2026-01-07']);
    expect(kpiRecords(t)[2]?.['Day-over-Day Progress']).toBeCloseTo(0.1, 9);
  });

  test('a snapshot that breaks a threshold raises its alert on the next tick; a later, different figure raises again', async () => {
    const t = await newApp('fake');
    expect(t.app.run('setup', { at: new Date('2026-01-01T09:00:00+09:00') }).error).toBeUndefined();
    const state = t.state();
    setScriptProperty(state, 'SLACK_BOT_TOKEN', 'xoxb-test-token');
    state.save();
    const token = t.prop('WEBHOOK_TOKEN_PROGRESS') as string;
    const post = (body: unknown, at: Date) =>
      JSON.parse(t.app.post(`source=progress&token=${token}`, JSON.stringify(body), 'application/json', at).response.body) as unknown;
    const alertKeys = () =>
      (t.sheet('Outbox') ?? [])
        .flat()
        .filter((v): v is string => typeof v === 'string' && v.startsWith('kpi-alert:'))
        .sort();

    // A morning snapshot: nothing is done yet, 0 % task completion.
    expect(post({ ...snapshot, task_completion_rate: 0 }, new Date('2026-01-05T09:00:00+09:00'))).toMatchObject({ ok: true, action: 'created' });
    expect(t.prop('KPI_ALERTS_PENDING')).toBe('2026-01-05');
    const ticks = t.app.tick(new Date('2026-01-05T09:00:30+09:00'), new Date('2026-01-05T09:01:30+09:00'));
    expect(ticks.every((f) => !f.result.error)).toBe(true);
    expect(alertKeys()).toEqual(['kpi-alert:taskCompletion:team:2026-01-05:0.0%']);
    expect(t.prop('KPI_ALERTS_PENDING')).toBeNull();

    // The evening's real figure still breaks the rule: its alert goes out too, instead of "repeated".
    post({ ...snapshot, task_completion_rate: 0.72 }, new Date('2026-01-05T18:00:00+09:00'));
    t.app.tick(new Date('2026-01-05T18:00:30+09:00'), new Date('2026-01-05T18:01:30+09:00'));
    expect(alertKeys()).toEqual(['kpi-alert:taskCompletion:team:2026-01-05:0.0%', 'kpi-alert:taskCompletion:team:2026-01-05:72.0%']);
    expect(JSON.stringify(t.sheet('Outbox'))).toContain('タスク完了率 72.0% が基準 80.0% を下回っています');

    // The same figure again is no news, and the 23:30 job repeats what the snapshot already raised.
    expect(post({ ...snapshot, task_completion_rate: 0.72 }, new Date('2026-01-05T19:00:00+09:00'))).toMatchObject({ action: 'unchanged' });
    expect(t.prop('KPI_ALERTS_PENDING')).toBeNull();
    const job = t.app.run('computeDailyKpis', { at: new Date('2026-01-05T23:30:00+09:00') });
    expect(job.error).toBeUndefined();
    expect(job.value).toMatchObject({ alerts: { raised: [], repeated: 1 } });
    expect(alertKeys()).toHaveLength(2);

    // A backfilled day is history: no alert for it.
    post({ ...snapshot, task_completion_rate: 0.1, date: '2026-01-02' }, new Date('2026-01-06T09:00:00+09:00'));
    expect(t.prop('KPI_ALERTS_PENDING')).toBeNull();
  });
});

describe('setup', () => {
  test('creates the sheets and a long random token once; running it again changes nothing', async () => {
    const t = await newApp();
    const first = t.app.run('setup', { at: new Date('2026-01-01T09:00:00+09:00') });
    expect(first.error).toBeUndefined();
    expect(first.value).toMatchObject({
      sheetsCreated: ALL_TABLES.map((t) => t.name),
      tokensCreated: ['WEBHOOK_TOKEN_PROGRESS', 'WEBHOOK_TOKEN_GITHUB', 'WEBHOOK_TOKEN_GITLAB'],
      timeZone: 'Asia/Tokyo',
    });
    const token = t.prop('WEBHOOK_TOKEN_PROGRESS');
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(t.prop('WEBHOOK_TOKEN_GITHUB')).toMatch(/^[0-9a-f]{64}$/);
    expect(t.prop('WEBHOOK_TOKEN_GITHUB')).not.toBe(token);
    expect(t.sheet('Settings').slice(0, 2)).toEqual([
      ['Key', 'Value', 'Description'],
      ['LANGUAGE', 'ja', expect.stringContaining('ja')],
    ]);

    t.app.edit('Settings!B2', 'en');
    const second = t.app.run('setup');
    expect(second.value).toMatchObject({ sheetsCreated: [], tokensCreated: [], settingsAdded: 0 });
    expect(t.prop('WEBHOOK_TOKEN_PROGRESS')).toBe(token);
    expect(t.sheet('Settings')[1]?.[1]).toBe('en');
  });
});
