/** What a cell holds once read: Sheets gives numbers, strings, booleans and dates; an empty cell is null here. */
export type CellValue = string | number | boolean | Date | null;
