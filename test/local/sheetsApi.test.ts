import { readWorkbookMeta, dumpWorkbook } from '../../local/services/spreadsheet';
import { newState, runSnippet } from '../helpers/runtime';

/**
 * The Sheets advanced service of the local runtime: batchUpdate applies to the workbook SpreadsheetApp reads, is
 * atomic, and refuses what Google refuses; each call is one counted `Sheets` request.
 */
const run = (state: ReturnType<typeof newState>, body: string) =>
  runSnippet(state, `function main() { var id = SpreadsheetApp.getActiveSpreadsheet().getId(); ${body} }`, 'main');

describe('Sheets.Spreadsheets.batchUpdate', () => {
  test('adds a sheet with its header, formats, widths, validation and rules; SpreadsheetApp reads them back', () => {
    const state = newState();
    const result = run(
      state,
      `
      var reply = Sheets.Spreadsheets.batchUpdate({ requests: [
        { addSheet: { properties: { sheetId: 42, title: 'Tasks', gridProperties: { rowCount: 50, columnCount: 4, frozenRowCount: 1 } } } },
        { updateCells: { start: { sheetId: 42, rowIndex: 0, columnIndex: 0 }, fields: 'userEnteredValue',
          rows: [{ values: [{ userEnteredValue: { stringValue: 'Due' } }, { userEnteredValue: { stringValue: 'Weight' } }, { userEnteredValue: { formulaValue: '=SUM(B2:B)' } }] }] } },
        { repeatCell: { range: { sheetId: 42, startRowIndex: 0, endRowIndex: 1 }, cell: { userEnteredFormat: { textFormat: { bold: true } } }, fields: 'userEnteredFormat.textFormat.bold' } },
        { repeatCell: { range: { sheetId: 42, startRowIndex: 1, startColumnIndex: 0, endColumnIndex: 1 }, cell: { userEnteredFormat: { numberFormat: { type: 'DATE', pattern: 'yyyy-mm-dd' } } }, fields: 'userEnteredFormat.numberFormat' } },
        { updateDimensionProperties: { range: { sheetId: 42, dimension: 'COLUMNS', startIndex: 1, endIndex: 3 }, properties: { pixelSize: 70 }, fields: 'pixelSize' } },
        { updateDimensionProperties: { range: { sheetId: 42, dimension: 'COLUMNS', startIndex: 3, endIndex: 4 }, properties: { hiddenByUser: true }, fields: 'hiddenByUser' } },
        { setDataValidation: { range: { sheetId: 42, startRowIndex: 1, endRowIndex: 50, startColumnIndex: 1, endColumnIndex: 2 },
          rule: { condition: { type: 'NUMBER_BETWEEN', values: [{ userEnteredValue: '1' }, { userEnteredValue: '5' }] }, strict: true, inputMessage: '1–5' } } },
        { addConditionalFormatRule: { index: 0, rule: { ranges: [{ sheetId: 42, startRowIndex: 1, endRowIndex: 50, startColumnIndex: 1, endColumnIndex: 2 }],
          booleanRule: { condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: '=B2>3' }] }, format: { backgroundColor: { red: 1, green: 0, blue: 0 }, textFormat: { italic: true } } } } } },
      ] }, id);
      var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Tasks');
      sheet.getRange('B2:B3').setValues([[2], [3]]);
      var rule = sheet.getRange('B2').getDataValidation();
      return {
        reply: reply.replies[0].addSheet.properties,
        header: sheet.getRange('A1:C1').getValues()[0],
        formula: sheet.getRange('C1').getFormula(),
        bold: sheet.getRange('B1').getFontWeight(),
        format: sheet.getRange('A7').getNumberFormat(),
        width: sheet.getColumnWidth(2),
        hidden: sheet.isColumnHiddenByUser(4),
        frozen: sheet.getFrozenRows(),
        rule: [String(rule.getCriteriaType()), rule.getCriteriaValues(), rule.getAllowInvalid(), rule.getHelpText()],
        cf: sheet.getConditionalFormatRules()[0].getBooleanCondition().getBackground(),
      };
    `,
    );
    expect(result.error).toBeUndefined();
    expect(result.value).toEqual({
      reply: { sheetId: 42, title: 'Tasks', index: 1, sheetType: 'GRID', gridProperties: { rowCount: 50, columnCount: 4, frozenRowCount: 1 } },
      header: ['Due', 'Weight', 5],
      formula: '=SUM(B2:B)',
      bold: 'bold',
      format: 'yyyy-mm-dd',
      width: 70,
      hidden: true,
      frozen: 1,
      rule: ['NUMBER_BETWEEN', [1, 5], false, '1–5'],
      cf: '#ff0000',
    });
    expect(result.stats.calls['Sheets']).toEqual({ 'Spreadsheets.batchUpdate': 1 });
    expect(readWorkbookMeta(state).sheets.find((s) => s.name === 'Tasks')?.conditionalFormatRules[0]).toEqual({
      ranges: ['B2:B50'],
      condition: { type: 'CUSTOM_FORMULA', values: ['=B2>3'] },
      format: { background: '#ff0000', italic: true },
    });
  });

  test('is all or nothing: a duplicate title fails the batch and the sheet added before it is not kept', () => {
    const state = newState();
    const result = run(
      state,
      `Sheets.Spreadsheets.batchUpdate({ requests: [
        { addSheet: { properties: { title: 'New' } } },
        { updateCells: { start: { sheetId: 0, rowIndex: 0, columnIndex: 0 }, rows: [{ values: [{ userEnteredValue: { stringValue: 'x' } }] }], fields: 'userEnteredValue' } },
        { addSheet: { properties: { title: 'sheet1' } } },
      ] }, id);`,
    );
    expect(result.error?.message).toBe(
      'API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[2].addSheet: A sheet with the name "sheet1" already exists. Please enter another name.',
    );
    expect(Object.keys(dumpWorkbook(state, {}))).toEqual(['Sheet1']);
    expect(dumpWorkbook(state, {})['Sheet1']).toEqual([]);
  });

  test.each([
    [
      'an unknown sheet id',
      `{ repeatCell: { range: { sheetId: 7 }, cell: {}, fields: 'userEnteredFormat' } }`,
      'Invalid requests[0].repeatCell: No grid with id: 7',
    ],
    [
      'a range past the grid',
      `{ updateDimensionProperties: { range: { sheetId: 0, dimension: 'COLUMNS', startIndex: 20, endIndex: 30 }, properties: { pixelSize: 5 }, fields: 'pixelSize' } }`,
      'Invalid requests[0].updateDimensionProperties: Invalid dimension range [20, 30) of a sheet with 26 columns.',
    ],
    [
      'cells past the grid',
      `{ repeatCell: { range: { sheetId: 0, startRowIndex: 999, endRowIndex: 1001 }, cell: {}, fields: 'note' } }`,
      'Invalid requests[0].repeatCell: Range (Sheet1!R1000C1:R1001C26) exceeds grid limits. Max rows: 1000, max columns: 26',
    ],
    [
      'an update without fields',
      `{ repeatCell: { range: { sheetId: 0 }, cell: {} } }`,
      "Invalid requests[0].repeatCell: At least one field must be listed in 'fields'.",
    ],
    [
      'a request kind the API does not have',
      `{ addSheeet: { properties: { title: 'x' } } }`,
      `Invalid JSON payload received. Unknown name "addSheeet" at 'requests[0]': Cannot find field.`,
    ],
    [
      'a duplicate sheet id',
      `{ addSheet: { properties: { sheetId: 0, title: 'x' } } }`,
      'Invalid requests[0].addSheet: A sheet with id 0 already exists.',
    ],
  ])('refuses %s, naming it', (_what, request, message) => {
    const state = newState();
    const result = run(state, `Sheets.Spreadsheets.batchUpdate({ requests: [${request}] }, id);`);
    expect(result.error?.message).toBe(`API call to sheets.spreadsheets.batchUpdate failed with error: ${message}`);
  });

  test('a kind the local runtime does not carry out says so; an unknown spreadsheet is not found', () => {
    const state = newState();
    expect(run(state, `Sheets.Spreadsheets.batchUpdate({ requests: [{ addBanding: {} }] }, id);`).error?.message).toBe(
      'not implemented in the local runtime: Sheets.Spreadsheets.batchUpdate addBanding',
    );
    expect(run(state, `Sheets.Spreadsheets.batchUpdate({ requests: [{ deleteSheet: { sheetId: 0 } }] }, 'nope');`).error?.message).toBe(
      'API call to sheets.spreadsheets.batchUpdate failed with error: Requested entity was not found.',
    );
  });
});

describe('Sheets.Spreadsheets.get', () => {
  test("answers the spreadsheet's and its sheets' properties, one counted request", () => {
    const state = newState();
    const result = run(
      state,
      `SpreadsheetApp.getActiveSpreadsheet().insertSheet('Data').setFrozenRows(2);
       var s = Sheets.Spreadsheets.get(id);
       return s.sheets.map(function (x) { return [x.properties.title, x.properties.index, x.properties.gridProperties.frozenRowCount || 0]; });`,
    );
    expect(result.error).toBeUndefined();
    expect(result.value).toEqual([
      ['Sheet1', 0, 0],
      ['Data', 1, 2],
    ]);
    expect(result.stats.calls['Sheets']).toEqual({ 'Spreadsheets.get': 1 });
  });
});
