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
      if (count > 0) sheet.deleteRows(row, count);
    },
  };
}

/** The bound spreadsheet's name (a handle: no counted call). */
export function boundSpreadsheetName(): string {
  return SpreadsheetApp.getActiveSpreadsheet().getName();
}
