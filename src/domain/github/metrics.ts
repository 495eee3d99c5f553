import { cellNumber, cellText, cellTime, type CommitRow, type DeploymentRow, type IncidentRow, type PullRow, type ReviewRow } from './rows';

/**
 * Development and DORA metrics from the GitHub tables, for a range of days on the team's calendar (a day, an ISO
 * week, or any span such as "the last 7 days"). Each metric says which rows and columns it reads; README ▸
 * GitHub ▸ Metrics documents the same. The DORA keys follow dora-team/fourkeys' queries (deployments,
 * lead_time_for_changes, change_failure_rate, time_to_restore_services), adapted to these tables as noted.
 */

export interface MetricsInput {
  pulls: ReadonlyArray<PullRow>;
  reviews: ReadonlyArray<ReviewRow>;
  deployments: ReadonlyArray<DeploymentRow>;
  commits: ReadonlyArray<CommitRow>;
  incidents: ReadonlyArray<IncidentRow>;
  /** The team's calendar day (`yyyy-MM-dd`) of an instant. */
  dayOf(instant: Date): string;
  /** Deployment environments that are production (any case); empty: every environment. */
  productionEnvironments: readonly string[];
  /**
   * Hours between two instants without weekends and holidays, for review time and lead time (a PR opened on
   * Friday evening and reviewed Monday morning waited hours, not days); wall-clock hours when absent.
   */
  workingHours?: (start: Date, end: Date) => number;
}

/** Inclusive range of day keys. */
export interface DayRange {
  from: string;
  to: string;
}

export interface Metrics {
  commits: number;
  prsOpened: number;
  prsMerged: number;
  reviews: number;
  linesChanged: number;
  /** Median hours ready-for-review → first review, PRs first reviewed in the range; null without any. */
  codeReviewTime: number | null;
  /** Median hours created → merged, PRs merged in the range. */
  prCycleTime: number | null;
  /** Successful ÷ finished deployments (success, failure, error) finished in the range. */
  deploySuccessRate: number | null;
  /** DORA deployment frequency: successful production deployments in the range. */
  deployments: number;
  /** DORA lead time for changes: median hours commit → its successful production deploy, deploys in the range. */
  leadTime: number | null;
  /** DORA change failure rate: deploys in the range that caused an incident ÷ deploys in the range. */
  changeFailureRate: number | null;
  /** DORA time to restore: median hours an incident opened in the range stayed open (closed ones). */
  timeToRestore: number | null;
}

const HOUR = 3600 * 1000;
const FINISHED = new Set(['success', 'failure', 'error']);

export function metricsFor(input: MetricsInput, range: DayRange): Metrics {
  return metricsForPeriods(input, [range])[0] as Metrics;
}

/**
 * The metrics of several ranges at once, as a sync refreshes 41 periods over tables that hold years of rows.
 * What does not depend on the range (which deploys count, the changes each shipped, which one caused an incident)
 * is worked out once, and each row's day once, for the rows near the ranges only: per range, the work is then
 * proportional to the rows inside it, not to the tables.
 */
