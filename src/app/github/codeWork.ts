import type { Contribution } from '../../domain/code/developerMetrics';
import { changeLabel, taskIdsNamed, type ChangeRequest } from '../../domain/code/taskLinks';
import type { Facts, PullFact } from '../../domain/github/facts';
import type { GitHubState } from '../../domain/github/merge';
import { cellNumber, cellText, cellTime, forgeOf, pullKey, type PullRow } from '../../domain/github/rows';
import {
  moveTasks,
  quarterHourDays,
  writeDeveloperMetrics,
  type AppliedMove,
  type ChangeTransition,
  type DeveloperMetricsDeps,
  type TasksTable,
} from '../codeWork';

/**
 * GitHub's side of the code-work step: its pull requests as change requests, its commits, PRs and reviews as
 * contributions. Runs inside applyFacts, after the merge and before the writes, so the `Tasks` ids it finds on
 * a PR are written with the PR's row.
 */

export interface GitHubCodeWorkDeps {
  /** Null when the workbook has no `Tasks` sheet. */
  tasks: TasksTable | null;
  /** Null when DEVELOPER_METRICS is off. */
  metrics: DeveloperMetricsDeps | null;
  taskPattern: RegExp | null;
  completeOnMerge: boolean;
  /** Days (yyyy-mm-dd) to recompute whatever changed: the sync's reconciliation window. */
  recentDays: readonly string[];
}

export interface CodeWorkOutcome {
  moves: AppliedMove[];
  developerRows: number;
}

export function pullState(row: PullRow): ChangeRequest['state'] {
  if (cellTime(row.merged) !== null || cellText(row.state) === 'merged') return 'merged';
  return cellText(row.state) === 'open' ? 'open' : 'closed';
}

export function githubCodeWork(deps: GitHubCodeWorkDeps, before: GitHubState, state: GitHubState, batches: ReadonlyArray<Facts>): CodeWorkOutcome {
  const latest = new Map<string, PullFact>();
  for (const facts of batches) for (const f of facts.pulls ?? []) latest.set(pullKey(f.repository, f.number, facts.forge), f);

  const moves = deps.tasks ? linkTasks(deps.tasks, deps, before, state, latest) : [];
  const developerRows = deps.metrics ? writeDeveloperMetrics(deps.metrics, contributions(state), changedDays(deps, before, state)) : 0;
  return { moves, developerRows };
}

function linkTasks(
  tasks: TasksTable,
  deps: GitHubCodeWorkDeps,
  before: GitHubState,
  state: GitHubState,
  latest: ReadonlyMap<string, PullFact>,
): AppliedMove[] {
  const changed = [...state.pulls.entries()].filter(([key, row]) => before.pulls.get(key) !== row);
  if (changed.length === 0) return [];
  const ids = tasks.read().rows.map((r) => cellText(r.record.id));
  if (ids.length === 0) return [];
  const transitions: ChangeTransition[] = [];
  for (const [key, row] of changed) {
    const fact = latest.get(key);
    const change: ChangeRequest = {
      forge: forgeOf(row.forge),
      repository: cellText(row.repository),
      number: cellNumber(row.number) ?? 0,
      url: cellText(row.url),
      title: cellText(row.title),
      branch: fact?.branch ?? cellText(row.branch),
      body: fact?.body ?? '',
      state: pullState(row),
      mergedAt: cellTime(row.merged) !== null ? new Date(cellTime(row.merged) ?? 0).toISOString() : null,
      author: cellText(row.author),
      additions: cellNumber(row.additions),
      deletions: cellNumber(row.deletions),
    };
    const known = cellText(row.tasks).split(/\r?\n/).filter(Boolean);
    const taskIds = [...new Set([...known, ...taskIdsNamed(change, ids, deps.taskPattern)])];
    if (taskIds.length === 0) continue;
    if (taskIds.join('\n') !== known.join('\n')) state.pulls.set(key, { ...row, tasks: taskIds.join('\n') });
    const old = before.pulls.get(key);
    transitions.push({ change, previous: old ? pullState(old) : undefined, taskIds });
  }
  const byLabel = new Map<string, ChangeRequest['state']>();
  for (const row of state.pulls.values())
    byLabel.set(
      changeLabel({ forge: forgeOf(row.forge), repository: cellText(row.repository), number: cellNumber(row.number) ?? 0 }),
      pullState(row),
    );
  return moveTasks(tasks, transitions, deps.completeOnMerge, (label) => byLabel.get(label));
}

