import { splitSheetPrefix } from './a1';
import { chartBuilder, chartObject, chartOf } from './charts';
import { ruleDraftOf, ruleFromData, ruleObject, ruleToData } from './conditional';
import { cellInput, displayValue, emulated, enumMember, normalizeColor, sheetIds, signatureError, type Ctx, type Implemented } from './context';
import type { StoredCell } from './cells';
import { ATTR_NAMES, DEFAULT_COLUMN_WIDTH, SheetError, type ProtectionData, type SheetData } from './model';
import { protectionObject } from './protection';
import { checkedRef, refFromA1Text, scriptValues } from './range';

const DEFAULT_ROW_HEIGHT = 21;

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function sheetObject(ctx: Ctx, sheetId: number): Sheet {
  const sheet = (): SheetData => ctx.wb.requireSheet(sheetId);
  let self: Sheet;
  const chain = (method: string, fn: (s: SheetData) => void) =>
    ctx.call(`Sheet.${method}`, () => {
      fn(sheet());
      ctx.wb.touch();
      return self;
    });

  const rowBounds = (s: SheetData, position: unknown, count: unknown = 1): [number, number] => {
    const p = Number(position);
    const n = Number(count);
    if (!Number.isInteger(p) || !Number.isInteger(n) || p < 1 || n < 1 || p > s.maxRows) throw new SheetError('Those rows are out of bounds.');
    return [p, n];
  };
  const colBounds = (s: SheetData, position: unknown, count: unknown = 1): [number, number] => {
    const p = Number(position);
    const n = Number(count);
    if (!Number.isInteger(p) || !Number.isInteger(n) || p < 1 || n < 1 || p > s.maxCols) throw new SheetError('Those columns are out of bounds.');
    return [p, n];
  };
  const insertRows = (method: string, before: boolean) => (position: unknown, count?: unknown) =>
    chain(method, (s) => {
      const [p, n] = rowBounds(s, position, count);
      if (before) ctx.wb.insertRows(s, p - 1, n, 'below');
      else ctx.wb.insertRows(s, p, n, 'above');
    });
  const insertCols = (method: string, before: boolean) => (position: unknown, count?: unknown) =>
    chain(method, (s) => {
      const [p, n] = colBounds(s, position, count);
      if (before) ctx.wb.insertCols(s, p - 1, n, 'right');
      else ctx.wb.insertCols(s, p, n, 'left');
    });
  const deleteRows = (method: string) => (position: unknown, count?: unknown) =>
    chain(method, (s) => {
      const p = Number(position);
      const n = Number(count ?? 1);
      if (!Number.isInteger(p) || !Number.isInteger(n) || p < 1 || n < 1) throw new SheetError('Those rows are out of bounds.');
      ctx.wb.deleteRows(s, p - 1, n);
    });
  const deleteCols = (method: string) => (position: unknown, count?: unknown) =>
    chain(method, (s) => {
      const p = Number(position);
      const n = Number(count ?? 1);
      if (!Number.isInteger(p) || !Number.isInteger(n) || p < 1 || n < 1) throw new SheetError('Those columns are out of bounds.');
      ctx.wb.deleteCols(s, p - 1, n);
    });

  const dataExtent = (s: SheetData): { rows: number; cols: number } => ctx.wb.extent(s, ctx.clock);

  const target = {
    toString: () => 'Sheet',
    // ---- handles (not counted) ----
    getName: () => sheet().name,
    getSheetName: () => sheet().name,
    getSheetId: () => sheetId,
    getParent: () => ctx.make.spreadsheet(),
    getType: () => enumMember<GoogleAppsScript.Spreadsheet.SheetType>('GRID'),
    getRange: (a: unknown, b?: unknown, c?: unknown, d?: unknown) => {
      const s = sheet();
      if (typeof a === 'string' && b === undefined) {
        const { sheet: name, rest } = splitSheetPrefix(a);
        const on = name === undefined ? s : ctx.wb.sheetByName(name);
        if (!on) throw ctx.error('Range not found');
        return ctx.make.range(refFromA1Text(ctx, on, rest));
      }
      return ctx.make.range(checkedRef(ctx, s, a, b, c ?? 1, d ?? 1, 'Sheet.getRange'));
    },
    getDataRange: () => {
      const s = sheet();
      const e = ctx.guard(() => dataExtent(s));
      return ctx.make.range({ sheetId, row: 1, col: 1, numRows: Math.max(1, e.rows), numCols: Math.max(1, e.cols) });
    },
    activate: () => {
      ctx.wb.data.activeSheetId = sheetId;
      return self;
    },

    // ---- contents and dimensions ----
    getLastRow: () => ctx.call('Sheet.getLastRow', () => dataExtent(sheet()).rows),
    getLastColumn: () => ctx.call('Sheet.getLastColumn', () => dataExtent(sheet()).cols),
    getMaxRows: () => ctx.call('Sheet.getMaxRows', () => sheet().maxRows),
    getMaxColumns: () => ctx.call('Sheet.getMaxColumns', () => sheet().maxCols),
    getIndex: () => ctx.call('Sheet.getIndex', () => ctx.wb.sheets.indexOf(sheet()) + 1),
    getSheetValues: (r: unknown, c: unknown, nr: unknown, nc: unknown) =>
      ctx.call('Sheet.getSheetValues', () => {
        const s = sheet();
        const e = dataExtent(s);
        const rows = nr === -1 ? Math.max(1, e.rows - Number(r) + 1) : nr;
        const cols = nc === -1 ? Math.max(1, e.cols - Number(c) + 1) : nc;
        return scriptValues(ctx, checkedRef(ctx, s, r, c, rows, cols, 'Sheet.getSheetValues'));
      }),
    appendRow: (rowContents: unknown) =>
      ctx.call('Sheet.appendRow', () => {
        if (!Array.isArray(rowContents)) throw signatureError(ctx, 'Sheet.appendRow', [rowContents]);
        const s = sheet();
        const target = dataExtent(s).rows; // 0-based index of the new row
        // Sheets grows the grid for a row that does not fit.
        if (target + 1 > s.maxRows) ctx.wb.growRows(s, target + 1 - s.maxRows);
        if (rowContents.length > s.maxCols) ctx.wb.insertCols(s, s.maxCols, rowContents.length - s.maxCols, 'left');
        const cells: StoredCell[] = [];
        const formats: Array<string | null> = [];
        let anyFormat = false;
        for (let j = 0; j < rowContents.length; j++) {
          const current = ctx.wb.attr(s, 'fmt', target, j);
          const input = cellInput(rowContents[j], current, ctx.wb.data.timeZone);
          if (input instanceof SheetError) throw input;
          cells.push(input.cell);
          formats.push(input.format ?? current ?? null);
          if (input.format !== undefined) anyFormat = true;
        }
        ctx.wb.writeBlock(s, target, 0, [cells]);
        if (anyFormat) ctx.wb.setAttrBlock(s, 'fmt', target, 0, [formats]);
        return self;
      }),
    insertRowsAfter: insertRows('insertRowsAfter', false),
    insertRowsBefore: insertRows('insertRowsBefore', true),
    insertRowAfter: (p: unknown) => insertRows('insertRowAfter', false)(p, 1),
    insertRowBefore: (p: unknown) => insertRows('insertRowBefore', true)(p, 1),
    insertRows: (p: unknown, n?: unknown) => insertRows('insertRows', true)(p, n ?? 1),
    insertColumnsAfter: insertCols('insertColumnsAfter', false),
    insertColumnsBefore: insertCols('insertColumnsBefore', true),
    insertColumnAfter: (p: unknown) => insertCols('insertColumnAfter', false)(p, 1),
    insertColumnBefore: (p: unknown) => insertCols('insertColumnBefore', true)(p, 1),
    insertColumns: (p: unknown, n?: unknown) => insertCols('insertColumns', true)(p, n ?? 1),
    deleteRow: (p: unknown) => deleteRows('deleteRow')(p, 1),
    deleteRows: deleteRows('deleteRows'),
    deleteColumn: (p: unknown) => deleteCols('deleteColumn')(p, 1),
    deleteColumns: deleteCols('deleteColumns'),
    clear: (options?: unknown) =>
      chain('clear', (s) => {
        const o = (options !== null && typeof options === 'object' ? options : {}) as Record<string, unknown>;
        const contentsOnly = Boolean(o['contentsOnly']);
        const formatOnly = Boolean(o['formatOnly']);
        if (!formatOnly) ctx.wb.clearBlock(s, 0, 0, s.maxRows, s.maxCols);
        if (!contentsOnly) {
          for (const name of ATTR_NAMES) if (name !== 'dv' && name !== 'note') delete s.attrs[name];
          ctx.wb.structureChanged();
        }
      }),
    clearContents: () => chain('clearContents', (s) => ctx.wb.clearBlock(s, 0, 0, s.maxRows, s.maxCols)),
    clearFormats: () =>
      chain('clearFormats', (s) => {
        for (const name of ATTR_NAMES) if (name !== 'dv' && name !== 'note') delete s.attrs[name];
        ctx.wb.structureChanged();
      }),
    clearNotes: () => chain('clearNotes', (s) => delete s.attrs.note),
    setFrozenRows: (n: unknown) =>
      chain('setFrozenRows', (s) => {
        const rows = Number(n);
        if (!Number.isInteger(rows) || rows < 0) throw signatureError(ctx, 'Sheet.setFrozenRows', [n]);
        if (rows >= s.maxRows) throw new SheetError("You can't freeze all visible rows on the sheet.");
        s.frozenRows = rows;
      }),
    getFrozenRows: () => ctx.call('Sheet.getFrozenRows', () => sheet().frozenRows),
    setFrozenColumns: (n: unknown) =>
      chain('setFrozenColumns', (s) => {
        const cols = Number(n);
        if (!Number.isInteger(cols) || cols < 0) throw signatureError(ctx, 'Sheet.setFrozenColumns', [n]);
        if (cols >= s.maxCols) throw new SheetError("You can't freeze all visible columns on the sheet.");
        s.frozenCols = cols;
      }),
    getFrozenColumns: () => ctx.call('Sheet.getFrozenColumns', () => sheet().frozenCols),
    setColumnWidth: (column: unknown, width: unknown) =>
      chain('setColumnWidth', (s) => {
        const [c] = colBounds(s, column);
        s.colWidths[String(c - 1)] = Number(width);
      }),
    setColumnWidths: (start: unknown, count: unknown, width: unknown) =>
      chain('setColumnWidths', (s) => {
        const [c, n] = colBounds(s, start, count);
        if (c + n - 1 > s.maxCols) throw new SheetError('Those columns are out of bounds.');
        for (let k = 0; k < n; k++) s.colWidths[String(c - 1 + k)] = Number(width);
      }),
    getColumnWidth: (column: unknown) =>
      ctx.call('Sheet.getColumnWidth', () => {
        const s = sheet();
        const [c] = colBounds(s, column);
        return s.colWidths[String(c - 1)] ?? DEFAULT_COLUMN_WIDTH;
      }),
    hideColumns: (start: unknown, count?: unknown) =>
      chain('hideColumns', (s) => {
        const [c, n] = colBounds(s, start, count ?? 1);
        s.hiddenCols ??= {};
        for (let k = 0; k < n; k++) s.hiddenCols[String(c - 1 + k)] = 1;
      }),
    showColumns: (start: unknown, count?: unknown) =>
      chain('showColumns', (s) => {
        const [c, n] = colBounds(s, start, count ?? 1);
        for (let k = 0; k < n; k++) delete s.hiddenCols?.[String(c - 1 + k)];
      }),
    isColumnHiddenByUser: (column: unknown) =>
      ctx.call('Sheet.isColumnHiddenByUser', () => {
        const s = sheet();
        const [c] = colBounds(s, column);
        return s.hiddenCols?.[String(c - 1)] === 1;
      }),
    autoResizeColumns: (start: unknown, count: unknown) => chain('autoResizeColumns', (s) => autoResize(ctx, s, ...colBounds(s, start, count))),
    autoResizeColumn: (column: unknown) => chain('autoResizeColumn', (s) => autoResize(ctx, s, ...colBounds(s, column, 1))),
    setRowHeight: (r: unknown, h: unknown) =>
      chain('setRowHeight', (s) => {
        const [p] = rowBounds(s, r);
        s.rowHeights[String(p - 1)] = Number(h);
      }),
    setRowHeights: (start: unknown, count: unknown, h: unknown) =>
      chain('setRowHeights', (s) => {
        const [p, n] = rowBounds(s, start, count);
        for (let k = 0; k < n; k++) s.rowHeights[String(p - 1 + k)] = Number(h);
      }),
    getRowHeight: (r: unknown) =>
      ctx.call('Sheet.getRowHeight', () => {
        const s = sheet();
        const [p] = rowBounds(s, r);
        return s.rowHeights[String(p - 1)] ?? DEFAULT_ROW_HEIGHT;
      }),
    hideSheet: () =>
      chain('hideSheet', (s) => {
        if (!s.hidden && ctx.wb.sheets.filter((x) => !x.hidden && x !== s).length === 0)
          throw new SheetError("You can't hide all the sheets in a document.");
        s.hidden = true;
      }),
    showSheet: () => chain('showSheet', (s) => (s.hidden = false)),
    isSheetHidden: () => ctx.call('Sheet.isSheetHidden', () => sheet().hidden),
    setTabColor: (color: unknown) =>
      chain('setTabColor', (s) => (s.tabColor = color === null || color === undefined || color === '' ? null : normalizeColor(String(color)))),
    getTabColor: () => ctx.call('Sheet.getTabColor', () => sheet().tabColor),
    setName: (name: unknown) =>
      chain('setName', (s) => {
        if (typeof name !== 'string') throw signatureError(ctx, 'Sheet.setName', [name]);
        ctx.wb.renameSheet(s, name);
      }),

    // ---- conditional formats ----
    getConditionalFormatRules: () =>
      ctx.call('Sheet.getConditionalFormatRules', () => ctx.realmArray(sheet().cfRules.map((r) => ruleObject(ctx, ruleFromData(ctx, r, sheetId))))),
    setConditionalFormatRules: (rules: unknown) =>
      chain('setConditionalFormatRules', (s) => {
        if (!Array.isArray(rules)) throw signatureError(ctx, 'Sheet.setConditionalFormatRules', [rules]);
        s.cfRules = rules.map((r) => {
          const draft = ruleDraftOf(r);
          if (!draft) throw signatureError(ctx, 'Sheet.setConditionalFormatRules', [rules]);
          return ruleToData(draft, sheetId);
        });
      }),
    clearConditionalFormatRules: () => chain('clearConditionalFormatRules', (s) => (s.cfRules = [])),

    // ---- charts ----
    newChart: () => chartBuilder(ctx, sheetId),
    getCharts: () => ctx.call('Sheet.getCharts', () => ctx.realmArray(sheet().charts.map((c) => chartObject(ctx, c, sheetId)))),
    insertChart: (chart: unknown) =>
      chain('insertChart', (s) => {
        const c = chartOf(chart);
        if (!c) throw signatureError(ctx, 'Sheet.insertChart', [chart]);
        if (c.data.id !== 0 && s.charts.some((x) => x.id === c.data.id)) throw new SheetError('The chart is already on this sheet; use updateChart.');
        const data = JSON.parse(JSON.stringify(c.data)) as typeof c.data;
        data.id = ctx.wb.data.nextChartId++;
        c.data.id = data.id;
        s.charts.push(data);
      }),
    updateChart: (chart: unknown) =>
      chain('updateChart', (s) => {
        const c = chartOf(chart);
        if (!c) throw signatureError(ctx, 'Sheet.updateChart', [chart]);
        const i = s.charts.findIndex((x) => x.id === c.data.id);
        if (i < 0) throw new SheetError('The chart does not exist on this sheet.');
        s.charts[i] = JSON.parse(JSON.stringify(c.data)) as typeof c.data;
      }),
    removeChart: (chart: unknown) =>
      chain('removeChart', (s) => {
        const c = chartOf(chart);
        if (!c) throw signatureError(ctx, 'Sheet.removeChart', [chart]);
        s.charts = s.charts.filter((x) => x.id !== c.data.id);
      }),

    // ---- protection ----
    protect: () =>
      ctx.call('Sheet.protect', () => {
        const s = sheet();
        const data: ProtectionData = { type: 'SHEET', description: '', warningOnly: false, editors: [ctx.exec.userEmail] };
        s.protections.push(data);
        ctx.wb.touch();
        return protectionObject(ctx, sheetId, data);
      }),
    getProtections: (type: unknown) =>
      ctx.call('Sheet.getProtections', () =>
        ctx.realmArray(
          sheet()
            .protections.filter((p) => type === undefined || p.type === String(type))
            .map((p) => protectionObject(ctx, sheetId, p)),
        ),
      ),
  } satisfies Implemented<Sheet>;
  self = emulated<Sheet>('Sheet', target, ctx.exec);
  sheetIds.set(self, sheetId);
  return self;
}

/** Fits columns to their longest display value, roughly as Sheets' auto-fit does (7 px a character). */
function autoResize(ctx: Ctx, sheet: SheetData, start: number, count: number): void {
  const extent = ctx.wb.extent(sheet, ctx.clock);
  if (start + count - 1 > sheet.maxCols) throw new SheetError('Those columns are out of bounds.');
  const rows = Math.min(extent.rows, 5000);
  if (rows === 0) return;
  const { values, formats } = ctx.wb.resolveBlock(sheet, 0, start - 1, rows, count, ctx.clock);
  for (let j = 0; j < count; j++) {
    let longest = 0;
    for (let i = 0; i < rows; i++) longest = Math.max(longest, displayValue(values[i]![j]!, formats[i]![j]).length);
    sheet.colWidths[String(start - 1 + j)] = Math.max(30, Math.min(1000, longest * 7 + 12));
  }
}
