import { KPI_FIELDS, formatKpi, kpiLabel, meetsTarget, type KpiField, type KpiKind, type KpiRow, type KpiTargets } from '../chat/kpi';
import type { Language } from '../messages';

/**
 * KPIs as the reports show them: each of the seven `KPI Tracking` columns with its value, its target from `Targets`
 * (when there is one), whether the target is met, and the change since an earlier row. The KPI values themselves
 * are computed elsewhere (the sheet area); this only reads and compares them.
 */
export interface KpiStatus {
  field: KpiField;
  label: string;
  value: number | null;
  target: number | null;
  /** null when there is no target or no value to compare. */
  met: boolean | null;
  /** value − earlier value; null when either is missing. */
  change: number | null;
  higherIsBetter: boolean;
}

export function kpiStatuses(row: KpiRow | null, earlier: KpiRow | null, targets: KpiTargets, language: Language): KpiStatus[] {
  return KPI_FIELDS.map((field) => {
    const value = row ? row[field.key] : null;
    const before = earlier ? earlier[field.key] : null;
    const target = targets.get(field.header) ?? null;
    return {
      field,
      label: kpiLabel(field, language),
      value,
      target: target ? target.target : null,
      met: target && value !== null ? meetsTarget(value, target) : null,
      change: value !== null && before !== null ? value - before : null,
      higherIsBetter: target ? target.higherIsBetter : field.higherIsBetter,
    };
  });
}

export function formatValue(kind: KpiKind, value: number | null, language: Language): string {
  return formatKpi(kind, value, language);
}

/** A change with its sign: rates in percentage points, the rest in their own unit. */
export function formatChange(kind: KpiKind, change: number | null, language: Language): string {
  if (change === null || !Number.isFinite(change)) return '—';
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  const abs = Math.abs(change);
  switch (kind) {
    case 'rate':
      return `${sign}${(abs * 100).toFixed(1)}pt`;
    case 'score':
      return `${sign}${abs.toFixed(1)}`;
    case 'count':
      return `${sign}${Math.round(abs)}`;
    case 'hours':
      return language === 'ja' ? `${sign}${abs.toFixed(1)} 時間` : `${sign}${abs.toFixed(1)} h`;
  }
}

/** Whether a change is for the better (true), the worse (false), or neither (null). */
export function changeIsGood(status: KpiStatus): boolean | null {
  if (status.change === null || status.change === 0) return null;
  return status.higherIsBetter ? status.change > 0 : status.change < 0;
}

/** The KPIs off target: the day's alerts when nothing else recorded them. */
export function offTarget(statuses: readonly KpiStatus[]): KpiStatus[] {
  return statuses.filter((s) => s.met === false);
}
