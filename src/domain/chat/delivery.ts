/**
 * What an attempt to post a message came to, read from the answer (or its absence). Pure, so the retry rules can be
 * tested without a network: 429 waits as long as the service asks, 5xx and timeouts are retried with backoff, and
 * anything the service refused for good is failed at once — retrying it would only fail again.
 */
export type Reply =
  | { status: number; headers: Readonly<Record<string, string>>; text: string }
  /** No answer: timeout (the request may have gone through), unreachable (it did not), invalid (a bad URL). */
  | { failure: 'timeout' | 'unreachable' | 'invalid' };

export type Delivery =
  | { kind: 'sent'; remoteId?: string; remoteChannel?: string }
  /** `ambiguous`: the message may have been posted although we were not told, so look before posting again. */
  | { kind: 'retry'; reason: string; ambiguous: boolean; retryAfterMs?: number }
  | { kind: 'failed'; reason: string };

const MINUTE = 60_000;
/**
 * Backoff doubles from one minute and stops at ten: a longer wait buys nothing once a service is down (one probe
 * per service goes out, the messages behind it wait without requests), and it is how late a message may leave
 * after the service answers again — at an hour, an 18:00 reminder stuck in a short outage went out after 20:00.
 */
export const BACKOFF_CAP_MS = 10 * MINUTE;
/**
 * A service's own Retry-After is honoured even beyond the backoff cap (it knows its rate limits better than we
 * do), but not past an hour: a value of days is a misbehaving proxy or a typo, and would park the queue for good.
 */
export const RETRY_AFTER_CAP_MS = 60 * MINUTE;

export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_CAP_MS, MINUTE * 2 ** Math.max(0, Math.min(30, attempts - 1)));
}

/** How long to wait before the next attempt: what the service asked for when it said, else the backoff. */
export function retryWaitMs(attempts: number, askedMs: number | undefined): number {
  return askedMs === undefined ? backoffMs(attempts) : Math.min(RETRY_AFTER_CAP_MS, Math.max(0, askedMs));
}

/**
 * How long the service asked us to wait: Discord's JSON `retry_after` (seconds, with fractions) is the precise one;
 * otherwise the `Retry-After` header, in seconds or as an HTTP date.
 */
export function retryAfterMs(headers: Readonly<Record<string, string>>, now: Date, bodySeconds?: unknown): number | null {
  if (typeof bodySeconds === 'number' && Number.isFinite(bodySeconds) && bodySeconds >= 0) return Math.ceil(bodySeconds * 1000);
  const header = headers['retry-after'];
  if (header === undefined) return null;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now.getTime()) : null;
}

function noAnswer(reply: Extract<Reply, { failure: string }>): Delivery {
  switch (reply.failure) {
    case 'timeout':
      return { kind: 'retry', reason: 'timeout: no answer in time', ambiguous: true };
    case 'unreachable':
      return { kind: 'retry', reason: 'unreachable: could not connect', ambiguous: false };
    case 'invalid':
      return { kind: 'failed', reason: 'invalid address: check the webhook URL in Script Properties' };
  }
}

function rateLimited(reply: Extract<Reply, { status: number }>, now: Date, bodySeconds?: unknown): Delivery {
  const wait = retryAfterMs(reply.headers, now, bodySeconds);
  const out: Delivery = {
    kind: 'retry',
    reason: `rate limited (HTTP 429${wait === null ? '' : `, retry after ${Math.ceil(wait / 1000)} s`})`,
    ambiguous: false,
  };
  if (wait !== null) out.retryAfterMs = wait;
  return out;
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Slack errors that say "not now" rather than "never"; the last three may come after the message was stored. */
const SLACK_TRANSIENT = new Set(['ratelimited', 'service_unavailable', 'team_added_to_org', 'fatal_error', 'internal_error', 'request_timeout']);
const SLACK_AMBIGUOUS = new Set(['fatal_error', 'internal_error', 'request_timeout']);

/** A Slack Web API answer (HTTP 200 with `ok`, 429 with Retry-After, 5xx when Slack is down). */
export function slackApiDelivery(reply: Reply, now: Date): Delivery & { body?: Record<string, unknown> } {
  if ('failure' in reply) return noAnswer(reply);
  if (reply.status === 429) return rateLimited(reply, now);
  if (reply.status >= 500) return { kind: 'retry', reason: `Slack answered HTTP ${reply.status}`, ambiguous: true };
  if (reply.status !== 200) return { kind: 'failed', reason: `Slack answered HTTP ${reply.status}` };
  const body = parseJson(reply.text);
  if (!body) return { kind: 'retry', reason: 'Slack answered something that is not JSON', ambiguous: true };
  if (body['ok'] === true) {
    const out: Delivery & { body?: Record<string, unknown> } = { kind: 'sent', body };
    if (typeof body['ts'] === 'string') out.remoteId = body['ts'];
    if (typeof body['channel'] === 'string') out.remoteChannel = body['channel'];
    return out;
  }
  const error = typeof body['error'] === 'string' ? body['error'] : 'unknown_error';
  if (SLACK_TRANSIENT.has(error)) return { kind: 'retry', reason: `Slack: ${error}`, ambiguous: SLACK_AMBIGUOUS.has(error) };
  const detail = Array.isArray(body['errors']) ? ` (${(body['errors'] as unknown[]).map(String).join('; ').slice(0, 300)})` : '';
  return { kind: 'failed', reason: `Slack: ${error}${detail}` };
}

/** An incoming webhook or a response_url: HTTP 200 "ok", or an error word in the body. */
export function slackHookDelivery(reply: Reply, now: Date): Delivery {
  if ('failure' in reply) return noAnswer(reply);
  if (reply.status === 429) return rateLimited(reply, now);
  if (reply.status >= 500) return { kind: 'retry', reason: `Slack answered HTTP ${reply.status}`, ambiguous: true };
  if (reply.status >= 200 && reply.status < 300) return { kind: 'sent' };
  const word = /^[a-z_]{1,60}$/.test(reply.text.trim()) ? `: ${reply.text.trim()}` : '';
  return { kind: 'failed', reason: `Slack answered HTTP ${reply.status}${word}` };
}

/** A Discord webhook executed with `?wait=true`: 200 with the created message is the only proof it was posted. */
export function discordDelivery(reply: Reply, now: Date): Delivery {
  if ('failure' in reply) return noAnswer(reply);
  const body = parseJson(reply.text);
  if (reply.status === 429) return rateLimited(reply, now, body?.['retry_after']);
  if (reply.status >= 500) return { kind: 'retry', reason: `Discord answered HTTP ${reply.status}`, ambiguous: true };
  if (reply.status === 200 && body && typeof body['id'] === 'string') {
    const out: Delivery = { kind: 'sent', remoteId: body['id'] };
    if (typeof body['channel_id'] === 'string') out.remoteChannel = body['channel_id'];
    return out;
  }
  // 204 is Discord's "created" when it was not asked to wait; it still means posted.
  if (reply.status >= 200 && reply.status < 300) return { kind: 'sent' };
  const message = typeof body?.['message'] === 'string' ? `: ${String(body['message']).slice(0, 200)}` : '';
  const code = typeof body?.['code'] === 'number' ? ` (code ${String(body['code'])})` : '';
  return { kind: 'failed', reason: `Discord answered HTTP ${reply.status}${message}${code}` };
}
