import type { Language } from '../messages';
import { KPI_FIELDS, type KpiField, type KpiKey, type KpiKind } from '../kpi/fields';
import { chatText } from './messages';

/** The seven KPIs are declared once, in domain/kpi/fields.ts; chat reads them from there. */
export { KPI_FIELDS };
export type { KpiField, KpiKey, KpiKind } from '../kpi/fields';
export type KpiRow = { date: string } & Record<KpiKey, number | null>;

/** A KPI's name as chat and reports write it. */
export function kpiLabel(field: KpiField, language: Language): string {
  return field.shortLabel[language];
}

export interface KpiTarget {
  target: number;
  higherIsBetter: boolean;
}
/** Targets by KPI header. */
export type KpiTargets = ReadonlyMap<string, KpiTarget>;

/**
 * Reads `Targets` rows (KPI by its `KPI Tracking` header, Target, Direction). A rate target typed as a percentage
 * (80) is read as the fraction the KPI column holds (0.8).
 */
export function readTargets(rows: ReadonlyArray<{ kpi: unknown; target: unknown; direction: unknown }>): Map<string, KpiTarget> {
  const out = new Map<string, KpiTarget>();
  for (const row of rows) {
    const header = String(row.kpi ?? '').trim();
    const field = KPI_FIELDS.find((f) => f.header.toLowerCase() === header.toLowerCase());
    const target = typeof row.target === 'number' ? row.target : Number(String(row.target ?? '').replace(/%$/, ''));
    if (!field || !Number.isFinite(target) || String(row.target ?? '') === '') continue;
    const direction = String(row.direction ?? '')
      .trim()
      .toLowerCase();
    const higherIsBetter = direction === '' ? field.higherIsBetter : !/^(lower|low|down|less|小|低)/.test(direction);
    out.set(field.header, { target: field.kind === 'rate' && target > 1 ? target / 100 : target, higherIsBetter });
  }
  return out;
}

export function formatKpi(kind: KpiKind, value: number | null, language: Language): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (kind) {
    case 'rate':
      return `${(value * 100).toFixed(1)}%`;
    case 'score':
      return `${value.toFixed(1)} / 5`;
    case 'count':
      return String(Math.round(value));
    case 'hours':
      return chatText('hours', language, { value: value.toFixed(1) });
  }
}

export function meetsTarget(value: number, target: KpiTarget): boolean {
  return target.higherIsBetter ? value >= target.target : value <= target.target;
}

/** `72.0%（目標 80.0%）⚠️`: the value, the target when there is one, and whether it is met. */
export function kpiWithTarget(field: KpiField, value: number | null, targets: KpiTargets, language: Language): string {
  const shown = formatKpi(field.kind, value, language);
  const target = targets.get(field.header);
  if (!target || value === null) return shown;
  const mark = meetsTarget(value, target) ? '✅' : '⚠️';
  const t = chatText('target', language, { target: formatKpi(field.kind, target.target, language) });
  return language === 'ja' ? `${shown}（${t}）${mark}` : `${shown} (${t}) ${mark}`;
}
