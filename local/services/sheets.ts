import type { ServiceFactory } from '../runtime/api';
import { COST_MS, type Execution } from '../runtime/execution';
import { emulated, type Implemented } from './implemented';
import { rectA1 } from './spreadsheet/a1';
import type { StoredCell } from './spreadsheet/cells';
import { MAX_CELL_CHARS, normalizeColor, type Ctx } from './spreadsheet/context';
import {
  SheetError,
  type AttrName,
  type CfRuleData,
  type CriteriaValue,
  type SheetData,
  type ValidationData,
  type WorkbookData,
} from './spreadsheet/model';
import { createdFiles, ctxFor } from './spreadsheet/service';

/**
 * The Sheets advanced service (`Sheets`, API v4) for the local runtime: `Spreadsheets.batchUpdate` and
 * `Spreadsheets.get`, applied to the same workbook model SpreadsheetApp uses, so what a batch writes is what
 * SpreadsheetApp reads next. Each call is one request to Google (counted as `Sheets`, 80 ms modeled).
 *
 * A batch is atomic, as Google documents: every request is validated and applied in order, and if one fails
 * nothing is kept. Requests are checked against the API's own schema (`GoogleAppsScript.Sheets.Schema.Request`):
 * a kind the API does not have fails with the API's "Unknown name" message; a kind the runtime has not
 * implemented fails naming it. Mapped onto the model as SpreadsheetApp's equivalents store them (a validation's
 * `ONE_OF_LIST` is SpreadsheetApp's `VALUE_IN_LIST`, `strict` the opposite of `allowInvalid`, and so on).
 */

type Request = GoogleAppsScript.Sheets.Schema.Request;
type GridRange = GoogleAppsScript.Sheets.Schema.GridRange;
type CellData = GoogleAppsScript.Sheets.Schema.CellData;
type CellFormat = GoogleAppsScript.Sheets.Schema.CellFormat;
type Color = GoogleAppsScript.Sheets.Schema.Color;
type ColorStyle = GoogleAppsScript.Sheets.Schema.ColorStyle;
type BooleanCondition = GoogleAppsScript.Sheets.Schema.BooleanCondition;
type SheetProperties = GoogleAppsScript.Sheets.Schema.SheetProperties;
type Response = GoogleAppsScript.Sheets.Schema.Response;

/** Every request kind of the API, from its published schema: a kind added or renamed there breaks the type check. */
const REQUEST_KINDS: Record<keyof Request, true> = {
  addBanding: true,
  addChart: true,
  addConditionalFormatRule: true,
  addDimensionGroup: true,
  addFilterView: true,
  addNamedRange: true,
  addProtectedRange: true,
  addSheet: true,
  addTable: true,
  appendCells: true,
  appendDimension: true,
  autoFill: true,
  autoResizeDimensions: true,
  clearBasicFilter: true,
  copyPaste: true,
  createDeveloperMetadata: true,
  cutPaste: true,
  deleteBanding: true,
  deleteConditionalFormatRule: true,
  deleteDeveloperMetadata: true,
  deleteDimension: true,
  deleteDimensionGroup: true,
  deleteEmbeddedObject: true,
  deleteFilterView: true,
  deleteNamedRange: true,
  deleteProtectedRange: true,
  deleteRange: true,
  deleteSheet: true,
  deleteTable: true,
  duplicateFilterView: true,
  duplicateSheet: true,
  findReplace: true,
  insertDimension: true,
  insertRange: true,
  mergeCells: true,
  moveDimension: true,
  pasteData: true,
  randomizeRange: true,
  repeatCell: true,
  setBasicFilter: true,
  setDataValidation: true,
  sortRange: true,
  textToColumns: true,
  unmergeCells: true,
  updateBanding: true,
  updateBorders: true,
  updateCells: true,
  updateChartSpec: true,
  updateConditionalFormatRule: true,
  updateDeveloperMetadata: true,
  updateDimensionGroup: true,
  updateDimensionProperties: true,
  updateEmbeddedObjectPosition: true,
  updateFilterView: true,
  updateNamedRange: true,
  updateProtectedRange: true,
  updateSheetProperties: true,
  updateSpreadsheetProperties: true,
  updateTable: true,
};