export function metricsForPeriods(input: MetricsInput, ranges: readonly DayRange[]): Metrics[] {
  if (ranges.length === 0) return [];
  const from = ranges.reduce((m, r) => (r.from < m ? r.from : m), ranges[0]!.from);
  const to = ranges.reduce((m, r) => (r.to > m ? r.to : m), ranges[0]!.to);
  // A calendar day lies within 14 hours of the UTC day of the same date, so instants outside these bounds cannot
  // fall on a day of the ranges and need no calendar look-up.
  const earliest = dayNumber(from) - DAY;
  const latest = dayNumber(to) + 2 * DAY;
  const near = <T>(rows: ReadonlyArray<T>, at: (row: T) => unknown): Array<Dated<T>> => {
    const out: Array<Dated<T>> = [];
    for (const row of rows) {
      const t = cellTime(at(row) as Date | null);
      if (t === null || t < earliest || t > latest) continue;
      const day = input.dayOf(new Date(t));
      if (day >= from && day <= to) out.push({ row, day });
    }
    return out;
  };
  const hours = (from: unknown, to: unknown): number | null => {
    const a = cellTime(from as Date | null);
    const b = cellTime(to as Date | null);
    return a === null || b === null ? null : (b - a) / HOUR;
  };
  // A day's changes come again in its week's range; working hours walk the calendar, so each pair is worked out once.
  const worked = new Map<string, number>();
  const workHours = (from: unknown, to: unknown): number | null => {
    const a = cellTime(from as Date | null);
    const b = cellTime(to as Date | null);
    if (a === null || b === null) return null;
    if (!input.workingHours || b <= a) return (b - a) / HOUR;
    const key = `${a}:${b}`;
    let h = worked.get(key);
    if (h === undefined) {
      h = input.workingHours(new Date(a), new Date(b));
      worked.set(key, h);
    }
    return h;
  };

  const deploys = deploymentsOf(input);
  const links = changesAndFailures(input, deploys.production);
  const commitsNear = near(input.commits, (c) => c.committedAt);
  const createdNear = near(input.pulls, (p) => p.created);
  const reviewedNear = near(input.pulls, (p) => p.firstReview);
  const mergedNear = near(input.pulls, (p) => p.merged);
  const reviewsNear = near(
    input.reviews.filter((r) => cellText(r.state) !== 'PENDING'),
    (r) => r.submittedAt,
  );
  const finishedNear = near(
    deploys.all.filter((d) => FINISHED.has(cellText(d.state))),
    (d) => d.finished,
  );
  const successfulNear = near(deploys.production, (d) => d.finished);
  const incidentsNear = near(input.incidents, (i) => i.opened);

  return ranges.map((range) => {
    const inRange = <T>(list: ReadonlyArray<Dated<T>>): T[] => list.filter((e) => e.day >= range.from && e.day <= range.to).map((e) => e.row);
    const commits = inRange(commitsNear);
    const reviewed = inRange(reviewedNear);
    const merged = inRange(mergedNear);
    const finished = inRange(finishedNear);
    const successful = inRange(successfulNear);

    const leadTimes: number[] = [];
    for (const deploy of successful) {
      for (const change of links.changes.get(deploy) ?? []) {
        const h = workHours(change.committedAt, deploy.finished);
        // fourkeys ignores changes that are not older than their deploy (automated pushes).
        if (h !== null && h > 0) leadTimes.push(h);
      }
    }

    const restored: number[] = [];
    for (const incident of inRange(incidentsNear)) {
      const closed = cellTime(incident.closed);
      if (closed === null) continue;
      // fourkeys starts the clock at the incident's cause when that is known and earlier than the report.
      const opened = cellTime(incident.opened) as number;
      const causeAt = links.causeTime.get(incident) ?? opened;
      restored.push((closed - Math.min(opened, causeAt)) / HOUR);
    }

    return {
      commits: commits.length,
      prsOpened: inRange(createdNear).length,
      prsMerged: merged.length,
      reviews: inRange(reviewsNear).length,
      linesChanged: commits.reduce((sum, c) => sum + (cellNumber(c.additions) ?? 0) + (cellNumber(c.deletions) ?? 0), 0),
      codeReviewTime: median(
        reviewed.map((p) => Math.max(0, workHours(cellTime(p.readyForReview) !== null ? p.readyForReview : p.created, p.firstReview) ?? 0)),
      ),
      prCycleTime: median(merged.map((p) => hours(p.created, p.merged)).filter((h): h is number => h !== null && h >= 0)),
      deploySuccessRate: finished.length === 0 ? null : round(finished.filter((d) => cellText(d.state) === 'success').length / finished.length, 4),
      deployments: successful.length,
      leadTime: median(leadTimes),
      changeFailureRate: successful.length === 0 ? null : round(successful.filter((d) => links.failed.has(d)).length / successful.length, 4),
      timeToRestore: median(restored),
    };
  });
}

interface Dated<T> {
  row: T;
  day: string;
}

/**
 * The deployments that count. A team's GitHub deployments when it has any; otherwise the runs of its deploy
 * workflows (the Deployments rows with Source `workflow`). Production: the configured environments, and
 * every deploy workflow run.
 */
function deploymentsOf(input: MetricsInput): { all: DeploymentRow[]; production: DeploymentRow[] } {
  const hasDeployments = input.deployments.some((d) => cellText(d.source) !== 'workflow');
  const all = input.deployments.filter((d) => (cellText(d.source) === 'workflow') !== hasDeployments);
  const environments = new Set(input.productionEnvironments.map((e) => e.trim().toLowerCase()).filter((e) => e !== ''));
  const production = all.filter(
    (d) =>
      cellText(d.state) === 'success' &&
      cellTime(d.finished) !== null &&
      (cellText(d.source) === 'workflow' || environments.size === 0 || environments.has(cellText(d.environment).toLowerCase())),
  );
  return { all, production };
}

/**
 * Which commits each successful production deploy shipped, and which deploys caused an incident.
 * Changes: the default-branch commits after the repository's previous successful production deploy, up to and
 * including the deployed commit (by commit time); for a repository's first deploy in the tables, the commits of
 * the push that produced the deployed SHA (fourkeys' own rule), or the deployed commit alone. fourkeys takes the
 * deployed push's commits only, which misses earlier pushes deployed together; the tables hold the branch's
 * history, so every change is counted.
 * Failures: an incident whose `Root Cause` names one of a deploy's changes (fourkeys), otherwise the last
 * successful production deploy of its repository before it was opened.
 */
