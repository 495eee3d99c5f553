import type { Reply } from '../domain/chat/delivery';
import { replyOf } from './chatReply';
import type { HttpClient } from './urlfetch';

export interface DiscordWebhook {
  /** Executes the webhook with `?wait=true`, so a 200 carries the created message: the proof it was posted. */
  execute(payload: unknown): Reply;
}

export function discordWebhook(http: HttpClient, url: string): DiscordWebhook {
  const target = /[?&]wait=/.test(url) ? url : `${url}${url.includes('?') ? '&' : '?'}wait=true`;
  return { execute: (payload) => replyOf(() => http.request({ url: target, method: 'post', json: payload })) };
}
