import { newState, runSnippet, type ScriptRunOptions } from '../helpers/runtime';
import { dumpWorkbook, readWorkbookMeta } from '../../local/services/spreadsheet';
import type { StateDir } from '../../local/runtime/state';

/** Runs a function body in the local runtime and returns what it returns, failing on a script error. */
function run(state: StateDir, body: string, options: ScriptRunOptions = {}): unknown {
  const result = runSnippet(state, `function t() {\n${body}\n}`, 't', options);
  if (result.error) throw new Error(`script failed: ${result.error.message}`);
  return result.value;
}

/** Runs a function body and returns the message of what it threw. */
function failure(state: StateDir, body: string): string | undefined {
  const result = runSnippet(state, `function t() {\n${body}\n}`, 't');
  return result.error ? `${result.error.name}: ${result.error.message}` : undefined;
}

describe('SpreadsheetApp: sheets and ranges', () => {
  test('a new workbook has one 1000 × 26 sheet and inserted sheets get the same grid', () => {
    const state = newState();
    const value = run(
      state,
      `var ss = SpreadsheetApp.getActiveSpreadsheet();
       var s = ss.insertSheet('Tasks');
       return [ss.getSheets().map(function (x) { return x.getName(); }), s.getMaxRows(), s.getMaxColumns(),
         ss.getActiveSheet().getName(), ss.getSheetByName('tasks').getName(), ss.getSheetByName('Nope'),
         /^https:\\/\\/docs.google.com\\/spreadsheets\\/d\\/1[\\w-]{43}\\/edit$/.test(ss.getUrl())];`,
    );
    expect(value).toEqual([['Sheet1', 'Tasks'], 1000, 26, 'Tasks', 'Tasks', null, true]);
  });

  test('insertSheet refuses a name already taken, ignoring case', () => {
    const state = newState();
    run(state, `SpreadsheetApp.getActive().insertSheet('Tasks');`);
    expect(failure(state, `SpreadsheetApp.getActive().insertSheet('TASKS');`)).toBe(
      'Exception: A sheet with the name "TASKS" already exists. Please enter another name.',
    );
  });

  test('a new sheet goes after the active one and becomes active; hiding the last visible sheet is refused', () => {
    const state = newState();
    const value = run(
      state,
      `var ss = SpreadsheetApp.getActive();
       ss.insertSheet('B'); ss.setActiveSheet(ss.getSheets()[0]); ss.insertSheet('A');
       var names = ss.getSheets().map(function (s) { return s.getName(); });
       ss.insertSheet('First', 0);
       return [names, ss.getSheets()[0].getName(), ss.getActiveSheet().getName(), ss.getSheetByName('B').getIndex()];`,
    );
    expect(value).toEqual([['Sheet1', 'A', 'B'], 'First', 'First', 4]);
    const hideAll = `var ss = SpreadsheetApp.getActive(); ss.getSheets().forEach(function (s) { s.hideSheet(); });`;
    expect(failure(state, hideAll)).toBe("Exception: You can't hide all the sheets in a document.");
  });

  test('the last visible sheet cannot be deleted', () => {
    const state = newState();
    expect(failure(state, `var ss = SpreadsheetApp.getActive(); ss.deleteSheet(ss.getSheets()[0]);`)).toBe(
      "Exception: You can't remove all the visible sheets in a document.",
    );
  });

  test("setValues checks the data against the range with Apps Script's messages", () => {
    const state = newState();
    const sheet = `var s = SpreadsheetApp.getActive().getSheets()[0];`;
    expect(failure(state, `${sheet} s.getRange(1, 1, 2, 2).setValues([[1, 2]]);`)).toBe(
      'Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(failure(state, `${sheet} s.getRange(1, 1, 2, 2).setValues([[1, 2], [3]]);`)).toBe(
      'Exception: The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(failure(state, `${sheet} s.getRange('A1:C1').setValues([1, 2, 3]);`)).toBe(
      "Exception: The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
  });

  test('ranges outside the grid fail as in Apps Script', () => {
    const state = newState();
    const sheet = `var s = SpreadsheetApp.getActive().getSheets()[0];`;
    const outside = 'Exception: The coordinates of the range are outside the dimensions of the sheet.';
    expect(failure(state, `${sheet} s.getRange(1001, 1);`)).toBe(outside);
    expect(failure(state, `${sheet} s.getRange(1, 1, 1, 27);`)).toBe(outside);
    expect(failure(state, `${sheet} s.getRange('A1:AA1');`)).toBe(outside);
    expect(failure(state, `${sheet} s.getRange('A1000').offset(1, 0);`)).toBe(outside);
    expect(failure(state, `${sheet} s.getRange(0, 1);`)).toBe('Exception: The starting row of the range is too small.');
    expect(failure(state, `${sheet} s.getRange(1, 0);`)).toBe('Exception: The starting column of the range is too small.');
    expect(failure(state, `${sheet} s.getRange(1, 1, 0, 1);`)).toBe('Exception: The number of rows in the range must be at least 1.');
    expect(failure(state, `${sheet} s.getRange('not a range');`)).toBe('Exception: Range not found');
    expect(failure(state, `${sheet} s.getRange('A1:B2').getCell(3, 1);`)).toBe('Exception: Cell reference out of range');
    expect(failure(state, `${sheet} s.deleteRows(990, 20);`)).toBe('Exception: Those rows are out of bounds.');
    expect(
      run(
        state,
        `${sheet} var r = s.getRange('B2:D'); return [r.getA1Notation(), r.getNumRows(), s.getRange('C:C').getNumRows(), s.getRange('2:3').getNumColumns()];`,
      ),
    ).toEqual(['B2:D1000', 999, 1000, 26]);
  });

  test('appendRow writes below the data and grows a full sheet', () => {
    const state = newState();
    const value = run(
      state,
      `var s = SpreadsheetApp.getActive().insertSheet('Log');
       s.deleteRows(3, 998);
       s.getRange('A1:B2').setValues([['when', 'what'], ['x', 'y']]);
       s.appendRow(['a', 1]);
       s.appendRow(['b', 2]);
       return [s.getMaxRows(), s.getLastRow(), s.getRange('A3:B4').getValues()];`,
    );
    expect(value).toEqual([
      4,
      4,
      [
        ['a', 1],
        ['b', 2],
      ],
    ]);
  });

  test('getLastRow/getLastColumn/getDataRange follow the data', () => {
    const state = newState();
    const value = run(
      state,
      `var s = SpreadsheetApp.getActive().getSheets()[0];
       var empty = [s.getLastRow(), s.getLastColumn(), s.getDataRange().getA1Notation()];
       s.getRange('C5').setValue('x');
       s.getRange('B7').setValue(0);
       return [empty, s.getLastRow(), s.getLastColumn(), s.getDataRange().getA1Notation()];`,
    );
    expect(value).toEqual([[0, 0, 'A1'], 7, 3, 'A1:C7']);
  });

  test('inserting and deleting rows moves data, formats and formula references', () => {
    const state = newState();
    const value = run(
      state,
      `var ss = SpreadsheetApp.getActive();
       var s = ss.insertSheet('Data');
       s.getRange('A1:A4').setValues([['h'], [1], [2], [3]]);
       s.getRange('A1').setFontWeight('bold');
       var other = ss.insertSheet('Sum');
       other.getRange('A1').setFormula('=SUM(Data!A2:A4)');
       other.getRange('B1').setFormula('=Data!A4');
       s.insertRowsAfter(2, 2);
       s.getRange('A3:A4').setValues([[10], [20]]);
       var afterInsert = [other.getRange('A1:B1').getFormulas()[0], other.getRange('A1:B1').getValues()[0], s.getMaxRows()];
       s.deleteRows(2, 1);
       return [afterInsert, other.getRange('A1:B1').getFormulas()[0], other.getRange('A1:B1').getValues()[0],
         s.getRange('A1:A5').getValues().map(function (r) { return r[0]; }), s.getRange('A1').getFontWeight(), s.getRange('A2').getFontWeight()];`,
    );
    expect(value).toEqual([
      [['=SUM(Data!A2:A6)', '=Data!A6'], [36, 3], 1002],
      ['=SUM(Data!A2:A5)', '=Data!A5'],
      [35, 3],
      ['h', 10, 20, 2, 3],
      'bold',
      'normal',
    ]);
  });

  test('inserting a very large block of rows above data moves it intact', () => {
    const state = newState();
    const value = run(
      state,
      `var s = SpreadsheetApp.getActive().getSheets()[0];
       s.getRange('A1:B5').setValues([['h', 'x'], [1, 2], [3, 4], [5, 6], [7, 8]]);
       s.getRange('C5').setFormula('=A5+B5');
       s.insertRowsBefore(2, 300000);
       return [s.getMaxRows(), s.getLastRow(), s.getRange('A300005:C300005').getValues()[0], s.getRange('C300005').getFormula(), s.getRange('A2').getValue()];`,
    );
    expect(value).toEqual([301000, 300005, [7, 8, 15], '=A300005+B300005', '']);
  });

  test('renaming a sheet follows in formulas; deleting it turns references into #REF!', () => {
    const state = newState();
    const value = run(
      state,
      `var ss = SpreadsheetApp.getActive();
       var s = ss.insertSheet('Raw');
       s.getRange('A1').setValue(5);
       var f = ss.insertSheet('F');
       f.getRange('A1').setFormula('=Raw!A1*2');
       s.setName('KPI Tracking');
       var renamed = [f.getRange('A1').getFormula(), f.getRange('A1').getValue()];
       ss.deleteSheet(s);
       return [renamed, f.getRange('A1').getFormula(), f.getRange('A1').getValue()];`,
    );
    expect(value).toEqual([["='KPI Tracking'!A1*2", 10], '=#REF!*2', '#REF!']);
  });

  test('formats, styles, notes and frozen rows round-trip', () => {
    const state = newState();
    const value = run(
      state,
      `var s = SpreadsheetApp.getActive().getSheets()[0];
       var r = s.getRange('A1:B2');
       r.setNumberFormat('0.0%').setBackground('red').setFontColor('#00F').setFontWeight('bold').setHorizontalAlignment('center').setWrap(true);
       s.getRange('B2').setNote('checked');
       s.setFrozenRows(1); s.setFrozenColumns(1); s.setColumnWidth(2, 180); s.setTabColor('#ABCDEF');
       s.getRange('A1').setValue(0.256);
       return [r.getNumberFormats(), s.getRange('C3').getNumberFormat(), r.getBackgrounds()[1][1], s.getRange('C3').getBackground(),
         r.getFontColors()[0][0], r.getFontWeights()[0], r.getHorizontalAlignments()[0][0], r.getWraps()[0][0], s.getRange('B2').getNote(),
         s.getFrozenRows(), s.getFrozenColumns(), s.getColumnWidth(2), s.getColumnWidth(3), s.getTabColor(), s.getRange('A1').getDisplayValue()];`,
    );
    expect(value).toEqual([
      [
        ['0.0%', '0.0%'],
        ['0.0%', '0.0%'],
      ],
      '0.###############',
      '#ff0000',
      '#ffffff',
      '#0000ff',
      ['bold', 'bold'],
      'center',
      true,
      'checked',
      1,
      1,
      180,
      100,
      '#abcdef',
      '25.6%',
    ]);
    const meta = readWorkbookMeta(state).sheets[0]!;
    expect(meta.numberFormats).toEqual([
      { range: 'A1:A2', format: '0.0%' },
      { range: 'B1:B2', format: '0.0%' },
    ]);
    expect(meta.frozenRows).toBe(1);
    expect(meta.columnWidths).toEqual({ B: 180 });
  });

  test('display values apply number formats', () => {
    const state = newState();
    const value = run(
      state,
      `var s = SpreadsheetApp.getActive().getSheets()[0];
       var r = s.getRange('A1:H1');
       r.setValues([[0.8, 0.8, 1234567.891, 3.14159, 46027, 46027.5625, 1/3, true]]);
       r.setNumberFormats([['0%', '0.0%', '#,##0', '0.00', 'yyyy-mm-dd', 'yyyy-mm-dd hh:mm', '0.###############', '0']]);
       return r.getDisplayValues()[0];`,
    );
    expect(value).toEqual(['80%', '80.0%', '1,234,568', '3.14', '2026-01-05', '2026-01-05 13:30', '0.3333333333', 'TRUE']);
  });
});

describe('SpreadsheetApp: values as Sheets stores them', () => {
  test('strings are read like typed input; a leading apostrophe keeps text', () => {
    const state = newState();
    const value = run(
      state,
      `var s = SpreadsheetApp.getActive().getSheets()[0];
       var r = s.getRange('A1:J1');
       r.setValues([['123', '007', '1,234', '12%', 'TRUE', "'=HYPERLINK(\\"https://x\\", \\"x\\")", '=1+1', "'0123", 'hello', '2026/01/05']]);
       var v = r.getValues()[0];
       return [v.slice(0, 9), v[9] instanceof Date, r.getFormulas()[0], r.getNumberFormats()[0]];`,
    );
    expect(value).toEqual([
      [123, 7, 1234, 0.12, true, '=HYPERLINK("https://x", "x")', 2, '0123', 'hello'],
      true,
      ['', '', '', '', '', '', '=1+1', '', '', ''],
      [
        '0.###############',
        '0.###############',
        '#,##0',
        '0%',
        '0.###############',
        '0.###############',
        '0.###############',
        '0.###############',
        '0.###############',
        'yyyy/mm/dd',
      ],
    ]);
  });

  test('a plain-text format ("@") keeps strings as they are; "" clears a cell', () => {
    const state = newState();
    const value = run(
      state,
      `var s = SpreadsheetApp.getActive().getSheets()[0];
       s.getRange('A1:B1').setNumberFormat('@').setValues([['=1+1', '00123']]);
       s.getRange('C1').setValue('x');
       s.getRange('C1').setValue('');
       return [s.getRange('A1:C1').getValues()[0], s.getRange('A1').getFormula(), s.getLastColumn()];`,
    );
    expect(value).toEqual([['=1+1', '00123', ''], '', 2]);
  });

  test("dates round-trip as instants in the spreadsheet's time zone (Asia/Tokyo)", () => {
    const state = newState();
    const value = run(
      state,
      `var s = SpreadsheetApp.getActive().getSheets()[0];
       s.getRange('A1').setValue(new Date('2026-01-05T00:00:00+09:00'));
       s.getRange('B1').setValue(new Date('2026-01-05T18:30:00+09:00'));
       s.getRange('C1').setValue('2026-01-05');
       s.getRange('D1').setValue('2026-01-05 18:30');
       var v = s.getRange('A1:D1').getValues()[0];
       return [v.map(function (d) { return d instanceof Date ? d.toISOString() : d; }), s.getRange('A1:D1').getDisplayValues()[0],
         SpreadsheetApp.getActive().getSpreadsheetTimeZone()];`,
    );
    expect(value).toEqual([
      ['2026-01-04T15:00:00.000Z', '2026-01-05T09:30:00.000Z', '2026-01-04T15:00:00.000Z', '2026-01-05T09:30:00.000Z'],
      ['2026-01-05', '2026-01-05 18:30:00', '2026-01-05', '2026-01-05 18:30'],
      'Asia/Tokyo',
    ]);
    expect(dumpWorkbook(state)['Sheet1']).toEqual([['2026-01-05', '2026-01-05T18:30:00+09:00', '2026-01-05', '2026-01-05T18:30:00+09:00']]);
  });

  test('a workbook created under another zone keeps dates in that zone, and moving the zone keeps wall-clock time', () => {
    const state = newState();
    const ny = { timeZone: 'America/New_York' };
    const value = run(
      state,
      `var ss = SpreadsheetApp.getActive(); var s = ss.getSheets()[0];
       s.getRange('A1').setValue('2026-07-01 09:30');
       s.getRange('A2').setValue(new Date('2026-01-05T12:00:00Z'));
       var before = [ss.getSpreadsheetTimeZone(), s.getRange('A1').getValue().toISOString(), s.getRange('A2').getDisplayValue()];
       ss.setSpreadsheetTimeZone('UTC');
       return [before, s.getRange('A1').getValue().toISOString(), s.getRange('A2').getDisplayValue()];`,
      ny,
    );
    expect(value).toEqual([
      ['America/New_York', '2026-07-01T13:30:00.000Z', '2026-01-05 07:00:00'],
      '2026-07-01T09:30:00.000Z',
      '2026-01-05 07:00:00',
    ]);
  });

  test('setValue fills every cell of the range; 50,000 characters is the cell limit', () => {
    const state = newState();
    expect(run(state, `var r = SpreadsheetApp.getActive().getSheets()[0].getRange('A1:B2'); r.setValue(7); return r.getValues();`)).toEqual([
      [7, 7],
      [7, 7],
    ]);
    expect(failure(state, `SpreadsheetApp.getActive().getSheets()[0].getRange('A1').setValue(new Array(50002).join('x'));`)).toBe(
      'Exception: Your input contains more than the maximum of 50000 characters in a single cell.',
    );
  });

  test('the workbook cannot grow past 10 million cells', () => {
    const state = newState();
    const limit = 'Exception: This action would increase the number of cells in the workbook above the limit of 10000000 cells.';
    // Sheet1 is 1000 × 26; 383,615 more rows bring it to 9,999,990 cells.
    expect(run(state, `var s = SpreadsheetApp.getActive().getSheets()[0]; s.insertRowsAfter(1000, 383615); return s.getMaxRows();`)).toBe(384615);
    expect(failure(state, `SpreadsheetApp.getActive().getSheets()[0].insertRowsAfter(1, 1);`)).toBe(limit);
    expect(failure(state, `SpreadsheetApp.getActive().insertSheet('More');`)).toBe(limit);
    expect(failure(state, `SpreadsheetApp.getActive().getSheets()[0].insertColumnsAfter(1, 1);`)).toBe(limit);
  });
});

describe('SpreadsheetApp: accounting', () => {
  test('a table read and write costs two counted calls; handles are free', () => {
    const state = newState();
    run(state, `SpreadsheetApp.getActive().insertSheet('Tasks').getRange('A1:B2').setValues([['id', 'title'], [1, 'x']]);`);
    const result = runSnippet(
      state,
      `function t() {
         var ss = SpreadsheetApp.getActiveSpreadsheet();
         var sheet = ss.getSheetByName('Tasks');
         var range = sheet.getDataRange();
         var values = range.getValues();
         values[1][1] = 'y';
         sheet.getRange(1, 1, values.length, values[0].length).setValues(values);
         sheet.getRange('A1').getA1Notation(); sheet.getName(); ss.getId(); ss.getSheets(); range.offset(1, 0).getCell(1, 1);
       }`,
      't',
    );
    expect(result.error).toBeUndefined();
    expect(result.stats.calls).toEqual({ SpreadsheetApp: { 'Range.getValues': 1, 'Range.setValues': 1 } });
    expect(result.stats.modeledMs).toBe(800 + 120);
  });

  test('flush costs 30 ms; dimension and structure reads are counted', () => {
    const state = newState();
    const result = runSnippet(
      state,
      `function t() { var s = SpreadsheetApp.getActive().getSheets()[0]; s.getLastRow(); s.getMaxRows(); s.setFrozenRows(1);
         SpreadsheetApp.getActive().getSpreadsheetTimeZone(); SpreadsheetApp.flush(); }`,
      't',
    );
    expect(result.stats.calls['SpreadsheetApp']).toEqual({
      'Sheet.getLastRow': 1,
      'Sheet.getMaxRows': 1,
      'Sheet.setFrozenRows': 1,
      'Spreadsheet.getSpreadsheetTimeZone': 1,
      'SpreadsheetApp.flush': 1,
    });
    expect(result.stats.modeledMs).toBe(800 + 4 * 60 + 30);
  });

  test('an unimplemented method says so', () => {
    const state = newState();
    expect(failure(state, `SpreadsheetApp.getActive().getSheets()[0].getRange('A1').getRichTextValue();`)).toBe(
      'Exception: not implemented in the local runtime: Range.getRichTextValue',
    );
  });
});

describe('SpreadsheetApp: validation, conditional formats, charts', () => {
  test('data validation rules round-trip through the API and the workbook JSON', () => {
    const state = newState();
    const value = run(
      state,
      `var s = SpreadsheetApp.getActive().getSheets()[0];
       var rule = SpreadsheetApp.newDataValidation().requireValueInList(['todo', 'doing', 'done'], true).setAllowInvalid(false).setHelpText('Pick a status').build();
       s.getRange('C2:C10').setDataValidation(rule);
       s.getRange('D2').setDataValidation(SpreadsheetApp.newDataValidation().requireNumberBetween(1, 5).build());
       s.getRange('E2').setDataValidation(SpreadsheetApp.newDataValidation().requireDateOnOrAfter(new Date('2026-01-01T00:00:00Z')).build());
       s.getRange('F2:F3').insertCheckboxes();
       var got = s.getRange('C5').getDataValidation();
       var d = s.getRange('D2').getDataValidation();
       var e = s.getRange('E2').getDataValidation().getCriteriaValues()[0];
       s.getRange('C10').clearDataValidations();
       return [got.getCriteriaType() === SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST, got.getCriteriaValues(), got.getHelpText(), got.getAllowInvalid(),
         d.getCriteriaType(), d.getCriteriaValues(), d.getAllowInvalid(), e instanceof Date && e.toISOString(),
         s.getRange('F2:F3').getValues(), s.getRange('A1').getDataValidation(), s.getRange('C9:C10').getDataValidations()[1][0]];`,
    );
    expect(value).toEqual([
      true,
      [['todo', 'doing', 'done'], true],
      'Pick a status',
      false,
      'NUMBER_BETWEEN',
      [1, 5],
      true,
      '2026-01-01T00:00:00.000Z',
      [[false], [false]],
      null,
      null,
    ]);
    const dv = readWorkbookMeta(state).sheets[0]!.dataValidations;
    expect(dv[0]).toEqual({
      range: 'C2:C9',
      rule: { type: 'VALUE_IN_LIST', values: [['todo', 'doing', 'done'], true], allowInvalid: false, helpText: 'Pick a status' },
    });
    expect(dv.map((x) => x.rule.type)).toEqual(['VALUE_IN_LIST', 'NUMBER_BETWEEN', 'DATE_ON_OR_AFTER', 'CHECKBOX']);
  });

  test('conditional format rules round-trip', () => {
    const state = newState();
    const value = run(
      state,
      `var s = SpreadsheetApp.getActive().getSheets()[0];
       var low = SpreadsheetApp.newConditionalFormatRule().whenNumberLessThan(0.5).setBackground('#F4C7C3').setFontColor('#990000').setBold(true)
         .setRanges([s.getRange('B2:B100')]).build();
       var custom = SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('=$C2>3').setBackground('#fff2cc').setRanges([s.getRange('A2:H100')]).build();
       var rules = s.getConditionalFormatRules();
       rules.push(low, custom);
       s.setConditionalFormatRules(rules);
       var back = s.getConditionalFormatRules();
       var c0 = back[0].getBooleanCondition();
       return [back.length, back[0].getRanges()[0].getA1Notation(), c0.getCriteriaType(), c0.getCriteriaValues(), c0.getBackground(), c0.getFontColor(), c0.getBold(),
         back[1].getBooleanCondition().getCriteriaType(), back[1].getBooleanCondition().getCriteriaValues()];`,
    );
    expect(value).toEqual([2, 'B2:B100', 'NUMBER_LESS_THAN', [0.5], '#f4c7c3', '#990000', true, 'CUSTOM_FORMULA', ['=$C2>3']]);
    expect(readWorkbookMeta(state).sheets[0]!.conditionalFormatRules[0]).toEqual({
      ranges: ['B2:B100'],
      condition: { type: 'NUMBER_LESS_THAN', values: [0.5] },
      format: { background: '#f4c7c3', fontColor: '#990000', bold: true },
    });
  });

  test('embedded charts round-trip and can be modified', () => {
    const state = newState();
    const value = run(
      state,
      `var ss = SpreadsheetApp.getActive(); var s = ss.insertSheet('KPI Tracking');
       var chart = s.newChart().setChartType(Charts.ChartType.LINE).addRange(s.getRange('A1:B30')).addRange(s.getRange('D1:D30'))
         .setPosition(2, 10, 0, 0).setOption('title', 'Overall Progress').setOption('vAxis.format', 'percent').build();
       s.insertChart(chart);
       var got = s.getCharts()[0];
       var before = [got.getRanges().map(function (r) { return r.getA1Notation(); }), got.getOptions().get('title'), got.getContainerInfo().getAnchorColumn(),
         got.modify().getChartType()];
       s.updateChart(got.modify().asColumnChart().setTitle('Progress').build());
       var after = s.getCharts();
       return [before, after.length, after[0].modify().getChartType(), after[0].getOptions().get('title'), after[0].getChartId() === got.getChartId()];`,
    );
    expect(value).toEqual([[['A1:B30', 'D1:D30'], 'Overall Progress', 10, 'LINE'], 1, 'COLUMN', 'Progress', true]);
    const charts = readWorkbookMeta(state).sheets[1]!.charts;
    expect(charts).toEqual([
      {
        id: 1,
        type: 'COLUMN',
        ranges: ["'KPI Tracking'!A1:B30", "'KPI Tracking'!D1:D30"],
        position: { row: 2, column: 10, offsetX: 0, offsetY: 0 },
        options: { title: 'Progress', 'vAxis.format': 'percent' },
      },
    ]);
    expect(
      run(state, `var s = SpreadsheetApp.getActive().getSheetByName('KPI Tracking'); s.removeChart(s.getCharts()[0]); return s.getCharts().length;`),
    ).toBe(0);
  });
});

describe('SpreadsheetApp: persistence', () => {
  test('the workbook outlives the execution and keeps its id', () => {
    const state = newState();
    const id = run(state, `var ss = SpreadsheetApp.getActive(); ss.getSheets()[0].getRange('A1').setValue('kept'); return ss.getId();`);
    expect(run(state, `var ss = SpreadsheetApp.getActive(); return [ss.getId(), ss.getSheets()[0].getRange('A1').getValue()];`)).toEqual([
      id,
      'kept',
    ]);
  });

  test('writes made before an exception stay', () => {
    const state = newState();
    expect(failure(state, `SpreadsheetApp.getActive().getSheets()[0].getRange('A1').setValue('before'); throw new Error('boom');`)).toBe(
      'Error: boom',
    );
    expect(run(state, `return SpreadsheetApp.getActive().getSheets()[0].getRange('A1').getValue();`)).toBe('before');
  });
});
