import { InputError } from '../errors';
import { MAX_BODY_CHARS } from '../github/delivery';
import {
  deploymentRecord,
  issueRecord,
  mergeRequestRecord,
  noteRecord,
  pipelineRecord,
  pushRecord,
  type GitLabEvent,
  type GitLabRecord,
} from './events';
import { GitLabReader } from './reader';

/**
 * A GitLab webhook delivery read whole before anything is written: its kind from `object_kind` (GitLab names
 * every event in its body, so no `&event=` is needed), checked against the `X-Gitlab-Event` header when the
 * gateway passes it on. A body that is not a GitLab event is an InputError naming what is wrong.
 */

const MAPPERS: Record<GitLabEvent, (r: GitLabReader) => GitLabRecord | { ignored: string }> = {
  merge_request: mergeRequestRecord,
  push: pushRecord,
  pipeline: pipelineRecord,
  deployment: deploymentRecord,
  note: noteRecord,
  issue: issueRecord,
};

/** `X-Gitlab-Event` header values → `object_kind`. Confidential issues and notes are issues and notes. */
const HEADER_KINDS: Record<string, string> = {
  'push hook': 'push',
  'tag push hook': 'tag_push',
  'merge request hook': 'merge_request',
  'note hook': 'note',
  'confidential note hook': 'note',
  'issue hook': 'issue',
  'confidential issue hook': 'issue',
  'pipeline hook': 'pipeline',
  'deployment hook': 'deployment',
  'job hook': 'build',
  'wiki page hook': 'wiki_page',
  'release hook': 'release',
  'emoji hook': 'emoji',
  'member hook': 'member',
  'feature flag hook': 'feature_flag',
  'resource access token hook': 'access_token',
  'milestone hook': 'milestone',
  'project hook': 'project',
  'vulnerability hook': 'vulnerability',
};

export type GitLabDelivery = { kind: 'ignored'; event: string; reason?: string } | { kind: 'event'; record: GitLabRecord };

export function readGitLabDelivery(body: string, eventHeader?: string): GitLabDelivery {
  const payload = parse(body);
  const kind = payload['object_kind'];
  if (typeof kind !== 'string' || !/^[a-z_]{1,40}$/.test(kind)) {
    throw new InputError('the body is not a GitLab webhook event: it has no "object_kind" (GitLab names every event there)', 'object_kind');
  }
  if (eventHeader !== undefined && eventHeader !== '') {
    const expected = HEADER_KINDS[eventHeader.trim().toLowerCase()];
    if (expected !== undefined && expected !== kind) {
      throw new InputError(`the X-Gitlab-Event header says "${eventHeader.slice(0, 40)}" but the body is a ${kind} event`, 'object_kind');
    }
  }
  if (!(kind in MAPPERS)) return { kind: 'ignored', event: kind };
  const reader = new GitLabReader(payload, kind);
  const out = MAPPERS[kind as GitLabEvent](reader);
  if ('ignored' in out) return { kind: 'ignored', event: kind, reason: out.ignored };
  return { kind: 'event', record: out };
}

function parse(body: string): Record<string, unknown> {
  if (body.length > MAX_BODY_CHARS)
    throw new InputError(`the request body is ${body.length} characters, more than GitLab sends (${MAX_BODY_CHARS}): refused`);
  if (body.trim() === '') throw new InputError('the request body is empty: send the GitLab event as JSON');
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    throw new InputError(`the request body is not valid JSON (${(e as Error).message})`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new InputError('the request body must be a JSON object: a GitLab webhook event');
  return data as Record<string, unknown>;
}
