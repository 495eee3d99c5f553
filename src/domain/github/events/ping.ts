import type { DeliveryRecord } from '../deliveryRecord';
import type { PayloadReader } from '../payloadReader';

/** GitHub's hello when a hook is created: recorded, so the team sees the hook works; it carries no facts. */
export function pingRecord(r: PayloadReader): DeliveryRecord {
  const hookId = r.text('hook_id');
  return {
    event: 'ping',
    action: '',
    repository: r.optText('repository.full_name') ?? r.optText('organization.login') ?? '',
    actor: r.actor(),
    ref: hookId,
    title: r.optText('zen') ?? '',
    // The hook's config.url is this web app's URL with its token: it is never kept.
    url: '',
    dedupeKey: `ping:${hookId}`,
    facts: {},
  };
}