function changesAndFailures(input: MetricsInput, production: readonly DeploymentRow[]) {
  const changes = new Map<DeploymentRow, CommitRow[]>();
  const failed = new Set<DeploymentRow>();
  const causeTime = new Map<IncidentRow, number>();
  const commitsByRepo = groupBy(input.commits, (c) => cellText(c.repository));
  const deploysByRepo = groupBy(production, (d) => cellText(d.repository));
  for (const [repository, list] of deploysByRepo) {
    const commits = (commitsByRepo.get(repository) ?? []).filter((c) => cellTime(c.committedAt) !== null);
    const bySha = new Map(commits.map((c) => [cellText(c.sha), c] as const));
    // By commit time, so the changes between two deploys are one slice found by binary search: a repository
    // with years of commits and deploys would otherwise scan every commit once per deploy.
    const byTime = commits.map((c) => ({ commit: c, at: cellTime(c.committedAt) as number })).sort((a, b) => a.at - b.at);
    const firstAfter = (t: number) => {
      let lo = 0;
      let hi = byTime.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((byTime[mid] as { at: number }).at > t) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    };
    const ordered = [...list].sort((a, b) => (cellTime(a.finished) as number) - (cellTime(b.finished) as number));
    let previousAt: number | null = null;
    for (const deploy of ordered) {
      const sha = cellText(deploy.sha);
      const head = bySha.get(sha);
      let shipped: CommitRow[] = [];
      if (head) {
        const headAt = cellTime(head.committedAt) as number;
        if (previousAt !== null) {
          shipped = byTime.slice(firstAfter(previousAt), firstAfter(headAt)).map((e) => e.commit);
        } else {
          shipped = commits.filter((c) => cellText(c.push) === sha);
          if (shipped.length === 0) shipped = [head];
        }
        previousAt = previousAt === null ? headAt : Math.max(previousAt, headAt);
      }
      changes.set(deploy, shipped);
    }
  }
  for (const incident of input.incidents) {
    const opened = cellTime(incident.opened);
    if (opened === null) continue;
    const repository = cellText(incident.repository);
    const deploys = deploysByRepo.get(repository) ?? [];
    const cause = cellText(incident.rootCause).toLowerCase();
    let culprit: DeploymentRow | undefined;
    if (cause) culprit = deploys.find((d) => (changes.get(d) ?? []).some((c) => cellText(c.sha).toLowerCase().startsWith(cause)));
    if (!culprit) {
      culprit = deploys
        .filter((d) => (cellTime(d.finished) as number) <= opened)
        .sort((a, b) => (cellTime(b.finished) as number) - (cellTime(a.finished) as number))[0];
    } else {
      causeTime.set(incident, cellTime(culprit.finished) as number);
    }
    if (culprit) failed.add(culprit);
  }
  return { changes, failed, causeTime };
}

function groupBy<T>(items: ReadonlyArray<T>, key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return round(value, 2);
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

// Calendar arithmetic on day keys, in UTC so that no time zone (and no DST) can shift a day.

const DAY = 24 * HOUR;

function dayNumber(key: string): number {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function dayKeyOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(key: string, days: number): string {
  return dayKeyOf(dayNumber(key) + days * DAY);
}

/** `2026-W02`: ISO 8601 weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(key: string): string {
  const t = dayNumber(key);
  const weekday = (new Date(t).getUTCDay() + 6) % 7;
  const thursday = t + (3 - weekday) * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday..Sunday of the ISO week a day is in. */
export function weekOf(key: string): DayRange & { week: string } {
  const t = dayNumber(key);
  const weekday = (new Date(t).getUTCDay() + 6) % 7;
  const from = dayKeyOf(t - weekday * DAY);
  return { week: isoWeek(key), from, to: addDays(from, 6) };
}

/** The periods a sync refreshes: each day of the last `days` up to `today`, and each ISO week they touch. */
export function recentPeriods(today: string, days: number): Array<{ period: string; start: string; range: DayRange }> {
  const out: Array<{ period: string; start: string; range: DayRange }> = [];
  const weeks = new Map<string, DayRange>();
  for (let i = days - 1; i >= 0; i--) {
    const day = addDays(today, -i);
    out.push({ period: day, start: day, range: { from: day, to: day } });
    const week = weekOf(day);
    weeks.set(week.week, { from: week.from, to: week.to });
  }
  for (const [week, range] of weeks) out.push({ period: week, start: range.from, range });
  return out;
}
