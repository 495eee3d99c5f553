import type { Table } from '../sheets/table';
import type { SETTINGS } from '../sheets/tables';

type SettingsKey = (typeof SETTINGS)['columns'][number]['key'];

/** The settings setup writes when they are missing, with the description people see next to each. */
export const DEFAULT_SETTINGS: ReadonlyArray<{ key: string; value: string; description: string }> = [
  { key: 'LANGUAGE', value: 'ja', description: 'Language of messages and menus: ja (日本語) or en (English)' },
];

/** Adds the default settings whose key is not in the sheet yet; returns how many it added. */
export function addMissingSettings(table: Table<SettingsKey>): number {
  const present = new Set(table.read().rows.map((r) => table.keyOf(r.record)));
  const missing = DEFAULT_SETTINGS.filter((s) => !present.has(table.keyOf({ key: s.key })));
  return missing.length === 0 ? 0 : table.upsert(missing).created;
}
