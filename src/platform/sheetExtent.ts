/**
 * How many rows a sheet's data takes, from its data range: a range handle, which costs no Spreadsheet call
 * (PLATFORM.md), so a job can skip reading a table that holds only its header. Null when there is no such sheet.
 */
export function dataRowCount(name: string): number | null {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
  return sheet ? sheet.getDataRange().getNumRows() : null;
}

/** Sorts rows 2…lastRow of a sheet, every column, oldest first by the column headed `header` (two calls). */
export function sortRowsBy(name: string, header: string, lastRow: number): void {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
  if (!sheet || lastRow < 3) return;
  const width = sheet.getDataRange().getNumColumns();
  const column = (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []).map((v) => String(v).trim()).indexOf(header) + 1;
  if (column < 1) throw new Error(`the sheet "${name}" has no "${header}" column to sort by`);
  sheet.getRange(2, 1, lastRow - 1, width).sort({ column, ascending: true });
}
