import type { DeliveryRecord } from '../deliveryRecord';
import type { IssueFact } from '../facts';
import type { PayloadReader } from '../payloadReader';
import { rootCause } from '../rootCause';
import { actionSubject } from './actionSubject';

/** An issue changed: the issue, with the change that caused it when an incident names one. */
export function issuesRecord(r: PayloadReader): DeliveryRecord {
  const repository = r.repository();
  const action = r.text('action');
  const number = r.number('issue.number');
  const updatedAt = r.time('issue.updated_at');
  const labels = r.has('issue.labels') ? r.array('issue.labels').map((_, i) => r.item('issue.labels', i).text('name')) : [];
  const body = r.optText('issue.body') ?? '';
  const issue: IssueFact = {
    repository,
    number,
    updatedAt,
    title: r.text('issue.title'),
    labels,
    opened: r.time('issue.created_at'),
    closed: r.nullableTime('issue.closed_at'),
    url: r.text('issue.html_url'),
  };
  const cause = rootCause(body);
  if (cause) issue.rootCause = cause;
  if (r.has('issue.pull_request') || action === 'deleted' || action === 'transferred') issue.notAnIssue = true;
  const node = r.optText('issue.node_id') ?? `${repository}#${number}`;
  return {
    event: 'issues',
    action,
    repository,
    actor: r.actor(),
    ref: `#${number}`,
    title: issue.title,
    url: issue.url,
    dedupeKey: `issues:${node}:${action}:${updatedAt}${actionSubject(r, action)}`,
    facts: { issues: [issue] },
  };
}
