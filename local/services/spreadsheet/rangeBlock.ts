import { parseA1 } from './a1';
import type { Resolved, StoredCell } from './cells';
import { cellInput, signatureError, type Ctx, type RangeRef } from './context';
import { SheetError, type AttrName, type SheetData } from './model';

/**
 * What every group of Range methods shares for one range: its place, its sheet looked up at each call (sheets
 * can be renamed or deleted between calls), and the reads and writes of its block that the methods are made of.
 * `self` is the Range object itself, which setters return for chaining; it exists once the object is built.
 */
export interface RangeBlock {
  readonly ctx: Ctx;
  readonly ref: RangeRef;
  readonly row: number;
  readonly col: number;
  readonly numRows: number;
  readonly numCols: number;
  /** 0-based corner, as the workbook model counts. */
  readonly r0: number;
  readonly c0: number;
  self(): GoogleAppsScript.Spreadsheet.Range;
  sheet(): SheetData;
  resolve(): { values: Resolved[][]; formats: Array<Array<string | undefined>> };
  /** The script's 2-D array, checked against the range's shape with Apps Script's messages. */
  grid2d(data: unknown, method: string): unknown[][];
  /** Writes script values (parsed like typed input), giving cells the formats Sheets would pick. */
  writeValues(value: (i: number, j: number) => unknown): void;
  /** Sets one attribute layer over the whole range. */
  fill(name: AttrName, value: string | null): void;
  /** Whether the stored A1 range (a merge) overlaps this range. */
  overlaps(a1: string, sheet: SheetData): boolean;
}

export function rangeBlock(ctx: Ctx, ref: RangeRef, self: () => GoogleAppsScript.Spreadsheet.Range): RangeBlock {
  const { row, col, numRows, numCols } = ref;
  const r0 = row - 1;
  const c0 = col - 1;
  const sheet = (): SheetData => ctx.wb.requireSheet(ref.sheetId);
  return {
    ctx,
    ref,
    row,
    col,
    numRows,
    numCols,
    r0,
    c0,
    self,
    sheet,
    resolve: () => ctx.wb.resolveBlock(sheet(), r0, c0, numRows, numCols, ctx.clock),
    grid2d(data, method) {
      if (!Array.isArray(data) || !data.every((line) => Array.isArray(line))) throw signatureError(ctx, `Range.${method}`, [data]);
      if (data.length !== numRows) {
        throw ctx.error(
          `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${numRows}.`,
        );
      }
      for (const line of data as unknown[][]) {
        if (line.length !== numCols) {
          throw ctx.error(
            `The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${numCols}.`,
          );
        }
      }
      return data as unknown[][];
    },
    writeValues(value) {
      const s = sheet();
      const current = ctx.wb.attrBlock(s, 'fmt', r0, c0, numRows, numCols);
      const cells: StoredCell[][] = new Array(numRows);
      let formats: Array<Array<string | null>> | undefined;
      for (let i = 0; i < numRows; i++) {
        const line: StoredCell[] = new Array(numCols);
        for (let j = 0; j < numCols; j++) {
          const input = cellInput(value(i, j), current?.[i]?.[j], ctx.wb.data.timeZone);
          if (input instanceof SheetError) throw ctx.error(input.message);
          line[j] = input.cell;
          if (input.format !== undefined) {
            formats ??= Array.from({ length: numRows }, (_, k) => Array.from({ length: numCols }, (_, m) => current?.[k]?.[m] ?? null));
            formats[i]![j] = input.format;
          }
        }
        cells[i] = line;
      }
      ctx.wb.writeBlock(s, r0, c0, cells);
      if (formats) ctx.wb.setAttrBlock(s, 'fmt', r0, c0, formats);
    },
    fill: (name, value) => ctx.wb.fillAttr(sheet(), name, r0, c0, numRows, numCols, value),
    overlaps(a1, s) {
      const m = parseA1(a1, s.maxRows, s.maxCols);
      return !!m && m.row <= row + numRows - 1 && m.row + m.numRows - 1 >= row && m.col <= col + numCols - 1 && m.col + m.numCols - 1 >= col;
    },
  };
}

/** A counted setter that puts one value on every cell of an attribute layer. */
export function setAttr(b: RangeBlock, method: string, name: AttrName, map: (v: unknown) => string | null) {
  return (v: unknown) =>
    b.ctx.call(`Range.${method}`, () => {
      b.fill(name, map(v));
      return b.self();
    });
}

/** A counted setter that takes one value per cell. */
export function setAttrs(b: RangeBlock, method: string, name: AttrName, map: (v: unknown) => string | null) {
  return (data: unknown) =>
    b.ctx.call(`Range.${method}`, () => {
      const g = b.grid2d(data, method);
      b.ctx.wb.setAttrBlock(
        b.sheet(),
        name,
        b.r0,
        b.c0,
        g.map((line) => line.map(map)),
      );
      return b.self();
    });
}

/** A counted getter of the top-left cell's attribute. */
export function getAttr<T>(b: RangeBlock, method: string, name: AttrName, out: (v: string | undefined) => T) {
  return () => b.ctx.call(`Range.${method}`, () => out(b.ctx.wb.attr(b.sheet(), name, b.r0, b.c0)));
}

/** A counted getter of every cell's attribute, as a grid in the script's realm. */
export function getAttrs<T>(b: RangeBlock, method: string, name: AttrName, out: (v: string | undefined) => T) {
  return () =>
    b.ctx.call(`Range.${method}`, () => {
      const block = b.ctx.wb.attrBlock(b.sheet(), name, b.r0, b.c0, b.numRows, b.numCols);
      return b.ctx.grid(b.numRows, b.numCols, (i, j) => out(block?.[i]?.[j]));
    });
}
