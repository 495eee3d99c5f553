import { rectA1 } from './a1';
import { ErrorValue, isFormula, type Resolved, type StoredCell } from './cells';
import { refOf, signatureError, type Ctx, type RangeRef } from './context';
import { ATTR_NAMES, type AttrName, type SheetData } from './model';
import type { RangeBlock } from './rangeBlock';
import { offsetFormula } from './refs';

type Range = GoogleAppsScript.Spreadsheet.Range;

/** Moving data: sorting the range in place and copying it elsewhere (formulas move with it). */
export function movingMethods(b: RangeBlock): Pick<Range, 'sort' | 'copyTo' | 'copyValuesToRange'> {
  const { ctx, ref } = b;
  return {
    sort: (spec: unknown) =>
      ctx.call('Range.sort', () => {
        sortRange(ctx, b.sheet(), ref, spec);
        return b.self();
      }),
    copyTo: (destination: unknown, options?: unknown, transposed?: unknown) =>
      ctx.call('Range.copyTo', () => {
        if (transposed === true) throw ctx.error('not implemented in the local runtime: Range.copyTo (transposed)');
        copyRange(ctx, ref, refOf(ctx, destination, 'Range.copyTo'), options);
        return b.self();
      }),
    copyValuesToRange: (gridOrSheet: unknown, column: unknown, columnEnd: unknown, r: unknown, rowEnd: unknown) =>
      ctx.call('Range.copyValuesToRange', () => {
        const sheetId = typeof gridOrSheet === 'number' ? gridOrSheet : sheetIdOf(gridOrSheet);
        const dest = {
          sheetId,
          row: Number(r),
          col: Number(column),
          numRows: Number(rowEnd) - Number(r) + 1,
          numCols: Number(columnEnd) - Number(column) + 1,
        };
        copyRange(ctx, ref, dest, 'PASTE_VALUES');
        return b.self();
      }),
  };
}

function sheetIdOf(sheetObj: unknown): number {
  const getter = (sheetObj as { getSheetId?: () => number } | null)?.getSheetId;
  return typeof getter === 'function' ? getter() : -1;
}

/** Sheets' sort order: numbers, then text (ignoring case), then booleans, then errors; empty cells always last. */
function rank(v: Resolved): number {
  if (v === null || v === '') return 4;
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  return 3;
}

function compare(a: Resolved, b: Resolved): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, undefined, { sensitivity: 'accent' });
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof ErrorValue && b instanceof ErrorValue) return a.error.localeCompare(b.error);
  return 0;
}

function sortRange(ctx: Ctx, sheet: SheetData, ref: RangeRef, spec: unknown): void {
  const specs = (Array.isArray(spec) ? spec : [spec]).map((s) => {
    if (typeof s === 'number') return { column: s, ascending: true };
    if (s !== null && typeof s === 'object') {
      const o = s as Record<string, unknown>;
      return { column: Number(o['column']), ascending: o['ascending'] !== false };
    }
    throw signatureError(ctx, 'Range.sort', [spec]);
  });
  for (const s of specs) {
    if (!(s.column >= ref.col && s.column < ref.col + ref.numCols))
      throw ctx.error(`Sort column is out of range. Column ${s.column} is outside of the range ${rectA1(ref)}.`);
  }
  const r0 = ref.row - 1;
  const c0 = ref.col - 1;
  const { values } = ctx.wb.resolveBlock(sheet, r0, c0, ref.numRows, ref.numCols, ctx.clock);
  const order = Array.from({ length: ref.numRows }, (_, i) => i);
  order.sort((a, b) => {
    for (const s of specs) {
      const va = values[a]![s.column - ref.col]!;
      const vb = values[b]![s.column - ref.col]!;
      const empty = rank(va) === 4 || rank(vb) === 4;
      const c = compare(va, vb);
      if (c !== 0) return empty || s.ascending ? c : -c;
    }
    return a - b;
  });
  const cells: StoredCell[][] = order.map((from, to) =>
    Array.from({ length: ref.numCols }, (_, j) => {
      const cell = ctx.wb.cell(sheet, r0 + from, c0 + j);
      // A formula moved by the sort keeps pointing at its own row, as in Sheets.
      return isFormula(cell) ? { f: offsetFormula(cell.f, to - from, 0) } : cell;
    }),
  );
  ctx.wb.writeBlock(sheet, r0, c0, cells);
  for (const name of ATTR_NAMES) {
    const block = ctx.wb.attrBlock(sheet, name, r0, c0, ref.numRows, ref.numCols);
    if (block)
      ctx.wb.setAttrBlock(
        sheet,
        name,
        r0,
        c0,
        order.map((from) => block[from]!.map((v) => v ?? null)),
      );
  }
}

function copyRange(ctx: Ctx, src: RangeRef, dest: RangeRef, options: unknown): void {
  const source = ctx.wb.requireSheet(src.sheetId);
  const target = ctx.wb.requireSheet(dest.sheetId);
  const mode = typeof options === 'string' ? options : 'PASTE_NORMAL';
  const o = (options !== null && typeof options === 'object' ? options : {}) as Record<string, unknown>;
  const contents =
    !o['formatOnly'] &&
    mode !== 'PASTE_FORMAT' &&
    mode !== 'PASTE_DATA_VALIDATION' &&
    mode !== 'PASTE_COLUMN_WIDTHS' &&
    mode !== 'PASTE_CONDITIONAL_FORMATTING';
  const formats = !o['contentsOnly'] && (mode === 'PASTE_NORMAL' || mode === 'PASTE_NO_BORDERS' || mode === 'PASTE_FORMAT');
  const nr = src.numRows;
  const nc = src.numCols;
  if (dest.row + nr - 1 > target.maxRows || dest.col + nc - 1 > target.maxCols) {
    throw ctx.error('The coordinates of the range are outside the dimensions of the sheet.');
  }
  const sr = src.row - 1;
  const sc = src.col - 1;
  if (contents) {
    let cells: StoredCell[][];
    if (mode === 'PASTE_VALUES') {
      const { values } = ctx.wb.resolveBlock(source, sr, sc, nr, nc, ctx.clock);
      cells = values.map((line) => line.map((v) => (v instanceof ErrorValue ? v.error : v)));
    } else {
      cells = Array.from({ length: nr }, (_, i) =>
        Array.from({ length: nc }, (_, j) => {
          const cell = ctx.wb.cell(source, sr + i, sc + j);
          return isFormula(cell) ? { f: offsetFormula(cell.f, dest.row - src.row, dest.col - src.col) } : cell;
        }),
      );
    }
    ctx.wb.writeBlock(target, dest.row - 1, dest.col - 1, cells);
  }
  const layers: AttrName[] = formats ? [...ATTR_NAMES] : mode === 'PASTE_VALUES' ? ['fmt'] : mode === 'PASTE_DATA_VALIDATION' ? ['dv'] : [];
  for (const name of layers) {
    const block = ctx.wb.attrBlock(source, name, sr, sc, nr, nc);
    const values = Array.from({ length: nr }, (_, i) => Array.from({ length: nc }, (_, j) => block?.[i]?.[j] ?? null));
    ctx.wb.setAttrBlock(target, name, dest.row - 1, dest.col - 1, values);
  }
}
