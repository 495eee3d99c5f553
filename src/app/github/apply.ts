import type { Facts, PushFact } from '../../domain/github/facts';
import { mergeAll, type GitHubState, type MergeOptions } from '../../domain/github/merge';
import { notices, pushAlerts, type NoticeOptions } from '../../domain/github/notices';
import {
  cellText,
  forgeOf,
  pullKey,
  repoKey,
  type CommitRow,
  type DeploymentRow,
  type EventRow,
  type IncidentRow,
  type PullRow,
  type ReviewRow,
} from '../../domain/github/rows';
import type { COMMITS, DEPLOYMENTS, GITHUB_EVENTS, INCIDENTS, PULL_REQUESTS, REVIEWS } from '../../sheets/githubTables';
import type { TableSchema } from '../../sheets/schema';
import type { Row, Table } from '../../sheets/table';
import type { ChatMessage } from '../../domain/chat/outbox';
import type { AppliedMove } from '../codeWork';
import type { CodeWorkOutcome } from './codeWork';

type Keys<S extends TableSchema> = S['columns'][number]['key'];

export interface GitHubTables {
  events: Table<Keys<typeof GITHUB_EVENTS>>;
  pulls: Table<Keys<typeof PULL_REQUESTS>>;
  reviews: Table<Keys<typeof REVIEWS>>;
  deployments: Table<Keys<typeof DEPLOYMENTS>>;
  commits: Table<Keys<typeof COMMITS>>;
  incidents: Table<Keys<typeof INCIDENTS>>;
}

export interface ApplyOptions {
  now: Date;
  merge: MergeOptions;
  notices: NoticeOptions;
  /** Fills in the line counts of recent pushes (GitHub's compare API), for the large-push alert. */
  pushLines?: (pushes: PushFact[]) => void;
  /** Tasks and Developer Metrics (src/app/github/codeWork.ts), after the merge and before the writes. */
  codeWork?: (before: GitHubState, state: GitHubState, batches: ReadonlyArray<Facts>) => CodeWorkOutcome;
  /** Whether webhook events wait in `GitHub Events` (the pending mark); when not, that table is not read. */
  eventsPending: boolean;
  /**
   * Which waiting events to apply, by their Repository cell (GitLab's: the projects in GITLAB_PROJECTS, checked here
   * so the webhook itself need not read Settings). The others are marked applied with `Data` saying why.
   */
  accept?: { test: (repository: string) => boolean; ignored: string };
}

export interface ApplyResult {
  /** Webhook events merged in this run. */
  applied: number;
  /** Events whose Data could not be read (edited by hand): marked applied, left as they are, named here. */
  unreadable: string[];
  created: Record<string, number>;
  updated: Record<string, number>;
  notices: ChatMessage[];
  state: GitHubState;
  /** The tasks pull requests moved in this run. */
  moves: AppliedMove[];
}

/**
 * Merges the waiting webhook events and the given facts (from a sync) into the tables, in one read and at most
 * one write per table. The caller holds the script lock around it: webhooks append events meanwhile.
 */
export function applyFacts(tables: GitHubTables, extra: ReadonlyArray<Facts>, options: ApplyOptions): ApplyResult {
  const batches: Facts[] = [];
  const eventUpdates: Array<Partial<EventRow>> = [];
  const unreadable: string[] = [];
  let ignored = 0;
  if (options.eventsPending) {
    for (const { record } of tables.events.read().rows) {
      const data = cellText(record.data);
      if (record.appliedAt !== null || data === '') continue;
      if (options.accept && !options.accept.test(cellText(record.repository))) {
        eventUpdates.push({ ...record, appliedAt: options.now, data: options.accept.ignored });
        ignored++;
        continue;
      }
      try {
        batches.push(JSON.parse(data) as Facts);
        eventUpdates.push({ ...record, appliedAt: options.now, data: null });
      } catch {
        unreadable.push(cellText(record.dedupeKey));
        eventUpdates.push({ ...record, appliedAt: options.now });
      }
    }
  }
  batches.push(...extra);
  const pushes = batches.flatMap((b) => b.pushes ?? []);
  if (pushes.length > 0) options.pushLines?.(pushes);

  const before: GitHubState = {
    pulls: byKey(
      tables.pulls.read().rows.map((r) => r.record as PullRow),
      (r) => pullKey(cellText(r.repository), cellText(r.number), forgeOf(r.forge)),
    ),
    reviews: byKey(
      tables.reviews.read().rows.map((r) => r.record as ReviewRow),
      (r) => repoKey(cellText(r.repository), cellText(r.reviewId), forgeOf(r.forge)),
    ),
    deployments: byKey(
      tables.deployments.read().rows.map((r) => r.record as DeploymentRow),
      (r) => repoKey(cellText(r.repository), cellText(r.deploymentId), forgeOf(r.forge)),
    ),
    commits: byKey(
      tables.commits.read().rows.map((r) => r.record as CommitRow),
      (r) => repoKey(cellText(r.repository), cellText(r.sha), forgeOf(r.forge)),
    ),
    incidents: byKey(
      tables.incidents.read().rows.map((r) => r.record as IncidentRow),
      (r) => pullKey(cellText(r.repository), cellText(r.number), forgeOf(r.forge)),
    ),
  };
  const state: GitHubState = {
    pulls: new Map(before.pulls),
    reviews: new Map(before.reviews),
    deployments: new Map(before.deployments),
    commits: new Map(before.commits),
    incidents: new Map(before.incidents),
  };
  mergeAll(state, batches, options.merge);
  const work = options.codeWork?.(before, state, batches) ?? { moves: [], developerRows: 0 };

  const created: Record<string, number> = {};
  const updated: Record<string, number> = {};
  const write = <K extends string>(name: string, table: Table<K>, now: ReadonlyMap<string, Row<K>>, then: ReadonlyMap<string, Row<K>>) => {
    // Merges replace a row's object when they touch it: only those go to the table, which skips equal ones.
    const changed = [...now.entries()].filter(([key, row]) => then.get(key) !== row).map(([, row]) => row);
    const result = table.upsert(changed);
    created[name] = result.created;
    updated[name] = result.updated;
  };
  write('pulls', tables.pulls, state.pulls, before.pulls);
  write('reviews', tables.reviews, state.reviews, before.reviews);
  write('deployments', tables.deployments, state.deployments, before.deployments);
  write('commits', tables.commits, state.commits, before.commits);
  write('incidents', tables.incidents, state.incidents, before.incidents);
  if (eventUpdates.length > 0) tables.events.upsert(eventUpdates);

  const requests = batches.flatMap((b) => b.requests ?? []);
  return {
    applied: eventUpdates.length - unreadable.length - ignored,
    unreadable,
    created,
    updated,
    notices: [...notices(before, state, requests, options.notices), ...pushAlerts(pushes, options.notices)],
    state,
    moves: work.moves,
  };
}

function byKey<R>(rows: R[], key: (row: R) => string): Map<string, R> {
  return new Map(rows.map((r) => [key(r), r] as const));
}
