import { randomBytes, randomInt } from 'node:crypto';
import type { StateDir } from '../../runtime/state';
import { isFormula, type StoredCell, type Resolved } from './cells';
import { FormulaEngine, formulaMaySpill, type Clock } from './formulas';
import { formatRef, parseRefText, renameSheetInFormula, scanFormula, shiftFormula, shiftRef, type DimensionShift } from './refs';
import { runDelete, runFill, runInsert, runReader, runValue, runWrite, type RunColumn } from './runs';

/**
 * The bound workbook as stored in the "workbook" slice of the state directory. This JSON is the source of truth;
 * the formula engine is a cache built from it. Rows are arrays (trailing cells may be missing), formulas are
 * `{f: "=…"}` cells, dates are serial numbers whose cell has a date format, and per-cell attributes are
 * run-length encoded per column (see runs.ts). Rows and columns are 0-based in this file and 1-based in the API.
 */

export { ErrorValue, isFormula, type FormulaCell, type Resolved, type Scalar, type StoredCell } from './cells';

/** Attribute layers: number format, background, font colour/weight/style/size/family/line, alignment, wrap, note, validation. */
export type AttrName = 'fmt' | 'bg' | 'fc' | 'fw' | 'fi' | 'fz' | 'ff' | 'fl' | 'ha' | 'va' | 'wrap' | 'note' | 'dv';
export const ATTR_NAMES: readonly AttrName[] = ['fmt', 'bg', 'fc', 'fw', 'fi', 'fz', 'ff', 'fl', 'ha', 'va', 'wrap', 'note', 'dv'];
/** What `clear({formatOnly})` removes; notes and validation are separate in Sheets. */
export const FORMAT_ATTRS: readonly AttrName[] = ['fmt', 'bg', 'fc', 'fw', 'fi', 'fz', 'ff', 'fl', 'ha', 'va', 'wrap'];

/** Criteria values as JSON: dates as {date: epoch ms}, ranges as {range: "'Sheet'!A1:B2"}. */
export type CriteriaValue = number | string | boolean | null | { date: number } | { range: string } | string[];

export interface ValidationData {
  type: string;
  values: CriteriaValue[];
  allowInvalid: boolean;
  helpText?: string;
}

export interface CfRuleData {
  ranges: string[];
  condition: { type: string; values: CriteriaValue[] } | null;
  format: { background?: string; fontColor?: string; bold?: boolean; italic?: boolean; strikethrough?: boolean; underline?: boolean };
}

export interface ChartData {
  id: number;
  type: string;
  ranges: string[];
  position: { row: number; column: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
  numHeaders?: number;
  transpose?: boolean;
  hiddenDimensionStrategy?: string;
  mergeStrategy?: string;
}

export interface ProtectionData {
  type: 'SHEET' | 'RANGE';
  range?: string;
  description: string;
  warningOnly: boolean;
  editors: string[];
}

export interface SheetData {
  id: number;
  name: string;
  maxRows: number;
  maxCols: number;
  rows: Array<StoredCell[] | null>;
  attrs: Partial<Record<AttrName, Array<RunColumn | null>>>;
  frozenRows: number;
  frozenCols: number;
  hidden: boolean;
  tabColor: string | null;
  colWidths: Record<string, number>;
  /** 0-based columns a person or script hid (hideColumns); absent in states saved before it existed. */
  hiddenCols?: Record<string, number>;
  rowHeights: Record<string, number>;
  cfRules: CfRuleData[];
  charts: ChartData[];
  merges: string[];
  protections: ProtectionData[];
}

export interface NamedRangeData {
  name: string;
  sheetId: number;
  a1: string;
}

export interface WorkbookData {
  version: 1;
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  activeSheetId: number;
  nextChartId: number;
  sheets: SheetData[];
  namedRanges: NamedRangeData[];
}

export const CELL_LIMIT = 10_000_000;
export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLS = 26;
export const DEFAULT_COLUMN_WIDTH = 100;

/** A failure with Apps Script's wording; the API layer rethrows it as the script realm's Exception. */
export class SheetError extends Error {
  override name = 'Exception';
}

export function newSheet(id: number, name: string, rows = DEFAULT_ROWS, cols = DEFAULT_COLS): SheetData {
  return {
    id,
    name,
    maxRows: rows,
    maxCols: cols,
    rows: [],
    attrs: {},
    frozenRows: 0,
    frozenCols: 0,
    hidden: false,
    tabColor: null,
    colWidths: {},
    rowHeights: {},
    cfRules: [],
    charts: [],
    merges: [],
    protections: [],
  };
}

export interface WorkbookDefaults {
  timeZone?: string;
}

export function newSpreadsheetId(): string {
  // Real ids are 44 characters of base64url starting with "1".
  return `1${randomBytes(32).toString('base64url').slice(0, 43)}`;
}

function newWorkbookData(defaults: WorkbookDefaults): WorkbookData {
  const timeZone = defaults.timeZone ?? 'Asia/Tokyo';
  return {
    version: 1,
    id: newSpreadsheetId(),
    name: 'shinchoku (local)',
    timeZone,
    locale: timeZone === 'Asia/Tokyo' ? 'ja_JP' : 'en_US',
    activeSheetId: 0,
    nextChartId: 1,
    sheets: [newSheet(0, 'Sheet1')],
    namedRanges: [],
  };
}

interface SheetCache {
  lastRow?: number | undefined; // count of rows up to the last with content
  lastCol?: number | undefined;
  formulaCount?: number | undefined;
  spillingCount?: number | undefined;
}

export class Workbook {
  private static readonly instances = new WeakMap<object, Workbook>();

