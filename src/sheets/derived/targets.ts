import type { KpiField } from '../../domain/kpi/fields';
import { sheetRef } from '../a1';

/**
 * A KPI's target and direction as sheet formulas read them from `Targets`, by the same rules as the script reads
 * them for chat and reports (src/domain/chat/kpi.ts `readTargets`): a rate target above 1 is a percentage, an empty
 * Direction is the KPI's usual one, and lower/low/down/less/小/低 mean lower is better.
 */
export interface TargetColumns {
  kpi: string;
  target: string;
  direction: string;
}

function lookup(columns: TargetColumns, column: string, field: KpiField): string {
  const t = sheetRef('Targets');
  return `INDEX(${t}!$${column}$2:$${column},MATCH("${field.header}",${t}!$${columns.kpi}$2:$${columns.kpi},0))`;
}

/** The target as a number, or "" when `Targets` has none. */
export function targetFormula(columns: TargetColumns, field: KpiField): string {
  const value = lookup(columns, columns.target, field);
  return field.kind === 'rate' ? `IFERROR(${value}/IF(${value}>1,100,1),"")` : `IFERROR(${value}*1,"")`;
}

/** TRUE when lower is better. The KPI's usual direction is appended, so an empty cell falls back to it. */
export function lowerIsBetterFormula(columns: TargetColumns, field: KpiField): string {
  const fallback = field.higherIsBetter ? 'high' : 'low';
  return `REGEXMATCH(IFERROR(LOWER(${lookup(columns, columns.direction, field)}),"")&"~${fallback}","^(lower|low|down|less|小|低|~low)")`;
}
