import * as fs from 'node:fs';
import * as path from 'node:path';
import { listBigQueryJobs, queryBigQuery } from '../../local/services/bigQuery';
import { newApp, spreadsheetCalls, type TestApp } from '../helpers/app';
import { runSnippet } from '../helpers/runtime';
import { appendRows } from '../helpers/sheetRows';

const at = (local: string) => new Date(`${local}+09:00`);
const PROJECT = 'my-project';

/** Sets Settings values in place (setup wrote every key with its default). */
function setSettings(t: TestApp, values: Record<string, string>): void {
  const code = `
    function set(values) {
      var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Settings');
      var rows = sheet.getDataRange().getValues();
      Object.keys(values).forEach(function (key) {
        for (var r = 1; r < rows.length; r++) if (rows[r][0] === key) { sheet.getRange(r + 1, 2).setValue(values[key]); return; }
        sheet.appendRow([key, values[key], '']);
      });
    }`;
  const result = runSnippet(t.state(), code, 'set', { args: [values] });
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

async function seeded(withDataset = true): Promise<TestApp> {
  const t = await newApp();
  expect(t.app.run('setup', { at: at('2026-12-01T08:00:00') }).error).toBeUndefined();
  setSettings(t, { ARCHIVE_TARGET: 'bigquery', BIGQUERY_PROJECT_ID: PROJECT });
  if (withDataset) expect(t.app.run('setup', { at: at('2026-12-01T08:05:00') }).error).toBeUndefined();
  return t;
}

describe('BigQuery archive', () => {
  test('setup makes the dataset and the tables, partitioned by day; running it again changes nothing', async () => {
    const t = await seeded(false);
    const first = t.app.run('setup', { at: at('2026-12-01T08:05:00') });
    expect(first.error).toBeUndefined();
    const report = (first.value as { bigQuery: { dataset: string; tables: Array<{ tableId: string; status: string }> } }).bigQuery;
    expect(report.dataset).toBe('created');
    expect(report.tables.map((x) => [x.tableId, x.status])).toEqual([
      ['github_events', 'created'],
      ['gitlab_events', 'created'],
      ['outbox', 'created'],
      ['errors', 'created'],
      ['kpi_tracking', 'created'],
      ['github_metrics', 'created'],
    ]);
    const again = t.app.run('setup', { at: at('2026-12-01T08:10:00') });
    const second = (again.value as { bigQuery: { dataset: string; tables: Array<{ status: string }> } }).bigQuery;
    expect(second.dataset).toBe('exists');
    expect(second.tables.every((x) => x.status === 'exists')).toBe(true);
  });

  test('archiving loads the old rows with one load job a day, the README query reads them back, a second run adds nothing', async () => {
    const t = await seeded();
    appendRows(t.state(), 'GitHub Events', [
      event(1, '2026-11-01 10:00', '2026-11-01 10:01'),
      event(2, '2026-11-01 11:00', '2026-11-01 11:01'),
      event(3, '2026-11-02 09:00', '2026-11-02 09:01'),
      event(4, '2026-11-25 10:00', '2026-11-25 10:01'), // applied 6 days before the run: stays
    ]);
    const run = t.app.run('archiveOldRows', { at: at('2026-12-01T03:00:00') });
    expect(run.error).toBeUndefined();
    expect(run.value).toMatchObject({
      archive: 'bigquery',
      tables: expect.arrayContaining([{ sheet: 'GitHub Events', removed: 3, archived: 3, held: 0, more: false }]),
    });
    expect(
      t
        .sheet('GitHub Events')
        .slice(1)
        .map((r) => r[8]),
    ).toEqual(['push:4']);
    const jobs = listBigQueryJobs(t.state()).filter((j) => j.jobId.includes('_archive_'));
    expect(jobs.map((j) => [j.state, j.error, j.outputRows])).toEqual([
      ['DONE', null, 2],
      ['DONE', null, 1],
    ]);
    const [perDay] = readmeQueries();
    expect(queryBigQuery(t.state(), PROJECT, perDay as string)).toEqual([
      { day: '2026-11-01', event: 'pull_request', events: '1' },
      { day: '2026-11-01', event: 'push', events: '1' },
      { day: '2026-11-02', event: 'push', events: '1' },
    ]);
    const rows = queryBigQuery(
      t.state(),
      PROJECT,
      `SELECT dedupe_key, title, received_at FROM \`${PROJECT}.shinchoku.github_events\` ORDER BY dedupe_key`,
    );
    expect(rows[0]).toEqual({ dedupe_key: 'push:1', title: '=HYPERLINK("http://evil")', received_at: expect.stringMatching(/^1\.7\d+E9$/) });

    const again = t.app.run('archiveOldRows', { at: at('2026-12-02T03:00:00') });
    expect(again.error).toBeUndefined();
    expect(queryBigQuery(t.state(), PROJECT, `SELECT count(*) AS n FROM \`${PROJECT}.shinchoku.github_events\``)).toEqual([{ n: '3' }]);
  });
});
