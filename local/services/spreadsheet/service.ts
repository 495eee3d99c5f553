import type { ServiceFactory } from '../../runtime/api';
import type { Execution } from '../../runtime/execution';
import { COST_MS } from '../../runtime/execution';
import { createCtx, emulated, enumObject, sheetIds, signatureError, type Ctx } from './context';
import { ruleBuilder } from './conditional';
import * as enums from './enums';
import { rangeObject } from './range';
import { sheetObject } from './sheet';
import { spreadsheetObject } from './spreadsheet';
import { uiObject } from './ui';
import { validationBuilder } from './validation';

const contexts = new WeakMap<Execution, Ctx>();

/** The shared state of SpreadsheetApp objects for one execution (created by the service, or on demand). */
export function ctxFor(exec: Execution): Ctx {
  let ctx = contexts.get(exec);
  if (!ctx) {
    const created = createCtx(exec);
    created.make = {
      spreadsheet: () => spreadsheetObject(created),
      sheet: (id) => sheetObject(created, id),
      range: (ref) => rangeObject(created, ref),
    };
    contexts.set(exec, created);
    ctx = created;
  }
  return ctx;
}

type App = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type ChartsApp = GoogleAppsScript.Charts.Charts;

/** Contexts where the spreadsheet's UI does not exist: a web app request and a time-driven trigger. */
const NO_UI = new Set(['web', 'trigger']);

/** SpreadsheetApp (the bound workbook, in the "workbook" slice) and Charts. */
export const spreadsheetService: ServiceFactory = (exec) => {
  const ctx = ctxFor(exec);
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
      openById: (id: unknown) =>
        ctx.call('SpreadsheetApp.openById', () => {
          // Only the bound workbook exists locally; Google answers other ids with this message.
          if (id !== ctx.wb.data.id) throw ctx.error('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
          return ctx.make.spreadsheet();
        }),
      openByUrl: (url: unknown) =>
        ctx.call('SpreadsheetApp.openByUrl', () => {
          if (typeof url !== 'string' || !url.includes(ctx.wb.data.id))
            throw ctx.error('Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.');
          return ctx.make.spreadsheet();
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
