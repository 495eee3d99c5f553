import { dumpWorkbook } from '../../local/services/spreadsheet';
import { ALL_TABLES } from '../../src/sheets/tables';
import { newApp } from '../helpers/app';
import { runSnippet } from '../helpers/runtime';

/** The spreadsheet's own empty first sheet goes when setup makes the tables; anything holding content stays. */
const AT = new Date('2026-01-05T08:00:00+09:00');
const sheetNames = (t: Awaited<ReturnType<typeof newApp>>) => Object.keys(dumpWorkbook(t.state(), {}));

describe("setup and the spreadsheet's default sheet, through build/Code.js", () => {
  test('an empty Sheet1 is removed once the tables exist', async () => {
    const t = await newApp();
    expect(sheetNames(t)).toEqual(['Sheet1']);
    const run = t.app.run('setup', { at: AT });
    expect(run.error).toBeUndefined();
    expect(run.value).toMatchObject({ sheetsRemoved: ['Sheet1'] });
    expect(sheetNames(t)).not.toContain('Sheet1');
    expect(sheetNames(t)).toEqual(expect.arrayContaining(ALL_TABLES.map((s) => s.name)));
  });

  test('シート1, as a Japanese account names it, goes too', async () => {
    const t = await newApp();
    expect(
      runSnippet(t.state(), `function rename() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].setName('シート1'); }`, 'rename').error,
    ).toBeUndefined();
    expect(t.app.run('setup', { at: AT }).value).toMatchObject({ sheetsRemoved: ['シート1'] });
    expect(sheetNames(t)).not.toContain('シート1');
  });

  test('a default sheet with a value, or a chart, or any sheet with another name, is kept', async () => {
    const withValue = await newApp();
    withValue.app.edit('Sheet1!C7', 'メモ');
    expect(withValue.app.run('setup', { at: AT }).value).toMatchObject({ sheetsRemoved: [] });
    expect(withValue.sheet('Sheet1')[6]?.[2]).toBe('メモ');

    const withChart = await newApp();
    const chart = `function chart() {
      var ss = SpreadsheetApp.getActiveSpreadsheet();
      var data = ss.insertSheet('Data');
      data.getRange('A1:B2').setValues([['a', 1], ['b', 2]]);
      var sheet = ss.getSheetByName('Sheet1');
      sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.BAR).addRange(data.getRange('A1:B2')).setPosition(1, 1, 0, 0).build());
    }`;
    expect(runSnippet(withChart.state(), chart, 'chart').error).toBeUndefined();
    expect(withChart.app.run('setup', { at: AT }).value).toMatchObject({ sheetsRemoved: [] });
    expect(sheetNames(withChart)).toEqual(expect.arrayContaining(['Sheet1', 'Data']));

    const named = await newApp();
    runSnippet(named.state(), `function rename() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].setName('Notes'); }`, 'rename');
    expect(named.app.run('setup', { at: AT }).value).toMatchObject({ sheetsRemoved: [] });
    expect(sheetNames(named)).toContain('Notes');
  });

  test('setup run again creates no table and removes nothing, even a default sheet someone added since', async () => {
    const t = await newApp();
    t.app.run('setup', { at: AT });
    runSnippet(t.state(), `function add() { SpreadsheetApp.getActiveSpreadsheet().insertSheet('Sheet1'); }`, 'add');
    expect(t.app.run('setup', { at: AT }).value).toMatchObject({ sheetsCreated: [], sheetsRemoved: [] });
    expect(sheetNames(t)).toContain('Sheet1');
  });
});
