import type { CellValue } from '../sheets/schema';
import type { Grid } from '../sheets/grid';
import type { GridArea, HeaderRow, LayoutPort, RuleSpec, ValidationSpec } from '../sheets/layout';
import { boundWorkbook, type BoundWorkbook } from './spreadsheet';

type Request = GoogleAppsScript.Sheets.Schema.Request;
type CellData = GoogleAppsScript.Sheets.Schema.CellData;
type SheetProperties = GoogleAppsScript.Sheets.Schema.SheetProperties;

/** What a new sheet is given, as SpreadsheetApp's insertSheet gives it. */
const NEW_ROWS = 1000;
const NEW_COLUMNS = 26;

/** A sheet this execution added: what is known of it without asking the spreadsheet. */
interface AddedSheet {
  sheetId: number;
  /** The addSheet request's properties, still open to change until the batch is sent. */
  properties: SheetProperties;
  /** Its row count; null once a SpreadsheetApp write may have grown it. */
  rows: number | null;
  /** Row 1 as written; null once something the batch cannot see (a formula, a SpreadsheetApp write) changed it. */
  header: string[] | null;
  /** Nothing but the header has been written, so a table reading the sheet needs no call. */
  onlyHeader: boolean;
  sent: boolean;
}

/**
 * Sheets API requests collected during one execution and sent as one `Sheets.Spreadsheets.batchUpdate` (one
 * request to Google, 80 ms modeled, where the same work through SpreadsheetApp is a call per sheet, per column
 * width and per rule). Setup uses it: the tables of an empty workbook, their headers, widths, formats, validation,
 * conditional formats and the Dashboard cost one request instead of ~400 calls.
 *
 * SpreadsheetApp buffers its writes and the API does not see them, so the batch is sent after
 * `SpreadsheetApp.flush()`; and a sheet the batch adds or changes is handed to SpreadsheetApp only after the batch
 * has been sent (`settle`), so the two never see each other's state half-applied.
 */
export class SheetsBatch {
  private pending: Request[] = [];
  /** Sheet ids the pending requests touch. */
  private touched = new Set<number>();
  private readonly added = new Map<string, AddedSheet>();
  private readonly ss = SpreadsheetApp.getActiveSpreadsheet();
  private readonly base: BoundWorkbook = boundWorkbook();

  private constructor(private readonly api: GoogleAppsScript.Sheets) {}

  /** The batch, or null when the project has not enabled the Sheets advanced service (then SpreadsheetApp does it all). */
  static open(): SheetsBatch | null {
    return typeof Sheets === 'undefined' || !Sheets ? null : new SheetsBatch(Sheets);
  }

  /** The table layer's workbook: tables setup creates are added by the batch and read from what it knows. */
  workbook(): BoundWorkbook {
    return {
      grid: (name) => (this.added.has(name.toLowerCase()) ? this.addedGrid(name) : this.base.grid(name)),
      createGrid: (name) => {
        this.addSheet(name);
        return this.addedGrid(name);
      },
      timeZone: () => this.base.timeZone(),
      // The script lock is released after a flush: whatever the batch holds is sent before it.
      flush: () => (this.pending.length > 0 ? this.send() : this.base.flush()),
    };
  }

