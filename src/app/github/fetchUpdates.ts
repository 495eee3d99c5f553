import type { Facts } from '../../domain/github/facts';
import {
  advance,
  finishPass,
  pageFacts,
  passDone,
  startPass,
  variables,
  type RepoCursor,
  type SyncCursors,
  type SyncPage,
} from '../../domain/github/syncPass';
import { SYNC_QUERY } from '../../domain/github/queries';
import type { GitHubGraphQL } from '../../platform/github';

export interface FetchDeps {
  client: GitHubGraphQL;
  /** The execution's clock: it moves on with every call, so the time box can be kept. */
  now(): Date;
  repositories: readonly string[];
  cursors: SyncCursors;
  /** Stop fetching once this long has passed since `startedAt`: what was fetched is still written. */
  budgetMs: number;
  startedAt: Date;
  backfillDays: number;
  incidentLabel: string;
}

export type StopReason = 'done' | 'time' | 'rate-limit';

export interface FetchOutcome {
  facts: Facts[];
  cursors: SyncCursors;
  requests: number;
  stopped: StopReason;
  /** When the rate limit lets the next request through. */
  resumeAt?: string;
  /** Repositories GitHub would not give (not found, no access), with GitHub's words; the others went on. */
  problems: string[];
  repositories: Record<string, { requests: number; complete: boolean }>;
}

/** Where the token's rate-limit wait is kept among the cursors. */
export const RATE_LIMIT_KEY = '*';

/** Keep this many GraphQL points for everything else that uses the token (other tools, the next hour). */
export const RATE_LIMIT_RESERVE = 100;
/**
 * A request is not started unless this much of the time box is left: a slow GitHub answer takes seconds. A tenth
 * of the box, at most 10 s.
 */
export const requestAllowanceMs = (budgetMs: number): number => Math.min(10_000, budgetMs / 10);

/**
 * Reads what changed on GitHub since each repository's cursor, a page of every unfinished connection per
 * request, until all are read, the time box is spent, or the rate limit says stop. Nothing is written here;
 * the cursors it returns are saved only once its facts are in the tables, so an execution that dies in between
 * reads the same pages again next time (every write is an upsert).
 */
export function fetchUpdates(deps: FetchDeps): FetchOutcome {
  const cursors: SyncCursors = { ...deps.cursors };
  const outcome: FetchOutcome = { facts: [], cursors, requests: 0, stopped: 'done', problems: [], repositories: {} };
  // The rate limit is the token's, not a repository's: one wait holds for all of them.
  const waiting = cursors[RATE_LIMIT_KEY]?.resumeAfter;
  if (waiting && Date.parse(waiting) > deps.now().getTime()) return { ...outcome, stopped: 'rate-limit', resumeAt: waiting };
  delete cursors[RATE_LIMIT_KEY];
  for (const repository of deps.repositories) {
    const [owner = '', name = ''] = repository.split('/');
    const key = repository.toLowerCase();
    const cursor: RepoCursor = cursors[key] ?? {};
    const stats = { requests: 0, complete: false };
    outcome.repositories[repository] = stats;
    let pass = cursor.pass ?? startPass(cursor, deps.now(), deps.backfillDays, deps.incidentLabel !== '');
    while (!passDone(pass)) {
      if (deps.now().getTime() - deps.startedAt.getTime() + requestAllowanceMs(deps.budgetMs) > deps.budgetMs) {
        outcome.stopped = 'time';
        break;
      }
      const answer = deps.client.query(SYNC_QUERY, variables(owner, name, pass, deps.incidentLabel));
      outcome.requests++;
      stats.requests++;
      if (answer.kind === 'rate-limited') {
        outcome.stopped = 'rate-limit';
        outcome.resumeAt = answer.resumeAt.toISOString();
        break;
      }
      if (answer.kind === 'failed') {
        outcome.problems.push(`${repository}: ${answer.message}`);
        break;
      }
      const page = answer.data as SyncPage;
      if (!page.repository) {
        outcome.problems.push(`${repository}: not found, or GITHUB_TOKEN cannot read it`);
        break;
      }
      outcome.facts.push(pageFacts(page));
      pass = advance(pass, page);
      if (answer.remaining !== null && answer.remaining < RATE_LIMIT_RESERVE && !passDone(pass)) {
        outcome.stopped = 'rate-limit';
        outcome.resumeAt = (answer.resetAt ?? new Date(deps.now().getTime() + 3600_000)).toISOString();
        break;
      }
    }
    if (passDone(pass)) {
      cursors[key] = finishPass(pass);
      stats.complete = true;
    } else {
      cursors[key] = cursor.since !== undefined ? { since: cursor.since, pass } : { pass };
    }
    if (outcome.stopped !== 'done') break;
  }
  if (outcome.stopped === 'rate-limit' && outcome.resumeAt) cursors[RATE_LIMIT_KEY] = { resumeAfter: outcome.resumeAt };
  return outcome;
}
