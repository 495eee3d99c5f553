import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalApp } from '../local/app';
import type { Project } from '../local/project';
import type { ExecutionStats } from '../local/runtime/execution';
import { StateDir } from '../local/runtime/state';
import { enabledAdvancedServices } from '../local/services';
import { pasteScript, type Figure } from './benchTeam';

/**
 * Issue 17's BigQuery archive: the retention job on a day's batch of a 100-developer team (2,000 applied GitHub
 * events, each one table row) with ARCHIVE_TARGET=bigquery, in a build whose manifest enables BigQuery (as
 * SHINCHOKU_BIGQUERY=1 makes it), plus the night's facts export of that day's KPI row. One line, read by scripts:
 * `bigquery: archive a day's batch: rows=<n> spreadsheet_calls=<n> bigquery_calls=<n> load_jobs=<n> modeled_ms=<n>`.
 */
const EVENTS = 2000;

export function bigQueryArchiveFigure(project: Project): { figure: Figure; line: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-bench-bq-'));
  try {
    new StateDir(dir).init({ version: 1, createdAt: new Date().toISOString(), network: 'fake' });
    const advanced = [...enabledAdvancedServices(project.manifest), 'BigQuery'];
    const app = new LocalApp({ script: project.script, stateDir: dir, timeZone: project.timeZone, log: () => {}, advancedServices: advanced });
    pasteScript(
      project,
      dir,
      new Date('2026-03-01T08:00:00+09:00'),
      `var s = SpreadsheetApp.getActiveSpreadsheet().insertSheet('Settings');
      s.getRange(1, 1, 3, 2).setValues([['Key', 'Value'], ['ARCHIVE_TARGET', 'bigquery'], ['BIGQUERY_PROJECT_ID', 'bench-project']]);`,
    );
    const setup = app.run('setup', { at: new Date('2026-03-01T08:00:00+09:00') });
    if (setup.error) throw new Error(`setup failed: ${setup.error.message}`);
    // A first run fits the sheets' widths once (20 sheets, 3 calls each): the figure is an ordinary night's.
    const first = app.run('archiveOldRows', { at: new Date('2026-03-01T02:00:00+09:00') });
    if (first.error) throw new Error(`archiveOldRows failed: ${first.error.message}`);
    // A day of events, applied within the minute, 15 days before the run: all past RETENTION_DAYS (14).
    pasteScript(
      project,
      dir,
      new Date('2026-03-01T08:10:00+09:00'),
      `var s = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('GitHub Events');
      var rows = [];
      for (var i = 0; i < ${EVENTS}; i++) {
        var at = new Date(Date.UTC(2026, 1, 13, 0, 0, 0) + i * 15000);
        rows.push([at, 'push', '', 'acme/app', 'dev' + (i % 100), 'sha' + i, 'commit ' + i, 'https://github.com/acme/app/commit/sha' + i, 'push:' + i, new Date(at.getTime() + 60000), '{}']);
      }
      if (s.getMaxRows() < rows.length + 1) s.insertRowsAfter(s.getMaxRows(), rows.length + 1 - s.getMaxRows());
      s.getRange(2, 1, rows.length, 11).setValues(rows);
      SpreadsheetApp.getActiveSpreadsheet().getSheetByName('KPI Tracking').getRange(2, 1, 1, 8).setValues([[new Date(2026, 1, 28), 0.7, 0.8, 4, 4, 1, 5, 0.9]]);`,
    );
    const run = app.run('archiveOldRows', { at: new Date('2026-03-01T03:00:00+09:00') });
    if (run.error) throw new Error(`archiveOldRows failed: ${run.error.message}`);
    const removed =
      (run.value as { tables: Array<{ sheet: string; removed: number }> }).tables.find((t) => t.sheet === 'GitHub Events')?.removed ?? 0;
    const stats: ExecutionStats = run.stats;
    const spreadsheet = sum(stats, 'SpreadsheetApp', 'Sheets');
    const bigQuery = sum(stats, 'BigQuery.Datasets', 'BigQuery.Tables', 'BigQuery.Jobs');
    const loads = stats.calls['BigQuery.Jobs']?.['insert'] ?? 0;
    return {
      figure: { job: `archiveOldRows to BigQuery (${EVENTS} events, a day's batch)`, stats, target: '—', met: removed === EVENTS },
      line: `bigquery: archive a day's batch: rows=${removed} spreadsheet_calls=${spreadsheet} bigquery_calls=${bigQuery} load_jobs=${loads} modeled_ms=${stats.modeledMs}`,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function sum(stats: ExecutionStats, ...services: string[]): number {
  return services.reduce((total, s) => total + Object.values(stats.calls[s] ?? {}).reduce((a, b) => a + b, 0), 0);
}
