import type { BlockerFact, DeploymentFact, GitHubDayFact, ProjectFact, ReportFact, TaskFact } from '../domain/kpi/daily';
import { isDayKey } from '../domain/kpi/days';
import { KPI_FIELDS, type KpiValues } from '../domain/kpi/fields';
import type { GitHubWeekFact, KpiDay } from '../domain/kpi/weekly';
import type { CellValue, RecordOf } from '../sheets/schema';
import type { DEPLOYMENTS, GITHUB_METRICS } from '../sheets/githubTables';
import type { BLOCKERS, DAILY_REPORTS, KPI_TRACKING, PROJECTS, TASKS } from '../sheets/tables';

/**
 * Table rows as the plain facts the KPI definitions read. Cells are taken as people leave them: a date may be a
 * Date or typed text (`2026-01-05`), a number may arrive as text, a checkbox as TRUE/FALSE or text.
 */

export type DayOf = (instant: Date) => string;

/**
 * The day of an instant, remembered per quarter hour: a 100,000-row Tasks sheet holds a few thousand distinct
 * days, and Utilities.formatDate per cell would cost seconds. Every time zone's offset is a multiple of 15
 * minutes, so a day never changes inside a quarter hour.
 */
export function rememberDays(dateKey: DayOf): DayOf {
  const memo = new Map<number, string>();
  return (instant) => {
    const bucket = Math.floor(instant.getTime() / 900_000);
    let key = memo.get(bucket);
    if (key === undefined) {
      key = dateKey(instant);
      memo.set(bucket, key);
    }
    return key;
  };
}

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]' && !Number.isNaN((value as Date).getTime());
}

export function dayOf(value: CellValue | undefined, dateKey: DayOf): string | null {
  if (isDate(value)) return dateKey(value);
  if (typeof value === 'string') {
    const head = value.trim().slice(0, 10);
    if (isDayKey(head)) return head;
  }
  return null;
}

export function numberOf(value: CellValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim().replace(/,/g, ''));
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function text(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  return isDate(value) ? value.toISOString() : String(value).trim();
}

function flag(value: CellValue | undefined): boolean | null {
  if (value === true || value === false) return value;
  const t = text(value).toLowerCase();
  if (/^(true|yes|1|はい)$/.test(t)) return true;
  if (/^(false|no|0|いいえ)$/.test(t)) return false;
  return null;
}

export const taskFact = (r: RecordOf<typeof TASKS>, dateKey: DayOf): TaskFact => ({
  project: text(r.project),
  status: text(r.status),
  weight: numberOf(r.weight),
  planned: dayOf(r.plannedDate, dateKey),
  due: dayOf(r.dueDate, dateKey),
  doneDay: dayOf(r.doneAt, dateKey),
});

export const projectFact = (r: RecordOf<typeof PROJECTS>): ProjectFact => ({ name: text(r.name), active: flag(r.active) });

export const reportFact = (r: RecordOf<typeof DAILY_REPORTS>, dateKey: DayOf): ReportFact | null => {
  const day = dayOf(r.date, dateKey);
  return day === null ? null : { day, mood: numberOf(r.mood) };
};

export const blockerFact = (r: RecordOf<typeof BLOCKERS>, dateKey: DayOf): BlockerFact => ({
  openedDay: dayOf(r.openedAt, dateKey),
  resolvedDay: dayOf(r.resolvedAt, dateKey),
  status: text(r.status),
});

export const deploymentFact = (r: RecordOf<typeof DEPLOYMENTS>, dateKey: DayOf): DeploymentFact => ({
  state: text(r.state),
  finishedDay: dayOf(r.finished, dateKey),
  source: text(r.source) || 'deployment',
});

/** `GitHub Metrics` rows are per day (`2026-01-05`) or per ISO week (`2026-W02`). */
export function githubDayFact(r: RecordOf<typeof GITHUB_METRICS>): GitHubDayFact | null {
  const period = text(r.period);
  if (!isDayKey(period)) return null;
  return {
    day: period,
    codeReviewTime: numberOf(r.codeReviewTime),
    deployments: numberOf(r.deployments),
    changeFailureRate: numberOf(r.changeFailureRate),
  };
}

export function githubWeekFact(r: RecordOf<typeof GITHUB_METRICS>): [string, GitHubWeekFact] | null {
  const period = text(r.period);
  if (!/^\d{4}-W\d{2}$/.test(period)) return null;
  return [
    period,
    {
      prsMerged: numberOf(r.prsMerged),
      codeReviewTime: numberOf(r.codeReviewTime),
      deployments: numberOf(r.deployments),
      deploySuccessRate: numberOf(r.deploySuccessRate),
      leadTime: numberOf(r.leadTime),
      changeFailureRate: numberOf(r.changeFailureRate),
      timeToRestore: numberOf(r.timeToRestore),
      commits: numberOf(r.commits),
      linesChanged: numberOf(r.linesChanged),
    },
  ];
}

/** A `KPI Tracking` row's KPIs as the sheet holds them (typed text is not a number, so it is no value). */
export function kpiDay(r: RecordOf<typeof KPI_TRACKING>, dateKey: DayOf): KpiDay | null {
  const day = dayOf(r.date, dateKey);
  if (day === null) return null;
  const values = {} as KpiValues;
  for (const field of KPI_FIELDS) values[field.key] = numberOf(r[field.key]);
  return { day, values };
}
