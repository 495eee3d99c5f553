import { ALL_SETTINGS, Settings } from '../settings';
import type { Table } from '../sheets/table';
import type { SETTINGS } from '../sheets/tables';

type SettingsKey = (typeof SETTINGS)['columns'][number]['key'];

/** Reads the `Settings` sheet (one call). Keys are matched without regard to case or surrounding spaces. */
export function readSettings(table: Table<SettingsKey>): Settings {
  const raw = new Map<string, string>();
  for (const { record } of table.read().rows) {
    const key = String(record.key ?? '')
      .trim()
      .toUpperCase();
    if (key) raw.set(key, record.value === null ? '' : String(record.value));
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
