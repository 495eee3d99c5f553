import { parseA1, rectA1, type GridRect } from './a1';
import { ErrorValue, isFormula, type Resolved, type StoredCell } from './cells';
import {
  apiObject,
  cellInput,
  displayValue,
  normalizeColor,
  rangeRefs,
  refOf,
  scriptValue,
  signatureError,
  temporalTest,
  type Ctx,
  type RangeRef,
} from './context';
import { ATTR_NAMES, FORMAT_ATTRS, SheetError, type AttrName, type ProtectionData, type SheetData } from './model';
import { DEFAULT_NUMBER_FORMAT } from './numfmt';
import { protectionObject } from './protection';
import { offsetFormula } from './refs';
import { validationDataOf, validationObject } from './validation';
import type { ValidationData } from './model';

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

/** A block's values as getValues hands them out, built in the script's realm. */
export function scriptValues(ctx: Ctx, ref: RangeRef): unknown[][] {
  const sheet = ctx.wb.requireSheet(ref.sheetId);
  const { values, formats } = ctx.wb.resolveBlock(sheet, ref.row - 1, ref.col - 1, ref.numRows, ref.numCols, ctx.clock);
  const temporal = temporalTest();
  return ctx.grid(ref.numRows, ref.numCols, (i, j) => scriptValue(ctx, values[i]![j]!, formats[i]![j], temporal));
}

const STYLE_DEFAULTS: Partial<Record<AttrName, string>> = {
  bg: '#ffffff',
  fc: '#000000',
  fw: 'normal',
  fi: 'normal',
  fz: '10',
  ff: 'Arial',
  fl: 'none',
  ha: 'general',
  va: 'bottom',
  wrap: 'OVERFLOW',
};

