import { AuthError, ConfigError } from '../../domain/errors';
import { readDelivery } from '../../domain/github/delivery';
import { isEmptyFacts } from '../../domain/github/facts';
import { secureEquals } from '../../domain/secureCompare';
import type { Locked } from '../../platform/lock';
import type { Table } from '../../sheets/table';
import type { GITHUB_EVENTS } from '../../sheets/githubTables';
import { PROP } from '../properties';

type EventKey = (typeof GITHUB_EVENTS)['columns'][number]['key'];

export interface GitHubWebhookDeps {
  properties: Readonly<Record<string, string>>;
  now: Date;
  events: Table<EventKey>;
  locked: Locked;
  /** Notes that events wait to be applied (a Script Property), so the frequent job's idle runs read no sheet. */
  markPending(at: Date): void;
}

export interface GitHubWebhookRequest {
  token: string | undefined;
  body: string;
  contentType: string;
  formPayload: string | undefined;
  eventParam: string | undefined;
  /** The gateway checked X-Hub-Signature-256 and names the event (X-GitHub-Event): no URL token is involved. */
  signedByGateway?: boolean;
}

export type GitHubWebhookAnswer = { ok: true; ignored: string } | { ok: true; event: string; action: string; recorded: boolean; duplicate?: true };

/**
 * `POST …/exec?source=github&token=…[&event=NAME]`: one delivery becomes one `GitHub Events` row, holding its
 * facts for the other tables until the next run applies them (processGitHubEvents, every minute). Reading and
 * appending that one table is the whole cost: 3 Spreadsheet calls. The token is checked before the body is
 * read; the body is checked whole before anything is written; a delivery already recorded writes nothing.
 */
export function ingestGitHubWebhook(deps: GitHubWebhookDeps, request: GitHubWebhookRequest): GitHubWebhookAnswer {
  if (!request.signedByGateway) {
    const expected = deps.properties[PROP.webhookTokenGitHub];
    if (!expected) throw new ConfigError('the GitHub webhook has no token yet: run setup first');
    if (!request.token || !secureEquals(request.token, expected)) throw new AuthError('missing or wrong token');
  }

  const delivery = readDelivery({
    body: request.body,
    contentType: request.contentType,
    formPayload: request.formPayload,
    eventParam: request.eventParam,
  });
  if (delivery.kind === 'ignored') return { ok: true, ignored: delivery.event };
  const record = delivery.record;
  const hasFacts = !isEmptyFacts(record.facts);

  return deps.locked(() => {
    const existing = deps.events.read().rows.some((r) => deps.events.keyOf(r.record) === deps.events.keyOf({ dedupeKey: record.dedupeKey }));
    if (existing) return { ok: true as const, event: record.event, action: record.action, recorded: false, duplicate: true as const };
    deps.events.upsert([
      {
        receivedAt: deps.now,
        event: record.event,
        action: record.action,
        repository: record.repository,
        actor: record.actor,
        ref: record.ref,
        title: record.title,
        url: record.url,
        dedupeKey: record.dedupeKey,
        // Nothing to apply (a ping, a push to another branch): the row is complete as it is.
        appliedAt: hasFacts ? null : deps.now,
        data: hasFacts ? JSON.stringify(record.facts) : null,
      },
    ]);
    if (hasFacts) deps.markPending(deps.now);
    return { ok: true as const, event: record.event, action: record.action, recorded: true };
  });
}