/** Every contribution the GitHub tables know of; developerDays keeps those of the days asked for. */
function contributions(state: GitHubState): Contribution[] {
  const out: Contribution[] = [];
  for (const c of state.commits.values()) {
    const at = cellTime(c.committedAt);
    const add = cellNumber(c.additions);
    const del = cellNumber(c.deletions);
    if (at !== null)
      out.push({
        forge: forgeOf(c.forge),
        kind: 'commit',
        login: cellText(c.author),
        at: new Date(at),
        lines: add !== null && del !== null ? add + del : null,
      });
  }
  const readyAt = new Map<string, number | null>();
  for (const p of state.pulls.values()) {
    const login = cellText(p.author);
    const forge = forgeOf(p.forge);
    const created = cellTime(p.created);
    const merged = cellTime(p.merged);
    const add = cellNumber(p.additions);
    const del = cellNumber(p.deletions);
    readyAt.set(pullKey(cellText(p.repository), cellText(p.number), forge), cellTime(p.readyForReview) ?? created);
    if (created !== null) out.push({ forge, kind: 'opened', login, at: new Date(created) });
    if (merged !== null) out.push({ forge, kind: 'merged', login, at: new Date(merged), lines: add !== null && del !== null ? add + del : null });
  }
  // A reviewer's wait counts once per PR, at their first review of it.
  const first = new Map<string, number>();
  for (const r of state.reviews.values()) {
    const at = cellTime(r.submittedAt);
    if (at === null) continue;
    const key = `${pullKey(cellText(r.repository), cellText(r.number), forgeOf(r.forge))}\u0001${cellText(r.reviewer).toLowerCase()}`;
    if (!first.has(key) || at < (first.get(key) ?? Infinity)) first.set(key, at);
  }
  for (const r of state.reviews.values()) {
    const at = cellTime(r.submittedAt);
    if (at === null || /^(PENDING|DISMISSED)$/.test(cellText(r.state))) continue;
    const pull = pullKey(cellText(r.repository), cellText(r.number), forgeOf(r.forge));
    const isFirst = first.get(`${pull}\u0001${cellText(r.reviewer).toLowerCase()}`) === at;
    const ready = readyAt.get(pull) ?? null;
    out.push({
      forge: forgeOf(r.forge),
      kind: 'review',
      login: cellText(r.reviewer),
      at: new Date(at),
      waitedHours: isFirst && ready !== null ? (at - ready) / 3_600_000 : null,
    });
  }
  return out;
}

/** The days whose counts may have changed: those of every changed row, before and after, and the recent ones. */
function changedDays(deps: GitHubCodeWorkDeps, before: GitHubState, state: GitHubState): Set<string> {
  const dayOf = deps.metrics ? quarterHourDays(deps.metrics.calendar) : () => '';
  const days = new Set<string>(deps.recentDays);
  const add = (...values: unknown[]) => {
    for (const v of values) {
      const t = cellTime(v as PullRow['created']);
      if (t !== null) days.add(dayOf(new Date(t)));
    }
  };
  for (const [key, row] of state.commits) {
    const old = before.commits.get(key);
    if (old !== row) add(row.committedAt, old?.committedAt);
  }
  for (const [key, row] of state.pulls) {
    const old = before.pulls.get(key);
    if (old !== row) add(row.created, row.merged, old?.created, old?.merged);
  }
  for (const [key, row] of state.reviews) {
    const old = before.reviews.get(key);
    if (old !== row) add(row.submittedAt, old?.submittedAt);
  }
  return days;
}