  /** The layout port: every write goes into the batch; reads of sheets the batch added need no call. */
  layoutPort(perSheet: LayoutPort): LayoutPort {
    const maxRows = new Map<string, number>();
    const rowsOf = (name: string): number => {
      const added = this.addedSheet(name);
      if (added?.rows) return added.rows;
      let rows = maxRows.get(name);
      if (rows === undefined) {
        // No request of the batch adds or removes rows: the count SpreadsheetApp answers is current.
        rows = this.sheet(name).getMaxRows();
        maxRows.set(name, rows);
      }
      return rows;
    };
    const id = (name: string) => this.sheetIdOf(name);
    const body = (name: string, col: number) => ({
      sheetId: id(name),
      startRowIndex: 1,
      endRowIndex: rowsOf(name),
      startColumnIndex: col - 1,
      endColumnIndex: col,
    });
    const grid = (name: string, a: GridArea) => ({
      sheetId: id(name),
      startRowIndex: a.row - 1,
      endRowIndex: a.row - 1 + a.numRows,
      startColumnIndex: a.col - 1,
      endColumnIndex: a.col - 1 + a.numCols,
    });
    return {
      ensureSheet: (name) => {
        if (this.addedSheet(name) || this.ss.getSheetByName(name)) return false;
        this.addSheet(name);
        return true;
      },
      header: (name): HeaderRow | null => {
        const added = this.addedSheet(name);
        if (added?.header) {
          // As SpreadsheetApp reads row 1 of an empty sheet: one empty cell.
          const values = added.header.length > 0 ? added.header.map((h) => h.trim()) : [''];
          return { values, formulas: values.map(() => '') };
        }
        this.settle(name);
        return perSheet.header(name);
      },
      maxRows: rowsOf,
      setHeaderFormulas: (name, cells) => {
        for (const cell of cells) {
          this.push(id(name), {
            updateCells: {
              start: { sheetId: id(name), rowIndex: 0, columnIndex: cell.col - 1 },
              rows: [{ values: [{ userEnteredValue: { formulaValue: cell.formula } }] }],
              fields: 'userEnteredValue',
            },
          });
        }
        const added = this.addedSheet(name);
        if (added) added.header = null;
      },
      setColumnFormat: (name, col, format) => {
        this.push(id(name), {
          repeatCell: {
            range: body(name, col),
            cell: { userEnteredFormat: { numberFormat: numberFormat(format) } },
            fields: 'userEnteredFormat.numberFormat',
          },
        });
      },
      setColumnWidth: (name, col, width) => this.push(id(name), widthRequest(id(name), col - 1, col, width)),
      hideColumns: (name, cols) => {
        for (const col of cols) {
          this.push(id(name), {
            updateDimensionProperties: {
              range: { sheetId: id(name), dimension: 'COLUMNS', startIndex: col - 1, endIndex: col },
              properties: { hiddenByUser: true },
              fields: 'hiddenByUser',
            },
          });
        }
      },
      setValidation: (name, col, spec) => this.push(id(name), { setDataValidation: { range: body(name, col), rule: validationRule(spec) } }),
      replaceRules: (name, rules, ours) => {
        // A sheet added now has no rules to keep; on one that exists, people's rules are read and kept as they are.
        if (!this.addedSheet(name)) {
          this.settle(name);
          return perSheet.replaceRules(name, rules, ours);
        }
        rules.forEach((rule, index) => this.push(id(name), { addConditionalFormatRule: { rule: conditionalRule(id(name), rule), index } }));
        return { removed: 0, added: rules.length };
      },
      writeBlock: (name, row, col, cells) => {
        if (cells.length === 0 || (cells[0]?.length ?? 0) === 0) return;
        this.push(id(name), {
          updateCells: {
            start: { sheetId: id(name), rowIndex: row - 1, columnIndex: col - 1 },
            rows: cells.map((line) => ({ values: line.map((v) => ({ userEnteredValue: enteredValue(v) })) })),
            fields: 'userEnteredValue',
          },
        });
      },
      setFormats: (name, area, formats) => {
        this.push(id(name), {
          updateCells: {
            range: grid(name, area),
            // "General" is Sheets' automatic format: no numberFormat, which the mask then clears.
            rows: formats.map((line) => ({
              values: line.map((f): CellData => (f === 'General' ? {} : { userEnteredFormat: { numberFormat: numberFormat(f) } })),
            })),
            fields: 'userEnteredFormat.numberFormat',
          },
        });
      },
      styleBlock: (name, area, style) => {
        const fields: string[] = [];
        const format: GoogleAppsScript.Sheets.Schema.CellFormat = {};
        if (style.bold || style.fontSize) format.textFormat = {};
        if (style.bold && format.textFormat) {
          format.textFormat.bold = true;
          fields.push('userEnteredFormat.textFormat.bold');
        }
        if (style.fontSize && format.textFormat) {
          format.textFormat.fontSize = style.fontSize;
          fields.push('userEnteredFormat.textFormat.fontSize');
        }
        if (style.background) {
          format.backgroundColor = rgb(style.background);
          fields.push('userEnteredFormat.backgroundColor');
        }
        if (fields.length > 0)
          this.push(id(name), { repeatCell: { range: grid(name, area), cell: { userEnteredFormat: format }, fields: fields.join(',') } });
      },
      // Charts stay with SpreadsheetApp: the API's chart spec has no number format for an axis (vAxis.format).
      replaceCharts: (name, charts, ours) => {
        this.settle(name);
        return perSheet.replaceCharts(name, charts, ours);
      },
    };
  }

  /** Sends the pending requests if they touch this sheet (or add it), so SpreadsheetApp may use it next. */
  settle(name: string): void {
    const added = this.addedSheet(name);
    const sheetId = added ? added.sheetId : this.ss.getSheetByName(name)?.getSheetId();
    if ((added && !added.sent) || (sheetId !== undefined && this.touched.has(sheetId))) this.send();
  }

  /** Sends what is pending now (before SpreadsheetApp removes a sheet, so the workbook is never left without one). */
  send(): void {
    if (this.pending.length === 0) return;
    // SpreadsheetApp's buffered writes first, so the requests apply over them as the code ordered them.
    this.base.flush();
    const requests = this.pending;
    this.pending = [];
    this.touched = new Set();
    this.api.Spreadsheets.batchUpdate({ requests }, this.ss.getId());
    for (const added of this.added.values()) added.sent = true;
  }

