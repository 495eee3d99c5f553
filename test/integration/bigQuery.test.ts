import * as fs from 'node:fs';
import * as path from 'node:path';
import { listBigQueryJobs, queryBigQuery } from '../../local/services/bigQuery';
import { execFileSync } from 'node:child_process';
import { LocalApp } from '../../local/app';
import { builtProject, newApp, type TestApp } from '../helpers/app';
import type { RunResult } from '../../local/runtime/runner';
import { runSnippet } from '../helpers/runtime';
import { appendRows } from '../helpers/sheetRows';

const at = (local: string) => new Date(`${local}+09:00`);
const PROJECT = 'my-project';

/** A Settings sheet holding these values before setup runs (setup adds the other keys), as a person would type them. */
function presetSettings(t: TestApp, values: Record<string, string>): void {
  const code = `
    function preset(values) {
      var sheet = SpreadsheetApp.getActiveSpreadsheet().insertSheet('Settings');
      var rows = [['Key', 'Value', 'Description']].concat(Object.keys(values).map(function (k) { return [k, values[k], '']; }));
      sheet.getRange(1, 1, rows.length, 3).setValues(rows);
    }`;
  const result = runSnippet(t.state(), code, 'preset', { args: [values] });
  if (result.error) throw new Error(result.error.message);
}

/** The README's BigQuery queries, in the order it shows them: the test runs exactly these. */
function readmeQueries(file = 'README.md'): string[] {
  const text = fs.readFileSync(path.join(__dirname, '..', '..', file), 'utf8');
  const start = text.indexOf('<!-- bigquery-queries -->');
  const end = text.indexOf('<!-- /bigquery-queries -->');
  if (start < 0 || end < start) throw new Error(`${file} has no BigQuery queries section`);
  return [...text.slice(start, end).matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => (m[1] as string).trim());
}

function event(n: number, received: string, applied: string): Record<string, string> {
  return {
    'Received At': received,
    Event: n % 2 === 0 ? 'pull_request' : 'push',
    Action: n % 2 === 0 ? 'opened' : '',
    Repository: 'acme/app',
    Actor: 'hanako',
    'Number or SHA': `sha${n}`,
    Title: n === 1 ? '\'=HYPERLINK("http://evil")' : `commit ${n}`,
    'Dedupe Key': `push:${n}`,
    'Applied At': applied,
  };
}

/** A workbook set up with BigQuery chosen: `beforeSetup` runs first (e.g. a table someone made by hand). */
async function seeded(beforeSetup?: (t: TestApp) => void): Promise<{ t: TestApp; setup: RunResult }> {
  const t = await newApp();
  presetSettings(t, { ARCHIVE_TARGET: 'bigquery', BIGQUERY_PROJECT_ID: PROJECT });
  beforeSetup?.(t);
  const setup = t.app.run('setup', { at: at('2026-12-01T08:00:00') });
  expect(setup.error).toBeUndefined();
  return { t, setup };
}

const count = (t: TestApp, table: string) =>
  queryBigQuery(t.state(), PROJECT, `SELECT count(*) AS n FROM \`${PROJECT}.shinchoku.${table}\``)[0]?.['n'];
const archiveJobs = (t: TestApp) => listBigQueryJobs(t.state()).filter((j) => j.jobId.includes('_archive_'));

