import { InputError } from '../../errors';
import type { DeliveryRecord } from '../deliveryRecord';

/**
 * The seed's GitHub Actions step posted `{event, repository, sha, ref}` rather than the event's payload. Such a
 * body says only that a workflow ran for a push or a pull request at a commit: it is recorded as that (a
 * `GitHub Events` row, action `actions`), and the sync brings the commit's or PR's facts for the repositories
 * in Settings. It carries nothing to count by itself.
 */
export const ACTIONS_BODY_KEYS = ['event', 'repository', 'sha', 'ref'] as const;

/** Whether a body is meant as the seed's Actions body: it has `event` and no key of a webhook payload. */
export function looksLikeActionsBody(payload: Readonly<Record<string, unknown>>): boolean {
  return typeof payload['event'] === 'string' && typeof payload['repository'] !== 'object';
}

const EVENTS: Record<string, DeliveryRecord['event']> = {
  push: 'push',
  pull_request: 'pull_request',
  pull_request_target: 'pull_request',
};

export function actionsRunRecord(payload: Readonly<Record<string, unknown>>): DeliveryRecord {
  const missing = ACTIONS_BODY_KEYS.filter((k) => typeof payload[k] !== 'string' || (payload[k] as string).trim() === '');
  if (missing.length > 0)
    throw new InputError(`a GitHub Actions body needs "${ACTIONS_BODY_KEYS.join('", "')}" as text; missing or empty: "${missing.join('", "')}"`);
  const name = String(payload['event']);
  const event = EVENTS[name];
  if (!event) throw new InputError(`a GitHub Actions body's "event" must be push or pull_request, got ${JSON.stringify(name.slice(0, 60))}`);
  const repository = String(payload['repository']);
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/.test(repository))
    throw new InputError(`a GitHub Actions body's "repository" must be owner/name, got ${JSON.stringify(repository.slice(0, 140))}`);
  const sha = String(payload['sha']);
  if (!/^[0-9a-f]{7,64}$/i.test(sha))
    throw new InputError(`a GitHub Actions body's "sha" must be a commit SHA, got ${JSON.stringify(sha.slice(0, 80))}`);
  const ref = String(payload['ref']).slice(0, 250);
  const pr = /^refs\/pull\/(\d+)\//.exec(ref);
  return {
    event,
    action: 'actions',
    repository,
    actor: typeof payload['actor'] === 'string' ? payload['actor'].slice(0, 100) : '',
    ref: pr ? `#${pr[1]}` : sha,
    title: ref.replace(/^refs\/(heads|tags)\//, ''),
    url: pr ? `https://github.com/${repository}/pull/${pr[1]}` : `https://github.com/${repository}/commit/${sha}`,
    dedupeKey: `actions:${event}:${repository}:${ref}:${sha}`,
    facts: {},
  };
}
