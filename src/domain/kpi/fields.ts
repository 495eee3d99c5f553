/**
 * The seven KPIs of `KPI Tracking`, by the header that is their contract. `code` is the one-letter name the
 * sheet's own formulas use for a KPI (the hidden Target Status column, e.g. `P+;C-;`), so conditional formatting can
 * find a KPI's verdict with FIND on the same sheet.
 */
export type KpiKey =
  'overallProgress' | 'taskCompletionRate' | 'qualityScore' | 'teamSatisfaction' | 'blockersCount' | 'codeReviewTime' | 'deploySuccessRate';
export type KpiKind = 'rate' | 'score' | 'count' | 'hours';

export interface KpiField {
  readonly key: KpiKey;
  readonly header: string;
  readonly kind: KpiKind;
  readonly code: string;
  /** Whether a higher value is better when `Targets` does not say. */
  readonly higherIsBetter: boolean;
}

export const KPI_FIELDS: readonly KpiField[] = [
  { key: 'overallProgress', header: 'Overall Progress', kind: 'rate', code: 'P', higherIsBetter: true },
  { key: 'taskCompletionRate', header: 'Task Completion Rate', kind: 'rate', code: 'C', higherIsBetter: true },
  { key: 'qualityScore', header: 'Quality Score', kind: 'score', code: 'Q', higherIsBetter: true },
  { key: 'teamSatisfaction', header: 'Team Satisfaction', kind: 'score', code: 'S', higherIsBetter: true },
  { key: 'blockersCount', header: 'Blockers Count', kind: 'count', code: 'B', higherIsBetter: false },
  { key: 'codeReviewTime', header: 'Code Review Time', kind: 'hours', code: 'R', higherIsBetter: false },
  { key: 'deploySuccessRate', header: 'Deploy Success Rate', kind: 'rate', code: 'D', higherIsBetter: true },
];

/** A day's KPIs; null is "no data", which the sheet shows as an empty cell, never as zero. */
export type KpiValues = Record<KpiKey, number | null>;

export function emptyKpis(): KpiValues {
  return {
    overallProgress: null,
    taskCompletionRate: null,
    qualityScore: null,
    teamSatisfaction: null,
    blockersCount: null,
    codeReviewTime: null,
    deploySuccessRate: null,
  };
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** How many decimals each kind is stored with: finer than the sheet shows, coarse enough to compare exactly. */
export const DIGITS: Record<KpiKind, number> = { rate: 4, score: 2, count: 0, hours: 2 };
