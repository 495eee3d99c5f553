import type { KpiKey, KpiValues } from '../kpi/fields';

/**
 * A day's KPI row as gauge metrics and a `ProgressUpdate` event, in each vendor's wire shape (New Relic Metric and
 * Event APIs, Datadog v2 series and v1 events). Plain data: the use case sends it. Every point carries the day it
 * is about as an attribute/tag, and is stamped with the time it is sent: Datadog drops points more than an hour
 * old (without historical ingestion, which is per metric and off by default), so a day pushed late after an outage
 * is still recorded, and the `day` says which day it was.
 */
export interface KpiDayPush {
  day: string;
  values: KpiValues;
  /** Active members in `Members`, for the event. */
  teamSize: number;
}

/** The seed's metric names (New Relic's `Custom/…` convention), one per KPI column. */
export const NEW_RELIC_METRIC: Record<KpiKey, string> = {
  overallProgress: 'Custom/Progress/OverallProgress',
  taskCompletionRate: 'Custom/Progress/TaskCompletionRate',
  qualityScore: 'Custom/Progress/QualityScore',
  teamSatisfaction: 'Custom/Progress/TeamSatisfaction',
  blockersCount: 'Custom/Progress/BlockerCount',
  codeReviewTime: 'Custom/Progress/CodeReviewTime',
  deploySuccessRate: 'Custom/Progress/DeploySuccessRate',
};

/** Datadog allows only letters, digits, `_` and `.` in a metric name: the same names, in its dotted form. */
export const DATADOG_METRIC: Record<KpiKey, string> = {
  overallProgress: 'custom.progress.overall_progress',
  taskCompletionRate: 'custom.progress.task_completion_rate',
  qualityScore: 'custom.progress.quality_score',
  teamSatisfaction: 'custom.progress.team_satisfaction',
  blockersCount: 'custom.progress.blocker_count',
  codeReviewTime: 'custom.progress.code_review_time',
  deploySuccessRate: 'custom.progress.deploy_success_rate',
};

export const EVENT_TYPE = 'ProgressUpdate';
const SOURCE = 'shinchoku';

/** Only the KPIs the day has: an empty cell is "no data", never a zero on a chart. */
function present(values: KpiValues): Array<[KpiKey, number]> {
  return (Object.entries(values) as Array<[KpiKey, number | null]>).filter((e): e is [KpiKey, number] => e[1] !== null && Number.isFinite(e[1]));
}

/** New Relic Metric API body: one batch, every day's gauges in it. */
export function newRelicMetricBody(days: readonly KpiDayPush[], nowMs: number): unknown[] {
  return [
    {
      common: { timestamp: nowMs, attributes: { source: SOURCE } },
      metrics: days.flatMap((d) =>
        present(d.values).map(([key, value]) => ({ name: NEW_RELIC_METRIC[key], type: 'gauge', value, attributes: { day: d.day } })),
      ),
    },
  ];
}

function eventAttributes(d: KpiDayPush): Record<string, string | number> {
  const out: Record<string, string | number> = { day: d.day, teamSize: d.teamSize, source: SOURCE };
  if (d.values.overallProgress !== null) out['overallProgress'] = d.values.overallProgress;
  if (d.values.qualityScore !== null) out['qualityScore'] = d.values.qualityScore;
  if (d.values.taskCompletionRate !== null) out['taskCompletionRate'] = d.values.taskCompletionRate;
  if (d.values.teamSatisfaction !== null) out['teamSatisfaction'] = d.values.teamSatisfaction;
  if (d.values.blockersCount !== null) out['blockersCount'] = d.values.blockersCount;
  return out;
}

/** New Relic Event API body: flat objects, `eventType` and `timestamp` beside the attributes. */
export function newRelicEventBody(days: readonly KpiDayPush[], nowMs: number): unknown[] {
  return days.map((d) => ({ eventType: EVENT_TYPE, timestamp: nowMs, ...eventAttributes(d) }));
}

/** Datadog v2 series body: type 3 is a gauge; timestamps in seconds. */
export function datadogSeriesBody(days: readonly KpiDayPush[], nowMs: number): { series: unknown[] } {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    series: days.flatMap((d) =>
      present(d.values).map(([key, value]) => ({
        metric: DATADOG_METRIC[key],
        type: 3,
        points: [{ timestamp, value }],
        tags: [`source:${SOURCE}`, `day:${d.day}`],
      })),
    ),
  };
}

/** Datadog v1 event: one per day (the API takes one event a request). */
export function datadogEventBody(d: KpiDayPush, nowMs: number): Record<string, unknown> {
  const attrs = eventAttributes(d);
  const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
  const text = [
    `Overall progress: ${percent(d.values.overallProgress)}`,
    `Quality score: ${d.values.qualityScore === null ? '—' : d.values.qualityScore.toFixed(1)}`,
    `Team size: ${d.teamSize}`,
  ].join('\n');
  return {
    title: `${EVENT_TYPE} ${d.day}`,
    text,
    date_happened: Math.floor(nowMs / 1000),
    alert_type: 'info',
    priority: 'low',
    source_type_name: 'my apps',
    aggregation_key: `shinchoku-progress-${d.day}`,
    tags: Object.entries(attrs).map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}:${v}`),
  };
}

/**
 * What has been pushed, per destination: the last day each one accepted. A destination that failed keeps its
 * day, so the next run sends what it missed, and no day goes to one destination twice.
 */
export type PushDestination = 'newrelic.metrics' | 'newrelic.events' | 'datadog.series' | 'datadog.events';
export type PushedDays = Partial<Record<PushDestination, string>>;

export function parsePushed(text: string | undefined): PushedDays {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!parsed || typeof parsed !== 'object') return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === 'string' && /^\d{4}-\d\d-\d\d$/.test(v))) as PushedDays;
  } catch {
    return {};
  }
}

/** A first push sends the last few days only, and a long outage no more than this many: older days are history. */
export const PUSH_BACKLOG_DAYS = 7;

/** The days a destination still needs, oldest first: after its marker, at most the last PUSH_BACKLOG_DAYS. */
export function daysToPush(rows: readonly KpiDayPush[], pushed: string | undefined, through: string, earliest: string): KpiDayPush[] {
  return rows
    .filter((r) => r.day <= through && r.day >= earliest && (pushed === undefined || r.day > pushed))
    .sort((a, b) => (a.day < b.day ? -1 : 1));
}
