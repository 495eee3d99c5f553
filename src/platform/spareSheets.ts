/** The bound spreadsheet's sheets that are none of the tables, for setup to tidy away the spreadsheet's own first sheet. */
export interface SpareSheets {
  /** The names of the sheets not named in `tables`, in the spreadsheet's order. */
  names(tables: ReadonlySet<string>): string[];
  /** True when the sheet holds nothing a person could lose: no value, no formula, no chart. */
  isEmpty(name: string): boolean;
  remove(name: string): void;
}

/** `beforeRemove`: work to finish first, such as tables a Sheets API batch is still to add. */
export function spareSheets(beforeRemove: () => void = () => {}): SpareSheets {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return {
    names: (tables) =>
      ss
        .getSheets()
        .map((s) => s.getName())
        .filter((name) => !tables.has(name)),
    isEmpty: (name) => {
      const sheet = ss.getSheetByName(name);
      // getLastRow is 0 only when no cell has a value or a formula.
      return sheet !== null && sheet.getLastRow() === 0 && sheet.getCharts().length === 0;
    },
    remove: (name) => {
      beforeRemove();
      const sheet = ss.getSheetByName(name);
      if (sheet) ss.deleteSheet(sheet);
    },
  };
}
