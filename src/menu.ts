import { catalog, type Language } from './domain/messages';

/**
 * The 進捗管理 menu, declared once: onOpen builds it from this table, and each handler is a function exported
 * from main.ts (a rename fails to compile, and a test checks each exists in build/Code.js). Areas add rows here.
 */
const caption = catalog({
  setup: { ja: 'セットアップ…', en: 'Setup…' },
  installTriggers: { ja: 'トリガーをインストール／更新', en: 'Install or refresh triggers' },
  showWebhookUrls: { ja: 'Webhook URL を表示', en: 'Show webhook URLs' },
  rotateWebhookTokens: { ja: 'Webhook トークンを再発行', en: 'Rotate webhook tokens' },
  setupWebhooks: { ja: 'GitHub Webhook を作成／更新', en: 'Create or update GitHub webhooks' },
  showHealth: { ja: 'ヘルスチェック', en: 'Health' },
  syncGitHubNow: { ja: 'GitHub を今すぐ同期', en: 'Sync GitHub now' },
  syncGitLabNow: { ja: 'GitLab を今すぐ同期', en: 'Sync GitLab now' },
  recomputeTodaysKpis: { ja: '本日の KPI を再計算', en: "Recompute today's KPIs" },
  sendTestMessages: { ja: 'テストメッセージを送信', en: 'Send test messages' },
  previewWeeklyReport: { ja: '週次レポートをプレビュー', en: 'Preview weekly report' },
  sendWeeklyReportNow: { ja: '週次レポートを今すぐ送信', en: 'Send weekly report now' },
  fillHolidays: { ja: '祝日を取り込む', en: 'Fill holidays' },
});

export type MenuCaption = Parameters<typeof caption>[0];

/** `null` is a separator. */
export const MENU = [
  { caption: 'setup', handler: 'openSetup' },
  { caption: 'installTriggers', handler: 'installTriggers' },
  null,
  { caption: 'showWebhookUrls', handler: 'showWebhookUrls' },
  { caption: 'rotateWebhookTokens', handler: 'rotateWebhookTokens' },
  { caption: 'setupWebhooks', handler: 'setupWebhooks' },
  null,
  { caption: 'showHealth', handler: 'showHealth' },
  null,
  { caption: 'syncGitHubNow', handler: 'syncGitHubNow' },
  { caption: 'syncGitLabNow', handler: 'syncGitLabNow' },
  { caption: 'recomputeTodaysKpis', handler: 'recomputeTodaysKpis' },
  { caption: 'fillHolidays', handler: 'fillHolidays' },
  null,
  { caption: 'sendTestMessages', handler: 'sendTestMessages' },
  { caption: 'previewWeeklyReport', handler: 'previewWeeklyReport' },
  { caption: 'sendWeeklyReportNow', handler: 'sendWeeklyReportNow' },
] as const satisfies ReadonlyArray<{ caption: MenuCaption; handler: string } | null>;

export function menuCaption(id: MenuCaption, language: Language): string {
  return caption(id, language);
}
