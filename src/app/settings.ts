import { ALL_SETTINGS, Settings } from '../settings';
import type { Table } from '../sheets/table';
import type { SETTINGS } from '../sheets/tables';
import type { LocalTime } from '../domain/schedule';

type SettingsKey = (typeof SETTINGS)['columns'][number]['key'];

/** Sheets' day zero: a cell holding only a time of day is that time on 1899-12-30. */
const TIME_ONLY_DAY = '1899-12-30';
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A value as the person typed it. Sheets turns `09:30` into a time and `2026-04-01` into a date in a plain cell;
 * `String()` of those would read `Sat Dec 30 1899 …`, so they are written back on the sheet's clock.
 */
function typedText(value: unknown, wallClock: () => (instant: Date) => LocalTime): string {
  if (value === null || value === undefined) return '';
  if (!(value instanceof Date)) return String(value);
  const local = wallClock()(value);
  const time = `${pad(local.hour)}:${pad(local.minute)}`;
  if (local.date === TIME_ONLY_DAY) return time;
  return local.hour === 0 && local.minute === 0 ? local.date : `${local.date} ${time}`;
}

/**
 * Reads the `Settings` sheet (one call). Keys are matched without regard to case or surrounding spaces. The sheet's
 * clock is asked for only when a value is a date or time, so a read with none costs no more than the sheet.
 */
export function readSettings(table: Table<SettingsKey>, wallClock: () => (instant: Date) => LocalTime): Settings {
  const raw = new Map<string, string>();
  for (const { record } of table.read().rows) {
    const key = String(record.key ?? '')
      .trim()
      .toUpperCase();
    if (key) raw.set(key, typedText(record.value, wallClock));
  }
  return new Settings(raw);
}

/** Adds the declared settings whose key is not in the sheet yet; values people changed are never touched. */
export function addMissingSettings(table: Table<SettingsKey>): number {
  const present = new Set(
    table.read().rows.map((r) =>
      String(r.record.key ?? '')
        .trim()
        .toUpperCase(),
    ),
  );
  const missing = ALL_SETTINGS.filter((s) => !present.has(s.key)).map((s) => ({ key: s.key, value: s.defaultValue, description: s.description }));
  return missing.length === 0 ? 0 : table.upsert(missing).created;
}
