import type { PayloadReader } from '../payloadReader';

/** The part of a key that tells apart deliveries with the same action at the same second. */
export function actionSubject(r: PayloadReader, action: string): string {
  switch (action) {
    case 'labeled':
    case 'unlabeled':
      return `:${r.optText('label.name') ?? ''}`;
    case 'assigned':
    case 'unassigned':
      return `:${r.optText('assignee.login') ?? ''}`;
    case 'review_requested':
    case 'review_request_removed':
      return `:${r.optText('requested_reviewer.login') ?? r.optText('requested_team.slug') ?? r.optText('requested_team.name') ?? ''}`;
    case 'milestoned':
    case 'demilestoned':
      return `:${r.optText('milestone.number') ?? ''}`;
    default:
      return '';
  }
}
