import { DetailedCellError, HyperFormula, type ConfigParams, type RawCellContent, type SerializedNamedExpression } from 'hyperformula';
import { parseA1, quoteSheetName } from './a1';
import { ErrorValue, isFormula, type Resolved } from './cells';
import { wallTime } from './dates';
import { registerSheetsFunctions, withFormulaClock } from './functions';
import { parseInput } from './input';
import type { SheetData, Workbook } from './model';
import { isTemporalFormat } from './numfmt';
import { boundRef, formatEnd, parseRefText, scanFormula, type RefEnd } from './refs';

const ARRAY_RESULT =
  /\b(ARRAYFORMULA|FILTER|SORTN?|UNIQUE|SEQUENCE|SPLIT|TRANSPOSE|ARRAY_CONSTRAIN|MMULT|MUNIT|FLATTEN|QUERY|IMPORT[A-Z]*|RANDARRAY|FREQUENCY)\s*\(|\{/i;

/**
 * Whether a formula can fill cells beyond its own (an array result). Only sheets with such formulas need the
 * engine to know their extent: a column of =B2*2 formulas does not.
 */
export function formulaMaySpill(formula: string): boolean {
  if (ARRAY_RESULT.test(formula)) return true;
  return parseRefText(formula.replace(/^=/, '').trim())?.end !== undefined;
}

/** The spreadsheet's "now" as a serial in its time zone; TODAY()/NOW() answer it. */
export type Clock = () => number;

export interface ComputedCell {
  value: Resolved;
  /** The format Sheets gives a formula result on its own (a date for =TODAY()), when the cell has none. */
  autoFormat?: string;
}

/** Marks a date cell for the engine, so formulas that use it keep the date type (=A2+7 is still a date). */
const DATE_MARK = '\u0001';
/** A sheet of our own whose only cell is touched to make the engine recompute TODAY()/NOW(). */
const CLOCK_SHEET = '__local_runtime_clock__';
const VOLATILE = /\b(TODAY|NOW|RAND|RANDBETWEEN)\s*\(/i;
const MAX_PENDING_CELLS = 500_000;
// ARRAYFORMULA(range) after translation, where the range is always closed: 'Sheet'!$A$1:$B$2 or A1:B2.
const BARE_RANGE_ARRAYFORMULA = /ARRAYFORMULA\(\s*((?:'(?:[^']|'')+'!)?\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+)\s*\)/gi;

type DateTime = ReturnType<NonNullable<ConfigParams['parseDateTime']>>;

function serialToDateTime(serial: number, withTime: boolean): DateTime {
  const w = wallTime(serial);
  const date = { year: w.year, month: w.month, day: w.day };
  return withTime ? { ...date, hours: w.hour, minutes: w.minute, seconds: w.second + w.millisecond / 1000 } : date;
}

// Date strings in formulas ("2026-01-05"+1, DATEVALUE) are read like typed input; the marker carries date cells.
function parseDateTime(text: string): DateTime {
  if (text.startsWith(DATE_MARK)) {
    const serial = Number(text.slice(1));
    return serialToDateTime(serial, serial % 1 !== 0);
  }
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  const parsed = parseInput(us ? `${us[3]}-${us[1]}-${us[2]}` : text.trim());
  if (parsed.kind !== 'value' || typeof parsed.value !== 'number' || !isTemporalFormat(parsed.format)) return undefined;
  if (parsed.value < 1) {
    const w = wallTime(parsed.value);
    return { hours: w.hour, minutes: w.minute, seconds: w.second };
  }
  return serialToDateTime(parsed.value, parsed.value % 1 !== 0);
}

const CONFIG: Partial<ConfigParams> = {
  licenseKey: 'gpl-v3',
  // Sheets' serial 0 is 1899-12-30 and it has no 1900 leap-year bug.
  nullDate: { year: 1899, month: 12, day: 30 },
  leapYear1900: false,
  // Sheets evaluates SUMPRODUCT((A:A>1)*B:B) and bare ranges as arrays.
  useArrayArithmetic: true,
  // =A1 of an empty cell is empty in Sheets, not 0.
  evaluateNullToZero: false,
  undoLimit: 0,
  maxRows: 10_000_000,
  maxColumns: 18_278,
  functionArgSeparator: ',',
  decimalSeparator: '.',
  thousandSeparator: '',
  caseSensitive: false,
  matchWholeCell: true,
  useWildcards: true,
  useRegularExpressions: false,
  parseDateTime,
};

interface Translation {
  text: string;
  reads: Array<{ sheetId: number; r1: number; c1: number; c2: number }>;
  names: string[];
  volatile: boolean;
  /**
   * An array literal that holds a reference (`{"Header"; ARRAYFORMULA(B2:B*2)}`, `{"";B2:B}`): HyperFormula 3.5
   * does not register such a formula as depending on the cells it reads, so it keeps its old result after they
   * change. Sheets recomputes it; here such formulas are entered again after a write, which recomputes them.
   */
  literalRefs: boolean;
  /** For =MAX(A2:A) and the like: the cell whose number format the result takes, as Sheets does. */
  inheritFrom?: { sheetId: number; row: number; col: number };
}

// Functions whose result is one of the values they read, so Sheets shows it in that value's format.
const INHERITS_FORMAT = new Set([
  'MAX',
  'MIN',
  'MEDIAN',
  'LARGE',
  'SMALL',
  'INDEX',
  'VLOOKUP',
  'HLOOKUP',
  'XLOOKUP',
  'LOOKUP',
  'MAXIFS',
  'MINIFS',
  'AVERAGE',
  'AVERAGEIF',
  'AVERAGEIFS',
]);

type ColumnSet = Set<number> | 'all';

interface Inclusion {
  hfId: number;
  cols: ColumnSet;
}

interface Rect {
  sheetId: number;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

const AUTO_FORMATS: Record<string, string> = {
  NUMBER_DATE: 'yyyy-mm-dd',
  NUMBER_DATETIME: 'yyyy-mm-dd hh:mm:ss',
  NUMBER_TIME: 'hh:mm:ss',
  NUMBER_PERCENT: '0%',
};

/**
 * HyperFormula as a cache of computed values. It is built only when a value is needed from a sheet that has
 * formulas, and holds only what those formulas can reach: sheets with formulas in full, sheets they merely read
 * in the columns they read. Cell writes are replayed into it; anything structural (sizes, sheet list, names,
 * moved references, time zone) throws it away.
 */
export class FormulaEngine {
  private hf: HyperFormula | undefined;
  private readonly included = new Map<number, Inclusion>();
  private readonly roots = new Set<number>();
  private planVersion = -1;
  private pending: Rect[] = [];
  private pendingCells = 0;
  private readonly translations = new Map<string, Translation>();
  private readonly extents = new Map<number, { rows: number; cols: number }>();
  private volatile = false;
  private literalRefs = false;
  /** The formulas with array literals that hold references, in row-major order (columns to the left first). */
  private literalCells: Array<{ hfId: number; row: number; col: number; text: string }> = [];
  private literalsDirty = false;
  private lastClock = Number.NaN;
  private clockSheetId = -1;

  constructor(private readonly wb: Workbook) {}

  /** Whether the engine currently holds a built HyperFormula instance. */
  get built(): boolean {
    return this.hf !== undefined;
  }

  reset(): void {
    this.hf?.destroy();
    this.hf = undefined;
    this.included.clear();
    this.pending = [];
    this.pendingCells = 0;
    this.translations.clear();
    this.extents.clear();
    this.planVersion = -1;
  }

  noteCells(sheetId: number, row: number, col: number, numRows: number, numCols: number): void {
    if (!this.hf || !this.included.has(sheetId) || numRows <= 0 || numCols <= 0) return;
    if (this.literalRefs) this.literalsDirty = true;
    this.pendingCells += numRows * numCols;
    if (this.pendingCells > MAX_PENDING_CELLS) {
      // Rebuilding is cheaper than replaying a write this large.
      this.reset();
      return;
    }
    this.pending.push({ sheetId, row, col, numRows, numCols });
  }

  /** Computed values for a block of a sheet that has formulas; undefined entries are empty. */
  compute(sheet: SheetData, row: number, col: number, numRows: number, numCols: number, clock: Clock): Array<Array<ComputedCell | undefined>> {
    const hf = this.ensure(sheet, clock);
    const inc = this.included.get(sheet.id)!;
    const out: Array<Array<ComputedCell | undefined>> = Array.from({ length: numRows }, () => new Array<ComputedCell | undefined>(numCols));
    const dims = hf.getSheetDimensions(inc.hfId);
    const rowEnd = Math.min(row + numRows, dims.height);
    const colEnd = Math.min(col + numCols, dims.width);
    if (rowEnd <= row || colEnd <= col) return out;
    const values = hf.getRangeValues({ start: { sheet: inc.hfId, row, col }, end: { sheet: inc.hfId, row: rowEnd - 1, col: colEnd - 1 } });
    for (let i = 0; i < values.length; i++) {
      const line = values[i]!;
      const stored = sheet.rows[row + i];
      const target = out[i]!;
      for (let j = 0; j < line.length; j++) {
        const v = line[j];
        if (v === null || v === undefined) continue;
        const cell = stored ? (stored[col + j] ?? null) : null;
        if (cell !== null && !isFormula(cell)) continue;
        if (v instanceof DetailedCellError) {
          target[j] = { value: new ErrorValue(sheetsError(v.value)) };
        } else if (typeof v === 'number') {
          const type = hf.getCellValueDetailedType({ sheet: inc.hfId, row: row + i, col: col + j });
          const auto = AUTO_FORMATS[type] ?? (isFormula(cell) ? this.inheritedFormat(sheet, cell.f) : undefined);
          target[j] = auto ? { value: v, autoFormat: auto } : { value: v };
        } else {
          target[j] = { value: v };
        }
      }
    }
    return out;
  }

  /** Rows and columns up to the last cell with a value, including what array formulas spill. */
  spillExtent(sheet: SheetData, clock: Clock): { rows: number; cols: number } {
    const hf = this.ensure(sheet, clock);
    const cached = this.extents.get(sheet.id);
    if (cached) return cached;
    const inc = this.included.get(sheet.id)!;
    const values = hf.getSheetValues(inc.hfId);
    let rows = 0;
    let cols = 0;
    for (let r = 0; r < values.length; r++) {
      const line = values[r]!;
      for (let c = line.length - 1; c >= 0; c--) {
        if (line[c] !== null && line[c] !== undefined) {
          rows = r + 1;
          cols = Math.max(cols, c + 1);
          break;
        }
      }
    }
    const extent = { rows, cols };
    this.extents.set(sheet.id, extent);
    return extent;
  }

  /** Evaluates a formula as if it sat in `sheet` (conditional-format rules). */
  evaluate(sheet: SheetData, formula: string, clock: Clock): Resolved {
    const hf = this.ensure(sheet, clock);
    const inc = this.included.get(sheet.id)!;
    const text = this.translate(sheet, formula).text;
    const result = withFormulaClock(clock, () => hf.calculateFormula(text, inc.hfId));
    const v = Array.isArray(result) ? result[0]?.[0] : result;
    if (v instanceof DetailedCellError) return new ErrorValue(sheetsError(v.value));
    return v === undefined ? null : v;
  }

  /** The formula as the engine reads it: open ranges closed at the sheet's edges, bare TRUE/FALSE as calls. */
  engineFormula(sheet: SheetData, formula: string): string {
    return this.translate(sheet, formula).text;
  }

  // ---- building ----

  private ensure(sheet: SheetData, clock: Clock): HyperFormula {
    this.roots.add(sheet.id);
    if (!this.hf || this.planVersion !== this.wb.formulaVersion || !this.included.has(sheet.id)) {
      const plan = this.plan();
      if (!this.hf || !this.covers(plan)) {
        this.build(plan, clock);
        return this.hf!;
      }
      this.planVersion = this.wb.formulaVersion;
    }
    this.flush(clock);
    this.tick(clock);
    return this.hf;
  }

  private plan(): Map<number, ColumnSet> {
    const need = new Map<number, ColumnSet>();
    const queue: number[] = [];
    const full = (id: number): void => {
      if (need.get(id) === 'all') return;
      need.set(id, 'all');
      queue.push(id);
    };
    const include = (sheetId: number, c1: number, c2: number): void => {
      const target = this.wb.sheetById(sheetId);
      if (!target) return;
      if (this.wb.formulaCount(target) > 0) return full(sheetId);
      const current = need.get(sheetId);
      if (current === 'all') return;
      const set = current ?? new Set<number>();
      const last = Math.min(c2, target.maxCols - 1);
      for (let c = Math.max(0, c1); c <= last; c++) set.add(c);
      need.set(sheetId, set.size >= target.maxCols ? 'all' : set);
    };
    for (const id of this.roots) if (this.wb.sheetById(id)) full(id);
    this.volatile = false;
    this.literalRefs = false;
    while (queue.length > 0) {
      const sheet = this.wb.sheetById(queue.pop()!);
      if (!sheet || this.wb.formulaCount(sheet) === 0) continue;
      for (const row of sheet.rows) {
        if (!row) continue;
        for (const cell of row) {
          if (!isFormula(cell)) continue;
          const t = this.translate(sheet, cell.f);
          if (t.volatile) this.volatile = true;
          if (t.literalRefs) this.literalRefs = true;
          for (const read of t.reads) include(read.sheetId, read.c1, read.c2);
          for (const name of t.names) {
            const named = this.namedRange(name);
            if (named) include(named.sheet.id, named.c1, named.c2);
          }
        }
      }
    }
    return need;
  }

  private covers(plan: Map<number, ColumnSet>): boolean {
    for (const [id, cols] of plan) {
      const inc = this.included.get(id);
      if (!inc) return false;
      if (inc.cols === 'all') continue;
      if (cols === 'all') return false;
      for (const c of cols) if (!inc.cols.has(c)) return false;
    }
    return true;
  }

  private build(plan: Map<number, ColumnSet>, clock: Clock): void {
    this.reset();
    registerSheetsFunctions();
    const sheets: Record<string, RawCellContent[][]> = {};
    for (const sheet of this.wb.sheets) {
      const cols = plan.get(sheet.id);
      if (!cols) continue;
      const extent = this.wb.storedExtent(sheet);
      sheets[sheet.name] = this.content(sheet, 0, 0, extent.rows, extent.cols, cols);
    }
    this.lastClock = clock();
    sheets[CLOCK_SHEET] = [[this.lastClock]];
    const names: SerializedNamedExpression[] = [];
    for (const named of this.wb.data.namedRanges) {
      const sheet = this.wb.sheetById(named.sheetId);
      if (!sheet || !plan.has(sheet.id) || !isEngineName(named.name)) continue;
      const rect = parseA1(named.a1, sheet.maxRows, sheet.maxCols);
      if (!rect) continue;
      const end: RefEnd = { col: rect.col + rect.numCols - 1, row: rect.row + rect.numRows - 1, colAbs: true, rowAbs: true };
      const start: RefEnd = { col: rect.col, row: rect.row, colAbs: true, rowAbs: true };
      names.push({ name: named.name, expression: `=${engineSheetName(sheet.name)}!${formatEnd(start)}:${formatEnd(end)}` });
    }
    const hf = withFormulaClock(clock, () => {
      try {
        return HyperFormula.buildFromSheets(sheets, CONFIG, names);
      } catch (e) {
        // A named range the engine refuses must not take every formula down with it.
        if (names.length === 0) throw e;
        return HyperFormula.buildFromSheets(sheets, CONFIG);
      }
    });
    this.hf = hf;
    for (const [id, cols] of plan) {
      const sheet = this.wb.sheetById(id);
      const hfId = sheet ? hf.getSheetId(sheet.name) : undefined;
      if (hfId !== undefined) this.included.set(id, { hfId, cols });
    }
    this.clockSheetId = hf.getSheetId(CLOCK_SHEET) ?? -1;
    this.planVersion = this.wb.formulaVersion;
    this.literalCells = [];
    this.literalsDirty = false;
    if (!this.literalRefs) return;
    for (const [id, inc] of this.included) {
      const sheet = this.wb.sheetById(id);
      if (!sheet || this.wb.formulaCount(sheet) === 0) continue;
      sheet.rows.forEach((cells, row) =>
        cells?.forEach((cell, col) => {
          if (!isFormula(cell)) return;
          const t = this.translate(sheet, cell.f);
          if (t.literalRefs) this.literalCells.push({ hfId: inc.hfId, row, col, text: t.text });
        }),
      );
    }
  }

  /** Engine input for a block: strings as text (never re-parsed), date cells marked, formulas translated. */
  private content(sheet: SheetData, row: number, col: number, numRows: number, numCols: number, cols: ColumnSet): RawCellContent[][] {
    const formats = this.wb.attrBlock(sheet, 'fmt', row, col, numRows, numCols);
    const out: RawCellContent[][] = new Array(numRows);
    for (let i = 0; i < numRows; i++) {
      const stored = sheet.rows[row + i];
      const line: RawCellContent[] = new Array<RawCellContent>(numCols).fill(null);
      if (stored) {
        for (let j = 0; j < numCols; j++) {
          const c = col + j;
          if (cols !== 'all' && !cols.has(c)) continue;
          const cell = stored[c];
          if (cell === null || cell === undefined) continue;
          if (isFormula(cell)) line[j] = this.translate(sheet, cell.f).text;
          else if (typeof cell === 'string') line[j] = `'${cell}`;
          else if (typeof cell === 'number' && isTemporalFormat(formats?.[i]?.[j])) line[j] = `${DATE_MARK}${cell}`;
          else line[j] = cell;
        }
      }
      out[i] = line;
    }
    return out;
  }

  private flush(clock: Clock): void {
    const hf = this.hf;
    if (!hf || this.pending.length === 0) return;
    const rects = this.pending;
    this.pending = [];
    this.pendingCells = 0;
    this.extents.clear();
    withFormulaClock(clock, () =>
      hf.batch(() => {
        for (const rect of rects) {
          const inc = this.included.get(rect.sheetId);
          const sheet = this.wb.sheetById(rect.sheetId);
          if (!inc || !sheet) continue;
          // Only the columns the engine holds; a partly included sheet is written column group by column group.
          let c = rect.col;
          const end = rect.col + rect.numCols;
          while (c < end) {
            if (inc.cols !== 'all' && !inc.cols.has(c)) {
              c++;
              continue;
            }
            let stop = c + 1;
            while (stop < end && (inc.cols === 'all' || inc.cols.has(stop))) stop++;
            const block = this.content(sheet, rect.row, c, rect.numRows, stop - c, inc.cols);
            hf.setCellContents({ sheet: inc.hfId, row: rect.row, col: c }, block);
            c = stop;
          }
        }
      }),
    );
    if (this.literalsDirty) {
      this.literalsDirty = false;
      // One at a time, left to right: each is evaluated with the results of those it reads already fresh.
      withFormulaClock(clock, () => {
        for (const cell of this.literalCells) hf.setCellContents({ sheet: cell.hfId, row: cell.row, col: cell.col }, [[cell.text]]);
      });
    }
    this.lastClock = clock();
  }

  /** TODAY()/NOW() move with the execution's clock; touching the clock cell makes the engine recompute them. */
  private tick(clock: Clock): void {
    const hf = this.hf;
    if (!hf || !this.volatile || this.clockSheetId < 0) return;
    const now = clock();
    if (Math.abs(now - this.lastClock) < 1 / 1440 && Math.floor(now) === Math.floor(this.lastClock)) return;
    this.lastClock = now;
    this.extents.clear();
    withFormulaClock(clock, () => hf.setCellContents({ sheet: this.clockSheetId, row: 0, col: 0 }, [[now]]));
  }

  private inheritedFormat(sheet: SheetData, formula: string): string | undefined {
    const from = this.translate(sheet, formula).inheritFrom;
    const source = from ? this.wb.sheetById(from.sheetId) : undefined;
    if (!from || !source) return undefined;
    const fmt = this.wb.attr(source, 'fmt', from.row, from.col);
    return fmt !== undefined && (isTemporalFormat(fmt) || fmt.includes('%')) ? fmt : undefined;
  }

  private namedRange(name: string): { sheet: SheetData; c1: number; c2: number } | undefined {
    const lower = name.toLowerCase();
    const named = this.wb.data.namedRanges.find((n) => n.name.toLowerCase() === lower);
    const sheet = named ? this.wb.sheetById(named.sheetId) : undefined;
    if (!named || !sheet) return undefined;
    const rect = parseA1(named.a1, sheet.maxRows, sheet.maxCols);
    return rect ? { sheet, c1: rect.col - 1, c2: rect.col + rect.numCols - 2 } : undefined;
  }

  private translate(sheet: SheetData, formula: string): Translation {
    const key = `${sheet.id}\u0000${formula}`;
    const cached = this.translations.get(key);
    if (cached) return cached;
    const reads: Translation['reads'] = [];
    const names: string[] = [];
    const body = formula.startsWith('=') ? formula.slice(1) : formula;
    let text = scanFormula(body, {
      ref: (ref) => {
        const target = ref.sheet === undefined ? sheet : this.wb.sheetByName(ref.sheet);
        if (!target) return '#REF!';
        const b = boundRef(ref, target);
        reads.push({ sheetId: target.id, r1: b.r1 - 1, c1: b.c1 - 1, c2: b.c2 - 1 });
        const prefix = ref.sheet === undefined ? '' : `${engineSheetName(target.name)}!`;
        const start: RefEnd = { col: b.c1, row: b.r1, colAbs: ref.start.colAbs, rowAbs: ref.start.rowAbs };
        if (!ref.end) return `${prefix}${formatEnd(start)}`;
        const end: RefEnd = { col: b.c2, row: b.r2, colAbs: ref.end.colAbs, rowAbs: ref.end.rowAbs };
        return `${prefix}${formatEnd(start)}:${formatEnd(end)}`;
      },
      ident: (name, isCall) => {
        if (isCall) return undefined;
        if (/^(TRUE|FALSE)$/i.test(name)) return `${name.toUpperCase()}()`;
        names.push(name);
        return undefined;
      },
    });
    // A bare range shows the whole range in Sheets (=A1:A3, =ARRAYFORMULA(A1:A3)); the engine refuses a bare
    // range as a result but returns it from IF.
    const whole = parseRefText(body.trim());
    if (whole?.end) text = `IF(TRUE(),${text.trim()})`;
    else text = text.replace(BARE_RANGE_ARRAYFORMULA, 'ARRAYFORMULA(IF(TRUE(),$1))');
    const translation: Translation = {
      text: `=${text}`,
      reads,
      names,
      volatile: VOLATILE.test(body),
      literalRefs: reads.length > 0 && /\{/.test(body.replace(/"(?:[^"]|"")*"/g, '')),
    };
    const outer = /^\s*([A-Za-z.]+)\s*\(/.exec(body)?.[1]?.toUpperCase();
    const first = reads[0];
    if (outer && INHERITS_FORMAT.has(outer) && first) translation.inheritFrom = { sheetId: first.sheetId, row: first.r1, col: first.c1 };
    if (this.translations.size > 200_000) this.translations.clear();
    this.translations.set(key, translation);
    return translation;
  }
}

// Names that read as a cell (KPI2024) or an R1C1 reference are refused by the engine, and by Sheets too.
function isEngineName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^R\d*C\d*$/i.test(name) && !/^(TRUE|FALSE)$/i.test(name);
}

// The engine parses only ASCII sheet names bare; quoting every name is always accepted.
function engineSheetName(name: string): string {
  const quoted = quoteSheetName(name);
  return quoted.startsWith("'") ? quoted : `'${name}'`;
}

/** Sheets' spelling of an engine error: a blocked array and a circular reference are both #REF! there. */
function sheetsError(code: string): string {
  switch (code) {
    case '#SPILL!':
    case '#CYCLE!':
      return '#REF!';
    case '#LIC!':
      return '#ERROR!';
    default:
      return code;
  }
}
