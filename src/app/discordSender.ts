import { discordDelivery } from '../domain/chat/delivery';
import type { DiscordInteractions, DiscordWebhook } from '../platform/discord';
import type { Sender } from '../domain/chat/outboxMessages';

/**
 * Posts through the Discord webhook, or edits a slash command's deferred response. Discord webhooks cannot list a
 * channel's messages, so a timeout is retried as is: `?wait=true` at least makes every other outcome certain (the
 * created message, or an error); an edit is the same whether it is done once or twice.
 */
export function discordSender(webhook: DiscordWebhook | null, interactions: DiscordInteractions | null, now: () => Date): Sender {
  return {
    send(item) {
      const payload: Record<string, unknown> = { allowed_mentions: { parse: [] } };
      if (typeof item.payload['content'] === 'string' && item.payload['content']) payload['content'] = item.payload['content'];
      if (Array.isArray(item.payload['embeds']) && item.payload['embeds'].length > 0) payload['embeds'] = item.payload['embeds'];
      const interaction = item.payload['interaction'] as { applicationId?: unknown; id?: unknown } | undefined;
      if (interaction) {
        if (!interactions || typeof interaction.applicationId !== 'string' || typeof interaction.id !== 'string')
          return { kind: 'failed', reason: 'a Discord interaction answer without its application id or interaction id' };
        const reply = interactions.editOriginal(interaction.applicationId, interaction.id, payload);
        if (!reply) return { kind: 'failed', reason: 'the Discord interaction token expired (15 minutes) before the answer could be sent' };
        return discordDelivery(reply, now());
      }
      if (!webhook) return { kind: 'failed', reason: 'Discord is not configured (DISCORD_WEBHOOK_URL in Script Properties)' };
      return discordDelivery(webhook.execute(payload), now());
    },
  };
}
