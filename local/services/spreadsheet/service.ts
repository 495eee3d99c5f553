import type { ServiceFactory } from '../../runtime/api';
import type { Execution } from '../../runtime/execution';
import { COST_MS } from '../../runtime/execution';
import { newSpreadsheetId } from './model';
import { createCtx, emulated, enumObject, sheetIds, signatureError, type Ctx } from './context';
import { ruleBuilder } from './conditional';
import * as enums from './enums';
import { rangeObject } from './range';
import { sheetObject } from './sheet';
import { spreadsheetObject } from './spreadsheet';
import { uiObject } from './ui';
import { validationBuilder } from './validation';

const contexts = new WeakMap<Execution, Map<string, Ctx>>();

/**
 * The shared state of SpreadsheetApp objects for one execution (created by the service, or on demand): the bound
 * workbook's by default, or that of a spreadsheet the script created (`slice`).
 */
export function ctxFor(exec: Execution, slice = 'workbook', made?: { id: string; name: string }): Ctx {
  let byBook = contexts.get(exec);
  if (!byBook) contexts.set(exec, (byBook = new Map()));
  let ctx = byBook.get(slice);
  if (!ctx) {
    const created = createCtx(exec, slice, made);
    created.make = {
      spreadsheet: () => spreadsheetObject(created),
      sheet: (id) => sheetObject(created, id),
      range: (ref) => rangeObject(created, ref),
    };
    byBook.set(slice, created);
    ctx = created;
  }
  return ctx;
}

/** The spreadsheets the script created with SpreadsheetApp.create, as Drive would list them ("files" slice). */
export interface CreatedFile {
  id: string;
  name: string;
  slice: string;
  createdAt: string;
}

export function createdFiles(exec: Execution): CreatedFile[] {
  return exec.state.slice<{ spreadsheets: CreatedFile[] }>('files', () => ({ spreadsheets: [] })).spreadsheets;
}

/** A created spreadsheet's slice name: its id is base64url, safe in a file name. */
const sliceOf = (id: string) => `spreadsheet-${id}`;

type App = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type ChartsApp = GoogleAppsScript.Charts.Charts;

/** Contexts where the spreadsheet's UI does not exist: a web app request and a time-driven trigger. */
const NO_UI = new Set(['web', 'trigger']);

