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

export interface DiscordInteractions {
  /** Edits the deferred response of an interaction; null when its token is no longer known (15 minutes passed). */
  editOriginal(applicationId: string, interactionId: string, payload: unknown): Reply | null;
}

const DISCORD_API = 'https://discord.com/api/v10';

export function discordInteractions(http: HttpClient, tokenOf: (interactionId: string) => string | null): DiscordInteractions {
  return {
    editOriginal(applicationId, interactionId, payload) {
      const token = tokenOf(interactionId);
      if (!token) return null;
      const url = `${DISCORD_API}/webhooks/${encodeURIComponent(applicationId)}/${encodeURIComponent(token)}/messages/@original`;
      return replyOf(() => http.request({ url, method: 'patch', json: payload }));
    },
  };
}
