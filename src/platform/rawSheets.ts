/** A raw sheet as the retention job uses it: each method is one Spreadsheet call. */
export interface RawSheet {
  readAll(): unknown[][];
  /** Writes a block of values at a 1-based row, column 1. */
  write(row: number, values: unknown[][]): void;
  deleteRows(row: number, count: number): void;
}

/** A sheet of the bound workbook as the retention job uses it: whole blocks, one call each. */
export function boundRawSheet(name: string): RawSheet | null {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
  if (!sheet) return null;
  return {
    readAll: () => sheet.getDataRange().getValues(),
    write: (row, values) => {
      if (values.length === 0) return;
      sheet.getRange(row, 1, values.length, values[0]?.length ?? 0).setValues(values);
    },
    deleteRows: (row, count) => {
      if (count <= 0) return;
      try {
        sheet.deleteRows(row, count);
      } catch (error) {
        // Sheets refuses to delete every row below the frozen header ("not possible to delete all non-frozen
        // rows"), which happens when a grown sheet holds no spare row and every row goes: keep one empty row.
        if (!/delete all non-frozen rows/i.test(String(error))) throw error;
        sheet.insertRowsAfter(row + count - 1, 1);
        sheet.deleteRows(row, count);
      }
    },
  };
}

/** The bound spreadsheet's name (a handle: no counted call). */
export function boundSpreadsheetName(): string {
  return SpreadsheetApp.getActiveSpreadsheet().getName();
}

/**
 * Drops the empty columns right of a sheet's last column with content. A new sheet has 26 columns and Sheets
 * counts every cell of the grid against the 10 million, so a 9-column table that grows to 100,000 rows would hold
 * 1.7 million empty cells. A column with anything in it (a person's notes too) is never removed. Returns the
 * sheets looked at: 2 calls each, 3 when columns go.
 */
export function fitSheetWidths(names: readonly string[]): string[] {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const done: string[] = [];
  for (const name of names) {
    const sheet = ss.getSheetByName(name);
    if (!sheet) continue;
    const max = sheet.getMaxColumns();
    const last = Math.max(sheet.getLastColumn(), 1);
    if (max > last) sheet.deleteColumns(last + 1, max - last);
    done.push(name);
  }
  return done;
}
