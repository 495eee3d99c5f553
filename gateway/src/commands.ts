import { ApplicationCommandOptionType, ApplicationCommandType, type RESTPutAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';

/**
 * The `/progress` command as Discord registers it (`npm run discord:register`), typed with discord-api-types so a
 * field Discord does not take is a type error. Japanese names for Japanese clients, English for the rest.
 */
export const COMMANDS: RESTPutAPIApplicationCommandsJSONBody = [
  {
    type: ApplicationCommandType.ChatInput,
    name: 'progress',
    description: "Report progress, see the KPIs, the team and a member's progress, file a blocker",
    description_localizations: { ja: '進捗の報告、KPI・チーム・メンバーの進捗の確認、ブロッカーの登録' },
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'update',
        description: "Report today's progress in a form",
        description_localizations: { ja: 'フォームで今日の進捗を報告する' },
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'kpi',
        description: "The team's latest KPIs",
        description_localizations: { ja: 'チームの最新の KPI' },
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'team',
        description: 'Who reported today, who has not, and the open blockers',
        description_localizations: { ja: '今日の報告状況と未解決のブロッカー' },
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'report',
        description: "A member's progress: recent reports, open blockers, developer activity",
        description_localizations: { ja: 'メンバーの進捗：最近の報告、未解決のブロッカー、開発活動' },
        options: [
          {
            type: ApplicationCommandOptionType.User,
            name: 'member',
            description: 'Whose progress (yours when left out)',
            description_localizations: { ja: '誰の進捗か（省略すると自分）' },
            required: false,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'blocker',
        description: 'File a blocker',
        description_localizations: { ja: 'ブロッカーを登録する' },
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'text',
            description: 'What blocks you',
            description_localizations: { ja: '何に困っているか' },
            required: true,
            max_length: 1000,
          },
        ],
      },
    ],
  },
];