/** The API's condition types and the names SpreadsheetApp gives the same criteria (BooleanCriteria, DataValidationCriteria). */
const CONDITION_TYPES: Record<string, string> = {
  NUMBER_GREATER: 'NUMBER_GREATER_THAN',
  NUMBER_GREATER_THAN_EQ: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_LESS: 'NUMBER_LESS_THAN',
  NUMBER_LESS_THAN_EQ: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  NUMBER_EQ: 'NUMBER_EQUAL_TO',
  NUMBER_NOT_EQ: 'NUMBER_NOT_EQUAL_TO',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_NOT_CONTAINS: 'TEXT_DOES_NOT_CONTAIN',
  TEXT_STARTS_WITH: 'TEXT_STARTS_WITH',
  TEXT_ENDS_WITH: 'TEXT_ENDS_WITH',
  TEXT_EQ: 'TEXT_EQUAL_TO',
  TEXT_IS_EMAIL: 'TEXT_IS_VALID_EMAIL',
  TEXT_IS_URL: 'TEXT_IS_VALID_URL',
  DATE_IS_VALID: 'DATE_IS_VALID_DATE',
  ONE_OF_LIST: 'VALUE_IN_LIST',
  BLANK: 'CELL_EMPTY',
  NOT_BLANK: 'CELL_NOT_EMPTY',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
  BOOLEAN: 'CHECKBOX',
};
const NUMERIC_CONDITIONS = new Set([
  'NUMBER_GREATER',
  'NUMBER_GREATER_THAN_EQ',
  'NUMBER_LESS',
  'NUMBER_LESS_THAN_EQ',
  'NUMBER_EQ',
  'NUMBER_NOT_EQ',
  'NUMBER_BETWEEN',
  'NUMBER_NOT_BETWEEN',
]);
const NUMBER_FORMAT_TYPES = new Set(['TEXT', 'NUMBER', 'PERCENT', 'CURRENCY', 'DATE', 'TIME', 'DATE_TIME', 'SCIENTIFIC']);

/** A request the API refuses: the message Google's JSON error carries. */
class ApiError extends Error {}
/** A request the local runtime does not carry out (it would on Google's side). */
class NotImplemented extends Error {}

/** The `Sheets` global. */
export const sheetsAdvancedService: ServiceFactory = (exec) => {
  const spreadsheetCtx = (id: unknown, method: string): Ctx => {
    const bound = ctxFor(exec);
    if (typeof id !== 'string' || id === '') throw failure(exec, method, 'Invalid argument: spreadsheetId');
    if (id === bound.wb.data.id) return bound;
    const file = createdFiles(exec).find((f) => f.id === id);
    if (!file) throw failure(exec, method, 'Requested entity was not found.');
    return ctxFor(exec, file.slice, { id: file.id, name: file.name });
  };
  const Spreadsheets = emulated<GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection>(
    'Sheets.Spreadsheets',
    {
      batchUpdate: (resource: GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetRequest, spreadsheetId: string) => {
        exec.charge('Sheets', 'Spreadsheets.batchUpdate', COST_MS.sheetsApiRequest);
        const ctx = spreadsheetCtx(spreadsheetId, 'batchUpdate');
        const replies = applyBatch(exec, ctx, resource);
        return exec.realm.toScript({ spreadsheetId, replies });
      },
      get: (spreadsheetId: string, optionalArgs?: object) => {
        exec.charge('Sheets', 'Spreadsheets.get', COST_MS.sheetsApiRequest);
        const ctx = spreadsheetCtx(spreadsheetId, 'get');
        const args = (optionalArgs ?? {}) as Record<string, unknown>;
        for (const key of Object.keys(args)) {
          if (key !== 'fields') throw exec.realm.exception(`not implemented in the local runtime: Sheets.Spreadsheets.get with ${key}`);
        }
        return exec.realm.toScript(spreadsheetResource(ctx));
      },
    },
    exec,
  );
  const Sheets: Implemented<GoogleAppsScript.Sheets> = { Spreadsheets };
  return { Sheets: emulated<GoogleAppsScript.Sheets>('Sheets', Sheets, exec) };
};

/** Apps Script's wording for an advanced service call Google refused. */
function failure(exec: Execution, method: string, message: string): Error {
  const error = exec.realm.exception(`API call to sheets.spreadsheets.${method} failed with error: ${message}`);
  error.name = 'GoogleJsonResponseException';
  return error;
}

