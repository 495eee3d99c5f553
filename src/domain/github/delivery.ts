import { InputError } from '../errors';
import type { DeliveryRecord } from './deliveryRecord';
import { inferEvent, isHandled, requiredKeys, type HandledEvent } from './eventType';
import { deploymentStatusRecord, workflowRunRecord } from './events/deployments';
import { issuesRecord } from './events/issues';
import { pingRecord } from './events/ping';
import { pullRequestRecord, pullRequestReviewRecord } from './events/pullRequests';
import { pushRecord } from './events/push';
import { PayloadReader } from './payloadReader';
import { ACTIONS_BODY_KEYS, actionsRunRecord, looksLikeActionsBody } from './events/actionsRun';

/**
 * A webhook delivery turned into what we keep: one `GitHub Events` row and the facts for the other tables.
 * The payload is checked field by field; a missing or mistyped field is an InputError that names it, raised
 * before anything is written.
 */

/** Each handled event's mapper, in events/: one file per kind of change. */
const MAPPERS: Record<HandledEvent, (r: PayloadReader) => DeliveryRecord> = {
  ping: pingRecord,
  pull_request: pullRequestRecord,
  pull_request_review: pullRequestReviewRecord,
  issues: issuesRecord,
  deployment_status: deploymentStatusRecord,
  workflow_run: workflowRunRecord,
  push: pushRecord,
};

/** GitHub caps a delivery at 25 MB: a bigger body cannot be one, and parsing it would eat the execution. */
export const MAX_BODY_CHARS = 25 * 1024 * 1024;

export type Delivery = { kind: 'ignored'; event: string } | { kind: 'event'; record: DeliveryRecord };

export interface DeliveryInput {
  body: string;
  contentType: string;
  /** The `payload` field of a form-encoded body, which Apps Script has already decoded into the parameters. */
  formPayload: string | undefined;
  /** `&event=` from the hook's URL, when the team added it. */
  eventParam: string | undefined;
}

export function readDelivery(input: DeliveryInput): Delivery {
  const payload = parsePayload(input);
  let event: string;
  if (input.eventParam !== undefined && input.eventParam !== '') {
    if (!/^[a-z][a-z0-9_]{0,59}$/.test(input.eventParam))
      throw new InputError(
        `the "event" parameter must be a GitHub event name such as pull_request, got ${JSON.stringify(input.eventParam.slice(0, 60))}`,
        'event',
      );
    event = input.eventParam;
    if (isHandled(event)) {
      const missing = requiredKeys(event).filter((k) => payload[k] === undefined);
      if (missing.length > 0) throw new InputError(`the payload is not a ${event} event: it has no "${missing.join('", "')}"`);
    }
  } else {
    event = inferEvent(payload);
    if (event === 'unknown' && looksLikeActionsBody(payload)) return { kind: 'event', record: actionsRunRecord(payload) };
    // Every webhook payload names its sender: one without is no event of any kind, and answering ok to it would
    // make a broken CI step look green.
    const sender = payload['sender'];
    if (event === 'unknown' && (sender === null || typeof sender !== 'object')) throw new InputError(unknownBody(payload));
  }
  if (!isHandled(event)) return { kind: 'ignored', event };
  return { kind: 'event', record: MAPPERS[event](new PayloadReader(payload, event)) };
}

function parsePayload(input: DeliveryInput): Record<string, unknown> {
  const form = /^application\/x-www-form-urlencoded\b/i.test(input.contentType);
  const text = form ? input.formPayload : input.body;
  if (form && text === undefined) throw new InputError('a form-encoded delivery must carry the event as JSON in its "payload" field');
  const body = text ?? '';
  if (body.length > MAX_BODY_CHARS) {
    throw new InputError(`the request body is ${body.length} characters, more than GitHub ever sends (${MAX_BODY_CHARS}): refused`);
  }
  if (body.trim() === '') throw new InputError('the request body is empty: send the GitHub event as JSON (or form-encoded, in "payload")');
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    const reason = (e as Error).message;
    if (/end of (json )?input|unterminated|unexpected end/i.test(reason)) {
      throw new InputError(`the request body ends before its JSON does (${body.length} characters received): was it cut short?`);
    }
    throw new InputError(`the request body is not valid JSON (${reason})`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new InputError('the request body must be a JSON object: a GitHub webhook payload');
  return data as Record<string, unknown>;
}

/** What a body that is no GitHub event lacks, in the terms of the two bodies this web app takes. */
function unknownBody(payload: Readonly<Record<string, unknown>>): string {
  const keys = Object.keys(payload).slice(0, 8);
  const actionsMissing = ACTIONS_BODY_KEYS.filter((k) => payload[k] === undefined);
  return (
    `the body is no GitHub event (keys: ${keys.length > 0 ? keys.map((k) => JSON.stringify(k.slice(0, 40))).join(', ') : 'none'}): ` +
    `send the webhook payload (add &event=NAME to the URL to name it), or a GitHub Actions body with "${ACTIONS_BODY_KEYS.join('", "')}" ` +
    `(missing: "${actionsMissing.join('", "')}")`
  );
}
