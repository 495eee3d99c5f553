import type { Reply } from '../domain/chat/delivery';
import type { HttpResponse } from './urlfetch';

/**
 * An HTTP exchange as a Reply: UrlFetchApp throws when there is no answer at all, and the outbox must tell a
 * timeout (the message may have been posted) from a refused connection (it was not). The exception's text holds
 * the URL, which may carry a webhook secret, so only its kind is kept.
 */
export function replyOf(send: () => HttpResponse): Reply {
  try {
    return send();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/^(Exception: )?Timeout\b|timed out/i.test(message)) return { failure: 'timeout' };
    if (/Invalid argument|Bad request/i.test(message)) return { failure: 'invalid' };
    return { failure: 'unreachable' };
  }
}