function applyBatch(exec: Execution, ctx: Ctx, resource: GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetRequest): Response[] {
  const requests = resource?.requests;
  if (!Array.isArray(requests) || requests.length === 0) throw failure(exec, 'batchUpdate', 'Must specify at least one request.');
  const wb = ctx.wb;
  // All or nothing: the model is put back as it was when a request fails.
  const before = JSON.stringify(wb.data);
  const replies: Response[] = [];
  try {
    requests.forEach((request, i) => replies.push(applyRequest(ctx, request, i)));
    return replies;
  } catch (e) {
    Object.assign(wb.data, JSON.parse(before) as WorkbookData);
    wb.structureChanged();
    if (e instanceof NotImplemented) throw exec.realm.exception(`not implemented in the local runtime: Sheets.Spreadsheets.batchUpdate ${e.message}`);
    if (e instanceof ApiError || e instanceof SheetError) throw failure(exec, 'batchUpdate', e.message);
    throw e;
  }
}

function applyRequest(ctx: Ctx, request: Request, i: number): Response {
  const at = `requests[${i}]`;
  if (request === null || typeof request !== 'object') throw new ApiError(`Invalid ${at}: No request set.`);
  const kinds = Object.keys(request).filter((k) => request[k as keyof Request] !== undefined);
  for (const kind of kinds) {
    if (!(kind in REQUEST_KINDS)) throw new ApiError(`Invalid JSON payload received. Unknown name "${kind}" at '${at}': Cannot find field.`);
  }
  const [kind] = kinds;
  if (kind === undefined) throw new ApiError(`Invalid ${at}: No request set.`);
  if (kinds.length > 1) throw new ApiError(`Invalid ${at}: Only one request kind may be set, found ${kinds.join(', ')}.`);
  const where = `Invalid ${at}.${kind}`;
  const wb = ctx.wb;
  const sheetOf = (sheetId: number | undefined): SheetData => {
    const sheet = wb.sheetById(sheetId ?? 0);
    if (!sheet) throw new ApiError(`${where}: No grid with id: ${sheetId ?? 0}`);
    return sheet;
  };
  const gridOf = (range: GridRange | undefined) => resolveRange(range, sheetOf, where);
  try {
    switch (kind) {
      case 'addSheet':
        return { addSheet: { properties: addSheet(ctx, request.addSheet?.properties ?? {}, where) } };
      case 'deleteSheet': {
        wb.removeSheet(sheetOf(request.deleteSheet?.sheetId));
        return {};
      }
      case 'updateSheetProperties':
        updateSheetProperties(ctx, request.updateSheetProperties ?? {}, sheetOf, where);
        return {};
      case 'updateCells': {
        const body = request.updateCells ?? {};
        const fields = fieldMask(body.fields, where);
        if ((body.start === undefined) === (body.range === undefined)) throw new ApiError(`${where}: Exactly one of start or range must be set.`);
        const rows = body.rows ?? [];
        const area = body.start
          ? gridOf({
              sheetId: body.start.sheetId,
              startRowIndex: body.start.rowIndex ?? 0,
              endRowIndex: (body.start.rowIndex ?? 0) + Math.max(1, rows.length),
              startColumnIndex: body.start.columnIndex ?? 0,
              endColumnIndex: (body.start.columnIndex ?? 0) + Math.max(1, ...rows.map((r) => r.values?.length ?? 0)),
            })
          : gridOf(body.range);
        const cellAt = (r: number, c: number): CellData | undefined => rows[r]?.values?.[c];
        writeCells(
          ctx,
          area,
          fields,
          body.start ? (r, c) => cellAt(r, c) ?? (c < (rows[r]?.values?.length ?? 0) ? {} : undefined) : (r, c) => cellAt(r, c) ?? {},
          where,
        );
        return {};
      }
      case 'repeatCell': {
        const body = request.repeatCell ?? {};
        const fields = fieldMask(body.fields, where);
        const cell = body.cell ?? {};
        writeCells(ctx, gridOf(body.range), fields, () => cell, where);
        return {};
      }
      case 'updateDimensionProperties': {
        const body = request.updateDimensionProperties ?? {};
        const fields = fieldMask(body.fields, where);
        const range = body.range ?? {};
        const sheet = sheetOf(range.sheetId);
        const columns = range.dimension === 'COLUMNS';
        if (!columns && range.dimension !== 'ROWS') throw new ApiError(`${where}: dimension must be ROWS or COLUMNS.`);
        const size = columns ? sheet.maxCols : sheet.maxRows;
        const start = range.startIndex ?? 0;
        const end = range.endIndex ?? size;
        if (start < 0 || end > size || start >= end)
          throw new ApiError(`${where}: Invalid dimension range [${start}, ${end}) of a sheet with ${size} ${columns ? 'columns' : 'rows'}.`);
        const props = body.properties ?? {};
        for (const field of fields) {
          if (field === 'pixelSize') {
            const px = props.pixelSize;
            if (px === undefined || !Number.isInteger(px) || px < 0) throw new ApiError(`${where}: pixelSize must be a non-negative integer.`);
            const target = columns ? sheet.colWidths : sheet.rowHeights;
            for (let k = start; k < end; k++) target[String(k)] = px;
          } else if (field === 'hiddenByUser' && columns) {
            sheet.hiddenCols ??= {};
            for (let k = start; k < end; k++) {
              if (props.hiddenByUser) sheet.hiddenCols[String(k)] = 1;
              else delete sheet.hiddenCols[String(k)];
            }
          } else throw new NotImplemented(`updateDimensionProperties of ${columns ? 'columns' : 'rows'} with the field ${field}`);
        }
        wb.touch();
        return {};
      }
      case 'setDataValidation': {
        const body = request.setDataValidation ?? {};
        const area = gridOf(body.range);
        const json = body.rule ? JSON.stringify(validationData(body.rule, where)) : null;
        wb.fillAttr(area.sheet, 'dv', area.r0, area.c0, area.numRows, area.numCols, json);
        return {};
      }
      case 'addConditionalFormatRule': {
        const body = request.addConditionalFormatRule ?? {};
        const rule = body.rule ?? {};
        if (rule.gradientRule) throw new NotImplemented('addConditionalFormatRule with a gradientRule');
        if (!rule.booleanRule) throw new ApiError(`${where}: A rule needs a booleanRule or a gradientRule.`);
        const ranges = (rule.ranges ?? []).map(gridOf);
        const first = ranges[0];
        if (!first) throw new ApiError(`${where}: A conditional format rule needs at least one range.`);
        if (ranges.some((r) => r.sheet !== first.sheet)) throw new ApiError(`${where}: All ranges of a rule must be on the same sheet.`);
        const cond = rule.booleanRule.condition;
        const data: CfRuleData = {
          ranges: ranges.map((r) => rectA1({ row: r.r0 + 1, col: r.c0 + 1, numRows: r.numRows, numCols: r.numCols })),
          condition: cond ? criteria(cond, where) : null,
          format: ruleFormat(rule.booleanRule.format ?? {}, where),
        };
        const index = body.index ?? 0;
        if (!Number.isInteger(index) || index < 0 || index > first.sheet.cfRules.length)
          throw new ApiError(`${where}: index ${index} is out of range.`);
        first.sheet.cfRules.splice(index, 0, data);
        wb.touch();
        return {};
      }
      case 'deleteConditionalFormatRule': {
        const body = request.deleteConditionalFormatRule ?? {};
        const sheet = sheetOf(body.sheetId);
        const index = body.index ?? 0;
        if (!Number.isInteger(index) || index < 0 || index >= sheet.cfRules.length)
          throw new ApiError(`${where}: No conditional format rule at index ${index}.`);
        sheet.cfRules.splice(index, 1);
        wb.touch();
        return {};
      }
      default:
        throw new NotImplemented(kind);
    }
  } catch (e) {
    // The model's own refusals (a duplicate name, the cell limit) read as the API says them.
    if (e instanceof SheetError) throw new ApiError(`${where}: ${e.message}`);
    throw e;
  }
}