  private push(sheetId: number, request: Request): void {
    this.pending.push(request);
    this.touched.add(sheetId);
  }

  private addedSheet(name: string): AddedSheet | undefined {
    return this.added.get(name.toLowerCase());
  }

  private sheet(name: string): GoogleAppsScript.Spreadsheet.Sheet {
    const found = this.ss.getSheetByName(name);
    if (!found) throw new Error(`the sheet "${name}" does not exist`);
    return found;
  }

  private sheetIdOf(name: string): number {
    return this.addedSheet(name)?.sheetId ?? this.sheet(name).getSheetId();
  }

  /** Adds the sheet at the end, with an id chosen here so later requests of the same batch can name it. */
  private addSheet(name: string): AddedSheet {
    const taken = new Set([...this.ss.getSheets().map((s) => s.getSheetId()), ...[...this.added.values()].map((a) => a.sheetId)]);
    let sheetId = stableId(name);
    while (taken.has(sheetId)) sheetId = (sheetId + 1) % 2_147_483_647;
    const properties: SheetProperties = { sheetId, title: name, gridProperties: { rowCount: NEW_ROWS, columnCount: NEW_COLUMNS } };
    const added: AddedSheet = { sheetId, properties, rows: NEW_ROWS, header: [], onlyHeader: true, sent: false };
    this.added.set(name.toLowerCase(), added);
    this.push(sheetId, { addSheet: { properties } });
    return added;
  }

  /** A table's sheet the batch added: header and formats go into the batch, data through SpreadsheetApp once it exists. */
  private addedGrid(name: string): Grid {
    const added = this.addedSheet(name) as AddedSheet;
    const real = (): Grid => {
      this.settle(name);
      const grid = this.base.grid(name);
      if (!grid) throw new Error(`the sheet "${name}" does not exist`);
      return grid;
    };
    return {
      name,
      readAll: () => (added.onlyHeader && added.header ? [added.header.length > 0 ? [...added.header] : []] : real().readAll()),
      write: (row, column, values) => {
        const header = row === 1 && values.length === 1 && !added.sent && added.header !== null ? headerCells(values[0] ?? []) : null;
        if (!header) {
          added.onlyHeader = false;
          if (row === 1) added.header = null;
          // The table layer grows a sheet a write does not fit in.
          if (added.rows !== null && row + values.length - 1 > added.rows) added.rows = null;
          real().write(row, column, values);
          return;
        }
        const end = column - 1 + header.length;
        const grid = added.properties.gridProperties ?? {};
        if (end > (grid.columnCount ?? NEW_COLUMNS)) grid.columnCount = end;
        const text = added.header ?? [];
        header.forEach((cell, i) => (text[column - 1 + i] = String(cell.userEnteredValue?.stringValue ?? '')));
        added.header = Array.from(text, (h) => h ?? '');
        this.push(added.sheetId, {
          updateCells: {
            start: { sheetId: added.sheetId, rowIndex: 0, columnIndex: column - 1 },
            rows: [{ values: header }],
            fields: 'userEnteredValue',
          },
        });
      },
      formatNew: ({ widths, numberFormats, rows }) => {
        if (added.sent) {
          real().formatNew({ widths, numberFormats, rows });
          return;
        }
        const sheetId = added.sheetId;
        const grid = (added.properties.gridProperties ??= {});
        grid.frozenRowCount = rows;
        this.push(sheetId, {
          repeatCell: {
            range: { sheetId, startRowIndex: 0, endRowIndex: rows, startColumnIndex: 0, endColumnIndex: widths.length },
            cell: { userEnteredFormat: { textFormat: { bold: true } } },
            fields: 'userEnteredFormat.textFormat.bold',
          },
        });
        for (const run of runs(widths)) if (run.value !== null) this.push(sheetId, widthRequest(sheetId, run.start, run.end, run.value));
        // A new sheet's cells are automatic already: only the columns with a format of their own need a request.
        for (const run of runs(numberFormats)) {
          if (run.value === null) continue;
          this.push(sheetId, {
            repeatCell: {
              range: { sheetId, startRowIndex: rows, endRowIndex: NEW_ROWS, startColumnIndex: run.start, endColumnIndex: run.end },
              cell: { userEnteredFormat: { numberFormat: numberFormat(run.value) } },
              fields: 'userEnteredFormat.numberFormat',
            },
          });
        }
      },
    };
  }
}

