import type { Forge } from './taskLinks';

/**
 * Per-member, per-day activity from any forge's events. What is counted (README ▸ Developer Metrics):
 * - Commits: commits that reached a default branch, by author, on the day they were committed; Last Commit At the
 *   latest of them;
 * - PRs Opened / PRs Merged: change requests by their author, on the day they were opened / merged;
 * - Reviews: reviews (GitLab approvals) the member submitted that day;
 * - Lines Changed: additions + deletions of the member's commits of the day (where the forge said them), else of
 *   the change requests they merged that day;
 * - Median Review Hours: for the reviews the member submitted that day, the median hours from the change
 *   request's ready-for-review to that review — how long work waited for them.
 * A login no `Members` row claims is kept under `@login` (GitLab: `@login (GitLab)`), listed, never dropped.
 */

/** A member's day with nothing counted: a new day's start, and what a recomputed day without activity becomes. */
export const NO_ACTIVITY = {
  commits: 0,
  lastCommitAt: null,
  prsOpened: 0,
  prsMerged: 0,
  reviews: 0,
  linesChanged: 0,
  medianReviewHours: null,
} as const;

export type ContributionKind = 'commit' | 'opened' | 'merged' | 'review';

export interface Contribution {
  forge: Forge;
  kind: ContributionKind;
  /** The forge's login (GitHub) or username (GitLab); for commits, the author's login when the forge knows it. */
  login: string;
  at: Date;
  /** Additions + deletions, when known. */
  lines?: number | null;
  /** For reviews: hours the change request waited for it. */
  waitedHours?: number | null;
}

export interface MemberLogins {
  name: string;
  githubLogin: string;
  gitlabUsername: string;
}

export interface DeveloperDay {
  date: string;
  member: string;
  matched: boolean;
  commits: number;
  lastCommitAt: Date | null;
  prsOpened: number;
  prsMerged: number;
  reviews: number;
  linesChanged: number;
  medianReviewHours: number | null;
}

const norm = (login: string) => login.trim().replace(/^@/, '').toLowerCase();

/** Login → member name, per forge. */
export function memberResolver(members: ReadonlyArray<MemberLogins>): (forge: Forge, login: string) => { member: string; matched: boolean } {
  const github = new Map<string, string>();
  const gitlab = new Map<string, string>();
  for (const m of members) {
    if (norm(m.githubLogin)) github.set(norm(m.githubLogin), m.name);
    if (norm(m.gitlabUsername)) gitlab.set(norm(m.gitlabUsername), m.name);
  }
  return (forge, login) => {
    const found = (forge === 'gitlab' ? gitlab : github).get(norm(login));
    if (found) return { member: found, matched: true };
    return { member: forge === 'gitlab' ? `@${norm(login)} (GitLab)` : `@${norm(login)}`, matched: false };
  };
}

/** One row per member and day among `days` (yyyy-mm-dd on the team's clock, given by `dayOf`). */
export function developerDays(
  contributions: ReadonlyArray<Contribution>,
  members: ReadonlyArray<MemberLogins>,
  dayOf: (at: Date) => string,
  days: ReadonlySet<string>,
): DeveloperDay[] {
  const resolve = memberResolver(members);
  const rows = new Map<string, DeveloperDay & { commitLines: number; mergedLines: number; waits: number[] }>();
  for (const c of contributions) {
    if (!c.login || c.login === 'ghost') continue;
    const date = dayOf(c.at);
    if (!days.has(date)) continue;
    const { member, matched } = resolve(c.forge, c.login);
    const key = `${date}\u0001${member}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        date,
        member,
        matched,
        ...NO_ACTIVITY,
        commitLines: 0,
        mergedLines: 0,
        waits: [],
      };
      rows.set(key, row);
    }
    if (c.kind === 'commit') {
      row.commits++;
      if (!row.lastCommitAt || c.at > row.lastCommitAt) row.lastCommitAt = c.at;
      row.commitLines += c.lines ?? 0;
    } else if (c.kind === 'opened') row.prsOpened++;
    else if (c.kind === 'merged') {
      row.prsMerged++;
      row.mergedLines += c.lines ?? 0;
    } else {
      row.reviews++;
      if (c.waitedHours !== null && c.waitedHours !== undefined && c.waitedHours >= 0) row.waits.push(c.waitedHours);
    }
  }
  return [...rows.values()]
    .map(({ commitLines, mergedLines, waits, ...row }) => ({
      ...row,
      linesChanged: commitLines > 0 ? commitLines : mergedLines,
      medianReviewHours: median(waits),
    }))
    .sort((a, b) => (a.date === b.date ? a.member.localeCompare(b.member) : a.date < b.date ? -1 : 1));
}

export function median(values: ReadonlyArray<number>): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round(value * 10) / 10;
}
