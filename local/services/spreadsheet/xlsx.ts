import ExcelJS from 'exceljs';
import type { StateDir } from '../../runtime/state';
import { columnLetter } from './a1';
import { ErrorValue, isFormula, type Resolved } from './cells';
import { hostClock } from './host';
import { DEFAULT_COLUMN_WIDTH, Workbook, type SheetData, type ValidationData } from './model';

// Excel measures column width in characters of the default font; Sheets in pixels.
const PIXELS_PER_CHARACTER = 7;
// A validation run is written cell by cell; a whole empty column of a 100,000-row sheet is not worth it.
const MAX_VALIDATED_CELLS_PER_RUN = 5000;

function argb(color: string): string {
  return `FF${color.replace('#', '').toUpperCase().padEnd(6, '0').slice(0, 6)}`;
}

function resultOf(v: Resolved): ExcelJS.CellValue {
  if (v instanceof ErrorValue) return { error: v.error as ExcelJS.CellErrorValue['error'] };
  return v;
}

/**
 * The workbook as an .xlsx file: every sheet, values, formulas with their computed result cached (formula text
 * as the engine reads it, so open ranges like A2:A are closed), number formats, bold/colours, column widths,
 * frozen panes and list validations. Cells an array formula spills into are written as plain values, since
 * Excel would not recompute Sheets-only functions such as ARRAYFORMULA.
 */
export async function exportXlsx(state: StateDir, file: string, opts: { now?: Date } = {}): Promise<void> {
  const wb = Workbook.of(state);
  const clock = hostClock(wb, opts.now);
  const book = new ExcelJS.Workbook();
  book.creator = 'shinchoku local runtime';
  for (const sheet of wb.sheets) writeSheet(book, wb, sheet, clock);
  await book.xlsx.writeFile(file);
}

function writeSheet(book: ExcelJS.Workbook, wb: Workbook, sheet: SheetData, clock: () => number): void {
  const ws = book.addWorksheet(sheet.name, {
    state: sheet.hidden ? 'hidden' : 'visible',
    views: sheet.frozenRows || sheet.frozenCols ? [{ state: 'frozen', xSplit: sheet.frozenCols, ySplit: sheet.frozenRows }] : [],
    ...(sheet.tabColor ? { properties: { tabColor: { argb: argb(sheet.tabColor) } } } : {}),
  });
  const extent = wb.extent(sheet, clock);
  const { values, formats } = wb.resolveBlock(sheet, 0, 0, extent.rows, extent.cols, clock);
  const bg = wb.attrBlock(sheet, 'bg', 0, 0, extent.rows, extent.cols);
  const fc = wb.attrBlock(sheet, 'fc', 0, 0, extent.rows, extent.cols);
  const fw = wb.attrBlock(sheet, 'fw', 0, 0, extent.rows, extent.cols);
  const fi = wb.attrBlock(sheet, 'fi', 0, 0, extent.rows, extent.cols);
  for (let r = 0; r < extent.rows; r++) {
    for (let c = 0; c < extent.cols; c++) {
      const v = values[r]![c]!;
      const stored = wb.cell(sheet, r, c);
      const fmt = formats[r]![c];
      const bold = fw?.[r]?.[c] === 'bold';
      const italic = fi?.[r]?.[c] === 'italic';
      const color = fc?.[r]?.[c];
      const fill = bg?.[r]?.[c];
      if (v === null && !isFormula(stored) && !fmt && !bold && !italic && !color && !fill) continue;
      const cell = ws.getCell(r + 1, c + 1);
      if (isFormula(stored)) {
        const formula = wb.engine.engineFormula(sheet, stored.f).replace(/^=/, '');
        cell.value = { formula, result: resultOf(v) } as ExcelJS.CellFormulaValue;
      } else if (v instanceof ErrorValue) {
        cell.value = { error: v.error as ExcelJS.CellErrorValue['error'] };
      } else if (v !== null) {
        cell.value = v;
      }
      if (fmt) cell.numFmt = fmt;
      if (bold || italic || color)
        cell.font = { ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}), ...(color ? { color: { argb: argb(color) } } : {}) };
      if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(fill) } };
    }
  }
  for (const [key, width] of Object.entries(sheet.colWidths)) {
    ws.getColumn(Number(key) + 1).width = width / PIXELS_PER_CHARACTER;
  }
  for (let c = 0; c < extent.cols; c++) {
    const column = ws.getColumn(c + 1);
    if (column.width === undefined) column.width = DEFAULT_COLUMN_WIDTH / PIXELS_PER_CHARACTER;
  }
  writeValidations(ws, sheet);
}

function writeValidations(ws: ExcelJS.Worksheet, sheet: SheetData): void {
  (sheet.attrs.dv ?? []).forEach((runs, c) => {
    for (const [s, e, json] of runs ?? []) {
      const rule = JSON.parse(json) as ValidationData;
      const validation = excelValidation(rule);
      if (!validation) continue;
      const last = Math.min(e, s + MAX_VALIDATED_CELLS_PER_RUN - 1);
      for (let r = s; r <= last; r++) ws.getCell(`${columnLetter(c + 1)}${r + 1}`).dataValidation = validation;
    }
  });
}

function excelValidation(rule: ValidationData): ExcelJS.DataValidation | undefined {
  const common = {
    allowBlank: true,
    showErrorMessage: !rule.allowInvalid,
    ...(rule.helpText ? { prompt: rule.helpText, showInputMessage: true } : {}),
  };
  const nums = rule.values.map((v) => (typeof v === 'number' ? v : Number(v)));
  switch (rule.type) {
    case 'VALUE_IN_LIST': {
      const list = Array.isArray(rule.values[0]) ? rule.values[0] : [];
      return { type: 'list', formulae: [`"${list.map((x) => x.replace(/"/g, '""')).join(',')}"`], ...common };
    }
    case 'VALUE_IN_RANGE': {
      const source = rule.values[0];
      if (source === null || typeof source !== 'object' || !('range' in source)) return undefined;
      return { type: 'list', formulae: [source.range], ...common };
    }
    case 'CHECKBOX':
      return { type: 'list', formulae: ['"TRUE,FALSE"'], ...common };
    case 'NUMBER_BETWEEN':
      return { type: 'decimal', operator: 'between', formulae: [nums[0] ?? 0, nums[1] ?? 0], ...common };
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return { type: 'decimal', operator: 'greaterThanOrEqual', formulae: [nums[0] ?? 0], ...common };
    case 'NUMBER_GREATER_THAN':
      return { type: 'decimal', operator: 'greaterThan', formulae: [nums[0] ?? 0], ...common };
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return { type: 'decimal', operator: 'lessThanOrEqual', formulae: [nums[0] ?? 0], ...common };
    case 'NUMBER_LESS_THAN':
      return { type: 'decimal', operator: 'lessThan', formulae: [nums[0] ?? 0], ...common };
    default:
      return undefined;
  }
}
