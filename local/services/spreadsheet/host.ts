import type { Execution } from '../../runtime/execution';
import type { StateDir } from '../../runtime/state';
import { cellA1, columnLetter, parseA1, splitSheetPrefix } from './a1';
import { ErrorValue, isFormula, type Resolved } from './cells';
import { cellInput } from './context';
import { isoDate, isoDateTime, serialFromInstant, wallTime } from './dates';
import type { Clock } from './formulas';
import {
  SheetError,
  Workbook,
  type AttrName,
  type CfRuleData,
  type ChartData,
  type ProtectionData,
  type SheetData,
  type ValidationData,
} from './model';
import { formatKind } from './numfmt';
import { ctxFor } from './service';
import { checkValidation } from './validation';

/** A clock for host-side reads: TODAY()/NOW() at `now` (default: the real time) in the workbook's zone. */
export function hostClock(wb: Workbook, now?: Date): Clock {
  const at = now?.getTime();
  return () => serialFromInstant(at ?? Date.now(), wb.data.timeZone);
}

function findSheet(wb: Workbook, name: string): SheetData {
  const sheet = wb.sheetByName(name);
  if (!sheet) throw new Error(`No sheet named "${name}" in the workbook (sheets: ${wb.sheets.map((s) => s.name).join(', ')})`);
  return sheet;
}

/**
 * A cell value for JSON output. Dates: "2026-01-05" for a date-only format, "09:30:00" for a time-only format,
 * full ISO-8601 with the spreadsheet zone's offset ("2026-01-05T09:30:00+09:00") otherwise. Errors are their
 * code ("#DIV/0!"), empty cells "".
 */
export function jsonValue(v: Resolved, fmt: string | undefined, timeZone: string): unknown {
  if (v === null) return '';
  if (v instanceof ErrorValue) return v.error;
  if (typeof v !== 'number') return v;
  const kind = formatKind(fmt);
  if (kind === 'date') return isoDate(v);
  if (kind === 'time') {
    const w = wallTime(v);
    return [w.hour, w.minute, w.second].map((n) => String(n).padStart(2, '0')).join(':');
  }
  if (kind === 'datetime' || kind === 'duration') return isoDateTime(v, timeZone);
  return v;
}

export interface DumpOptions {
  /** One sheet only; an unknown name throws. */
  sheet?: string;
  /** Formula text where a cell has one, the value otherwise. */
  formulas?: boolean;
  /** The instant TODAY()/NOW() evaluate at (default: now). */
  now?: Date;
  /** A spreadsheet the script created (SpreadsheetApp.create) instead of the bound one. */
  spreadsheetId?: string;
}

/** The spreadsheets the script created with SpreadsheetApp.create, oldest first. */
export function listCreatedSpreadsheets(state: StateDir): Array<{ id: string; name: string; createdAt: string }> {
  const files = state.slice<{ spreadsheets: Array<{ id: string; name: string; slice: string; createdAt: string }> }>('files', () => ({
    spreadsheets: [],
  }));
  return files.spreadsheets.map(({ id, name, createdAt }) => ({ id, name, createdAt }));
}

function workbookById(state: StateDir, id: string | undefined): Workbook {
  if (id === undefined) return Workbook.of(state);
  if (!listCreatedSpreadsheets(state).some((f) => f.id === id)) throw new Error(`No spreadsheet with id ${id} in the state`);
  return Workbook.of(state, {}, `spreadsheet-${id}`);
}

/** Every sheet's computed values, trimmed to its data extent (see jsonValue for the value forms). */
export function dumpWorkbook(state: StateDir, opts: DumpOptions = {}): Record<string, unknown[][]> {
  const wb = workbookById(state, opts.spreadsheetId);
  const clock = hostClock(wb, opts.now);
  const sheets = opts.sheet === undefined ? wb.sheets : [findSheet(wb, opts.sheet)];
  const out: Record<string, unknown[][]> = {};
  for (const sheet of sheets) {
    const extent = wb.extent(sheet, clock);
    const { values, formats } = wb.resolveBlock(sheet, 0, 0, extent.rows, extent.cols, clock);
    out[sheet.name] = values.map((line, i) =>
      line.map((v, j) => {
        const cell = wb.cell(sheet, i, j);
        return opts.formulas && isFormula(cell) ? cell.f : jsonValue(v, formats[i]![j], wb.data.timeZone);
      }),
    );
  }
  return out;
}

/** What a person typed, with the values an onEdit event reports (strings, as Apps Script gives them). */
export interface TypedEdit {
  sheet: string;
  a1: string;
  row: number;
  column: number;
  /** Absent when the cell was empty. */
  oldValue: string | undefined;
  /** Absent when the cell was cleared. */
  value: string | undefined;
}

