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
  // The web app's default questions (src/domain/members/questions.ts DEFAULT_QUESTIONS), asked when it is slow.
  done: { ja: '完了事項', en: 'What you finished' },
  planned: { ja: '今日実行予定のこと', en: 'What you plan today' },
  blockers: { ja: 'ブロッカー・課題（1 行に 1 件）', en: 'Blockers and issues (one a line)' },
  mood: { ja: '今日の気分（1〜5）', en: 'Your mood today (1–5)' },
  scale: { ja: '1〜5', en: '1–5' },
  unknown: {
    ja: '⚠️ 知らないコマンドです: /progress update|kpi|team|report|blocker',
    en: '⚠️ Unknown command: /progress update|kpi|team|report|blocker',
  },
  failed: { ja: '⚠️ 記録できませんでした', en: '⚠️ This could not be recorded' },
} as const;

const t = (id: keyof typeof TEXT, language: Language) => TEXT[id][language];

export type ProgressForm = APIModalInteractionResponseCallbackData;

/**
 * The default form: the questions the web app asks when the team has set none. The gateway opens it when the
 * web app does not tell it the team's own form in time (gateway/src/form.ts); the ids are the ones the web app
 * reads the default set by. The shapes are discord-api-types' own, so a change in Discord's API is a type error.
 */
export function progressForm(language: Language): ProgressForm {
  const input = (customId: string, label: keyof typeof TEXT, style: TextInputStyle, required: boolean, maxLength: number, placeholder?: string) => ({
    type: ComponentType.ActionRow as const,
    components: [
      {
        type: ComponentType.TextInput as const,
        custom_id: customId,
        label: t(label, language),
        style,
        required,
        max_length: maxLength,
        ...(placeholder ? { placeholder } : {}),
      },
    ],
  });
  return {
    custom_id: PROGRESS_FORM_ID,
    title: t('title', language),
    components: [
      input('done', 'done', TextInputStyle.Paragraph, false, 1000),
      input('planned', 'planned', TextInputStyle.Paragraph, false, 1000),
      input('blockers', 'blockers', TextInputStyle.Paragraph, false, 1000),
      input('mood', 'mood', TextInputStyle.Short, true, 1, t('scale', language)),
    ],
  };
}

/** Discord refuses a modal outside its limits, and then the member sees nothing: anything else is not served. */
export function isProgressForm(value: unknown): value is ProgressForm {
  const v = value as { custom_id?: unknown; title?: unknown; components?: unknown } | null;
  if (!v || v.custom_id !== PROGRESS_FORM_ID || typeof v.title !== 'string' || v.title.length === 0 || v.title.length > 45) return false;
  if (!Array.isArray(v.components) || v.components.length === 0 || v.components.length > 5) return false;
  return v.components.every((row: { type?: unknown; components?: unknown }) => {
    if (row?.type !== 1 || !Array.isArray(row.components) || row.components.length !== 1) return false;
    const input = row.components[0] as { type?: unknown; custom_id?: unknown; label?: unknown; style?: unknown };
    return (
      input?.type === 4 &&
      typeof input.custom_id === 'string' &&
      input.custom_id.length > 0 &&
      input.custom_id.length <= 100 &&
      typeof input.label === 'string' &&
      input.label.length > 0 &&
      input.label.length <= 45 &&
      (input.style === 1 || input.style === 2)
    );
  });
}

/** Whether the interaction is `/progress update`, the one answered with the form. */
export function asksForForm(interaction: APIInteraction): boolean {
  if (interaction.type !== InteractionType.ApplicationCommand || interaction.data.name !== 'progress') return false;
  const options = 'options' in interaction.data ? (interaction.data.options ?? []) : [];
  return options[0]?.name === 'update';
}

/** What to do with an interaction: answer it here, or answer "deferred" and let the web app finish it. */
export type DiscordPlan = { answer: APIInteractionResponse; forward: boolean };

export function planInteraction(interaction: APIInteraction, language: Language, form: ProgressForm = progressForm(language)): DiscordPlan {
  if (interaction.type === InteractionType.Ping) return { answer: { type: InteractionResponseType.Pong }, forward: false };
  if (interaction.type === InteractionType.ModalSubmit && interaction.data.custom_id === PROGRESS_FORM_ID)
    return { answer: { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } }, forward: true };
  if (interaction.type === InteractionType.ApplicationCommand && interaction.data.name === 'progress') {
    const options = 'options' in interaction.data ? (interaction.data.options ?? []) : [];
    const sub = options[0]?.name;
    if (sub === 'update') return { answer: { type: InteractionResponseType.Modal, data: form }, forward: false };
    // The KPIs and the team's status are for the channel; a blocker, and a member's progress, for the one who asked.
    if (sub === 'kpi' || sub === 'team') return { answer: { type: InteractionResponseType.DeferredChannelMessageWithSource }, forward: true };
    if (sub === 'blocker' || sub === 'report')
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
