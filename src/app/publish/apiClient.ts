import { retryAfterMs } from '../../domain/chat/delivery';
import type { HttpClient, HttpRequest, HttpResponse } from '../../platform/urlfetch';

/** A wiki refused or failed a request; the message is the service's own, never a credential. */
export class PublishError extends Error {
  override readonly name = 'PublishError';
  constructor(
    readonly service: 'Notion' | 'Confluence',
    readonly status: number,
    message: string,
  ) {
    super(`${service}: ${message}`);
  }
}

export interface ApiDeps {
  http: HttpClient;
  sleep: (ms: number) => void;
  now: () => Date;
  base64: (text: string) => string;
}

/** A wait longer than this is not worth holding a 6-minute execution for: the run fails and says so. */
const MAX_WAIT_MS = 60_000;
const ATTEMPTS = 4;

/**
 * One request, retried as the services ask: a 429 after its Retry-After, a 5xx after a short back-off. `minGapMs`
 * spaces requests out (Notion allows about three a second on average).
 */
export function apiCaller(deps: ApiDeps, service: 'Notion' | 'Confluence', minGapMs: number) {
  let last = 0;
  return (request: HttpRequest): HttpResponse => {
    for (let attempt = 1; ; attempt++) {
      const gap = last + minGapMs - deps.now().getTime();
      if (last > 0 && gap > 0) deps.sleep(gap);
      last = deps.now().getTime();
      const response = deps.http.request(request);
      const retryable = response.status === 429 || response.status >= 500;
      if (!retryable || attempt >= ATTEMPTS) return response;
      const wait = response.status === 429 ? (retryAfterMs(response.headers, deps.now()) ?? 1000 * attempt) : 1000 * 2 ** (attempt - 1);
      if (wait > MAX_WAIT_MS) throw new PublishError(service, response.status, `rate limited for ${Math.ceil(wait / 1000)} s; try again later`);
      deps.sleep(wait);
    }
  };
}

export function parseJson(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
