import { KPI_FIELDS, type KpiKey, type KpiKind } from '../domain/kpi/fields';
import { NUMBER_FORMATS, type ColumnSpec, type ColumnType } from './schema';

/** How each kind of KPI is stored in a cell: rates as fractions shown as percent, counts as whole numbers. */
const COLUMN_TYPE: Record<KpiKind, ColumnType> = { rate: 'percent', score: 'score', count: 'integer', hours: 'hours' };

/** Column widths in pixels when setup creates `KPI Tracking`: wide enough for each header. */
const WIDTH: Record<KpiKey, number> = {
  overallProgress: 120,
  taskCompletionRate: 150,
  qualityScore: 110,
  teamSatisfaction: 130,
  blockersCount: 120,
  codeReviewTime: 130,
  deploySuccessRate: 150,
};

/** The seven KPI columns of `KPI Tracking`, from the KPIs' one declaration (src/domain/kpi/fields.ts). */
export const KPI_COLUMNS: ReadonlyArray<ColumnSpec<KpiKey>> = KPI_FIELDS.map((field) => ({
  key: field.key,
  header: field.header,
  type: COLUMN_TYPE[field.kind],
  width: WIDTH[field.key],
}));

/** The number format a KPI's value is shown with, wherever it sits: the same as its `KPI Tracking` column. */
export function kpiNumberFormat(kind: KpiKind): string {
  return NUMBER_FORMATS[COLUMN_TYPE[kind]] ?? 'General';
}
