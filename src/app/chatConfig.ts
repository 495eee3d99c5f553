import type { ChatConfig } from '../domain/chat/outboxMessages';
import { PROP } from './properties';

/** Where chat can go, from Script Properties: Slack by bot token (Web API) or by incoming webhook, and Discord. */
export function chatConfig(properties: Readonly<Record<string, string>>): ChatConfig {
  return {
    slack: properties[PROP.slackBotToken] ? 'api' : properties[PROP.slackWebhookUrl] ? 'webhook' : null,
    discord: Boolean(properties[PROP.discordWebhookUrl]),
  };
}
