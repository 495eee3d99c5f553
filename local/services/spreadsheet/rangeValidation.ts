import { signatureError } from './context';
import type { ValidationData } from './model';
import { getAttr, getAttrs, setAttr, setAttrs, type RangeBlock } from './rangeBlock';
import { validationDataOf, validationObject } from './validation';

type Range = GoogleAppsScript.Spreadsheet.Range;

/** Data validation rules, stored per cell as JSON, and checkboxes (a validation rule plus a value). */
export function validationMethods(
  b: RangeBlock,
): Pick<
  Range,
  | 'setDataValidation'
  | 'setDataValidations'
  | 'getDataValidation'
  | 'getDataValidations'
  | 'clearDataValidations'
  | 'insertCheckboxes'
  | 'removeCheckboxes'
  | 'check'
  | 'uncheck'
  | 'isChecked'
> {
  const { ctx, numRows, numCols, r0, c0 } = b;
  const validationJson = (rule: unknown): string | null => {
    if (rule === null || rule === undefined) return null;
    const data = validationDataOf(rule);
    if (!data) throw signatureError(ctx, 'Range.setDataValidation', [rule]);
    return JSON.stringify(data);
  };
  const validationOut = (json: string | undefined): GoogleAppsScript.Spreadsheet.DataValidation | null =>
    json ? validationObject(ctx, JSON.parse(json) as ValidationData) : null;
  return {
    setDataValidation: setAttr(b, 'setDataValidation', 'dv', validationJson),
    setDataValidations: setAttrs(b, 'setDataValidations', 'dv', validationJson),
    getDataValidation: getAttr(b, 'getDataValidation', 'dv', validationOut),
    getDataValidations: getAttrs(b, 'getDataValidations', 'dv', validationOut),
    clearDataValidations: () =>
      ctx.call('Range.clearDataValidations', () => {
        b.fill('dv', null);
        return b.self();
      }),
    insertCheckboxes: (checked?: unknown, unchecked?: unknown) =>
      ctx.call('Range.insertCheckboxes', () => {
        const values = checked === undefined ? [] : unchecked === undefined ? [checked] : [checked, unchecked];
        const rule: ValidationData = {
          type: 'CHECKBOX',
          values: values.map((v) => (typeof v === 'object' ? String(v) : (v as string | number | boolean))),
          allowInvalid: false,
        };
        b.fill('dv', JSON.stringify(rule));
        b.writeValues(() => (unchecked !== undefined ? unchecked : checked !== undefined ? '' : false));
        return b.self();
      }),
    removeCheckboxes: () =>
      ctx.call('Range.removeCheckboxes', () => {
        const s = b.sheet();
        const rules = ctx.wb.attrBlock(s, 'dv', r0, c0, numRows, numCols);
        for (let i = 0; i < numRows; i++) {
          for (let j = 0; j < numCols; j++) {
            const json = rules?.[i]?.[j];
            if (!json || (JSON.parse(json) as ValidationData).type !== 'CHECKBOX') continue;
            const v = ctx.wb.cell(s, r0 + i, c0 + j);
            if (typeof v === 'boolean') ctx.wb.writeBlock(s, r0 + i, c0 + j, [[null]]);
            ctx.wb.fillAttr(s, 'dv', r0 + i, c0 + j, 1, 1, null);
          }
        }
        return b.self();
      }),
    check: () => ctx.call('Range.check', () => (b.writeValues(() => true), b.self())),
    uncheck: () => ctx.call('Range.uncheck', () => (b.writeValues(() => false), b.self())),
    isChecked: () =>
      ctx.call('Range.isChecked', () => {
        const flat = b.resolve().values.flat();
        if (flat.every((v) => v === true)) return true;
        if (flat.every((v) => v === false)) return false;
        return null;
      }),
  };
}