  /**
   * The workbook of a state directory, created on first use: the bound one in the "workbook" slice, and each
   * spreadsheet the script made with SpreadsheetApp.create in a slice of its own (`slice`, with its id and name).
   */
  static of(state: StateDir, defaults: WorkbookDefaults = {}, slice = 'workbook', made?: { id: string; name: string }): Workbook {
    let created = false;
    const data = state.slice<WorkbookData>(slice, () => {
      created = true;
      return { ...newWorkbookData(defaults), ...made };
    });
    // A workbook created just now is saved even if nothing writes to it, so its id stays the same next time.
    if (created) state.touch(slice);
    let wb = Workbook.instances.get(data);
    if (!wb) {
      const made = new Workbook(data, state, slice);
      // Another execution's commit came in (state.ts): the engine's values were computed from the cells before it.
      state.onRefresh(slice, () => made.engineInstance?.reset());
      Workbook.instances.set(data, made);
      wb = made;
    }
    return wb;
  }

  private readonly caches = new WeakMap<SheetData, SheetCache>();
  private engineInstance: FormulaEngine | undefined;
  /** Bumped when any formula is written, removed or moved: the engine's reference plan depends on formulas only. */
  formulaVersion = 0;

  private constructor(
    readonly data: WorkbookData,
    private readonly state: StateDir,
    private readonly slice: string,
  ) {}

  get engine(): FormulaEngine {
    return (this.engineInstance ??= new FormulaEngine(this));
  }

  /** Marks the workbook changed; with `sheet`, only that sheet's cells or attributes (the state commits that sheet alone). */
  touch(sheet?: SheetData): void {
    this.state.touch(this.slice, sheet === undefined ? undefined : String(sheet.id));
  }

  /** Whether the formula engine has been built (it is built only when a formula's value is needed). */
  engineBuilt(): boolean {
    return this.engineInstance?.built ?? false;
  }

  // ---- sheets ----

  get sheets(): SheetData[] {
    return this.data.sheets;
  }

