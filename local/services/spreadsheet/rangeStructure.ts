import { parseA1, rectA1, type GridRect } from './a1';
import type { StoredCell } from './cells';
import type { ProtectionData } from './model';
import { protectionObject } from './protection';
import type { RangeBlock } from './rangeBlock';

type Range = GoogleAppsScript.Spreadsheet.Range;

/** Merged cells and range protections: what the range does to the sheet's structure rather than to its cells. */
export function mergeMethods(
  b: RangeBlock,
): Pick<Range, 'merge' | 'mergeAcross' | 'mergeVertically' | 'breakApart' | 'isPartOfMerge' | 'getMergedRanges'> {
  const { ctx, row, col, numRows, numCols } = b;
  const mergeBlocks = (blocks: GridRect[]): void => {
    const s = b.sheet();
    s.merges = s.merges.filter((a1) => !b.overlaps(a1, s));
    for (const block of blocks) {
      if (block.numRows === 1 && block.numCols === 1) continue;
      s.merges.push(rectA1(block));
      // A merge keeps only its top-left value.
      const cells: StoredCell[][] = Array.from({ length: block.numRows }, (_, i) =>
        Array.from({ length: block.numCols }, (_, j) => (i === 0 && j === 0 ? ctx.wb.cell(s, block.row - 1, block.col - 1) : null)),
      );
      ctx.wb.writeBlock(s, block.row - 1, block.col - 1, cells);
    }
    ctx.wb.touch();
  };
  return {
    merge: () => ctx.call('Range.merge', () => (mergeBlocks([{ row, col, numRows, numCols }]), b.self())),
    mergeAcross: () =>
      ctx.call(
        'Range.mergeAcross',
        () => (mergeBlocks(Array.from({ length: numRows }, (_, i) => ({ row: row + i, col, numRows: 1, numCols }))), b.self()),
      ),
    mergeVertically: () =>
      ctx.call(
        'Range.mergeVertically',
        () => (mergeBlocks(Array.from({ length: numCols }, (_, j) => ({ row, col: col + j, numRows, numCols: 1 }))), b.self()),
      ),
    breakApart: () =>
      ctx.call('Range.breakApart', () => {
        const s = b.sheet();
        s.merges = s.merges.filter((a1) => !b.overlaps(a1, s));
        ctx.wb.touch();
        return b.self();
      }),
    isPartOfMerge: () => ctx.call('Range.isPartOfMerge', () => b.sheet().merges.some((a1) => b.overlaps(a1, b.sheet()))),
    getMergedRanges: () =>
      ctx.call('Range.getMergedRanges', () => {
        const s = b.sheet();
        return ctx.realmArray(
          s.merges.filter((a1) => b.overlaps(a1, s)).map((a1) => ctx.make.range({ sheetId: s.id, ...parseA1(a1, s.maxRows, s.maxCols)! })),
        );
      }),
  };
}

export function protectionMethods(b: RangeBlock): Pick<Range, 'protect'> {
  return {
    protect: () =>
      b.ctx.call('Range.protect', () => {
        const s = b.sheet();
        const data: ProtectionData = { type: 'RANGE', range: rectA1(b.ref), description: '', warningOnly: false, editors: [b.ctx.exec.userEmail] };
        s.protections.push(data);
        b.ctx.wb.touch();
        return protectionObject(b.ctx, s.id, data);
      }),
  };
}
