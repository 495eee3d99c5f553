import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalApp } from '../../local/app';
import type { RunResult } from '../../local/runtime/runner';
import { StateDir } from '../../local/runtime/state';
import { ATTR_NAMES, Workbook, type SheetData } from '../../local/services/spreadsheet/model';
import { ALL_TABLES, MEMBERS } from '../../src/sheets/tables';
import { builtProject, spreadsheetCalls } from '../helpers/app';
import { runSnippet } from '../helpers/runtime';

/**
 * Setup writes an empty workbook through one Sheets API batch when the project enables the advanced service, and
 * through SpreadsheetApp call by call when it does not. Both must make the same sheet: same tables, headers,
 * widths, formats, frozen rows, validation, conditional formats, hidden columns, formulas and charts.
 */
const AT = new Date('2026-01-05T08:00:00+09:00');

async function appWith(services: 'batched' | 'per-sheet'): Promise<{ app: LocalApp; state: () => StateDir }> {
  const { script, timeZone } = await builtProject();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-setup-'));
  new StateDir(dir).init({ version: 1, createdAt: new Date().toISOString(), network: 'real' });
  // The per-sheet path: a manifest that enables no advanced service, so the script has no Sheets global.
  const app = new LocalApp({ script, stateDir: dir, timeZone, log: () => {}, ...(services === 'batched' ? {} : { advancedServices: [] }) });
  return { app, state: () => app.state() };
}

function ok(run: RunResult): RunResult {
  expect(run.error).toBeUndefined();
  return run;
}

/**
 * A sheet as people see it, independent of how it was written: attribute runs merged cell by cell, and
 * SpreadsheetApp's "General" (the automatic number format) the same as no format, which is how the API says it.
 */
function canonicalSheet(s: SheetData) {
  const layers: Record<string, Array<Array<[number, number, string]>>> = {};
  for (const name of ATTR_NAMES) {
    const columns = (s.attrs[name] ?? []).map((runs) => {
      const merged: Array<[number, number, string]> = [];
      for (const [start, end, value] of runs ?? []) {
        if (name === 'fmt' && value === 'General') continue;
        const last = merged[merged.length - 1];
        if (last && last[1] + 1 === start && last[2] === value) last[1] = end;
        else merged.push([start, end, value]);
      }
      return merged;
    });
    while (columns.length > 0 && columns[columns.length - 1]!.length === 0) columns.pop();
    if (columns.length > 0) layers[name] = columns;
  }
  const rows = s.rows.map((r) => r ?? []);
  while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
  return {
    name: s.name,
    maxRows: s.maxRows,
    maxCols: s.maxCols,
    rows,
    layers,
    frozenRows: s.frozenRows,
    frozenCols: s.frozenCols,
    hidden: s.hidden,
    tabColor: s.tabColor,
    colWidths: s.colWidths,
    hiddenCols: s.hiddenCols ?? {},
    rowHeights: s.rowHeights,
    cfRules: s.cfRules,
    // Chart ids are the workbook's counter: which chart is which is its title.
    charts: s.charts.map(({ id: _id, ...chart }) => chart),
    merges: s.merges,
    protections: s.protections,
  };
}

const canonical = (state: StateDir) => Workbook.of(state).data.sheets.map(canonicalSheet);

describe('setup through one Sheets API batch', () => {
  test('the manifest enables the Sheets advanced service (v4): without it Apps Script has no Sheets global and setup takes the slow path', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'appsscript.json'), 'utf8')) as {
      dependencies?: { enabledAdvancedServices?: Array<{ userSymbol: string; serviceId: string; version: string }> };
    };
    expect(manifest.dependencies?.enabledAdvancedServices).toContainEqual({ userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' });
  });

  test('an empty workbook: the batched first run makes the same sheets as the per-sheet path, in ≤ 60 Spreadsheet calls', async () => {
    const batched = await appWith('batched');
    const perSheet = await appWith('per-sheet');
    const fast = ok(batched.app.run('setup', { at: AT }));
    const slow = ok(perSheet.app.run('setup', { at: AT }));

    expect(fast.value).toMatchObject({ sheetsCreated: ALL_TABLES.map((t) => t.name), sheetsRemoved: ['Sheet1'] });
    expect(fast.value).toEqual(slow.value);
    expect(canonical(batched.state())).toEqual(canonical(perSheet.state()));

    expect(spreadsheetCalls(fast.stats)).toBeLessThanOrEqual(60);
    expect(fast.stats.calls['Sheets']?.['Spreadsheets.batchUpdate']).toBeLessThanOrEqual(3);
    expect(fast.stats.calls['SpreadsheetApp']?.['Sheet.setColumnWidths']).toBeUndefined();
    expect(fast.stats.modeledMs).toBeLessThan(slow.stats.modeledMs / 4);
    // What the batch wrote is what SpreadsheetApp reads: the derived KPI columns are computed by the formula engine.
    expect(
      Workbook.of(batched.state())
        .data.sheets.find((s) => s.name === 'KPI Tracking')
        ?.rows[0]?.some((c) => c !== null && typeof c === 'object'),
    ).toBe(true);
  });

  test('run again, and on a workbook an older version made (a table and a column missing, people’s rows in it): both paths agree and keep the data', async () => {
    const batched = await appWith('batched');
    const perSheet = await appWith('per-sheet');
    const older = `function older() {
      var ss = SpreadsheetApp.getActiveSpreadsheet();
      ss.deleteSheet(ss.getSheetByName('Holidays'));
      var members = ss.getSheetByName('Members');
      var last = members.getLastColumn();
      members.getRange(1, last).clearContent();
      members.getRange(2, 1, 2, 5).setValues([['Aiko', 'aiko@example.com', 'U01', 'aiko', true], ['Ben', 'ben@example.com', 'U02', 'ben', false]]);
      ss.getSheetByName('KPI Tracking').getRange('A2:B2').setValues([[new Date(2026, 0, 4), 0.5]]);
    }`;
    for (const t of [batched, perSheet]) {
      ok(t.app.run('setup', { at: AT }));
      expect(runSnippet(t.state(), older, 'older').error).toBeUndefined();
    }
    const fast = ok(batched.app.run('setup', { at: AT }));
    const slow = ok(perSheet.app.run('setup', { at: AT }));
    const lastMembersColumn = MEMBERS.columns[MEMBERS.columns.length - 1]?.header;
    expect(fast.value).toMatchObject({ sheetsCreated: ['Holidays'], headersAdded: { Members: [lastMembersColumn] } });
    expect(fast.value).toEqual(slow.value);
    expect(canonical(batched.state())).toEqual(canonical(perSheet.state()));
    const members = Workbook.of(batched.state()).data.sheets.find((s) => s.name === 'Members');
    expect(members?.rows[1]).toEqual(['Aiko', 'aiko@example.com', 'U01', 'aiko', true]);
    // Not slower than SpreadsheetApp call by call on a workbook that exists.
    expect(spreadsheetCalls(fast.stats)).toBeLessThan(spreadsheetCalls(slow.stats));
    expect(fast.stats.modeledMs).toBeLessThan(slow.stats.modeledMs);

    // A third run changes nothing.
    const before = canonical(batched.state());
    ok(batched.app.run('setup', { at: AT }));
    expect(canonical(batched.state())).toEqual(before);
  });
});
