import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { newState, runSnippet, type ScriptRunOptions } from '../helpers/runtime';
import { compileScript, runFunction } from '../../local/runtime/runner';
import { SERVICES } from '../../local/services';
import {
  dumpWorkbook,
  editEventFor,
  exportXlsx,
  queueUiAnswer,
  readUi,
  renderWorkbookHtml,
  typeIntoCell,
  ValidationRejected,
} from '../../local/services/spreadsheet';
import type { StateDir } from '../../local/runtime/state';

function run(state: StateDir, body: string, options: ScriptRunOptions = {}): unknown {
  const result = runSnippet(state, `function t() {\n${body}\n}`, 't', options);
  if (result.error) throw new Error(`script failed: ${result.error.message}`);
  return result.value;
}

const SEED = `var ss = SpreadsheetApp.getActive();
  var k = ss.insertSheet('KPI Tracking');
  k.getRange('A1:D3').setValues([['Date', 'Overall Progress', 'Blockers Count', 'Note'],
    ['2026-01-05', 0.42, 2, '<script>alert(1)</script>'], ['2026-01-06', 0.5, 0, "'=1+1"]]);
  k.getRange('B2:B').setNumberFormat('0.0%');
  k.getRange('E1').setValue('Delta');
  k.getRange('E2').setFormula('=ARRAYFORMULA(IF(A2:A="", "", B2:B-0.4))');
  k.getRange('A1:E1').setFontWeight('bold');
  k.setFrozenRows(1);
  k.setConditionalFormatRules([SpreadsheetApp.newConditionalFormatRule().whenNumberGreaterThan(0).setBackground('#f4c7c3').setRanges([k.getRange('C2:C')]).build(),
    SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('=$B2>=0.5').setBackground('#d9ead3').setRanges([k.getRange('A2:A')]).build()]);
  k.insertChart(k.newChart().setChartType(Charts.ChartType.LINE).addRange(k.getRange('A1:B3')).setPosition(1, 7, 0, 0).setOption('title', 'Progress').build());
  k.getRange('F2').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['ok', 'late']).setAllowInvalid(false).build());`;