/** Apps Script's e.value/e.oldValue: a string; dates as their serial number, booleans as TRUE/FALSE. */
function eventString(v: Resolved): string | undefined {
  if (v === null || v === '') return undefined;
  if (v instanceof ErrorValue) return v.error;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

export class ValidationRejected extends Error {
  override name = 'ValidationRejected';
}

/**
 * A person typing `text` into a cell ("Sheet!A1"; no sheet means the active one), read exactly as Sheets reads
 * typing (see input.ts), rejected when the cell's data validation rejects invalid input. Run an onEdit with
 * editEventFor(exec, edit) afterwards to give the script its event.
 */
export function typeIntoCell(state: StateDir, ref: string, text: string, opts: { now?: Date } = {}): TypedEdit {
  const wb = Workbook.of(state);
  const clock = hostClock(wb, opts.now);
  const { sheet: name, rest } = splitSheetPrefix(ref);
  const sheet = name === undefined ? wb.activeSheet() : findSheet(wb, name);
  const rect = parseA1(rest, sheet.maxRows, sheet.maxCols);
  if (!rect || rect.numRows !== 1 || rect.numCols !== 1) throw new Error(`Not a single cell: ${ref}`);
  if (rect.row > sheet.maxRows || rect.col > sheet.maxCols)
    throw new Error(`${ref} is outside the sheet (${sheet.maxRows} rows, ${sheet.maxCols} columns)`);
  const r = rect.row - 1;
  const c = rect.col - 1;
  const before = wb.resolveBlock(sheet, r, c, 1, 1, clock).values[0]![0]!;
  const fmt = wb.attr(sheet, 'fmt', r, c);
  const input = cellInput(text, fmt, wb.data.timeZone);
  if (input instanceof SheetError) throw new Error(input.message);
  const ruleJson = wb.attr(sheet, 'dv', r, c);
  if (ruleJson && !isFormula(input.cell)) {
    const rule = JSON.parse(ruleJson) as ValidationData;
    const verdict = checkValidation(rule, input.cell, listFromRange(wb, rule, clock));
    if (!verdict.valid && !rule.allowInvalid) throw new ValidationRejected(`${sheet.name}!${cellA1(rect.row, rect.col)}: ${verdict.message}`);
  }
  wb.writeBlock(sheet, r, c, [[input.cell]]);
  if (input.format !== undefined) wb.setAttrBlock(sheet, 'fmt', r, c, [[input.format]]);
  const after = wb.resolveBlock(sheet, r, c, 1, 1, clock).values[0]![0]!;
  return {
    sheet: sheet.name,
    a1: cellA1(rect.row, rect.col),
    row: rect.row,
    column: rect.col,
    oldValue: eventString(before),
    value: eventString(after),
  };
}

function listFromRange(wb: Workbook, rule: ValidationData, clock: Clock): string[] | undefined {
  const source = rule.values[0];
  if (rule.type !== 'VALUE_IN_RANGE' || source === null || typeof source !== 'object' || !('range' in source)) return undefined;
  const { sheet: name, rest } = splitSheetPrefix(source.range);
  const sheet = name === undefined ? undefined : wb.sheetByName(name);
  const rect = sheet ? parseA1(rest, sheet.maxRows, sheet.maxCols) : undefined;
  if (!sheet || !rect) return undefined;
  const { values } = wb.resolveBlock(sheet, rect.row - 1, rect.col - 1, rect.numRows, rect.numCols, clock);
  return values.flat().flatMap((v) => (v === null || v instanceof ErrorValue ? [] : [String(v)]));
}

export interface EditEventInfo {
  sheet: string;
  a1: string;
  oldValue?: string | undefined;
  value?: string | undefined;
  triggerUid?: string;
}

/**
 * The event object Apps Script passes to onEdit, built inside `exec` (so `range` and `source` are live objects
 * of that execution): {authMode, range, source, user, value?, oldValue?, triggerUid?}. Simple triggers run
 * with authMode LIMITED, installable ones FULL.
 */
export function editEventFor(exec: Execution, info: EditEventInfo): Record<string, unknown> {
  const ctx = ctxFor(exec);
  const sheet = findSheet(ctx.wb, info.sheet);
  const rect = parseA1(info.a1, sheet.maxRows, sheet.maxCols);
  if (!rect) throw new Error(`Not a range: ${info.a1}`);
  const event = new exec.realm.Object() as Record<string, unknown>;
  event['authMode'] = exec.kind === 'simple' ? 'LIMITED' : 'FULL';
  event['range'] = ctx.make.range({ sheetId: sheet.id, ...rect });
  event['source'] = ctx.make.spreadsheet();
  const email = exec.kind === 'simple' ? '' : exec.userEmail;
  const user = new exec.realm.Object() as Record<string, unknown>;
  user['getEmail'] = () => email;
  user['getNickname'] = () => email.split('@')[0] ?? '';
  user['toString'] = () => email;
  event['user'] = user;
  if (info.value !== undefined) event['value'] = info.value;
  if (info.oldValue !== undefined) event['oldValue'] = info.oldValue;
  if (info.triggerUid !== undefined) event['triggerUid'] = info.triggerUid;
  return event;
}

export interface SheetMeta {
  name: string;
  sheetId: number;
  index: number;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  hidden: boolean;
  tabColor: string | null;
  /** Column letter → width in pixels, for columns that are not the default 100. */
  columnWidths: Record<string, number>;
  /** Letters of the hidden columns. */
  hiddenColumns: string[];
  numberFormats: Array<{ range: string; format: string }>;
  backgrounds: Array<{ range: string; color: string }>;
  fontColors: Array<{ range: string; color: string }>;
  fontWeights: Array<{ range: string; weight: string }>;
  notes: Array<{ range: string; note: string }>;
  dataValidations: Array<{ range: string; rule: ValidationData }>;
  conditionalFormatRules: CfRuleData[];
  charts: ChartData[];
  merges: string[];
  protections: ProtectionData[];
}

export interface WorkbookMeta {
  id: string;
  name: string;
  url: string;
  timeZone: string;
  locale: string;
  activeSheet: string;
  namedRanges: Array<{ name: string; range: string }>;
  sheets: SheetMeta[];
}

function attrRanges(sheet: SheetData, name: AttrName): Array<{ range: string; value: string }> {
  const out: Array<{ range: string; value: string }> = [];
  const layer = sheet.attrs[name] ?? [];
  for (let c = 0; c < layer.length; c++) {
    for (const [s, e, v] of layer[c] ?? []) {
      const letter = columnLetter(c + 1);
      out.push({ range: s === e ? `${letter}${s + 1}` : `${letter}${s + 1}:${letter}${e + 1}`, value: v });
    }
  }
  return out;
}

/**
 * Everything about the workbook that is not cell values — formats, validation rules, conditional format rules,
 * charts, layout — as plain JSON, for tests and tools. Per-cell attributes are listed as single-column ranges.
 */
export function readWorkbookMeta(state: StateDir): WorkbookMeta {
  const wb = Workbook.of(state);
  const d = wb.data;
  const sheetName = (id: number): string => wb.sheetById(id)?.name ?? '';
  return {
    id: d.id,
    name: d.name,
    url: `https://docs.google.com/spreadsheets/d/${d.id}/edit`,
    timeZone: d.timeZone,
    locale: d.locale,
    activeSheet: wb.activeSheet().name,
    namedRanges: d.namedRanges.map((n) => ({ name: n.name, range: `${sheetName(n.sheetId)}!${n.a1}` })),
    sheets: wb.sheets.map((s, index) => ({
      name: s.name,
      sheetId: s.id,
      index: index + 1,
      maxRows: s.maxRows,
      maxColumns: s.maxCols,
      frozenRows: s.frozenRows,
      frozenColumns: s.frozenCols,
      hidden: s.hidden,
      tabColor: s.tabColor,
      columnWidths: Object.fromEntries(Object.entries(s.colWidths).map(([k, v]) => [columnLetter(Number(k) + 1), v])),
      hiddenColumns: Object.keys(s.hiddenCols ?? {})
        .map(Number)
        .sort((a, b) => a - b)
        .map((k) => columnLetter(k + 1)),
      numberFormats: attrRanges(s, 'fmt').map(({ range, value }) => ({ range, format: value })),
      backgrounds: attrRanges(s, 'bg').map(({ range, value }) => ({ range, color: value })),
      fontColors: attrRanges(s, 'fc').map(({ range, value }) => ({ range, color: value })),
      fontWeights: attrRanges(s, 'fw').map(({ range, value }) => ({ range, weight: value })),
      notes: attrRanges(s, 'note').map(({ range, value }) => ({ range, note: value })),
      dataValidations: attrRanges(s, 'dv').map(({ range, value }) => ({ range, rule: JSON.parse(value) as ValidationData })),
      conditionalFormatRules: JSON.parse(JSON.stringify(s.cfRules)) as CfRuleData[],
      charts: JSON.parse(JSON.stringify(s.charts)) as ChartData[],
      merges: [...s.merges],
      protections: JSON.parse(JSON.stringify(s.protections)) as ProtectionData[],
    })),
  };
}