interface Area {
  sheet: SheetData;
  r0: number;
  c0: number;
  numRows: number;
  numCols: number;
}

/** A GridRange, unbounded sides running to the sheet's edge, checked against the grid as the API checks it. */
function resolveRange(range: GridRange | undefined, sheetOf: (id: number | undefined) => SheetData, where: string): Area {
  const r = range ?? {};
  const sheet = sheetOf(r.sheetId);
  const r0 = r.startRowIndex ?? 0;
  const c0 = r.startColumnIndex ?? 0;
  const r1 = r.endRowIndex ?? sheet.maxRows;
  const c1 = r.endColumnIndex ?? sheet.maxCols;
  if (r0 < 0 || c0 < 0 || r1 > sheet.maxRows || c1 > sheet.maxCols) {
    throw new ApiError(
      `${where}: Range (${sheet.name}!R${r0 + 1}C${c0 + 1}:R${r1}C${c1}) exceeds grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxCols}`,
    );
  }
  if (r0 >= r1 || c0 >= c1) throw new ApiError(`${where}: The range is empty (start index must be below end index).`);
  return { sheet, r0, c0, numRows: r1 - r0, numCols: c1 - c0 };
}

/** Field masks are required by the API for every update request; `*` means all. */
function fieldMask(fields: string | undefined, where: string): string[] {
  const list = (fields ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  if (list.length === 0) throw new ApiError(`${where}: At least one field must be listed in 'fields'.`);
  return list;
}

/** The cell paths the runtime keeps, and the attribute layer each is stored in (userEnteredValue: the cell itself). */
const CELL_FIELDS: ReadonlyArray<readonly [string, AttrName | 'value']> = [
  ['userEnteredValue', 'value'],
  ['userEnteredFormat.numberFormat', 'fmt'],
  ['userEnteredFormat.backgroundColor', 'bg'],
  ['userEnteredFormat.backgroundColorStyle', 'bg'],
  ['userEnteredFormat.textFormat.bold', 'fw'],
  ['userEnteredFormat.textFormat.italic', 'fi'],
  ['userEnteredFormat.textFormat.fontSize', 'fz'],
  ['userEnteredFormat.textFormat.fontFamily', 'ff'],
  ['userEnteredFormat.textFormat.foregroundColor', 'fc'],
  ['userEnteredFormat.textFormat.foregroundColorStyle', 'fc'],
  ['userEnteredFormat.textFormat.strikethrough', 'fl'],
  ['userEnteredFormat.textFormat.underline', 'fl'],
  ['userEnteredFormat.horizontalAlignment', 'ha'],
  ['userEnteredFormat.verticalAlignment', 'va'],
  ['userEnteredFormat.wrapStrategy', 'wrap'],
  ['dataValidation', 'dv'],
  ['note', 'note'],
];

/** The kept paths a mask selects; a mask naming something the runtime does not keep is refused by name. */
function selectedFields(mask: readonly string[]): Set<string> {
  const selected = new Set<string>();
  for (const field of mask) {
    const matches = CELL_FIELDS.filter(([path]) => field === '*' || path === field || path.startsWith(`${field}.`));
    if (matches.length === 0) throw new NotImplemented(`cell field ${field}`);
    for (const [path] of matches) selected.add(path);
  }
  return selected;
}

function writeCells(ctx: Ctx, area: Area, mask: readonly string[], cellAt: (r: number, c: number) => CellData | undefined, where: string): void {
  const wb = ctx.wb;
  const selected = selectedFields(mask);
  const layers = new Map<AttrName, Array<Array<string | null>>>();
  const values: StoredCell[][] = [];
  let uniform = true;
  let firstCell: CellData | undefined;
  for (let r = 0; r < area.numRows; r++) {
    const line: StoredCell[] = [];
    for (let c = 0; c < area.numCols; c++) {
      const cell = cellAt(r, c);
      if (r === 0 && c === 0) firstCell = cell;
      else if (cell !== firstCell) uniform = false;
      // Only a row given from `start` ends early: the cells past its end keep what they hold.
      if (cell === undefined) break;
      line.push(selected.has('userEnteredValue') ? storedValue(cell.userEnteredValue, where) : null);
    }
    values.push(line);
  }
  const attrsOf = (cell: CellData): Map<AttrName, string | null> => {
    const out = new Map<AttrName, string | null>();
    const format = cell.userEnteredFormat ?? {};
    const text = format.textFormat ?? {};
    for (const path of selected) {
      const layer = CELL_FIELDS.find(([p]) => p === path)?.[1];
      if (!layer || layer === 'value') continue;
      switch (path) {
        case 'userEnteredFormat.numberFormat':
          out.set('fmt', numberFormat(format.numberFormat, where));
          break;
        case 'userEnteredFormat.backgroundColor':
        case 'userEnteredFormat.backgroundColorStyle':
          if (!out.has('bg') || out.get('bg') === null) out.set('bg', colorOf(format.backgroundColorStyle, format.backgroundColor));
          break;
        case 'userEnteredFormat.textFormat.bold':
          out.set('fw', text.bold ? 'bold' : null);
          break;
        case 'userEnteredFormat.textFormat.italic':
          out.set('fi', text.italic ? 'italic' : null);
          break;
        case 'userEnteredFormat.textFormat.fontSize':
          out.set('fz', text.fontSize === undefined ? null : String(text.fontSize));
          break;
        case 'userEnteredFormat.textFormat.fontFamily':
          out.set('ff', text.fontFamily ?? null);
          break;
        case 'userEnteredFormat.textFormat.foregroundColor':
        case 'userEnteredFormat.textFormat.foregroundColorStyle':
          if (!out.has('fc') || out.get('fc') === null) out.set('fc', colorOf(text.foregroundColorStyle, text.foregroundColor));
          break;
        case 'userEnteredFormat.textFormat.strikethrough':
        case 'userEnteredFormat.textFormat.underline':
          out.set('fl', text.strikethrough ? 'line-through' : text.underline ? 'underline' : null);
          break;
        case 'userEnteredFormat.horizontalAlignment':
          out.set('ha', format.horizontalAlignment ? format.horizontalAlignment.toLowerCase() : null);
          break;
        case 'userEnteredFormat.verticalAlignment':
          out.set('va', format.verticalAlignment ? format.verticalAlignment.toLowerCase() : null);
          break;
        case 'userEnteredFormat.wrapStrategy':
          out.set('wrap', format.wrapStrategy && format.wrapStrategy !== 'OVERFLOW_CELL' ? format.wrapStrategy : null);
          break;
        case 'dataValidation':
          out.set('dv', cell.dataValidation ? JSON.stringify(validationData(cell.dataValidation, where)) : null);
          break;
        case 'note':
          out.set('note', cell.note ? cell.note : null);
          break;
      }
    }
    return out;
  };
  if (selected.has('userEnteredValue')) wb.writeBlock(area.sheet, area.r0, area.c0, values);
  // One cell for the whole area (repeatCell): each layer is filled in one pass instead of cell by cell.
  if (uniform && firstCell !== undefined) {
    for (const [layer, value] of attrsOf(firstCell)) wb.fillAttr(area.sheet, layer, area.r0, area.c0, area.numRows, area.numCols, value);
    return;
  }
  for (let r = 0; r < area.numRows; r++) {
    for (let c = 0; c < area.numCols; c++) {
      const cell = cellAt(r, c);
      if (cell === undefined) continue;
      for (const [layer, value] of attrsOf(cell)) {
        let block = layers.get(layer);
        if (!block) layers.set(layer, (block = []));
        (block[r] ??= [])[c] = value;
      }
    }
  }
  for (const [layer, block] of layers) {
    for (let r = 0; r < area.numRows; r++) {
      const line = block[r];
      if (!line) continue;
      // Cells a row leaves out keep what they had: write each run of given cells.
      let c = 0;
      while (c < area.numCols) {
        if (!(c in line)) {
          c++;
          continue;
        }
        const start = c;
        while (c < area.numCols && c in line) c++;
        wb.setAttrBlock(area.sheet, layer, area.r0 + r, area.c0 + start, [line.slice(start, c) as Array<string | null>]);
      }
    }
  }
}

function storedValue(value: GoogleAppsScript.Sheets.Schema.ExtendedValue | undefined, where: string): StoredCell {
  if (!value) return null;
  const set = Object.keys(value).filter((k) => value[k as keyof typeof value] !== undefined);
  if (set.length > 1) throw new ApiError(`${where}: Only one of the value's fields may be set, found ${set.join(', ')}.`);
  if (value.errorValue) throw new ApiError(`${where}: errorValue cannot be entered.`);
  if (value.formulaValue !== undefined) {
    if (!value.formulaValue.startsWith('=')) throw new ApiError(`${where}: formulaValue must begin with "=".`);
    return { f: value.formulaValue };
  }
  if (value.stringValue !== undefined) {
    if (value.stringValue.length > MAX_CELL_CHARS)
      throw new ApiError(`${where}: Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
    return value.stringValue === '' ? null : value.stringValue;
  }
  if (value.numberValue !== undefined) {
    if (!Number.isFinite(value.numberValue)) throw new ApiError(`${where}: numberValue must be a finite number.`);
    return value.numberValue;
  }
  if (value.boolValue !== undefined) return Boolean(value.boolValue);
  return null;
}

/** A number format as SpreadsheetApp stores it: the pattern; none (automatic) when the format is cleared. */
function numberFormat(format: GoogleAppsScript.Sheets.Schema.NumberFormat | undefined, where: string): string | null {
  if (!format) return null;
  if (!format.type || !NUMBER_FORMAT_TYPES.has(format.type))
    throw new ApiError(`${where}: Invalid value at numberFormat.type (${String(format.type)}).`);
  if (format.pattern) return format.pattern;
  if (format.type === 'TEXT') return '@';
  throw new NotImplemented(`a numberFormat of type ${format.type} without a pattern (the locale's default)`);
}

function colorOf(style: ColorStyle | undefined, color: Color | undefined): string | null {
  if (style?.themeColor) throw new NotImplemented('theme colours');
  const c = style?.rgbColor ?? color;
  if (!c) return null;
  const hex = (x: number | undefined) =>
    Math.round(Math.max(0, Math.min(1, x ?? 0)) * 255)
      .toString(16)
      .padStart(2, '0');
  return normalizeColor(`#${hex(c.red)}${hex(c.green)}${hex(c.blue)}`);
}

function criteria(condition: BooleanCondition, where: string): { type: string; values: CriteriaValue[] } {
  const apiType = condition.type ?? '';
  const type = CONDITION_TYPES[apiType];
  if (!type) {
    if (/^[A-Z_]+$/.test(apiType)) throw new NotImplemented(`the condition type ${apiType}`);
    throw new ApiError(`${where}: Invalid value at condition.type (${apiType}).`);
  }
  const raw = (condition.values ?? []).map((v) => {
    if (v.relativeDate !== undefined) throw new NotImplemented('relative dates in conditions');
    return v.userEnteredValue ?? '';
  });
  if (type === 'VALUE_IN_LIST') return { type, values: [raw] };
  if (NUMERIC_CONDITIONS.has(apiType)) {
    return {
      type,
      values: raw.map((v) => {
        const n = Number(v);
        if (v.trim() === '' || !Number.isFinite(n)) throw new ApiError(`${where}: ${apiType} needs numbers, got "${v}".`);
        return n;
      }),
    };
  }
  return { type, values: raw };
}

function validationData(rule: GoogleAppsScript.Sheets.Schema.DataValidationRule, where: string): ValidationData {
  if (!rule.condition) throw new ApiError(`${where}: A data validation rule needs a condition.`);
  const c = criteria(rule.condition, where);
  // SpreadsheetApp keeps a list's "show dropdown" as its second criteria value.
  const values = c.type === 'VALUE_IN_LIST' ? [...c.values, Boolean(rule.showCustomUi)] : c.values;
  const data: ValidationData = { type: c.type, values, allowInvalid: !rule.strict };
  if (rule.inputMessage) data.helpText = rule.inputMessage;
  return data;
}

function ruleFormat(format: CellFormat, where: string): CfRuleData['format'] {
  const out: CfRuleData['format'] = {};
  const background = colorOf(format.backgroundColorStyle, format.backgroundColor);
  if (background) out.background = background;
  const text = format.textFormat ?? {};
  const fontColor = colorOf(text.foregroundColorStyle, text.foregroundColor);
  if (fontColor) out.fontColor = fontColor;
  if (text.bold !== undefined) out.bold = text.bold;
  if (text.italic !== undefined) out.italic = text.italic;
  if (text.strikethrough !== undefined) out.strikethrough = text.strikethrough;
  if (text.underline !== undefined) out.underline = text.underline;
  if (format.numberFormat || text.fontSize !== undefined || text.fontFamily !== undefined)
    throw new ApiError(`${where}: Conditional formats may only set colours and text style.`);
  return out;
}

function addSheet(ctx: Ctx, props: SheetProperties, where: string): SheetProperties {
  const wb = ctx.wb;
  const grid = props.gridProperties ?? {};
  const rows = grid.rowCount ?? 1000;
  const cols = grid.columnCount ?? 26;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1)
    throw new ApiError(`${where}: rowCount and columnCount must be positive.`);
  if (props.sheetId !== undefined) {
    if (!Number.isInteger(props.sheetId) || props.sheetId < 0) throw new ApiError(`${where}: sheetId must be a non-negative integer.`);
    if (wb.sheetById(props.sheetId)) throw new ApiError(`${where}: A sheet with id ${props.sheetId} already exists.`);
  }
  let title = props.title;
  if (title === undefined) {
    let n = wb.sheets.length + 1;
    while (wb.sheetByName(`Sheet${n}`)) n++;
    title = `Sheet${n}`;
  }
  const index = props.index ?? wb.sheets.length;
  if (!Number.isInteger(index) || index < 0 || index > wb.sheets.length) throw new ApiError(`${where}: index ${index} is out of range.`);
  const sheet = wb.addSheet(title, index, rows, cols);
  if (props.sheetId !== undefined) sheet.id = props.sheetId;
  applySheetProperties(
    sheet,
    props,
    ['gridProperties.frozenRowCount', 'gridProperties.frozenColumnCount', 'hidden', 'tabColor', 'tabColorStyle', 'rightToLeft'],
    where,
  );
  wb.structureChanged();
  return sheetProperties(wb.sheets.indexOf(sheet), sheet);
}

function updateSheetProperties(
  ctx: Ctx,
  body: GoogleAppsScript.Sheets.Schema.UpdateSheetPropertiesRequest,
  sheetOf: (id: number | undefined) => SheetData,
  where: string,
): void {
  const props = body.properties ?? {};
  const sheet = sheetOf(props.sheetId);
  const fields = fieldMask(body.fields, where);
  if (fields.includes('title') && props.title !== undefined) ctx.wb.renameSheet(sheet, props.title);
  applySheetProperties(
    sheet,
    props,
    fields.filter((f) => f !== 'title' && f !== 'sheetId'),
    where,
  );
  ctx.wb.structureChanged();
}

function applySheetProperties(sheet: SheetData, props: SheetProperties, fields: readonly string[], where: string): void {
  const grid = props.gridProperties ?? {};
  for (const field of fields) {
    switch (field) {
      case 'gridProperties.frozenRowCount': {
        const n = grid.frozenRowCount ?? 0;
        if (!Number.isInteger(n) || n < 0 || n >= sheet.maxRows)
          throw new ApiError(`${where}: frozenRowCount ${n} is not allowed on a sheet with ${sheet.maxRows} rows.`);
        sheet.frozenRows = n;
        break;
      }
      case 'gridProperties.frozenColumnCount': {
        const n = grid.frozenColumnCount ?? 0;
        if (!Number.isInteger(n) || n < 0 || n >= sheet.maxCols)
          throw new ApiError(`${where}: frozenColumnCount ${n} is not allowed on a sheet with ${sheet.maxCols} columns.`);
        sheet.frozenCols = n;
        break;
      }
      case 'hidden':
        sheet.hidden = Boolean(props.hidden);
        break;
      case 'tabColor':
      case 'tabColorStyle': {
        const color = colorOf(props.tabColorStyle, props.tabColor);
        if (color !== null || field === 'tabColorStyle') sheet.tabColor = color;
        break;
      }
      case 'rightToLeft':
        if (props.rightToLeft) throw new NotImplemented('right-to-left sheets');
        break;
      default:
        throw new NotImplemented(`sheet property ${field}`);
    }
  }
}

function sheetProperties(index: number, s: SheetData): SheetProperties {
  const props: SheetProperties = {
    sheetId: s.id,
    title: s.name,
    index,
    sheetType: 'GRID',
    gridProperties: {
      rowCount: s.maxRows,
      columnCount: s.maxCols,
      ...(s.frozenRows ? { frozenRowCount: s.frozenRows } : {}),
      ...(s.frozenCols ? { frozenColumnCount: s.frozenCols } : {}),
    },
  };
  if (s.hidden) props.hidden = true;
  if (s.tabColor) {
    const n = (at: number) => parseInt(s.tabColor!.slice(at, at + 2), 16) / 255;
    props.tabColorStyle = { rgbColor: { red: n(1), green: n(3), blue: n(5) } };
  }
  return props;
}

/** What `Spreadsheets.get` answers without grid data: the spreadsheet's and each sheet's properties. */
function spreadsheetResource(ctx: Ctx): GoogleAppsScript.Sheets.Schema.Spreadsheet {
  const d = ctx.wb.data;
  return {
    spreadsheetId: d.id,
    properties: { title: d.name, locale: d.locale, timeZone: d.timeZone, autoRecalc: 'ON_CHANGE' },
    sheets: ctx.wb.sheets.map((s, i) => ({ properties: sheetProperties(i, s) })),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${d.id}/edit`,
  };
}
