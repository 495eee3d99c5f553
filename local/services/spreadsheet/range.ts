import { parseA1, rectA1, type GridRect } from './a1';
import { emulated, rangeRefs, signatureError, type Ctx, type RangeRef } from './context';
import type { SheetData } from './model';
import { rangeBlock, setAttr, type RangeBlock } from './rangeBlock';
import { color, noteMethods, numberFormatMethods, styleMethods } from './rangeFormats';
import { movingMethods } from './rangeMoves';
import { mergeMethods, protectionMethods } from './rangeStructure';
import { validationMethods } from './rangeValidation';
import { clearingMethods, formulaMethods, valueMethods } from './rangeValues';

export { scriptValues } from './rangeValues';

type Range = GoogleAppsScript.Spreadsheet.Range;

/**
 * Validates a range against its sheet with Apps Script's messages and returns its ref. Every form of getRange,
 * offset and getCell goes through here.
 */
export function checkedRef(ctx: Ctx, sheet: SheetData, row: unknown, col: unknown, numRows: unknown, numCols: unknown, method: string): RangeRef {
  const args = [row, col, numRows, numCols];
  if (args.some((a) => typeof a !== 'number' || Number.isNaN(a))) throw signatureError(ctx, method, args);
  const [r, c, nr, nc] = args.map((a) => Math.trunc(a as number)) as [number, number, number, number];
  if (r < 1) throw ctx.error('The starting row of the range is too small.');
  if (c < 1) throw ctx.error('The starting column of the range is too small.');
  if (nr < 1) throw ctx.error('The number of rows in the range must be at least 1.');
  if (nc < 1) throw ctx.error('The number of columns in the range must be at least 1.');
  if (r + nr - 1 > sheet.maxRows || c + nc - 1 > sheet.maxCols)
    throw ctx.error('The coordinates of the range are outside the dimensions of the sheet.');
  return { sheetId: sheet.id, row: r, col: c, numRows: nr, numCols: nc };
}

/** An A1 range (no sheet prefix) of `sheet`, or Apps Script's "Range not found". */
export function refFromA1Text(ctx: Ctx, sheet: SheetData, a1: string): RangeRef {
  const rect: GridRect | undefined = parseA1(a1, sheet.maxRows, sheet.maxCols);
  if (!rect) throw ctx.error('Range not found');
  if (rect.row + rect.numRows - 1 > sheet.maxRows || rect.col + rect.numCols - 1 > sheet.maxCols) {
    throw ctx.error('The coordinates of the range are outside the dimensions of the sheet.');
  }
  return { sheetId: sheet.id, ...rect };
}

/** Where the range is and ranges relative to it: plain reads of its ref, never counted as spreadsheet calls. */
function handleMethods(
  b: RangeBlock,
): Pick<
  Range,
  | 'getRow'
  | 'getRowIndex'
  | 'getColumn'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getNumRows'
  | 'getNumColumns'
  | 'getHeight'
  | 'getWidth'
  | 'getA1Notation'
  | 'getGridId'
  | 'getSheet'
  | 'offset'
  | 'getCell'
  | 'activate'
  | 'activateAsCurrentCell'
> {
  const { ctx, ref, row, col, numRows, numCols } = b;
  return {
    getRow: () => row,
    getRowIndex: () => row,
    getColumn: () => col,
    getLastRow: () => row + numRows - 1,
    getLastColumn: () => col + numCols - 1,
    getNumRows: () => numRows,
    getNumColumns: () => numCols,
    getHeight: () => numRows,
    getWidth: () => numCols,
    getA1Notation: () => rectA1(ref),
    getGridId: () => ref.sheetId,
    getSheet: () => ctx.make.sheet(ref.sheetId),
    offset: (rowOffset: unknown, columnOffset: unknown, nr?: unknown, nc?: unknown) =>
      ctx.make.range(checkedRef(ctx, b.sheet(), row + Number(rowOffset), col + Number(columnOffset), nr ?? numRows, nc ?? numCols, 'Range.offset')),
    getCell: (r: unknown, c: unknown) => {
      if (typeof r !== 'number' || typeof c !== 'number') throw signatureError(ctx, 'Range.getCell', [r, c]);
      if (r < 1 || c < 1 || r > numRows || c > numCols) throw ctx.error('Cell reference out of range');
      return ctx.make.range({ sheetId: ref.sheetId, row: row + r - 1, col: col + c - 1, numRows: 1, numCols: 1 });
    },
    activate: () => {
      ctx.wb.data.activeSheetId = ref.sheetId;
      return b.self();
    },
    activateAsCurrentCell: () => {
      ctx.wb.data.activeSheetId = ref.sheetId;
      return b.self();
    },
  };
}

/**
 * Methods the runtime has answered since before it was typed, which @types/google-apps-script does not declare
 * (setBackgroundColor is the old spelling of setBackground): kept so no script that used them breaks, unchecked.
 */
interface UndeclaredRangeMethods {
  getColumnIndex(): number;
  setBackgroundColor(color: unknown): Range;
}

function undeclaredMethods(b: RangeBlock): UndeclaredRangeMethods {
  return {
    getColumnIndex: () => b.col,
    setBackgroundColor: setAttr(b, 'setBackgroundColor', 'bg', color),
  };
}

/** The Range object: its methods grouped by concern, each group built over the same block. */
export function rangeObject(ctx: Ctx, ref: RangeRef): Range {
  let self: Range | undefined;
  const b = rangeBlock(ctx, ref, () => self as Range);
  const target = {
    toString: () => 'Range',
    ...handleMethods(b),
    ...valueMethods(b),
    ...formulaMethods(b),
    ...numberFormatMethods(b),
    ...styleMethods(b),
    ...noteMethods(b),
    ...validationMethods(b),
    ...clearingMethods(b),
    ...mergeMethods(b),
    ...movingMethods(b),
    ...protectionMethods(b),
    ...undeclaredMethods(b),
  };
  const range = emulated<Range>('Range', target, ctx.exec);
  self = range;
  rangeRefs.set(range, ref);
  return range;
}
