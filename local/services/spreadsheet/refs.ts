import { columnIndex, columnLetter, quoteSheetName, unquoteSheetName } from './a1';

/**
 * A small scanner over formula text that finds cell and range references (skipping string literals), so that
 * the same code can bound Sheets' open-ended ranges for the formula engine, follow a sheet rename, shift
 * references when rows or columns are inserted or deleted, and list which sheets and columns a formula reads.
 */

export interface RefEnd {
  col?: number; // 1-based; undefined for a whole-row end such as the "3" of 1:3
  row?: number; // 1-based; undefined for an open end such as the "A" of A2:A
  colAbs: boolean;
  rowAbs: boolean;
}

export interface Ref {
  sheet?: string;
  start: RefEnd;
  end?: RefEnd;
}

const REF =
  /(?:('(?:[^']|'')+'|[\p{L}\p{N}_][\p{L}\p{N}_.]*)!)?(\$?[A-Za-z]{1,3}\$?\d+|\$?[A-Za-z]{1,3}|\$?\d+)(?::(\$?[A-Za-z]{1,3}\$?\d+|\$?[A-Za-z]{1,3}|\$?\d+))?/uy;
const IDENT = /[\p{L}\p{N}_.$]+/uy;
const IDENT_CHAR = /[\p{L}\p{N}_.$]/u;

function parseEnd(text: string): RefEnd {
  const m = /^(\$?)([A-Za-z]{1,3})?(\$?)(\d+)?$/.exec(text)!;
  const end: RefEnd = { colAbs: m[1] === '$' && m[2] !== undefined, rowAbs: false };
  if (m[2] !== undefined) end.col = columnIndex(m[2]);
  if (m[4] !== undefined) {
    end.row = Number(m[4]);
    end.rowAbs = m[2] !== undefined ? m[3] === '$' : m[1] === '$';
  }
  return end;
}

function validRef(ref: Ref): boolean {
  const { start, end } = ref;
  if (!end) return start.col !== undefined && start.row !== undefined && start.row >= 1;
  if (start.col === undefined && end.col === undefined) return start.row !== undefined && end.row !== undefined;
  if (start.col === undefined || end.col === undefined) return start.row !== undefined && end.row !== undefined;
  return true;
}

export function formatEnd(end: RefEnd): string {
  const col = end.col === undefined ? '' : `${end.colAbs ? '$' : ''}${columnLetter(end.col)}`;
  const row = end.row === undefined ? '' : `${end.rowAbs ? '$' : ''}${end.row}`;
  return col + row;
}

export function formatRef(ref: Ref): string {
  const prefix = ref.sheet === undefined ? '' : `${quoteSheetName(ref.sheet)}!`;
  return `${prefix}${formatEnd(ref.start)}${ref.end ? `:${formatEnd(ref.end)}` : ''}`;
}

export interface ScanHandlers {
  /** Returns replacement text for a reference, or undefined to keep it. */
  ref?: (ref: Ref, text: string) => string | undefined;
  /** Returns replacement text for a bare identifier (function or name), or undefined to keep it. */
  ident?: (name: string, isCall: boolean) => string | undefined;
}

