import { apiObject as runtimeApiObject } from '../../runtime/api';
import { isDate } from '../../runtime/realm';
import type { Execution } from '../../runtime/execution';
import { COST_MS } from '../../runtime/execution';
import { parseA1, quoteSheetName, rectA1, splitSheetPrefix } from './a1';
import { ErrorValue, type Resolved, type StoredCell } from './cells';
import { instantFromSerial, serialFromInstant } from './dates';
import type { Clock } from './formulas';
import { parseInput } from './input';
import { SheetError, Workbook } from './model';
import { formatKind, formatValue, isTemporalFormat } from './numfmt';
import type { Implemented } from '../implemented';

export { enumMember, enumObject, type Implemented } from '../implemented';

// API objects get a prototype of their own so that the runtime's deep copy into the script realm (realm.toScript,
// used for function arguments such as an onEdit event) passes them through instead of copying their methods.
const API_PROTO: object = Object.create(Object.prototype, { toString: { value: () => '[object Object]', writable: true } });

/** Like the runtime's apiObject, for this service's objects. */
export function apiObject<T extends object>(className: string, target: T, exec: Execution): T {
  Object.setPrototypeOf(target, API_PROTO);
  return runtimeApiObject(className, target, exec);
}

/**
 * An API object typed as the script sees it: the whole of Google's interface `Real`, where a method the runtime
 * does not implement throws "not implemented in the local runtime" (apiObject's guard).
 */
export function emulated<Real extends object>(className: string, target: Implemented<Real>, exec: Execution): Real {
  return apiObject(className, target, exec) as Real;
}

/** A range as the API holds it: 1-based, on a sheet that is looked up by id at each call (sheets can be renamed). */
export interface RangeRef {
  sheetId: number;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/** Constructors of the API objects, wired in index.ts so the object modules need not import each other. */
export interface Factories {
  spreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet;
  sheet(sheetId: number): GoogleAppsScript.Spreadsheet.Sheet;
  range(ref: RangeRef): GoogleAppsScript.Spreadsheet.Range;
}

/** The range behind a Range object the script hands back (setRanges, addRange, requireValueInRange…). */
export const rangeRefs = new WeakMap<object, RangeRef>();
/** The sheet id behind a Sheet object (setActiveSheet, deleteSheet). */
export const sheetIds = new WeakMap<object, number>();

/** What every SpreadsheetApp object of one execution shares. */
export interface Ctx {
  make: Factories;
  readonly exec: Execution;
  readonly wb: Workbook;
  readonly clock: Clock;
  /** Counts a call that reads or writes the spreadsheet and charges its modeled latency. */
  charge(method: string, ms?: number): void;
  /** Apps Script's Exception, built in the script's realm. */
  error(message: string): Error;
  /** Runs model code, turning its SheetError into the script's Exception. */
  guard<T>(fn: () => T): T;
  /** A counted call: charge, then run. */
  call<T>(method: string, fn: () => T): T;
  /** A 2-D array built in the script's realm. */
  grid<T>(rows: number, cols: number, cell: (i: number, j: number) => T): T[][];
  realmArray<T>(items: T[]): T[];
}

/** `slice`: the state slice of the spreadsheet (the bound one, or one the script created); `made` names a new one. */
export function createCtx(exec: Execution, slice = 'workbook', made?: { id: string; name: string }): Ctx {
  const R = exec.realm;
  let wb: Workbook | undefined;
  const ctx: Ctx = {
    make: {
      spreadsheet: () => {
        throw new Error('factories not wired');
      },
      sheet: () => {
        throw new Error('factories not wired');
      },
      range: () => {
        throw new Error('factories not wired');
      },
    },
    exec,
    // Loaded on first use: an execution that never touches the spreadsheet does not parse a large workbook.
    get wb() {
      return (wb ??= Workbook.of(exec.state, { timeZone: exec.timeZone }, slice, made));
    },
    clock: () => serialFromInstant(exec.now(), ctx.wb.data.timeZone),
    charge(method, ms = COST_MS.spreadsheetCall) {
      exec.charge('SpreadsheetApp', method, ms);
    },
    error(message) {
      return R.exception(message);
    },
    guard(fn) {
      try {
        return fn();
      } catch (e) {
        if (e instanceof SheetError) throw R.exception(e.message);
        throw e;
      }
    },
    call(method, fn) {
      ctx.charge(method);
      return ctx.guard(fn);
    },
    grid(rows, cols, cell) {
      const out = new R.Array(rows) as unknown[][];
      for (let i = 0; i < rows; i++) {
        const line = new R.Array(cols) as unknown[];
        for (let j = 0; j < cols; j++) line[j] = cell(i, j);
        out[i] = line;
      }
      return out as never;
    },
    realmArray(items) {
      const out = new R.Array(items.length) as unknown[];
      for (let i = 0; i < items.length; i++) out[i] = items[i];
      return out as never;
    },
  };
  return ctx;
}

/** Apps Script's name for an argument's type in "The parameters (…) don't match the method signature". */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  if (isDate(v)) return 'Date';
  if (Array.isArray(v)) {
    if (v.length === 0) return 'Object[]';
    const inner = v.map(typeName);
    const same = inner.every((t) => t === inner[0]);
    return `${same ? inner[0] : 'Object'}[]`;
  }
  return '(class)';
}

