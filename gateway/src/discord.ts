import {
  ComponentType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  TextInputStyle,
  type APIInteraction,
  type APIInteractionResponse,
  type APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';

/**
 * What the gateway answers Discord itself, within Discord's 3 seconds: PONG, the `/progress update` form (a modal
 * must be the immediate answer), or a deferred response the web app completes by editing it (15 minutes). The ids
 * here are read by the web app (src/domain/chat/discordInteraction.ts).
 */

export const PROGRESS_FORM_ID = 'shinchoku:progress';
export type Language = 'ja' | 'en';

const TEXT = {
  title: { ja: '今日の進捗', en: "Today's progress" },
  done: { ja: '完了事項', en: 'Done' },
  planned: { ja: '明日の予定', en: 'Plan for tomorrow' },
  blockers: { ja: 'ブロッカー', en: 'Blockers' },
  mood: { ja: '気分（1〜5）', en: 'Mood (1–5)' },
  unknown: { ja: '⚠️ 知らないコマンドです: /progress update|kpi|team|blocker', en: '⚠️ Unknown command: /progress update|kpi|team|blocker' },
  failed: { ja: '⚠️ 記録できませんでした', en: '⚠️ This could not be recorded' },
} as const;

const t = (id: keyof typeof TEXT, language: Language) => TEXT[id][language];

// The shapes are discord-api-types' own, so a change in Discord's API surfaces as a type error here.
export function progressForm(language: Language): APIModalInteractionResponseCallbackData {
  const input = (customId: string, label: keyof typeof TEXT, style: TextInputStyle, required: boolean, maxLength: number) => ({
    type: ComponentType.ActionRow as const,
    components: [{ type: ComponentType.TextInput as const, custom_id: customId, label: t(label, language), style, required, max_length: maxLength }],
  });
  return {
    custom_id: PROGRESS_FORM_ID,
    title: t('title', language),
    components: [
      input('done', 'done', TextInputStyle.Paragraph, false, 1000),
      input('planned', 'planned', TextInputStyle.Paragraph, false, 1000),
      input('blockers', 'blockers', TextInputStyle.Paragraph, false, 1000),
      input('mood', 'mood', TextInputStyle.Short, false, 1),
    ],
  };
}

/** What to do with an interaction: answer it here, or answer "deferred" and let the web app finish it. */
export type DiscordPlan = { answer: APIInteractionResponse; forward: boolean };

export function planInteraction(interaction: APIInteraction, language: Language): DiscordPlan {
  if (interaction.type === InteractionType.Ping) return { answer: { type: InteractionResponseType.Pong }, forward: false };
  if (interaction.type === InteractionType.ModalSubmit && interaction.data.custom_id === PROGRESS_FORM_ID)
    return { answer: { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } }, forward: true };
  if (interaction.type === InteractionType.ApplicationCommand && interaction.data.name === 'progress') {
    const options = 'options' in interaction.data ? (interaction.data.options ?? []) : [];
    const sub = options[0]?.name;
    if (sub === 'update') return { answer: { type: InteractionResponseType.Modal, data: progressForm(language) }, forward: false };
    // The KPIs and the team's status are for the channel; a blocker is said back to its reporter alone.
    if (sub === 'kpi' || sub === 'team') return { answer: { type: InteractionResponseType.DeferredChannelMessageWithSource }, forward: true };
    if (sub === 'blocker')
      return { answer: { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } }, forward: true };
  }
  return {
    answer: { type: InteractionResponseType.ChannelMessageWithSource, data: { content: t('unknown', language), flags: MessageFlags.Ephemeral } },
    forward: false,
  };
}

/** Who sent it, for the rate limit: the member in a server, the user in a direct message. */
export function discordSender(interaction: APIInteraction): string {
  return interaction.member?.user.id ?? interaction.user?.id ?? 'unknown';
}

/**
 * When the web app could not finish an interaction, the gateway says so in the deferred response itself, rather
 * than leave Discord showing "thinking…" until the token expires.
 */
export function failureEdit(interaction: APIInteraction, error: string, language: Language): { url: string; body: string } {
  const url = `https://discord.com/api/v10/webhooks/${interaction.application_id}/${interaction.token}/messages/@original`;
  return { url, body: JSON.stringify({ content: `${t('failed', language)}: ${error}`.slice(0, 2000), allowed_mentions: { parse: [] } }) };
}
