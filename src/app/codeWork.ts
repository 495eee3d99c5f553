import { developerDays, NO_ACTIVITY, type Contribution, type MemberLogins } from '../domain/code/developerMetrics';
import { taskMoves, type ChangeRequest, type TaskMove, type TaskView } from '../domain/code/taskLinks';
import { cellText } from '../domain/github/rows';
import type { Calendar } from '../platform/timeZone';
import type { DEVELOPER_METRICS, GITHUB_METRICS } from '../sheets/githubTables';
import { doraLevelOf, type DoraWeek } from '../domain/code/doraReport';
import type { DeveloperDayRow } from '../domain/code/developerSummary';
import type { Table } from '../sheets/table';
import type { MEMBERS, TASKS } from '../sheets/tables';

/**
 * Forge-neutral use of the code-work domain: any forge's adapter (GitHub here, GitLab's too) hands over its
 * change-request transitions and its contributions, and these write `Tasks` and `Developer Metrics` — each in one
 * read and at most one write. The caller holds the script lock.
 */

type Keys<S extends { columns: ReadonlyArray<{ key: string }> }> = S['columns'][number]['key'];
export type TasksTable = Table<Keys<typeof TASKS>>;
export type DeveloperMetricsTable = Table<Keys<typeof DEVELOPER_METRICS>>;

export interface ChangeTransition {
  change: ChangeRequest;
  /** Its state before this run, undefined when first seen. */
  previous: ChangeRequest['state'] | undefined;
  /** The task ids it names (taskIdsNamed), with any linked before. */
  taskIds: string[];
}

export interface AppliedMove extends TaskMove {
  change: string;
  url: string;
}

/** Moves the tasks the transitions name; a task not in `Tasks` is skipped (it may have been renamed). */
export function moveTasks(
  tasks: TasksTable,
  transitions: ReadonlyArray<ChangeTransition>,
  completeOnMerge: boolean,
  stateOf: (label: string) => ChangeRequest['state'] | undefined,
): AppliedMove[] {
  if (transitions.every((t) => t.taskIds.length === 0)) return [];
  const views = new Map<string, TaskView>();
  for (const { record } of tasks.read().rows) {
    const id = cellText(record.id);
    views.set(id, {
      id,
      status: cellText(record.status),
      pullRequests: cellText(record.pullRequests),
      doneAt: record.doneAt instanceof Date ? record.doneAt : null,
    });
  }
  const applied: AppliedMove[] = [];
  for (const t of transitions) {
    for (const move of taskMoves(t.change, t.previous, t.taskIds, views, { completeOnMerge, stateOf })) {
      // The next transition in the same run (opened then merged) sees this one's result.
      const view = views.get(move.taskId);
      if (view) {
        view.pullRequests = move.pullRequests;
        if (move.status !== undefined) view.status = move.status;
        if (move.doneAt !== undefined) view.doneAt = move.doneAt;
      }
      applied.push({ ...move, change: `${t.change.repository}${t.change.forge === 'gitlab' ? '!' : '#'}${t.change.number}`, url: t.change.url });
    }
  }
  if (applied.length === 0) return [];
  const rows = new Map<string, { id: string; pullRequests: string; status?: string; doneAt?: Date | null }>();
  for (const m of applied) {
    const row = rows.get(m.taskId) ?? { id: m.taskId, pullRequests: m.pullRequests };
    row.pullRequests = m.pullRequests;
    if (m.status !== undefined) row.status = m.status;
    if (m.doneAt !== undefined) row.doneAt = m.doneAt;
    rows.set(m.taskId, row);
  }
  tasks.upsert([...rows.values()]);
  return applied;
}

export interface DeveloperMetricsDeps {
  table: DeveloperMetricsTable;
  calendar: Calendar;
  members: ReadonlyArray<MemberLogins>;
}

