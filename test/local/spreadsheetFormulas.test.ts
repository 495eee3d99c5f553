import { newState, runSnippet, type ScriptRunOptions } from '../helpers/runtime';
import { dumpWorkbook, typeIntoCell } from '../../local/services/spreadsheet';
import type { StateDir } from '../../local/runtime/state';

function run(state: StateDir, body: string, options: ScriptRunOptions = {}): unknown {
  const result = runSnippet(state, `function t() {\n${body}\n}`, 't', options);
  if (result.error) throw new Error(`script failed: ${result.error.message}`);
  return result.value;
}

describe('formulas', () => {
  test('ARRAYFORMULA over open-ended ranges fills rows typed later, in later executions', () => {
    const state = newState();
    run(
      state,
      `var s = SpreadsheetApp.getActive().insertSheet('KPI');
       s.getRange('A1:C1').setValues([['Date', 'Done', 'Double']]);
       s.getRange('C2').setFormula('=ARRAYFORMULA(IF(A2:A="", "", B2:B*2))');
       s.getRange('A2:B3').setValues([['2026-01-05', 3], ['2026-01-06', 4]]);`,
    );
    expect(run(state, `return SpreadsheetApp.getActive().getSheetByName('KPI').getRange('C2:C5').getValues();`)).toEqual([[6], [8], [''], ['']]);
    typeIntoCell(state, 'KPI!A4', '2026-01-07');
    typeIntoCell(state, 'KPI!B4', '10');
    expect(
      run(
        state,
        `var s = SpreadsheetApp.getActive().getSheetByName('KPI'); return [s.getRange('C2:C6').getValues(), s.getRange('C2:C3').getFormulas()];`,
      ),
    ).toEqual([
      [[6], [8], [20], [''], ['']],
      [['=ARRAYFORMULA(IF(A2:A="", "", B2:B*2))'], ['']],
    ]);
    // The array spills "" down to the last row of the grid and Sheets counts those cells in getLastRow, so
    // appendRow lands below the grid (which grows) instead of on row 5: append below a key column instead.
    const value = run(
      state,
      `var s = SpreadsheetApp.getActive().getSheetByName('KPI');
       var before = s.getLastRow();
       s.appendRow(['2026-01-08', 1]);
       return [before, s.getLastRow(), s.getMaxRows(), s.getRange('A1001').getDisplayValue(), s.getRange('C1001').getValue()];`,
    );
    expect(value).toEqual([1000, 1001, 1001, '2026-01-08', 2]);
  });

  test('AVERAGEIFS, SPARKLINE, JOIN, REGEXMATCH and TEXT work as in Sheets', () => {
    const state = newState();
    const value = run(
      state,
      `var s = SpreadsheetApp.getActive().getSheets()[0];
       s.getRange('A1:C5').setValues([['team', 'score', 'ok'], ['a', 4, true], ['b', 2, false], ['a', 5, true], ['a', 1, false]]);
       s.getRange('E1:E8').setFormulas([['=AVERAGEIFS(B2:B, A2:A, "a", C2:C, TRUE)'], ['=AVERAGEIFS(B2:B5, A2:A5, "z")'], ['=SPARKLINE(B2:B5)'],
         ['=JOIN(", ", A2:A5)'], ['=REGEXMATCH("PR-123", "^PR-\\\\d+$")'], ['=TEXT(0.256, "0.0%")'], ['=TEXT(DATE(2026, 1, 5), "yyyy/mm/dd")'], ['=COUNTIFS(A2:A, "a", B2:B, ">=2")']]);
       return [s.getRange('E1:E8').getValues().map(function (r) { return r[0]; }), s.getRange('E3').getDisplayValue()];`,
    );
    expect(value).toEqual([[4.5, '#DIV/0!', '', 'a, b, a, a', true, '25.6%', '2026/01/05', 2], '']);
  });

  test('cross-sheet references, including sheet names that need quotes', () => {
    const state = newState();
    const value = run(
      state,
      `var ss = SpreadsheetApp.getActive();
       var k = ss.insertSheet('KPI Tracking'); k.getRange('A1:B3').setValues([['Date', 'Rate'], ['2026-01-05', 0.5], ['2026-01-06', 0.7]]);
       var j = ss.insertSheet('シート'); j.getRange('A1').setValue(3);
       var d = ss.insertSheet('Dashboard');
       d.getRange('A1:C1').setFormulas([["=AVERAGE('KPI Tracking'!B2:B)", "=MAX('KPI Tracking'!A2:A)", '=シート!A1*2']]);
       return [d.getRange('A1:C1').getValues()[0].map(function (v) { return v instanceof Date ? 'date' : v; }), d.getRange('A1:C1').getDisplayValues()[0]];`,
    );
    // MAX of a date column is a date, shown in the column's format, as Sheets does.
    expect(value).toEqual([
      [0.6, 'date', 6],
      ['0.6', '2026-01-06', '6'],
    ]);
  });

  test('a formula on a date cell keeps the date type, as Sheets formats it', () => {
    const state = newState();
    const value = run(
      state,
      `var s = SpreadsheetApp.getActive().getSheets()[0];
       s.getRange('A1').setValue('2026-01-05');
       s.getRange('B1:D1').setFormulas([['=A1+7', '=TODAY()', '=A1-DATE(2026,1,1)']]);
       var v = s.getRange('A1:D1').getValues()[0];
       return [v.map(function (x) { return x instanceof Date ? x.toISOString() : x; }), s.getRange('A1:D1').getDisplayValues()[0]];`,
      { at: '2026-03-10T23:30:00Z' },
    );
    // 23:30 UTC is already March 11th in Tokyo: TODAY() follows the spreadsheet's zone and the execution clock.
    expect(value).toEqual([
      ['2026-01-04T15:00:00.000Z', '2026-01-11T15:00:00.000Z', '2026-03-10T15:00:00.000Z', 4],
      ['2026-01-05', '2026-01-12', '2026-03-11', '4'],
    ]);
  });

  test('TODAY() moves with the clock of each execution', () => {
    const state = newState();
    run(state, `SpreadsheetApp.getActive().getSheets()[0].getRange('A1').setFormula('=TODAY()');`);
    const read = `return SpreadsheetApp.getActive().getSheets()[0].getRange('A1').getDisplayValue();`;
    expect(run(state, read, { at: '2026-01-05T09:00:00+09:00' })).toBe('2026-01-05');
    expect(run(state, read, { at: '2026-02-01T09:00:00+09:00' })).toBe('2026-02-01');
    expect(dumpWorkbook(state, { now: new Date('2026-04-01T00:00:00+09:00') })['Sheet1']).toEqual([['2026-04-01']]);
  });

  test('errors come back as their codes; a blocked spill and a circular reference are #REF!', () => {
    const state = newState();
    const value = run(
      state,
      `var s = SpreadsheetApp.getActive().getSheets()[0];
       s.getRange('A1:A2').setValues([[1], ['x']]);
       s.getRange('B1:B7').setFormulas([['=1/0'], ['=NA()'], ['=A2*2'], ['=NOSUCHFUNCTION(1)'], ['=Nowhere!A1'], ['=B6'], ['=ARRAYFORMULA(A1:A2)']]);
       s.getRange('B8').setValue('in the way');
       s.getRange('C1').setFormula('=ARRAYFORMULA(A1:A3)');
       s.getRange('C2').setValue('blocks');
       return [s.getRange('B1:B7').getValues().map(function (r) { return r[0]; }), s.getRange('C1').getValue(), s.getRange('B1:B2').getDisplayValues()];`,
    );
    expect(value).toEqual([['#DIV/0!', '#N/A', '#VALUE!', '#NAME?', '#REF!', '#REF!', '#REF!'], '#REF!', [['#DIV/0!'], ['#N/A']]]);
  });

  test('getFormulas keeps the text as written while getValues computes it', () => {
    const state = newState();
    const value = run(
      state,
      `var s = SpreadsheetApp.getActive().getSheets()[0];
       s.getRange('A1:A3').setValues([[2], [3], [4]]);
       s.getRange('B1').setFormula('=SUM(A1:A)');
       s.getRange('B2').setFormula('=IF(A1>1, TRUE, FALSE)');
       s.getRange('C1:C3').setFormula('=A1*10');
       return [s.getRange('B1:C3').getFormulas(), s.getRange('B1:C3').getValues()];`,
    );
    expect(value).toEqual([
      [
        ['=SUM(A1:A)', '=A1*10'],
        ['=IF(A1>1, TRUE, FALSE)', '=A2*10'],
        ['', '=A3*10'],
      ],
      [
        [9, 20],
        [true, 30],
        ['', 40],
      ],
    ]);
  });

  test('a formula written as text with a leading apostrophe stays text (formula injection)', () => {
    const state = newState();
    const value = run(
      state,
      `var s = SpreadsheetApp.getActive().getSheets()[0];
       s.getRange('A1:B1').setValues([["'=HYPERLINK(\\"https://evil.example\\", \\"click\\")", '=HYPERLINK("https://evil.example", "click")']]);
       return [s.getRange('A1:B1').getValues()[0], s.getRange('A1:B1').getFormulas()[0]];`,
    );
    expect(value).toEqual([
      ['=HYPERLINK("https://evil.example", "click")', 'click'],
      ['', '=HYPERLINK("https://evil.example", "click")'],
    ]);
  });

  test('named ranges resolve in formulas', () => {
    const state = newState();
    const value = run(
      state,
      `var ss = SpreadsheetApp.getActive(); var s = ss.insertSheet('Targets');
       s.getRange('A1:A3').setValues([[1], [2], [3]]);
       ss.setNamedRange('TargetValues', s.getRange('A1:A3'));
       var d = ss.getSheets()[0]; d.getRange('A1').setFormula('=SUM(TargetValues)');
       return [d.getRange('A1').getValue(), ss.getRangeByName('TargetValues').getA1Notation()];`,
    );
    expect(value).toEqual([6, 'A1:A3']);
  });

  test('sort and copyTo move formulas with their rows', () => {
    const state = newState();
    const value = run(
      state,
      `var s = SpreadsheetApp.getActive().getSheets()[0];
       s.getRange('A1:A3').setValues([[3], [1], [2]]);
       s.getRange('B1:B3').setFormula('=A1*10');
       s.getRange('A1:B3').sort({ column: 1, ascending: false });
       var sorted = [s.getRange('A1:B3').getValues(), s.getRange('B1:B3').getFormulas()];
       s.getRange('A1:B1').copyTo(s.getRange('D5'));
       return [sorted, s.getRange('D5:E5').getFormulas(), s.getRange('D5:E5').getValues()];`,
    );
    expect(value).toEqual([
      [
        [
          [3, 30],
          [2, 20],
          [1, 10],
        ],
        [['=A1*10'], ['=A2*10'], ['=A3*10']],
      ],
      [['', '=D5*10']],
      [[3, 30]],
    ]);
  });

  test('an array literal that holds references is recomputed after the cells it reads change, in the same execution', () => {
    // HyperFormula 3.5 does not record these dependencies; Sheets recomputes such formulas like any other.
    const state = newState();
    const value = run(
      state,
      `var s = SpreadsheetApp.getActive().getSheets()[0];
       s.getRange('A1:B4').setValues([['Date', 'P'], ['2026-01-05', 0.5], ['2026-01-06', 0.7], ['2026-01-07', 0.6]]);
       s.getRange('C1').setFormula('={"Change";ARRAYFORMULA(IF(ISNUMBER(ARRAY_CONSTRAIN({"";B2:B},ROWS(B2:B),1)),B2:B-ARRAY_CONSTRAIN({"";B2:B},ROWS(B2:B),1),""))}');
       s.getRange('D1').setFormula('={"Twice";ARRAYFORMULA(IF(C2:C="","",C2:C*2))}');
       var before = s.getRange('C1:D4').getValues();
       s.getRange('B3').setValue(0.9);
       s.getRange('A5:B5').setValues([['2026-01-08', 1]]);
       return [before, s.getRange('C1:D5').getValues()];`,
    );
    const round = (rows: unknown) => (rows as unknown[][]).map((r) => r.map((v) => (typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v)));
    const [before, after] = value as [unknown, unknown];
    expect(round(before)).toEqual([
      ['Change', 'Twice'],
      ['', ''],
      [0.2, 0.4],
      [-0.1, -0.2],
    ]);
    expect(round(after)).toEqual([
      ['Change', 'Twice'],
      ['', ''],
      [0.4, 0.8],
      [-0.3, -0.6],
      [0.4, 0.8],
    ]);
  });

  test('hideColumns and showColumns, kept in place when columns are inserted', () => {
    const state = newState();
    const value = run(
      state,
      `var s = SpreadsheetApp.getActive().getSheets()[0];
       s.hideColumns(3);
       s.hideColumns(5, 2);
       s.showColumns(6);
       var hidden = function () { var out = []; for (var c = 1; c <= 8; c++) if (s.isColumnHiddenByUser(c)) out.push(c); return out; };
       var first = hidden();
       s.insertColumnBefore(1);
       return [first, hidden()];`,
    );
    expect(value).toEqual([
      [3, 5],
      [4, 6],
    ]);
  });
});
