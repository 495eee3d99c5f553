import { StateDir } from '../../local/runtime/state';
import { Workbook } from '../../local/services/spreadsheet/model';
import { newState, runSnippet } from '../helpers/runtime';

describe('a large workbook', () => {
  // How long this takes is the bench's business, not a test's: under load a wall-clock limit fails for nothing.
  // What keeps it fast is checked here instead: the engine stays unbuilt and rows are stored compactly.
  test('a 100,000 × 8 table loads, reads and saves without the formula engine', () => {
    const state = newState();
    const seed = runSnippet(
      state,
      `function seed() {
        var ss = SpreadsheetApp.getActive();
        var rows = [];
        for (var i = 0; i < 100000; i++) rows.push([i + 1, 'Task ' + i, i % 5 === 0 ? 'done' : 'todo', new Date(Date.UTC(2026, 0, 1 + (i % 365))), i % 7, 'owner' + (i % 13), i % 3 === 0, 0.5]);
        var t = ss.insertSheet('Tasks', 0, { });
        t.insertRowsAfter(1000, 99100);
        t.getRange(2, 1, rows.length, 8).setValues(rows);
        var k = ss.insertSheet('KPI Tracking');
        k.getRange('A1:C4').setValues([['Date', 'Done', 'Rate'], ['2026-01-05', 3, 0.5], ['2026-01-06', 4, 0.6], ['2026-01-07', 5, 0.7]]);
        var d = ss.insertSheet('Dashboard');
        d.getRange('A1').setFormula('=ARRAYFORMULA(IF(\\'KPI Tracking\\'!A2:A="", "", \\'KPI Tracking\\'!B2:B*2))');
        d.getRange('B1').setFormula('=SUM(ARRAYFORMULA(\\'KPI Tracking\\'!C2:C*10))');
      }`,
      'seed',
    );
    expect(seed.error).toBeUndefined();

    // A fresh StateDir reads the saved JSON back, as the next CLI command would.
    const reloaded = new StateDir(state.dir);
    const read = runSnippet(
      reloaded,
      `function read() {
        var values = SpreadsheetApp.getActive().getSheetByName('Tasks').getDataRange().getValues();
        values[5][2] = 'done';
        SpreadsheetApp.getActive().getSheetByName('Tasks').getRange(6, 3).setValue('done');
        return [values.length, values[0].length, values[1][1], values[1][3] instanceof Date];
      }`,
      'read',
    );
    expect(read.error).toBeUndefined();
    expect(read.value).toEqual([100001, 8, 'Task 0', true]);
    expect(Workbook.of(reloaded).engineBuilt()).toBe(false);

    const dash = runSnippet(
      reloaded,
      `function d() { return SpreadsheetApp.getActive().getSheetByName('Dashboard').getRange('A1:B4').getValues(); }`,
      'd',
    );
    expect(dash.value).toEqual([
      [6, 18],
      [8, ''],
      [10, ''],
      ['', ''],
    ]);
    // The dashboard's formulas reach KPI Tracking only: the 100,000-row table stays out of the engine.
    expect(Workbook.of(reloaded).engineBuilt()).toBe(true);

    // Rows are arrays and a column's format is one run, not one entry per cell.
    const json = new StateDir(state.dir).slice('workbook', () => ({ sheets: [] })) as {
      sheets: Array<{ name: string; rows: unknown[][]; attrs: { fmt?: unknown[] } }>;
    };
    const tasks = json.sheets.find((s) => s.name === 'Tasks')!;
    expect(tasks.rows[1]).toEqual([1, 'Task 0', 'done', expect.any(Number), 0, 'owner0', true, 0.5]);
    expect(tasks.attrs.fmt?.[3]).toEqual([[1, 100000, 'yyyy-mm-dd hh:mm:ss']]);
  });

  test('a column of per-row formulas does not need the engine to know where the data ends', () => {
    const state = newState();
    const result = runSnippet(
      state,
      `function t() {
        var s = SpreadsheetApp.getActive().getSheets()[0];
        var rows = [];
        for (var i = 2; i <= 500; i++) rows.push([i, '=A' + i + '*2']);
        s.getRange(2, 1, rows.length, 2).setValues(rows);
        return [s.getLastRow(), s.getDataRange().getA1Notation()];
      }`,
      't',
    );
    expect(result.value).toEqual([500, 'A1:B500']);
    expect(Workbook.of(state).engineBuilt()).toBe(false);
  });
});