describe('host-side views of the workbook', () => {
  test('dumpWorkbook gives computed values with dates as ISO strings, or formulas', () => {
    const state = newState();
    run(state, SEED);
    run(state, `SpreadsheetApp.getActive().getSheets()[0].getRange('A1').setValue(new Date('2026-01-05T18:00:00+09:00'));`);
    const dump = dumpWorkbook(state, { sheet: 'KPI Tracking' });
    expect(Object.keys(dump)).toEqual(['KPI Tracking']);
    const rows = dump['KPI Tracking']!;
    expect(rows[0]).toEqual(['Date', 'Overall Progress', 'Blockers Count', 'Note', 'Delta']);
    expect(rows[1]!.slice(0, 3)).toEqual(['2026-01-05', 0.42, 2]);
    expect(rows[1]![4]).toBeCloseTo(0.02);
    expect(rows[2]![3]).toBe('=1+1');
    expect(rows).toHaveLength(1000); // the ARRAYFORMULA spills "" to the last row
    expect(dumpWorkbook(state, { formulas: true })['KPI Tracking']![1]![4]).toBe('=ARRAYFORMULA(IF(A2:A="", "", B2:B-0.4))');
    expect(dumpWorkbook(state)['Sheet1']).toEqual([['2026-01-05T18:00:00+09:00']]);
    expect(() => dumpWorkbook(state, { sheet: 'Nope' })).toThrow(/Nope/);
  });

  test('typeIntoCell reads text as Sheets reads typing and reports the edit', () => {
    const state = newState();
    run(state, SEED);
    expect(typeIntoCell(state, "'KPI Tracking'!C3", '5')).toEqual({ sheet: 'KPI Tracking', a1: 'C3', row: 3, column: 3, oldValue: '0', value: '5' });
    expect(typeIntoCell(state, 'KPI Tracking!A4', '2026-01-07')).toEqual({
      sheet: 'KPI Tracking',
      a1: 'A4',
      row: 4,
      column: 1,
      oldValue: undefined,
      value: '46029',
    });
    expect(typeIntoCell(state, 'KPI Tracking!D4', '\'=IMPORTXML("x")').value).toBe('=IMPORTXML("x")');
    expect(typeIntoCell(state, 'KPI Tracking!D5', '=2*3').value).toBe('6');
    expect(typeIntoCell(state, 'KPI Tracking!D4', '').value).toBeUndefined();
    expect(() => typeIntoCell(state, 'KPI Tracking!F2', 'maybe')).toThrow(ValidationRejected);
    expect(typeIntoCell(state, 'KPI Tracking!F2', 'late').value).toBe('late');
    expect(
      run(
        state,
        `var k = SpreadsheetApp.getActive().getSheetByName('KPI Tracking'); return [k.getRange('A4').getValue() instanceof Date, k.getRange('C3').getValue(), k.getRange('F2').getValue()];`,
      ),
    ).toEqual([true, 5, 'late']);
  });

  test('editEventFor builds the onEdit event inside an execution', () => {
    const state = newState();
    run(state, SEED);
    const edit = typeIntoCell(state, 'KPI Tracking!C2', '7');
    const code = `function onEdit(e) {
      return [e.range.getA1Notation(), e.range.getSheet().getName(), e.value, e.oldValue, e.source.getId() === SpreadsheetApp.getActive().getId(),
        e.authMode, typeof e.user.getEmail(), e.range.getValue()];
    }`;
    let event: unknown;
    const result = runFunction({
      state,
      script: compileScript(`${code}\nfunction fire() { return onEdit(__event); }`),
      fn: 'fire',
      at: new Date('2026-01-05T10:00:00+09:00'),
      timeZone: 'Asia/Tokyo',
      kind: 'simple',
      log: () => undefined,
      services: [...SERVICES, (exec) => ({ __event: (event = editEventFor(exec, edit)) })],
    });
    expect(result.error).toBeUndefined();
    expect(event).toBeDefined();
    expect(result.value).toEqual(['C2', 'KPI Tracking', '7', '2', true, 'LIMITED', 'string', 7]);
  });

  test('renderWorkbookHtml shows every sheet with computed values, escaped, with rules applied', () => {
    const state = newState();
    run(state, SEED);
    const html = renderWorkbookHtml(state, { now: new Date('2026-01-06T12:00:00+09:00') });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('>KPI Tracking</label>');
    expect(html).toContain('>Sheet1</label>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<tr class="frozen">');
    expect(html).toContain('>42.0%</td>');
    // The formula cell carries its text and the ƒ marker class.
    expect(html).toMatch(/<td class="f num" title="=ARRAYFORMULA\(IF\(A2:A=&quot;&quot;, &quot;&quot;, B2:B-0.4\)\)">0.02<\/td>/);
    // Conditional formats: C2 (2 blockers) is red; A3 (progress 50%) matches the custom formula.
    expect(html).toMatch(/<td class="num" style="background-color:#f4c7c3">2<\/td>/);
    expect(html).toMatch(/<td class="num" style="background-color:#d9ead3">2026-01-06<\/td>/);
    expect(html).toContain('&quot;title&quot;: &quot;Progress&quot;');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  test('exportXlsx writes values, formulas with results, formats and frozen rows', async () => {
    const state = newState();
    run(state, SEED);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-')), 'book.xlsx');
    await exportXlsx(state, file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Sheet1', 'KPI Tracking']);
    const ws = book.getWorksheet('KPI Tracking')!;
    expect(ws.getCell('A1').value).toBe('Date');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('B2').value).toBe(0.42);
    expect(ws.getCell('B2').numFmt).toBe('0.0%');
    expect(ws.getCell('A2').numFmt).toBe('yyyy-mm-dd');
    const a2 = ws.getCell('A2').value;
    expect(a2 instanceof Date ? a2.toISOString().slice(0, 10) : a2).toMatch(/^(2026-01-05|46027)$/);
    const formula = ws.getCell('E2').value as ExcelJS.CellFormulaValue;
    expect(formula.formula).toBe('ARRAYFORMULA(IF(A2:A1000="", "", B2:B1000-0.4))');
    expect(formula.result).toBeCloseTo(0.02);
    expect(ws.getCell('E3').value).toBeCloseTo(0.1);
    expect(ws.getCell('D3').value).toBe('=1+1');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('F2').dataValidation).toMatchObject({ type: 'list', formulae: ['"ok,late"'] });
  });
});

describe('the spreadsheet UI', () => {
  test('menus, toasts, sidebars and alerts are recorded for the CLI', () => {
    const state = newState();
    queueUiAnswer(state, { button: 'NO' });
    const value = run(
      state,
      `var ui = SpreadsheetApp.getUi();
       ui.createMenu('Progress').addItem('Set up', 'setup').addSeparator()
         .addSubMenu(ui.createMenu('Send now').addItem('Daily summary', 'sendDailySummary')).addToUi();
       ui.createMenu('Progress').addItem('Set up again', 'setup').addToUi();
       SpreadsheetApp.getActive().toast('Saved', 'shinchoku', 3);
       var html = { getContent: function () { return '<p>Hi</p>'; }, getTitle: function () { return 'Panel'; }, getWidth: function () { return 300; } };
       ui.showSidebar(html);
       var first = ui.alert('Delete?', 'Really delete?', ui.ButtonSet.YES_NO);
       var second = ui.alert('Done');
       return [first, second, first === ui.Button.NO, second === ui.Button.OK];`,
    );
    expect(value).toEqual(['NO', 'OK', true, true]);
    const ui = readUi(state);
    expect(ui.menus).toEqual([{ name: 'Progress', items: [{ caption: 'Set up again', functionName: 'setup' }] }]);
    expect(ui.toasts).toEqual([{ message: 'Saved', title: 'shinchoku', timeoutSeconds: 3, at: expect.any(String), context: 'manual' }]);
    expect(ui.dialog).toMatchObject({ kind: 'alert', title: '', html: 'Done', answer: 'OK' });
    run(
      state,
      `SpreadsheetApp.getUi().showModalDialog({ getContent: function () { return '<b>x</b>'; }, getTitle: function () { return ''; } }, 'Setup');`,
    );
    expect(readUi(state).dialog).toMatchObject({ kind: 'modal', title: 'Setup', html: '<b>x</b>' });
  });

  test('HtmlService output shows as a sidebar', () => {
    const state = newState();
    run(state, `SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput('<h1>Today</h1>').setTitle('Progress'));`);
    expect(readUi(state).dialog).toMatchObject({ kind: 'sidebar', title: 'Progress', html: '<h1>Today</h1>' });
  });

  test('a sub-menu is recorded under its menu', () => {
    const state = newState();
    run(
      state,
      `var ui = SpreadsheetApp.getUi(); ui.createMenu('P').addItem('A', 'a').addSeparator().addSubMenu(ui.createMenu('S').addItem('B', 'b')).addToUi();`,
    );
    expect(readUi(state).menus).toEqual([
      {
        name: 'P',
        items: [
          { caption: 'A', functionName: 'a' },
          { caption: '', separator: true },
          { caption: 'S', subMenu: { name: 'S', items: [{ caption: 'B', functionName: 'b' }] } },
        ],
      },
    ]);
  });

  test('prompt answers a queued response, or CLOSE; the older addMenu API is recorded too', () => {
    const state = newState();
    queueUiAnswer(state, { button: 'OK', text: 'octo-org' });
    const value = run(
      state,
      `var ui = SpreadsheetApp.getUi();
       var first = ui.prompt('GitHub organisation?', ui.ButtonSet.OK_CANCEL);
       var second = ui.prompt('Again?');
       SpreadsheetApp.getActive().addMenu('Legacy', [{ name: 'Run', functionName: 'run' }, null]);
       return [first.getSelectedButton(), first.getResponseText(), second.getSelectedButton(), second.getResponseText()];`,
    );
    expect(value).toEqual(['OK', 'octo-org', 'CLOSE', '']);
    expect(readUi(state).menus).toEqual([
      {
        name: 'Legacy',
        items: [
          { caption: 'Run', functionName: 'run' },
          { caption: '', separator: true },
        ],
      },
    ]);
  });

  test('getUi() is refused in web apps and time-driven triggers', () => {
    const state = newState();
    for (const kind of ['web', 'trigger'] as const) {
      const result = runSnippet(state, 'function t() { SpreadsheetApp.getUi(); }', 't', { kind });
      expect(result.error?.message).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
    }
    expect(runSnippet(state, 'function t() { SpreadsheetApp.getUi(); }', 't', { kind: 'simple' }).error).toBeUndefined();
  });
});
