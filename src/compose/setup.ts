import type { InstallReport } from '../app/schedule';
import { addMissingSettings } from '../app/settings';
import { rememberSheetTimeZone, runSetup, type SetupReport } from '../app/setup';
import type { LayoutReport } from '../app/applySheetLayout';
import type { Language } from '../domain/messages';
import { newToken } from '../platform/random';
import { SheetsBatch } from '../platform/sheetsBatch';
import { spareSheets } from '../platform/spareSheets';
import { ALL_TABLES, SETTINGS } from '../sheets/tables';
import { executionContext, forgetCachedSettings } from './context';
import { sheetLayoutStep } from './kpi';
import { installTriggersJob } from './schedule';
import { memberSetupStep, refreshTeamProfile } from './members';
import type { MemberSetupReport } from '../app/memberSetup';

/** Setup's wiring: tables, tokens, default settings, the sheet's layout, the dispatcher trigger. */
export function setupJob(): SetupReport & { layout: LayoutReport; triggers: InstallReport; members: MemberSetupReport } {
  // One Sheets API batch for what setup writes (an empty workbook's tables and layout in a few requests), when the
  // project has the advanced service; without it, SpreadsheetApp call by call.
  const batch = SheetsBatch.open();
  // The sheet's own time zone: setup is what records it for the others.
  const ctx = executionContext({ settings: 'fresh', timeZone: 'sheet', ...(batch ? { workbook: () => batch.workbook() } : {}) });
  const report = ctx.locked(() =>
    runSetup({
      tables: ALL_TABLES.map((schema) => ctx.table<string>(schema)),
      properties: ctx.propertyStore,
      sheetTimeZone: () => ctx.calendar().timeZone,
      newToken,
      defaultSettings: { upsertMissing: () => addMissingSettings(ctx.table(SETTINGS)) },
      sheets: spareSheets(() => batch?.send()),
    }),
  );
  forgetCachedSettings();
  const layout = sheetLayoutStep(ctx, batch);
  const members = memberSetupStep(ctx, batch);
  batch?.send();
  refreshTeamProfile(ctx);
  return { ...report, layout, members, triggers: installTriggersJob() };
}

/** The team's language for the menu and dialogs: Japanese until setup has made the Settings sheet. */
export function currentLanguage(): Language {
  return executionContext({ settings: 'fresh' }).language();
}

/** onOpen: the sheet's time zone, remembered in Script Properties so webhooks need not ask the spreadsheet. */
export function noteSheetTimeZone(): void {
  const ctx = executionContext({ settings: 'cached', timeZone: 'sheet' });
  rememberSheetTimeZone(ctx.propertyStore, ctx.calendar().timeZone);
}
