/**
 * What setup asks of a sheet besides its table: formulas in header cells, formats, validation, conditional
 * formats, charts. Plain data, so the use case (src/app/applySheetLayout.ts) decides and
 * src/platform/spreadsheetLayoutPort.ts carries it out with as few Spreadsheet calls as it can.
 */

/** 1-based, as in the Apps Script API. */
export interface GridArea {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export type ValidationSpec =
  | { kind: 'list'; values: readonly string[]; allowInvalid: boolean; help: string }
  | { kind: 'checkbox' }
  | { kind: 'date'; help: string }
  | { kind: 'numberBetween'; min: number; max: number; help: string }
  | { kind: 'numberAtLeast'; min: number; help: string };

export interface RuleSpec {
  area: GridArea;
  /** A custom formula, written for the area's top-left cell. */
  formula: string;
  background?: string;
  fontColor?: string;
  italic?: boolean;
}

export interface ChartSpec {
  title: string;
  /** Whole columns (1-based) of `sourceSheet`: the first is the x axis. */
  sourceSheet: string;
  columns: readonly number[];
  anchor: { row: number; col: number };
  width: number;
  height: number;
  vAxisFormat?: string;
}

export interface HeaderRow {
  /** Row 1 as shown (a formula's result), trimmed. */
  values: string[];
  /** Row 1's formulas ('' where a cell holds a value). */
  formulas: string[];
}

export interface LayoutPort {
  /** Creates the sheet when missing; says whether it did. */
  ensureSheet(name: string): boolean;
  /** Row 1 up to the last column with anything in it; null when the sheet does not exist. */
  header(name: string): HeaderRow | null;
  maxRows(name: string): number;
  /** Formulas into row 1 at the given columns (one call per run of adjacent columns). */
  setHeaderFormulas(name: string, cells: ReadonlyArray<{ col: number; formula: string }>): void;
  /** Number format of rows 2…end of a column. */
  setColumnFormat(name: string, col: number, format: string): void;
  setColumnWidth(name: string, col: number, width: number): void;
  hideColumns(name: string, cols: readonly number[]): void;
  /** Validation of rows 2…end of a column. */
  setValidation(name: string, col: number, spec: ValidationSpec): void;
  /** Replaces the rules `ours` recognises by their formula, keeping everyone else's, in one read and one write. */
  replaceRules(name: string, rules: readonly RuleSpec[], ours: (formula: string) => boolean): { removed: number; added: number };
  /** Writes a block of values and formulas (strings starting with "=" are formulas) at row, col. */
  writeBlock(name: string, row: number, col: number, cells: ReadonlyArray<ReadonlyArray<string | number | null>>): void;
  /** Number formats of a block (same shape as the block). */
  setFormats(name: string, area: GridArea, formats: ReadonlyArray<ReadonlyArray<string>>): void;
  /** Bold, size and background of a block (a header band). */
  styleBlock(name: string, area: GridArea, style: { bold?: boolean; fontSize?: number; background?: string }): void;
  /** Replaces the charts `ours` recognises by their title, keeping everyone else's. */
  replaceCharts(name: string, charts: readonly ChartSpec[], ours: (title: string) => boolean): { removed: number; added: number };
}