export function signatureError(ctx: Ctx, method: string, args: ArrayLike<unknown>): Error {
  const names = Array.from(args, typeName).join(',');
  return ctx.error(`The parameters (${names}) don't match the method signature for SpreadsheetApp.${method}.`);
}

/** A value as getValues hands it to the script. */
export function scriptValue(ctx: Ctx, v: Resolved, fmt: string | undefined, temporal: (fmt: string | undefined) => boolean): unknown {
  if (v === null) return '';
  if (v instanceof ErrorValue) return v.error;
  if (typeof v === 'number' && fmt !== undefined && temporal(fmt)) return new ctx.exec.realm.Date(instantFromSerial(v, ctx.wb.data.timeZone));
  return v;
}

export function displayValue(v: Resolved, fmt: string | undefined): string {
  if (v === null) return '';
  if (v instanceof ErrorValue) return v.error;
  return formatValue(v, fmt);
}

/** Memoises isTemporalFormat over the few distinct formats of a read. */
export function temporalTest(): (fmt: string | undefined) => boolean {
  const seen = new Map<string, boolean>();
  return (fmt) => {
    if (fmt === undefined) return false;
    let t = seen.get(fmt);
    if (t === undefined) {
      t = isTemporalFormat(fmt);
      seen.set(fmt, t);
    }
    return t;
  };
}

export interface CellInput {
  cell: StoredCell;
  /** A number format to give the cell (typed dates, percentages, Date objects), when it should change. */
  format?: string;
}

export const MAX_CELL_CHARS = 50_000;

/**
 * A value from setValue/setValues/appendRow (or a person typing) as Sheets stores it. Strings are parsed like
 * typed input unless the cell is formatted as plain text ("@"); Dates become serials in the spreadsheet's zone.
 */
export function cellInput(value: unknown, currentFormat: string | undefined, timeZone: string): CellInput | SheetError {
  if (value === null || value === undefined) return { cell: null };
  if (typeof value === 'number') return { cell: Number.isFinite(value) ? value : String(value) };
  if (typeof value === 'boolean') return { cell: value };
  if (isDate(value)) {
    const t = value.getTime();
    if (Number.isNaN(t)) return { cell: 'Invalid Date' };
    const serial = serialFromInstant(t, timeZone);
    if (isTemporalFormat(currentFormat)) return { cell: serial };
    return { cell: serial, format: Math.abs(serial - Math.round(serial)) < 1e-9 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss' };
  }
  const text = typeof value === 'string' ? value : String(value);
  if (text.length > MAX_CELL_CHARS) {
    return new SheetError(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
  }
  if (currentFormat === '@') return { cell: text };
  const parsed = parseInput(text);
  if (parsed.kind === 'empty') return { cell: null };
  if (parsed.kind === 'formula') return { cell: { f: parsed.formula } };
  const out: CellInput = { cell: parsed.value };
  if (parsed.format !== undefined && formatFamily(parsed.format) !== formatFamily(currentFormat)) out.format = parsed.format;
  return out;
}

function formatFamily(fmt: string | undefined): string {
  const kind = formatKind(fmt);
  if (kind === 'date' || kind === 'datetime' || kind === 'time' || kind === 'duration') return 'temporal';
  return kind === 'general' ? 'general' : kind === 'number' ? 'number' : kind;
}

/** Colours come back from Sheets as lower-case #rrggbb. */
export function normalizeColor(color: string): string {
  const c = color.trim().toLowerCase();
  const named = NAMED_COLORS[c];
  if (named) return named;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return c;
}

const NAMED_COLORS: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
  purple: '#800080',
  lightgray: '#d3d3d3',
  lightgrey: '#d3d3d3',
  silver: '#c0c0c0',
  cyan: '#00ffff',
  magenta: '#ff00ff',
  pink: '#ffc0cb',
  brown: '#a52a2a',
};

/** "'My Sheet'!A1:B2" for a range. */
export function qualifiedA1Of(ctx: Ctx, ref: RangeRef): string {
  const sheet = ctx.wb.requireSheet(ref.sheetId);
  return `${quoteSheetName(sheet.name)}!${rectA1(ref)}`;
}

/** Reads a stored range string back; `home` answers for one without a sheet prefix. */
export function refFromA1(ctx: Ctx, text: string, home?: number): RangeRef | undefined {
  const { sheet: name, rest } = splitSheetPrefix(text);
  const sheet = name === undefined ? (home === undefined ? undefined : ctx.wb.sheetById(home)) : ctx.wb.sheetByName(name);
  if (!sheet) return undefined;
  const rect = parseA1(rest, sheet.maxRows, sheet.maxCols);
  return rect ? { sheetId: sheet.id, ...rect } : undefined;
}

export function refOf(ctx: Ctx, range: unknown, method: string): RangeRef {
  const ref = range !== null && typeof range === 'object' ? rangeRefs.get(range) : undefined;
  if (!ref) throw signatureError(ctx, method, [range]);
  return ref;
}
