import { rectA1, splitSheetPrefix } from './a1';
import { emulated, refOf, sheetIds, signatureError, type Ctx, type Implemented } from './context';
import { isValidTimeZone } from './dates';
import { DEFAULT_COLS, DEFAULT_ROWS, SheetError, type SheetData } from './model';
import { protectionObject } from './protection';
import { refFromA1Text } from './range';
import { recordMenu, recordToast, removeMenu, type MenuItemRecord } from './ui';

export function sheetIdOf(ctx: Ctx, sheet: unknown, method: string): number {
  const id = sheet !== null && typeof sheet === 'object' ? sheetIds.get(sheet) : undefined;
  if (id === undefined) throw signatureError(ctx, method, [sheet]);
  return id;
}

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The bound workbook as the script sees it (SpreadsheetApp.getActiveSpreadsheet()). */
export function spreadsheetObject(ctx: Ctx): Spreadsheet {
  const wb = (): Ctx['wb'] => ctx.wb;
  const active = (): SheetData => wb().activeSheet();
  const activeSheetObject = (): Sheet => ctx.make.sheet(active().id);

  const insertSheet = (...args: unknown[]): Sheet =>
    ctx.call('Spreadsheet.insertSheet', () => {
      let name: string | undefined;
      let index: number | undefined;
      let options: Record<string, unknown> | undefined;
      for (const a of args) {
        if (typeof a === 'string') name = a;
        else if (typeof a === 'number') index = a;
        else if (a !== null && typeof a === 'object') options = a as Record<string, unknown>;
        else if (a !== undefined) throw signatureError(ctx, 'Spreadsheet.insertSheet', args);
      }
      const book = wb();
      if (name === undefined) {
        let n = book.sheets.length + 1;
        while (book.sheetByName(`Sheet${n}`)) n++;
        name = `Sheet${n}`;
      }
      // Without an index the new sheet goes right after the active one.
      const at = index ?? book.sheets.indexOf(active()) + 1;
      const template = options?.['template'];
      const templateId = template !== undefined && template !== null && typeof template === 'object' ? sheetIds.get(template) : undefined;
      const source = templateId === undefined ? undefined : book.sheetById(templateId);
      const sheet = book.addSheet(name, at, source?.maxRows ?? DEFAULT_ROWS, source?.maxCols ?? DEFAULT_COLS);
      if (source) {
        copySheetContents(source, sheet);
        book.structureChanged();
      }
      book.data.activeSheetId = sheet.id;
      return ctx.make.sheet(sheet.id);
    });

  const namedRangeObject = (name: string): GoogleAppsScript.Spreadsheet.NamedRange =>
    emulated<GoogleAppsScript.Spreadsheet.NamedRange>(
      'NamedRange',
      {
        getName: () => name,
        getRange: () => {
          const found = wb().data.namedRanges.find((n) => n.name === name);
          const sheet = found ? wb().sheetById(found.sheetId) : undefined;
          // Only a range removed since this object was made has none; the typings leave that case out.
          return (found && sheet ? ctx.make.range(refFromA1Text(ctx, sheet, found.a1)) : null) as GoogleAppsScript.Spreadsheet.Range;
        },
        remove: () =>
          ctx.call('NamedRange.remove', () => {
            wb().data.namedRanges = wb().data.namedRanges.filter((n) => n.name !== name);
            wb().structureChanged();
          }),
      },
      ctx.exec,
    );

  const target = {
    toString: () => 'Spreadsheet',
    // ---- handles (not counted) ----
    getId: () => wb().data.id,
    getName: () => wb().data.name,
    getUrl: () => `https://docs.google.com/spreadsheets/d/${wb().data.id}/edit`,
    getSheets: () => ctx.realmArray(wb().sheets.map((s) => ctx.make.sheet(s.id))),
    getNumSheets: () => wb().sheets.length,
    getSheetByName: (name: unknown) => {
      if (typeof name !== 'string') return null;
      const sheet = wb().sheetByName(name);
      return sheet ? ctx.make.sheet(sheet.id) : null;
    },
    getSheetById: (id: unknown) => {
      const sheet = wb().sheetById(Number(id));
      return sheet ? ctx.make.sheet(sheet.id) : null;
    },
    getActiveSheet: () => ctx.make.sheet(active().id),
    getActiveRange: () => ctx.make.range({ sheetId: active().id, row: 1, col: 1, numRows: 1, numCols: 1 }),
    getCurrentCell: () => ctx.make.range({ sheetId: active().id, row: 1, col: 1, numRows: 1, numCols: 1 }),
    getRange: (a1: unknown) => {
      if (typeof a1 !== 'string') throw signatureError(ctx, 'Spreadsheet.getRange', [a1]);
      const { sheet: name, rest } = splitSheetPrefix(a1);
      const sheet = name === undefined ? active() : wb().sheetByName(name);
      if (!sheet) throw ctx.error('Range not found');
      return ctx.make.range(refFromA1Text(ctx, sheet, rest));
    },
    getRangeByName: (name: unknown) => {
      const found = wb().data.namedRanges.find((n) => n.name === String(name));
      const sheet = found ? wb().sheetById(found.sheetId) : undefined;
      return found && sheet ? ctx.make.range(refFromA1Text(ctx, sheet, found.a1)) : null;
    },
    getDataRange: () => activeSheetObject().getDataRange(),

    // ---- settings ----
    rename: (name: unknown) =>
      ctx.call('Spreadsheet.rename', () => {
        wb().data.name = String(name);
        wb().touch();
      }),
    getSpreadsheetTimeZone: () => ctx.call('Spreadsheet.getSpreadsheetTimeZone', () => wb().data.timeZone),
    setSpreadsheetTimeZone: (tz: unknown) =>
      ctx.call('Spreadsheet.setSpreadsheetTimeZone', () => {
        if (typeof tz !== 'string' || !isValidTimeZone(tz)) throw ctx.error(`Invalid argument: timeZone`);
        // Cells keep their wall-clock serials; the instants they mean move with the zone, as in Sheets.
        wb().data.timeZone = tz;
        wb().settingsChanged();
      }),
    getSpreadsheetLocale: () => ctx.call('Spreadsheet.getSpreadsheetLocale', () => wb().data.locale),
    setSpreadsheetLocale: (locale: unknown) =>
      ctx.call('Spreadsheet.setSpreadsheetLocale', () => {
        wb().data.locale = String(locale);
        wb().touch();
      }),

    // ---- structure ----
    insertSheet,
    deleteSheet: (sheet: unknown) =>
      ctx.call('Spreadsheet.deleteSheet', () => {
        const id = sheetIdOf(ctx, sheet, 'Spreadsheet.deleteSheet');
        wb().removeSheet(wb().requireSheet(id));
      }),
    deleteActiveSheet: () =>
      ctx.call('Spreadsheet.deleteActiveSheet', () => {
        wb().removeSheet(active());
        return ctx.make.sheet(active().id);
      }),
    setActiveSheet: (sheet: unknown) =>
      ctx.call('Spreadsheet.setActiveSheet', () => {
        const id = sheetIdOf(ctx, sheet, 'Spreadsheet.setActiveSheet');
        wb().data.activeSheetId = id;
        wb().touch();
        return ctx.make.sheet(id);
      }),
    moveActiveSheet: (position: unknown) =>
      ctx.call('Spreadsheet.moveActiveSheet', () => {
        const p = Number(position);
        const sheets = wb().sheets;
        if (!Number.isInteger(p) || p < 1 || p > sheets.length) throw new SheetError('Invalid argument: pos');
        const sheet = active();
        sheets.splice(sheets.indexOf(sheet), 1);
        sheets.splice(p - 1, 0, sheet);
        wb().structureChanged();
      }),
    duplicateActiveSheet: () =>
      ctx.call('Spreadsheet.duplicateActiveSheet', () => {
        const source = active();
        let name = `Copy of ${source.name}`;
        for (let n = 2; wb().sheetByName(name); n++) name = `Copy ${n} of ${source.name}`;
        const sheet = wb().addSheet(name, wb().sheets.indexOf(source) + 1, source.maxRows, source.maxCols);
        copySheetContents(source, sheet);
        wb().structureChanged();
        wb().data.activeSheetId = sheet.id;
        return ctx.make.sheet(sheet.id);
      }),
    setNamedRange: (name: unknown, range: unknown) =>
      ctx.call('Spreadsheet.setNamedRange', () => {
        if (typeof name !== 'string') throw signatureError(ctx, 'Spreadsheet.setNamedRange', [name, range]);
        const ref = refOf(ctx, range, 'Spreadsheet.setNamedRange');
        const book = wb();
        book.data.namedRanges = book.data.namedRanges.filter((n) => n.name !== name);
        book.data.namedRanges.push({ name, sheetId: ref.sheetId, a1: rectA1(ref) });
        book.structureChanged();
      }),
    getNamedRanges: () => ctx.call('Spreadsheet.getNamedRanges', () => ctx.realmArray(wb().data.namedRanges.map((n) => namedRangeObject(n.name)))),
    removeNamedRange: (name: unknown) =>
      ctx.call('Spreadsheet.removeNamedRange', () => {
        wb().data.namedRanges = wb().data.namedRanges.filter((n) => n.name !== String(name));
        wb().structureChanged();
      }),
    getProtections: (type: unknown) =>
      ctx.call('Spreadsheet.getProtections', () =>
        ctx.realmArray(
          wb().sheets.flatMap((s) =>
            s.protections.filter((p) => type === undefined || p.type === String(type)).map((p) => protectionObject(ctx, s.id, p)),
          ),
        ),
      ),

    // ---- UI ----
    // The older menu API: entries are {name, functionName}, null for a separator.
    addMenu: (name: unknown, entries: unknown) => {
      if (typeof name !== 'string' || !Array.isArray(entries)) throw signatureError(ctx, 'Spreadsheet.addMenu', [name, entries]);
      const items: MenuItemRecord[] = entries.map((e) => {
        if (e === null || e === undefined) return { caption: '', separator: true };
        const o = e as Record<string, unknown>;
        return { caption: String(o['name'] ?? ''), functionName: String(o['functionName'] ?? '') };
      });
      recordMenu(ctx.exec.state, { name, items });
    },
    removeMenu: (name: unknown) => removeMenu(ctx.exec.state, String(name)),
    toast: (message: unknown, title?: unknown, timeoutSeconds?: unknown) =>
      ctx.call('Spreadsheet.toast', () => {
        recordToast(ctx, message, title, timeoutSeconds);
      }),

    // ---- the active sheet's shortcuts (the Sheet checks the script's arguments) ----
    getLastRow: () => activeSheetObject().getLastRow(),
    getLastColumn: () => activeSheetObject().getLastColumn(),
    appendRow: (row: unknown) => {
      activeSheetObject().appendRow(row as unknown[]);
      return ctx.make.sheet(active().id);
    },
    getFrozenRows: () => activeSheetObject().getFrozenRows(),
    setFrozenRows: (n: unknown) => activeSheetObject().setFrozenRows(n as number),
    getSheetValues: (r: unknown, c: unknown, nr: unknown, nc: unknown) =>
      activeSheetObject().getSheetValues(r as number, c as number, nr as number, nc as number),
  } satisfies Implemented<Spreadsheet>;
  return emulated<Spreadsheet>('Spreadsheet', target, ctx.exec);
}

/** insertSheet({template}) and duplicateActiveSheet: contents, formats, rules and layout, but not charts. */
function copySheetContents(source: SheetData, target: SheetData): void {
  const copy = JSON.parse(
    JSON.stringify({
      rows: source.rows,
      attrs: source.attrs,
      cfRules: source.cfRules,
      colWidths: source.colWidths,
      rowHeights: source.rowHeights,
      merges: source.merges,
    }),
  ) as Pick<SheetData, 'rows' | 'attrs' | 'cfRules' | 'colWidths' | 'rowHeights' | 'merges'>;
  Object.assign(target, copy);
  target.frozenRows = source.frozenRows;
  target.frozenCols = source.frozenCols;
  target.tabColor = source.tabColor;
}
