import type { CellValue } from '../sheets/schema';
import type { Grid, Workbook } from '../sheets/grid';

/** The spreadsheet the script is bound to: the table layer's workbook, with its time zone and a flush. */
export interface BoundWorkbook extends Workbook {
  timeZone(): string;
  flush(): void;
}

/** The bound workbook, through SpreadsheetApp. */
export function boundWorkbook(): BoundWorkbook {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return {
    grid: (name) => {
      const sheet = ss.getSheetByName(name);
      return sheet ? sheetGrid(sheet) : null;
    },
    createGrid: (name) => sheetGrid(ss.insertSheet(name)),
    timeZone: () => ss.getSpreadsheetTimeZone(),
    flush: () => SpreadsheetApp.flush(),
  };
}

const SPARE_ROWS = 100;

function sheetGrid(sheet: GoogleAppsScript.Spreadsheet.Sheet): Grid {
  return {
    name: sheet.getName(),
    readAll: () => sheet.getDataRange().getValues(),
    write(row, column, values: CellValue[][]) {
      const height = values.length;
      const width = values[0]?.length ?? 0;
      if (height === 0 || width === 0) return;
      let range: GoogleAppsScript.Spreadsheet.Range;
      try {
        range = sheet.getRange(row, column, height, width);
      } catch (e) {
        // Growing the sheet only when a write falls outside it keeps the usual append at one call; growing it by
        // spare rows too keeps the next appends (a row a day) at one call until they are used up.
        const maxRows = sheet.getMaxRows();
        const maxColumns = sheet.getMaxColumns();
        if (row + height - 1 > maxRows) sheet.insertRowsAfter(maxRows, row + height - 1 - maxRows + SPARE_ROWS);
        if (column + width - 1 > maxColumns) sheet.insertColumnsAfter(maxColumns, column + width - 1 - maxColumns);
        range = sheet.getRange(row, column, height, width);
      }
      range.setValues(values as unknown[][]);
    },
    formatNew({ widths, numberFormats, rows }) {
      const columns = widths.length;
      sheet.setFrozenRows(1);
      sheet.getRange(1, 1, 1, columns).setFontWeight('bold');
      // Adjacent columns of one width take one call.
      for (let i = 0; i < widths.length;) {
        const width = widths[i];
        let end = i + 1;
        while (end < widths.length && widths[end] === width) end++;
        if (width) sheet.setColumnWidths(i + 1, end - i, width);
        i = end;
      }
      // Formats cover the body of each column, so values people type later show the same way.
      const body = Math.max(sheet.getMaxRows() - rows, 1);
      sheet.getRange(rows + 1, 1, body, columns).setNumberFormats(Array.from({ length: body }, () => numberFormats.map((f) => f ?? 'General')));
    },
  };
}