  /** Sheet names are unique regardless of case, and getSheetByName ignores case, as in Sheets. */
  sheetByName(name: string): SheetData | undefined {
    const lower = name.toLowerCase();
    return this.data.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetById(id: number): SheetData | undefined {
    return this.data.sheets.find((s) => s.id === id);
  }

  requireSheet(id: number): SheetData {
    const sheet = this.sheetById(id);
    if (!sheet) throw new SheetError('The sheet was deleted.');
    return sheet;
  }

  activeSheet(): SheetData {
    const active = this.sheetById(this.data.activeSheetId);
    const visible = active && !active.hidden ? active : this.data.sheets.find((s) => !s.hidden);
    return visible ?? this.data.sheets[0]!;
  }

  totalCells(): number {
    return this.data.sheets.reduce((n, s) => n + s.maxRows * s.maxCols, 0);
  }

  ensureCellBudget(extra: number): void {
    if (this.totalCells() + extra > CELL_LIMIT) {
      throw new SheetError(`This action would increase the number of cells in the workbook above the limit of ${CELL_LIMIT} cells.`);
    }
  }

  addSheet(name: string, index: number, rows = DEFAULT_ROWS, cols = DEFAULT_COLS): SheetData {
    this.checkNewName(name);
    this.ensureCellBudget(rows * cols);
    let id = 0;
    do id = randomInt(1, 2_147_483_647);
    while (this.sheetById(id));
    const sheet = newSheet(id, name, rows, cols);
    this.data.sheets.splice(Math.max(0, Math.min(index, this.data.sheets.length)), 0, sheet);
    this.structureChanged();
    return sheet;
  }

  checkNewName(name: string, except?: SheetData): void {
    const existing = this.sheetByName(name);
    if (existing && existing !== except) throw new SheetError(`A sheet with the name "${name}" already exists. Please enter another name.`);
    if (name.trim() === '') throw new SheetError('Sheet names cannot be empty.');
    if (name.length > 100) throw new SheetError('The sheet name cannot be greater than 100 characters.');
  }

  removeSheet(sheet: SheetData): void {
    if (this.data.sheets.filter((s) => !s.hidden && s !== sheet).length === 0) {
      throw new SheetError("You can't remove all the visible sheets in a document.");
    }
    const lower = sheet.name.toLowerCase();
    this.data.sheets = this.data.sheets.filter((s) => s !== sheet);
    // References into a deleted sheet turn into #REF!, as in Sheets.
    this.rewriteAllFormulas((f) =>
      scanFormula(f, { ref: (ref) => (ref.sheet !== undefined && ref.sheet.toLowerCase() === lower ? '#REF!' : undefined) }),
    );
    for (const s of this.data.sheets) {
      for (const chart of s.charts) chart.ranges = chart.ranges.filter((r) => parseRefText(r)?.sheet?.toLowerCase() !== lower);
    }
    this.data.namedRanges = this.data.namedRanges.filter((n) => n.sheetId !== sheet.id);
    if (this.data.activeSheetId === sheet.id) this.data.activeSheetId = this.activeSheet().id;
    this.structureChanged();
  }

  renameSheet(sheet: SheetData, name: string): void {
    if (sheet.name === name) return;
    this.checkNewName(name, sheet);
    const old = sheet.name;
    sheet.name = name;
    this.rewriteAllFormulas((f) => renameSheetInFormula(f, old, name));
    for (const s of this.data.sheets) {
      for (const chart of s.charts) chart.ranges = chart.ranges.map((r) => renameSheetInFormula(r, old, name));
    }
    this.structureChanged();
  }

  // ---- cells ----

  cell(sheet: SheetData, row: number, col: number): StoredCell {
    return sheet.rows[row]?.[col] ?? null;
  }

  /** Writes a block of cells; `cells` rows may be shorter than the block (missing cells are left alone). */
  writeBlock(sheet: SheetData, row: number, col: number, cells: StoredCell[][]): void {
    let formulas = false;
    for (let i = 0; i < cells.length; i++) {
      const src = cells[i]!;
      const r = row + i;
      let target = sheet.rows[r];
      if (!target) {
        if (src.every((c) => c === null)) continue;
        while (sheet.rows.length < r) sheet.rows.push(null);
        target = [];
        sheet.rows[r] = target;
      }
      for (let j = 0; j < src.length; j++) {
        const c = col + j;
        const value = src[j] ?? null;
        const before = target[c];
        if (isFormula(before) || isFormula(value)) formulas = true;
        if (value === null && c >= target.length) continue;
        while (target.length < c) target.push(null);
        target[c] = value;
      }
      trimRow(sheet, r);
    }
    this.cellsChanged(
      sheet,
      row,
      col,
      cells.length,
      cells.reduce((m, r) => Math.max(m, r.length), 0),
      formulas,
    );
  }

  /** Clears contents (values and formulas) of a block. */
  clearBlock(sheet: SheetData, row: number, col: number, numRows: number, numCols: number): void {
    let formulas = false;
    const lastRow = Math.min(row + numRows, sheet.rows.length);
    for (let r = row; r < lastRow; r++) {
      const target = sheet.rows[r];
      if (!target) continue;
      const end = Math.min(col + numCols, target.length);
      for (let c = col; c < end; c++) {
        if (isFormula(target[c])) formulas = true;
        target[c] = null;
      }
      trimRow(sheet, r);
    }
    while (sheet.rows.length > 0 && sheet.rows[sheet.rows.length - 1] === null) sheet.rows.pop();
    this.cellsChanged(sheet, row, col, numRows, numCols, formulas);
  }

  // ---- attributes ----

  attr(sheet: SheetData, name: AttrName, row: number, col: number): string | undefined {
    return runValue(sheet.attrs[name]?.[col], row);
  }

  /** A reader for one attribute over rows row..row+numRows-1 of several columns, for bulk reads. */
  attrBlock(
    sheet: SheetData,
    name: AttrName,
    row: number,
    col: number,
    numRows: number,
    numCols: number,
  ): Array<Array<string | undefined>> | undefined {
    const layer = sheet.attrs[name];
    if (!layer || !layer.some((c, i) => c && c.length > 0 && i >= col && i < col + numCols)) return undefined;
    const out: Array<Array<string | undefined>> = [];
    const readers = Array.from({ length: numCols }, (_, j) => runReader(layer[col + j]));
    for (let i = 0; i < numRows; i++) {
      const line = new Array<string | undefined>(numCols);
      for (let j = 0; j < numCols; j++) line[j] = readers[j]!(row + i);
      out.push(line);
    }
    return out;
  }

  setAttrBlock(sheet: SheetData, name: AttrName, row: number, col: number, values: Array<Array<string | null>>): void {
    const layer = (sheet.attrs[name] ??= []);
    const numCols = values.reduce((m, r) => Math.max(m, r.length), 0);
    for (let j = 0; j < numCols; j++) {
      while (layer.length <= col + j) layer.push(null);
      const column = values.map((r) => r[j] ?? null);
      layer[col + j] = runWrite(layer[col + j], row, column);
    }
    this.attrChanged(sheet, name, row, col, values.length, numCols);
  }

  fillAttr(sheet: SheetData, name: AttrName, row: number, col: number, numRows: number, numCols: number, value: string | null): void {
    const layer = sheet.attrs[name];
    if (!layer && value === null) return;
    const target = layer ?? (sheet.attrs[name] = []);
    for (let j = 0; j < numCols; j++) {
      while (target.length <= col + j) target.push(null);
      target[col + j] = runFill(target[col + j], row, numRows, value);
    }
    this.attrChanged(sheet, name, row, col, numRows, numCols);
  }

  private attrChanged(sheet: SheetData, name: AttrName, row: number, col: number, numRows: number, numCols: number): void {
    this.touch(sheet);
    // Formats change how dates reach the formula engine.
    if (name === 'fmt') this.engineInstance?.noteCells(sheet.id, row, col, numRows, numCols);
  }

  // ---- extents ----

  private cache(sheet: SheetData): SheetCache {
    let c = this.caches.get(sheet);
    if (!c) {
      c = {};
      this.caches.set(sheet, c);
    }
    return c;
  }

  /** The number of rows and columns up to the last cell with a value or formula (not counting spills). */
  storedExtent(sheet: SheetData): { rows: number; cols: number } {
    const c = this.cache(sheet);
    if (c.lastRow === undefined || c.lastCol === undefined) {
      let rows = 0;
      let cols = 0;
      for (let r = 0; r < sheet.rows.length; r++) {
        const row = sheet.rows[r];
        if (!row) continue;
        for (let k = row.length - 1; k >= 0; k--) {
          if (row[k] !== null && row[k] !== undefined) {
            rows = r + 1;
            if (k + 1 > cols) cols = k + 1;
            break;
          }
        }
      }
      c.lastRow = rows;
      c.lastCol = cols;
    }
    return { rows: c.lastRow, cols: c.lastCol ?? 0 };
  }

  formulaCount(sheet: SheetData): number {
    this.countFormulas(sheet);
    return this.cache(sheet).formulaCount ?? 0;
  }

  /** Formulas that may return an array (ARRAYFORMULA, FILTER, {…}): only these can spill past their cell. */
  spillingFormulaCount(sheet: SheetData): number {
    this.countFormulas(sheet);
    return this.cache(sheet).spillingCount ?? 0;
  }

  private countFormulas(sheet: SheetData): void {
    const c = this.cache(sheet);
    if (c.formulaCount !== undefined && c.spillingCount !== undefined) return;
    let n = 0;
    let spilling = 0;
    for (const row of sheet.rows) {
      if (!row) continue;
      for (const cell of row) {
        if (!isFormula(cell)) continue;
        n++;
        if (formulaMaySpill(cell.f)) spilling++;
      }
    }
    c.formulaCount = n;
    c.spillingCount = spilling;
  }

  /** Extent including array results that spill past the stored cells. */
  extent(sheet: SheetData, clock: Clock): { rows: number; cols: number } {
    const stored = this.storedExtent(sheet);
    if (this.spillingFormulaCount(sheet) === 0) return stored;
    const spilled = this.engine.spillExtent(sheet, clock);
    return { rows: Math.max(stored.rows, spilled.rows), cols: Math.max(stored.cols, spilled.cols) };
  }

  /**
   * Values of a block as a script sees them: stored values, computed results for formula cells and cells an
   * array formula spills into. `formats` holds each cell's number format, or the format Sheets would pick
   * automatically for a formula result (a date for =TODAY()).
   */
  resolveBlock(
    sheet: SheetData,
    row: number,
    col: number,
    numRows: number,
    numCols: number,
    clock: Clock,
  ): { values: Resolved[][]; formats: Array<Array<string | undefined>> } {
    const explicit = this.attrBlock(sheet, 'fmt', row, col, numRows, numCols);
    const computed = this.formulaCount(sheet) > 0 ? this.engine.compute(sheet, row, col, numRows, numCols, clock) : undefined;
    const values: Resolved[][] = new Array(numRows);
    const formats: Array<Array<string | undefined>> = new Array(numRows);
    for (let i = 0; i < numRows; i++) {
      const stored = sheet.rows[row + i];
      const line: Resolved[] = new Array(numCols);
      const fline: Array<string | undefined> = explicit ? explicit[i]! : new Array(numCols);
      const cline = computed?.[i];
      for (let j = 0; j < numCols; j++) {
        const cell = stored ? (stored[col + j] ?? null) : null;
        if (cline && (cell === null || isFormula(cell))) {
          const out = cline[j];
          line[j] = out ? out.value : null;
          if (out?.autoFormat && fline[j] === undefined) fline[j] = out.autoFormat;
        } else {
          line[j] = isFormula(cell) ? null : cell;
        }
      }
      values[i] = line;
      formats[i] = fline;
    }
    return { values, formats };
  }

  // ---- structure ----

  insertRows(sheet: SheetData, at: number, count: number, inherit: 'above' | 'below'): void {
    this.ensureCellBudget(count * sheet.maxCols);
    // concat, not splice(...spread): hundreds of thousands of arguments overflow the stack.
    if (at < sheet.rows.length) sheet.rows = sheet.rows.slice(0, at).concat(new Array<null>(count).fill(null), sheet.rows.slice(at));
    for (const name of ATTR_NAMES) {
      const layer = sheet.attrs[name];
      if (layer) for (let c = 0; c < layer.length; c++) if (layer[c]) layer[c] = runInsert(layer[c], at, count, inherit);
    }
    sheet.rowHeights = shiftKeys(sheet.rowHeights, at, count);
    sheet.maxRows += count;
    if (at < sheet.frozenRows) sheet.frozenRows += count;
    this.shiftReferences(sheet, { dimension: 'row', at: at + 1, delta: count });
  }

  deleteRows(sheet: SheetData, at: number, count: number): void {
    if (at < 0 || at + count > sheet.maxRows || count < 1) throw new SheetError('Those rows are out of bounds.');
    if (sheet.maxRows - count <= sheet.frozenRows) throw new SheetError('Sorry, it is not possible to delete all non-frozen rows.');
    if (at < sheet.rows.length) sheet.rows.splice(at, count);
    for (const name of ATTR_NAMES) {
      const layer = sheet.attrs[name];
      if (layer) for (let c = 0; c < layer.length; c++) if (layer[c]) layer[c] = runDelete(layer[c], at, count);
    }
    sheet.rowHeights = shiftKeys(sheet.rowHeights, at, -count);
    sheet.maxRows -= count;
    if (at < sheet.frozenRows) sheet.frozenRows = Math.max(at, sheet.frozenRows - count);
    this.shiftReferences(sheet, { dimension: 'row', at: at + 1, delta: -count });
  }

  insertCols(sheet: SheetData, at: number, count: number, inherit: 'left' | 'right'): void {
    this.ensureCellBudget(count * sheet.maxRows);
    sheet.rows = sheet.rows.map((row) => (row && at < row.length ? row.slice(0, at).concat(new Array<null>(count).fill(null), row.slice(at)) : row));
    const from = inherit === 'left' ? at - 1 : at;
    for (const name of ATTR_NAMES) {
      const layer = sheet.attrs[name];
      if (!layer) continue;
      const copied = layer[from] ? layer[from]!.map((r) => [...r] as [number, number, string]) : null;
      if (at <= layer.length) {
        const added = Array.from({ length: count }, () => (copied ? copied.map((r) => [...r] as [number, number, string]) : null));
        sheet.attrs[name] = layer.slice(0, at).concat(added, layer.slice(at));
      }
    }
    const width = sheet.colWidths[String(from)];
    sheet.colWidths = shiftKeys(sheet.colWidths, at, count);
    if (width !== undefined) for (let k = 0; k < count; k++) sheet.colWidths[String(at + k)] = width;
    if (sheet.hiddenCols) sheet.hiddenCols = shiftKeys(sheet.hiddenCols, at, count);
    sheet.maxCols += count;
    if (at < sheet.frozenCols) sheet.frozenCols += count;
    this.shiftReferences(sheet, { dimension: 'col', at: at + 1, delta: count });
  }

  deleteCols(sheet: SheetData, at: number, count: number): void {
    if (at < 0 || at + count > sheet.maxCols || count < 1) throw new SheetError('Those columns are out of bounds.');
    if (sheet.maxCols - count <= sheet.frozenCols) throw new SheetError('Sorry, it is not possible to delete all non-frozen columns.');
    for (let r = 0; r < sheet.rows.length; r++) {
      const row = sheet.rows[r];
      if (row && at < row.length) {
        row.splice(at, count);
        trimRow(sheet, r);
      }
    }
    for (const name of ATTR_NAMES) {
      const layer = sheet.attrs[name];
      if (layer && at < layer.length) layer.splice(at, count);
    }
    sheet.colWidths = shiftKeys(sheet.colWidths, at, -count);
    if (sheet.hiddenCols) sheet.hiddenCols = shiftKeys(sheet.hiddenCols, at, -count);
    sheet.maxCols -= count;
    if (at < sheet.frozenCols) sheet.frozenCols = Math.max(at, sheet.frozenCols - count);
    this.shiftReferences(sheet, { dimension: 'col', at: at + 1, delta: -count });
  }

  /** Adds rows at the bottom (appendRow on a full sheet). */
  growRows(sheet: SheetData, count: number): void {
    this.ensureCellBudget(count * sheet.maxCols);
    sheet.maxRows += count;
    this.structureChanged();
  }

  /** Follows a row/column insertion or deletion in every formula, rule, chart and named range that points into `sheet`. */
  private shiftReferences(sheet: SheetData, shift: DimensionShift): void {
    // Only the sheet itself and those whose formulas or charts point into it changed: the state commits those.
    const changed = new Set<SheetData>([sheet]);
    for (const s of this.data.sheets) {
      if (this.rewriteFormulasOf(s, (f) => shiftFormula(f, s.name, sheet.name, shift))) changed.add(s);
      for (const chart of s.charts) {
        const ranges = shiftList(chart.ranges, sheet.name, shift, s.name);
        if (ranges.some((r, i) => r !== chart.ranges[i]) || ranges.length !== chart.ranges.length) changed.add(s);
        chart.ranges = ranges;
      }
    }
    for (const rule of sheet.cfRules) rule.ranges = shiftList(rule.ranges, sheet.name, shift, sheet.name);
    sheet.merges = shiftList(sheet.merges, sheet.name, shift, sheet.name);
    for (const p of sheet.protections) if (p.range) p.range = shiftList([p.range], sheet.name, shift, sheet.name)[0] ?? p.range;
    // Named ranges live in the workbook's root, which every commit writes.
    for (const n of this.data.namedRanges) if (n.sheetId === sheet.id) n.a1 = shiftList([n.a1], sheet.name, shift, sheet.name)[0] ?? n.a1;
    this.structureChanged([...changed]);
  }

  private rewriteAllFormulas(fn: (formula: string) => string): void {
    for (const s of this.data.sheets) this.rewriteFormulasOf(s, fn);
  }

  /** True when a formula changed. */
  private rewriteFormulasOf(sheet: SheetData, fn: (formula: string) => string): boolean {
    if (this.formulaCount(sheet) === 0) return false;
    let changed = false;
    for (const row of sheet.rows) {
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (isFormula(cell)) {
          const next = fn(cell.f);
          if (next !== cell.f) {
            row[c] = { f: next };
            changed = true;
          }
        }
      }
    }
    return changed;
  }

