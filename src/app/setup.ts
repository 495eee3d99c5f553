import type { SpareSheets } from '../platform/spareSheets';
import type { Migration, Table } from '../sheets/table';
import { message, type Language } from '../domain/messages';
import { PROP } from './properties';

export interface SetupDeps {
  tables: ReadonlyArray<Table<string>>;
  properties: { all(): Record<string, string>; set(values: Record<string, string>): void };
  sheetTimeZone: () => string;
  newToken: () => string;
  /** Settings rows setup adds when their key is missing; values people changed are never touched. */
  defaultSettings: { upsertMissing(): number };
  sheets: SpareSheets;
}

export interface SetupReport {
  sheetsCreated: string[];
  /** The spreadsheet's own first sheet, removed because it was empty once the tables were made. */
  sheetsRemoved: string[];
  headersAdded: Record<string, string[]>;
  tokensCreated: string[];
  settingsAdded: number;
  timeZone: string;
}

/**
 * A new spreadsheet's first sheet, named in the account's language: "Sheet1", "シート1", "Feuille 1", "Hoja 1",
 * "Tabelle1"… A word, then 1.
 */
const DEFAULT_SHEET_NAME = /^\S+ ?1$/u;

/** Tokens setup creates on first run and never replaces (rotation is a separate, deliberate action). */
const GENERATED_TOKENS = [PROP.webhookTokenProgress, PROP.webhookTokenGitHub, PROP.webhookTokenGitLab] as const;

/**
 * Makes the workbook and the script ready, and is safe to run again: it creates what is missing and leaves
 * whatever exists — data, settings people edited, tokens already handed to GitHub — as it is.
 */
export function runSetup(deps: SetupDeps): SetupReport {
  const report: SetupReport = { sheetsCreated: [], sheetsRemoved: [], headersAdded: {}, tokensCreated: [], settingsAdded: 0, timeZone: '' };
  for (const table of deps.tables) {
    const migration: Migration = table.ensure();
    if (migration.createdSheet) report.sheetsCreated.push(table.schema.name);
    else if (migration.addedHeaders.length > 0) report.headersAdded[table.schema.name] = migration.addedHeaders;
  }
  report.settingsAdded = deps.defaultSettings.upsertMissing();
  // Only beside tables setup has just made, so the spreadsheet never ends up sheetless; a sheet with content stays.
  if (report.sheetsCreated.length > 0) {
    const tables = new Set(deps.tables.map((t) => t.schema.name));
    for (const name of deps.sheets.names(tables)) {
      if (DEFAULT_SHEET_NAME.test(name) && deps.sheets.isEmpty(name)) {
        deps.sheets.remove(name);
        report.sheetsRemoved.push(name);
      }
    }
  }

  const existing = deps.properties.all();
  const updates: Record<string, string> = {};
  for (const name of GENERATED_TOKENS) {
    if (!existing[name]) {
      updates[name] = deps.newToken();
      report.tokensCreated.push(name);
    }
  }
  report.timeZone = deps.sheetTimeZone();
  if (existing[PROP.sheetTimeZone] !== report.timeZone) updates[PROP.sheetTimeZone] = report.timeZone;
  if (Object.keys(updates).length > 0) deps.properties.set(updates);
  return report;
}

/** What setup did, in the team's language, for a toast or the log. Token values are never part of it. */
export function setupSummary(report: SetupReport, language: Language): { title: string; lines: string[] } {
  const lines: string[] = [];
  if (report.sheetsCreated.length > 0) lines.push(`${message('setupSheetsCreated', language)}: ${report.sheetsCreated.join(', ')}`);
  if (report.tokensCreated.length > 0) lines.push(`${message('setupTokensCreated', language)}: ${report.tokensCreated.join(', ')}`);
  if (lines.length === 0) lines.push(message('setupNothingToDo', language));
  return { title: message('setupDone', language), lines };
}

/** Notes the sheet's time zone in Script Properties when it changed, so webhooks need not ask the spreadsheet. */
export function rememberSheetTimeZone(store: { all(): Record<string, string>; set(values: Record<string, string>): void }, timeZone: string): void {
  if (store.all()[PROP.sheetTimeZone] !== timeZone) store.set({ [PROP.sheetTimeZone]: timeZone });
}
