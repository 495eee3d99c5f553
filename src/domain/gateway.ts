import { InputError } from './errors';

/**
 * What the Cloudflare Workers gateway (gateway/) sends the web app, and how the web app reads it. The gateway has
 * checked the sender's own signature (Slack, GitHub, GitLab, Discord); it forwards `POST …/exec?source=gateway&ts=…
 * &sig=…` with a JSON envelope as the body, signed with GATEWAY_SECRET over `{ts}.{body}`. Everything the web app
 * trusts is inside the signed body: the original source, event, delivery id and body.
 */

/** A forward older or newer than this is refused: a captured request cannot be replayed later. */
export const GATEWAY_WINDOW_SECONDS = 300;

export interface GatewayEnvelope {
  /** The original source: slack, github, gitlab, discord or progress. */
  source: string;
  /** X-GitHub-Event / X-Gitlab-Event, or '' for senders without one. */
  event: string;
  /** The sender's delivery id (X-GitHub-Delivery, GitLab's Idempotency-Key, the interaction id), or one the gateway made. */
  delivery: string;
  contentType: string;
  body: string;
  /** The `Authorization` header of a KPI snapshot (`Bearer <token>`), checked by the web app against its own token. */
  authorization: string;
}

/** The string the gateway signs: the timestamp, a dot, and the body exactly as sent. */
export const gatewaySigningInput = (timestamp: string, body: string): string => `${timestamp}.${body}`;

/** Why a forward's timestamp is refused, or null. */
export function timestampProblem(timestamp: string | undefined, now: Date): string | null {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return 'missing or malformed "ts" (Unix seconds)';
  const skew = Math.abs(now.getTime() / 1000 - Number(timestamp));
  return skew > GATEWAY_WINDOW_SECONDS ? `stale timestamp: ${Math.round(skew)} s off, more than ${GATEWAY_WINDOW_SECONDS} s` : null;
}

export function parseEnvelope(text: string): GatewayEnvelope {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError('the gateway envelope is not JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError('the gateway envelope is not a JSON object');
  const v = value as Record<string, unknown>;
  const str = (key: string, required: boolean): string => {
    const field = v[key];
    if (field === undefined && !required) return '';
    if (typeof field !== 'string' || (required && field === '')) throw new InputError(`the gateway envelope has no "${key}" string`);
    return field;
  };
  return {
    source: str('source', true),
    event: str('event', false),
    delivery: str('delivery', true),
    contentType: str('contentType', false),
    body: str('body', false),
    authorization: str('authorization', false),
  };
}

/** `Bearer <token>` → the token (case-insensitive scheme, as RFC 6750 allows); anything else → undefined. */
export function bearerToken(header: string): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

/** A form-encoded body as Apps Script's `e.parameter` would hold it (first value per name). */
export function formFields(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decodeForm(eq < 0 ? pair : pair.slice(0, eq));
    if (!(key in out)) out[key] = eq < 0 ? '' : decodeForm(pair.slice(eq + 1));
  }
  return out;
}

function decodeForm(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

export const isFormEncoded = (contentType: string): boolean => /^application\/x-www-form-urlencoded\b/i.test(contentType);

/**
 * A Slack `response_url` may only be followed to Slack's own host: a request that passed the token check could
 * still name any URL, and the reply carries a member's progress.
 */
export function isSlackResponseUrl(url: string): boolean {
  return /^https:\/\/hooks\.slack\.com\/[^\s]*$/.test(url);
}

/** The answer the web app gives the gateway: the HTTP status the sender should see, and the body to give it. */
export interface GatewayReply {
  ok: boolean;
  status: number;
  contentType: string;
  body: string;
}

/** A short, stable, non-secret name for a token in a cache key (FNV-1a): the key never holds the token itself. */
export function tokenTag(token: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}
