import { dumpWorkbook } from '../../local/services/spreadsheet';
import { readUi } from '../../local/services/spreadsheet/ui';
import { runSnippet } from '../helpers/runtime';
import { readMail } from '../../local/services/mail';
import { setScriptProperty } from '../../local/services/properties';
import { newApp, spreadsheetCalls, type TestApp } from '../helpers/app';
import { appendRows } from '../helpers/sheetRows';

/**
 * computeDailyKpis through build/Code.js: the day's KPI Tracking row from the team's tables. Every expectation is
 * worked out here from the raw rows, not by the code under test.
 */

const D = '2026-01-07';
const AT = new Date(`${D}T23:30:00+09:00`);
const KPI_HEADERS = [
  'Overall Progress',
  'Task Completion Rate',
  'Quality Score',
  'Team Satisfaction',
  'Blockers Count',
  'Code Review Time',
  'Deploy Success Rate',
];

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

async function setUp(): Promise<TestApp> {
  const t = await newApp();
  const setup = t.app.run('setup', { at: new Date('2026-01-01T09:00:00+09:00') });
  expect(setup.error).toBeUndefined();
  return t;
}

function seed(t: TestApp): void {
  const state = t.state();
  appendRows(state, 'Projects', [
    { Name: 'Alpha', Active: true },
    { Name: 'Beta', Active: false },
  ]);
  appendRows(state, 'Tasks', [
    { ID: 'T1', Project: 'Alpha', Status: 'done', Weight: 2, 'Planned Date': D, 'Done At': `${D} 10:00` },
    { ID: 'T2', Project: 'Alpha', Status: 'done', Weight: 1, 'Due Date': D, 'Done At': '2026-01-06 15:00' },
    { ID: 'T3', Project: 'Alpha', Status: 'in progress', Weight: 3, 'Due Date': D },
    { ID: 'T4', Project: 'Alpha', Status: 'done', 'Done At': '2026-01-08 09:00' },
    { ID: 'T5', Project: 'Beta', Status: 'done', Weight: 5, 'Due Date': D, 'Done At': `${D} 11:00` },
    { ID: 'T6', Status: 'todo', Weight: 1, 'Planned Date': '2026-01-08' },
    { ID: 'T7', Project: 'Gamma', Status: 'done', Weight: 2 },
    { ID: 'T8', Project: 'Alpha', Status: 'done', Weight: 0.5, 'Planned Date': D, 'Done At': `${D} 18:00` },
  ]);
  appendRows(state, 'Daily Reports', [
    { Date: D, Member: 'A', Mood: 4 },
    { Date: D, Member: 'B', Mood: 3 },
    { Date: D, Member: 'C', Mood: 5 },
    { Date: D, Member: 'D', Done: 'no mood given' },
    { Date: '2026-01-06', Member: 'A', Mood: 1 },
  ]);
  appendRows(state, 'Blockers', [
    { ID: 'B1', 'Opened At': '2026-01-05 10:00', Status: 'open' },
    { ID: 'B2', 'Opened At': '2026-01-04 10:00', Status: 'resolved', 'Resolved At': `${D} 14:00` },
    { ID: 'B3', 'Opened At': '2026-01-06 10:00', Status: 'resolved', 'Resolved At': '2026-01-08 10:00' },
    { ID: 'B4', 'Opened At': '2026-01-08 10:00', Status: 'open' },
    { ID: 'B5', 'Opened At': '2026-01-02 10:00', Status: 'resolved' },
    { ID: 'B6', Status: 'open' },
  ]);
  appendRows(state, 'Deployments', [
    { Repository: 'o/r', 'Deployment ID': 'd1', Environment: 'production', State: 'success', Finished: '2026-01-03 12:00', Source: 'deployment' },
    { Repository: 'o/r', 'Deployment ID': 'd2', Environment: 'production', State: 'failure', Finished: '2026-01-05 12:00', Source: 'deployment' },
    { Repository: 'o/r', 'Deployment ID': 'd3', Environment: 'production', State: 'success', Finished: `${D} 12:00`, Source: 'deployment' },
    { Repository: 'o/r', 'Deployment ID': 'd4', Environment: 'production', State: 'error', Finished: '2025-12-31 12:00', Source: 'deployment' },
    { Repository: 'o/r', 'Deployment ID': 'd5', Environment: 'production', State: 'success', Finished: '2026-01-08 12:00', Source: 'deployment' },
    { Repository: 'o/r', 'Deployment ID': 'd6', Environment: 'production', State: 'pending', Source: 'deployment' },
  ]);
  appendRows(state, 'GitHub Metrics', [
    { Period: "'2026-01-07", 'Code Review Time': 5.25, Deployments: 1, 'Change Failure Rate': 0 },
    { Period: "'2026-01-03", Deployments: 1, 'Change Failure Rate': 1 },
    { Period: "'2025-12-30", Deployments: 2, 'Change Failure Rate': 0.5 },
    { Period: '2026-W02', 'Code Review Time': 9, Deployments: 2 },
  ]);
}