/** SpreadsheetApp (the bound workbook, in the "workbook" slice) and Charts. */
export const spreadsheetService: ServiceFactory = (exec) => {
  const ctx = ctxFor(exec);
  const openSpreadsheet = (id: string): GoogleAppsScript.Spreadsheet.Spreadsheet | null => {
    if (id === ctx.wb.data.id) return ctx.make.spreadsheet();
    const file = createdFiles(exec).find((f) => f.id === id);
    return file ? ctxFor(exec, file.slice, { id: file.id, name: file.name }).make.spreadsheet() : null;
  };
  const SpreadsheetApp = emulated<App>(
    'SpreadsheetApp',
    {
      getActive: () => ctx.make.spreadsheet(),
      getActiveSpreadsheet: () => ctx.make.spreadsheet(),
      getActiveSheet: () => ctx.make.sheet(ctx.wb.activeSheet().id),
      getActiveRange: () => ctx.make.range({ sheetId: ctx.wb.activeSheet().id, row: 1, col: 1, numRows: 1, numCols: 1 }),
      getCurrentCell: () => ctx.make.range({ sheetId: ctx.wb.activeSheet().id, row: 1, col: 1, numRows: 1, numCols: 1 }),
      setActiveSheet: (sheet: unknown) =>
        ctx.call('SpreadsheetApp.setActiveSheet', () => {
          const id = sheet !== null && typeof sheet === 'object' ? sheetIds.get(sheet) : undefined;
          if (id === undefined) throw signatureError(ctx, 'SpreadsheetApp.setActiveSheet', [sheet]);
          ctx.wb.data.activeSheetId = id;
          ctx.wb.touch();
          return ctx.make.sheet(id);
        }),
      create: (name: unknown, rows?: unknown, columns?: unknown) =>
        ctx.call('SpreadsheetApp.create', () => {
          if (typeof name !== 'string' || (rows !== undefined && typeof rows !== 'number') || (columns !== undefined && typeof columns !== 'number'))
            throw signatureError(
              ctx,
              'create',
              [name, rows, columns].filter((a) => a !== undefined),
            );
          if (name.trim() === '') throw ctx.error('Invalid argument: name');
          const id = newSpreadsheetId();
          const file: CreatedFile = { id, name, slice: sliceOf(id), createdAt: new Date(exec.now()).toISOString() };
          createdFiles(exec).push(file);
          exec.state.touch('files');
          const made = ctxFor(exec, file.slice, { id, name });
          const first = made.wb.sheets[0];
          if (first && typeof rows === 'number' && typeof columns === 'number') {
            if (rows < 1 || columns < 1) throw ctx.error('Invalid argument: rows');
            first.maxRows = rows;
            first.maxCols = columns;
            made.wb.touch();
          }
          return made.make.spreadsheet();
        }),
      openById: (id: unknown) =>
        ctx.call('SpreadsheetApp.openById', () => {
          const opened = typeof id === 'string' ? openSpreadsheet(id) : null;
          // Google answers an id that does not exist (or that the user cannot open) with this message.
          if (!opened) throw ctx.error('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
          return opened;
        }),
      openByUrl: (url: unknown) =>
        ctx.call('SpreadsheetApp.openByUrl', () => {
          const id = typeof url === 'string' ? /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(url)?.[1] : undefined;
          const opened = id ? openSpreadsheet(id) : null;
          if (!opened) throw ctx.error('Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.');
          return opened;
        }),
      flush: () => {
        ctx.charge('SpreadsheetApp.flush', COST_MS.spreadsheetFlush);
        // Pending writes reach the shared workbook, and what other executions committed becomes visible.
        exec.state.sync();
      },
      getUi: () => {
        if (NO_UI.has(exec.kind)) throw ctx.error('Cannot call SpreadsheetApp.getUi() from this context.');
        return uiObject(ctx);
      },
      newDataValidation: () => validationBuilder(ctx),
      newConditionalFormatRule: () => ruleBuilder(ctx),
      DataValidationCriteria: enumObject<App['DataValidationCriteria']>(enums.DataValidationCriteria),
      BooleanCriteria: enumObject<App['BooleanCriteria']>(enums.BooleanCriteria),
      BorderStyle: enumObject<App['BorderStyle']>(enums.BorderStyle),
      WrapStrategy: enumObject<App['WrapStrategy']>(enums.WrapStrategy),
      ProtectionType: enumObject<App['ProtectionType']>(enums.ProtectionType),
      Dimension: enumObject<App['Dimension']>(enums.Dimension),
      Direction: enumObject<App['Direction']>(enums.Direction),
      SheetType: enumObject<App['SheetType']>(enums.SheetType),
      CopyPasteType: enumObject<App['CopyPasteType']>(enums.CopyPasteType),
      // The runtime has answered these since before it was typed; @types/google-apps-script does not declare them.
      ...{ HorizontalAlignment: enums.HorizontalAlignment, VerticalAlignment: enums.VerticalAlignment },
      InterpolationType: enumObject<App['InterpolationType']>(enums.InterpolationType),
      RelativeDate: enumObject<App['RelativeDate']>(enums.RelativeDate),
    },
    exec,
  );
  const Charts = emulated<ChartsApp>(
    'Charts',
    {
      ChartType: enumObject<ChartsApp['ChartType']>(enums.ChartType),
      ChartHiddenDimensionStrategy: enumObject<ChartsApp['ChartHiddenDimensionStrategy']>(enums.ChartHiddenDimensionStrategy),
      ChartMergeStrategy: enumObject<ChartsApp['ChartMergeStrategy']>(enums.ChartMergeStrategy),
      Position: enumObject<ChartsApp['Position']>(enums.ChartPosition),
      CurveStyle: enumObject<ChartsApp['CurveStyle']>(enums.CurveStyle),
      PointStyle: enumObject<ChartsApp['PointStyle']>(enums.PointStyle),
    },
    exec,
  );
  return { SpreadsheetApp, Charts };
};