/**
 * Rewrites the rows of the given days from the contributions (all of them known for those days). A member with
 * a row for one of those days and no contribution left keeps the row, zeroed, so a count never silently stays.
 */
export function writeDeveloperMetrics(deps: DeveloperMetricsDeps, contributions: ReadonlyArray<Contribution>, days: ReadonlySet<string>): number {
  if (days.size === 0) return 0;
  const dayOf = quarterHourDays(deps.calendar);
  const rows = developerDays(contributions, deps.members, dayOf, days);
  const fresh = new Set(rows.map((r) => `${r.date}\u0001${r.member}`));
  const stale: Array<Record<string, unknown>> = [];
  for (const { record } of deps.table.read().rows) {
    const date = record.date instanceof Date ? deps.calendar.dateKey(record.date) : cellText(record.date);
    const member = cellText(record.member);
    if (days.has(date) && !fresh.has(`${date}\u0001${member}`))
      stale.push({
        date: record.date,
        member,
        ...NO_ACTIVITY,
      });
  }
  const result = deps.table.upsert([
    ...rows.map((r) => ({
      date: deps.calendar.midnight(r.date),
      member: r.member,
      commits: r.commits,
      lastCommitAt: r.lastCommitAt,
      prsOpened: r.prsOpened,
      prsMerged: r.prsMerged,
      reviews: r.reviews,
      linesChanged: r.linesChanged,
      medianReviewHours: r.medianReviewHours,
    })),
    ...(stale as Array<Parameters<DeveloperMetricsTable['upsert']>[0][number]>),
  ]);
  return result.created + result.updated;
}

/** Instants of one quarter-hour share a calendar day in every time zone, so one format per quarter-hour is enough. */
export function quarterHourDays(calendar: Calendar): (at: Date) => string {
  const cache = new Map<number, string>();
  return (at) => {
    const slot = Math.floor(at.getTime() / 900_000);
    let day = cache.get(slot);
    if (day === undefined) {
      day = calendar.dateKey(at);
      cache.set(slot, day);
    }
    return day;
  };
}

export function memberLogins(rows: ReadonlyArray<{ record: Partial<Record<Keys<typeof MEMBERS>, unknown>> }>): MemberLogins[] {
  return rows.map(({ record }) => ({
    name: cellText(record.name as never),
    githubLogin: cellText(record.githubLogin as never),
    gitlabUsername: cellText(record.gitlabUsername as never),
  }));
}

/** A week's DORA levels as the sync wrote them on its `GitHub Metrics` row (`2026-W02`), or null without one. */
export function doraOfWeek(metrics: Table<Keys<typeof GITHUB_METRICS>>, week: string): DoraWeek | null {
  const row = metrics.read().rows.find((r) => cellText(r.record.period) === week)?.record;
  if (!row) return null;
  return {
    deploymentFrequency: doraLevelOf(row.deployFrequencyLevel),
    leadTime: doraLevelOf(row.leadTimeLevel),
    changeFailureRate: doraLevelOf(row.changeFailureLevel),
    timeToRestore: doraLevelOf(row.restoreLevel),
  };
}

/** `Developer Metrics` as plain rows for the chat reports; a row without a date or member is skipped. */
export function readDeveloperDays(table: DeveloperMetricsTable, calendar: Calendar): DeveloperDayRow[] {
  const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const out: DeveloperDayRow[] = [];
  for (const { record } of table.read().rows) {
    const date = record.date instanceof Date ? calendar.dateKey(record.date) : cellText(record.date);
    const member = cellText(record.member);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || member === '') continue;
    out.push({
      date,
      member,
      commits: count(record.commits),
      prsOpened: count(record.prsOpened),
      prsMerged: count(record.prsMerged),
      reviews: count(record.reviews),
      linesChanged: count(record.linesChanged),
      medianReviewHours: typeof record.medianReviewHours === 'number' && Number.isFinite(record.medianReviewHours) ? record.medianReviewHours : null,
    });
  }
  return out;
}
