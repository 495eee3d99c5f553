import type { CellValue } from './schema';

/**
 * The few spreadsheet operations the table layer needs, so it can be tested against an in-memory grid and run
 * against SpreadsheetApp (src/platform/spreadsheet.ts). Each method is at most one counted Spreadsheet call.
 */
export interface Grid {
  readonly name: string;
  /** Every cell from A1 to the last row and column with content, as values (one call). */
  readAll(): unknown[][];
  /** Writes a block at a 1-based row and column (one call; grows the sheet first when it is too short). */
  write(row: number, column: number, values: CellValue[][]): void;
  /** Header styling for a sheet the layer created: bold, frozen, widths, number formats per column. */
  formatNew(layout: { widths: Array<number | null>; numberFormats: Array<string | null>; rows: number }): void;
}

export interface Workbook {
  grid(name: string): Grid | null;
  createGrid(name: string): Grid;
}