describe('BigQuery archive', () => {
  test('setup makes the dataset and tables; archiving loads a job a day, the README queries read it back, nothing is loaded twice', async () => {
    const { t, setup } = await seeded();
    const report = (setup.value as { bigQuery: { dataset: string; tables: Array<{ tableId: string; status: string }> } }).bigQuery;
    expect(report.dataset).toBe('created');
    expect(report.tables.map((x) => [x.tableId, x.status])).toEqual([
      ['github_events', 'created'],
      ['gitlab_events', 'created'],
      ['outbox', 'created'],
      ['errors', 'created'],
      ['kpi_tracking', 'created'],
      ['github_metrics', 'created'],
    ]);
    expect(t.logs.join('\n')).toContain('BigQuery: データセット my-project:shinchoku（作成しました）、テーブル 6 個（作成 6、列を追加 0）');

    appendRows(t.state(), 'GitHub Events', [
      event(1, '2026-11-01 10:00', '2026-11-01 10:01'),
      event(2, '2026-11-01 11:00', '2026-11-01 11:01'),
      event(3, '2026-11-02 09:00', '2026-11-02 09:01'),
      event(4, '2026-11-25 10:00', '2026-11-25 10:01'), // applied 6 days before the run: stays
    ]);
    appendRows(t.state(), 'Errors', [
      { Time: '2026-08-01 09:00', Function: 'syncGitHub', Message: 'GitHub answered 502', ID: 'e1' },
      { Time: '2026-08-02 09:00', Function: 'syncGitHub', Message: 'GitHub answered 502', ID: 'e2' },
      { Time: '2026-08-03 09:00', Function: 'sendDailySummary', Message: 'Slack answered 429', ID: 'e3' },
    ]);
    // The workbook as it stands: its main file, its stamp and the part files it names (one per sheet).
    const workbookFiles = () => fs.readdirSync(t.dir).filter((f) => /^workbook[.]/.test(f));
    const before = new Map(workbookFiles().map((f) => [f, fs.readFileSync(path.join(t.dir, f))] as const));
    const lockHeldMs = () => t.state().slice<{ heldMs?: Record<string, number> }>('locks', () => ({})).heldMs?.['script'] ?? 0;
    const heldBefore = lockHeldMs();
    const run = t.app.run('archiveOldRows', { at: at('2026-12-01T03:00:00') });
    expect(run.error).toBeUndefined();
    // The five load jobs below are waited for (a first poll after 1 s each) outside the script lock, where a
    // webhook waiting 8 s for it is not held up by them.
    expect(run.stats.modeledMs - (lockHeldMs() - heldBefore)).toBeGreaterThanOrEqual(5 * 1000);
    expect(run.value).toMatchObject({
      archive: 'bigquery',
      tables: expect.arrayContaining([
        { sheet: 'GitHub Events', removed: 3, archived: 3, held: 0, more: false },
        { sheet: 'Errors', removed: 3, archived: 3, held: 0, more: false },
      ]),
    });
    expect(
      t
        .sheet('GitHub Events')
        .slice(1)
        .map((r) => r[8]),
    ).toEqual(['push:4']);
    expect(archiveJobs(t).map((j) => [j.jobId.replace(/_[0-9a-f]{16}$/, ''), j.state, j.error, j.outputRows])).toEqual([
      ['shinchoku_archive_shinchoku_github_events_20261101_2', 'DONE', null, 2],
      ['shinchoku_archive_shinchoku_github_events_20261102_1', 'DONE', null, 1],
      ['shinchoku_archive_shinchoku_errors_20260801_1', 'DONE', null, 1],
      ['shinchoku_archive_shinchoku_errors_20260802_1', 'DONE', null, 1],
      ['shinchoku_archive_shinchoku_errors_20260803_1', 'DONE', null, 1],
    ]);
    const queries = readmeQueries();
    expect(readmeQueries('README.ja.md')).toEqual(queries);
    expect(queryBigQuery(t.state(), PROJECT, queries[0] as string)).toEqual([
      { day: '2026-11-01', event: 'pull_request', events: '1' },
      { day: '2026-11-01', event: 'push', events: '1' },
      { day: '2026-11-02', event: 'push', events: '1' },
    ]);
    expect(queryBigQuery(t.state(), PROJECT, queries[3] as string)).toEqual([
      {
        function: 'syncGitHub',
        errors: '2',
        last_error: '1.7856288E9',
      },
      { function: 'sendDailySummary', errors: '1', last_error: expect.stringMatching(/^1\.\d+E9$/) },
    ]);
    // Text stays text: a title that looks like a formula arrives as it was typed.
    const rows = queryBigQuery(t.state(), PROJECT, `SELECT dedupe_key, title FROM \`${PROJECT}.shinchoku.github_events\` ORDER BY dedupe_key`);
    expect(rows[0]).toEqual({ dedupe_key: 'push:1', title: '=HYPERLINK("http://evil")' });

    // The execution dies after the loads, before the rows leave the sheet: the next run loads nothing again.
    for (const f of workbookFiles()) if (!before.has(f)) fs.rmSync(path.join(t.dir, f));
    for (const [f, bytes] of before) fs.writeFileSync(path.join(t.dir, f), bytes);
    expect(t.sheet('GitHub Events')).toHaveLength(5);
    const rerun = t.app.run('archiveOldRows', { at: at('2026-12-01T03:30:00') });
    expect(rerun.error).toBeUndefined();
    expect(rerun.value).toMatchObject({
      tables: expect.arrayContaining([{ sheet: 'GitHub Events', removed: 3, archived: 0, held: 0, more: false }]),
    });
    expect(
      t
        .sheet('GitHub Events')
        .slice(1)
        .map((r) => r[8]),
    ).toEqual(['push:4']);
    expect(archiveJobs(t)).toHaveLength(5);
    expect([count(t, 'github_events'), count(t, 'errors')]).toEqual(['3', '3']);

    // Setup again: everything is there.
    const again = t.app.run('setup', { at: at('2026-12-01T08:10:00') });
    const second = (again.value as { bigQuery: { dataset: string; tables: Array<{ status: string }> } }).bigQuery;
    expect([second.dataset, second.tables.every((x) => x.status === 'exists')]).toEqual(['exists', true]);
  });

  test('the daily facts go one partition a day: history at first, then only a changed date, which replaces its rows', async () => {
    const { t } = await seeded();
    appendRows(t.state(), 'KPI Tracking', [
      { Date: '2026-01-05', 'Overall Progress': 0.5, 'Task Completion Rate': 0.8, 'Team Satisfaction': 4, 'Blockers Count': 2 },
      { Date: '2026-01-06', 'Overall Progress': 0.55, 'Task Completion Rate': 0.9, 'Team Satisfaction': 3.5, 'Blockers Count': 1 },
      { Date: '2026-11-30', 'Overall Progress': 0.8, 'Task Completion Rate': 1, 'Team Satisfaction': 4, 'Blockers Count': 0 },
    ]);
    appendRows(t.state(), 'GitHub Metrics', [
      { Period: '2026-W48', Start: '2026-11-23', Deployments: 12, 'Lead Time For Changes': 20.5, 'Change Failure Rate': 0.25, 'Time To Restore': 3 },
      { Period: '2026-11-30', Start: '2026-11-30', Deployments: 2, 'Lead Time For Changes': 18, 'Change Failure Rate': 0, 'Time To Restore': '' },
    ]);
    const first = t.app.run('archiveOldRows', { at: at('2026-12-01T03:00:00') });
    expect(first.error).toBeUndefined();
    expect((first.value as { facts: unknown }).facts).toEqual([
      { table: 'KPI Tracking', exported: ['2026-01-05–2026-01-06', '2026-11-30'], unchanged: 0, failed: [] },
      { table: 'GitHub Metrics', exported: ['2026-11-23', '2026-11-30'], unchanged: 0, failed: [] },
    ]);
    const [, kpis, dora] = readmeQueries() as [string, string, string];
    expect(queryBigQuery(t.state(), PROJECT, kpis)).toEqual([
      { date: '2026-01-05', overall_progress: '0.5', task_completion_rate: '0.8', team_satisfaction: '4', blockers_count: '2', progress_7d: '0.5' },
      {
        date: '2026-01-06',
        overall_progress: '0.55',
        task_completion_rate: '0.9',
        team_satisfaction: '3.5',
        blockers_count: '1',
        progress_7d: '0.525',
      },
      {
        date: '2026-11-30',
        overall_progress: '0.8',
        task_completion_rate: '1',
        team_satisfaction: '4',
        blockers_count: '0',
        progress_7d: expect.stringMatching(/^0\.61/),
      },
    ]);
    expect(queryBigQuery(t.state(), PROJECT, dora)).toEqual([
      {
        period: '2026-W48',
        start: '2026-11-23',
        deployments: '12',
        lead_time_for_changes: '20.5',
        change_failure_rate: '0.25',
        time_to_restore: '3',
      },
    ]);

    // A person corrects yesterday's progress: that date's partition is replaced, nothing else is sent.
    const fix = runSnippet(
      t.state(),
      "function fix() { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('KPI Tracking').getRange('B4').setValue(0.85); }",
      'fix',
    );
    expect(fix.error).toBeUndefined();
    const second = t.app.run('archiveOldRows', { at: at('2026-12-02T03:00:00') });
    expect(second.error).toBeUndefined();
    expect((second.value as { facts: unknown }).facts).toEqual([
      { table: 'KPI Tracking', exported: ['2026-11-30'], unchanged: 0, failed: [] },
      { table: 'GitHub Metrics', exported: [], unchanged: 2, failed: [] },
    ]);
    expect(
      queryBigQuery(t.state(), PROJECT, `SELECT date, overall_progress FROM \`${PROJECT}.shinchoku.kpi_tracking\` WHERE date = '2026-11-30'`),
    ).toEqual([{ date: '2026-11-30', overall_progress: '0.85' }]);
    const health = JSON.parse(t.app.get('action=health', at('2026-12-02T09:00:00')).response.body) as { archive: unknown };
    expect(health.archive).toEqual({
      target: 'bigquery',
      dataset: 'my-project:shinchoku',
      factsExportedThrough: { kpi_tracking: '2026-11-30', github_metrics: '2026-11-30' },
    });
    const jobs = listBigQueryJobs(t.state()).length;
    const third = t.app.run('archiveOldRows', { at: at('2026-12-03T03:00:00') });
    expect(third.error).toBeUndefined();
    expect(listBigQueryJobs(t.state())).toHaveLength(jobs);
    expect(queryBigQuery(t.state(), PROJECT, `SELECT count(*) AS n FROM \`${PROJECT}.shinchoku.kpi_tracking\``)).toEqual([{ n: '3' }]);
  });

  test('a load that fails leaves the sheet untouched and records an Errors row; a build without the service says so', async () => {
    // Someone made the table by hand, with Title as a number.
    const { t } = await seeded((t) => {
      const made = runSnippet(
        t.state(),
        `function make() {
          BigQuery.Datasets.insert({ datasetReference: { projectId: 'my-project', datasetId: 'shinchoku' }, location: 'asia-northeast1' }, 'my-project');
          BigQuery.Tables.insert({ tableReference: { projectId: 'my-project', datasetId: 'shinchoku', tableId: 'github_events' },
            schema: { fields: [{ name: 'received_at', type: 'TIMESTAMP' }, { name: 'title', type: 'INT64' }] } }, 'my-project', 'shinchoku');
        }`,
        'make',
      );
      expect(made.error).toBeUndefined();
    });
    expect(t.logs.join('\n')).toContain(
      'BigQuery: github_events の列の型がシートの宣言と違うため、読み込みは失敗します: title is INT64 in BigQuery but STRING',
    );
    appendRows(t.state(), 'GitHub Events', [event(1, '2026-11-01 10:00', '2026-11-01 10:01')]);
    const before = t.sheet('GitHub Events');
    const run = t.app.run('archiveOldRows', { at: at('2026-12-01T03:00:00') });
    expect(run.error?.message).toContain('BigQuery: loading GitHub Events into my-project:shinchoku.github_events failed (job shinchoku_archive_');
    expect(run.error?.message).toContain('Field title has changed type from INTEGER to STRING');
    expect(t.sheet('GitHub Events')).toEqual(before);
    expect(
      t
        .sheet('Errors')
        .slice(1)
        .map((r) => [r[1], String(r[2]).split('\n')[0]]),
    ).toEqual([['archiveOldRows', expect.stringContaining('loading GitHub Events into my-project:shinchoku.github_events failed')]]);
    expect(count(t, 'github_events')).toBe('0');

    // The same workbook run by a default build (no BigQuery in its manifest): the global is absent.
    const { script, timeZone } = await builtProject();
    const plain = new LocalApp({ script, stateDir: t.dir, timeZone, log: () => {}, advancedServices: [] });
    const absent = plain.run('archiveOldRows', { at: at('2026-12-01T04:00:00') });
    expect(absent.error?.message).toContain('the BigQuery advanced service is not enabled: deploy a build made with SHINCHOKU_BIGQUERY=1');
    expect(t.sheet('GitHub Events')).toEqual(before);
    // Setup finishes, and its message says why BigQuery cannot be reached.
    const logs: string[] = [];
    const quiet = new LocalApp({ script, stateDir: t.dir, timeZone, log: (line) => logs.push(line), advancedServices: [] });
    expect(quiet.run('setup', { at: at('2026-12-01T08:30:00') }).error).toBeUndefined();
    expect(logs.join('\n')).toContain(
      'BigQuery: my-project:shinchoku に接続できません（データセットを確認・作成できませんでした）: ARCHIVE_TARGET is bigquery, but',
    );
  });

  test('the BigQuery build enables the advanced service and its scope; the default build does neither', () => {
    const manifest = (bigquery: boolean) =>
      JSON.parse(
        execFileSync(
          process.execPath,
          ['--input-type=module', '-e', `import('./scripts/build.mjs').then((m) => process.stdout.write(m.manifestFor({ bigquery: ${bigquery} })))`],
          {
            cwd: path.join(__dirname, '..', '..'),
            encoding: 'utf8',
          },
        ),
      ) as { oauthScopes: string[]; dependencies?: { enabledAdvancedServices?: unknown[] } };
    // The Sheets service is in every build: setup sends its writes through it, within the spreadsheets scope.
    const sheets = { userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' };
    const on = manifest(true);
    expect(on.oauthScopes).toContain('https://www.googleapis.com/auth/bigquery');
    expect(on.dependencies?.enabledAdvancedServices).toEqual([sheets, { userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' }]);
    const off = manifest(false);
    expect(off.oauthScopes).not.toContain('https://www.googleapis.com/auth/bigquery');
    expect(off.dependencies?.enabledAdvancedServices).toEqual([sheets]);
  });
});