export function scanFormula(formula: string, handlers: ScanHandlers): string {
  let out = '';
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const ch = formula[i] ?? '';
    if (ch === '"') {
      let j = i + 1;
      while (j < n) {
        if (formula[j] === '"') {
          if (formula[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? (formula[i - 1] ?? '') : '';
    if (!IDENT_CHAR.test(prev) && prev !== "'" && (ch === "'" || IDENT_CHAR.test(ch))) {
      REF.lastIndex = i;
      const m = REF.exec(formula);
      if (m && m[0].length > 0) {
        const after = formula[i + m[0].length] ?? '';
        const ref: Ref = { start: parseEnd(m[2] ?? '') };
        if (m[1] !== undefined) ref.sheet = unquoteSheetName(m[1]);
        if (m[3] !== undefined) ref.end = parseEnd(m[3]);
        if (!IDENT_CHAR.test(after) && after !== '(' && after !== '!' && validRef(ref)) {
          const replacement = handlers.ref?.(ref, m[0]);
          out += replacement ?? m[0];
          i += m[0].length;
          continue;
        }
      }
      if (ch !== "'") {
        IDENT.lastIndex = i;
        const id = IDENT.exec(formula);
        if (id) {
          let k = i + id[0].length;
          while (formula[k] === ' ') k++;
          const replacement = handlers.ident?.(id[0], formula[k] === '(');
          out += replacement ?? id[0];
          i += id[0].length;
          continue;
        }
      }
    }
    out += ch;
    i++;
  }
  return out;
}

export interface SheetSize {
  maxRows: number;
  maxCols: number;
}

/** The rectangle a reference covers once its open ends are closed at the sheet's edges (1-based, inclusive). */
export function boundRef(ref: Ref, size: SheetSize): { r1: number; c1: number; r2: number; c2: number } {
  const { start } = ref;
  const end = ref.end ?? ref.start;
  const c1 = start.col ?? 1;
  const c2 = end.col ?? size.maxCols;
  const r1 = start.row ?? 1;
  const r2 = end.row ?? size.maxRows;
  return { r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
}

export function renameSheetInFormula(formula: string, oldName: string, newName: string): string {
  const lower = oldName.toLowerCase();
  return scanFormula(formula, {
    ref: (ref) => (ref.sheet !== undefined && ref.sheet.toLowerCase() === lower ? formatRef({ ...ref, sheet: newName }) : undefined),
  });
}

export interface DimensionShift {
  dimension: 'row' | 'col';
  /** First affected index, 1-based. */
  at: number;
  /** Positive: that many inserted before `at`; negative: that many deleted from `at`. */
  delta: number;
}

/**
 * Moves the ends of a reference the way Sheets does when rows/columns are inserted or deleted: ends at or past
 * the insertion point move; a range that loses every row becomes #REF!, one that loses some shrinks. Open ends
 * (A2:A) stay open.
 */
export function shiftRef(ref: Ref, shift: DimensionShift): Ref | undefined {
  const key = shift.dimension;
  const get = (e: RefEnd): number | undefined => e[key];
  const set = (e: RefEnd, v: number): RefEnd => ({ ...e, [key]: v });
  const start = ref.start;
  const end = ref.end ?? ref.start;
  const a = get(start);
  const b = get(end);
  if (shift.delta > 0) {
    const move = (v: number | undefined): number | undefined => (v !== undefined && v >= shift.at ? v + shift.delta : v);
    const out: Ref = { ...ref, start: a === undefined ? start : set(start, move(a)!) };
    if (ref.end) out.end = b === undefined ? end : set(end, move(b)!);
    return out;
  }
  const count = -shift.delta;
  const first = shift.at;
  const last = shift.at + count - 1;
  if (a === undefined && b === undefined) return ref;
  const lo = a ?? 1;
  const hi = b ?? Number.MAX_SAFE_INTEGER;
  if (lo >= first && hi <= last) return undefined;
  const newLo = lo > last ? lo - count : lo >= first ? first : lo;
  const newHi = b === undefined ? undefined : hi > last ? hi - count : hi >= first ? first - 1 : hi;
  const out: Ref = { ...ref, start: a === undefined ? start : set(start, newLo) };
  if (ref.end) out.end = newHi === undefined ? end : set(end, newHi);
  return out;
}

/** Applies a row/column shift of `targetSheet` to every reference into it from a formula living on `homeSheet`. */
export function shiftFormula(formula: string, homeSheet: string, targetSheet: string, shift: DimensionShift): string {
  const target = targetSheet.toLowerCase();
  return scanFormula(formula, {
    ref: (ref) => {
      const sheet = (ref.sheet ?? homeSheet).toLowerCase();
      if (sheet !== target) return undefined;
      const moved = shiftRef(ref, shift);
      return moved ? formatRef(moved) : '#REF!';
    },
  });
}

/** Moves the relative ends of every reference by an offset, as copying a formula to another cell does. */
export function offsetFormula(formula: string, rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return formula;
  return scanFormula(formula, {
    ref: (ref) => {
      let broken = false;
      const move = (e: RefEnd): RefEnd => {
        const out = { ...e };
        if (e.row !== undefined && !e.rowAbs) out.row = e.row + rows;
        if (e.col !== undefined && !e.colAbs) out.col = e.col + cols;
        if ((out.row !== undefined && out.row < 1) || (out.col !== undefined && out.col < 1)) broken = true;
        return out;
      };
      const moved: Ref = { ...ref, start: move(ref.start) };
      if (ref.end) moved.end = move(ref.end);
      return broken ? '#REF!' : formatRef(moved);
    },
  });
}

/** Parses a stored A1 string such as "'KPI Tracking'!B2:B" into a reference. */
export function parseRefText(text: string): Ref | undefined {
  let found: Ref | undefined;
  const rest = scanFormula(text, {
    ref: (ref) => {
      found = ref;
      return '';
    },
  });
  return found && rest.trim() === '' ? found : undefined;
}