/** What the definitions give for D on the rows above, worked out by hand. */
function expected(): number[] {
  // Overall Progress: every task but Beta's (inactive). Weights: T1 2, T2 1, T3 3, T4 1 (empty), T6 1, T7 2, T8 0.5.
  // Done by the end of D: T1, T2, T7 (done, no Done At), T8; T4 was done the next day.
  const progress = (2 + 1 + 2 + 0.5) / (2 + 1 + 3 + 1 + 1 + 2 + 0.5);
  // Due or planned on D: T1, T2, T3, T8 (T5 is Beta's); done: T1, T2, T8.
  const completion = 3 / 4;
  // Deploys finished D-6..D: d1 success, d2 failure, d3 success.
  const deploy = 2 / 3;
  // GitHub Metrics days in the window: 01-07 one deploy, none failed; 01-03 one deploy that failed.
  const cfr = (1 * 0 + 1 * 1) / 2;
  const quality = round(1 + 4 * deploy * (1 - cfr), 1);
  const satisfaction = (4 + 3 + 5) / 3;
  // Open at the end of D: B1, B3 (resolved the day after), B6 (no Opened At).
  const blockers = 3;
  return [round(progress, 4), completion, quality, satisfaction, blockers, 5.25, round(deploy, 4)];
}

function kpiTable(t: TestApp): Array<Record<string, unknown>> {
  const rows = t.sheet('KPI Tracking');
  const header = (rows[0] ?? []).map(String);
  return rows
    .slice(1)
    .filter((r) => r[0] !== '')
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const kpiValues = (row: Record<string, unknown> | undefined) => KPI_HEADERS.map((h) => row?.[h]);

describe('computeDailyKpis through build/Code.js', () => {
  test("writes the day's row from the tables, as the definitions give it", async () => {
    const t = await setUp();
    seed(t);
    const run = t.app.run('computeDailyKpis', { at: AT });
    expect(run.error).toBeUndefined();
    expect(run.value).toMatchObject({ day: D, action: 'created', overrides: [] });
    const rows = kpiTable(t);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.['Date']).toBe(D);
    expect(kpiValues(rows[0])).toEqual(expected());
    expect(rows[0]?.['Overrides']).toBe('');
  });

  test('recomputing updates the same row; a value a person typed is kept and named in Overrides until cleared', async () => {
    const t = await setUp();
    seed(t);
    t.app.run('computeDailyKpis', { at: AT });
    const quality = kpiTable(t)[0]?.['Quality Score'];
    // Someone types their own Quality Score over the computed one.
    const header = (t.sheet('KPI Tracking')[0] ?? []).map(String);
    const col = (h: string) => String.fromCharCode(65 + header.indexOf(h));
    t.app.edit(`KPI Tracking!${col('Quality Score')}2`, '4.8', AT);
    // A task gets done, and the KPIs are computed again: the row moves, the typed value stays.
    appendRows(t.state(), 'Tasks', [{ ID: 'T9', Project: 'Alpha', Status: 'done', Weight: 1.5, 'Done At': `${D} 20:00` }]);
    const again = t.app.run('recomputeTodaysKpis', { at: new Date(`${D}T23:40:00+09:00`) });
    expect(again.error).toBeUndefined();
    expect(again.value).toMatchObject({ action: 'updated', overrides: ['Quality Score'] });
    let rows = kpiTable(t);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.['Quality Score']).toBe(4.8);
    expect(rows[0]?.['Overall Progress']).toBe(round((5.5 + 1.5) / (10.5 + 1.5), 4));
    expect(rows[0]?.['Overrides']).toBe('Quality Score');
    // The menu item says what it kept.
    expect(readUi(t.state()).toasts.at(-1)).toMatchObject({
      title: '本日の KPI を再計算しました',
      message: expect.stringContaining('手入力の値を保持: Quality Score'),
    });

    // Clearing the cell hands the KPI back to the computation.
    t.app.edit(`KPI Tracking!${col('Quality Score')}2`, '', AT);
    t.app.run('computeDailyKpis', { at: new Date(`${D}T23:50:00+09:00`) });
    rows = kpiTable(t);
    expect(rows[0]?.['Quality Score']).toBe(quality);
    expect(rows[0]?.['Overrides']).toBe('');
  });

  test('a row the KPI webhook sent is kept: the computation fills only what it left empty', async () => {
    const t = await setUp();
    seed(t);
    const token = t.prop('WEBHOOK_TOKEN_PROGRESS') as string;
    const body = {
      overall_progress: 0.9,
      task_completion_rate: 0.95,
      quality_score: 4.5,
      team_satisfaction: 4.4,
      blockers_count: 1,
      avg_review_time: null,
      deploy_success_rate: null,
      date: D,
    };
    t.app.post(`source=progress&token=${token}`, JSON.stringify(body), 'application/json', new Date(`${D}T18:00:00+09:00`));
    const run = t.app.run('computeDailyKpis', { at: AT });
    expect(run.error).toBeUndefined();
    const rows = kpiTable(t);
    expect(rows).toHaveLength(1);
    const computed = expected();
    expect(kpiValues(rows[0])).toEqual([0.9, 0.95, 4.5, 4.4, 1, computed[5], computed[6]]);
    expect(rows[0]?.['Overrides']).toBe('Overall Progress, Task Completion Rate, Quality Score, Team Satisfaction, Blockers Count');
  });

  test('a past day is computed by hand, slots in by date, and is never added twice', async () => {
    const t = await setUp();
    seed(t);
    t.app.run('computeDailyKpis', { at: AT });
    t.app.run('computeDailyKpis', { at: new Date('2026-01-08T23:30:00+09:00') });
    const past = t.app.run('computeDailyKpis', { at: new Date('2026-01-08T23:35:00+09:00'), args: ['2026-01-05'] });
    expect(past.error).toBeUndefined();
    expect(past.value).toMatchObject({ day: '2026-01-05', action: 'created', sorted: true, alerts: null });
    t.app.run('computeDailyKpis', { at: new Date('2026-01-08T23:40:00+09:00'), args: ['2026-01-05'] });
    expect(kpiTable(t).map((r) => r['Date'])).toEqual(['2026-01-05', D, '2026-01-08']);
    // On the 5th, T2 (done on the 6th) was not yet done: Alpha's done weight was T7's and nothing else.
    expect(kpiTable(t)[0]?.['Overall Progress']).toBe(round(2 / 10.5, 4));

    const bad = t.app.run('computeDailyKpis', { at: AT, args: ['5 Jan'] });
    expect(bad.error?.message).toContain('"5 Jan" is not a day: write it as yyyy-MM-dd');
  });

  test('nothing to measure stays empty, never zero', async () => {
    const t = await setUp();
    const run = t.app.run('computeDailyKpis', { at: AT });
    expect(run.error).toBeUndefined();
    // Blockers Count is a count: no open blocker is 0. Everything else has nothing to measure.
    expect(kpiValues(kpiTable(t)[0])).toEqual(['', '', '', '', 0, '', '']);
  });

  test('alerts: once a day per rule, to chat through the outbox and to the managers by email for satisfaction', async () => {
    const t = await setUp();
    seed(t);
    // Thresholds people changed in Settings: satisfaction must be at least 4.5, at most 2 blockers.
    const settings = t.sheet('Settings');
    const row = (key: string) => settings.findIndex((r) => r[0] === key) + 1;
    t.app.edit(`Settings!B${row('ALERT_SATISFACTION_BELOW')}`, '4.5', AT);
    t.app.edit(`Settings!B${row('ALERT_BLOCKERS_ABOVE')}`, '2', AT);
    t.app.edit(`Settings!B${row('MANAGER_EMAILS')}`, 'boss@example.com, lead@example.com', AT);
    const state = t.state();
    setScriptProperty(state, 'SLACK_WEBHOOK_URL', 'https://hooks.slack.com/services/T0/B0/not-real');
    state.save();

    const first = t.app.run('recomputeTodaysKpis', { at: AT });
    expect(first.error).toBeUndefined();
    const raised = (first.value as { alerts: { raised: Array<{ rule: string; via: string; text: string }> } }).alerts.raised;
    expect(raised.map((r) => `${r.rule}/${r.via}`).sort()).toEqual([
      'blockers/chat',
      'satisfaction/chat',
      'satisfaction/email',
      'taskCompletion/chat',
    ]);
    expect(raised.find((r) => r.rule === 'taskCompletion')?.text).toBe('タスク完了率 75.0% が基準 80.0% を下回っています');

    // The trigger runs later the same day: nothing is sent again.
    const second = t.app.run('computeDailyKpis', { at: new Date(`${D}T23:45:00+09:00`) });
    expect(second.value).toMatchObject({ alerts: { raised: [], repeated: 4 } });

    const mail = readMail(t.state());
    expect(mail).toHaveLength(1);
    expect(mail[0]?.to).toMatch(/^boss@example\.com,\s*lead@example\.com$/);
    expect(mail[0]?.subject).toBe(`[shinchoku] チーム満足度が低下しています（${D}）`);
    expect(mail[0]?.body).toContain('満足度: 4.0 / 5');
    const outbox = dumpWorkbook(t.state(), { sheet: 'Outbox' })['Outbox'] ?? [];
    const keys = outbox.flat().filter((v) => typeof v === 'string' && v.startsWith('kpi-alert:'));
    expect(keys.sort()).toEqual([
      `kpi-alert:blockers:team:${D}:3`,
      `kpi-alert:satisfaction:team:${D}:4.0`,
      `kpi-alert:taskCompletion:team:${D}:75.0%`,
    ]);
  });

  test('a mistyped threshold stops the job before anything is written, naming the key', async () => {
    const t = await setUp();
    seed(t);
    const settings = t.sheet('Settings');
    t.app.edit(`Settings!B${settings.findIndex((r) => r[0] === 'ALERT_TASK_COMPLETION_BELOW') + 1}`, 'lots', AT);
    const run = t.app.run('recomputeTodaysKpis', { at: AT });
    expect(run.error?.message).toContain('Settings: ALERT_TASK_COMPLETION_BELOW is "lots", but it must be a rate such as 0.8 or 80%');
    expect(kpiTable(t)).toHaveLength(0);
    expect(JSON.stringify(t.sheet('Errors'))).toContain('ALERT_TASK_COMPLETION_BELOW');
  });

  test('the dispatcher computes the day at KPI_TIME, then rolls up the week', async () => {
    const t = await setUp();
    seed(t);
    const fired = t.app.tick(new Date(`${D}T23:28:00+09:00`), new Date(`${D}T23:33:00+09:00`));
    expect(fired.every((f) => !f.result.error)).toBe(true);
    expect(kpiTable(t).map((r) => r['Date'])).toEqual([D]);
    const weekly = t.sheet('Weekly');
    const header = (weekly[0] ?? []).map(String);
    const week = weekly.find((r) => r[0] === '2026-W02') ?? [];
    expect(week.slice(0, 3)).toEqual(['2026-W02', '2026-01-05', '2026-01-11']);
    // The week's only KPI day is D: its average is that day's progress.
    expect(week[header.indexOf('Average Progress')]).toBe(expected()[0]);
  });

  test('without GitHub data, computing a day costs at most 8 Spreadsheet calls', async () => {
    const t = await setUp();
    seed(t);
    // A day without alerts: raising one adds the outbox's own write.
    const settings = t.sheet('Settings');
    t.app.edit(`Settings!B${settings.findIndex((r) => r[0] === 'ALERT_TASK_COMPLETION_BELOW') + 1}`, '50%', AT);
    // Only the team's own tables: the GitHub sheets hold just their headers.
    const state = t.state();
    for (const name of ['Deployments', 'GitHub Metrics']) {
      const run = runSnippet(
        state,
        `function clear() { var s = SpreadsheetApp.getActive().getSheetByName('${name}'); s.getRange(2, 1, s.getMaxRows() - 1, s.getMaxColumns()).clearContent(); }`,
        'clear',
      );
      expect(run.error).toBeUndefined();
    }
    state.save();
    const run = t.app.run('computeDailyKpis', { at: AT });
    expect(run.error).toBeUndefined();
    // Settings read (the cache is cold), the five tables that hold rows, then the KPI row: read, write, flush.
    expect(run.stats.calls['SpreadsheetApp']).toEqual({ 'Range.getValues': 6, 'Range.setValues': 1, 'SpreadsheetApp.flush': 1 });
    expect(spreadsheetCalls(run.stats)).toBeLessThanOrEqual(8);
  });
});
