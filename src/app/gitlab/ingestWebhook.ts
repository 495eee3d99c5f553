import { AuthError, ConfigError } from '../../domain/errors';
import { isEmptyFacts } from '../../domain/github/facts';
import { readGitLabDelivery } from '../../domain/gitlab/delivery';
import { secureEquals } from '../../domain/secureCompare';
import type { Locked } from '../../platform/lock';
import type { GITLAB_EVENTS } from '../../sheets/gitlabTables';
import type { Table } from '../../sheets/table';
import { PROP } from '../properties';

type EventKey = (typeof GITLAB_EVENTS)['columns'][number]['key'];

export interface GitLabIngestDeps {
  now: Date;
  events: Table<EventKey>;
  locked: Locked;
  markPending(at: Date): void;
}

/** One delivery, however it came: the direct path, or the gateway after it checked `X-Gitlab-Token`. */
export interface GitLabDeliveryInput {
  /** `X-Gitlab-Event`, when the gateway passes it on; the direct path has no headers. */
  event: string | undefined;
  /**
   * GitLab's `Idempotency-Key` (the same for every retry of one delivery), when the gateway passes it on. Said
   * back in the answer for the gateway's log; duplicates are found by the event's own key, which the direct path
   * (no headers) can compute too and which also catches the same event arriving by both paths.
   */
  idempotencyKey: string | undefined;
  body: string;
}

export type GitLabWebhookAnswer =
  | { ok: true; ignored: string; reason?: string }
  | { ok: true; event: string; action: string; project: string; recorded: boolean; duplicate?: true; delivery?: string };

/** The direct path's token (`?source=gitlab&token=…`), compared in constant time before the body is read. */
export function checkGitLabToken(properties: Readonly<Record<string, string>>, token: string | undefined): void {
  const expected = properties[PROP.webhookTokenGitLab];
  if (!expected) throw new ConfigError('the GitLab webhook has no token yet: run setup first');
  if (!token || !secureEquals(token, expected)) throw new AuthError('missing or wrong token');
}

/**
 * One delivery becomes one `GitLab Events` row holding its facts until the next run applies them
 * (processGitLabEvents, every minute): one read and one append of that table and the flush before the lock
 * is let go — 3 Spreadsheet calls, always. So Settings is not read here: the applier leaves events of projects
 * not in GITLAB_PROJECTS out of the tables and marks their rows ignored. The body is checked whole before
 * anything is written; a delivery already recorded (GitLab retries, a resend, or the same event by both paths)
 * writes nothing.
 */
export function ingestGitLabDelivery(deps: GitLabIngestDeps, input: GitLabDeliveryInput): GitLabWebhookAnswer {
  const delivery = readGitLabDelivery(input.body, input.event);
  if (delivery.kind === 'ignored')
    return delivery.reason ? { ok: true, ignored: delivery.event, reason: delivery.reason } : { ok: true, ignored: delivery.event };
  const record = delivery.record;
  const hasFacts = !isEmptyFacts(record.facts);
  return deps.locked(() => {
    const key = deps.events.keyOf({ dedupeKey: record.dedupeKey });
    const base = {
      ok: true as const,
      event: record.event,
      action: record.action,
      project: record.project,
      ...(input.idempotencyKey ? { delivery: input.idempotencyKey.slice(0, 100) } : {}),
    };
    if (deps.events.read().rows.some((r) => deps.events.keyOf(r.record) === key)) return { ...base, recorded: false, duplicate: true as const };
    deps.events.upsert([
      {
        receivedAt: deps.now,
        event: record.event,
        action: record.action,
        repository: record.project,
        actor: record.actor,
        ref: record.ref,
        title: record.title,
        url: record.url,
        dedupeKey: record.dedupeKey,
        appliedAt: hasFacts ? null : deps.now,
        data: hasFacts ? JSON.stringify(record.facts) : null,
      },
    ]);
    if (hasFacts) deps.markPending(deps.now);
    return { ...base, recorded: true };
  });
}
