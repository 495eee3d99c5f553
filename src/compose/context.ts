import { withDayCache } from '../app/chatData';
import { chatConfig } from '../app/chatConfig';
import { chatOutbox } from '../app/outbox';
import { PROP } from '../app/properties';
import { readSettings } from '../app/settings';
import type { Outbox } from '../domain/chat/outbox';
import type { Language } from '../domain/messages';
import type { LocalTime } from '../domain/schedule';
import { scriptCache, type Cache } from '../platform/cache';
import { calendarIn, type Calendar } from '../platform/timeZone';
import { scriptLock, type Locked } from '../platform/lock';
import { scriptProperties, type SecretStore } from '../platform/properties';
import { boundWorkbook, type BoundWorkbook } from '../platform/spreadsheet';
import { Settings } from '../settings';
import { teamLanguage } from '../settings/core';
import { OUTBOX } from '../sheets/chatTables';
import type { TableSchema } from '../sheets/schema';
import { Table } from '../sheets/table';
import { SETTINGS } from '../sheets/tables';

/**
 * What one execution works with, built once at its entry point and handed down. Everything is read on first
 * use and kept: each Apps Script call costs time (Properties 30 ms, a sheet read 60), and a Slack answer that
 * needs neither the sheet nor the calendar must not pay for them.
 */
export interface ExecutionContext {
  /** The instant the execution started; "today" for every job of it. */
  readonly now: Date;
  workbook(): BoundWorkbook;
  /** Script Properties as they were at the first read (one call for them all). */
  properties(): Readonly<Record<string, string>>;
  /** For writes, and for a job that must read again what another execution may have changed meanwhile. */
  readonly propertyStore: SecretStore;
  settings(): Settings;
  /** The team's language; Japanese while LANGUAGE is mistyped, so a typo silences nothing. */
  language(): Language;
  /** The team's clock: the sheet's time zone as setup remembered it, or the sheet's own. */
  calendar(): Calendar;
  cache(): Cache;
  /** Read-modify-write under the script lock, sheet writes flushed before it is released. */
  readonly locked: Locked;
  /** The chat Outbox, for any job that posts to Slack or Discord. */
  outbox(): Outbox;
  /** A table of the workbook; it reads nothing until asked, and reads its sheet once. */
  table<K extends string>(schema: TableSchema<K>): Table<K>;
}

export interface ContextOptions {
  /**
   * 'cached': through the script cache, as the dispatcher's jobs and the fast Slack answers read them.
   * 'fresh': from the sheet, for a person who just changed a value and clicks a menu item (the defaults before
   * setup has made the sheet).
   */
  settings: 'cached' | 'fresh';
  /** 'sheet': the spreadsheet's own time zone, for setup, which is what records it in the properties. */
  timeZone?: 'remembered' | 'sheet';
  /** The workbook the tables go through (setup's batches its writes); the bound one through SpreadsheetApp by default. */
  workbook?: () => BoundWorkbook;
}

/** Settings are read through the cache by the dispatcher: a change in the sheet applies within this time. */
const SETTINGS_CACHE_SECONDS = 600;
const SETTINGS_CACHE_KEY = 'settings:v1';

export function executionContext(options: ContextOptions): ExecutionContext {
  const now = new Date();
  const workbook = once(options.workbook ?? boundWorkbook);
  const propertyStore = scriptProperties();
  const properties = once(() => propertyStore.all());
  const cache = once(scriptCache);
  const calendar = once(() => withDayCache(calendarIn((options.timeZone !== 'sheet' && properties()[PROP.sheetTimeZone]) || workbook().timeZone())));
  // Date keys are asked for only when a date column is compared: the calendar (a Properties read) waits till then.
  const table = <K extends string>(schema: TableSchema<K>) => new Table(schema, workbook(), { dateKey: (d) => calendar().dateKey(d) });
  const settings = once(() =>
    options.settings === 'cached'
      ? cachedSettings(workbook(), cache(), () => calendar().local)
      : // Before setup there is no sheet to read: the defaults stand, and reading does not create it.
        workbook().grid(SETTINGS.name)
        ? readSettings(table(SETTINGS), () => calendar().local)
        : new Settings(new Map()),
  );
  const language = once(() => teamLanguage(settings()));
  const locked: Locked = (work) => scriptLock(() => workbook().flush())(work);
  const outbox = once(() =>
    chatOutbox({ table: () => table(OUTBOX), locked, now: () => new Date(), config: chatConfig(properties()), cache: cache() }),
  );
  return { now, workbook, properties, propertyStore, settings, language, calendar, cache, locked, outbox, table };
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}

/** The Settings sheet through the script cache (one read per 10 minutes): jobs and fast answers share it. */
function cachedSettings(workbook: BoundWorkbook, cache: Cache, wallClock: () => (instant: Date) => LocalTime): Settings {
  const hit = cache.get(SETTINGS_CACHE_KEY);
  if (hit) return new Settings(new Map(JSON.parse(hit) as Array<[string, string]>));
  const settings = readSettings(new Table(SETTINGS, workbook, { dateKey: (d) => d.toISOString() }), wallClock);
  cache.put(SETTINGS_CACHE_KEY, JSON.stringify([...settings.entries()]), SETTINGS_CACHE_SECONDS);
  return settings;
}

/** The Settings as the script cache holds them, or null when it holds none (nothing is read from the sheet). */
export function settingsIfCached(cache: Cache): Settings | null {
  const hit = cache.get(SETTINGS_CACHE_KEY);
  return hit ? new Settings(new Map(JSON.parse(hit) as Array<[string, string]>)) : null;
}

/** After setup or the sidebar changed Settings, the next reader reads the sheet again. */
export function forgetCachedSettings(): void {
  scriptCache().remove(SETTINGS_CACHE_KEY);
}
