/**
 * Which GitHub event a delivery is. GitHub names it in the `X-GitHub-Event` header, which Apps Script cannot
 * read, so the name comes from `&event=` when the hook's URL carries it, and otherwise from the payload's
 * top-level keys: each event has keys no other event has. The rules are tried in order; the first whose keys
 * are all present names the event. The order matters where one event's keys contain another's: a
 * `deployment_status` payload also holds `deployment` and sometimes `workflow_run`, a `pull_request_review`
 * holds `pull_request`, an `issue_comment` holds `issue`. Every example payload GitHub publishes
 * (@octokit/webhooks-examples) is inferred right for the handled events, and never as a handled event otherwise
 * (test/unit/githubEvents.test.ts).
 */

/** The events this web app records; any other is answered `{"ok":true,"ignored":"<event>"}`. */
export const HANDLED_EVENTS = ['push', 'pull_request', 'pull_request_review', 'issues', 'deployment_status', 'workflow_run', 'ping'] as const;
export type HandledEvent = (typeof HANDLED_EVENTS)[number];

export const INFERENCE_RULES: ReadonlyArray<readonly [event: string, keys: readonly string[]]> = [
  ['ping', ['zen', 'hook_id']],
  ['pull_request_review_comment', ['pull_request', 'comment']],
  ['pull_request_review_thread', ['pull_request', 'thread']],
  ['pull_request_review', ['pull_request', 'review']],
  ['pull_request', ['pull_request', 'number']],
  ['deployment_status', ['deployment', 'deployment_status']],
  ['deployment_review', ['workflow_job_run', 'reviewers']],
  ['workflow_job', ['workflow_job']],
  ['deployment', ['deployment']],
  ['workflow_run', ['workflow_run', 'workflow']],
  ['check_run', ['check_run']],
  ['check_suite', ['check_suite']],
  ['issue_comment', ['issue', 'comment']],
  ['issues', ['issue']],
  ['push', ['ref', 'before', 'after', 'commits']],
  ['create', ['ref', 'ref_type', 'master_branch']],
  ['delete', ['ref', 'ref_type', 'pusher_type']],
  ['status', ['sha', 'state', 'context']],
  ['release', ['release']],
  ['discussion_comment', ['discussion', 'comment']],
  ['discussion', ['discussion']],
  ['commit_comment', ['comment']],
  ['code_scanning_alert', ['alert', 'commit_oid']],
  ['merge_group', ['merge_group']],
  ['fork', ['forkee']],
  ['star', ['starred_at']],
  ['gollum', ['pages']],
  ['page_build', ['build']],
  ['workflow_dispatch', ['workflow', 'inputs']],
  ['repository_dispatch', ['client_payload']],
  ['membership', ['member', 'team', 'scope']],
  ['member', ['member']],
  ['team_add', ['team', 'repository']],
  ['team', ['team']],
  ['milestone', ['milestone']],
  ['label', ['label']],
  ['package', ['package']],
  ['project_card', ['project_card']],
  ['project_column', ['project_column']],
  ['project', ['project']],
  ['projects_v2_item', ['projects_v2_item']],
  ['deploy_key', ['key']],
  ['meta', ['hook', 'hook_id']],
  ['installation_repositories', ['installation', 'repositories_added']],
  ['installation', ['installation', 'repositories']],
  ['marketplace_purchase', ['marketplace_purchase']],
  ['sponsorship', ['sponsorship']],
  ['security_advisory', ['security_advisory']],
  ['branch_protection_rule', ['rule']],
  ['organization', ['membership', 'organization']],
  ['org_block', ['blocked_user']],
];

/** The event a payload is, by its keys; `unknown` when no rule fits. */
export function inferEvent(payload: Readonly<Record<string, unknown>>): string {
  for (const [event, keys] of INFERENCE_RULES) {
    if (keys.every((k) => payload[k] !== undefined)) return event;
  }
  return 'unknown';
}

export function isHandled(event: string): event is HandledEvent {
  return (HANDLED_EVENTS as readonly string[]).includes(event);
}

/** The keys a payload of a handled event must have: an `&event=` that names the wrong event is caught here. */
export function requiredKeys(event: HandledEvent): readonly string[] {
  return INFERENCE_RULES.find(([name]) => name === event)?.[1] ?? [];
}
