import type { StateDir } from '../../local/runtime/state';
import { runSnippet } from './runtime';

/**
 * Appends rows to a sheet by header name, as a person pasting them in would: one setValues below the last row, so
 * Sheets parses `2026-01-05` as a date, `2026-01-05 10:00` as a date-time and `TRUE` as a boolean. The sheet and
 * its headers must exist (run setup first). For seeding test data through the runtime's own SpreadsheetApp.
 */
export function appendRows(state: StateDir, sheet: string, rows: ReadonlyArray<Record<string, string | number | boolean>>): void {
  if (rows.length === 0) return;
  put(state, sheet, rows, false);
}

/** Replaces every row below the header (setup may have written defaults, e.g. in `Targets`) with these. */
export function replaceRows(state: StateDir, sheet: string, rows: ReadonlyArray<Record<string, string | number | boolean>>): void {
  put(state, sheet, rows, true);
}

function put(state: StateDir, sheet: string, rows: ReadonlyArray<Record<string, string | number | boolean>>, replace: boolean): void {
  const code = `
    function put(sheetName, rows, replace) {
      var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(sheetName);
      if (!sheet) throw new Error('no sheet ' + sheetName);
      if (replace && sheet.getLastRow() > 1) sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn()).clearContent();
      if (rows.length === 0) return;
      var header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
      // Only the block of columns the rows name is written, so formula columns beside it are left alone.
      var first = header.length, lastColumn = -1;
      rows.forEach(function (row) {
        for (var k in row) {
          var i = header.indexOf(k);
          if (i < 0) throw new Error(sheetName + ' has no column ' + k);
          first = Math.min(first, i);
          lastColumn = Math.max(lastColumn, i);
        }
      });
      var values = rows.map(function (row) {
        return header.slice(first, lastColumn + 1).map(function (h) { return Object.prototype.hasOwnProperty.call(row, h) ? row[h] : ''; });
      });
      var keyColumn = sheet.getRange(1, 1, Math.max(1, sheet.getLastRow()), 1).getValues();
      var last = 1;
      for (var r = 0; r < keyColumn.length; r++) if (keyColumn[r][0] !== '') last = r + 1;
      sheet.getRange(last + 1, first + 1, values.length, lastColumn - first + 1).setValues(values);
    }`;
  const result = runSnippet(state, code, 'put', { args: [sheet, rows, replace] });
  if (result.error) throw new Error(`${replace ? 'replaceRows' : 'appendRows'} ${sheet}: ${result.error.message}`);
}