  // ---- change tracking ----

  private cellsChanged(sheet: SheetData, row: number, col: number, numRows: number, numCols: number, formulas: boolean): void {
    const c = this.caches.get(sheet);
    if (c) {
      c.lastRow = undefined;
      c.lastCol = undefined;
      if (formulas) {
        c.formulaCount = undefined;
        c.spillingCount = undefined;
      }
    }
    if (formulas) this.formulaVersion++;
    this.touch(sheet);
    this.engineInstance?.noteCells(sheet.id, row, col, numRows, numCols);
  }

  /** Sizes, sheet list, names or references moved: the engine must be rebuilt. `changed`: the only sheets that did. */
  structureChanged(changed?: readonly SheetData[]): void {
    for (const s of this.data.sheets) this.caches.delete(s);
    this.formulaVersion++;
    if (changed) for (const s of changed) this.touch(s);
    else this.touch();
    this.engineInstance?.reset();
  }

  /** Settings the engine reads (time zone): rebuild it. */
  settingsChanged(): void {
    this.touch();
    this.engineInstance?.reset();
  }
}

function trimRow(sheet: SheetData, r: number): void {
  const row = sheet.rows[r];
  if (!row) return;
  let n = row.length;
  while (n > 0 && (row[n - 1] === null || row[n - 1] === undefined)) n--;
  if (n === 0) sheet.rows[r] = null;
  else if (n < row.length) row.length = n;
}

function shiftKeys(map: Record<string, number>, at: number, delta: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(map)) {
    const i = Number(k);
    if (i < at) out[k] = v;
    else if (delta < 0 && i < at - delta) continue;
    else out[String(i + delta)] = v;
  }
  return out;
}

/** Shifts stored A1 strings (with or without a sheet prefix) that point into `target`. */
function shiftList(list: string[], target: string, shift: DimensionShift, home: string): string[] {
  const out: string[] = [];
  const lower = target.toLowerCase();
  for (const text of list) {
    const ref = parseRefText(text);
    if (!ref || (ref.sheet ?? home).toLowerCase() !== lower) {
      out.push(text);
      continue;
    }
    const moved = shiftRef(ref, shift);
    if (moved) out.push(formatRef(moved));
  }
  return out;
}