/** A header row as the batch writes it; null when a cell is something only SpreadsheetApp's parsing would store right. */
function headerCells(values: readonly CellValue[]): CellData[] | null {
  const cells: CellData[] = [];
  for (const v of values) {
    if (typeof v !== 'string' || v.startsWith('=') || v.startsWith("'")) return null;
    cells.push({ userEnteredValue: { stringValue: v } });
  }
  return cells;
}

/** A layout cell: text starting with "=" is a formula, as setValues would take it; null clears the cell. */
function enteredValue(v: string | number | null): GoogleAppsScript.Sheets.Schema.ExtendedValue | undefined {
  if (v === null || v === '') return undefined;
  if (typeof v === 'number') return { numberValue: v };
  return v.startsWith('=') ? { formulaValue: v } : { stringValue: v };
}

function widthRequest(sheetId: number, start: number, end: number, width: number): Request {
  return {
    updateDimensionProperties: {
      range: { sheetId, dimension: 'COLUMNS', startIndex: start, endIndex: end },
      properties: { pixelSize: width },
      fields: 'pixelSize',
    },
  };
}

/** The API wants a pattern's type beside it. */
export function numberFormat(pattern: string): GoogleAppsScript.Sheets.Schema.NumberFormat {
  const unquoted = pattern.replace(/"[^"]*"/g, '');
  if (unquoted === '@') return { type: 'TEXT', pattern };
  if (/[yd]/i.test(unquoted)) return { type: /[hs]/i.test(unquoted) ? 'DATE_TIME' : 'DATE', pattern };
  if (/[hs]/i.test(unquoted)) return { type: 'TIME', pattern };
  if (unquoted.includes('%')) return { type: 'PERCENT', pattern };
  if (/e[+-]/i.test(unquoted)) return { type: 'SCIENTIFIC', pattern };
  return { type: 'NUMBER', pattern };
}

/** '#d9ead3' as the API's colour: fractions of 255. */
export function rgb(hex: string): GoogleAppsScript.Sheets.Schema.Color {
  const n = (at: number) => parseInt(hex.slice(at, at + 2), 16) / 255;
  return { red: n(1), green: n(3), blue: n(5) };
}

function validationRule(spec: ValidationSpec): GoogleAppsScript.Sheets.Schema.DataValidationRule {
  const values = (...v: Array<string | number>) => v.map((x) => ({ userEnteredValue: String(x) }));
  switch (spec.kind) {
    case 'list':
      return {
        condition: { type: 'ONE_OF_LIST', values: values(...spec.values) },
        strict: !spec.allowInvalid,
        showCustomUi: true,
        inputMessage: spec.help,
      };
    case 'checkbox':
      // As SpreadsheetApp's requireCheckbox() builds it: other values are let through with a warning.
      return { condition: { type: 'BOOLEAN' }, strict: false };
    case 'date':
      return { condition: { type: 'DATE_IS_VALID' }, strict: true, inputMessage: spec.help };
    case 'numberBetween':
      return { condition: { type: 'NUMBER_BETWEEN', values: values(spec.min, spec.max) }, strict: true, inputMessage: spec.help };
    case 'numberAtLeast':
      return { condition: { type: 'NUMBER_GREATER_THAN_EQ', values: values(spec.min) }, strict: true, inputMessage: spec.help };
  }
}

function conditionalRule(sheetId: number, spec: RuleSpec): GoogleAppsScript.Sheets.Schema.ConditionalFormatRule {
  const format: GoogleAppsScript.Sheets.Schema.CellFormat = {};
  if (spec.background) format.backgroundColor = rgb(spec.background);
  if (spec.fontColor || spec.italic) {
    format.textFormat = {};
    if (spec.fontColor) format.textFormat.foregroundColor = rgb(spec.fontColor);
    if (spec.italic) format.textFormat.italic = true;
  }
  const a = spec.area;
  return {
    ranges: [
      { sheetId, startRowIndex: a.row - 1, endRowIndex: a.row - 1 + a.numRows, startColumnIndex: a.col - 1, endColumnIndex: a.col - 1 + a.numCols },
    ],
    booleanRule: { condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: spec.formula }] }, format },
  };
}

/** Runs of equal adjacent values, 0-based and end-exclusive, as the API's ranges count. */
function runs<T>(values: readonly T[]): Array<{ start: number; end: number; value: T }> {
  const out: Array<{ start: number; end: number; value: T }> = [];
  values.forEach((value, i) => {
    const last = out[out.length - 1];
    if (last && last.end === i && last.value === value) last.end = i + 1;
    else out.push({ start: i, end: i + 1, value });
  });
  return out;
}

/** A sheet id from the name, so the same table gets the same id in every workbook (any free id would do). */
function stableId(name: string): number {
  let h = 7;
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) % 2_000_000_000;
  return 1 + h;
}
