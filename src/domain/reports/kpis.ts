import { KPI_FIELDS, formatKpi, kpiLabel, meetsTarget, type KpiField, type KpiKind, type KpiRow, type KpiTargets } from '../chat/kpi';
import type { Language } from '../messages';
import { reportText } from './messages';

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

/**
 * A change as people read it: the rounded magnitude, so that a change too small to show ("+0.0pt") counts as none
 * and gets neither an arrow nor a verdict.
 */
function shownMagnitude(kind: KpiKind, abs: number): string {
  switch (kind) {
    case 'rate':
      return (abs * 100).toFixed(1);
    case 'score':
    case 'hours':
      return abs.toFixed(1);
    case 'count':
      return String(Math.round(abs));
  }
}

/** A change with its sign: rates in percentage points, the rest in their own unit. */
export function formatChange(kind: KpiKind, change: number | null, language: Language): string {
  if (change === null || !Number.isFinite(change)) return '—';
  const magnitude = shownMagnitude(kind, Math.abs(change));
  const sign = Number(magnitude) === 0 ? '±' : change > 0 ? '+' : '−';
  switch (kind) {
    case 'rate':
      return `${sign}${magnitude}pt`;
    case 'hours':
      return language === 'ja' ? `${sign}${magnitude} 時間` : `${sign}${magnitude} h`;
    default:
      return `${sign}${magnitude}`;
  }
}

/**
 * How a report shows a KPI's change. The arrow always follows the number (a rise is ↗︎ whatever the KPI), so it never
 * contradicts the sign beside it; whether the move is for the better is said apart, by `better`, because for
 * Blockers Count and Code Review Time (or any KPI whose `Targets` Direction is "lower") a rise is worse.
 */
export interface KpiChange {
  arrow: '↗︎' | '↘︎' | '→';
  /** The change with its sign, in the KPI's unit: `+1`, `−3.0 h`, `±0`. */
  text: string;
  /** true for the better, false for the worse, null when nothing moved. */
  better: boolean | null;
}

/** The change of a status, or null when there is nothing to compare. */
export function kpiChange(status: KpiStatus, language: Language): KpiChange | null {
  if (status.change === null || !Number.isFinite(status.change)) return null;
  const text = formatChange(status.field.kind, status.change, language);
  if (Number(shownMagnitude(status.field.kind, Math.abs(status.change))) === 0) return { arrow: '→', text, better: null };
  const rose = status.change > 0;
  return { arrow: rose ? '↗︎' : '↘︎', text, better: rose === status.higherIsBetter };
}

/** 改善 / 悪化 (better / worse), or '' when nothing moved. */
export function verdictText(change: KpiChange, language: Language): string {
  return change.better === null ? '' : reportText(change.better ? 'changeBetter' : 'changeWorse', language);
}

/** `↗︎ +1（悪化）`: the change with its arrow and, when it moved, whether that is for the better. */
export function changeText(change: KpiChange, language: Language): string {
  const moved = `${change.arrow} ${change.text}`;
  const verdict = verdictText(change, language);
  return verdict === '' ? moved : reportText('changeVerdict', language, { change: moved, verdict });
}

/** The KPIs off target: the day's alerts when nothing else recorded them. */
export function offTarget(statuses: readonly KpiStatus[]): KpiStatus[] {
  return statuses.filter((s) => s.met === false);
}
