import { discordDelivery } from '../domain/chat/delivery';
import type { DiscordWebhook } from '../platform/discord';
import type { Sender } from '../domain/chat/outboxMessages';

/**
 * Posts through the Discord webhook. Discord webhooks cannot list a channel's messages, so a timeout is retried as
 * is: `?wait=true` at least makes every other outcome certain (the created message, or an error).
 */
export function discordSender(webhook: DiscordWebhook, now: () => Date): Sender {
  return {
    send(item) {
      const payload: Record<string, unknown> = { allowed_mentions: { parse: [] } };
      if (typeof item.payload['content'] === 'string' && item.payload['content']) payload['content'] = item.payload['content'];
      if (Array.isArray(item.payload['embeds']) && item.payload['embeds'].length > 0) payload['embeds'] = item.payload['embeds'];
      return discordDelivery(webhook.execute(payload), now());
    },
  };
}
