import type { Language } from '../messages';

export type KpiKind = 'rate' | 'score' | 'count' | 'hours';

export type KpiLabel = Readonly<Record<Language, string>>;

interface KpiSpec {
  readonly key: string;
  readonly header: string;
  readonly kind: KpiKind;
  readonly code: string;
  /** Whether a higher value is better when `Targets` does not say. */
  readonly higherIsBetter: boolean;
  /** The name in full, where there is room for it (the Dashboard). */
  readonly label: KpiLabel;
  /** The name in chat and reports, where a KPI shares a line with its value and target. */
  readonly shortLabel: KpiLabel;
}

/**
 * The seven KPIs of `KPI Tracking`, each declared here once: the sheet, chat, reports and the Dashboard all read
 * this list. `header` is the contract (never renamed). `code` is the one-letter name the sheet's own formulas use
 * for a KPI (the hidden Target Status column, e.g. `P+;C-;`), so conditional formatting can find a KPI's verdict
 * with FIND on the same sheet.
 */
const DECLARED = [
  {
    key: 'overallProgress',
    header: 'Overall Progress',
    kind: 'rate',
    code: 'P',
    higherIsBetter: true,
    label: { ja: '全体進捗', en: 'Overall progress' },
    shortLabel: { ja: '全体進捗', en: 'Overall progress' },
  },
  {
    key: 'taskCompletionRate',
    header: 'Task Completion Rate',
    kind: 'rate',
    code: 'C',
    higherIsBetter: true,
    label: { ja: 'タスク完了率', en: 'Task completion rate' },
    shortLabel: { ja: 'タスク完了率', en: 'Task completion' },
  },
  {
    key: 'qualityScore',
    header: 'Quality Score',
    kind: 'score',
    code: 'Q',
    higherIsBetter: true,
    label: { ja: '品質スコア', en: 'Quality score' },
    shortLabel: { ja: '品質スコア', en: 'Quality score' },
  },
  {
    key: 'teamSatisfaction',
    header: 'Team Satisfaction',
    kind: 'score',
    code: 'S',
    higherIsBetter: true,
    label: { ja: 'チーム満足度', en: 'Team satisfaction' },
    shortLabel: { ja: 'チーム満足度', en: 'Team satisfaction' },
  },
  {
    key: 'blockersCount',
    header: 'Blockers Count',
    kind: 'count',
    code: 'B',
    higherIsBetter: false,
    label: { ja: 'ブロッカー数', en: 'Blockers' },
    shortLabel: { ja: 'ブロッカー数', en: 'Blockers' },
  },
  {
    key: 'codeReviewTime',
    header: 'Code Review Time',
    kind: 'hours',
    code: 'R',
    higherIsBetter: false,
    label: { ja: 'コードレビュー時間', en: 'Code review time' },
    shortLabel: { ja: 'レビュー時間', en: 'Review time' },
  },
  {
    key: 'deploySuccessRate',
    header: 'Deploy Success Rate',
    kind: 'rate',
    code: 'D',
    higherIsBetter: true,
    label: { ja: 'デプロイ成功率', en: 'Deploy success rate' },
    shortLabel: { ja: 'デプロイ成功率', en: 'Deploy success' },
  },
] as const satisfies readonly KpiSpec[];

/** The keys come from the list itself, so adding a KPI there is the one place it is named. */
export type KpiKey = (typeof DECLARED)[number]['key'];
export interface KpiField extends KpiSpec {
  readonly key: KpiKey;
}
export const KPI_FIELDS: readonly KpiField[] = DECLARED;

export function kpiField(key: KpiKey): KpiField {
  const field = KPI_FIELDS.find((f) => f.key === key);
  if (!field) throw new Error(`no KPI "${key}"`);
  return field;
}

/** A day's KPIs; null is "no data", which the sheet shows as an empty cell, never as zero. */
export type KpiValues = Record<KpiKey, number | null>;

export function emptyKpis(): KpiValues {
  return Object.fromEntries(KPI_FIELDS.map((f) => [f.key, null])) as KpiValues;
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** How many decimals each kind is stored with: finer than the sheet shows, coarse enough to compare exactly. */
export const DIGITS: Record<KpiKind, number> = { rate: 4, score: 2, count: 0, hours: 2 };
