import { KPI_FIELDS, type KpiKey, type KpiValues } from './fields';

/**
 * How the day's computation and what people type live in one row. The row keeps, in its hidden `Computed` cell,
 * the values the computation last wrote. When the computation runs again, a KPI cell that still holds that value
 * (or is empty) takes the new value; a cell holding anything else was typed by a person (or sent by the KPI
 * webhook) and is kept, and its header is listed in the row's `Overrides` cell. Clearing the cell hands the KPI
 * back to the computation.
 */

export type ComputedCopy = Partial<Record<KpiKey, number | null>>;

export interface ExistingRow {
  /** The KPI cells as read: numbers, text a person typed, or null for empty. */
  cells: Readonly<Record<KpiKey, unknown>>;
  /** The `Computed` cell's text (JSON), or null. */
  computed: unknown;
}

export interface Merge {
  /** What to write: only the KPIs the computation owns. */
  write: Partial<Record<KpiKey, number | null>>;
  /** KPIs kept as a person (or the webhook) entered them, in column order. */
  overrides: KpiKey[];
  /** The next `Computed` cell. */
  copy: ComputedCopy;
}

export function parseComputedCopy(text: unknown): ComputedCopy | null {
  if (typeof text !== 'string' || text.trim() === '') return null;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    const copy: ComputedCopy = {};
    for (const field of KPI_FIELDS) {
      const v = (parsed as Record<string, unknown>)[field.key];
      if (v === null || (typeof v === 'number' && Number.isFinite(v))) copy[field.key] = v;
    }
    return copy;
  } catch {
    // Someone edited the hidden cell: nothing in the row can be proven ours, so every value is kept.
    return null;
  }
}

function isEmpty(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

function sameNumber(cell: unknown, value: number | null | undefined): boolean {
  return typeof cell === 'number' && typeof value === 'number' && Math.abs(cell - value) <= 1e-9 * Math.max(1, Math.abs(value));
}

export function mergeComputed(existing: ExistingRow | null, computed: KpiValues): Merge {
  const merge: Merge = { write: {}, overrides: [], copy: {} };
  const previous = existing ? parseComputedCopy(existing.computed) : null;
  for (const { key } of KPI_FIELDS) {
    const cell = existing?.cells[key] ?? null;
    const ours = isEmpty(cell) || (previous !== null && key in previous && sameNumber(cell, previous[key]));
    if (ours) {
      merge.write[key] = computed[key];
      merge.copy[key] = computed[key];
    } else {
      merge.overrides.push(key);
      if (previous && key in previous) merge.copy[key] = previous[key] ?? null;
    }
  }
  return merge;
}

export function overridesText(overrides: readonly KpiKey[]): string | null {
  const headers = KPI_FIELDS.filter((f) => overrides.includes(f.key)).map((f) => f.header);
  return headers.length === 0 ? null : headers.join(', ');
}
