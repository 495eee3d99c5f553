import { tokenTag } from '../domain/gateway';
import type { Cache } from '../platform/cache';
import type { PostHandler, WebAnswer, WebRequest } from './webApp';

/**
 * The direct path (`?source=slack|github|progress` straight to the web app) behind two guards: the DIRECT_WEBHOOKS
 * setting, which turns it off once the gateway is in use, and a per-source, per-token count of posts a minute
 * in CacheService, so a flood stops before it reaches a sheet.
 */

export interface DirectPathDeps {
  enabled: () => boolean;
  /** Posts a minute allowed per source and token (DIRECT_RATE_LIMIT). */
  limit: () => number;
  cache: () => Cache;
  now: Date;
}

/** The credential a direct post presents, as Apps Script sees it: the URL token, or Slack's workspace. */
function credentialOf(request: WebRequest): string {
  return request.parameter['token'] ?? request.parameter['team_id'] ?? '';
}

/** Counts the post; the answer when the source is off or over its limit, else null (go on). */
export function directPathRefusal(deps: DirectPathDeps, source: string, request: WebRequest): WebAnswer | null {
  if (!deps.enabled())
    return {
      ok: false,
      error: `direct webhooks are off (Settings ▸ DIRECT_WEBHOOKS): source=${source} is taken only through the gateway (Settings ▸ GATEWAY_URL)`,
    };
  const minute = Math.floor(deps.now.getTime() / 60_000);
  const key = `rate:${source}:${tokenTag(credentialOf(request))}:${minute}`;
  const cache = deps.cache();
  const count = Number(cache.get(key) ?? '0') || 0;
  const limit = deps.limit();
  // Past the limit nothing is written, not even the counter: a flood costs one cache read a post.
  if (count >= limit)
    return {
      ok: false,
      error: `rate limited: more than ${limit} posts a minute to source=${source}; try again in a minute (Settings ▸ DIRECT_RATE_LIMIT)`,
    };
  cache.put(key, String(count + 1), 120);
  return null;
}

export function guardedDirect(source: string, handler: PostHandler, deps: () => DirectPathDeps): PostHandler {
  return (request) => directPathRefusal(deps(), source, request) ?? handler(request);
}
