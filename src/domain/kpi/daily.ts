import { addDays } from './days';
import { DIGITS, emptyKpis, KPI_FIELDS, round, type KpiValues } from './fields';

/**
 * The day's KPIs from the team's tables, as README ▸ The sheet ▸ KPI definitions states them. Plain facts in
 * (days as `yyyy-MM-dd` on the team's calendar), plain numbers out; null where there is nothing to measure.
 */

export interface TaskFact {
  project: string;
  status: string;
  /** Empty weighs 1. */
  weight: number | null;
  planned: string | null;
  due: string | null;
  doneDay: string | null;
}

export interface ProjectFact {
  name: string;
  /** Only an explicit FALSE (an unticked Active box) closes a project; an empty cell leaves it active. */
  active: boolean | null;
}

export interface ReportFact {
  day: string;
  mood: number | null;
}

export interface BlockerFact {
  openedDay: string | null;
  resolvedDay: string | null;
  status: string;
}

export interface DeploymentFact {
  state: string;
  finishedDay: string | null;
  /** `deployment` (GitHub Deployments) or `workflow` (a deploy workflow's run). */
  source: string;
}

/** A day's row of `GitHub Metrics` (the GitHub area computes these from its tables). */
export interface GitHubDayFact {
  day: string;
  codeReviewTime: number | null;
  /** Successful production deployments that day. */
  deployments: number | null;
  /** Of those, the share that caused an incident. */
  changeFailureRate: number | null;
}

export interface DailyInputs {
  tasks: readonly TaskFact[];
  projects: readonly ProjectFact[];
  reports: readonly ReportFact[];
  blockers: readonly BlockerFact[];
  deployments: readonly DeploymentFact[];
  github: readonly GitHubDayFact[];
}

export const DONE_STATUS = /^(done|completed?|closed|finished|resolved|完了|済み?|終了|クローズ)$/i;
export const RESOLVED_STATUS = /^(resolved|closed|done|fixed|解決|解決済み?|完了|クローズ|対応済み?)$/i;
const FINISHED_DEPLOY = new Set(['success', 'failure', 'error']);

/** Days a rolling figure looks back over, the day itself included. */
export const WINDOW_DAYS = 7;

export function computeKpis(input: DailyInputs, day: string): KpiValues {
  const out = emptyKpis();
  const closed = new Set(input.projects.filter((p) => p.active === false).map((p) => p.name.trim().toLowerCase()));
  const tasks = input.tasks.filter((t) => !closed.has(t.project.trim().toLowerCase()));

  out.overallProgress = overallProgress(tasks, day);
  out.taskCompletionRate = taskCompletionRate(tasks, day);
  out.teamSatisfaction = teamSatisfaction(input.reports, day);
  out.blockersCount = blockersCount(input.blockers, day);
  out.codeReviewTime = input.github.find((g) => g.day === day)?.codeReviewTime ?? null;
  out.deploySuccessRate = deploySuccessRate(input.deployments, day);
  out.qualityScore = qualityScore(out.deploySuccessRate, changeFailureRate(input.github, day));

  for (const field of KPI_FIELDS) {
    const value = out[field.key];
    out[field.key] = value === null || !Number.isFinite(value) ? null : round(value, DIGITS[field.kind]);
  }
  return out;
}

/** Done by the end of `day`: marked done, and not done later than that day (an empty Done At counts as done). */
export function doneBy(task: TaskFact, day: string): boolean {
  return DONE_STATUS.test(task.status.trim()) && (task.doneDay === null || task.doneDay <= day);
}

function weightOf(task: TaskFact): number {
  return task.weight === null || !Number.isFinite(task.weight) ? 1 : Math.max(0, task.weight);
}

/** Σ weight of done tasks ÷ Σ weight of all tasks (of active projects). */
export function overallProgress(tasks: readonly TaskFact[], day: string): number | null {
  let all = 0;
  let done = 0;
  for (const task of tasks) {
    const w = weightOf(task);
    all += w;
    if (doneBy(task, day)) done += w;
  }
  return all > 0 ? done / all : null;
}

/** Tasks due or planned for the day that were done by its end ÷ those due or planned. */
export function taskCompletionRate(tasks: readonly TaskFact[], day: string): number | null {
  const scheduled = tasks.filter((t) => t.due === day || t.planned === day);
  if (scheduled.length === 0) return null;
  return scheduled.filter((t) => doneBy(t, day)).length / scheduled.length;
}

/** Mean mood (1–5) of the day's reports; reports without a mood do not count. */
export function teamSatisfaction(reports: readonly ReportFact[], day: string): number | null {
  const moods = reports.filter((r) => r.day === day && r.mood !== null && r.mood >= 1 && r.mood <= 5).map((r) => r.mood as number);
  return moods.length === 0 ? null : moods.reduce((a, b) => a + b, 0) / moods.length;
}

/**
 * Blockers open at the end of the day: opened by then (or with no Opened At), and not resolved by then. A blocker
 * marked resolved without a Resolved At is taken as resolved whatever the day.
 */
export function blockersCount(blockers: readonly BlockerFact[], day: string): number {
  return blockers.filter((b) => {
    if (b.openedDay !== null && b.openedDay > day) return false;
    if (b.resolvedDay !== null) return b.resolvedDay > day;
    return !RESOLVED_STATUS.test(b.status.trim());
  }).length;
}

/**
 * Successful ÷ finished (success, failure, error) deployments that finished in the 7 days ending on the day.
 * Like the GitHub metrics: a team's GitHub deployments when it has any, otherwise its deploy workflows' runs.
 */
export function deploySuccessRate(deployments: readonly DeploymentFact[], day: string): number | null {
  const from = addDays(day, 1 - WINDOW_DAYS);
  const hasDeployments = deployments.some((d) => d.source.trim() !== 'workflow');
  const finished = deployments.filter(
    (d) =>
      (d.source.trim() === 'workflow') !== hasDeployments &&
      FINISHED_DEPLOY.has(d.state.trim().toLowerCase()) &&
      d.finishedDay !== null &&
      d.finishedDay >= from &&
      d.finishedDay <= day,
  );
  if (finished.length === 0) return null;
  return finished.filter((d) => d.state.trim().toLowerCase() === 'success').length / finished.length;
}

/** Of the successful production deploys of the 7 days ending on the day, the share that caused an incident. */
export function changeFailureRate(github: readonly GitHubDayFact[], day: string): number | null {
  const from = addDays(day, 1 - WINDOW_DAYS);
  let deploys = 0;
  let failed = 0;
  for (const g of github) {
    if (g.day < from || g.day > day || !g.deployments) continue;
    deploys += g.deployments;
    failed += (g.changeFailureRate ?? 0) * g.deployments;
  }
  return deploys === 0 ? null : failed / deploys;
}

/**
 * Quality Score on the 1–5 scale: 1 + 4 × deploy success rate × (1 − change failure rate), over the same 7 days.
 * Every deploy succeeding and none causing an incident is 5; nothing succeeding is 1. No finished deploy, no
 * score (a person may type one: it is kept).
 */
export function qualityScore(successRate: number | null, failureRate: number | null): number | null {
  if (successRate === null) return null;
  const f = Math.min(1, Math.max(0, failureRate ?? 0));
  return round(1 + 4 * Math.min(1, Math.max(0, successRate)) * (1 - f), 1);
}