export function rangeObject(ctx: Ctx, ref: RangeRef): object {
  const { row, col, numRows, numCols } = ref;
  const r0 = row - 1;
  const c0 = col - 1;
  const sheet = (): SheetData => ctx.wb.requireSheet(ref.sheetId);
  const tz = (): string => ctx.wb.data.timeZone;
  let self: object;

  const resolve = (): { values: Resolved[][]; formats: Array<Array<string | undefined>> } =>
    ctx.wb.resolveBlock(sheet(), r0, c0, numRows, numCols, ctx.clock);

  const grid2d = (data: unknown, method: string): unknown[][] => {
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
  };

  /** Writes script values (parsed like typed input), giving cells the formats Sheets would pick. */
  const writeValues = (value: (i: number, j: number) => unknown): void => {
    const s = sheet();
    const current = ctx.wb.attrBlock(s, 'fmt', r0, c0, numRows, numCols);
    const cells: StoredCell[][] = new Array(numRows);
    let formats: Array<Array<string | null>> | undefined;
    for (let i = 0; i < numRows; i++) {
      const line: StoredCell[] = new Array(numCols);
      for (let j = 0; j < numCols; j++) {
        const input = cellInput(value(i, j), current?.[i]?.[j], tz());
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
  };

  const fill = (name: AttrName, value: string | null): void => ctx.wb.fillAttr(sheet(), name, r0, c0, numRows, numCols, value);

  const setAttr = (method: string, name: AttrName, map: (v: unknown) => string | null) => (v: unknown) =>
    ctx.call(`Range.${method}`, () => {
      fill(name, map(v));
      return self;
    });

  const setAttrs = (method: string, name: AttrName, map: (v: unknown) => string | null) => (data: unknown) =>
    ctx.call(`Range.${method}`, () => {
      const g = grid2d(data, method);
      ctx.wb.setAttrBlock(
        sheet(),
        name,
        r0,
        c0,
        g.map((line) => line.map(map)),
      );
      return self;
    });

  const getAttr = (method: string, name: AttrName, out: (v: string | undefined) => unknown) => () =>
    ctx.call(`Range.${method}`, () => out(ctx.wb.attr(sheet(), name, r0, c0)));

  const getAttrs = (method: string, name: AttrName, out: (v: string | undefined) => unknown) => () =>
    ctx.call(`Range.${method}`, () => {
      const block = ctx.wb.attrBlock(sheet(), name, r0, c0, numRows, numCols);
      return ctx.grid(numRows, numCols, (i, j) => out(block?.[i]?.[j]));
    });

  const color = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : normalizeColor(String(v)));
  const orDefault =
    (name: AttrName) =>
    (v: string | undefined): string =>
      v ?? STYLE_DEFAULTS[name] ?? '';
  const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
  const lowerText = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v).toLowerCase());
  const numberFormat = (v: unknown): string | null => {
    if (v === null || v === undefined) return null;
    if (typeof v !== 'string') throw signatureError(ctx, 'Range.setNumberFormat', [v]);
    return v === DEFAULT_NUMBER_FORMAT || v === '' ? null : v;
  };
  const validationJson = (rule: unknown): string | null => {
    if (rule === null || rule === undefined) return null;
    const data = validationDataOf(rule);
    if (!data) throw signatureError(ctx, 'Range.setDataValidation', [rule]);
    return JSON.stringify(data);
  };
  const validationOut = (json: string | undefined): object | null => (json ? validationObject(ctx, JSON.parse(json) as ValidationData) : null);

  const overlaps = (a1: string, s: SheetData): boolean => {
    const m = parseA1(a1, s.maxRows, s.maxCols);
    return !!m && m.row <= row + numRows - 1 && m.row + m.numRows - 1 >= row && m.col <= col + numCols - 1 && m.col + m.numCols - 1 >= col;
  };

  const mergeBlocks = (blocks: GridRect[]): void => {
    const s = sheet();
    s.merges = s.merges.filter((a1) => !overlaps(a1, s));
    for (const b of blocks) {
      if (b.numRows === 1 && b.numCols === 1) continue;
      s.merges.push(rectA1(b));
      // A merge keeps only its top-left value.
      const cells: StoredCell[][] = Array.from({ length: b.numRows }, (_, i) =>
        Array.from({ length: b.numCols }, (_, j) => (i === 0 && j === 0 ? ctx.wb.cell(s, b.row - 1, b.col - 1) : null)),
      );
      ctx.wb.writeBlock(s, b.row - 1, b.col - 1, cells);
    }
    ctx.wb.touch();
  };

  const target = {
    toString: () => 'Range',
    // ---- handles (not counted) ----
    getRow: () => row,
    getRowIndex: () => row,
    getColumn: () => col,
    getColumnIndex: () => col,
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
      ctx.make.range(checkedRef(ctx, sheet(), row + Number(rowOffset), col + Number(columnOffset), nr ?? numRows, nc ?? numCols, 'Range.offset')),
    getCell: (r: unknown, c: unknown) => {
      if (typeof r !== 'number' || typeof c !== 'number') throw signatureError(ctx, 'Range.getCell', [r, c]);
      if (r < 1 || c < 1 || r > numRows || c > numCols) throw ctx.error('Cell reference out of range');
      return ctx.make.range({ sheetId: ref.sheetId, row: row + r - 1, col: col + c - 1, numRows: 1, numCols: 1 });
    },
    activate: () => {
      ctx.wb.data.activeSheetId = ref.sheetId;
      return self;
    },
    activateAsCurrentCell: () => {
      ctx.wb.data.activeSheetId = ref.sheetId;
      return self;
    },

    // ---- values ----
    getValues: () => ctx.call('Range.getValues', () => scriptValues(ctx, ref)),
    getValue: () =>
      ctx.call('Range.getValue', () => {
        const r = ctx.wb.resolveBlock(sheet(), r0, c0, 1, 1, ctx.clock);
        return scriptValue(ctx, r.values[0]![0]!, r.formats[0]![0], temporalTest());
      }),
    getDisplayValues: () =>
      ctx.call('Range.getDisplayValues', () => {
        const { values, formats } = resolve();
        return ctx.grid(numRows, numCols, (i, j) => displayValue(values[i]![j]!, formats[i]![j]));
      }),
    getDisplayValue: () =>
      ctx.call('Range.getDisplayValue', () => {
        const r = ctx.wb.resolveBlock(sheet(), r0, c0, 1, 1, ctx.clock);
        return displayValue(r.values[0]![0]!, r.formats[0]![0]);
      }),
    setValues: (data: unknown) =>
      ctx.call('Range.setValues', () => {
        const g = grid2d(data, 'setValues');
        writeValues((i, j) => g[i]![j]);
        return self;
      }),
    setValue: (value: unknown) =>
      ctx.call('Range.setValue', () => {
        writeValues(() => value);
        return self;
      }),
    isBlank: () =>
      ctx.call('Range.isBlank', () => {
        const s = sheet();
        const { values } = resolve();
        for (let i = 0; i < numRows; i++) {
          for (let j = 0; j < numCols; j++) {
            if (values[i]![j] !== null && values[i]![j] !== '') return false;
            if (isFormula(ctx.wb.cell(s, r0 + i, c0 + j))) return false;
          }
        }
        return true;
      }),

    // ---- formulas ----
    getFormulas: () =>
      ctx.call('Range.getFormulas', () => {
        const s = sheet();
        return ctx.grid(numRows, numCols, (i, j) => {
          const cell = ctx.wb.cell(s, r0 + i, c0 + j);
          return isFormula(cell) ? cell.f : '';
        });
      }),
    getFormula: () =>
      ctx.call('Range.getFormula', () => {
        const cell = ctx.wb.cell(sheet(), r0, c0);
        return isFormula(cell) ? cell.f : '';
      }),
    setFormula: (formula: unknown) =>
      ctx.call('Range.setFormula', () => {
        if (typeof formula !== 'string') throw signatureError(ctx, 'Range.setFormula', [formula]);
        // Like typing into a selection: relative references move with each cell.
        writeValues((i, j) => (formula.startsWith('=') ? offsetFormula(formula, i, j) : formula));
        return self;
      }),
    setFormulas: (data: unknown) =>
      ctx.call('Range.setFormulas', () => {
        const g = grid2d(data, 'setFormulas');
        writeValues((i, j) => g[i]![j]);
        return self;
      }),

    // ---- number formats ----
    getNumberFormat: getAttr('getNumberFormat', 'fmt', (v) => v ?? DEFAULT_NUMBER_FORMAT),
    getNumberFormats: getAttrs('getNumberFormats', 'fmt', (v) => v ?? DEFAULT_NUMBER_FORMAT),
    setNumberFormat: setAttr('setNumberFormat', 'fmt', numberFormat),
    setNumberFormats: setAttrs('setNumberFormats', 'fmt', numberFormat),

    // ---- text and cell styles ----
    getBackground: getAttr('getBackground', 'bg', orDefault('bg')),
    getBackgrounds: getAttrs('getBackgrounds', 'bg', orDefault('bg')),
    setBackground: setAttr('setBackground', 'bg', color),
    setBackgroundColor: setAttr('setBackgroundColor', 'bg', color),
    setBackgrounds: setAttrs('setBackgrounds', 'bg', color),
    setBackgroundRGB: (r: unknown, g: unknown, b: unknown) =>
      setAttr('setBackgroundRGB', 'bg', () => `#${[r, g, b].map((x) => Number(x).toString(16).padStart(2, '0')).join('')}`)(null),
    getFontColor: getAttr('getFontColor', 'fc', orDefault('fc')),
    getFontColors: getAttrs('getFontColors', 'fc', orDefault('fc')),
    setFontColor: setAttr('setFontColor', 'fc', color),
    setFontColors: setAttrs('setFontColors', 'fc', color),
    getFontWeight: getAttr('getFontWeight', 'fw', orDefault('fw')),
    getFontWeights: getAttrs('getFontWeights', 'fw', orDefault('fw')),
    setFontWeight: setAttr('setFontWeight', 'fw', (v) => (lowerText(v) === 'normal' ? null : lowerText(v))),
    setFontWeights: setAttrs('setFontWeights', 'fw', (v) => (lowerText(v) === 'normal' ? null : lowerText(v))),
    getFontStyle: getAttr('getFontStyle', 'fi', orDefault('fi')),
    getFontStyles: getAttrs('getFontStyles', 'fi', orDefault('fi')),
    setFontStyle: setAttr('setFontStyle', 'fi', (v) => (lowerText(v) === 'normal' ? null : lowerText(v))),
    setFontStyles: setAttrs('setFontStyles', 'fi', (v) => (lowerText(v) === 'normal' ? null : lowerText(v))),
    getFontSize: getAttr('getFontSize', 'fz', (v) => Number(v ?? STYLE_DEFAULTS.fz)),
    getFontSizes: getAttrs('getFontSizes', 'fz', (v) => Number(v ?? STYLE_DEFAULTS.fz)),
    setFontSize: setAttr('setFontSize', 'fz', text),
    setFontSizes: setAttrs('setFontSizes', 'fz', text),
    getFontFamily: getAttr('getFontFamily', 'ff', orDefault('ff')),
    getFontFamilies: getAttrs('getFontFamilies', 'ff', orDefault('ff')),
    setFontFamily: setAttr('setFontFamily', 'ff', text),
    setFontFamilies: setAttrs('setFontFamilies', 'ff', text),
    getFontLine: getAttr('getFontLine', 'fl', orDefault('fl')),
    getFontLines: getAttrs('getFontLines', 'fl', orDefault('fl')),
    setFontLine: setAttr('setFontLine', 'fl', (v) => (lowerText(v) === 'none' ? null : lowerText(v))),
    setFontLines: setAttrs('setFontLines', 'fl', (v) => (lowerText(v) === 'none' ? null : lowerText(v))),
    getHorizontalAlignment: getAttr('getHorizontalAlignment', 'ha', orDefault('ha')),
    getHorizontalAlignments: getAttrs('getHorizontalAlignments', 'ha', orDefault('ha')),
    setHorizontalAlignment: setAttr('setHorizontalAlignment', 'ha', (v) => (lowerText(v) === 'normal' ? null : lowerText(v))),
    setHorizontalAlignments: setAttrs('setHorizontalAlignments', 'ha', (v) => (lowerText(v) === 'normal' ? null : lowerText(v))),
    getVerticalAlignment: getAttr('getVerticalAlignment', 'va', orDefault('va')),
    getVerticalAlignments: getAttrs('getVerticalAlignments', 'va', orDefault('va')),
    setVerticalAlignment: setAttr('setVerticalAlignment', 'va', lowerText),
    setVerticalAlignments: setAttrs('setVerticalAlignments', 'va', lowerText),
    getWrap: getAttr('getWrap', 'wrap', (v) => v === 'WRAP'),
    getWraps: getAttrs('getWraps', 'wrap', (v) => v === 'WRAP'),
    setWrap: setAttr('setWrap', 'wrap', (v) => (v ? 'WRAP' : null)),
    setWraps: setAttrs('setWraps', 'wrap', (v) => (v ? 'WRAP' : null)),
    getWrapStrategy: getAttr('getWrapStrategy', 'wrap', orDefault('wrap')),
    getWrapStrategies: getAttrs('getWrapStrategies', 'wrap', orDefault('wrap')),
    setWrapStrategy: setAttr('setWrapStrategy', 'wrap', (v) => (String(v) === 'OVERFLOW' ? null : String(v))),
    setWrapStrategies: setAttrs('setWrapStrategies', 'wrap', (v) => (String(v) === 'OVERFLOW' ? null : String(v))),
    setBorder: () => ctx.call('Range.setBorder', () => self),
    getNote: getAttr('getNote', 'note', (v) => v ?? ''),
    getNotes: getAttrs('getNotes', 'note', (v) => v ?? ''),
    setNote: setAttr('setNote', 'note', text),
    setNotes: setAttrs('setNotes', 'note', text),
    clearNote: () =>
      ctx.call('Range.clearNote', () => {
        fill('note', null);
        return self;
      }),

    // ---- validation ----
    setDataValidation: setAttr('setDataValidation', 'dv', validationJson),
    setDataValidations: setAttrs('setDataValidations', 'dv', validationJson),
    getDataValidation: getAttr('getDataValidation', 'dv', validationOut),
    getDataValidations: getAttrs('getDataValidations', 'dv', validationOut),
    clearDataValidations: () =>
      ctx.call('Range.clearDataValidations', () => {
        fill('dv', null);
        return self;
      }),
    insertCheckboxes: (checked?: unknown, unchecked?: unknown) =>
      ctx.call('Range.insertCheckboxes', () => {
        const values = checked === undefined ? [] : unchecked === undefined ? [checked] : [checked, unchecked];
        const rule: ValidationData = {
          type: 'CHECKBOX',
          values: values.map((v) => (typeof v === 'object' ? String(v) : (v as string | number | boolean))),
          allowInvalid: false,
        };
        fill('dv', JSON.stringify(rule));
        writeValues(() => (unchecked !== undefined ? unchecked : checked !== undefined ? '' : false));
        return self;
      }),
    removeCheckboxes: () =>
      ctx.call('Range.removeCheckboxes', () => {
        const s = sheet();
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
        return self;
      }),
    check: () => ctx.call('Range.check', () => (writeValues(() => true), self)),
    uncheck: () => ctx.call('Range.uncheck', () => (writeValues(() => false), self)),
    isChecked: () =>
      ctx.call('Range.isChecked', () => {
        const { values } = resolve();
        const flat = values.flat();
        if (flat.every((v) => v === true)) return true;
        if (flat.every((v) => v === false)) return false;
        return null;
      }),

    // ---- clearing ----
    clear: (options?: unknown) =>
      ctx.call('Range.clear', () => {
        const o = (options !== null && typeof options === 'object' ? options : {}) as Record<string, unknown>;
        const contents = Boolean(o['contentsOnly']);
        const formats = Boolean(o['formatOnly']);
        const validations = Boolean(o['validationsOnly']);
        const comments = Boolean(o['commentsOnly']);
        const all = !contents && !formats && !validations && !comments;
        const s = sheet();
        if (all || contents) ctx.wb.clearBlock(s, r0, c0, numRows, numCols);
        if (all || formats) for (const name of FORMAT_ATTRS) fill(name, null);
        if (validations) fill('dv', null);
        if (comments) fill('note', null);
        return self;
      }),
    clearContent: () =>
      ctx.call('Range.clearContent', () => {
        ctx.wb.clearBlock(sheet(), r0, c0, numRows, numCols);
        return self;
      }),
    clearFormat: () =>
      ctx.call('Range.clearFormat', () => {
        for (const name of FORMAT_ATTRS) fill(name, null);
        return self;
      }),
    trimWhitespace: () =>
      ctx.call('Range.trimWhitespace', () => {
        const s = sheet();
        const cells: StoredCell[][] = Array.from({ length: numRows }, (_, i) =>
          Array.from({ length: numCols }, (_, j) => {
            const v = ctx.wb.cell(s, r0 + i, c0 + j);
            return typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : v;
          }),
        );
        ctx.wb.writeBlock(s, r0, c0, cells);
        return self;
      }),

    // ---- merges ----
    merge: () => ctx.call('Range.merge', () => (mergeBlocks([{ row, col, numRows, numCols }]), self)),
    mergeAcross: () =>
      ctx.call(
        'Range.mergeAcross',
        () => (mergeBlocks(Array.from({ length: numRows }, (_, i) => ({ row: row + i, col, numRows: 1, numCols }))), self),
      ),
    mergeVertically: () =>
      ctx.call(
        'Range.mergeVertically',
        () => (mergeBlocks(Array.from({ length: numCols }, (_, j) => ({ row, col: col + j, numRows, numCols: 1 }))), self),
      ),
    breakApart: () =>
      ctx.call('Range.breakApart', () => {
        const s = sheet();
        s.merges = s.merges.filter((a1) => !overlaps(a1, s));
        ctx.wb.touch();
        return self;
      }),
    isPartOfMerge: () => ctx.call('Range.isPartOfMerge', () => sheet().merges.some((a1) => overlaps(a1, sheet()))),
    getMergedRanges: () =>
      ctx.call('Range.getMergedRanges', () => {
        const s = sheet();
        return ctx.realmArray(
          s.merges.filter((a1) => overlaps(a1, s)).map((a1) => ctx.make.range({ sheetId: s.id, ...parseA1(a1, s.maxRows, s.maxCols)! })),
        );
      }),

    // ---- moving data ----
    sort: (spec: unknown) =>
      ctx.call('Range.sort', () => {
        sortRange(ctx, sheet(), ref, spec);
        return self;
      }),
    copyTo: (destination: unknown, options?: unknown, transposed?: unknown) =>
      ctx.call('Range.copyTo', () => {
        if (transposed === true) throw ctx.error('not implemented in the local runtime: Range.copyTo (transposed)');
        copyRange(ctx, ref, refOf(ctx, destination, 'Range.copyTo'), options);
        return self;
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
        return self;
      }),

    protect: () =>
      ctx.call('Range.protect', () => {
        const s = sheet();
        const data: ProtectionData = { type: 'RANGE', range: rectA1(ref), description: '', warningOnly: false, editors: [ctx.exec.userEmail] };
        s.protections.push(data);
        ctx.wb.touch();
        return protectionObject(ctx, s.id, data);
      }),
  };
  self = apiObject('Range', target, ctx.exec);
  rangeRefs.set(self, ref);
  return self;
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
