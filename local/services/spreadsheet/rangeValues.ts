import { isFormula, type StoredCell } from './cells';
import { displayValue, scriptValue, signatureError, temporalTest, type Ctx, type RangeRef } from './context';
import { FORMAT_ATTRS } from './model';
import { offsetFormula } from './refs';
import type { RangeBlock } from './rangeBlock';

type Range = GoogleAppsScript.Spreadsheet.Range;

/** A block's values as getValues hands them out, built in the script's realm. */
export function scriptValues(ctx: Ctx, ref: RangeRef): unknown[][] {
  const sheet = ctx.wb.requireSheet(ref.sheetId);
  const { values, formats } = ctx.wb.resolveBlock(sheet, ref.row - 1, ref.col - 1, ref.numRows, ref.numCols, ctx.clock);
  const temporal = temporalTest();
  return ctx.grid(ref.numRows, ref.numCols, (i, j) => scriptValue(ctx, values[i]![j]!, formats[i]![j], temporal));
}

/** Reading and writing what the cells hold: computed values, display text, and the values written. */
export function valueMethods(
  b: RangeBlock,
): Pick<Range, 'getValues' | 'getValue' | 'getDisplayValues' | 'getDisplayValue' | 'setValues' | 'setValue' | 'isBlank'> {
  const { ctx, numRows, numCols, r0, c0 } = b;
  const topLeft = () => ctx.wb.resolveBlock(b.sheet(), r0, c0, 1, 1, ctx.clock);
  return {
    getValues: () => ctx.call('Range.getValues', () => scriptValues(ctx, b.ref)),
    getValue: () =>
      ctx.call('Range.getValue', () => {
        const r = topLeft();
        return scriptValue(ctx, r.values[0]![0]!, r.formats[0]![0], temporalTest());
      }),
    getDisplayValues: () =>
      ctx.call('Range.getDisplayValues', () => {
        const { values, formats } = b.resolve();
        return ctx.grid(numRows, numCols, (i, j) => displayValue(values[i]![j]!, formats[i]![j]));
      }),
    getDisplayValue: () =>
      ctx.call('Range.getDisplayValue', () => {
        const r = topLeft();
        return displayValue(r.values[0]![0]!, r.formats[0]![0]);
      }),
    setValues: (data: unknown) =>
      ctx.call('Range.setValues', () => {
        const g = b.grid2d(data, 'setValues');
        b.writeValues((i, j) => g[i]![j]);
        return b.self();
      }),
    setValue: (value: unknown) =>
      ctx.call('Range.setValue', () => {
        b.writeValues(() => value);
        return b.self();
      }),
    isBlank: () =>
      ctx.call('Range.isBlank', () => {
        const s = b.sheet();
        const { values } = b.resolve();
        for (let i = 0; i < numRows; i++) {
          for (let j = 0; j < numCols; j++) {
            if (values[i]![j] !== null && values[i]![j] !== '') return false;
            if (isFormula(ctx.wb.cell(s, r0 + i, c0 + j))) return false;
          }
        }
        return true;
      }),
  };
}

/** Formulas as the user typed them (open-ended ranges and all), and writing them. */
export function formulaMethods(b: RangeBlock): Pick<Range, 'getFormulas' | 'getFormula' | 'setFormula' | 'setFormulas'> {
  const { ctx, numRows, numCols, r0, c0 } = b;
  return {
    getFormulas: () =>
      ctx.call('Range.getFormulas', () => {
        const s = b.sheet();
        return ctx.grid(numRows, numCols, (i, j) => {
          const cell = ctx.wb.cell(s, r0 + i, c0 + j);
          return isFormula(cell) ? cell.f : '';
        });
      }),
    getFormula: () =>
      ctx.call('Range.getFormula', () => {
        const cell = ctx.wb.cell(b.sheet(), r0, c0);
        return isFormula(cell) ? cell.f : '';
      }),
    setFormula: (formula: unknown) =>
      ctx.call('Range.setFormula', () => {
        if (typeof formula !== 'string') throw signatureError(ctx, 'Range.setFormula', [formula]);
        // Like typing into a selection: relative references move with each cell.
        b.writeValues((i, j) => (formula.startsWith('=') ? offsetFormula(formula, i, j) : formula));
        return b.self();
      }),
    setFormulas: (data: unknown) =>
      ctx.call('Range.setFormulas', () => {
        const g = b.grid2d(data, 'setFormulas');
        b.writeValues((i, j) => g[i]![j]);
        return b.self();
      }),
  };
}

/** Clearing contents, formats, validation or notes, and tidying text in place. */
export function clearingMethods(b: RangeBlock): Pick<Range, 'clear' | 'clearContent' | 'clearFormat' | 'trimWhitespace'> {
  const { ctx, numRows, numCols, r0, c0 } = b;
  return {
    clear: (options?: unknown) =>
      ctx.call('Range.clear', () => {
        const o = (options !== null && typeof options === 'object' ? options : {}) as Record<string, unknown>;
        const contents = Boolean(o['contentsOnly']);
        const formats = Boolean(o['formatOnly']);
        const validations = Boolean(o['validationsOnly']);
        const comments = Boolean(o['commentsOnly']);
        const all = !contents && !formats && !validations && !comments;
        const s = b.sheet();
        if (all || contents) ctx.wb.clearBlock(s, r0, c0, numRows, numCols);
        if (all || formats) for (const name of FORMAT_ATTRS) b.fill(name, null);
        if (validations) b.fill('dv', null);
        if (comments) b.fill('note', null);
        return b.self();
      }),
    clearContent: () =>
      ctx.call('Range.clearContent', () => {
        ctx.wb.clearBlock(b.sheet(), r0, c0, numRows, numCols);
        return b.self();
      }),
    clearFormat: () =>
      ctx.call('Range.clearFormat', () => {
        for (const name of FORMAT_ATTRS) b.fill(name, null);
        return b.self();
      }),
    trimWhitespace: () =>
      ctx.call('Range.trimWhitespace', () => {
        const s = b.sheet();
        const cells: StoredCell[][] = Array.from({ length: numRows }, (_, i) =>
          Array.from({ length: numCols }, (_, j) => {
            const v = ctx.wb.cell(s, r0 + i, c0 + j);
            return typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : v;
          }),
        );
        ctx.wb.writeBlock(s, r0, c0, cells);
        return b.self();
      }),
  };
}
